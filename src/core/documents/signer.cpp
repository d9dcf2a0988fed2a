// The office's signing key and the PDF signature.
//
// A signed PDF here is the unsigned PDF followed by one incremental update (ISO 32000-1
// §7.5.6) that adds: a signature field, merged with an invisible widget annotation on page 1
// (§12.7.4.5, §12.5.6.19), listed in an /AcroForm with /SigFlags 3 (§12.7.2: SignaturesExist
// | AppendOnly) in an updated Catalog, and in the updated page's /Annots; and its signature
// dictionary (§12.8.1, Table 252) with /Filter /Adobe.PPKLite, /SubFilter
// /adbe.pkcs7.detached, /ByteRange and /Contents. The signature is a detached CMS SignedData
// (RFC 5652) over the two byte ranges, i.e. the whole file except the /Contents hex string,
// with SHA-256 and the ESS signing-certificate-v2 attribute (RFC 5035), which binds the
// signer's certificate to the signature as PAdES asks (ETSI EN 319 142-1 §5.2.2).
//
// The parser below reads what Render() (cairo) writes: a classic cross-reference table
// (§7.5.4) and trailer (§7.5.5), possibly followed by earlier sections through /Prev, with
// the Catalog and the page tree as direct dictionaries. Anything else is refused by name
// rather than signed wrongly.
#include "core/documents/signer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace waishi::documents {
namespace fs = std::filesystem;

// OpenSSL's objects, each freed by its own function. Outside the anonymous namespace, as
// Signer::Impl holds two of them.
template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using NamePtr = std::unique_ptr<X509_NAME, Deleter<X509_NAME, X509_NAME_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using EssPtr =
    std::unique_ptr<ESS_SIGNING_CERT_V2, Deleter<ESS_SIGNING_CERT_V2, ESS_SIGNING_CERT_V2_free>>;

namespace {

constexpr const char* kKeyFile = "signing.key";
constexpr const char* kCertFile = "signing.crt";

// Room for the CMS in /Contents: a P-256 or RSA-2048 signature with its certificate and
// attributes is 1–2 KB; 8 KB leaves room for an office's own certificate chain.
constexpr std::size_t kSignatureBytes = 8192;

std::string OpenSslError(std::string_view what) {
  std::string out(what);
  if (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out += ": ";
    out += buf;
  }
  ERR_clear_error();
  return out;
}

std::string ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + file.string() +
                             " (create the signing key with `waishi keys init`, or install the "
                             "office's own signing.key and signing.crt there)");
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Writes a new file readable by its owner only; refuses to replace one.
void WriteNew(const fs::path& file, const std::string& bytes, mode_t mode) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0)
    throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

void AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
  if (!ext || !X509_add_ext(cert, ext.get(), -1))
    throw std::runtime_error(OpenSslError("cannot add a certificate extension"));
}

// ---------------------------------------------------------------------------
// Reading the PDF: cross-reference table, trailer, direct dictionaries
// ---------------------------------------------------------------------------

bool IsWhite(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool IsDelimiter(char c) {
  return IsWhite(c) || c == '/' || c == '[' || c == ']' || c == '<' || c == '>' || c == '(' ||
         c == ')' || c == '%' || c == '{' || c == '}';
}

long long ParseInt(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && IsWhite(text[pos])) ++pos;
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), v);
  if (ec != std::errc()) throw std::runtime_error("PDF: a number was expected");
  pos = static_cast<std::size_t>(end - text.data());
  return v;
}

// The end of the dictionary that opens at `open` ("<<"), just past its ">>": strings, hex
// strings and comments are skipped (ISO 32000-1 §7.2–7.3).
std::size_t DictEnd(std::string_view pdf, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < pdf.size(); ++i) {
    const char c = pdf[i];
    if (c == '%') {
      while (i < pdf.size() && pdf[i] != '\n' && pdf[i] != '\r') ++i;
    } else if (c == '(') {
      int parens = 1;
      for (++i; i < pdf.size() && parens > 0; ++i) {
        if (pdf[i] == '\\')
          ++i;
        else if (pdf[i] == '(')
          ++parens;
        else if (pdf[i] == ')')
          --parens;
      }
      --i;
    } else if (c == '<' && i + 1 < pdf.size() && pdf[i + 1] == '<') {
      ++depth;
      ++i;
    } else if (c == '>' && i + 1 < pdf.size() && pdf[i + 1] == '>') {
      --depth;
      ++i;
      if (depth == 0) return i + 1;
    } else if (c == '<') {
      while (i < pdf.size() && pdf[i] != '>') ++i;
    }
  }
  throw std::runtime_error("PDF: a dictionary does not end");
}

