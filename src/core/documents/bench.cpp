#include "core/documents/bench.h"

#include <chrono>
#include <stdexcept>
#include <string>

#include "core/documents/signer.h"

namespace waishi::documents {

Content SampleLetter(int rows) {
  Content c;
  c.letterhead = "宁波市人民政府外事办公室";
  c.letterhead_en = "Foreign Affairs Office of Ningbo Municipal People's Government";
  c.number = "甬外样〔2026〕0001号";
  c.title = "示例文书 Sample Document";
  c.body.push_back(Paragraph{"有关单位:"});
  c.body.push_back(Paragraph{
      "根据有关规定,现将下列人员名单及有关事项函告如下,请予以协助办理相关手续。在此期间的一切"
      "费用由申请单位承担,申请单位对所提交材料的真实性负责。"
      "In accordance with the relevant provisions, the list of persons below and the related "
      "matters are communicated to you; please assist with the formalities."});
  Table t;
  t.header = {"序号 No.", "姓名 Name", "性别 Sex", "出生日期 Date of birth", "国籍 Nationality"};
  t.widths = {0.1, 0.35, 0.12, 0.23, 0.2};
  for (int i = 1; i <= rows; ++i) {
    t.rows.push_back({std::to_string(i), "MUSTERMANN Erika 艾丽卡 " + std::to_string(i),
                      i % 2 ? "女 F" : "男 M", "1980-01-" + std::to_string(10 + i % 18),
                      "德国 DEU"});
  }
  c.body.push_back(t);
  c.body.push_back(Paragraph{"特此函告。"});
  c.signature_line = "宁波市人民政府外事办公室";
  c.date_line = "2026年12月2日";
  c.verify_url = "https://waishi.example.cn/verify/sample?number=0001&date=2026-12-02";
  c.verify_caption = "扫描二维码核验本文书 Scan to verify this document";
  c.seal_text = "宁波市人民政府外事办公室";
  return c;
}

BenchResult BenchRenderAndSign(int count) {
  const Signer* signer = SignerInUse();
  if (!signer) throw std::logic_error("bench-pdf: no signing key installed");
  const Content letter = SampleLetter();
  const std::string plain = Render(letter);
  BenchResult r;
  r.bytes = signer->Sign(plain, "bench").size();
  // The page objects of the unsigned PDF (the signed one repeats page 1 in its update).
  for (std::size_t at = plain.find("/Type /Page"); at != std::string::npos;
       at = plain.find("/Type /Page", at + 1)) {
    if (plain.compare(at, 12, "/Type /Pages") != 0) ++r.pages;
  }
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    if (signer->Sign(Render(letter), "bench").size() < 1000)
      throw std::runtime_error("bench-pdf: an empty PDF");
  }
  r.letters = count;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.per_second = r.seconds > 0 ? count / r.seconds : 0;
  return r;
}

}  // namespace waishi::documents
