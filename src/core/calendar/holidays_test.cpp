#include "core/calendar/holidays.h"

#include <set>
#include <stdexcept>

#include <gtest/gtest.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace waishi::calendar {
namespace {

Date D(std::string_view iso) {
  const std::optional<Date> d = Date::Parse(iso);
  if (!d) throw std::invalid_argument("test date does not parse");
  return *d;
}

// An in-memory SQLite database with the holidays table of migrations/0001_core.sql.
class HolidaysDb : public ::testing::Test {
 protected:
  HolidaysDb()
      : s_(std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=:memory:"),
           db::Dialect::kSqlite) {
    s_.Exec(
        "CREATE TABLE holidays (day TEXT PRIMARY KEY, "
        "kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')), "
        "name_zh TEXT NOT NULL DEFAULT '', name_en TEXT NOT NULL DEFAULT '')");
  }
  int Count() { return static_cast<int>(s_.Int("SELECT COUNT(*) FROM holidays").value_or(0)); }
  db::Session s_;
};

// ---------------------------------------------------------------------------------------------
// The seed data
// ---------------------------------------------------------------------------------------------

TEST(ChineseHolidaysTest, OrderedWithoutDuplicatesAndNamedInBothLanguages) {
  const auto& days = ChineseHolidays();
  ASSERT_FALSE(days.empty());
  std::set<int> seen;
  for (std::size_t i = 0; i < days.size(); ++i) {
    EXPECT_TRUE(seen.insert(days[i].date.days()).second) << days[i].date.ToString();
    if (i > 0) {
      EXPECT_LT(days[i - 1].date.days(), days[i].date.days());
    }
    EXPECT_FALSE(days[i].name_zh.empty());
    EXPECT_FALSE(days[i].name_en.empty());
    EXPECT_TRUE(days[i].date.year() == 2026 || days[i].date.year() == 2027);
    // An adjusted working day is always a Saturday or a Sunday.
    if (days[i].kind == DayKind::kWorkday) {
      EXPECT_TRUE(days[i].date.Weekday() == 0 || days[i].date.Weekday() == 6)
          << days[i].date.ToString();
    }
  }
}

// 国办发明电〔2025〕7号: 33 days off and 6 adjusted working days in 2026.
TEST(ChineseHolidaysTest, Year2026MatchesTheStateCouncilNotice) {
  int off = 0, work = 0;
  std::set<std::string> workdays;
  for (const auto& d : ChineseHolidays()) {
    if (d.date.year() != 2026) continue;
    if (d.kind == DayKind::kHoliday) {
      ++off;
    } else {
      ++work;
      workdays.insert(d.date.ToString());
    }
  }
  EXPECT_EQ(off, 3 + 9 + 3 + 5 + 3 + 3 + 7);
  EXPECT_EQ(work, 6);
  EXPECT_EQ(workdays, (std::set<std::string>{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
                                             "2026-09-20", "2026-10-10"}));
}

TEST(ChineseHolidaysTest, Year2027HasTheStatutoryDaysOnTheirLunarDates) {
  std::set<std::string> off;
  for (const auto& d : ChineseHolidays()) {
    if (d.date.year() == 2027 && d.kind == DayKind::kHoliday) off.insert(d.date.ToString());
  }
  for (const char* day : {"2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08",
                          "2027-04-05", "2027-05-01", "2027-05-02", "2027-06-09", "2027-09-15",
                          "2027-10-01", "2027-10-02", "2027-10-03"}) {
    EXPECT_TRUE(off.contains(day)) << day;
  }
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

TEST_F(HolidaysDb, SeedIsIdempotentAndKeepsEdits) {
  const int n = SeedChineseHolidays(s_);
  EXPECT_EQ(n, static_cast<int>(ChineseHolidays().size()));
  EXPECT_EQ(Count(), n);
  PutHoliday(s_, {D("2026-10-01"), DayKind::kHoliday, "国庆", "National Day (edited)"});
  EXPECT_EQ(SeedChineseHolidays(s_), 0);
  EXPECT_EQ(Count(), n);
  EXPECT_EQ(FindHoliday(s_, D("2026-10-01"))->name_en, "National Day (edited)");
}

TEST_F(HolidaysDb, WorkingDaysAcross2026NationalDay) {
  SeedChineseHolidays(s_);
  const WorkingCalendar cal = LoadCalendar(s_);
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-09-20")));   // Sunday, worked
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-09-30")));   // Wednesday
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-10-01")));  // Thursday, National Day
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-10-07")));  // Wednesday, still the break
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-10-08")));
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-10-10")));   // Saturday, worked
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-10-11")));  // Sunday
  // Monday 28 September to Sunday 11 October: 28, 29, 30 Sep, 8, 9, 10 Oct.
  EXPECT_EQ(cal.CountWorkingDays(D("2026-09-28"), D("2026-10-12")), 6);
  // Five working days after Tuesday 29 September: 30 Sep, 8, 9, 10, 12 Oct.
  EXPECT_EQ(cal.AddWorkingDays(D("2026-09-29"), 4).ToString(), "2026-10-10");
  EXPECT_EQ(cal.AddWorkingDays(D("2026-09-29"), 5).ToString(), "2026-10-12");
}

TEST_F(HolidaysDb, WorkingDaysAcross2026SpringFestival) {
  SeedChineseHolidays(s_);
  const WorkingCalendar cal = LoadCalendar(s_);
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-02-14")));  // Saturday, worked
  EXPECT_EQ(cal.AddWorkingDays(D("2026-02-13"), 1).ToString(), "2026-02-14");
  EXPECT_EQ(cal.AddWorkingDays(D("2026-02-14"), 1).ToString(), "2026-02-24");
}

TEST_F(HolidaysDb, ListPutDelete) {
  SeedChineseHolidays(s_);
  const auto y2026 = ListHolidays(s_, 2026);
  ASSERT_EQ(y2026.size(), 39u);
  EXPECT_EQ(y2026.front().date.ToString(), "2026-01-01");
  EXPECT_EQ(y2026.front().name_zh, "元旦");
  EXPECT_EQ(y2026.front().name_en, "New Year's Day");
  EXPECT_EQ(y2026.back().date.ToString(), "2026-10-10");
  EXPECT_EQ(y2026.back().kind, DayKind::kWorkday);
  EXPECT_TRUE(ListHolidays(s_, 2025).empty());

  // Put inserts a new day, then replaces it.
  PutHoliday(s_, {D("2026-12-31"), DayKind::kHoliday, "测试", "Test"});
  PutHoliday(s_, {D("2026-12-31"), DayKind::kWorkday, "测试二", "Test 2"});
  auto found = FindHoliday(s_, D("2026-12-31"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->kind, DayKind::kWorkday);
  EXPECT_EQ(found->name_zh, "测试二");
  EXPECT_EQ(ListHolidays(s_, 2026).size(), 40u);

  EXPECT_TRUE(DeleteHoliday(s_, D("2026-12-31")));
  EXPECT_FALSE(DeleteHoliday(s_, D("2026-12-31")));
  EXPECT_FALSE(FindHoliday(s_, D("2026-12-31")).has_value());
}

TEST(DayKindTest, NamesRoundTrip) {
  EXPECT_EQ(ParseDayKind("holiday"), DayKind::kHoliday);
  EXPECT_EQ(ParseDayKind("workday"), DayKind::kWorkday);
  EXPECT_FALSE(ParseDayKind("Holiday").has_value());
  EXPECT_EQ(DayKindName(DayKind::kWorkday), "workday");
}

}  // namespace
}  // namespace waishi::calendar
