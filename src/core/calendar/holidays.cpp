#include "core/calendar/holidays.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/db/session.h"

namespace waishi::calendar {
namespace {

// ---------------------------------------------------------------------------------------------
// The seed: Chinese public holidays and adjusted working days
//
// The statutory holidays are set by 《全国年节及纪念日放假办法》 as amended by State Council
// Decree No. 795 (国务院令第795号, 2024-11-10, in force 2025-01-01): New Year's Day 1 day,
// Spring Festival 4 days (New Year's Eve and the 1st–3rd of the first lunar month), Qingming 1,
// Labour Day 2 (1–2 May), Dragon Boat 1, Mid-Autumn 1, National Day 3 (1–3 October). Each
// year the State Council General Office publishes the actual days off, with the weekends
// swapped to make longer breaks (调休), in a notice the November before.
// ---------------------------------------------------------------------------------------------

struct Festival {
  const char* zh;
  const char* en;
};
constexpr Festival kNewYear{"元旦", "New Year's Day"};
constexpr Festival kSpring{"春节", "Spring Festival"};
constexpr Festival kQingming{"清明节", "Qingming Festival"};
constexpr Festival kLabour{"劳动节", "Labour Day"};
constexpr Festival kDragonBoat{"端午节", "Dragon Boat Festival"};
constexpr Festival kMidAutumn{"中秋节", "Mid-Autumn Festival"};
constexpr Festival kNational{"国庆节", "National Day"};

class SeedBuilder {
 public:
  // Days off from `first` to `last` inclusive ("YYYY-MM-DD").
  SeedBuilder& Off(std::string_view first, std::string_view last, const Festival& f) {
    for (Date d = Parse(first), end = Parse(last); d <= end; d = d.AddDays(1)) {
      days_.push_back({d, DayKind::kHoliday, f.zh, f.en});
    }
    return *this;
  }
  // A Saturday or Sunday worked in exchange for a day of the festival's break.
  SeedBuilder& Work(std::string_view day, const Festival& f) {
    days_.push_back({Parse(day), DayKind::kWorkday, std::string(f.zh) + "调休上班",
                     std::string("Adjusted working day (") + f.en + ")"});
    return *this;
  }
  std::vector<CalendarDay> Build() {
    std::ranges::sort(days_, {}, &CalendarDay::date);
    return std::move(days_);
  }

