// The client's address behind a reverse proxy.
//
// A proxy that the office runs (nginx with `proxy_set_header X-Forwarded-For
// $proxy_add_x_forwarded_for`, docs/deploy.md) appends the address it received the request
// from to X-Forwarded-For, so the header reads "client, proxy1, proxy2": left-most was
// written by whoever sent the request first, and can be anything a client wants. Only the
// entries appended by proxies we trust are believed: walking from the right, each entry
// that is itself a trusted proxy is skipped, and the first that is not is the client.
// A header from a peer that is not a trusted proxy is ignored entirely (a client cannot
// choose the address its sign-in attempts are throttled and audited under).
// Immutable after construction: thread-safe.
#pragma once

#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace waishi::http {

// An IPv4 address in dotted decimal, from its four bytes in network order.
std::string Ipv4Text(const std::array<unsigned char, 4>& bytes);

// An IPv4 or IPv6 address in its canonical text (inet_ntop), an IPv4-mapped IPv6 address
// (::ffff:192.0.2.1) as its IPv4 form; nullopt for anything else (a host name, a port
// without brackets on IPv6, garbage). "192.0.2.1:8080" and "[2001:db8::1]:443" lose the port
// (some proxies write it).
std::optional<std::string> CanonicalAddress(std::string_view text);

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Throws std::invalid_argument naming an entry that is not an IP address.
  explicit TrustedProxies(const std::vector<std::string>& addresses);
  // "127.0.0.1, 10.0.0.2" (the --trusted-proxy option): comma-separated, blanks ignored.
  static TrustedProxies Parse(std::string_view list);

  bool empty() const { return addresses_.empty(); }
  bool Trusts(std::string_view address) const;

  // The client's address for a request from `peer` carrying `forwarded_for` (every
  // X-Forwarded-For field joined by commas, in order; empty when none). A malformed entry
  // stops the walk: the client is then the nearest trusted hop on its right.
  std::string ClientAddress(std::string_view peer, std::string_view forwarded_for) const;

 private:
  std::set<std::string, std::less<>> addresses_;
};

}  // namespace waishi::http
