// The signed-in user's own account: the password change and their open sessions.
//
//   POST   /api/v1/me/password       {current_password, new_password} → 204
//          422 validation_failed (new_password: password.length | .classes | .username |
//              .common | .history), 403 wrong_password, 429 throttled (as sign-in)
//   GET    /api/v1/me/sessions       the open sessions, the current one marked → 200
//   DELETE /api/v1/me/sessions/{id}  revokes one of them → 204; 404 for any other id
//
// A change keeps the session it was made from and revokes the others; it clears the flag
// that forces a change. Each change and revocation is audited. Thread-safe.
#include <string>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/auth_detail.h"
#include "core/auth/credentials.h"
#include "core/auth/endpoint.h"
#include "core/auth/password.h"
#include "core/auth/password_policy.h"
#include "core/clock.h"
#include "core/error.h"

namespace waishi::auth::detail {
namespace {

constexpr const char* kOpenSessions = R"(
  SELECT id, created_at, last_seen_at, ip, user_agent FROM sessions
  WHERE user_id = :u AND revoked_at IS NULL AND expires_at > :now AND last_seen_at > :idle
    AND created_at > :born
  ORDER BY id DESC)";
constexpr const char* kRevokeOwnSession = R"(
  UPDATE sessions SET revoked_at = :n WHERE id = :id AND user_id = :u AND revoked_at IS NULL)";

http::Response ChangePassword(const App& app, const Call& call) {
  db::Database& db = app.db;
  const Principal& who = call.who();
  const std::string current = call.body()["current_password"];
  const std::string next = call.body()["new_password"];
  if (auto broken = CheckPasswordPolicy(next, who.username, "new_password")) {
    throw ApiError::Unprocessable({std::move(*broken)});
  }
  // The current password is guessed like a sign-in, and throttled the same way.
  if (CountAttempt(db, who.username, who.ip)) {
    throw ApiError(429, "throttled", i18n::T("error.throttled", {{"minutes", "15"}}));
  }
  const auto recent = db.Read([&](db::Session& s) { return RecentPasswordHashes(s, who.user_id); });
  if (recent.empty() || !VerifyPassword(recent.front(), current)) {
    db.Write([&](db::Session& s) {
      audit::Append(
          s, audit::By(who, "account.password.change_failed", "user", std::to_string(who.user_id)));
    });
    throw ApiError(403, "wrong_password", i18n::T("error.wrong_password"));
  }
  if (MatchesAny(recent, next)) {
    db.Write([&](db::Session& s) { ForgetFailures(s, who.username, who.ip); });
    throw ApiError::Unprocessable({PasswordReused("new_password")});
  }
  const std::string hash = HashPassword(next);
  db.Write([&](db::Session& s) {
    ReplacePassword(s, who.user_id, hash, false);
    const long long revoked = RevokeSessions(s, who.user_id, who.session_id);
    ForgetFailures(s, who.username, who.ip);
    audit::Append(s, audit::By(who, "account.password.change", "user", std::to_string(who.user_id),
                               {{"revoked_sessions", revoked}}));
  });
  ForgetCachedUser(who.user_id);
  return http::Response::NoContent();
}

http::Response ListSessions(const App& app, const Call& call) {
  const Principal& who = call.who();
  Json items = Json::array();
  app.db.Read([&](db::Session& s) {
    const SessionPolicy policy = LoadSessionPolicy(app, s);
    s.Query(kOpenSessions,
            {{"u", who.user_id},
             {"now", clock::NowIso()},
             {"idle", clock::IsoAfter(-policy.idle)},
             {"born", clock::IsoAfter(-policy.lifetime)}},
            [&](const db::Row& r) {
              const long long id = db::Int(r, 0);
              items.push_back({{"id", id},
                               {"created_at", db::Text(r, 1)},
                               {"last_seen_at", db::Text(r, 2)},
                               {"ip", db::Text(r, 3)},
                               {"user_agent", db::Text(r, 4)},
                               {"current", id == who.session_id}});
            });
  });
  return Reply({{"items", std::move(items)}});
}

http::Response RevokeSession(const App& app, const Call& call) {
  const Principal& who = call.who();
  const long long id = call.Id();
  app.db.Write([&](db::Session& s) {
    // Another user's session answers like one that does not exist.
    if (s.Exec(kRevokeOwnSession, {{"n", clock::NowIso()}, {"id", id}, {"u", who.user_id}}) == 0)
      throw ApiError::NotFound();
    audit::Append(s, audit::By(who, "account.session.revoke", "session", std::to_string(id),
                               {{"current", id == who.session_id}}));
  });
  ForgetCachedSession(id);
  return http::Response::NoContent();
}

Json OwnSessionSchema() {
  const Json text = {{"type", "string"}};
  const Json instant = {{"type", "string"}, {"format", "date-time"}};
  return Json{{"type", "object"},
              {"required", {"id", "created_at", "last_seen_at", "ip", "user_agent", "current"}},
              {"properties",
               {{"id", {{"type", "integer"}}},
                {"created_at", instant},
                {"last_seen_at", instant},
                {"ip", text},
                {"user_agent", text},
                {"current", {{"type", "boolean"}}}}}};
}

}  // namespace

void RegisterMe(App& app) {
  using http::Doc;
  Endpoints api(app, "auth");
  api.Component("OwnSession", OwnSessionSchema());
  const Json password_body{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"current_password", "new_password"}},
      {"properties",
       {{"current_password",
         {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxPasswordLength}}},
        {"new_password", PasswordSchema()}}}};

  // --- signed in: the user's own account
  api.Post("/api/v1/me/password",
           Doc("changeMyPassword",
               "Change the signed-in user's password; the other sessions are revoked")
               .Body(password_body)
               .NoContent(),
           [&app](const Call& c) { return ChangePassword(app, c); });
  api.Get("/api/v1/me/sessions",
          Doc("listMySessions", "The signed-in user's open sessions")
              .Returns(http::ItemsOf(http::Ref("OwnSession"))),
          [&app](const Call& c) { return ListSessions(app, c); });
  api.Delete("/api/v1/me/sessions/{id}",
             Doc("revokeMySession", "Revoke one of the signed-in user's sessions").NoContent(),
             [&app](const Call& c) { return RevokeSession(app, c); });
}

}  // namespace waishi::auth::detail