 private:
  static Date Parse(std::string_view iso) {
    auto d = Date::Parse(iso);
    if (!d) throw std::logic_error("holiday seed: bad date " + std::string(iso));
    return *d;
  }
  std::vector<CalendarDay> days_;
};

std::vector<CalendarDay> BuildChineseHolidays() {
  SeedBuilder b;

  // 2026: 国务院办公厅关于2026年部分节假日安排的通知, 国办发明电〔2025〕7号, 2025-11-04
  // (published by Xinhua, e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm).
  b.Off("2026-01-01", "2026-01-03", kNewYear).Work("2026-01-04", kNewYear);
  b.Off("2026-02-15", "2026-02-23", kSpring)
      .Work("2026-02-14", kSpring)
      .Work("2026-02-28", kSpring);
  b.Off("2026-04-04", "2026-04-06", kQingming);
  b.Off("2026-05-01", "2026-05-05", kLabour).Work("2026-05-09", kLabour);
  b.Off("2026-06-19", "2026-06-21", kDragonBoat);
  b.Off("2026-09-25", "2026-09-27", kMidAutumn);
  b.Off("2026-10-01", "2026-10-07", kNational)
      .Work("2026-09-20", kNational)
      .Work("2026-10-10", kNational);

  // 2027: PROVISIONAL until the State Council General Office's notice for 2027 (expected in
  // November 2026); replace these rows through PUT/DELETE /api/v1/holidays when it is out.
  // Only the statutory days are here, with — as the decree's article 6 requires for a
  // statutory day falling on a Saturday or Sunday — the day off carried over (补假) to the
  // following working days; the notice's weekend swaps (调休) cannot be predicted.
  // The lunar dates were computed for UTC+8 from the new moons (Meeus, Astronomical
  // Algorithms, ch. 49): 2027-02-06 23:56, 06-05 03:40, 09-01 01:41 Beijing time. ICU's
  // Chinese calendar puts the first one on the 7th, which is wrong: the new moon precedes
  // midnight. Qingming (the sun at 15°) falls on 2027-04-05 08:15 Beijing time.
  b.Off("2027-01-01", "2027-01-01", kNewYear);
  // 除夕 Fri 02-05 (腊月廿九: the twelfth month has 29 days), 初一–初三 02-06…02-08; the
  // Saturday and Sunday carried over to Tue 02-09 and Wed 02-10.
  b.Off("2027-02-05", "2027-02-10", kSpring);
  b.Off("2027-04-05", "2027-04-05", kQingming);
  // 1–2 May are a Saturday and a Sunday: carried over to Mon 05-03 and Tue 05-04.
  b.Off("2027-05-01", "2027-05-04", kLabour);
  b.Off("2027-06-09", "2027-06-09", kDragonBoat);  // 五月初五, a Wednesday
  b.Off("2027-09-15", "2027-09-15", kMidAutumn);   // 八月十五, a Wednesday
  // 1–3 October: Friday to Sunday, the weekend carried over to Mon 10-04 and Tue 10-05.
  b.Off("2027-10-01", "2027-10-05", kNational);
  return b.Build();
}

CalendarDay FromRow(const db::Row& r) {
  CalendarDay day;
  if (auto d = Date::Parse(db::Text(r, 0))) day.date = *d;
  day.kind = ParseDayKind(db::Text(r, 1)).value_or(DayKind::kHoliday);
  day.name_zh = db::Text(r, 2);
  day.name_en = db::Text(r, 3);
  return day;
}

constexpr const char* kSelectDays = "SELECT day, kind, name_zh, name_en FROM holidays";
constexpr const char* kAllDays = "SELECT day, kind FROM holidays";
constexpr const char* kInsertDay =
    "INSERT INTO holidays (day, kind, name_zh, name_en) VALUES (:d, :k, :zh, :en)";
constexpr const char* kUpdateDay =
    "UPDATE holidays SET kind = :k, name_zh = :zh, name_en = :en WHERE day = :d";
constexpr const char* kDeleteDay = "DELETE FROM holidays WHERE day = :d";

}  // namespace

std::string_view DayKindName(DayKind kind) {
  return kind == DayKind::kWorkday ? "workday" : "holiday";
}

std::optional<DayKind> ParseDayKind(std::string_view name) {
  if (name == "holiday") return DayKind::kHoliday;
  if (name == "workday") return DayKind::kWorkday;
  return std::nullopt;
}

const std::vector<CalendarDay>& ChineseHolidays() {
  static const std::vector<CalendarDay> days = BuildChineseHolidays();
  return days;
}

WorkingCalendar LoadCalendar(db::Session& s) {
  WorkingCalendar calendar;
  s.Query(kAllDays, {}, [&](const db::Row& r) {
    auto date = Date::Parse(db::Text(r, 0));
    if (!date) return;  // the API only writes valid dates; ignore anything else
    if (ParseDayKind(db::Text(r, 1)) == DayKind::kWorkday) {
      calendar.AddWorkday(*date);
    } else {
      calendar.AddHoliday(*date);
    }
  });
  return calendar;
}

int SeedChineseHolidays(db::Session& s) {
  std::set<std::string, std::less<>> present;
  s.Query(kAllDays, {}, [&](const db::Row& r) { present.insert(db::Text(r, 0)); });
  int inserted = 0;
  for (const CalendarDay& day : ChineseHolidays()) {
    const std::string date = day.date.ToString();
    if (present.contains(date)) continue;
    s.Exec(kInsertDay, {{"d", date},
                        {"k", std::string(DayKindName(day.kind))},
                        {"zh", day.name_zh},
                        {"en", day.name_en}});
    ++inserted;
  }
  return inserted;
}

std::vector<CalendarDay> ListHolidays(db::Session& s, int year) {
  // ISO dates sort as text, so a year is a text range on both engines.
  static const std::string sql =
      std::string(kSelectDays) + " WHERE day >= :first AND day <= :last ORDER BY day";
  std::vector<CalendarDay> out;
  s.Query(sql,
          {{"first", Date::FromYmd(year, 1, 1).ToString()},
           {"last", Date::FromYmd(year, 12, 31).ToString()}},
          [&](const db::Row& r) { out.push_back(FromRow(r)); });
  return out;
}

std::optional<CalendarDay> FindHoliday(db::Session& s, Date date) {
  static const std::string sql = std::string(kSelectDays) + " WHERE day = :d";
  std::optional<CalendarDay> found;
  s.Query(sql, {{"d", date.ToString()}}, [&](const db::Row& r) { found = FromRow(r); });
  return found;
}

void PutHoliday(db::Session& s, const CalendarDay& day) {
  const db::Params params{{"d", day.date.ToString()},
                          {"k", std::string(DayKindName(day.kind))},
                          {"zh", day.name_zh},
                          {"en", day.name_en}};
  if (s.Exec(kUpdateDay, params) > 0) return;
  s.Exec(kInsertDay, params);
}

bool DeleteHoliday(db::Session& s, Date date) {
  return s.Exec(kDeleteDay, {{"d", date.ToString()}}) > 0;
}

}  // namespace waishi::calendar
