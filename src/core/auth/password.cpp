#include "core/auth/password.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <semaphore>
#include <stdexcept>
#include <thread>
#include <vector>

namespace waishi::auth {
void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialize");
}

namespace {

// Argon2id takes 64 MiB and a core's time per hash: at most one per core runs at once, so
// a flood of sign-in attempts queues here instead of starving the server of memory.
constexpr std::ptrdiff_t kMaxSlots = 256;

std::counting_semaphore<kMaxSlots>& Slots() {
  static std::counting_semaphore<kMaxSlots> slots(
      std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 1, kMaxSlots));
  return slots;
}

class HashSlot {
 public:
  HashSlot() { Slots().acquire(); }
  ~HashSlot() { Slots().release(); }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;
};

}  // namespace

bool WeakHashingForTests() {
  static const bool weak = [] {
    const char* value = std::getenv("WAISHI_TEST_WEAK_PASSWORD_HASH");
    return value != nullptr && std::string_view(value) == "1";
  }();
  return weak;
}

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  const HashSlot slot;
  // The interactive limits (2 passes, 64 MiB) are libsodium's recommendation for logins.
  const bool weak = WeakHashingForTests();
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            weak ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            weak ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  EnsureSodium();
  std::string hash(encoded_hash);  // must be NUL-terminated
  const HashSlot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string Sha256Hex(std::string_view data) {
  // OpenSSL's SHA-256 uses the processor's SHA instructions where there are some (every
  // request's session cookie is hashed); the digest fetched once, a context a thread.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  struct Context {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Context context;
  unsigned char digest[32];
  unsigned int size = 0;
  if (sha256 == nullptr || context.ctx == nullptr ||
      EVP_DigestInit_ex2(context.ctx, sha256, nullptr) != 1 ||
      EVP_DigestUpdate(context.ctx, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.ctx, digest, &size) != 1 || size != sizeof digest)
    throw std::runtime_error("OpenSSL: SHA-256 failed");
  char hex[sizeof digest * 2 + 1];
  EnsureSodium();
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace waishi::auth
