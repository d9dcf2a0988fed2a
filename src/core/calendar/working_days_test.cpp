#include "core/calendar/working_days.h"

#include <chrono>
#include <random>
#include <stdexcept>

#include <gtest/gtest.h>

namespace waishi::calendar {
namespace {

Date Iso(std::string_view iso) {
  const std::optional<Date> d = Date::Parse(iso);
  if (!d) throw std::invalid_argument("test date does not parse");
  return *d;
}

// ---------------------------------------------------------------------------------------------
// Date
// ---------------------------------------------------------------------------------------------

TEST(DateTest, EpochIsDayZero) {
  EXPECT_EQ(Date::FromDays(0).ToString(), "1970-01-01");
  EXPECT_EQ(Date::FromYmd(1970, 1, 1).days(), 0);
  EXPECT_EQ(Date::FromYmd(1969, 12, 31).days(), -1);
  EXPECT_EQ(Date().days(), 0);
}

TEST(DateTest, ParseAcceptsRealDates) {
  const std::optional<Date> d = Date::Parse("2026-10-01");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->days(), 20727);
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->month(), 10u);
  EXPECT_EQ(d->day(), 1u);
  EXPECT_TRUE(Date::Parse("2028-02-29").has_value());  // leap year
  EXPECT_TRUE(Date::Parse("2000-02-29").has_value());  // divisible by 400: leap
  EXPECT_TRUE(Date::Parse("2027-12-31").has_value());
}

TEST(DateTest, ParseRejectsDatesThatDoNotExist) {
  EXPECT_FALSE(Date::Parse("2027-02-29").has_value());  // not a leap year
  EXPECT_FALSE(Date::Parse("1900-02-29").has_value());  // divisible by 100 but not 400
  EXPECT_FALSE(Date::Parse("2027-04-31").has_value());
  EXPECT_FALSE(Date::Parse("2027-13-01").has_value());
  EXPECT_FALSE(Date::Parse("2027-00-10").has_value());
  EXPECT_FALSE(Date::Parse("2027-01-00").has_value());
}

TEST(DateTest, ParseRejectsAnythingButExactlyYyyyMmDd) {
  EXPECT_FALSE(Date::Parse("2027-2-1").has_value());
  EXPECT_FALSE(Date::Parse("2027-02-1").has_value());
  EXPECT_FALSE(Date::Parse("2027-02-01x").has_value());
  EXPECT_FALSE(Date::Parse("2027-02-01T00:00:00Z").has_value());
  EXPECT_FALSE(Date::Parse(" 2027-02-01").has_value());
  EXPECT_FALSE(Date::Parse("2027/02/01").has_value());
  EXPECT_FALSE(Date::Parse("20270201").has_value());
  EXPECT_FALSE(Date::Parse("+027-02-01").has_value());
  EXPECT_FALSE(Date::Parse("2027-+2-01").has_value());
  EXPECT_FALSE(Date::Parse("２０２７-02-01").has_value());  // full-width digits
  EXPECT_FALSE(Date::Parse("").has_value());
}

TEST(DateTest, ToStringRoundTrips) {
  for (std::string_view iso : {"2026-09-20", "2000-02-29", "1970-01-01", "1949-10-01", "0999-12-31",
                               "0001-01-01", "9999-12-31", "2026-10-09"}) {
    EXPECT_EQ(Iso(iso).ToString(), iso);
  }
}

TEST(DateTest, FromYmdRefusesImpossibleDates) {
  EXPECT_EQ(Date::FromYmd(2028, 2, 29), Iso("2028-02-29"));
  EXPECT_THROW(Date::FromYmd(2027, 2, 29), std::invalid_argument);
  EXPECT_THROW(Date::FromYmd(2027, 13, 1), std::invalid_argument);
}

TEST(DateTest, WeekdayZeroIsSunday) {
  EXPECT_EQ(Iso("1970-01-01").Weekday(), 4u);  // a Thursday
  EXPECT_EQ(Iso("2026-09-20").Weekday(), 0u);  // Sunday
  EXPECT_EQ(Iso("2026-09-28").Weekday(), 1u);  // Monday
  EXPECT_EQ(Iso("2026-10-01").Weekday(), 4u);  // Thursday
  EXPECT_EQ(Iso("2026-10-10").Weekday(), 6u);  // Saturday
  EXPECT_EQ(Iso("1969-12-31").Weekday(), 3u);  // before the epoch too
}

