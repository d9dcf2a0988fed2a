#include "core/auth/auth.h"

#include <sodium.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "core/audit/audit.h"
#include "core/auth/auth_detail.h"
#include "core/auth/endpoint.h"
#include "core/auth/password.h"
#include "core/clock.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/http/params.h"
#include "core/validate/schema.h"

namespace waishi::auth {
namespace {

using namespace std::chrono_literals;
constexpr auto kThrottleWindow = 15min;
constexpr int kMaxFailures = 5;          // per account from one address
constexpr int kMaxAddressFailures = 30;  // per address, whatever the accounts
// How long a server trusts a session it looked up while nothing moved the database's data
// epoch: on SQLite a change made by another process (the CLI disabling a user) takes effect
// within this time. On PostgreSQL, which several servers may share, every data write moves the
// shared epoch, so a logout or a role change on one server holds on all at their next request.
constexpr auto kCacheTtl = 2s;
// The last activity is written at most this often (a quarter of the idle timeout when that is
// shorter), so that the authenticated read path adds no write per request.
constexpr auto kTouchEvery = 60s;
// A user agent is kept to identify a session in its owner's list, no more.
constexpr std::size_t kMaxUserAgent = 200;

constexpr const char* kSessionUser = R"(
  SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = :h AND s.revoked_at IS NULL AND s.expires_at > :now AND u.active = 1)";
constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = :n WHERE id = :id";
constexpr const char* kPrincipal = R"(
  SELECT u.id, u.username, u.display_name, u.email, u.locale, o.id, o.kind, o.parent_id,
         o.name_zh, o.name_en, u.must_change_password
  FROM users u JOIN organizations o ON o.id = u.org_id
  WHERE u.id = :id)";
constexpr const char* kRolesOf = "SELECT role FROM user_roles WHERE user_id = :id ORDER BY role";
constexpr const char* kDesksOf = "SELECT desk FROM user_desks WHERE user_id = :id ORDER BY desk";
constexpr const char* kCredentials =
    "SELECT id, password_hash FROM users WHERE username = :u AND active = 1";
constexpr const char* kPurgeFailures = "DELETE FROM login_failures WHERE at <= :since";
constexpr const char* kRecordAttempt =
    "INSERT INTO login_failures (username, at, ip) VALUES (:u, :at, :ip)";
constexpr const char* kFailuresOfAccountFromAddress =
    "SELECT COUNT(*) FROM login_failures WHERE username = :u AND ip = :ip AND at > :since";
constexpr const char* kFailuresFromAddress =
    "SELECT COUNT(*) FROM login_failures WHERE ip = :ip AND at > :since";
constexpr const char* kForgetFailures =
    "DELETE FROM login_failures WHERE username = :u AND ip = :ip";
constexpr const char* kInsertSession = R"(
  INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip,
                        user_agent)
  VALUES (:h, :u, :c, :n, :n2, :e, :ip, :ua) RETURNING id)";
constexpr const char* kRevokeSession = "UPDATE sessions SET revoked_at = :n WHERE token_hash = :h";
constexpr const char* kSetLocale = "UPDATE users SET locale = :l WHERE id = :id";

// A session as looked up: its user, when it began and was last used, and the policy that was
// in force, so that a cached session is checked for its timeouts like a fresh one.
struct LiveSession {
  Principal principal;
  std::string created_at;
  std::string last_seen_at;
  detail::SessionPolicy policy;
};

