#include "core/log.h"

#include <gtest/gtest.h>

#include "core/json.h"

namespace waishi::log {
namespace {

const Access kAccess{"198.51.100.7", "GET", "/api/v1/cases/42", 200, 1234, 3.456, "abc-7"};

TEST(LogTest, FormatsAreNamedTextAndJson) {
  EXPECT_EQ(ParseFormat("text"), Format::kText);
  EXPECT_EQ(ParseFormat("json"), Format::kJson);
  EXPECT_EQ(ParseFormat("JSON"), std::nullopt);
}

TEST(LogTest, TextLinesAreTimeLevelMessage) {
  EXPECT_EQ(FormatLine(Format::kText, "2026-12-04T05:00:00.000Z", "WARN", "disk low"),
            "2026-12-04T05:00:00.000Z WARN disk low");
  EXPECT_EQ(FormatAccess(Format::kText, "2026-12-04T05:00:00.000Z", kAccess),
            "2026-12-04T05:00:00.000Z INFO http 198.51.100.7 GET /api/v1/cases/42 200 1234 3.46ms "
            "abc-7");
}

TEST(LogTest, JsonLinesAreOneObjectEach) {
  EXPECT_EQ(FormatLine(Format::kJson, "2026-12-04T05:00:00.000Z", "ERROR", "a \"quoted\"\nline"),
            R"({"level":"ERROR","msg":"a \"quoted\"\nline","ts":"2026-12-04T05:00:00.000Z"})");
  const Json access = Json::parse(FormatAccess(Format::kJson, "2026-12-04T05:00:00.000Z", kAccess));
  EXPECT_EQ(access, Json({{"ts", "2026-12-04T05:00:00.000Z"},
                          {"level", "INFO"},
                          {"msg", "http"},
                          {"method", "GET"},
                          {"path", "/api/v1/cases/42"},
                          {"status", 200},
                          {"bytes", 1234},
                          {"duration_ms", 3.46},
                          {"remote", "198.51.100.7"},
                          {"request_id", "abc-7"}}));
}

TEST(LogTest, AControlByteInAPathCannotForgeALine) {
  Access a = kAccess;
  a.path = "/x\r\n2026 ERROR forged\xff";
  const std::string text = FormatAccess(Format::kText, "T", a);
  EXPECT_EQ(text.find('\n'), std::string::npos);
  EXPECT_NE(text.find("/x\\x0D\\x0A2026 ERROR forged"), std::string::npos);
  const std::string json = FormatAccess(Format::kJson, "T", a);
  EXPECT_EQ(json.find('\n'), std::string::npos);
  EXPECT_EQ(Json::parse(json)["path"], "/x\r\n2026 ERROR forged\xEF\xBF\xBD");  // U+FFFD
}

}  // namespace
}  // namespace waishi::log