// The position just after the key `/name` at the top level of `dict` (its value follows), or
// npos. Nested dictionaries are skipped so that a key inside one is not taken.
std::size_t FindKey(std::string_view dict, std::string_view name) {
  int depth = 0;
  for (std::size_t i = 0; i < dict.size(); ++i) {
    const char c = dict[i];
    if (c == '%') {
      while (i < dict.size() && dict[i] != '\n' && dict[i] != '\r') ++i;
    } else if (c == '(') {
      int parens = 1;
      for (++i; i < dict.size() && parens > 0; ++i) {
        if (dict[i] == '\\')
          ++i;
        else if (dict[i] == '(')
          ++parens;
        else if (dict[i] == ')')
          --parens;
      }
      --i;
    } else if (c == '<' && i + 1 < dict.size() && dict[i + 1] == '<') {
      ++depth;
      ++i;
    } else if (c == '>' && i + 1 < dict.size() && dict[i + 1] == '>') {
      --depth;
      ++i;
    } else if (c == '/' && depth == 1 && dict.substr(i + 1, name.size()) == name &&
               (i + 1 + name.size() == dict.size() || IsDelimiter(dict[i + 1 + name.size()]))) {
      return i + 1 + name.size();
    }
  }
  return std::string_view::npos;
}

// The object number of an indirect reference `N G R` that is the value of `/name`.
std::optional<long long> RefOf(std::string_view dict, std::string_view name) {
  std::size_t pos = FindKey(dict, name);
  if (pos == std::string_view::npos) return std::nullopt;
  const long long num = ParseInt(dict, pos);
  ParseInt(dict, pos);
  while (pos < dict.size() && IsWhite(dict[pos])) ++pos;
  if (pos >= dict.size() || dict[pos] != 'R') return std::nullopt;
  return num;
}

struct Parsed {
  std::map<long long, std::size_t> offsets;  // object number → offset of "N G obj"
  std::string trailer;                       // the newest trailer dictionary
  std::size_t startxref = 0;
  long long size = 0;
};

Parsed ParseXref(std::string_view pdf) {
  Parsed p;
  const std::size_t sx = pdf.rfind("startxref");
  if (sx == std::string_view::npos) throw std::runtime_error("PDF: no startxref");
  std::size_t pos = sx + 9;
  p.startxref = static_cast<std::size_t>(ParseInt(pdf, pos));
  std::optional<std::size_t> section = p.startxref;
  int sections = 0;
  while (section) {
    if (++sections > 64) throw std::runtime_error("PDF: too many cross-reference sections");
    pos = *section;
    if (pdf.substr(pos, 4) != "xref") {
      throw std::runtime_error("PDF: a cross-reference stream is not supported (only tables)");
    }
    pos += 4;
    while (true) {
      while (pos < pdf.size() && IsWhite(pdf[pos])) ++pos;
      if (pdf.substr(pos, 7) == "trailer") break;
      const long long first = ParseInt(pdf, pos);
      const long long count = ParseInt(pdf, pos);
      while (pos < pdf.size() && IsWhite(pdf[pos])) ++pos;
      for (long long i = 0; i < count; ++i, pos += 20) {
        // §7.5.4: each entry is exactly 20 bytes: nnnnnnnnnn ggggg n EOL.
        if (pos + 20 > pdf.size()) throw std::runtime_error("PDF: cross-reference table cut");
        std::size_t at = pos;
        const long long offset = ParseInt(pdf, at);
        if (pdf[pos + 17] == 'n') p.offsets.try_emplace(first + i, offset);  // newest wins
      }
    }
    const std::size_t open = pdf.find("<<", pos);
    const std::string_view trailer = pdf.substr(open, DictEnd(pdf, open) - open);
    if (sections == 1) {
      p.trailer = std::string(trailer);
      std::size_t s = FindKey(trailer, "Size");
      if (s == std::string_view::npos) throw std::runtime_error("PDF: the trailer has no /Size");
      p.size = ParseInt(trailer, s);
    }
    section.reset();
    if (std::size_t prev = FindKey(trailer, "Prev"); prev != std::string_view::npos)
      section = static_cast<std::size_t>(ParseInt(trailer, prev));
  }
  return p;
}

