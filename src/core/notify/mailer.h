// The mailer: a background thread that sends the outbox through SMTP (libcurl).
//
// Every second it looks for due rows — queued, failed with attempts left, or claimed by a
// mailer that has not reported within the lease — and claims each with a compare-and-set
// UPDATE (state and next_attempt_at as read; one row changed or someone else has it), so
// several servers sharing one PostgreSQL database send each message once. A sent message
// becomes `sent`; a failure `failed` with the server's answer and the next attempt after the
// back-off (mail.h). What it logs: the outbox id, the state and the server's answer, never an
// address or a message's text.
// Start() once, Stop() (or the destructor) joins the thread; both from one thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/db/database.h"

namespace waishi::notify {

struct SmtpOptions {
  // smtp://host:port (plain), smtps://host:port (implicit TLS, RFC 8314), or
  // smtp+starttls://host:port (plain, then STARTTLS required, RFC 3207).
  std::string url;
  std::string from = "waishi@localhost";  // the envelope and header sender address
  std::string user, password;             // SMTP AUTH (RFC 4954), when set
  std::string public_url;                 // links in the message: public_url + link
};

class Mailer {
 public:
  Mailer(db::Database& db, SmtpOptions options);
  ~Mailer();
  Mailer(const Mailer&) = delete;
  Mailer& operator=(const Mailer&) = delete;

  void Start();
  void Stop();
  // One pass over the due messages (what the thread does each second); returns how many it
  // tried to send.
  int RunOnce();

 private:
  void Loop();
  // Sends outbox row `id` (claimed); returns "" or the failure as the server gave it.
  std::string Deliver(long long id);

  db::Database& db_;
  SmtpOptions options_;
  std::string curl_url_;
  bool require_tls_ = false;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
};

// Adds the outbox's backlog to /metrics (core/metrics): waishi_outbox_backlog{state}, the
// messages queued, being sent and failed (retried or given up), counted from the table when
// scraped, so it is right whichever server of several queued or sent them, and whether or
// not this one runs a mailer. Once, at start-up; `db` outlives the serving.
void ReportOutboxBacklog(db::Database& db);

}  // namespace waishi::notify