// Sessions looked up recently, shared by the requests that present them: an entry is never
// changed once kept (a touch keeps a changed copy), so a request holds it without the lock and
// copies only the user it acts as.
class SessionCache {
 public:
  using Kept = std::shared_ptr<const LiveSession>;
  // The session if it was kept at `epoch` (0 where the epoch is not shared) within kCacheTtl.
  Kept Get(const std::string& token_hash, std::uint64_t epoch) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(token_hash);
    if (it == entries_.end() || it->second.epoch != epoch ||
        std::chrono::steady_clock::now() - it->second.at > kCacheTtl)
      return nullptr;
    return it->second.session;
  }
  void Put(const std::string& token_hash, Kept session, std::uint64_t epoch) {
    std::lock_guard lock(mu_);
    if (entries_.size() > 50000) entries_.clear();
    entries_[token_hash] = {std::move(session), std::chrono::steady_clock::now(), epoch};
  }
  void Touch(const std::string& token_hash, const std::string& at) {
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(token_hash); it != entries_.end()) {
      auto touched = std::make_shared<LiveSession>(*it->second.session);
      touched->last_seen_at = at;
      it->second.session = std::move(touched);
    }
  }
  void DropSession(long long session_id) {
    std::lock_guard lock(mu_);
    std::erase_if(entries_, [session_id](const auto& e) {
      return e.second.session->principal.session_id == session_id;
    });
  }
  void Drop(const std::string& token_hash) {
    std::lock_guard lock(mu_);
    entries_.erase(token_hash);
  }
  void DropUser(long long user_id) {
    std::lock_guard lock(mu_);
    std::erase_if(entries_, [user_id](const auto& e) {
      return e.second.session->principal.user_id == user_id;
    });
  }

 private:
  struct Entry {
    Kept session;
    std::chrono::steady_clock::time_point at;
    std::uint64_t epoch = 0;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

SessionCache& Cache() {
  static SessionCache cache;
  return cache;
}

bool IsStateChanging(http::Method m) { return m != http::Method::kGet; }

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The session of `token_hash` if it is open: not revoked, not past its absolute lifetime nor
// idle for longer than the policy allows (each checked again on a cached session). Its last
// activity is written at most once per kTouchEvery, in the background.
std::optional<Principal> LookupSession(const App& app, const std::string& token_hash) {
  // Read before the session is: a write committed after it makes what is read stale.
  const std::uint64_t epoch = app.db.Shared() ? app.db.DataEpoch() : 0;
  SessionCache::Kept live = Cache().Get(token_hash, epoch);
  if (!live) {
    live = app.db.Read([&](db::Session& s) -> SessionCache::Kept {
      auto found = std::make_shared<LiveSession>();
      long long user_id = 0;
      const auto rows = s.Query(kSessionUser, {{"h", token_hash}, {"now", clock::NowIso()}},
                                [&](const db::Row& r) {
                                  found->principal.session_id = db::Int(r, 0);
                                  user_id = db::Int(r, 1);
                                  found->principal.csrf_token = db::Text(r, 2);
                                  found->created_at = db::Text(r, 3);
                                  found->last_seen_at = db::Text(r, 4);
                                });
      if (rows == 0) return nullptr;
      auto p = LoadPrincipal(s, user_id);
      if (!p) return nullptr;
      p->session_id = found->principal.session_id;
      p->csrf_token = found->principal.csrf_token;
      found->principal = std::move(*p);
      found->policy = detail::LoadSessionPolicy(app, s);
      return found;
    });
    if (!live) return std::nullopt;
    Cache().Put(token_hash, live, epoch);
  }
  // ISO 8601 instants in UTC compare as text.
  const auto now = clock::Now();
  if (live->last_seen_at <= clock::ToIso(now - live->policy.idle) ||
      live->created_at <= clock::ToIso(now - live->policy.lifetime)) {
    Cache().Drop(token_hash);
    return std::nullopt;
  }
  const auto touch_every = std::min<std::chrono::seconds>(kTouchEvery, live->policy.idle / 4);
  if (live->last_seen_at <= clock::ToIso(now - touch_every)) {
    const std::string at = clock::ToIso(now);
    Cache().Touch(token_hash, at);
    app.db.WriteDetached(
        [id = live->principal.session_id, at](db::Session& s) {
          s.Exec(kTouchSession, {{"n", at}, {"id", id}});
        },
        db::Database::Writes::kLog);
  }
  return live->principal;
}

// The client's user agent, cut to kMaxUserAgent bytes at a character boundary.
std::string UserAgent(const http::Request& req) {
  std::string ua(req.Header("user-agent").value_or(""));
  if (ua.size() <= kMaxUserAgent) return ua;
  std::size_t cut = kMaxUserAgent;
  while (cut > 0 && (static_cast<unsigned char>(ua[cut]) & 0xC0) == 0x80) --cut;
  ua.resize(cut);
  return ua;
}

std::string SessionCookie(const http::Request& req, const std::string& token, long long max_age) {
  std::string cookie = std::string(kSessionCookie) + "=" + token +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  // Behind a TLS-terminating proxy (the documented production set-up) the cookie is Secure.
  if (req.Header("x-forwarded-proto") == std::optional<std::string_view>("https"))
    cookie += "; Secure";
  return cookie;
}

Json LoginBody(const Principal& p) {
  return Json{{"user", p.ToJson()}, {"csrf_token", p.csrf_token}};
}

}  // namespace

