// Render(): the PDF holds the text (Chinese paragraphs and table cells, as pdftotext extracts
// them), embeds its fonts, breaks pages and repeats the table's header, and its QR code
// decodes to the verification URL.
#include <gtest/gtest.h>

// GCC 12 reports a Paragraph put into the Block variant as maybe-uninitialized (the other
// alternative's members): a known false positive of -Wmaybe-uninitialized with std::variant
// (GCC bug 80635).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <future>
#include <sstream>
#include <string>
#include <vector>

#include "core/documents/documents.h"
#include "core/documents/test_pdf.h"

namespace waishi::documents {
namespace {

Content Letter(int rows) {
  Content c;
  c.letterhead = "宁波市人民政府外事办公室";
  c.letterhead_en = "Foreign Affairs Office of Ningbo Municipal People's Government";
  c.number = "测〔2026〕0007号";
  c.title = "测试文书 Test Document";
  c.body.push_back(
      Paragraph{"兹证明下列人员为本单位正式员工,特此函告。This certifies the persons below."});
  Table t;
  t.header = {"序号", "姓名 Name", "备注"};
  t.widths = {0.15, 0.45, 0.4};
  for (int i = 1; i <= rows; ++i)
    t.rows.push_back(
        {std::to_string(i), "张三丰 ZHANG Sanfeng " + std::to_string(i), "行" + std::to_string(i)});
  c.body.push_back(t);
  c.body.push_back(
      Paragraph{"此页以下无正文。", Paragraph::Style::kSmall, Paragraph::Align::kLeft});
  c.signature_line = "宁波市人民政府外事办公室";
  c.date_line = "2026年12月2日";
  c.verify_url = "https://waishi.example/verify/test?number=0007&date=2026-12-02";
  c.verify_caption = "扫码核验 Scan to verify";
  c.seal_text = "宁波市人民政府外事办公室";
  return c;
}

TEST(DocumentRender, TheTextIsExtractableAndTheFontsEmbedded) {
  testing::TempDir dir;
  const std::string pdf = Render(Letter(3));
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const std::string text = testing::OnPdf(dir, pdf, "pdftotext {} -");
  EXPECT_NE(text.find("兹证明下列人员为本单位正式员工"), std::string::npos) << text;
  EXPECT_NE(text.find("张三丰 ZHANG Sanfeng 2"), std::string::npos) << text;
  EXPECT_NE(text.find("测〔2026〕0007号"), std::string::npos) << text;
  EXPECT_NE(text.find("2026年12月2日"), std::string::npos) << text;

  const std::string fonts = testing::OnPdf(dir, pdf, "pdffonts {}");
  EXPECT_NE(fonts.find("NotoSerifCJK"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("NotoSansCJK"), std::string::npos) << fonts;
  // Every font line (after the header and its rule) says "emb yes", "sub yes".
  int font_lines = 0;
  std::istringstream lines(fonts);
  std::string line;
  for (int n = 0; std::getline(lines, line); ++n) {
    if (n < 2 || line.empty()) continue;
    ++font_lines;
    EXPECT_NE(line.find("Identity-H       yes yes"), std::string::npos) << line;
  }
  EXPECT_GE(font_lines, 2) << fonts;
}

TEST(DocumentRender, ALongTableBreaksThePageAndRepeatsItsHeader) {
  testing::TempDir dir;
  const std::string pdf = Render(Letter(60));
  const std::string info = testing::OnPdf(dir, pdf, "pdfinfo {}");
  EXPECT_NE(info.find("A4"), std::string::npos) << info;
  const std::string page2 = testing::OnPdf(dir, pdf, "pdftotext -f 2 -l 2 {} -");
  EXPECT_NE(page2.find("姓名 Name"), std::string::npos) << "header repeated: " << page2;
  EXPECT_NE(page2.find("ZHANG Sanfeng 30"), std::string::npos) << page2;
  const std::string page1 = testing::OnPdf(dir, pdf, "pdftotext -f 1 -l 1 {} -");
  EXPECT_EQ(page1.find("ZHANG Sanfeng 30"), std::string::npos) << page1;
  // Every row is somewhere, the last one too.
  EXPECT_NE(testing::OnPdf(dir, pdf, "pdftotext {} -").find("ZHANG Sanfeng 60"), std::string::npos);
}

TEST(DocumentRender, TheQrCodeDecodesToTheVerificationUrl) {
  testing::TempDir dir;
  const Content c = Letter(2);
  const std::string qr = testing::QrCodes(dir, Render(c), 1);
  EXPECT_EQ(qr, c.verify_url + "\n");
}

TEST(DocumentRender, ThreadsRenderAtTheSameTime) {
  std::vector<std::future<std::string>> runs;
  for (int i = 0; i < 4; ++i)
    runs.push_back(std::async(std::launch::async, [i] { return Render(Letter(5 + i)); }));
  for (auto& r : runs) EXPECT_TRUE(r.get().starts_with("%PDF-"));
}

}  // namespace
}  // namespace waishi::documents
