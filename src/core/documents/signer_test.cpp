// The signing pair and the PDF signature: created with the right modes and never replaced;
// pdfsig reports a signed PDF valid and whole, and a changed byte as a broken signature;
// the text is still extractable.
#include "core/documents/signer.h"

#include <gtest/gtest.h>

// GCC 12 reports a Paragraph put into the Block variant as maybe-uninitialized (the other
// alternative's members): a known false positive of -Wmaybe-uninitialized with std::variant
// (GCC bug 80635).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <sys/stat.h>

#include "core/documents/documents.h"
#include "core/documents/test_pdf.h"

namespace waishi::documents {
namespace {

Content Small() {
  Content c;
  c.letterhead = "测试办公室";
  c.number = "测〔2026〕1号";
  c.title = "签名测试";
  c.body.push_back(Paragraph{"正文:签名之后仍可提取的文字。"});
  c.signature_line = "测试办公室";
  c.date_line = "2026年12月2日";
  c.verify_url = "https://waishi.example/verify/test?number=1&date=2026-12-02";
  c.seal_text = "测试办公室";
  return c;
}

TEST(DocumentSigner, CreatesThePairOnceWithThePrivateKeyReadableByItsOwnerOnly) {
  testing::TempDir dir;
  const auto keys = dir.path() / "keys";
  EXPECT_EQ(Signer::Create(keys, "测试办公室"), keys / "signing.key");
  struct stat st {};
  ASSERT_EQ(::stat((keys / "signing.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_THROW(Signer::Create(keys, "another"), std::runtime_error);
  const std::string cert = testing::Run("openssl x509 -noout -subject -ext keyUsage -dates -in '" +
                                        (keys / "signing.crt").string() + "' -nameopt utf8");
  EXPECT_NE(cert.find("CN=测试办公室"), std::string::npos) << cert;
  EXPECT_NE(cert.find("C=CN"), std::string::npos) << cert;
  EXPECT_NE(cert.find("Digital Signature, Non Repudiation"), std::string::npos) << cert;
  EXPECT_NO_THROW(Signer::Load(keys));
}

TEST(DocumentSigner, LoadNamesTheMissingFile) {
  testing::TempDir dir;
  try {
    Signer::Load(dir.path());
    FAIL() << "loaded nothing";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("signing.key"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("waishi keys init"), std::string::npos) << e.what();
  }
}

TEST(DocumentSigner, PdfsigSaysValidAndAChangedByteBreaksIt) {
  testing::TempDir dir;
  Signer::Create(dir.path(), "测试办公室");
  const Signer signer = Signer::Load(dir.path());
  const std::string unsigned_pdf = Render(Small());
  const std::string pdf = signer.Sign(unsigned_pdf, "签发 Issue");
  ASSERT_TRUE(pdf.starts_with(unsigned_pdf)) << "an incremental update keeps the original bytes";

  const std::string report = testing::OnPdf(dir, pdf, "pdfsig {}");
  EXPECT_NE(report.find("Signature Validation: Signature is Valid."), std::string::npos) << report;
  EXPECT_NE(report.find("Total document signed"), std::string::npos) << report;
  EXPECT_NE(report.find("Signer Certificate Common Name: 测试办公室"), std::string::npos) << report;
  EXPECT_NE(report.find("SHA-256"), std::string::npos) << report;
  EXPECT_NE(testing::OnPdf(dir, pdf, "pdftotext {} -").find("签名之后仍可提取的文字"),
            std::string::npos);

  // One byte inside the first signed range (in the unsigned document's body).
  std::string changed = pdf;
  const std::size_t at = unsigned_pdf.size() / 2;
  changed[at] = static_cast<char>(changed[at] ^ 0x01);
  const std::string broken = testing::OnPdf(dir, changed, "pdfsig {}");
  EXPECT_EQ(broken.find("Signature is Valid."), std::string::npos) << broken;
  EXPECT_NE(broken.find("Digest Mismatch"), std::string::npos) << broken;
  // And one byte in the update after the signature (the second range).
  std::string tail = pdf;
  const std::size_t eof = tail.rfind("%%EOF");
  tail[eof - 3] = tail[eof - 3] == '1' ? '2' : '1';
  EXPECT_EQ(testing::OnPdf(dir, tail, "pdfsig {}").find("Signature is Valid."), std::string::npos);
}

TEST(DocumentSigner, TheProcessSignerIsInstalledOnce) {
  testing::TempDir dir;
  Signer::Create(dir.path(), "测试办公室");
  UseSigner(Signer::Load(dir.path()));
  ASSERT_NE(SignerInUse(), nullptr);
  EXPECT_TRUE(SignerInUse()->Sign(Render(Small()), "x").starts_with("%PDF-"));
}

}  // namespace
}  // namespace waishi::documents
