// Signing in and out, sessions, and the checks every handler starts with.
//
// A session is a random token in an HttpOnly SameSite=Strict cookie; the database keeps
// only its SHA-256, with the CSRF token, its start, last activity, expiry and revocation.
// It ends after the "sessions" policy's idle timeout (30 minutes) or absolute lifetime (12
// hours), checked on every request, the cached ones included. Every state-changing request
// made with the cookie must carry X-CSRF-Token. Sign-in attempts are throttled per client
// address and per account from that address (docs/security.md).
// Thread-safe: the session cache is guarded; everything else is in the database.
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>

#include "core/app.h"
#include "core/auth/principal.h"
#include "core/http/http.h"

namespace waishi::auth {

inline constexpr std::string_view kSessionCookie = "waishi_session";

// The signed-in caller; 401 without a valid session (none, revoked, idle or past its
// lifetime), 403 "csrf" when a POST/PUT/PATCH/DELETE lacks the right X-CSRF-Token.
Principal Authenticate(const App& app, const http::Request& req);
// The caller if signed in (and, for state-changing methods, with the CSRF token).
std::optional<Principal> TryAuthenticate(const App& app, const http::Request& req);

// 403 unless the principal has one of the roles.
void RequireAnyRole(const Principal& p, std::initializer_list<std::string_view> roles);

// Every role (auth::kRoles) as a JSON array, for schemas.
Json RoleNames();

// Loads a user as a principal (no session): for the demo loader and tests.
std::optional<Principal> LoadPrincipal(db::Session& s, long long user_id);

// /api/v1/auth/login, /auth/logout, /me, /me/password, /me/sessions; the "sessions" policy.
void Register(App& app);

}  // namespace waishi::auth
