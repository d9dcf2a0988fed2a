// A user's password and sessions as stored: the history of replaced passwords and the
// revocation of sessions, shared by the self-service change (me.cpp) and the administrator's
// reset (users.cpp). Each function runs on the caller's session, as thread-safe as it is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/db/session.h"

namespace waishi::auth {

// The hashes of the account's last kPasswordHistory passwords, the current one first.
std::vector<std::string> RecentPasswordHashes(db::Session& s, long long user_id);

// True when `password` matches one of `hashes` (Argon2 verification, ~0.1 s each: call it
// outside a write transaction).
bool MatchesAny(const std::vector<std::string>& hashes, std::string_view password);

// Stores `new_hash` as the user's password, keeps the one it replaces in the history (the
// older ones beyond the history's length are deleted) and sets or clears the flag that
// forces a change at the next sign-in.
void ReplacePassword(db::Session& s, long long user_id, const std::string& new_hash,
                     bool must_change);

// Revokes the user's open sessions except `keep_session_id` (0: all); returns how many.
long long RevokeSessions(db::Session& s, long long user_id, long long keep_session_id = 0);

}  // namespace waishi::auth
