#include "core/notify/mailer.h"

#include <curl/curl.h>

#include <cctype>
#include <chrono>
#include <cstring>
#include <map>
#include <stdexcept>
#include <vector>

#include "core/clock.h"
#include "core/log.h"
#include "core/metrics/metrics.h"
#include "core/notify/mail.h"
#include "core/notify/notify.h"
#include "core/notify/parts.h"

namespace waishi::notify {
namespace {

constexpr auto kPollInterval = std::chrono::seconds(1);
// A claimed message whose mailer has not reported within this time (it died) is due again.
constexpr auto kLease = std::chrono::minutes(5);
constexpr long kConnectTimeoutSeconds = 10, kTimeoutSeconds = 60;
constexpr std::size_t kMaxErrorLength = 500;

constexpr const char* kDue = R"(
  SELECT id, state, next_attempt_at FROM outbox
  WHERE state IN ('queued', 'failed', 'sending') AND next_attempt_at <= :now AND attempts < :max
  ORDER BY next_attempt_at, id LIMIT 20)";
constexpr const char* kClaim = R"(
  UPDATE outbox SET state = 'sending', next_attempt_at = :lease
  WHERE id = :id AND state = :state AND next_attempt_at = :seen)";
constexpr const char* kMessage = R"(
  SELECT o.to_address, o.msg_key, o.args, o.link, o.created_at, COALESCE(o.locale, u.locale)
  FROM outbox o LEFT JOIN users u ON u.id = o.user_id WHERE o.id = :id)";
constexpr const char* kSent = R"(
  UPDATE outbox SET state = 'sent', sent_at = :n, attempts = attempts + 1, last_error = '',
                    next_attempt_at = NULL
  WHERE id = :id AND state = 'sending')";
constexpr const char* kFailed = R"(
  UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = :e,
                    next_attempt_at = :next
  WHERE id = :id AND state = 'sending')";
constexpr const char* kAttempts = "SELECT attempts FROM outbox WHERE id = :id";
constexpr const char* kBacklog = R"(
  SELECT state, COUNT(*) FROM outbox WHERE state IN ('queued', 'sending', 'failed')
  GROUP BY state)";

// --- libcurl's callbacks (CURLOPT_READFUNCTION, CURLOPT_DEBUGFUNCTION)

struct Upload {
  const std::string* text;
  std::size_t pos = 0;
};

std::size_t ReadMessage(char* buffer, std::size_t size, std::size_t items, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * items, up->text->size() - up->pos);
  std::memcpy(buffer, up->text->data() + up->pos, n);
  up->pos += n;
  return n;
}

// The server's last error reply (4xx or 5xx, RFC 5321 section 4.2), from what curl shows it
// received. The message itself (CURLINFO_DATA_OUT) is not looked at.
int SeeReply(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN || size < 3) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line[0] == '4' || line[0] == '5') *static_cast<std::string*>(user) = line;
  return 0;
}

std::string Domain(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

std::string Join(const std::string& base, const std::string& link) {
  if (link.empty()) return "";
  std::string b = base;
  while (!b.empty() && b.back() == '/') b.pop_back();
  return b + link;
}

// The body: the recipient's language first, then the other (each with the link), then the
// note that the message was sent automatically, in both.
std::string Body(const Rendered& t, bool english, const std::string& url) {
  const i18n::Text open = i18n::T("notify.mail.open", {{"url", url}});
  const i18n::Text footer = i18n::T("notify.mail.footer");
  auto part = [&](bool en, bool with_subject) {
    std::string out;
    if (with_subject) out += (en ? t.subject.en : t.subject.zh) + "\n\n";
    out += (en ? t.body.en : t.body.zh) + "\n";
    if (!url.empty()) out += "\n" + (en ? open.en : open.zh) + "\n";
    return out;
  };
  const std::string rule = "\n----------------------------------------\n\n";
  return part(english, false) + rule + part(!english, true) + rule +
         (english ? footer.en + "\n" + footer.zh : footer.zh + "\n" + footer.en) + "\n";
}

}  // namespace

Mailer::Mailer(db::Database& db, SmtpOptions options) : db_(db), options_(std::move(options)) {
  if (!mail::IsAddress(options_.from)) {
    throw std::invalid_argument("--smtp-from: not an e-mail address: " + options_.from);
  }
  curl_url_ = options_.url;
  if (curl_url_.starts_with("smtp+starttls://")) {
    curl_url_ = "smtp://" + curl_url_.substr(std::strlen("smtp+starttls://"));
    require_tls_ = true;
  } else if (!curl_url_.starts_with("smtp://") && !curl_url_.starts_with("smtps://")) {
    throw std::invalid_argument("--smtp: smtp://, smtps:// or smtp+starttls://host:port expected");
  }
}

Mailer::~Mailer() { Stop(); }

void Mailer::Start() {
  // Not thread-safe: once, before the thread exists (libcurl's documented rule).
  curl_global_init(CURL_GLOBAL_DEFAULT);
  thread_ = std::thread([this] { Loop(); });
  log::Info("mailer: sending the outbox through " + curl_url_.substr(0, curl_url_.find("://")) +
            (require_tls_ ? " with STARTTLS" : ""));
}

