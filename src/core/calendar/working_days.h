// Calendar dates and working-day arithmetic with an office-maintained holiday calendar.
//
// Trip dates are local calendar dates (no time zone); a Date is a day number in the
// proleptic Gregorian calendar. A WorkingCalendar knows the public holidays and the
// adjusted working days (调休: a Saturday or Sunday that is a working day). A day is a
// working day if it is an adjusted working day, or a Monday–Friday that is not a holiday.
// Both types are values; a const WorkingCalendar may be shared between threads.
#pragma once

#include <compare>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace waishi::calendar {

class Date {
 public:
  Date() = default;
  static Date FromDays(int days_since_epoch) { return Date(days_since_epoch); }
  static Date FromYmd(int year, unsigned month, unsigned day);
  // Parses exactly "YYYY-MM-DD" of a real date (2027-02-29 is nullopt).
  static std::optional<Date> Parse(std::string_view iso);
  // Today in the office's time zone (UTC+8, China has no daylight saving time).
  static Date TodayInChina();

  std::string ToString() const;  // "YYYY-MM-DD"
  int days() const { return days_; }
  int year() const;
  unsigned month() const;
  unsigned day() const;
  unsigned Weekday() const;  // 0 = Sunday … 6 = Saturday
  Date AddDays(int n) const { return Date(days_ + n); }
  // The same day n months later, clamped to the end of a shorter month (01-31 + 1 → 02-28).
  Date AddMonths(int n) const;
  // Calendar days from *this to other, counting both ends (the same day is 1).
  int InclusiveDaysTo(Date other) const { return other.days_ - days_ + 1; }

  auto operator<=>(const Date&) const = default;

 private:
  explicit Date(int d) : days_(d) {}
  int days_ = 0;
};

class WorkingCalendar {
 public:
  void AddHoliday(Date d) { holidays_.insert(d.days()); }
  void AddWorkday(Date d) { workdays_.insert(d.days()); }

  bool IsWorkingDay(Date d) const;
  // Working days d with first <= d < end (0 when end <= first).
  int CountWorkingDays(Date first, Date end) const;
  // The n-th working day after `start` (n >= 1; start itself never counts).
  Date AddWorkingDays(Date start, int n) const;

 private:
  std::set<int> holidays_;
  std::set<int> workdays_;
};

}  // namespace waishi::calendar
