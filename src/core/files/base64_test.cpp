#include "core/files/base64.h"

#include <gtest/gtest.h>

namespace waishi::files {
namespace {

// RFC 4648 section 10's test vectors.
TEST(Base64Test, TheRfcVectorsBothWays) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [bytes, text] : vectors) {
    EXPECT_EQ(ToBase64(bytes), text);
    EXPECT_EQ(FromBase64(text), bytes);
  }
  const std::string binary("\x00\xff%PDF-\n", 8);
  EXPECT_EQ(FromBase64(ToBase64(binary)), binary);
}

TEST(Base64Test, TextThatIsNotBase64IsNone) {
  for (const char* bad : {"Zg=", "Z", "Zm9v!", "Zm9v Zm9v", "Zg==Zg"})
    EXPECT_FALSE(FromBase64(bad).has_value()) << bad;
}

}  // namespace
}  // namespace waishi::files
