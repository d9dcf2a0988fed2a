#include "core/notify/mail.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <regex>
#include <string>

#include "core/notify/notify.h"

namespace waishi::notify::mail {
namespace {

std::string Unbase64(const std::string& b64) {
  std::string out(b64.size(), '\0');
  std::size_t len = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(),
                              b64.size(), "\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  out.resize(len);
  return out;
}

// Whether every multi-byte sequence is complete (enough for text that was valid UTF-8).
bool ValidUtf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const std::size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// Decodes a header value made of RFC 2047 B-encoded words folded with CRLF SP.
std::string DecodeWords(const std::string& value) {
  static const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
  std::string out;
  for (std::sregex_iterator it(value.begin(), value.end(), kWord), end; it != end; ++it) {
    out += Unbase64((*it)[1]);
  }
  return out;
}

TEST(Mail, AsciiSubjectStaysAsItIs) {
  EXPECT_EQ(EncodeWord("Notice: office closed"), "Notice: office closed");
}

TEST(Mail, Rfc2047EncodesUtf8InWordsOfAtMost75Characters) {
  const std::string subject = "邀请函已签发:甬外邀〔2026〕0001号 — 请在七日内下载并打印邀请函原件";
  const std::string encoded = EncodeWord(subject);
  EXPECT_TRUE(encoded.starts_with("=?UTF-8?B?")) << encoded;
  std::size_t words = 0;
  for (std::size_t start = 0; start < encoded.size();) {
    auto end = encoded.find("\r\n ", start);
    const std::string word = encoded.substr(start, end == std::string::npos ? end : end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
    // Each word holds whole characters: it decodes to valid UTF-8 on its own.
    EXPECT_TRUE(ValidUtf8(Unbase64(word.substr(10, word.size() - 12)))) << word;
    ++words;
    start = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_GT(words, 1u);
  EXPECT_EQ(DecodeWords(encoded), subject);
}

TEST(Mail, EncodedWordsSplitOnCharacterBoundaries) {
  // 45 bytes per word: 15 three-byte characters fit exactly, a 16th starts the next word.
  const std::string sixteen = "一二三四五六七八九十甲乙丙丁戊己";
  const std::string encoded = EncodeWord(sixteen);
  const auto fold = encoded.find("\r\n ");
  ASSERT_NE(fold, std::string::npos);
  EXPECT_EQ(Unbase64(encoded.substr(10, fold - 12)), "一二三四五六七八九十甲乙丙丁戊");
  EXPECT_EQ(DecodeWords(encoded), sixteen);
}

TEST(Mail, TextThatLooksEncodedIsEncoded) {
  EXPECT_TRUE(EncodeWord("=?UTF-8?B?x?=").starts_with("=?UTF-8?B?"));
  EXPECT_TRUE(EncodeWord("a\r\nBcc: x@y").starts_with("=?UTF-8?B?")) << "no header injection";
}

TEST(Mail, Base64BodyInLinesOf76) {
  const std::string text(200, 'x');
  const std::string lines = Base64Lines(text);
  std::size_t start = 0;
  while (start < lines.size()) {
    const auto end = lines.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
  EXPECT_EQ(Unbase64(lines), text);
}

TEST(Mail, DateHeaderIsRfc5322) {
  // 2026-12-02T00:32:53Z was a Wednesday.
  const auto t = std::chrono::system_clock::time_point(std::chrono::seconds(1796171573));
  EXPECT_EQ(DateHeader(t), "Wed, 02 Dec 2026 00:32:53 +0000");
}

TEST(Mail, BuildHasTheHeadersAndABase64Body) {
  Mail m;
  m.from_address = "noreply@waishi.example";
  m.from_name = "外事办公室";
  m.to = "li.lei@example.org";
  m.subject = "通知:系统维护";
  m.body = "中文正文\n第二行\n\nEnglish text";
  m.message_id = "outbox.7.20261202@waishi.example";
  m.date = std::chrono::system_clock::time_point(std::chrono::seconds(1796171573));
  const std::string msg = Build(m);
  const auto split = msg.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos);
  const std::string headers = msg.substr(0, split + 2), body = msg.substr(split + 4);
  EXPECT_NE(headers.find("Date: Wed, 02 Dec 2026 00:32:53 +0000\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Message-ID: <outbox.7.20261202@waishi.example>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("From: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(headers.find(" <noreply@waishi.example>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("To: li.lei@example.org\r\n"), std::string::npos);
  EXPECT_NE(headers.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
  const auto subject = headers.find("Subject: ");
  ASSERT_NE(subject, std::string::npos);
  const auto subject_end = headers.find("\r\n", subject);
  EXPECT_EQ(DecodeWords(headers.substr(subject, subject_end - subject)), "通知:系统维护");
  // Every line ends in CRLF; the body's lines too, once decoded.
  EXPECT_EQ(headers.find("\n"), headers.find("\r\n") + 1);
  EXPECT_EQ(Unbase64(body), "中文正文\r\n第二行\r\n\r\nEnglish text");
}

TEST(Mail, Addresses) {
  EXPECT_TRUE(IsAddress("officer@demo.waishi.local"));
  for (const char* bad : {"", "no-at", "@x", "x@", "a b@c", "a@b\r\nBcc: c@d", "<a@b>", "a,b@c"}) {
    EXPECT_FALSE(IsAddress(bad)) << bad;
  }
}

TEST(Mail, BackoffDoublesFromOneMinuteToAnHour) {
  using std::chrono::seconds;
  EXPECT_EQ(Backoff(1), seconds(60));
  EXPECT_EQ(Backoff(2), seconds(120));
  EXPECT_EQ(Backoff(3), seconds(240));
  EXPECT_EQ(Backoff(6), seconds(1920));
  EXPECT_EQ(Backoff(7), seconds(3600));
  EXPECT_EQ(Backoff(8), seconds(3600));
  EXPECT_EQ(Backoff(100), seconds(3600));
  EXPECT_EQ(kMaxAttempts, 8);
}

TEST(Notify, RenderFillsThePlaceholdersInBothLanguages) {
  const Rendered r =
      Render("notify.announce.notice", Json{{"title", "停水"}, {"text", "明日停水 / No water"}});
  EXPECT_EQ(r.subject.zh, "通知:停水");
  EXPECT_EQ(r.subject.en, "Notice: 停水");
  EXPECT_NE(r.body.zh.find("明日停水 / No water"), std::string::npos);
  EXPECT_NE(r.body.en.find("明日停水 / No water"), std::string::npos);
}

TEST(Notify, AnUnknownKeyIsALogicError) {
  EXPECT_THROW(Render("notify.no_such_message", Json::object()), std::logic_error);
}

TEST(Notify, EveryAnnouncementKeyHasASubjectAndABody) {
  ASSERT_FALSE(AnnouncementKeys().empty());
  for (const auto& key : AnnouncementKeys()) {
    EXPECT_NO_THROW(Render(key, Json::object())) << key;
  }
}

}  // namespace
}  // namespace waishi::notify::mail
