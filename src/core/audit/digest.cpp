#include "core/audit/digest.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <stdexcept>

namespace waishi::audit {

struct RunningSha256::Context {
  EVP_MD_CTX* md = nullptr;
  ~Context() { EVP_MD_CTX_free(md); }
  void Start() {
    if (EVP_DigestInit_ex(md, EVP_sha256(), nullptr) != 1)
      throw std::runtime_error("OpenSSL: SHA-256 failed");
  }
};

RunningSha256::RunningSha256() : context_(std::make_unique<Context>()) {
  context_->md = EVP_MD_CTX_new();
  if (context_->md == nullptr) throw std::runtime_error("OpenSSL: no digest context");
  context_->Start();
}

RunningSha256::~RunningSha256() = default;

void RunningSha256::Add(std::string_view data) {
  if (EVP_DigestUpdate(context_->md, data.data(), data.size()) != 1)
    throw std::runtime_error("OpenSSL: SHA-256 failed");
}

std::string RunningSha256::HexAndRestart() {
  unsigned char digest[32];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(context_->md, digest, &size) != 1 || size != sizeof digest)
    throw std::runtime_error("OpenSSL: SHA-256 failed");
  context_->Start();
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace waishi::audit