// The dictionary of object `num` (a direct dictionary, not a stream's).
std::string_view ObjectDict(std::string_view pdf, const Parsed& p, long long num) {
  auto it = p.offsets.find(num);
  if (it == p.offsets.end())
    throw std::runtime_error("PDF: object " + std::to_string(num) + " is not in use");
  const std::size_t open = pdf.find("<<", it->second);
  const std::size_t obj = pdf.find("obj", it->second);
  if (open == std::string_view::npos || obj == std::string_view::npos || obj > open)
    throw std::runtime_error("PDF: object " + std::to_string(num) + " is not a dictionary");
  return pdf.substr(open, DictEnd(pdf, open) - open);
}

// The dictionary with `entries` added before its closing ">>" (on lines of their own, so
// that a comment on the last line does not swallow them).
std::string WithEntries(std::string_view dict, std::string_view entries) {
  std::string out(dict.substr(0, dict.size() - 2));
  out += "\n";
  out += entries;
  out += "\n>>";
  return out;
}

// A PDF text string (§7.9.2.2): UTF-16BE with its byte order mark, as a hex string, so that
// any Unicode text (Chinese too) needs no escaping.
std::string PdfText(std::string_view utf8) {
  std::u16string units;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = 0;
    int extra = 0;
    if (c < 0x80)
      cp = c;
    else if ((c >> 5) == 0x6)
      cp = c & 0x1F, extra = 1;
    else if ((c >> 4) == 0xE)
      cp = c & 0x0F, extra = 2;
    else
      cp = c & 0x07, extra = 3;
    for (int k = 1; k <= extra && i + k < utf8.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += extra + 1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      units.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      units.push_back(static_cast<char16_t>(cp));
    }
  }
  std::string out = "<FEFF";
  char buf[5];
  for (char16_t u : units) {
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(u));
    out += buf;
  }
  return out + ">";
}

// A PDF date (§7.9.4) of now, in UTC.
std::string PdfDateNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%SZ", &tm);
  return buf;
}

}  // namespace

// ---------------------------------------------------------------------------
// The key pair
// ---------------------------------------------------------------------------

struct Signer::Impl {
  KeyPtr key;
  CertPtr cert;
};

Signer::Signer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Signer::Signer(Signer&&) noexcept = default;
Signer& Signer::operator=(Signer&&) noexcept = default;
Signer::~Signer() = default;

fs::path Signer::Create(const fs::path& dir, const std::string& common_name) {
  const fs::path key_file = dir / kKeyFile, cert_file = dir / kCertFile;
  if (fs::exists(key_file)) throw std::runtime_error(key_file.string() + " exists: not replaced");
  if (fs::exists(cert_file))
    throw std::runtime_error(cert_file.string() + " exists without its key: not replaced");
  if (!fs::exists(dir)) {
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all);
  }

  // ECDSA on P-256 (FIPS 186-4; RFC 5480 for its use in certificates).
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) throw std::runtime_error(OpenSslError("cannot generate the signing key"));

  // A self-signed X.509 v3 certificate (RFC 5280), valid ten years.
  CertPtr cert(X509_new());
  X509_set_version(cert.get(), X509_VERSION_3);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1)
    throw std::runtime_error(OpenSslError("no randomness"));
  serial[0] &= 0x7F;  // RFC 5280 §4.1.2.2: a positive integer of at most 20 octets
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_time_adj_ex(X509_getm_notAfter(cert.get()), 3653, 0, nullptr);
  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* cn = reinterpret_cast<const unsigned char*>(common_name.c_str());
  X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("CN"),
                             -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, cn, -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  AddExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE");
  // RFC 5280 §4.2.1.3: digitalSignature and nonRepudiation (contentCommitment) for signing
  // documents.
  AddExtension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature,nonRepudiation");
  AddExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash");
  AddExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
    throw std::runtime_error(OpenSslError("cannot sign the certificate"));

  BioPtr key_pem(BIO_new(BIO_s_mem())), cert_pem(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_PrivateKey(key_pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) ||
      !PEM_write_bio_X509(cert_pem.get(), cert.get())) {
    throw std::runtime_error(OpenSslError("cannot encode the signing key"));
  }
  WriteNew(key_file, BioText(key_pem.get()), 0600);
  WriteNew(cert_file, BioText(cert_pem.get()), 0644);
  return key_file;
}

