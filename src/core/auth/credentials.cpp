#include "core/auth/credentials.h"

#include <algorithm>

#include "core/auth/password.h"
#include "core/auth/password_policy.h"
#include "core/clock.h"

namespace waishi::auth {
namespace {

constexpr const char* kCurrentHash = "SELECT password_hash FROM users WHERE id = :id";
constexpr const char* kPreviousHashes = R"(
  SELECT password_hash FROM password_history WHERE user_id = :id ORDER BY id DESC LIMIT :n)";
constexpr const char* kKeepInHistory = R"(
  INSERT INTO password_history (user_id, password_hash, replaced_at) VALUES (:id, :h, :at))";
// The rows past the newest :n (a subquery with LIMIT in IN is refused by some engines'
// versions; an OFFSET on the ids runs on both).
constexpr const char* kOldestKept = R"(
  SELECT id FROM password_history WHERE user_id = :id ORDER BY id DESC LIMIT 1 OFFSET :n)";
constexpr const char* kForgetOlder =
    "DELETE FROM password_history WHERE user_id = :id AND id <= :oldest";
constexpr const char* kSetPassword =
    "UPDATE users SET password_hash = :h, must_change_password = :m WHERE id = :id";
constexpr const char* kRevokeAll =
    "UPDATE sessions SET revoked_at = :n WHERE user_id = :id AND revoked_at IS NULL";
constexpr const char* kRevokeOthers = R"(
  UPDATE sessions SET revoked_at = :n WHERE user_id = :id AND revoked_at IS NULL AND id <> :keep)";

// The current password counts as one of the last kPasswordHistory.
constexpr long long kPreviousKept = kPasswordHistory - 1;

}  // namespace

std::vector<std::string> RecentPasswordHashes(db::Session& s, long long user_id) {
  std::vector<std::string> hashes;
  if (auto current = s.Text(kCurrentHash, {{"id", user_id}})) hashes.push_back(*current);
  s.Query(kPreviousHashes, {{"id", user_id}, {"n", kPreviousKept}},
          [&](const db::Row& r) { hashes.push_back(db::Text(r, 0)); });
  return hashes;
}

bool MatchesAny(const std::vector<std::string>& hashes, std::string_view password) {
  return std::ranges::any_of(hashes,
                             [&](const std::string& h) { return VerifyPassword(h, password); });
}

void ReplacePassword(db::Session& s, long long user_id, const std::string& new_hash,
                     bool must_change) {
  if (auto old = s.Text(kCurrentHash, {{"id", user_id}})) {
    s.Exec(kKeepInHistory, {{"id", user_id}, {"h", *old}, {"at", clock::NowIso()}});
  }
  if (auto oldest = s.Int(kOldestKept, {{"id", user_id}, {"n", kPreviousKept}})) {
    s.Exec(kForgetOlder, {{"id", user_id}, {"oldest", *oldest}});
  }
  s.Exec(kSetPassword, {{"h", new_hash}, {"m", must_change ? 1 : 0}, {"id", user_id}});
}

long long RevokeSessions(db::Session& s, long long user_id, long long keep_session_id) {
  if (keep_session_id == 0) return s.Exec(kRevokeAll, {{"n", clock::NowIso()}, {"id", user_id}});
  return s.Exec(kRevokeOthers,
                {{"n", clock::NowIso()}, {"id", user_id}, {"keep", keep_session_id}});
}

}  // namespace waishi::auth