void Mailer::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Mailer::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    try {
      while (RunOnce() > 0) {
        std::lock_guard check(mu_);
        if (stop_) break;
      }
    } catch (const std::exception& e) {
      log::Error(std::string("mailer: ") + e.what());
    }
    lock.lock();
    cv_.wait_for(lock, kPollInterval, [this] { return stop_; });
  }
}

int Mailer::RunOnce() {
  struct Due {
    long long id;
    std::string state, seen;
  };
  std::vector<Due> due;
  db_.Read([&](db::Session& s) {
    s.Query(kDue, {{"now", clock::NowIso()}, {"max", mail::kMaxAttempts}}, [&](const db::Row& r) {
      due.push_back({db::Int(r, 0), db::Text(r, 1), db::Text(r, 2)});
    });
  });
  int tried = 0;
  for (const Due& d : due) {
    {
      std::lock_guard lock(mu_);
      if (stop_) break;
    }
    const bool claimed = db_.Write([&](db::Session& s) {
      return s.Exec(kClaim, {{"lease", clock::IsoAfter(kLease)},
                             {"id", d.id},
                             {"state", d.state},
                             {"seen", d.seen}}) == 1;
    });
    if (!claimed) continue;  // another mailer has it
    ++tried;
    std::string error;
    try {
      error = Deliver(d.id);
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (error.size() > kMaxErrorLength) error.resize(kMaxErrorLength);
    db_.Write([&](db::Session& s) {
      if (error.empty()) {
        s.Exec(kSent, {{"n", clock::NowIso()}, {"id", d.id}});
        return;
      }
      const long long attempts = s.Int(kAttempts, {{"id", d.id}}).value_or(0) + 1;
      s.Exec(kFailed, {{"e", error},
                       {"next", clock::IsoAfter(mail::Backoff(static_cast<int>(attempts)))},
                       {"id", d.id}});
    });
    if (error.empty()) {
      log::Info("mailer: outbox " + std::to_string(d.id) + " sent");
    } else {
      // The reply's code only: its text may quote the address.
      const bool coded = error.size() >= 3 && std::isdigit(static_cast<unsigned char>(error[0]));
      log::Warn("mailer: outbox " + std::to_string(d.id) + " failed" +
                (coded ? " (SMTP " + error.substr(0, 3) + ")" : ""));
    }
  }
  return tried;
}

std::string Mailer::Deliver(long long id) {
  mail::Mail m;
  std::string key, link, created, locale;
  Json args;
  db_.Read([&](db::Session& s) {
    s.Query(kMessage, {{"id", id}}, [&](const db::Row& r) {
      m.to = db::Text(r, 0);
      key = db::Text(r, 1);
      args = db::JsonCol(r, 2);
      link = db::Text(r, 3);
      created = db::Text(r, 4);
      locale = db::Text(r, 5);
    });
  });
  if (!mail::IsAddress(m.to)) return "not a usable address";
  const bool english = detail::LanguageOf(locale) == detail::Language::kEn;
  const Rendered text = Render(key, args);
  const i18n::Text from_name = i18n::T("notify.mail.from_name");
  m.from_address = options_.from;
  m.from_name = english ? from_name.en : from_name.zh;
  m.subject = english ? text.subject.en : text.subject.zh;
  m.body = Body(text, english, Join(options_.public_url, link));
  std::string stamp;
  for (char c : created) {
    if (c >= '0' && c <= '9') stamp += c;
  }
  m.message_id = "outbox." + std::to_string(id) + "." + stamp + "@" + Domain(options_.from);
  m.date = clock::Now();
  const std::string message = mail::Build(m);

  CURL* curl = curl_easy_init();
  if (!curl) return "curl_easy_init failed";
  Upload up{&message};
  std::string reply;
  char errbuf[CURL_ERROR_SIZE] = {};
  const std::string from = "<" + options_.from + ">", to = "<" + m.to + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, to.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, curl_url_.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadMessage);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, kTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  // The replies are read through the debug callback; with it set, curl prints nothing.
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, SeeReply);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &reply);
  if (require_tls_) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!options_.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return "";
  // The server's answer first (its code and text), then curl's account of the failure.
  std::string error = reply.empty() ? (code ? "SMTP " + std::to_string(code) : "") : reply;
  const std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  return error.empty() ? detail : error + " (" + detail + ")";
}

void ReportOutboxBacklog(db::Database& db) {
  metrics::AddCollector([&db](std::string& out) {
    std::map<std::string, long long> by_state = {{"queued", 0}, {"sending", 0}, {"failed", 0}};
    try {
      db.Read([&](db::Session& s) {
        s.Query(kBacklog, {}, [&](const db::Row& r) { by_state[db::Text(r, 0)] = db::Int(r, 1); });
      });
    } catch (const std::exception& e) {
      // The database away: the figure is left out (absent, not a false 0); readiness says why.
      log::Warn(std::string("metrics: the outbox not counted: ") + e.what());
      return;
    }
    metrics::WriteFamily(out, "waishi_outbox_backlog",
                         "Outbox messages not sent, by state (failed: retried later or given up).",
                         "gauge");
    for (const auto& [state, n] : by_state) {
      metrics::WriteSample(out, "waishi_outbox_backlog", metrics::Label("state", state),
                           static_cast<double>(n));
    }
  });
}

}  // namespace waishi::notify