Json RoleNames() {
  Json names = Json::array();
  for (auto r : kRoles) names.push_back(std::string(r));
  return names;
}

bool IsRole(std::string_view role) {
  return std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles);
}

Json Principal::ToJson() const {
  return Json{{"id", user_id},
              {"username", username},
              {"display_name", display_name},
              {"email", email},
              {"locale", locale},
              {"must_change_password", must_change_password},
              {"roles", roles},
              {"desks", desks},
              {"org",
               {{"id", org_id},
                {"kind", org_kind},
                {"name_zh", org_name_zh},
                {"name_en", org_name_en},
                {"parent_id", org_parent_id == 0 ? Json(nullptr) : Json(org_parent_id)}}}};
}

std::optional<Principal> LoadPrincipal(db::Session& s, long long user_id) {
  std::optional<Principal> p;
  s.Query(kPrincipal, {{"id", user_id}}, [&](const db::Row& r) {
    p.emplace();
    p->user_id = db::Int(r, 0);
    p->username = db::Text(r, 1);
    p->display_name = db::Text(r, 2);
    p->email = db::Text(r, 3);
    p->locale = db::Text(r, 4);
    p->org_id = db::Int(r, 5);
    p->org_kind = db::Text(r, 6);
    p->org_parent_id = db::Int(r, 7);
    p->org_name_zh = db::Text(r, 8);
    p->org_name_en = db::Text(r, 9);
    p->must_change_password = db::Bool(r, 10);
  });
  if (!p) return p;
  s.Query(kRolesOf, {{"id", user_id}},
          [&](const db::Row& r) { p->roles.push_back(db::Text(r, 0)); });
  s.Query(kDesksOf, {{"id", user_id}},
          [&](const db::Row& r) { p->desks.push_back(db::Text(r, 0)); });
  return p;
}

std::optional<Principal> TryAuthenticate(const App& app, const http::Request& req) {
  auto token = req.Cookie(kSessionCookie);
  if (!token || token->empty()) return std::nullopt;
  auto p = LookupSession(app, Sha256Hex(*token));
  if (!p) return std::nullopt;
  if (IsStateChanging(req.method)) {
    auto header = req.Header("x-csrf-token");
    if (!header || !ConstantTimeEquals(*header, p->csrf_token)) {
      throw ApiError(403, "csrf", i18n::T("error.csrf"));
    }
  }
  p->ip = req.remote_ip;
  return p;
}

Principal Authenticate(const App& app, const http::Request& req) {
  auto p = TryAuthenticate(app, req);
  if (!p) throw ApiError::Unauthorized();
  return std::move(*p);
}

void RequireAnyRole(const Principal& p, std::initializer_list<std::string_view> roles) {
  for (auto r : roles) {
    if (p.Has(r)) return;
  }
  throw ApiError::Forbidden();
}

