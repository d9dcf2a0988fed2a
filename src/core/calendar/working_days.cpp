#include "core/calendar/working_days.h"

#include "core/clock.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace waishi::calendar {
namespace {

namespace chr = std::chrono;

chr::year_month_day ToYmd(int days_since_epoch) {
  return chr::year_month_day{chr::sys_days{chr::days{days_since_epoch}}};
}

int ToDays(const chr::year_month_day& ymd) {
  return static_cast<int>(chr::sys_days{ymd}.time_since_epoch().count());
}

// 0 = Sunday … 6 = Saturday, the C `tm_wday` encoding.
unsigned WeekdayOf(int days_since_epoch) {
  return chr::weekday{chr::sys_days{chr::days{days_since_epoch}}}.c_encoding();
}

bool IsMondayToFriday(int days_since_epoch) {
  const unsigned wd = WeekdayOf(days_since_epoch);
  return wd >= 1 && wd <= 5;
}

// Mondays–Fridays d with first <= d < end, by whole weeks plus a remainder of < 7 days.
int CountMondayToFriday(int first, int end) {
  if (end <= first) return 0;
  const int span = end - first;
  int count = (span / 7) * 5;
  for (int d = first + (span / 7) * 7; d < end; ++d) {
    if (IsMondayToFriday(d)) ++count;
  }
  return count;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Value of the ASCII digits s[pos, pos + len); the caller has checked they are digits.
int DigitsValue(std::string_view s, size_t pos, size_t len) {
  int value = 0;
  for (size_t i = pos; i < pos + len; ++i) value = value * 10 + (s[i] - '0');
  return value;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Date
// ---------------------------------------------------------------------------------------------

// An impossible date (2027-02-29, month 13) is a programming error, not an expected miss:
// std::chrono leaves sys_days of an invalid year_month_day unspecified, so refuse it loudly.
Date Date::FromYmd(int year, unsigned month, unsigned day) {
  const chr::year_month_day ymd{chr::year{year}, chr::month{month}, chr::day{day}};
  if (!ymd.ok()) throw std::invalid_argument("calendar::Date::FromYmd: not a real date");
  return Date(ToDays(ymd));
}

std::optional<Date> Date::Parse(std::string_view iso) {
  constexpr size_t kIsoLength = 10;  // "YYYY-MM-DD"
  if (iso.size() != kIsoLength || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  constexpr size_t kDigitPositions[] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (size_t i : kDigitPositions) {
    if (!IsAsciiDigit(iso[i])) return std::nullopt;
  }
  const chr::year_month_day ymd{chr::year{DigitsValue(iso, 0, 4)},
                                chr::month{static_cast<unsigned>(DigitsValue(iso, 5, 2))},
                                chr::day{static_cast<unsigned>(DigitsValue(iso, 8, 2))}};
  if (!ymd.ok()) return std::nullopt;
  return Date(ToDays(ymd));
}

// China Standard Time is UTC+8 all year round (no daylight saving time since 1991).
Date Date::TodayInChina() {
  constexpr chr::hours kChinaUtcOffset{8};
  const auto now = clock::Now() + kChinaUtcOffset;
  return Date(static_cast<int>(chr::floor<chr::days>(now).time_since_epoch().count()));
}

std::string Date::ToString() const {
  const chr::year_month_day ymd = ToYmd(days_);
  const int year = static_cast<int>(ymd.year());
  if (year >= 0 && year <= 9999) {
    // Written digit by digit: every case read asks for today's date (snprintf showed in its
    // profile). Not through clock::ToIso: a system_clock instant (nanoseconds) spans only the
    // years 1678-2262, and a date may lie outside them (UBSan: overflow for 0001-01-01).
    const unsigned month = static_cast<unsigned>(ymd.month()),
                   day = static_cast<unsigned>(ymd.day());
    const auto digit = [](unsigned n) { return static_cast<char>('0' + n % 10); };
    const auto y = static_cast<unsigned>(year);
    return {digit(y / 1000),   digit(y / 100), digit(y / 10), digit(y),        '-',
            digit(month / 10), digit(month),   '-',           digit(day / 10), digit(day)};
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

int Date::year() const { return static_cast<int>(ToYmd(days_).year()); }
unsigned Date::month() const { return static_cast<unsigned>(ToYmd(days_).month()); }
unsigned Date::day() const { return static_cast<unsigned>(ToYmd(days_).day()); }
unsigned Date::Weekday() const { return WeekdayOf(days_); }

Date Date::AddMonths(int n) const {
  const chr::year_month_day ymd = ToYmd(days_) + chr::months{n};
  if (ymd.ok()) return Date(ToDays(ymd));
  // The day does not exist in the target month (31 → April, 29–31 → February): clamp.
  return Date(ToDays(
      chr::year_month_day{chr::year_month_day_last{ymd.year(), chr::month_day_last{ymd.month()}}}));
}

// ---------------------------------------------------------------------------------------------
// WorkingCalendar
// ---------------------------------------------------------------------------------------------

// An adjusted working day (调休) wins over a holiday entered for the same date.
bool WorkingCalendar::IsWorkingDay(Date d) const {
  if (workdays_.contains(d.days())) return true;
  if (holidays_.contains(d.days())) return false;
  return IsMondayToFriday(d.days());
}

// Counted without walking every day, so a range of years costs as little as a week:
// Mondays–Fridays, minus the holidays among them that are not also adjusted working days,
// plus the adjusted working days that fall on a weekend.
int WorkingCalendar::CountWorkingDays(Date first, Date end) const {
  const int from = first.days();
  const int to = end.days();
  if (to <= from) return 0;
  int count = CountMondayToFriday(from, to);
  for (auto it = holidays_.lower_bound(from); it != holidays_.end() && *it < to; ++it) {
    if (IsMondayToFriday(*it) && !workdays_.contains(*it)) --count;
  }
  for (auto it = workdays_.lower_bound(from); it != workdays_.end() && *it < to; ++it) {
    if (!IsMondayToFriday(*it)) ++count;
  }
  return count;
}

// n <= 0 is outside the contract; it returns `start` unchanged rather than looping.
// The walk always ends: holidays are finite, so working days never run out.
Date WorkingCalendar::AddWorkingDays(Date start, int n) const {
  Date d = start;
  for (int found = 0; found < n;) {
    d = d.AddDays(1);
    if (IsWorkingDay(d)) ++found;
  }
  return d;
}

}  // namespace waishi::calendar
