// The download and URL helpers every module's handlers share.
#include "core/http/params.h"

#include <gtest/gtest.h>

namespace waishi::http {
namespace {

TEST(HttpParams, AttachmentDispositionCarriesTheUtf8NameRfc8187) {
  EXPECT_EQ(http::AttachmentDisposition("cases-2026-12-02.xlsx", "案件-2026-12-02.xlsx"),
            "attachment; filename=\"cases-2026-12-02.xlsx\"; "
            "filename*=UTF-8''%E6%A1%88%E4%BB%B6-2026-12-02.xlsx");
  EXPECT_EQ(http::AttachmentDisposition("a\"b\r\n.xlsx", "Audit log.xlsx"),
            "attachment; filename=\"a_b__.xlsx\"; filename*=UTF-8''Audit%20log.xlsx");
}

TEST(HttpParams, PercentEncodeKeepsTheUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("甬外邀〔2026〕0001号"),
            "%E7%94%AC%E5%A4%96%E9%82%80%E3%80%942026%E3%80%950001%E5%8F%B7");
  EXPECT_EQ(PercentEncode("a b&c=d/e-f._~"), "a%20b%26c%3Dd%2Fe-f._~");
  EXPECT_EQ(PercentEncode("a b&c", " &"), "a b&c");
}

TEST(HttpParams, OnlyABodyOfOptionalMembersMayBeLeftOut) {
  EXPECT_TRUE(BodyMayBeOmitted(Json{{"type", "object"}, {"properties", Json::object()}}));
  EXPECT_TRUE(BodyMayBeOmitted(Json{{"type", "object"}, {"required", Json::array()}}));
  EXPECT_FALSE(BodyMayBeOmitted(Json{{"type", "object"}, {"required", {"reason"}}}));
  EXPECT_FALSE(BodyMayBeOmitted(Json{{"type", "array"}}));
}

}  // namespace
}  // namespace waishi::http
