#include "core/i18n/text.h"

#include <gtest/gtest.h>

namespace waishi::i18n {
namespace {

TEST(Text, BilingualArgumentsGiveEachLanguageItsOwnValue) {
  // legalization.route.not_party: "{country}不是…" / "{country} is not a party …"
  const Text t = T("legalization.route.not_party", {{"country", Text{"印度", "India"}}});
  EXPECT_EQ(t.zh.rfind("印度不是", 0), 0u) << t.zh;
  EXPECT_EQ(t.en.rfind("India is not a party", 0), 0u) << t.en;
  EXPECT_EQ(t.zh.find("India"), std::string::npos);
  EXPECT_EQ(t.en.find("印度"), std::string::npos);
}

TEST(Text, EveryOccurrenceOfAPlaceholderIsReplaced) {
  // legalization.route.objection names the country twice in each language.
  const Text t = T("legalization.route.objection", {{"country", Text{"印度", "India"}}});
  EXPECT_EQ(t.zh.find("{country}"), std::string::npos) << t.zh;
  EXPECT_EQ(t.en.find("{country}"), std::string::npos) << t.en;
  EXPECT_NE(t.en.find("between China and India"), std::string::npos) << t.en;
}

TEST(Text, UnknownKeyThrows) {
  EXPECT_THROW(T("no.such.key", {{"x", Text{"a", "b"}}}), std::out_of_range);
}

}  // namespace
}  // namespace waishi::i18n