namespace detail {

SessionPolicy LoadSessionPolicy(const App& app, db::Session& s) {
  const Json p = app.policies.Load(s, kSessionPolicy);
  return SessionPolicy{std::chrono::seconds(p.value("idle_timeout_seconds", 30 * 60)),
                       std::chrono::seconds(p.value("lifetime_seconds", 12 * 60 * 60))};
}

bool CountAttempt(db::Database& db, const std::string& username, const std::string& ip) {
  const std::string since =
      clock::IsoAfter(-std::chrono::duration_cast<std::chrono::seconds>(kThrottleWindow));
  // The attempt is counted as a failure before the password is checked, in the one write
  // queue, so parallel tries cannot slip past the limits; a right password removes it again.
  // The limits are per address: an attacker's address is refused, for one account and
  // then for all, while the account's owner still signs in from elsewhere.
  return db.Write([&](db::Session& s) {
    s.Exec(kPurgeFailures, {{"since", since}});
    s.Exec(kRecordAttempt, {{"u", username}, {"at", clock::NowIso()}, {"ip", ip}});
    const db::Params params{{"u", username}, {"ip", ip}, {"since", since}};
    const long long by_account = s.Int(kFailuresOfAccountFromAddress, params).value_or(0);
    const long long from_address =
        s.Int(kFailuresFromAddress, {{"ip", ip}, {"since", since}}).value_or(0);
    return by_account > kMaxFailures || from_address > kMaxAddressFailures;
  });
}

void ForgetFailures(db::Session& s, const std::string& username, const std::string& ip) {
  s.Exec(kForgetFailures, {{"u", username}, {"ip", ip}});
}

void ForgetCachedUser(long long user_id) { Cache().DropUser(user_id); }
void ForgetCachedSession(long long session_id) { Cache().DropSession(session_id); }

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

namespace {

// The signed-in user (Principal::ToJson).
Json UserSchema() {
  const Json text = {{"type", "string"}};
  return Json{
      {"type", "object"},
      {"required",
       {"id", "username", "display_name", "email", "locale", "must_change_password", "roles",
        "desks", "org"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"username", text},
        {"display_name", text},
        {"email", text},
        {"locale", {{"type", "string"}, {"enum", {"zh-CN", "en-US"}}}},
        {"must_change_password",
         {{"type", "boolean"},
          {"description",
           "Set by an administrator's creation or reset: until the password is "
           "changed, only GET /me, POST /me/password and logout answer"}}},
        {"roles", {{"type", "array"}, {"items", {{"type", "string"}, {"enum", RoleNames()}}}}},
        {"desks", {{"type", "array"}, {"items", text}}},
        {"org",
         {{"type", "object"},
          {"required", {"id", "kind", "name_zh", "name_en", "parent_id"}},
          {"properties",
           {{"id", {{"type", "integer"}}},
            {"kind", text},
            {"name_zh", text},
            {"name_en", text},
            {"parent_id", {{"type", "integer"}, {"nullable", true}}}}}}}}}};
}

// The "sessions" policy: seconds, so that a test can make a session time out in seconds.
Json SessionPolicyDefaults() {
  const detail::SessionPolicy defaults;
  return Json{{"idle_timeout_seconds", defaults.idle.count()},
              {"lifetime_seconds", defaults.lifetime.count()}};
}

std::vector<FieldError> ValidateSessionPolicy(const Json& policy) {
  constexpr long long kWeek = 7 * 24 * 60 * 60;
  const Json seconds{{"type", "integer"}, {"minimum", 1}, {"maximum", kWeek}};
  static const Json kSchema{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"idle_timeout_seconds", "lifetime_seconds"}},
      {"properties", {{"idle_timeout_seconds", seconds}, {"lifetime_seconds", seconds}}}};
  return validate::CheckSchema(kSchema, policy);
}

Json SessionSchema() {
  return Json{{"type", "object"},
              {"required", {"user", "csrf_token"}},
              {"properties", {{"user", http::Ref("User")}, {"csrf_token", {{"type", "string"}}}}}};
}

