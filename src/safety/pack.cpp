#include "safety/pack.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>

namespace waishi::safety::pack {
namespace {

// The low `bytes` bytes of `bits`, the most significant first.
void Put(std::string& out, std::uint64_t bits, int bytes) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((bits >> shift) & 0xff));
}

void PutText(std::string& out, std::string_view text) {
  if (text.size() > std::numeric_limits<std::uint16_t>::max())
    throw std::length_error("pack: a text of " + std::to_string(text.size()) + " bytes");
  Put(out, text.size(), 2);
  out.append(text);
}

std::uint64_t Take(std::string_view& rest, std::size_t size) {
  if (rest.size() < size) throw std::runtime_error("pack: cut short");
  std::uint64_t v = 0;
  for (std::size_t k = 0; k < size; ++k) v = (v << 8) | static_cast<unsigned char>(rest[k]);
  rest.remove_prefix(size);
  return v;
}

// The 8 bytes at `at`, the most significant first (one load and a byte swap: a pack of
// thousands of filings is read at every crisis query).
std::uint64_t Eight(const char* at) {
  std::uint64_t v;
  std::memcpy(&v, at, sizeof v);
  return std::endian::native == std::endian::little ? __builtin_bswap64(v) : v;
}

std::uint32_t Four(const char* at) {
  std::uint32_t v;
  std::memcpy(&v, at, sizeof v);
  return std::endian::native == std::endian::little ? __builtin_bswap32(v) : v;
}

std::string_view TakeText(std::string_view& rest) {
  const auto size = static_cast<std::size_t>(Take(rest, 2));
  if (rest.size() < size) throw std::runtime_error("pack: cut short");
  const std::string_view text = rest.substr(0, size);
  rest.remove_prefix(size);
  return text;
}

}  // namespace

void Append(std::string& pack, const Filing& f) {
  Put(pack, static_cast<std::uint64_t>(f.leg_id), 8);
  Put(pack, static_cast<std::uint64_t>(f.person_id), 8);
  Put(pack, static_cast<std::uint64_t>(f.org_id), 8);
  Put(pack, std::bit_cast<std::uint64_t>(f.lat), 8);
  Put(pack, std::bit_cast<std::uint64_t>(f.lon), 8);
  Put(pack, static_cast<std::uint32_t>(f.from_day), 4);
  Put(pack, static_cast<std::uint32_t>(f.to_day), 4);
  PutText(pack, f.country);
  PutText(pack, f.city);
  PutText(pack, f.group_ref);
}

bool Reader::Next(Filing& f) {
  if (rest_.empty()) return false;
  constexpr std::size_t kFixed = 5 * 8 + 2 * 4;  // the numbers before the texts
  if (rest_.size() < kFixed) throw std::runtime_error("pack: cut short");
  const char* at = rest_.data();
  f.leg_id = static_cast<long long>(Eight(at));
  f.person_id = static_cast<long long>(Eight(at + 8));
  f.org_id = static_cast<long long>(Eight(at + 16));
  f.lat = std::bit_cast<double>(Eight(at + 24));
  f.lon = std::bit_cast<double>(Eight(at + 32));
  f.from_day = static_cast<std::int32_t>(Four(at + 40));
  f.to_day = static_cast<std::int32_t>(Four(at + 44));
  rest_.remove_prefix(kFixed);
  f.country = TakeText(rest_);
  f.city = TakeText(rest_);
  f.group_ref = TakeText(rest_);
  return true;
}

std::string Hex(std::string_view pack) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * pack.size());
  for (const char c : pack) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0xf]);
  }
  return out;
}

}  // namespace waishi::safety::pack
