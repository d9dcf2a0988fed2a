#include "counter/slots.h"

#include <gtest/gtest.h>

namespace waishi::counter {
namespace {

TEST(CounterSlots, APeriodIsCutIntoWholeSlots) {
  const auto slots = SlotsOf({{"09:00", "12:00"}, {"13:30", "17:00"}}, 30);
  ASSERT_EQ(slots.size(), 13u);  // six in the morning, seven in the afternoon
  EXPECT_EQ(slots.front().start, "09:00");
  EXPECT_EQ(slots.front().end, "09:30");
  EXPECT_EQ(slots[5].start, "11:30");
  EXPECT_EQ(slots[5].end, "12:00");
  EXPECT_EQ(slots[6].start, "13:30");
  EXPECT_EQ(slots.back().start, "16:30");
  EXPECT_EQ(slots.back().end, "17:00");
}

TEST(CounterSlots, ASlotRunningPastItsPeriodIsLeftOut) {
  const auto slots = SlotsOf({{"09:00", "10:10"}}, 30);
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots.back().end, "10:00");
}

TEST(CounterSlots, MalformedOrBackwardPeriodsGiveNoSlots) {
  EXPECT_TRUE(SlotsOf({{"9:00", "12:00"}}, 30).empty());
  EXPECT_TRUE(SlotsOf({{"12:00", "09:00"}}, 30).empty());
  EXPECT_TRUE(SlotsOf({{"09:00", "24:00"}}, 30).empty());
  EXPECT_TRUE(SlotsOf({{"09:00", "12:00"}}, 0).empty());
}

TEST(CounterSlots, MinutesReadsOnlyHhMm) {
  EXPECT_EQ(Minutes("00:00"), 0);
  EXPECT_EQ(Minutes("13:30"), 13 * 60 + 30);
  EXPECT_EQ(Minutes("23:59"), 23 * 60 + 59);
  EXPECT_FALSE(Minutes("24:00"));
  EXPECT_FALSE(Minutes("12:60"));
  EXPECT_FALSE(Minutes("1230"));
  EXPECT_FALSE(Minutes("ab:cd"));
  EXPECT_EQ(HhMm(9 * 60 + 5), "09:05");
}

}  // namespace
}  // namespace waishi::counter
