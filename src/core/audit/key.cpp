#include "core/audit/key.h"

#include <fcntl.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <stdexcept>

#include "core/auth/password.h"

namespace waishi::audit {
namespace {

std::optional<Key>& Installed() {
  static std::optional<Key> key;
  return key;
}

// OpenSSL's HMAC rather than libsodium's: its SHA-256 uses the processor's SHA instructions
// where there are some, and a busy server seals tens of thousands of entries a second. One
// context a thread, its digest set once; each MAC keys it again (two blocks).
class MacContext {
 public:
  MacContext() {
    static EVP_MAC* const hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (hmac == nullptr || (ctx_ = EVP_MAC_CTX_new(hmac)) == nullptr)
      throw std::runtime_error("OpenSSL: no HMAC");
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_END};
    if (EVP_MAC_CTX_set_params(ctx_, params) != 1) throw std::runtime_error("OpenSSL: no SHA-256");
  }
  ~MacContext() { EVP_MAC_CTX_free(ctx_); }
  MacContext(const MacContext&) = delete;
  MacContext& operator=(const MacContext&) = delete;

  void Compute(const unsigned char* key, std::size_t key_size, std::string_view data,
               unsigned char (&mac)[32]) {
    std::size_t size = 0;
    if (EVP_MAC_init(ctx_, key, key_size, nullptr) != 1 ||
        EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(data.data()), data.size()) !=
            1 ||
        EVP_MAC_final(ctx_, mac, &size, sizeof mac) != 1 || size != sizeof mac)
      throw std::runtime_error("OpenSSL: HMAC-SHA-256 failed");
  }

 private:
  EVP_MAC_CTX* ctx_ = nullptr;
};

}  // namespace

void Key::Create(const std::filesystem::path& file) {
  auth::EnsureSodium();
  if (file.has_parent_path() && !std::filesystem::exists(file.parent_path())) {
    std::filesystem::create_directories(file.parent_path());
    std::filesystem::permissions(file.parent_path(), std::filesystem::perms::owner_all);
  }
  // O_EXCL: an existing key is never replaced, even by two commands racing.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error(errno == EEXIST ? file.string() + " exists: a key is never replaced"
                                             : file.string() + ": cannot create the key file");
  }
  std::array<unsigned char, kBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  char hex[kBytes * 2 + 2];
  sodium_bin2hex(hex, kBytes * 2 + 1, raw.data(), raw.size());
  sodium_memzero(raw.data(), raw.size());
  hex[kBytes * 2] = '\n';
  const bool written = ::write(fd, hex, kBytes * 2 + 1) == static_cast<ssize_t>(kBytes * 2 + 1);
  sodium_memzero(hex, sizeof hex);
  const bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) {
    std::filesystem::remove(file);
    throw std::runtime_error(file.string() + ": cannot write the key file");
  }
}

Key Key::Load(const std::filesystem::path& file) {
  auth::EnsureSodium();
  std::ifstream in(file);
  std::string hex;
  if (!in || !std::getline(in, hex)) {
    throw std::runtime_error("no audit key at " + file.string() +
                             ": create one with `waishi keys init --keys " +
                             file.parent_path().string() + "`");
  }
  Key key;
  std::size_t length = 0;
  const bool ok = hex.size() == kBytes * 2 &&
                  sodium_hex2bin(key.bytes_.data(), key.bytes_.size(), hex.data(), hex.size(),
                                 nullptr, &length, nullptr) == 0 &&
                  length == kBytes;
  sodium_memzero(hex.data(), hex.size());
  if (!ok) throw std::runtime_error(file.string() + ": not an audit key (64 hex digits)");
  return key;
}

Key Key::FromBytes(const std::array<unsigned char, kBytes>& bytes) {
  Key key;
  key.bytes_ = bytes;
  return key;
}

Key::~Key() { sodium_memzero(bytes_.data(), bytes_.size()); }

std::string Key::Mac(std::string_view data) const {
  unsigned char mac[32];
  thread_local MacContext context;
  context.Compute(bytes_.data(), bytes_.size(), data, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

void UseKey(const Key& key) {
  auth::EnsureSodium();
  Installed() = key;
}

const Key& KeyInUse() {
  if (!Installed()) throw std::logic_error("the audit key was not loaded (audit::UseKey)");
  return *Installed();
}

}  // namespace waishi::audit
