#include "core/validate/identifiers.h"

#include <string>

#include <gtest/gtest.h>

namespace waishi::validate {
namespace {

// ---------------------------------------------------------------------------------------------
// Resident identity number, GB 11643-1999
// ---------------------------------------------------------------------------------------------

// Appends the correct check character, so a test can make only the birth date wrong.
std::string WithCheckChar(std::string_view first17) {
  return std::string(first17) + ResidentIdCheckChar(first17);
}

TEST(MaskIdentifierTest, KeepsTheFirstThreeAndTheLastFour) {
  EXPECT_EQ(MaskIdentifier("11010519491231002X"), "110***********002X");
  EXPECT_EQ(MaskIdentifier("E12345678"), "E12**5678");
  EXPECT_EQ(MaskIdentifier("12345678"), "******78");
  EXPECT_EQ(MaskIdentifier("7"), "7");
  EXPECT_EQ(MaskIdentifier(""), "");
}

TEST(ResidentIdTest, CheckCharOfTheStandardExamples) {
  EXPECT_EQ(ResidentIdCheckChar("11010519491231002"), 'X');  // PRODUCT.md / GB 11643 example
  EXPECT_EQ(ResidentIdCheckChar("44052418800101001"), '4');
}

TEST(ResidentIdTest, CheckCharRefusesAnythingButSeventeenDigits) {
  EXPECT_EQ(ResidentIdCheckChar(""), '\0');
  EXPECT_EQ(ResidentIdCheckChar("1101051949123100"), '\0');
  EXPECT_EQ(ResidentIdCheckChar("110105194912310021"), '\0');
  EXPECT_EQ(ResidentIdCheckChar("1101051949123100A"), '\0');
}

TEST(ResidentIdTest, AcceptsValidNumbers) {
  EXPECT_TRUE(IsValidResidentId("11010519491231002X"));
  EXPECT_TRUE(IsValidResidentId("11010519491231002x"));  // lower-case x as typed
  EXPECT_TRUE(IsValidResidentId("440524188001010014"));
  EXPECT_TRUE(IsValidResidentId(WithCheckChar("33020320000229123")));  // 2000-02-29 exists
}

TEST(ResidentIdTest, RejectsAWrongCheckChar) {
  EXPECT_FALSE(IsValidResidentId("110105194912310021"));
  EXPECT_FALSE(IsValidResidentId("110105194912310020"));
  EXPECT_FALSE(IsValidResidentId("440524188001010015"));
  EXPECT_FALSE(IsValidResidentId("44052418800101001X"));
}

TEST(ResidentIdTest, RejectsAnotherDigitChanged) {
  EXPECT_FALSE(IsValidResidentId("11010519491231003X"));  // sequence code
  EXPECT_FALSE(IsValidResidentId("21010519491231002X"));  // address code
}

TEST(ResidentIdTest, RejectsBadLength) {
  EXPECT_FALSE(IsValidResidentId(""));
  EXPECT_FALSE(IsValidResidentId("11010519491231002"));
  EXPECT_FALSE(IsValidResidentId("11010519491231002XX"));
  EXPECT_FALSE(IsValidResidentId("110105491231002"));  // first-generation 15 digits
}

TEST(ResidentIdTest, RejectsABirthDateThatDoesNotExist) {
  // Each has a correct check character, so only the date makes it invalid.
  EXPECT_FALSE(IsValidResidentId(WithCheckChar("11010519490230002")));  // 02-30
  EXPECT_FALSE(IsValidResidentId(WithCheckChar("11010519001329002")));  // month 13
  EXPECT_FALSE(IsValidResidentId(WithCheckChar("11010519490000002")));  // month and day 00
  EXPECT_FALSE(IsValidResidentId(WithCheckChar("11010519000229002")));  // 1900 not a leap year
  EXPECT_FALSE(IsValidResidentId(WithCheckChar("11010520230229002")));
}

TEST(ResidentIdTest, RejectsNonDigits) {
  EXPECT_FALSE(IsValidResidentId("1101051949123100XX"));
  EXPECT_FALSE(IsValidResidentId("X10105194912310021"));
  EXPECT_FALSE(IsValidResidentId("11010519491231002 "));
  EXPECT_FALSE(IsValidResidentId("11010519491231002Y"));
  EXPECT_FALSE(IsValidResidentId("１１０１０５19491231002X"));  // full-width digits (longer too)
  EXPECT_FALSE(IsValidResidentId("-1010519491231002X"));
}

// ---------------------------------------------------------------------------------------------
// Unified Social Credit Code, GB 32100-2015
// ---------------------------------------------------------------------------------------------

TEST(UsccTest, AcceptsValidCodes) {
  EXPECT_EQ(CheckUscc("91350100M000100Y43"), UsccCheck::kValid);  // PRODUCT.md vector
  // Σ mod 31 == 0 gives 31 − 0 = 31, which is written '0'.
  EXPECT_EQ(CheckUscc("000000000000000000"), UsccCheck::kValid);
}

TEST(UsccTest, WrongCheckCharIsReportedApartFromBadFormat) {
  EXPECT_EQ(CheckUscc("91350100M000100Y44"), UsccCheck::kBadCheckDigit);
  EXPECT_EQ(CheckUscc("91350100M000100Y4A"), UsccCheck::kBadCheckDigit);
  EXPECT_EQ(CheckUscc("91350100M000200Y43"), UsccCheck::kBadCheckDigit);  // body changed
  EXPECT_EQ(CheckUscc("000000000000000001"), UsccCheck::kBadCheckDigit);
}

TEST(UsccTest, RejectsBadLength) {
  EXPECT_EQ(CheckUscc(""), UsccCheck::kBadFormat);
  EXPECT_EQ(CheckUscc("91350100M000100Y4"), UsccCheck::kBadFormat);
  EXPECT_EQ(CheckUscc("91350100M000100Y433"), UsccCheck::kBadFormat);
}

TEST(UsccTest, RejectsCharactersOutsideTheAlphabet) {
  for (char excluded : {'I', 'O', 'Z', 'S', 'V'}) {
    std::string code = "91350100M000100Y43";
    code[8] = excluded;
    EXPECT_EQ(CheckUscc(code), UsccCheck::kBadFormat) << excluded;
  }
  EXPECT_EQ(CheckUscc("91350100M000100Y4Z"), UsccCheck::kBadFormat);  // in the check position
  EXPECT_EQ(CheckUscc("91350100m000100y43"), UsccCheck::kBadFormat);  // lower case
  EXPECT_EQ(CheckUscc("91350100M000100Y4-"), UsccCheck::kBadFormat);
  EXPECT_EQ(CheckUscc("91350100M 00100Y43"), UsccCheck::kBadFormat);
}

// ---------------------------------------------------------------------------------------------
// MRZ, ICAO Doc 9303
// ---------------------------------------------------------------------------------------------

// The specimen passport of ICAO Doc 9303, as quoted in PRODUCT.md.
constexpr std::string_view kSpecimenLine2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

TEST(MrzCheckDigitTest, SpecimenFields) {
  EXPECT_EQ(MrzCheckDigit("L898902C3"), 6);
  EXPECT_EQ(MrzCheckDigit("740812"), 2);
  EXPECT_EQ(MrzCheckDigit("120415"), 9);
  EXPECT_EQ(MrzCheckDigit("ZE184226B<<<<<"), 1);
  // Composite: positions 1–10, 14–20 and 22–43 of the line.
  EXPECT_EQ(MrzCheckDigit("L898902C3674081221204159ZE184226B<<<<<1"), 0);
}

TEST(MrzCheckDigitTest, ValuesAndEdgeCases) {
  EXPECT_EQ(MrzCheckDigit(""), 0);
  EXPECT_EQ(MrzCheckDigit("<<<<<<<<<"), 0);
  EXPECT_EQ(MrzCheckDigit("1"), 7);
  EXPECT_EQ(MrzCheckDigit("A"), 0);   // 10 × 7 = 70
  EXPECT_EQ(MrzCheckDigit("Z"), 5);   // 35 × 7 = 245
  EXPECT_EQ(MrzCheckDigit("01"), 3);  // weights 7, 3
  EXPECT_EQ(MrzCheckDigit("001"), 1);
  EXPECT_EQ(MrzCheckDigit("0001"), 7);  // the weights repeat
}

TEST(MrzCheckDigitTest, OtherCharactersGiveMinusOne) {
  EXPECT_EQ(MrzCheckDigit("l898902c3"), -1);
  EXPECT_EQ(MrzCheckDigit("L898902C3 "), -1);
  EXPECT_EQ(MrzCheckDigit("ZE-184226"), -1);
  EXPECT_EQ(MrzCheckDigit("É"), -1);
}

TEST(MrzTd3Test, SpecimenIsValid) {
  const std::optional<MrzTd3Check> check = CheckMrzTd3Line2(kSpecimenLine2);
  ASSERT_TRUE(check.has_value());
  EXPECT_TRUE(check->passport_number);
  EXPECT_TRUE(check->birth_date);
  EXPECT_TRUE(check->expiry_date);
  EXPECT_TRUE(check->personal_number);
  EXPECT_TRUE(check->composite);
  EXPECT_TRUE(check->all());
}

// Changes line2[pos] to c and returns the checks.
MrzTd3Check Altered(size_t pos, char c) {
  std::string line(kSpecimenLine2);
  line[pos] = c;
  const std::optional<MrzTd3Check> check = CheckMrzTd3Line2(line);
  if (!check) ADD_FAILURE() << "altered line was refused: " << line;
  return check.value_or(MrzTd3Check{});
}

TEST(MrzTd3Test, AlteredPassportNumberFailsItsCheckAndTheComposite) {
  const MrzTd3Check c = Altered(4, '8');  // L898902C3 → L898802C3
  EXPECT_FALSE(c.passport_number);
  EXPECT_TRUE(c.birth_date);
  EXPECT_TRUE(c.expiry_date);
  EXPECT_TRUE(c.personal_number);
  EXPECT_FALSE(c.composite);
  EXPECT_FALSE(c.all());
}

TEST(MrzTd3Test, AlteredBirthDateFailsItsCheckAndTheComposite) {
  const MrzTd3Check c = Altered(18, '3');  // 740812 → 740813
  EXPECT_TRUE(c.passport_number);
  EXPECT_FALSE(c.birth_date);
  EXPECT_TRUE(c.expiry_date);
  EXPECT_TRUE(c.personal_number);
  EXPECT_FALSE(c.composite);
}

TEST(MrzTd3Test, AlteredExpiryDateFailsItsCheckAndTheComposite) {
  const MrzTd3Check c = Altered(21, '2');  // 120415 → 220415
  EXPECT_TRUE(c.passport_number);
  EXPECT_TRUE(c.birth_date);
  EXPECT_FALSE(c.expiry_date);
  EXPECT_TRUE(c.personal_number);
  EXPECT_FALSE(c.composite);
}

TEST(MrzTd3Test, AlteredPersonalNumberFailsItsCheckAndTheComposite) {
  const MrzTd3Check c = Altered(30, '9');  // ZE184226B → ZE984226B
  EXPECT_TRUE(c.passport_number);
  EXPECT_TRUE(c.birth_date);
  EXPECT_TRUE(c.expiry_date);
  EXPECT_FALSE(c.personal_number);
  EXPECT_FALSE(c.composite);
}

TEST(MrzTd3Test, AlteredCompositeDigitFailsOnlyTheComposite) {
  const MrzTd3Check c = Altered(43, '1');
  EXPECT_TRUE(c.passport_number);
  EXPECT_TRUE(c.birth_date);
  EXPECT_TRUE(c.expiry_date);
  EXPECT_TRUE(c.personal_number);
  EXPECT_FALSE(c.composite);
}

TEST(MrzTd3Test, LetterInACheckDigitPositionFails) {
  // 'G' is worth 16: a check that compared values modulo 10 would take it for the 6. The
  // composite does exactly that (16 and 6 weigh the same modulo 10), so only the field fails.
  const MrzTd3Check c = Altered(9, 'G');
  EXPECT_FALSE(c.passport_number);
  EXPECT_TRUE(c.composite);
  EXPECT_FALSE(Altered(19, '<').birth_date);
}

// Nationality (11–13) and sex (21) are covered by no check digit.
TEST(MrzTd3Test, NationalityAndSexAreNotCovered) {
  EXPECT_TRUE(Altered(12, 'A').all());
  EXPECT_TRUE(Altered(20, 'M').all());
  EXPECT_TRUE(Altered(20, '<').all());
}

// A line with an unused personal number field; its check digit and the composite are computed.
std::string LineWithoutPersonalNumber(char personal_check) {
  std::string line = "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<";
  line += personal_check;
  const std::string composite = line.substr(0, 10) + line.substr(13, 7) + line.substr(21, 22);
  line += static_cast<char>('0' + MrzCheckDigit(composite));
  return line;
}

TEST(MrzTd3Test, UnusedPersonalNumberMayHaveAFillerOrZeroCheckDigit) {
  for (char personal_check : {'<', '0'}) {
    const std::string line = LineWithoutPersonalNumber(personal_check);
    ASSERT_EQ(line.size(), 44u);
    const std::optional<MrzTd3Check> check = CheckMrzTd3Line2(line);
    ASSERT_TRUE(check.has_value());
    EXPECT_TRUE(check->all()) << line;
  }
  const std::optional<MrzTd3Check> wrong = CheckMrzTd3Line2(LineWithoutPersonalNumber('1'));
  ASSERT_TRUE(wrong.has_value());
  EXPECT_FALSE(wrong->personal_number);
}

TEST(MrzTd3Test, FillerIsNoCheckDigitForAUsedPersonalNumber) {
  EXPECT_FALSE(Altered(42, '<').personal_number);
}

TEST(MrzTd3Test, RefusesWrongLengthOrCharacters) {
  EXPECT_FALSE(CheckMrzTd3Line2("").has_value());
  EXPECT_FALSE(CheckMrzTd3Line2(kSpecimenLine2.substr(0, 43)).has_value());
  EXPECT_FALSE(CheckMrzTd3Line2(std::string(kSpecimenLine2) + "<").has_value());
  std::string lower(kSpecimenLine2);
  lower[0] = 'l';
  EXPECT_FALSE(CheckMrzTd3Line2(lower).has_value());
  std::string space(kSpecimenLine2);
  space[37] = ' ';
  EXPECT_FALSE(CheckMrzTd3Line2(space).has_value());
}

}  // namespace
}  // namespace waishi::validate
