#include "core/http/forwarded.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <arpa/inet.h>

namespace waishi::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string Ipv4Text(const std::array<unsigned char, 4>& bytes) {
  std::string text;
  text.reserve(15);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) text.push_back('.');
    char digits[3];
    text.append(digits, std::to_chars(digits, digits + sizeof digits, bytes[i]).ptr);
  }
  return text;
}

std::optional<std::string> CanonicalAddress(std::string_view text) {
  text = Trim(text);
  // "[v6]" or "[v6]:port" (RFC 3986 section 3.2.2 writes an IPv6 host in brackets).
  if (text.starts_with('[')) {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && !(rest.front() == ':' && AllDigits(rest.substr(1)))) return std::nullopt;
    text = text.substr(1, close - 1);
  } else if (const std::size_t colon = text.find(':');
             colon != std::string_view::npos &&
             text.find(':', colon + 1) == std::string_view::npos) {
    // One colon: IPv4 with a port.
    if (!AllDigits(text.substr(colon + 1))) return std::nullopt;
    text = text.substr(0, colon);
  }
  if (text.empty() || text.size() > 45) return std::nullopt;  // INET6_ADDRSTRLEN - 1
  const std::string s(text);
  char out[INET6_ADDRSTRLEN];
  std::array<unsigned char, 4> v4{};
  static_assert(sizeof(in_addr) == 4);
  if (inet_pton(AF_INET, s.c_str(), v4.data()) == 1) return Ipv4Text(v4);
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) != 1) return std::nullopt;
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::copy(v6.s6_addr + 12, v6.s6_addr + 16, v4.begin());
    return Ipv4Text(v4);
  }
  return inet_ntop(AF_INET6, &v6, out, sizeof out) ? std::optional<std::string>(out) : std::nullopt;
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& addresses) {
  for (const auto& a : addresses) {
    auto canonical = CanonicalAddress(a);
    if (!canonical) throw std::invalid_argument("not an IP address: " + a);
    addresses_.insert(*canonical);
  }
}

TrustedProxies TrustedProxies::Parse(std::string_view list) {
  std::vector<std::string> addresses;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view one = Trim(list.substr(0, comma));
    if (!one.empty()) addresses.emplace_back(one);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return TrustedProxies(addresses);
}

bool TrustedProxies::Trusts(std::string_view address) const {
  auto canonical = CanonicalAddress(address);
  return canonical && addresses_.contains(*canonical);
}

std::string TrustedProxies::ClientAddress(std::string_view peer,
                                          std::string_view forwarded_for) const {
  const std::string peer_text = CanonicalAddress(peer).value_or(std::string(peer));
  if (!addresses_.contains(peer_text)) return peer_text;
  std::string client = peer_text;  // the nearest hop known so far
  while (!forwarded_for.empty()) {
    const std::size_t comma = forwarded_for.rfind(',');
    const std::string_view entry =
        Trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (entry.empty()) continue;  // "a, , b": an empty element (RFC 9110 section 5.6.1)
    auto address = CanonicalAddress(entry);
    if (!address) break;  // what lies left of garbage cannot be believed
    client = *address;
    if (!addresses_.contains(client)) break;  // the first hop not ours: the client
  }
  return client;
}

}  // namespace waishi::http
