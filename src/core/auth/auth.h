// Signing in and out, sessions, and the checks every handler starts with.
//
// A session is a random token in an HttpOnly SameSite=Strict cookie; the database keeps
// only its SHA-256, with the CSRF token, the expiry and the revocation. Every
// state-changing request made with the cookie must carry X-CSRF-Token. Five failed logins
// for one username within 15 minutes lock that username for 15 minutes (429).
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

// The signed-in caller; 401 without a valid session, 403 "csrf" when a POST/PUT/PATCH/
// DELETE lacks the right X-CSRF-Token.
Principal Authenticate(db::Database& db, const http::Request& req);
// The caller if signed in (and, for state-changing methods, with the CSRF token).
std::optional<Principal> TryAuthenticate(db::Database& db, const http::Request& req);

// 403 unless the principal has one of the roles.
void RequireAnyRole(const Principal& p, std::initializer_list<std::string_view> roles);

// Every role (auth::kRoles) as a JSON array, for schemas.
Json RoleNames();

// Loads a user as a principal (no session): for the demo loader and tests.
std::optional<Principal> LoadPrincipal(db::Session& s, long long user_id);

// /api/v1/auth/login, /auth/logout, /me.
void Register(App& app);

}  // namespace waishi::auth
