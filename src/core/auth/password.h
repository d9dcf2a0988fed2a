// Password hashing: Argon2id through libsodium's crypto_pwhash_str (the encoded string
// carries algorithm, parameters and salt). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace waishi::auth {

// Initializes libsodium once (thread-safe); throws if it cannot. Every user of libsodium in
// the server calls it first.
void EnsureSodium();

// Argon2id with libsodium's interactive limits (2 passes over 64 MiB), or, when the
// environment sets WAISHI_TEST_WEAK_PASSWORD_HASH=1, with its minimum (1 pass over 8 KiB): the
// test runners' servers, which hash some thousand passwords a run and would spend half their
// time on it, as Rails' test environment lowers bcrypt's cost. Never for a real server: `serve`
// warns at its start. Verifying reads the parameters from the hash, whichever they were.
std::string HashPassword(std::string_view password);
// Whether WAISHI_TEST_WEAK_PASSWORD_HASH=1 weakens HashPassword (read once).
bool WeakHashingForTests();
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);
// A random token of `bytes` random bytes, URL-safe base64 without padding.
std::string RandomToken(std::size_t bytes = 32);
// Lower-case hex SHA-256.
std::string Sha256Hex(std::string_view data);

}  // namespace waishi::auth
