// The counter module's demo: bookings at the visa window (A) and the legalization window (B)
// — the last working day's, each checked in with its queue number but one nobody came to (for
// the desk to mark as a no-show); today's, if the counter is
// open today; and the next working day's, some of them to collect the passports the Consulate
// General of Japan returned (the visa demo's applications). Each booked a day or two ahead.
#include <cstdio>
#include <string>
#include <vector>

#include "core/calendar/holidays.h"
#include "core/clock.h"
#include "counter/parts.h"

namespace waishi::counter {
namespace {

using calendar::Date;

struct BookingSpec {
  const char* counter;  // "A" | "B"
  const char* username;
  const char* start;
  const char* purpose;
  const char* case_of;  // "": none; else the visa application of this traveller (name_zh)
};

constexpr const char* kCounterId = "SELECT id FROM counter_counters WHERE code = :c";
constexpr const char* kCaseOf = R"(
  SELECT id FROM cases
  WHERE type = 'visa_application' AND applicant_id = :u AND summary LIKE :n ORDER BY id DESC)";

Date WorkingDayFrom(const calendar::WorkingCalendar& cal, Date day, int step) {
  while (!cal.IsWorkingDay(day)) day = day.AddDays(step);
  return day;
}

}  // namespace

void LoadDemo(App& app, DemoContext& ctx) {
  db::Database& db = app.db;
  const calendar::WorkingCalendar cal =
      db.Read([](db::Session& s) { return calendar::LoadCalendar(s); });
  const Date today = Date::TodayInChina();
  const Date last = WorkingDayFrom(cal, today.AddDays(-1), -1);
  const Date next = WorkingDayFrom(cal, today.AddDays(1), 1);
  int count = 0;
  const cases::Engine engine(app);

  // Books `spec` on `day`, the day before it; answers the booking's id.
  auto book = [&](Date day, const BookingSpec& spec) {
    clock::ClockShift then(DemoMoment(day.AddDays(-1), count));
    const auth::Principal who = ctx.principal(spec.username);
    return db.Write([&](db::Session& s) {
      const long long counter = s.Int(kCounterId, {{"c", std::string(spec.counter)}}).value_or(0);
      std::optional<long long> case_id;
      if (*spec.case_of) {
        case_id = s.Int(kCaseOf, {{"u", who.user_id},
                                  {"n", "%\"name_zh\":\"" + std::string(spec.case_of) + "\"%"}});
      }
      ++count;
      return Book(s, engine, who, counter, day.ToString(), spec.start, spec.purpose, case_id)["id"]
          .get<long long>();
    });
  };

  const std::vector<BookingSpec> yesterday = {
      {"A", "citizen", "09:00", "递交赴日探亲签证材料 Lodging a visa application for Japan", ""},
      {"A", "ent.cee", "09:30", "递交赴日商务签证材料 Lodging business visa applications", ""},
      {"B", "citizen", "10:00", "递交学历公证书办理附加证明书 An apostille for a degree", ""},
      {"A", "ent.normal", "14:00", "咨询赴德商务签证 Asking about a business visa for Germany",
       ""}};
  const auth::Principal desk = ctx.principal("officer");
  int minute = -55;  // 09:05
  for (const auto& spec : yesterday) {
    const long long id = book(last, spec);
    // Checked in a few minutes after the slot began.
    const int start = (std::stoi(std::string(spec.start).substr(0, 2)) - 10) * 60 +
                      std::stoi(std::string(spec.start).substr(3, 2));
    minute = start + 5;
    clock::ClockShift then(DemoMoment(last, minute));
    db.Write([&](db::Session& s) { return CheckIn(s, desk, id); });
  }
  book(last, {"B", "ent.yongjiang", "15:00",
              "递交委托书办理领事认证 A power of attorney for legalization", ""});

  if (cal.IsWorkingDay(today)) {
    for (const BookingSpec& spec :
         {BookingSpec{"A", "ent.other", "14:00", "咨询赴英商务签证 Asking about a UK visa", ""},
          BookingSpec{"B", "ent.yongjiang", "15:30",
                      "领取领事认证文书 Collecting legalized documents", ""}}) {
      book(today, spec);
    }
  }

  for (const BookingSpec& spec :
       {BookingSpec{"A", "citizen", "09:00", "领取父亲的护照 Collecting my father's passport",
                    "李国强"},
        BookingSpec{"A", "ent.cee", "09:30", "领取员工护照 Collecting a staff member's passport",
                    "吴建华"},
        BookingSpec{"A", "ent.green", "10:30", "递交赴日商务签证材料 Lodging a visa application",
                    ""},
        BookingSpec{"B", "ent.normal", "13:30", "递交商业发票办理认证 Invoices for legalization",
                    ""}}) {
    book(next, spec);
  }
  db.Flush();
  std::printf("%s\n",
              i18n::T("counter.demo.loaded", {{"count", std::to_string(count)}}).en.c_str());
}

}  // namespace waishi::counter
