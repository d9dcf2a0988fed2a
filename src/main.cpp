// waishi: the server and its tools, one binary.
//
//   waishi serve   --db URL [--port 8080] [--static web/dist]   run the server
//                  [--smtp URL --smtp-from ADDRESS [--smtp-user U --smtp-password P]]
//                  [--public-url http://localhost:8080]          e-mail through SMTP
//   waishi migrate --db URL                                      apply pending migrations
//   waishi demo    --db URL                                      migrate and load the demo data
//   waishi audit verify --db URL                                 check the audit chain
//   waishi keys init                                             create the audit and signing keys
//   waishi bench-data --db URL [--cases 1000000]                 synthetic data for the benchmark
//   waishi bench-pdf [--count 100]                               letters rendered and signed
//                                                                 per second
//   waishi openapi                                               print the OpenAPI document
//   waishi import itineraries --db URL FILE.csv                  people abroad and their legs
//                                                                 (and the modules' other
//                                                                 commands: Module::commands)
//
// URL is sqlite:PATH or postgresql://user@host:port/db. The keys live in the folder given by
// --keys (default $WAISHI_KEYS, else ./keys): audit.key, and signing.key with signing.crt
// (the office's documents are signed with them); the audit chain's checkpoints are copied to
// --audit-anchor (default KEYS/audit-anchor.log) and, with --audit-syslog, to syslog.
// The mailer sends the outbox when --smtp (or $WAISHI_SMTP) is given: smtp://host:port,
// smtps://host:port or smtp+starttls://host:port; the login from --smtp-user/--smtp-password
// or, better (not in the process list), $WAISHI_SMTP_USER/$WAISHI_SMTP_PASSWORD.
//
// serve behind a reverse proxy (docs/deploy.md): --trusted-proxy ADDR[,ADDR…] (default
// $WAISHI_TRUSTED_PROXIES): a request whose peer is one of these takes its client address
// from X-Forwarded-For. --export-max-rows N (default $WAISHI_EXPORT_MAX_ROWS, else 100000):
// the most rows an Excel export of a list writes. Connections (http::ServerOptions): past
// --max-connections N (10000) open at once, or --max-connections-per-ip N (1000; the trusted
// proxies excepted) from one address, a new one is closed at once (0: no limit); a request not
// read whole within --read-timeout S (20) seconds is cut off.
//
// Operations (docs/operations.md): --log-format json (default $WAISHI_LOG_FORMAT, else text)
// writes each log line as one JSON object; GET /metrics answers the loopback and the trusted
// proxies, and anyone with "Authorization: Bearer TOKEN" for --metrics-token TOKEN (better:
// $WAISHI_METRICS_TOKEN, not in the process list).
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "consular/consular.h"
#include "core/app.h"
#include "core/audit/anchor.h"
#include "core/audit/audit.h"
#include "core/audit/key.h"
#include "core/auth/password.h"
#include "core/cases/engine.h"
#include "core/daily.h"
#include "core/db/backup.h"
#include "core/documents/bench.h"
#include "core/documents/signer.h"
#include "core/error.h"
#include "core/http/live_relay.h"
#include "core/i18n/text.h"
#include "core/log.h"
#include "core/module.h"
#include "core/notify/mailer.h"
#include "core/platform.h"
#include "core/search/search.h"
#include "counter/counter.h"
#include "invitation/invitation.h"
#include "legalization/legalization.h"
#include "network/network.h"
#include "safety/safety.h"
#include "travel/travel.h"
#include "visa/visa.h"

namespace {

using waishi::App;

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
  // --name, else the environment variable `env`, else the fallback.
  std::string GetOrEnv(const std::string& name, const char* env,
                       const std::string& fallback = "") const {
    const char* value = std::getenv(env);
    return Get(name, value ? value : fallback);
  }
};

// The options that take no value (with the modules' commands' own, Command::switches):
// `--force FILE` is a switch and a file, not FILE as its value.
constexpr std::array<std::string_view, 2> kSwitches = {"force", "no-access-log"};

Args ParseArgs(int argc, char** argv, const std::vector<std::string>& switches) {
  const auto is_switch = [&](const std::string& name) {
    return std::find(kSwitches.begin(), kSwitches.end(), name) != kSwitches.end() ||
           std::find(switches.begin(), switches.end(), name) != switches.end();
  };
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.starts_with("--")) {
      std::string name = a.substr(2), value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else if (!is_switch(name) && i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) {
        value = argv[++i];
      }
      args.options[name] = value;
    } else {
      args.positional.push_back(a);
    }
  }
  return args;
}

// Every module of the office, in one list: what this server contains.
std::vector<waishi::Module> Modules() {
  return {
      waishi::platform::Core(),       waishi::travel::Module(),   waishi::invitation::Module(),
      waishi::legalization::Module(), waishi::visa::Module(),     waishi::counter::Module(),
      waishi::safety::Module(),       waishi::consular::Module(), waishi::network::Module(),
  };
}