Signer Signer::Load(const fs::path& dir) {
  const fs::path key_file = dir / kKeyFile, cert_file = dir / kCertFile;
  const std::string key_pem = ReadFile(key_file), cert_pem = ReadFile(cert_file);
  auto impl = std::make_unique<Impl>();
  BioPtr kb(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
  impl->key.reset(PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr));
  if (!impl->key) throw std::runtime_error(OpenSslError(key_file.string() + " is not a key"));
  BioPtr cb(BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())));
  impl->cert.reset(PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr));
  if (!impl->cert)
    throw std::runtime_error(OpenSslError(cert_file.string() + " is not a certificate"));
  if (X509_check_private_key(impl->cert.get(), impl->key.get()) != 1) {
    throw std::runtime_error(
        OpenSslError(cert_file.string() + " does not belong to " + key_file.string()));
  }
  return Signer(std::move(impl));
}

// ---------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------

std::string Signer::Sign(const std::string& pdf, const std::string& reason) const {
  const Parsed parsed = ParseXref(pdf);
  const auto root = RefOf(parsed.trailer, "Root");
  if (!root) throw std::runtime_error("PDF: the trailer has no /Root");
  const std::string_view catalog = ObjectDict(pdf, parsed, *root);
  if (FindKey(catalog, "AcroForm") != std::string_view::npos)
    throw std::runtime_error("PDF: already has a form (signing a signed PDF is not supported)");
  // Page 1: the first leaf of the page tree (§7.7.3).
  auto node = RefOf(catalog, "Pages");
  if (!node) throw std::runtime_error("PDF: the catalog has no /Pages");
  for (int depth = 0;; ++depth) {
    const std::string_view dict = ObjectDict(pdf, parsed, *node);
    std::size_t kids = FindKey(dict, "Kids");
    if (kids == std::string_view::npos) break;
    if (depth > 32) throw std::runtime_error("PDF: the page tree is too deep");
    kids = dict.find('[', kids) + 1;
    node = ParseInt(dict, kids);
  }
  const long long page = *node;
  const std::string_view page_dict = ObjectDict(pdf, parsed, page);

  const long long field = parsed.size, sig = parsed.size + 1, new_size = parsed.size + 2;
  const std::string field_ref = std::to_string(field) + " 0 R";

  std::string page_out;
  if (std::size_t annots = FindKey(page_dict, "Annots"); annots != std::string_view::npos) {
    std::size_t at = annots;
    while (at < page_dict.size() && IsWhite(page_dict[at])) ++at;
    if (page_dict[at] != '[')
      throw std::runtime_error("PDF: page 1's /Annots is not a direct array");
    const std::size_t close = page_dict.find(']', at);
    page_out = std::string(page_dict.substr(0, close)) + " " + field_ref + " " +
               std::string(page_dict.substr(close));
  } else {
    page_out = WithEntries(page_dict, "/Annots [ " + field_ref + " ]");
  }
  const std::string catalog_out =
      WithEntries(catalog, "/AcroForm << /Fields [ " + field_ref + " ] /SigFlags 3 >>");

  // The update, object by object, recording each offset for the new xref section.
  std::string out = pdf;
  if (!out.ends_with("\n")) out += "\n";
  std::map<long long, std::size_t> offsets;
  auto object = [&](long long num, const std::string& body) {
    offsets[num] = out.size();
    out += std::to_string(num) + " 0 obj\n" + body + "\nendobj\n";
  };
  object(*root, catalog_out);
  object(page, page_out);
  // The field and its widget in one dictionary (§12.5.6.19 allows merging them); a zero
  // rectangle and the flags Print (4) | Locked (128): an invisible signature.
  object(field,
         "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /F 132 /Rect [ 0 0 0 "
         "0 ] /P " +
             std::to_string(page) + " 0 R /V " + std::to_string(sig) + " 0 R >>");
  // The signature dictionary with fixed-width placeholders: /ByteRange is padded with spaces
  // and /Contents with zeros (both filled in below without moving a byte).
  const std::string byte_range_slot = "/ByteRange [ 0 " + std::string(40, ' ') + "]";
  offsets[sig] = out.size();
  out += std::to_string(sig) + " 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter " +
         "/adbe.pkcs7.detached\n/M (" + PdfDateNow() + ")\n/Reason " + PdfText(reason) + "\n";
  const std::size_t byte_range_at = out.size();
  out += byte_range_slot + "\n/Contents ";
  const std::size_t contents_at = out.size();
  out += "<" + std::string(2 * kSignatureBytes, '0') + ">";
  const std::size_t contents_end = out.size();
  out += "\n>>\nendobj\n";

  // The new cross-reference section: one subsection per object (§7.5.4), then the trailer
  // with /Prev pointing at the previous section (§7.5.6).
  const std::size_t xref_at = out.size();
  out += "xref\n";
  char entry[32];
  for (const auto& [num, offset] : offsets) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", offset);
    out += std::to_string(num) + " 1\n" + entry;
  }
  std::string trailer =
      "trailer\n<< /Size " + std::to_string(new_size) + " /Root " + std::to_string(*root) + " 0 R";
  if (auto info = RefOf(parsed.trailer, "Info"))
    trailer += " /Info " + std::to_string(*info) + " 0 R";
  if (std::size_t id = FindKey(parsed.trailer, "ID"); id != std::string_view::npos) {
    const std::size_t close = parsed.trailer.find(']', id);
    trailer += " /ID" + parsed.trailer.substr(id, close + 1 - id);
  }
  trailer += " /Prev " + std::to_string(parsed.startxref) + " >>\nstartxref\n" +
             std::to_string(xref_at) + "\n%%EOF\n";
  out += trailer;

  // The byte ranges: everything before the "<" of /Contents and after its ">" (§12.8.1).
  const std::size_t second = contents_end, second_len = out.size() - contents_end;
  const std::string ranges = "/ByteRange [ 0 " + std::to_string(contents_at) + " " +
                             std::to_string(second) + " " + std::to_string(second_len);
  if (ranges.size() + 1 > byte_range_slot.size()) throw std::runtime_error("PDF: too large");
  out.replace(byte_range_at, ranges.size(), ranges);

  // The detached CMS over the two ranges (RFC 5652 §5), SHA-256, with the signer's
  // certificate and the ESS signing-certificate-v2 attribute (RFC 5035 §3).
  BioPtr data(BIO_new(BIO_s_mem()));
  BIO_write(data.get(), out.data(), static_cast<int>(contents_at));
  BIO_write(data.get(), out.data() + second, static_cast<int>(second_len));
  const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  if (!cms) throw std::runtime_error(OpenSslError("CMS_sign"));
  CMS_SignerInfo* si =
      CMS_add1_signer(cms.get(), impl_->cert.get(), impl_->key.get(), EVP_sha256(), flags);
  if (!si) throw std::runtime_error(OpenSslError("CMS_add1_signer"));
  EssPtr ess(OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), impl_->cert.get(), nullptr, 0));
  unsigned char* der = nullptr;
  const int der_len = ess ? i2d_ESS_SIGNING_CERT_V2(ess.get(), &der) : -1;
  if (der_len <= 0 || !CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2,
                                                   V_ASN1_SEQUENCE, der, der_len)) {
    OPENSSL_free(der);
    throw std::runtime_error(OpenSslError("cannot add the signing-certificate-v2 attribute"));
  }
  OPENSSL_free(der);
  if (CMS_final(cms.get(), data.get(), nullptr, flags) != 1)
    throw std::runtime_error(OpenSslError("CMS_final"));
  unsigned char* cms_der = nullptr;
  const int cms_len = i2d_CMS_ContentInfo(cms.get(), &cms_der);
  if (cms_len <= 0) throw std::runtime_error(OpenSslError("cannot encode the CMS"));
  if (static_cast<std::size_t>(cms_len) > kSignatureBytes) {
    OPENSSL_free(cms_der);
    throw std::runtime_error("the signature is larger than its room in the PDF");
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int i = 0; i < cms_len; ++i) {
    out[contents_at + 1 + 2 * i] = kHex[cms_der[i] >> 4];
    out[contents_at + 2 + 2 * i] = kHex[cms_der[i] & 0xF];
  }
  OPENSSL_free(cms_der);
  return out;
}

// ---------------------------------------------------------------------------
// The process's signer
// ---------------------------------------------------------------------------

namespace {
std::unique_ptr<Signer>& Installed() {
  static std::unique_ptr<Signer> signer;
  return signer;
}
}  // namespace

void UseSigner(Signer signer) { Installed() = std::make_unique<Signer>(std::move(signer)); }

const Signer* SignerInUse() { return Installed().get(); }

}  // namespace waishi::documents
