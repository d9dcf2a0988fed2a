#include "core/auth/accounts.h"

#include <charconv>

#include "core/auth/accounts_detail.h"

namespace waishi::accounts {
namespace detail {

std::string Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(kSpace) - first + 1));
}

std::string ContainsPattern(std::string_view q) {
  std::string p = "%";
  for (char c : q) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  return p + "%";
}

std::optional<long long> ParseId(std::string_view s) {
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

bool OrgExists(db::Session& s, long long id) {
  return s.Int("SELECT COUNT(*) FROM organizations WHERE id = :id", {{"id", id}}).value_or(0) > 0;
}

}  // namespace detail

void Register(App& app) {
  detail::RegisterOrganizations(app);
  detail::RegisterUsers(app);
  detail::RegisterAccountChanges(app);
}

}  // namespace waishi::accounts
