// The office's holiday calendar as stored in the `holidays` table (migrations/0001_core.sql):
// one row per day that differs from the Monday–Friday rule, either a public holiday or an
// adjusted working day (调休, a Saturday or Sunday worked in exchange for a bridging day off).
//
// The functions below are the repository of that table; they run on the caller's SOCI session
// (a read session or, for the changes, the session of a Database::Write) and are as
// thread-safe as that session. The seed data of the Chinese public holidays is a constant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/session.h"

#include "core/calendar/working_days.h"

namespace waishi::calendar {

enum class DayKind { kHoliday, kWorkday };
std::string_view DayKindName(DayKind kind);  // "holiday" | "workday"
std::optional<DayKind> ParseDayKind(std::string_view name);

struct CalendarDay {
  Date date;
  DayKind kind = DayKind::kHoliday;
  std::string name_zh;  // "国庆节"
  std::string name_en;  // "National Day"
};

// The official public holidays and adjusted working days of 2026 and 2027, ordered by date
// (see holidays.cpp for the sources; the 2027 entries are provisional).
const std::vector<CalendarDay>& ChineseHolidays();

// A WorkingCalendar holding every row of the table.
WorkingCalendar LoadCalendar(db::Session& s);

// Inserts ChineseHolidays() into the table, skipping the dates already present (so an
// administrator's edits survive a second run). Returns how many rows it inserted.
int SeedChineseHolidays(db::Session& s);

// The rows of one calendar year, ordered by date.
std::vector<CalendarDay> ListHolidays(db::Session& s, int year);

// The row of `date`, if any.
std::optional<CalendarDay> FindHoliday(db::Session& s, Date date);

// Inserts the day or replaces the row already there. Portable: an UPDATE, then an INSERT if
// no row was updated (the caller runs it inside a write transaction, which serializes it).
void PutHoliday(db::Session& s, const CalendarDay& day);

// Deletes the row of `date`; false if there was none (not an error).
bool DeleteHoliday(db::Session& s, Date date);

}  // namespace waishi::calendar
