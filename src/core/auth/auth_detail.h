// What auth.cpp (sign-in, sessions) and me.cpp (the signed-in user's own account) share.
// Internal to core/auth; not for modules. Thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "core/app.h"
#include "core/db/database.h"

namespace waishi::auth::detail {

// The "sessions" policy (GET/PUT /api/v1/policies/sessions): how long a session lives
// without a request (idle timeout) and at most (absolute lifetime). MLPS level 3 asks for an
// idle timeout (GB/T 22239-2019, 8.1.4.1 b); 30 minutes and 12 hours by default.
struct SessionPolicy {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds lifetime{12 * 60 * 60};
};
inline constexpr std::string_view kSessionPolicy = "sessions";
SessionPolicy LoadSessionPolicy(const App& app, db::Session& s);

// The sign-in throttle (see docs/security.md): counts an attempt for `username` from `ip`
// before the password is checked; true when the attempt is over a limit (429).
bool CountAttempt(db::Database& db, const std::string& username, const std::string& ip);
// A right password: the failures of `username` from `ip` are forgotten.
void ForgetFailures(db::Session& s, const std::string& username, const std::string& ip);

// The session cache forgets a user's sessions, or one session, at once (not after its TTL).
void ForgetCachedUser(long long user_id);
void ForgetCachedSession(long long session_id);

// The routes of me.cpp: the password change and the user's own sessions.
void RegisterMe(App& app);

}  // namespace waishi::auth::detail
