#include "core/auth/password_policy.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <thread>

#include "core/auth/password.h"

namespace waishi::auth {
namespace {

// The rule broken, or "" when the password passes.
std::string Rule(std::string_view password, std::string_view username = "zhang.wei") {
  auto e = CheckPasswordPolicy(password, username);
  return e ? e->rule : "";
}

// Argon2id at libsodium's interactive limits (m=64 MiB, t=2, p=1), the salt random: two hashes
// of one password differ and both verify; another password does not.
TEST(PasswordHash, Argon2idAtTheInteractiveLimits) {
  if (WeakHashingForTests()) GTEST_SKIP() << "WAISHI_TEST_WEAK_PASSWORD_HASH=1 is set";
  const std::string a = HashPassword("Tr1cky-Passw0rd");
  const std::string b = HashPassword("Tr1cky-Passw0rd");
  EXPECT_EQ(a.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << a;
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword(a, "Tr1cky-Passw0rd"));
  EXPECT_TRUE(VerifyPassword(b, "Tr1cky-Passw0rd"));
  EXPECT_FALSE(VerifyPassword(a, "Tr1cky-Passw0rd "));
  EXPECT_FALSE(VerifyPassword("not a hash", "Tr1cky-Passw0rd"));
}

// A hash made at the test runners' minimum cost (WAISHI_TEST_WEAK_PASSWORD_HASH) verifies by
// its own parameters, as any earlier cost's would.
TEST(PasswordHash, AHashVerifiesByTheParametersItCarries) {
  EnsureSodium();
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(weak, "abc", 3, crypto_pwhash_OPSLIMIT_MIN,
                                  crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_EQ(std::string(weak).rfind("$argon2id$v=19$m=8,t=1,p=1$", 0), 0u) << weak;
  EXPECT_TRUE(VerifyPassword(weak, "abc"));
  EXPECT_FALSE(VerifyPassword(weak, "abd"));
}

// The session tokens' and the files' hash. Test vectors of FIPS 180-2, appendix B (one and two
// blocks) and the empty message; the same on another thread (each has its own context).
TEST(Sha256Hex, KnownAnswers) {
  const auto check = [] {
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  };
  check();
  std::thread(check).join();
}

TEST(PasswordPolicy, AcceptsALongPasswordOfThreeClasses) {
  EXPECT_EQ(Rule("Harbour-lights7"), "");
  EXPECT_EQ(Rule("tidal.basin.42"), "");   // lower, other, digit
  EXPECT_EQ(Rule("TIDALBASIN42!"), "");    // upper, digit, other
  EXPECT_EQ(Rule("甬江夜色Ningbo7"), "");  // other (CJK), upper, lower, digit
}

TEST(PasswordPolicy, LengthIsCountedInCharacters) {
  EXPECT_EQ(Rule("Short-1a"), "password.length");
  EXPECT_EQ(Rule("Abcdefg-1"), "password.length");  // 9
  EXPECT_EQ(Rule("Abcdefg-12"), "");                // 10
  // Five CJK characters are 15 bytes but 5 characters.
  EXPECT_EQ(Rule("宁波外事A1"), "password.length");
}

TEST(PasswordPolicy, NeedsThreeOfFourClasses) {
  EXPECT_EQ(Rule("onlylowercaseletters"), "password.classes");
  EXPECT_EQ(Rule("lowerandUPPERonly"), "password.classes");
  EXPECT_EQ(Rule("lower1234567890"), "password.classes");
  EXPECT_EQ(Rule("correct horse battery"), "password.classes");  // lower + space
  EXPECT_EQ(Rule("lower12345 678"), "");                         // lower, digit, space
}

TEST(PasswordPolicy, MayNotContainTheUsernameIgnoringCase) {
  EXPECT_EQ(Rule("My-Zhang.Wei-1", "zhang.wei"), "password.username");
  EXPECT_EQ(Rule("ZHANG.WEI#2026x", "zhang.wei"), "password.username");
  EXPECT_EQ(Rule("My-Zhang.Wei-1", "li.na"), "");
  EXPECT_EQ(Rule("My-Zhang.Wei-1", ""), "");  // no username to compare
}

TEST(PasswordPolicy, RefusesCommonPasswordsIgnoringCase) {
  EXPECT_TRUE(IsCommonPassword("P@ssw0rd123"));
  EXPECT_TRUE(IsCommonPassword("p@ssw0rd123"));
  EXPECT_TRUE(IsCommonPassword("Admin@123456"));
  EXPECT_FALSE(IsCommonPassword("# Common passwords"));  // a comment, not an entry
  EXPECT_EQ(Rule("P@ssw0rd123"), "password.common");
  EXPECT_EQ(Rule("Qwer1234!@#$"), "password.common");
  EXPECT_EQ(Rule("Woaini1314520"), "password.common");
}

TEST(PasswordPolicy, TheFirstBrokenRuleIsNamedWithTheFieldAndABilingualMessage) {
  auto e = CheckPasswordPolicy("admin", "admin", "new_password");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "new_password");
  EXPECT_EQ(e->rule, "password.length");
  const Json detail = e->ToJson();
  EXPECT_NE(detail.dump().find("10"), std::string::npos) << detail.dump();
  const FieldError reused = PasswordReused("new_password");
  EXPECT_EQ(reused.rule, "password.history");
  EXPECT_NE(reused.ToJson().dump().find('5'), std::string::npos);
}

}  // namespace
}  // namespace waishi::auth
