#include "core/i18n/utf8.h"

#include <gtest/gtest.h>

namespace waishi::i18n {
namespace {

TEST(Utf8Test, CodePointsCountCharactersNotBytes) {
  EXPECT_EQ(CodePoints(""), 0);
  EXPECT_EQ(CodePoints("ZHANG"), 5);
  EXPECT_EQ(CodePoints("张昊"), 2);
  EXPECT_EQ(CodePoints("Zhang 张"), 7);
}

TEST(Utf8Test, TrimTakesAsciiBlanksAndTheIdeographicSpaceFromBothEnds) {
  EXPECT_EQ(Trim("  张昊\t\n"), "张昊");
  EXPECT_EQ(Trim("\u3000张 昊\u3000 "), "张 昊");  // the space inside stays
  EXPECT_EQ(Trim("张昊"), "张昊");
  EXPECT_EQ(Trim(""), "");
}

TEST(Utf8Test, BlankIsNothingButWhiteSpace) {
  EXPECT_TRUE(Blank(""));
  EXPECT_TRUE(Blank(" \t\r\n"));
  EXPECT_TRUE(Blank("\u3000\u3000"));  // what a Chinese input method types as spaces
  EXPECT_FALSE(Blank(" 同意 "));
  EXPECT_FALSE(Blank("."));
}

}  // namespace
}  // namespace waishi::i18n