http::Response Login(const App& app, const Call& call) {
  db::Database& db = app.db;
  const http::Request& req = call.request();
  const std::string username = call.body()["username"], password = call.body()["password"];
  if (detail::CountAttempt(db, username, req.remote_ip)) {
    throw ApiError(429, "throttled", i18n::T("error.throttled", {{"minutes", "15"}}));
  }
  struct Found {
    long long id = 0;
    std::string hash;
  } found;
  db.Read([&](db::Session& s) {
    s.Query(kCredentials, {{"u", username}}, [&](const db::Row& r) {
      found.id = db::Int(r, 0);
      found.hash = db::Text(r, 1);
    });
  });
  // Verify against a dummy hash for unknown users so timing does not reveal them.
  static const std::string dummy = HashPassword(RandomToken());
  const bool ok = VerifyPassword(found.id ? found.hash : dummy, password) && found.id != 0;
  if (!ok) {
    db.Write([&](db::Session& s) {
      audit::Append(s, audit::Entry{found.id, username, req.remote_ip, "auth.login_failed", "user",
                                    found.id ? std::to_string(found.id) : "", Json::object()});
    });
    throw ApiError(401, "invalid_credentials", i18n::T("error.invalid_credentials"));
  }
  const std::string token = RandomToken(), csrf = RandomToken();
  std::chrono::seconds lifetime{};
  auto principal = db.Write([&](db::Session& s) {
    lifetime = detail::LoadSessionPolicy(app, s).lifetime;
    const std::string now = clock::NowIso(), expires = clock::IsoAfter(lifetime),
                      th = Sha256Hex(token);
    const long long session_id = s.Int(kInsertSession, {{"h", th},
                                                        {"u", found.id},
                                                        {"c", csrf},
                                                        {"n", now},
                                                        {"n2", now},
                                                        {"e", expires},
                                                        {"ip", req.remote_ip},
                                                        {"ua", UserAgent(req)}})
                                     .value_or(0);
    detail::ForgetFailures(s, username, req.remote_ip);
    audit::Append(s, audit::Entry{found.id, username, req.remote_ip, "auth.login", "user",
                                  std::to_string(found.id), Json::object()});
    auto p = LoadPrincipal(s, found.id);
    p->csrf_token = csrf;
    p->session_id = session_id;
    return *p;
  });
  http::Response r = Reply(LoginBody(principal));
  r.headers.emplace_back("Set-Cookie", SessionCookie(req, token, lifetime.count()));
  return r;
}

http::Response Logout(db::Database& db, const Call& call) {
  const Principal& who = call.who();
  const std::string th = Sha256Hex(*call.request().Cookie(kSessionCookie));
  db.Write([&](db::Session& s) {
    s.Exec(kRevokeSession, {{"n", clock::NowIso()}, {"h", th}});
    audit::Append(s, audit::By(who, "auth.logout", "user", std::to_string(who.user_id)));
  });
  Cache().Drop(th);
  http::Response r = http::Response::NoContent();
  r.headers.emplace_back("Set-Cookie", SessionCookie(call.request(), "", 0));
  return r;
}

http::Response ChangeMe(db::Database& db, const Call& call) {
  Principal who = call.who();
  const std::string locale = call.body()["locale"];
  db.Write([&](db::Session& s) {
    s.Exec(kSetLocale, {{"l", locale}, {"id", who.user_id}});
    audit::Append(s, audit::By(who, "user.locale", "user", std::to_string(who.user_id),
                               {{"locale", locale}}));
  });
  Cache().DropUser(who.user_id);
  who.locale = locale;
  return Reply({{"user", who.ToJson()}});
}

}  // namespace

void Register(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  Endpoints api(app, "auth");
  api.Component("User", UserSchema());
  api.Component("Session", SessionSchema());
  app.policies.Add(
      {std::string(detail::kSessionPolicy), SessionPolicyDefaults(), ValidateSessionPolicy});

  const Json login_body{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"username", "password"}},
      {"properties",
       {{"username", {{"type", "string"}, {"minLength", 1}, {"maxLength", 64}}},
        {"password", {{"type", "string"}, {"minLength", 1}, {"maxLength", 1024}}}}}};
  const Json me_body{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"locale"}},
      {"properties", {{"locale", {{"type", "string"}, {"enum", {"zh-CN", "en-US"}}}}}}};

  // --- public
  api.Post("/api/v1/auth/login",
           Doc("login", "Sign in; sets the session cookie and returns the CSRF token")
               .Public()
               .Computes()
               .Body(login_body)
               .Returns(http::Ref("Session")),
           [&app](const Call& c) { return Login(app, c); });

  // --- signed in
  api.Post("/api/v1/auth/logout", Doc("logout", "Sign out: revokes the session").NoContent(),
           [&db](const Call& c) { return Logout(db, c); });
  api.Get("/api/v1/me",
          Doc("getMe", "The signed-in user, their organization and roles")
              .Returns(http::Ref("Session"))
              .Quick(),
          [](const Call& c) { return Reply(LoginBody(c.who())); });
  api.Patch("/api/v1/me",
            Doc("updateMe", "Change the signed-in user's preferences (language)")
                .Body(me_body)
                .Returns({{"type", "object"},
                          {"required", {"user"}},
                          {"properties", {{"user", http::Ref("User")}}}}),
            [&db](const Call& c) { return ChangeMe(db, c); });
  detail::RegisterMe(app);
}

}  // namespace waishi::auth