TEST(DateTest, AddMonthsClampsToTheEndOfAShorterMonth) {
  EXPECT_EQ(Iso("2027-01-31").AddMonths(1), Iso("2027-02-28"));
  EXPECT_EQ(Iso("2028-01-31").AddMonths(1), Iso("2028-02-29"));
  EXPECT_EQ(Iso("2027-05-31").AddMonths(1), Iso("2027-06-30"));
  EXPECT_EQ(Iso("2027-03-31").AddMonths(-1), Iso("2027-02-28"));
  EXPECT_EQ(Iso("2027-12-15").AddMonths(1), Iso("2028-01-15"));
  EXPECT_EQ(Iso("2027-01-15").AddMonths(-1), Iso("2026-12-15"));
  EXPECT_EQ(Iso("2028-02-29").AddMonths(12), Iso("2029-02-28"));
  EXPECT_EQ(Iso("2027-01-31").AddMonths(0), Iso("2027-01-31"));
  EXPECT_EQ(Iso("2027-01-31").AddMonths(25), Iso("2029-02-28"));
}

TEST(DateTest, DayArithmetic) {
  EXPECT_EQ(Iso("2026-12-31").AddDays(1), Iso("2027-01-01"));
  EXPECT_EQ(Iso("2028-03-01").AddDays(-1), Iso("2028-02-29"));
  EXPECT_EQ(Iso("2026-10-01").InclusiveDaysTo(Iso("2026-10-07")), 7);
  EXPECT_EQ(Iso("2026-10-01").InclusiveDaysTo(Iso("2026-10-01")), 1);
  EXPECT_LT(Iso("2026-09-30"), Iso("2026-10-01"));
}

TEST(DateTest, TodayInChinaIsUtcDatePlusEightHours) {
  namespace chr = std::chrono;
  const auto before = chr::floor<chr::days>(chr::system_clock::now() + chr::hours{8});
  const Date today = Date::TodayInChina();
  const auto after = chr::floor<chr::days>(chr::system_clock::now() + chr::hours{8});
  EXPECT_GE(today.days(), before.time_since_epoch().count());
  EXPECT_LE(today.days(), after.time_since_epoch().count());
}

// ---------------------------------------------------------------------------------------------
// WorkingCalendar
// ---------------------------------------------------------------------------------------------

// The real 2026 calendar around National Day, from 国务院办公厅关于2026年部分节假日安排的通知
// (State Council General Office, 2025-11-04, published by Xinhua, e.g.
// https://politics.gmw.cn/2025-11/04/content_38391083.htm):
//   六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
//   七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
WorkingCalendar Calendar2026Autumn() {
  WorkingCalendar cal;
  for (std::string_view iso : {"2026-09-25", "2026-09-26", "2026-09-27"}) cal.AddHoliday(Iso(iso));
  for (Date d = Iso("2026-10-01"); d <= Iso("2026-10-07"); d = d.AddDays(1)) cal.AddHoliday(d);
  cal.AddWorkday(Iso("2026-09-20"));
  cal.AddWorkday(Iso("2026-10-10"));
  return cal;
}

TEST(WorkingCalendarTest, PlainWeekWithoutHolidays) {
  const WorkingCalendar cal;
  EXPECT_TRUE(cal.IsWorkingDay(Iso("2027-03-01")));   // Monday
  EXPECT_TRUE(cal.IsWorkingDay(Iso("2027-03-05")));   // Friday
  EXPECT_FALSE(cal.IsWorkingDay(Iso("2027-03-06")));  // Saturday
  EXPECT_FALSE(cal.IsWorkingDay(Iso("2027-03-07")));  // Sunday
  EXPECT_EQ(cal.CountWorkingDays(Iso("2027-03-01"), Iso("2027-03-08")), 5);
  EXPECT_EQ(cal.AddWorkingDays(Iso("2027-03-05"), 1), Iso("2027-03-08"));  // Friday → Monday
  EXPECT_EQ(cal.AddWorkingDays(Iso("2027-03-06"), 1), Iso("2027-03-08"));  // Saturday → Monday
}

TEST(WorkingCalendarTest, NationalDay2026Days) {
  const WorkingCalendar cal = Calendar2026Autumn();
  EXPECT_TRUE(cal.IsWorkingDay(Iso("2026-09-20")));   // Sunday, adjusted working day
  EXPECT_FALSE(cal.IsWorkingDay(Iso("2026-09-25")));  // Friday, Mid-Autumn Festival
  EXPECT_TRUE(cal.IsWorkingDay(Iso("2026-09-30")));
  EXPECT_FALSE(cal.IsWorkingDay(Iso("2026-10-01")));
  EXPECT_FALSE(cal.IsWorkingDay(Iso("2026-10-05")));  // Monday inside the holiday
  EXPECT_FALSE(cal.IsWorkingDay(Iso("2026-10-07")));
  EXPECT_TRUE(cal.IsWorkingDay(Iso("2026-10-08")));
  EXPECT_TRUE(cal.IsWorkingDay(Iso("2026-10-10")));   // Saturday, adjusted working day
  EXPECT_FALSE(cal.IsWorkingDay(Iso("2026-10-11")));  // an ordinary Sunday
}