// The daily job: every module's retention, then the rest of its daily work.
void RunDaily(App& app, const std::vector<waishi::Module>& modules) {
  for (const auto& m : modules) {
    if (m.retention) m.retention(app);
  }
  for (const auto& m : modules) {
    if (m.daily) m.daily(app);
  }
}

int Usage() {
  std::fputs(
      "usage: waishi serve --db URL [--port 8080] [--address 0.0.0.0] [--static DIR] [--workers N] "
      "[--write-workers N] [--io-threads N] [--no-access-log]\n"
      "                    [--max-connections 10000] [--max-connections-per-ip 1000] "
      "[--read-timeout 20]\n"
      "                    [--log-format text|json] [--metrics-token TOKEN] "
      "[--trusted-proxy ADDR,...]\n"
      "                    [--backup-dir DIR] [--backup-keep 7]\n"
      "                    [--smtp URL] [--smtp-from ADDRESS] [--smtp-user USER] "
      "[--smtp-password PASSWORD] [--public-url URL]\n"
      "       waishi migrate --db URL\n"
      "       waishi demo --db URL\n"
      "       waishi retention --db URL\n"
      "       waishi daily --db URL\n"
      "       waishi backup --db URL --to FILE\n"
      "       waishi restore --db URL --from FILE [--force]\n"
      "       waishi audit verify --db URL\n"
      "       waishi keys init [--keys DIR]\n"
      "every command that writes or checks the audit log: [--keys DIR] [--audit-anchor FILE] "
      "[--audit-syslog]\n"
      "       waishi bench-data --db URL [--cases N]\n"
      "       waishi bench-pdf [--count N] [--keys DIR]\n"
      "       waishi openapi\n",
      stderr);
  for (const auto& m : Modules()) {
    for (const auto& c : m.commands) {
      std::string words;
      for (const auto& w : c.words) words += w + " ";
      std::fprintf(stderr, "       waishi %s%s\n", words.c_str(), c.usage.c_str());
    }
  }
  std::fputs("URL: sqlite:PATH | postgresql://user@host:port/dbname\n", stderr);
  return 2;
}

