// The packs PostgreSQL files the legs in: what Append writes Reader reads back, in the bytes
// PostgreSQL's own send functions write (migration 0008 packs the filings it finds with them).
#include "safety/pack.h"

#include <gtest/gtest.h>

#include <vector>

namespace waishi::safety::pack {
namespace {

std::vector<Filing> ReadAll(std::string_view bytes) {
  std::vector<Filing> out;
  Reader reader(bytes);
  for (Filing f; reader.Next(f);) out.push_back(f);
  return out;
}

TEST(PackTest, WhatIsAppendedIsReadBackInOrder) {
  std::string bytes;
  Append(bytes, {9'000'000'123, 42, 0, 35.6895, 139.6917, 20'797, 20'799, "JP", "東京", ""});
  Append(bytes, {7, 8, 31, -89.999, -180, -3, -1, "AQ", "", "南极考察队"});
  const auto filings = ReadAll(bytes);
  ASSERT_EQ(filings.size(), 2u);
  EXPECT_EQ(filings[0].leg_id, 9'000'000'123);
  EXPECT_EQ(filings[0].person_id, 42);
  EXPECT_EQ(filings[0].org_id, 0);
  EXPECT_EQ(filings[0].lat, 35.6895);
  EXPECT_EQ(filings[0].lon, 139.6917);
  EXPECT_EQ(filings[0].from_day, 20'797);
  EXPECT_EQ(filings[0].to_day, 20'799);
  EXPECT_EQ(filings[0].country, "JP");
  EXPECT_EQ(filings[0].city, "東京");
  EXPECT_EQ(filings[0].group_ref, "");
  EXPECT_EQ(filings[1].org_id, 31);
  EXPECT_EQ(filings[1].lat, -89.999);
  EXPECT_EQ(filings[1].lon, -180);
  EXPECT_EQ(filings[1].from_day, -3);  // days before 1970
  EXPECT_EQ(filings[1].to_day, -1);
  EXPECT_EQ(filings[1].city, "");
  EXPECT_EQ(filings[1].group_ref, "南极考察队");
  EXPECT_TRUE(ReadAll("").empty());
}

// The bytes of int8send(1), int8send(-2), int8send(0), float8send(1.0), float8send(-0.5),
// int4send(1), int4send(-1) and int2send(length) || the UTF-8 text, in that order.
TEST(PackTest, TheBytesArePostgresqlsSendFormat) {
  std::string bytes;
  Append(bytes, {1, -2, 0, 1.0, -0.5, 1, -1, "CN", "杭", ""});
  EXPECT_EQ(Hex(bytes),
            "0000000000000001"
            "fffffffffffffffe"
            "0000000000000000"
            "3ff0000000000000"
            "bfe0000000000000"
            "00000001"
            "ffffffff"
            "0002434e"
            "0003e69dad"
            "0000");
}

TEST(PackTest, APackCutShortIsRefused) {
  std::string bytes;
  Append(bytes, {1, 2, 3, 4, 5, 6, 7, "FR", "Paris", "G"});
  for (const std::size_t cut :
       {std::size_t{1}, std::size_t{8}, std::size_t{52}, bytes.size() - 1}) {
    Reader reader(std::string_view(bytes).substr(0, cut));
    Filing f;
    EXPECT_THROW(reader.Next(f), std::runtime_error) << cut;
  }
}

TEST(PackTest, ATextTooLongForItsLengthIsRefused) {
  std::string bytes;
  const std::string city(65'536, 'a');
  EXPECT_THROW(Append(bytes, {1, 2, 3, 4, 5, 6, 7, "FR", city, ""}), std::length_error);
  EXPECT_NO_THROW(Append(bytes, {1, 2, 3, 4, 5, 6, 7, "FR", city.substr(1), ""}));
}

}  // namespace
}  // namespace waishi::safety::pack