TEST(WorkingCalendarTest, WorkingDaysAcrossAHoliday) {
  const WorkingCalendar cal = Calendar2026Autumn();
  // Mon 09-28, Tue 09-29, Wed 09-30, then 10-01..10-07 off, Thu 10-08; 10-09 is excluded.
  EXPECT_EQ(cal.CountWorkingDays(Iso("2026-09-28"), Iso("2026-10-09")), 4);
  EXPECT_EQ(cal.AddWorkingDays(Iso("2026-09-30"), 1), Iso("2026-10-08"));
  EXPECT_EQ(cal.AddWorkingDays(Iso("2026-10-08"), 2), Iso("2026-10-10"));
  // A five-working-day publicity period starting after Thursday 09-24.
  EXPECT_EQ(cal.AddWorkingDays(Iso("2026-09-24"), 5), Iso("2026-10-09"));
  // Whole months: September gains 09-20 and loses 09-25; October loses five weekdays and gains
  // Saturday 10-10.
  EXPECT_EQ(cal.CountWorkingDays(Iso("2026-09-01"), Iso("2026-10-01")), 22);
  EXPECT_EQ(cal.CountWorkingDays(Iso("2026-10-01"), Iso("2026-11-01")), 18);
}

TEST(WorkingCalendarTest, CountIsZeroForAnEmptyOrReversedRange) {
  const WorkingCalendar cal = Calendar2026Autumn();
  EXPECT_EQ(cal.CountWorkingDays(Iso("2026-09-28"), Iso("2026-09-28")), 0);
  EXPECT_EQ(cal.CountWorkingDays(Iso("2026-10-09"), Iso("2026-09-28")), 0);
  EXPECT_EQ(cal.CountWorkingDays(Iso("2026-09-28"), Iso("2026-09-29")), 1);
}

TEST(WorkingCalendarTest, AdjustedWorkingDayWinsOverAHolidayOnTheSameDate) {
  WorkingCalendar cal;
  cal.AddHoliday(Iso("2027-03-01"));
  cal.AddWorkday(Iso("2027-03-01"));
  EXPECT_TRUE(cal.IsWorkingDay(Iso("2027-03-01")));
  EXPECT_EQ(cal.CountWorkingDays(Iso("2027-03-01"), Iso("2027-03-02")), 1);
}

TEST(WorkingCalendarTest, HolidayOnAWeekendChangesNothing) {
  WorkingCalendar cal;
  cal.AddHoliday(Iso("2027-03-06"));  // Saturday
  EXPECT_EQ(cal.CountWorkingDays(Iso("2027-03-01"), Iso("2027-03-08")), 5);
}

// The fast count agrees with a day-by-day walk, and AddWorkingDays is its inverse.
TEST(WorkingCalendarTest, CountAgreesWithDayByDayWalkOnRandomCalendars) {
  std::mt19937 rng(20261001);
  const int base = Iso("2026-01-01").days();
  std::uniform_int_distribution<int> day(0, 120);
  std::uniform_int_distribution<int> small(1, 15);
  for (int round = 0; round < 200; ++round) {
    WorkingCalendar cal;
    for (int i = 0; i < 20; ++i) cal.AddHoliday(Date::FromDays(base + day(rng)));
    for (int i = 0; i < 6; ++i) cal.AddWorkday(Date::FromDays(base + day(rng)));
    const Date first = Date::FromDays(base + day(rng));
    const Date end = Date::FromDays(base + day(rng));
    int walked = 0;
    for (Date d = first; d < end; d = d.AddDays(1)) walked += cal.IsWorkingDay(d) ? 1 : 0;
    ASSERT_EQ(cal.CountWorkingDays(first, end), walked)
        << first.ToString() << " " << end.ToString();

    const int n = small(rng);
    const Date due = cal.AddWorkingDays(first, n);
    ASSERT_TRUE(cal.IsWorkingDay(due));
    ASSERT_EQ(cal.CountWorkingDays(first.AddDays(1), due.AddDays(1)), n);
  }
}

}  // namespace
}  // namespace waishi::calendar
