// The office's signing key and certificate, outside the database: `waishi keys init`
// creates a self-signed pair in the keys folder for the demo (signing.key, signing.crt; an
// office installs its own there), and the server loads it at start-up like the audit key.
// Sign() turns a PDF into a PAdES signed PDF (an incremental update holding a detached
// CMS signature over the byte ranges), which `pdfsig` reports valid and unmodified.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace waishi::documents {

class Signer {
 public:
  // Creates signing.key (never overwritten: throws if it exists) and signing.crt, a
  // self-signed certificate for `common_name`, valid ten years. Returns the key's path.
  static std::filesystem::path Create(const std::filesystem::path& dir,
                                      const std::string& common_name);
  // Loads the pair; throws std::runtime_error naming the missing or unreadable file.
  static Signer Load(const std::filesystem::path& dir);

  // The signed PDF of `pdf` (as Render gives it).
  std::string Sign(const std::string& pdf, const std::string& reason) const;

  Signer(Signer&&) noexcept;
  Signer& operator=(Signer&&) noexcept;
  ~Signer();

 private:
  struct Impl;
  explicit Signer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The process's signer, installed once at start-up (main) before serving.
void UseSigner(Signer signer);
const Signer* SignerInUse();  // null until installed

}  // namespace waishi::documents
