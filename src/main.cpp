// waishi: the server and its tools, one binary.
//
//   waishi serve   --db URL [--port 8080] [--static web/dist]   run the server
//   waishi migrate --db URL                                      apply pending migrations
//   waishi demo    --db URL                                      migrate and load the demo data
//   waishi audit verify --db URL                                 check the audit chain
//   waishi keys init                                             create the audit key
//   waishi bench-data --db URL [--cases 1000000]                 synthetic data for the benchmark
//   waishi openapi                                               print the OpenAPI document
//
// URL is sqlite:PATH or postgresql://user@host:port/db. The keys live in the folder given by
// --keys (default $WAISHI_KEYS, else ./keys); the audit chain's checkpoints are copied to
// --audit-anchor (default KEYS/audit-anchor.log) and, with --audit-syslog, to syslog.
//
// serve behind a reverse proxy (docs/deploy.md): --trusted-proxy ADDR[,ADDR…] (default
// $WAISHI_TRUSTED_PROXIES): a request whose peer is one of these takes its client address
// from X-Forwarded-For. --export-max-rows N (default $WAISHI_EXPORT_MAX_ROWS, else 100000):
// the most rows an Excel export of a list writes.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/app.h"
#include "core/audit/anchor.h"
#include "core/audit/audit.h"
#include "core/audit/key.h"
#include "core/log.h"
#include "core/module.h"
#include "core/platform.h"
#include "travel/travel.h"

namespace {

using waishi::App;

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
};

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.starts_with("--")) {
      std::string name = a.substr(2), value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) {
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
      waishi::platform::Core(),
      waishi::travel::Module(),
  };
}

int Usage() {
  std::fputs(
      "usage: waishi serve --db URL [--port 8080] [--address 0.0.0.0] [--static DIR] [--workers N] "
      "[--io-threads N] [--no-access-log]\n"
      "       waishi migrate --db URL\n"
      "       waishi demo --db URL\n"
      "       waishi audit verify --db URL\n"
      "       waishi keys init\n"
      "every command that writes or checks the audit log: [--keys DIR] [--audit-anchor FILE] "
      "[--audit-syslog]\n"
      "       waishi bench-data --db URL [--cases N]\n"
      "       waishi openapi\n"
      "URL: sqlite:PATH | postgresql://user@host:port/dbname\n",
      stderr);
  return 2;
}

int Run(const Args& args) {
  if (args.positional.empty()) return Usage();
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
    waishi::audit::Key::Create(audit_key);
    std::printf("audit key created: %s (keep it outside the database and its backups)\n",
                audit_key.c_str());
    return 0;
  }
  const std::string url = args.Get("db", std::getenv("WAISHI_DB") ? std::getenv("WAISHI_DB") : "");
  if (url.empty()) return Usage();
  if (command != "migrate") waishi::audit::UseKey(waishi::audit::Key::Load(audit_key));

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
  const char* max_rows_env = std::getenv("WAISHI_EXPORT_MAX_ROWS");
  app.export_max_rows =
      std::stoll(args.Get("export-max-rows", max_rows_env ? max_rows_env : "100000"));
  if (app.export_max_rows < 1) throw std::invalid_argument("--export-max-rows must be positive");
  const auto modules = Modules();
  for (const auto& m : modules) db->Migrate(m.name, m.migrations);
  if (anchor) db->AfterCommit([&anchor](waishi::db::Session& s) { anchor->AfterCommit(s); });
  for (const auto& m : modules) m.setup(app);
  // A definition that refers to what no module registered stops the server here, naming it.
  app.cases.Validate([&app](std::string_view policy) { return app.policies.Has(policy); });

  if (command == "migrate") {
    std::puts("database is up to date");
    return 0;
  }
  if (command == "demo") return waishi::platform::LoadDemo(app, modules);
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
    options.io_threads = std::stoul(args.Get("io-threads", "2"));
    options.access_log = !args.options.contains("no-access-log");
    const char* proxies_env = std::getenv("WAISHI_TRUSTED_PROXIES");
    options.trusted_proxies = waishi::http::TrustedProxies::Parse(
        args.Get("trusted-proxy", proxies_env ? proxies_env : ""));
    waishi::log::Info(std::string("waishi ") + WAISHI_VERSION + " on " +
                      std::string(db->DialectName()));
    waishi::http::Serve(options, router);
    return 0;
  }
  return Usage();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(ParseArgs(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "waishi: %s\n", e.what());
    return 1;
  }
}
