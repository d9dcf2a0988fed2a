// The audit chain's key: 32 random bytes in a file outside the database, readable by the
// server's user only. Each entry's hash is an HMAC-SHA-256 under this key, so whoever can
// write to the database but not read the key cannot recompute the chain after changing it.
// `waishi keys init` creates the file; the server does not start without it.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace waishi::audit {

class Key {
 public:
  static constexpr std::size_t kBytes = 32;

  // Writes a new random key to `file` (64 hex digits, mode 0600, its folder created 0700).
  // Refuses to replace a key that exists: entries sealed under it could no longer be checked.
  static void Create(const std::filesystem::path& file);
  // Reads the key; throws a message naming the file and how to create it.
  static Key Load(const std::filesystem::path& file);
  // A fixed key, for tests only.
  static Key FromBytes(const std::array<unsigned char, kBytes>& bytes);

  Key(const Key&) = default;
  Key& operator=(const Key&) = default;
  ~Key();

  // HMAC-SHA-256 of data under the key, as 64 lowercase hex digits.
  std::string Mac(std::string_view data) const;

 private:
  Key() = default;
  std::array<unsigned char, kBytes> bytes_{};
};

// The key Append() seals entries with and Verify() checks them against: set once at
// start-up, before any thread writes (the process's secret, like a TLS key).
void UseKey(const Key& key);
// The key set by UseKey(); throws std::logic_error if none was.
const Key& KeyInUse();

}  // namespace waishi::audit
