#include "core/validate/mrz.h"

#include <gtest/gtest.h>

namespace waishi::validate {
namespace {

// The specimen passport of ICAO Doc 9303 Part 4, Appendix A (Anna Maria Eriksson, Utopia).
constexpr std::string_view kSpecimen =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

TEST(MrzTd3, ReadsTheSpecimen) {
  auto mrz = ParseMrzTd3(kSpecimen);
  ASSERT_TRUE(mrz);
  EXPECT_EQ(mrz->document_code, "P");
  EXPECT_EQ(mrz->issuing_state, "UTO");
  EXPECT_EQ(mrz->surname, "ERIKSSON");
  EXPECT_EQ(mrz->given_names, "ANNA MARIA");
  EXPECT_EQ(mrz->passport_number, "L898902C3");
  EXPECT_EQ(mrz->nationality, "UTO");
  EXPECT_EQ(mrz->birth_date, "740812");
  EXPECT_EQ(mrz->sex, 'F');
  EXPECT_EQ(mrz->expiry_date, "120415");
  EXPECT_TRUE(mrz->checks.all());
}

TEST(MrzTd3, TakesLowerCaseAndSpacesBetweenTheLines) {
  std::string pasted =
      "  p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<   "
      "l898902c36uto7408122f1204159ze184226b<<<<<10\r\n";
  auto mrz = ParseMrzTd3(pasted);
  ASSERT_TRUE(mrz);
  EXPECT_EQ(mrz->surname, "ERIKSSON");
  EXPECT_TRUE(mrz->checks.all());
}

TEST(MrzTd3, ReportsAWrongCheckDigitWithoutRefusing) {
  auto mrz = ParseMrzTd3(
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
      "L898902C37UTO7408122F1204159ZE184226B<<<<<10");
  ASSERT_TRUE(mrz);
  EXPECT_FALSE(mrz->checks.passport_number);
  EXPECT_FALSE(mrz->checks.all());
}

TEST(MrzTd3, RefusesWhatIsNotTwoLinesOf44) {
  EXPECT_FALSE(ParseMrzTd3(""));
  EXPECT_FALSE(ParseMrzTd3("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"));
  EXPECT_FALSE(ParseMrzTd3(std::string(kSpecimen) + "\nEXTRA"));
  EXPECT_FALSE(
      ParseMrzTd3("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<\n"  // 43
                  "L898902C36UTO7408122F1204159ZE184226B<<<<<10"));
  EXPECT_FALSE(
      ParseMrzTd3("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"  // a visa, not a passport
                  "L898902C36UTO7408122F1204159ZE184226B<<<<<10"));
  EXPECT_FALSE(
      ParseMrzTd3("P<UTOERIKSSON<<ANNA-MARIA<<<<<<<<<<<<<<<<<<<\n"
                  "L898902C36UTO7408122F1204159ZE184226B<<<<<10"));
}

TEST(MrzDates, BirthDatesLieInThePastExpiryDatesInThisCentury) {
  EXPECT_EQ(MrzBirthDate("740812", 2026), "1974-08-12");
  EXPECT_EQ(MrzBirthDate("050101", 2026), "2005-01-01");
  EXPECT_EQ(MrzBirthDate("261231", 2026), "2026-12-31");
  EXPECT_EQ(MrzBirthDate("270101", 2026), "1927-01-01");
  EXPECT_EQ(MrzExpiryDate("120415"), "2012-04-15");
  EXPECT_EQ(MrzExpiryDate("350229"), std::nullopt);  // 2035 is not a leap year
  EXPECT_EQ(MrzBirthDate("74081A", 2026), std::nullopt);
  EXPECT_EQ(MrzExpiryDate("12041"), std::nullopt);
}

}  // namespace
}  // namespace waishi::validate
