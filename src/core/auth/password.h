// Password hashing: Argon2id through libsodium's crypto_pwhash_str (the encoded string
// carries algorithm, parameters and salt). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace waishi::auth {

// Initializes libsodium once (thread-safe); throws if it cannot. Every user of libsodium in
// the server calls it first.
void EnsureSodium();

std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);
// A random token of `bytes` random bytes, URL-safe base64 without padding.
std::string RandomToken(std::size_t bytes = 32);
// Lower-case hex SHA-256.
std::string Sha256Hex(std::string_view data);

}  // namespace waishi::auth