int Run(const Args& args) {
  if (args.positional.empty()) return Usage();
  const std::string log_format = args.GetOrEnv("log-format", "WAISHI_LOG_FORMAT", "text");
  if (const auto format = waishi::log::ParseFormat(log_format)) {
    waishi::log::SetFormat(*format);
  } else {
    throw std::invalid_argument("--log-format must be text or json, not " + log_format);
  }
  const std::string& command = args.positional[0];
  if (command == "openapi") {
    // The document needs the routes only: an in-memory database that nothing queries.
    auto db = waishi::db::Database::Open("sqlite::memory:", 1);
    waishi::http::Router router;
    App app{*db, router};
    for (const auto& m : Modules()) m.setup(app);
    std::puts(router.OpenApi(WAISHI_VERSION).dump(2).c_str());
    return 0;
  }
  const std::filesystem::path keys =
      args.Get("keys", std::getenv("WAISHI_KEYS") ? std::getenv("WAISHI_KEYS") : "keys");
  const std::filesystem::path audit_key = keys / "audit.key";
  const std::filesystem::path anchor_file =
      args.Get("audit-anchor", (keys / "audit-anchor.log").string());
  if (command == "keys") {
    if (args.positional.size() < 2 || args.positional[1] != "init") return Usage();
    // Creates what is missing and never replaces a key: entries sealed and documents signed
    // under the old one could no longer be checked.
    if (std::filesystem::exists(audit_key)) {
      std::printf("audit key exists, kept: %s\n", audit_key.c_str());
    } else {
      waishi::audit::Key::Create(audit_key);
      std::printf("audit key created: %s (keep it outside the database and its backups)\n",
                  audit_key.c_str());
    }
    const std::filesystem::path signing_key = keys / "signing.key";
    if (std::filesystem::exists(signing_key)) {
      std::printf("signing key exists, kept: %s\n", signing_key.c_str());
    } else {
      // A self-signed pair for the demo, in the office's name; an office installs its own.
      waishi::documents::Signer::Create(keys, waishi::i18n::T("office.name").zh);
      std::printf("signing key created: %s (self-signed; keep it outside the database)\n",
                  signing_key.c_str());
    }
    std::printf("signing certificate: %s\n", (keys / "signing.crt").c_str());
    return 0;
  }
  if (command == "bench-pdf") {
    // One thread: the figure is per core. A JSON line for bench/run.sh.
    waishi::documents::UseSigner(waishi::documents::Signer::Load(keys));
    const auto r = waishi::documents::BenchRenderAndSign(std::stoi(args.Get("count", "100")));
    std::printf(
        "{\"letters\": %d, \"seconds\": %.3f, \"per_second\": %.1f, \"pages\": %d, "
        "\"bytes\": %zu}\n",
        r.letters, r.seconds, r.per_second, r.pages, r.bytes);
    return 0;
  }
  const std::string url = args.Get("db", std::getenv("WAISHI_DB") ? std::getenv("WAISHI_DB") : "");
  if (url.empty()) return Usage();
  // Before anything opens the database: a restore's target must be left as it is found.
  if (command == "backup" || command == "restore") {
    const std::string file = args.Get(command == "backup" ? "to" : "from");
    if (file.empty()) return Usage();
    try {
      if (command == "backup") {
        waishi::db::Backup(url, file);
        std::printf("backup written: %s\n", file.c_str());
      } else {
        waishi::db::Restore(url, file, args.options.contains("force"));
        std::printf("restored from %s; check it with `waishi audit verify`\n", file.c_str());
      }
    } catch (const waishi::db::BackupError& e) {
      std::fprintf(stderr, "waishi %s: %s\n", command.c_str(), e.what());
      return 1;
    }
    return 0;
  }
  if (command != "migrate") {
    waishi::audit::UseKey(waishi::audit::Key::Load(audit_key));
    // The office's documents are signed with it (core/documents/signer.h); missing, the
    // message says to run `waishi keys init`.
    waishi::documents::UseSigner(waishi::documents::Signer::Load(keys));
  }

  if (command == "audit") {
    if (args.positional.size() < 2 || args.positional[1] != "verify") return Usage();
    auto db = waishi::db::Database::Open(url, 1);
    const bool anchored = std::filesystem::exists(anchor_file);
    auto result = waishi::audit::Verify(*db, anchored ? std::optional(anchor_file) : std::nullopt);
    if (!result.ok) {
      std::fprintf(stderr, "audit chain BROKEN at entry %lld: %s\n", result.first_bad_id,
                   result.reason.c_str());
      return 1;
    }
    std::printf("audit chain ok: %lld entries, %lld checkpoints of %s matched\n", result.entries,
                result.checkpoints, anchored ? anchor_file.c_str() : "(no anchor file)");
    return 0;
  }

  // Declared before the database, which calls it after each commit until it closes.
  std::unique_ptr<waishi::audit::Anchor> anchor;
  if (command != "migrate") {
    anchor =
        std::make_unique<waishi::audit::Anchor>(anchor_file, args.options.contains("audit-syslog"));
  }

  // Worker threads (and pooled read sessions): enough for group commit to gather writes,
  // few enough that hand-offs between them stay cheap on a small machine.
  const std::size_t workers = std::stoul(args.Get("workers", "8"));
  auto db = waishi::db::Database::Open(url, workers);
  waishi::http::Router router;
  App app{*db, router};
  if (anchor) app.audit_anchor = anchor->file();
  app.public_url = args.GetOrEnv("public-url", "WAISHI_PUBLIC_URL", app.public_url);
  const char* max_rows_env = std::getenv("WAISHI_EXPORT_MAX_ROWS");
  app.export_max_rows =
      std::stoll(args.Get("export-max-rows", max_rows_env ? max_rows_env : "100000"));
  if (app.export_max_rows < 1) throw std::invalid_argument("--export-max-rows must be positive");
  const auto modules = Modules();
  for (const auto& m : modules) db->Migrate(m.name, m.migrations);
  if (const long long n = waishi::search::RebuildIfPending(*db); n > 0)
    waishi::log::Info("search index: rebuilt for " + std::to_string(n) + " records");
  if (anchor) db->AfterCommit([&anchor](waishi::db::Session& s) { anchor->AfterCommit(s); });
  for (const auto& m : modules) m.setup(app);
  // A definition that refers to what no module registered stops the server here, naming it.
  app.cases.Validate([&app](std::string_view policy) { return app.policies.Has(policy); });
  // A database from before the search index (core migration 0009) is indexed once.
  if (command != "migrate") {
    if (const long long n = waishi::cases::Engine(app).IndexAllIfUnindexed(); n > 0)
      waishi::log::Info("search index: " + std::to_string(n) + " cases indexed");
  }

  if (command == "migrate") {
    std::puts("database is up to date");
    return 0;
  }
  if (command == "demo") return waishi::platform::LoadDemo(app, modules);
  // A module's own command: its words first, then its arguments, its switches among them.
  for (const auto& m : modules) {
    for (const auto& c : m.commands) {
      const auto& p = args.positional;
      if (p.size() >= c.words.size() && std::equal(c.words.begin(), c.words.end(), p.begin())) {
        std::vector<std::string> rest(p.begin() + static_cast<long>(c.words.size()), p.end());
        for (const std::string& name : c.switches) {
          if (args.options.contains(name)) rest.push_back("--" + name);
        }
        return c.run(app, rest);
      }
    }
  }
  // What the daily job does, now (for cron, and tests): every module's retention alone, or the
  // whole job.
  if (command == "retention") {
    for (const auto& m : modules) {
      if (m.retention) m.retention(app);
    }
    return 0;
  }
  if (command == "daily") {
    RunDaily(app, modules);
    return 0;
  }
  if (command == "bench-data") {
    const long count = std::stol(args.Get("cases", "1000000"));
    for (const auto& m : modules) {
      if (m.bench_data) m.bench_data(app, count);
    }
    return 0;
  }
  if (command == "serve") {
    waishi::http::ServerOptions options;
    options.port = static_cast<std::uint16_t>(std::stoi(args.Get("port", "8080")));
    options.address = args.Get("address", "0.0.0.0");
    options.static_dir = args.Get("static", "");
    options.worker_threads = workers;
    options.write_threads =
        std::stoul(args.Get("write-workers", std::to_string(options.write_threads)));
    if (options.write_threads < 1) throw std::invalid_argument("--write-workers must be positive");
    options.io_threads = std::stoul(args.Get("io-threads", "2"));
    options.access_log = !args.options.contains("no-access-log");
    options.max_connections =
        std::stoul(args.Get("max-connections", std::to_string(options.max_connections)));
    options.max_connections_per_ip = std::stoul(
        args.Get("max-connections-per-ip", std::to_string(options.max_connections_per_ip)));
    options.read_timeout_s =
        std::stoul(args.Get("read-timeout", std::to_string(options.read_timeout_s)));
    if (options.read_timeout_s < 1) throw std::invalid_argument("--read-timeout must be positive");
    const char* proxies_env = std::getenv("WAISHI_TRUSTED_PROXIES");
    options.trusted_proxies = waishi::http::TrustedProxies::Parse(
        args.Get("trusted-proxy", proxies_env ? proxies_env : ""));
    options.metrics_token = args.GetOrEnv("metrics-token", "WAISHI_METRICS_TOKEN");
    waishi::notify::ReportOutboxBacklog(*db);
    waishi::log::Info(std::string("waishi ") + WAISHI_VERSION + " on " +
                      std::string(db->DialectName()));
    if (waishi::auth::WeakHashingForTests())
      waishi::log::Warn(
          "WAISHI_TEST_WEAK_PASSWORD_HASH=1: new passwords are hashed with Argon2id's minimum "
          "cost, for test runs only; unset it on a real server");
    std::unique_ptr<waishi::notify::Mailer> mailer;
    if (const std::string smtp = args.GetOrEnv("smtp", "WAISHI_SMTP"); !smtp.empty()) {
      mailer = std::make_unique<waishi::notify::Mailer>(
          *db, waishi::notify::SmtpOptions{
                   smtp, args.GetOrEnv("smtp-from", "WAISHI_SMTP_FROM", "waishi@localhost"),
                   args.GetOrEnv("smtp-user", "WAISHI_SMTP_USER"),
                   args.GetOrEnv("smtp-password", "WAISHI_SMTP_PASSWORD"), app.public_url});
      mailer->Start();
    }
    // The daily job once a day, the first a minute after start-up; with --backup-dir, a backup
    // first (the newest --backup-keep kept, default 7).
    const std::string backup_dir = args.Get("backup-dir");
    const int backup_keep = std::stoi(args.Get("backup-keep", "7"));
    if (backup_keep < 1) throw std::invalid_argument("--backup-keep must be positive");
    waishi::Daily daily(std::chrono::minutes(1), [&] {
      if (!backup_dir.empty()) {
        const auto file = waishi::db::BackupInto(url, backup_dir, backup_keep);
        waishi::log::Info("backup written: " + file.string());
      }
      RunDaily(app, modules);
    });
    // Several servers on one PostgreSQL: the live views' events reach each of them.
    const auto relay = waishi::live::RelayThroughDatabase(waishi::live::Default(), *db);
    waishi::http::Serve(options, router);
    daily.Stop();
    if (mailer) mailer->Stop();  // finishes the message in hand, sends no more
    return 0;
  }
  return Usage();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::vector<std::string> switches;
    for (const auto& m : Modules()) {
      for (const auto& c : m.commands)
        switches.insert(switches.end(), c.switches.begin(), c.switches.end());
    }
    return Run(ParseArgs(argc, argv, switches));
  } catch (const waishi::ApiError& e) {
    // A refusal while loading the demo or importing: what it names, as the API would say it.
    std::fprintf(stderr, "waishi: %s\n", e.ToJson().dump().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "waishi: %s\n", e.what());
    return 1;
  }
}
