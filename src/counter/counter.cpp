#include "counter/counter.h"

#include <chrono>
#include <cstdio>
#include <map>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/calendar/holidays.h"
#include "core/calendar/working_days.h"
#include "core/clock.h"
#include "core/documents/documents.h"
#include "core/error.h"
#include "core/i18n/utf8.h"
#include "core/notify/notify.h"
#include "counter/parts.h"
#include "counter/slots.h"

namespace waishi::counter {
namespace {

using calendar::Date;

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

constexpr const char* kCounterColumns = R"(
  SELECT id, code, name_zh, name_en, place_zh, place_en, service, capacity, slot_minutes, hours
  FROM counter_counters )";

constexpr const char* kLoads = R"(
  SELECT day, start, booked FROM counter_slot_load
  WHERE counter_id = :c AND day >= :a AND day <= :b)";

constexpr const char* kOpenLoad = R"(
  INSERT INTO counter_slot_load (counter_id, day, start, booked) VALUES (:c, :d, :s, 0)
  ON CONFLICT (counter_id, day, start) DO NOTHING)";

// Raised only below the capacity: none returned when the slot is full.
constexpr const char* kTakePlace = R"(
  UPDATE counter_slot_load SET booked = booked + 1
  WHERE counter_id = :c AND day = :d AND start = :s AND booked < :cap RETURNING booked)";

constexpr const char* kFreePlace = R"(
  UPDATE counter_slot_load SET booked = booked - 1
  WHERE counter_id = :c AND day = :d AND start = :s AND booked > 0)";

constexpr const char* kAlreadyBooked = R"(
  SELECT id FROM counter_bookings
  WHERE counter_id = :c AND day = :d AND start = :s AND user_id = :u AND state = 'booked')";

constexpr const char* kInsertBooking = R"(
  INSERT INTO counter_bookings (counter_id, day, start, user_id, case_id, purpose, state,
                                created_at)
  VALUES (:c, :d, :s, :u, :case, :p, 'booked', :a) RETURNING id)";

constexpr const char* kBookingColumns = R"(
  SELECT b.id, b.counter_id, b.day, b.start, b.state, b.queue_number, b.purpose, b.case_id,
         c.number, b.created_at, b.user_id, COALESCE(b.walk_in_name, u.display_name),
         b.checked_in_at, CASE WHEN b.walk_in_name IS NULL THEN 0 ELSE 1 END, b.cancel_reason
  FROM counter_bookings b JOIN users u ON u.id = b.user_id
  LEFT JOIN cases c ON c.id = b.case_id )";

constexpr const char* kInsertWalkIn = R"(
  INSERT INTO counter_bookings (counter_id, day, start, user_id, walk_in_name, purpose, state,
                                created_at)
  VALUES (:c, :d, :s, :u, :n, :p, 'booked', :a) RETURNING id)";

constexpr const char* kCancel = R"(
  UPDATE counter_bookings SET state = 'cancelled', cancelled_at = :a, cancelled_by = :by,
                              cancel_reason = :r
  WHERE id = :id)";

constexpr const char* kNoShow = "UPDATE counter_bookings SET state = 'no_show' WHERE id = :id";

constexpr const char* kCheckIn = R"(
  UPDATE counter_bookings SET state = 'checked_in', queue_number = :q, checked_in_at = :a
  WHERE id = :id)";

// ---------------------------------------------------------------------------

const std::vector<std::string> kApplicants = {"citizen", "enterprise_user", "enterprise_admin"};

// How far ahead a slot can be booked.
constexpr int kDaysAhead = 30;

Counter ReadCounter(const db::Row& r) {
  Counter c{db::Int(r, 0),
            db::Text(r, 1),
            db::Text(r, 2),
            db::Text(r, 3),
            db::Text(r, 4),
            db::Text(r, 5),
            db::Text(r, 6),
            static_cast<int>(db::Int(r, 7)),
            static_cast<int>(db::Int(r, 8)),
            {}};
  for (const auto& period : db::JsonCol(r, 9))
    c.hours.emplace_back(period.at(0).get<std::string>(), period.at(1).get<std::string>());
  return c;
}

Json CounterJson(const Counter& c) {
  Json hours = Json::array();
  for (const auto& [from, to] : c.hours) hours.push_back({from, to});
  return Json{{"id", c.id},
              {"code", c.code},
              {"name", {{"zh", c.name_zh}, {"en", c.name_en}}},
              {"place", {{"zh", c.place_zh}, {"en", c.place_en}}},
              {"service", c.service},
              {"capacity", c.capacity},
              {"slot_minutes", c.slot_minutes},
              {"hours", hours}};
}

Counter RequireCounter(db::Session& s, long long id) {
  auto c = LoadCounter(s, id);
  if (!c) throw ApiError::NotFound();
  return std::move(*c);
}

// The time of day in China, in minutes since midnight (China keeps UTC+8 all year).
int MinutesNowInChina() {
  using namespace std::chrono;
  const auto t = clock::Now() + hours(8);
  return static_cast<int>(duration_cast<minutes>(t - floor<days>(t)).count());
}

struct Booking {
  Json json;
  long long counter_id = 0, user_id = 0;
  std::string day, start, state;
  bool walk_in = false;
};

Booking ReadBooking(const db::Row& r) {
  Booking b;
  b.counter_id = db::Int(r, 1);
  b.day = db::Text(r, 2);
  b.start = db::Text(r, 3);
  b.state = db::Text(r, 4);
  b.user_id = db::Int(r, 10);
  const auto text = [&r](std::size_t i) {
    const auto v = db::OptText(r, i);
    return v ? Json(*v) : Json(nullptr);
  };
  b.json = Json{{"id", db::Int(r, 0)},
                {"counter_id", b.counter_id},
                {"date", b.day},
                {"start", b.start},
                {"state", b.state},
                {"queue_number", text(5)},
                {"purpose", db::Text(r, 6)},
                {"case_id", db::OptInt(r, 7) ? Json(*db::OptInt(r, 7)) : Json(nullptr)},
                {"case_number", text(8)},
                {"created_at", db::Text(r, 9)},
                {"person", {{"id", b.user_id}, {"display_name", db::Text(r, 11)}}},
                {"checked_in_at", text(12)},
                {"walk_in", db::Bool(r, 13)},
                {"cancel_reason", text(14)}};
  b.walk_in = db::Bool(r, 13);
  return b;
}

std::optional<Booking> LoadBooking(db::Session& s, long long id) {
  std::optional<Booking> out;
  s.Query(std::string(kBookingColumns) + "WHERE b.id = :id", {{"id", id}},
          [&](const db::Row& r) { out = ReadBooking(r); });
  return out;
}

// The booking with its counter, and the slot's end, as the applicant and the desk see it.
Json BookingJson(const Booking& b, const Counter& c) {
  Json out = b.json;
  out["counter"] = CounterJson(c);
  const auto start = Minutes(b.start);
  out["end"] = start ? HhMm(*start + c.slot_minutes) : b.start;
  return out;
}

// The desk staff who receive the counter's applicants (and the auditor, to read).
void RequireDesk(const auth::Principal& who, const Counter& c, bool read) {
  if (who.WorksDesk(c.service) || (read && who.ReadsEverything())) return;
  throw ApiError::Forbidden();
}

// Only a booking still booked is checked in, cancelled or marked a no-show: 409 otherwise.
void RequireBooked(const Booking& b) {
  if (b.state != "booked") {
    throw ApiError::Conflict("invalid_state",
                             i18n::T("counter.booking.invalid_state", {{"state", b.state}}));
  }
}

FieldError Refusal(const char* field, const char* rule, i18n::Text message) {
  return FieldError{field, std::string("counter.") + rule, std::move(message)};
}

// The day's slots with their bookings, for the slots route.
Json DayJson(const Counter& c, Date day, const calendar::WorkingCalendar& cal,
             const std::map<std::pair<std::string, std::string>, long long>& loads, Date today,
             int now) {
  Json slots = Json::array();
  const bool open = cal.IsWorkingDay(day);
  if (open) {
    for (const Slot& slot : SlotsOf(c.hours, c.slot_minutes)) {
      const auto it = loads.find({day.ToString(), slot.start});
      const long long booked = it == loads.end() ? 0 : it->second;
      const bool past = day < today || (day == today && *Minutes(slot.start) <= now);
      slots.push_back({{"start", slot.start},
                       {"end", slot.end},
                       {"capacity", c.capacity},
                       {"booked", booked},
                       {"available", past ? 0 : std::max(0LL, c.capacity - booked)},
                       {"past", past}});
    }
  }
  return Json{{"date", day.ToString()}, {"open", open}, {"slots", slots}};
}

// ---------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------

const Json kText = {{"type", "string"}};
const Json kNullableText = {{"type", "string"}, {"nullable", true}};
const Json kBilingual = {
    {"type", "object"}, {"required", {"zh", "en"}}, {"properties", {{"zh", kText}, {"en", kText}}}};

Json CounterSchema() {
  return Json{
      {"type", "object"},
      {"required", {"id", "code", "name", "place", "service", "capacity", "slot_minutes", "hours"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"code", kText},
        {"name", kBilingual},
        {"place", kBilingual},
        {"service", kText},
        {"capacity", {{"type", "integer"}}},
        {"slot_minutes", {{"type", "integer"}}},
        {"hours",
         {{"type", "array"},
          {"items", {{"type", "array"}, {"items", kText}}},
          {"description", "[[from, to], …] in China time"}}}}}};
}

Json BookingSchema() {
  return Json{
      {"type", "object"},
      {"required",
       {"id", "counter_id", "counter", "date", "start", "end", "state", "queue_number", "purpose",
        "case_id", "case_number", "created_at", "person", "checked_in_at", "walk_in",
        "cancel_reason"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"counter_id", {{"type", "integer"}}},
        {"counter", http::Ref("Counter")},
        {"date", {{"type", "string"}, {"format", "date"}}},
        {"start", kText},
        {"end", kText},
        {"state", {{"type", "string"}, {"enum", {"booked", "cancelled", "checked_in", "no_show"}}}},
        {"cancel_reason",
         {{"type", "string"},
          {"nullable", true},
          {"description", "why the desk cancelled it (null when the applicant did)"}}},
        {"queue_number", kNullableText},
        {"purpose", kText},
        {"case_id", {{"type", "integer"}, {"nullable", true}}},
        {"case_number", kNullableText},
        {"created_at", {{"type", "string"}, {"format", "date-time"}}},
        {"person", http::Ref("UserRef")},
        {"checked_in_at", kNullableText},
        {"walk_in",
         {{"type", "boolean"}, {"description", "registered at the counter, not booked"}}}}}};
}

Json SlotsSchema() {
  const Json slot = {{"type", "object"},
                     {"required", {"start", "end", "capacity", "booked", "available", "past"}},
                     {"properties",
                      {{"start", kText},
                       {"end", kText},
                       {"capacity", {{"type", "integer"}}},
                       {"booked", {{"type", "integer"}}},
                       {"available", {{"type", "integer"}}},
                       {"past", {{"type", "boolean"}}}}}};
  return Json{{"type", "object"},
              {"required", {"counter", "days"}},
              {"properties",
               {{"counter", http::Ref("Counter")},
                {"days",
                 {{"type", "array"},
                  {"items",
                   {{"type", "object"},
                    {"required", {"date", "open", "slots"}},
                    {"properties",
                     {{"date", {{"type", "string"}, {"format", "date"}}},
                      {"open", {{"type", "boolean"}}},
                      {"slots", {{"type", "array"}, {"items", slot}}}}}}}}}}}};
}

// A date query parameter (today when absent); 400 naming it when it is no date.
Date DateQuery(const http::Request& req, const char* name) {
  const auto v = req.Query(name);
  if (!v || v->empty()) return Date::TodayInChina();
  const auto d = Date::Parse(*v);
  if (!d) throw ApiError::InvalidQuery(name, "type", i18n::T("validation.type.date"));
  return *d;
}

void Notify(db::Session& s, const Booking& b, const Counter& c, const char* key,
            Json extra = Json::object()) {
  std::vector<std::pair<std::string, Json>> args = {
      {"date", b.day},
      {"start", b.start},
      {"counter", Json{{"zh", c.name_zh}, {"en", c.name_en}}},
      {"place", Json{{"zh", c.place_zh}, {"en", c.place_en}}}};
  for (auto& [name, value] : extra.items()) args.emplace_back(name, value);
  notify::Send(s, notify::Message{b.user_id, key, std::move(args), "/appointments"});
}

}  // namespace

std::optional<Counter> LoadCounter(db::Session& s, long long id) {
  std::optional<Counter> out;
  s.Query(std::string(kCounterColumns) + "WHERE id = :id", {{"id", id}},
          [&](const db::Row& r) { out = ReadCounter(r); });
  return out;
}

Json Book(db::Session& s, const cases::Engine& engine, const auth::Principal& who,
          long long counter_id, const std::string& day, const std::string& start,
          const std::string& purpose, std::optional<long long> case_id) {
  const Counter c = RequireCounter(s, counter_id);
  const Date today = Date::TodayInChina();
  const auto date = Date::Parse(day);
  std::vector<FieldError> errors;
  if (!date) {
    errors.push_back({"date", "type", i18n::T("validation.type.date")});
  } else if (*date < today) {
    errors.push_back(Refusal("date", "past", i18n::T("counter.booking.past_day")));
  } else if (*date > today.AddDays(kDaysAhead)) {
    errors.push_back(
        Refusal("date", "too_far",
                i18n::T("counter.booking.too_far", {{"days", std::to_string(kDaysAhead)}})));
  } else if (!calendar::LoadCalendar(s).IsWorkingDay(*date)) {
    errors.push_back(Refusal("date", "closed", i18n::T("counter.booking.closed")));
  } else {
    const auto slots = SlotsOf(c.hours, c.slot_minutes);
    if (std::none_of(slots.begin(), slots.end(), [&](const Slot& x) { return x.start == start; })) {
      errors.push_back(Refusal("start", "no_slot", i18n::T("counter.booking.no_slot")));
    } else if (*date == today && *Minutes(start) <= MinutesNowInChina()) {
      errors.push_back(Refusal("start", "past", i18n::T("counter.booking.past_slot")));
    } else if (s.Int(kAlreadyBooked, {{"c", c.id}, {"d", day}, {"s", start}, {"u", who.user_id}})) {
      errors.push_back(Refusal("start", "booked_twice", i18n::T("counter.booking.twice")));
    }
  }
  if (case_id && !engine.IsOwnerSide(s, who, *case_id)) {
    errors.push_back(Refusal("case_id", "not_yours", i18n::T("counter.booking.not_your_case")));
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
  s.Exec(kOpenLoad, {{"c", c.id}, {"d", day}, {"s", start}});
  if (!s.Int(kTakePlace, {{"c", c.id}, {"d", day}, {"s", start}, {"cap", c.capacity}})) {
    throw ApiError::Unprocessable({Refusal("start", "full", i18n::T("counter.booking.full"))});
  }
  const long long id = s.Int(kInsertBooking, {{"c", c.id},
                                              {"d", day},
                                              {"s", start},
                                              {"u", who.user_id},
                                              {"case", case_id},
                                              {"p", purpose},
                                              {"a", clock::NowIso()}})
                           .value_or(0);
  const Booking b = *LoadBooking(s, id);
  audit::Append(s, audit::By(who, "counter.book", "counter_booking", std::to_string(id),
                             {{"counter", c.code}, {"date", day}, {"start", start}}));
  Notify(s, b, c, "counter.notify.booked");
  return BookingJson(b, c);
}

Json CheckIn(db::Session& s, const auth::Principal& who, long long booking_id) {
  const auto b = LoadBooking(s, booking_id);
  if (!b) throw ApiError::NotFound();
  const Counter c = RequireCounter(s, b->counter_id);
  RequireDesk(who, c, false);
  RequireBooked(*b);
  const Date today = Date::TodayInChina();
  if (b->day != today.ToString()) {
    throw ApiError::Conflict("not_today", i18n::T("counter.booking.not_today", {{"date", b->day}}));
  }
  const long long seq = documents::NextNumber(s, "counter." + c.code + "." + b->day, today.year());
  char number[16];
  std::snprintf(number, sizeof number, "%s%03lld", c.code.c_str(), seq);
  s.Exec(kCheckIn, {{"q", std::string(number)}, {"a", clock::NowIso()}, {"id", booking_id}});
  audit::Append(s, audit::By(who, "counter.check_in", "counter_booking", std::to_string(booking_id),
                             {{"queue_number", number}}));
  return BookingJson(*LoadBooking(s, booking_id), c);
}

namespace {

void RegisterRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "counter");
  api.Component("Counter", CounterSchema());
  api.Component("CounterBooking", BookingSchema());
  const auto engine = std::make_shared<cases::Engine>(app);

  api.Get("/api/v1/counters",
          http::Doc("listCounters", "The office's service counters (public)")
              .Public()
              .Returns(http::ItemsOf(http::Ref("Counter"))),
          [&db](const auth::Call&) {
            Json items = Json::array();
            db.Read([&](db::Session& s) {
              s.Query(std::string(kCounterColumns) + "ORDER BY code", {},
                      [&](const db::Row& r) { items.push_back(CounterJson(ReadCounter(r))); });
            });
            return auth::Reply(Json{{"items", items}});
          });

  api.Get("/api/v1/counters/{id}/slots",
          http::Doc("listCounterSlots",
                    "A counter's days from `from` (today) for `days` (14, at most 31): open or "
                    "not (the calendar's working days), each slot with its places left (public)")
              .Public()
              .Query({"from", "days"})
              .Returns(SlotsSchema()),
          [&db](const auth::Call& call) {
            const auto& req = call.request();
            const Date from = DateQuery(req, "from");
            int days = 14;
            if (const auto v = req.Query("days"); v && !v->empty()) {
              try {
                days = std::stoi(std::string(*v));
              } catch (const std::exception&) {
                days = 0;
              }
              if (days < 1 || days > 31) {
                throw ApiError::InvalidQuery(
                    "days", "range", i18n::T("validation.range", {{"min", "1"}, {"max", "31"}}));
              }
            }
            const long long id = call.Id();
            return auth::Reply(db.Read([&](db::Session& s) {
              const Counter c = RequireCounter(s, id);
              const calendar::WorkingCalendar cal = calendar::LoadCalendar(s);
              std::map<std::pair<std::string, std::string>, long long> loads;
              s.Query(kLoads,
                      {{"c", id}, {"a", from.ToString()}, {"b", from.AddDays(days - 1).ToString()}},
                      [&](const db::Row& r) {
                        loads[{db::Text(r, 0), db::Text(r, 1)}] = db::Int(r, 2);
                      });
              const Date today = Date::TodayInChina();
              const int now = MinutesNowInChina();
              Json out = Json::array();
              for (int i = 0; i < days; ++i)
                out.push_back(DayJson(c, from.AddDays(i), cal, loads, today, now));
              return Json{{"counter", CounterJson(c)}, {"days", out}};
            }));
          });

  api.Post("/api/v1/counters/{id}/bookings",
           http::Doc("bookCounterSlot",
                     "Book a slot at a counter (an applicant), optionally for one of one's cases")
               .Roles(kApplicants)
               .Body({{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"date", "start"}},
                      {"properties",
                       {{"date", {{"type", "string"}, {"format", "date"}}},
                        {"start", {{"type", "string"}, {"minLength", 5}, {"maxLength", 5}}},
                        {"purpose", {{"type", "string"}, {"maxLength", 200}}},
                        {"case_id", {{"type", "integer"}, {"nullable", true}}}}}})
               .Returns(http::Ref("CounterBooking"), 201),
           [&db, engine](const auth::Call& call) {
             const Json& body = call.body();
             std::optional<long long> case_id;
             if (body.contains("case_id") && !body["case_id"].is_null())
               case_id = body["case_id"].get<long long>();
             return auth::Reply(db.Write([&](db::Session& s) {
               return Book(s, *engine, call.who(), call.Id(), body["date"], body["start"],
                           body.value("purpose", ""), case_id);
             }),
                                201);
           });

  api.Get("/api/v1/appointments",
          http::Doc("listMyAppointments", "The caller's bookings, the latest day first (100)")
              .Roles(kApplicants)
              .Returns(http::ItemsOf(http::Ref("CounterBooking"))),
          [&db](const auth::Call& call) {
            return auth::Reply(db.Read([&](db::Session& s) {
              std::vector<Booking> bookings;
              s.Query(std::string(kBookingColumns) +
                          "WHERE b.user_id = :u ORDER BY b.day DESC, b.start DESC LIMIT 100",
                      {{"u", call.who().user_id}},
                      [&](const db::Row& r) { bookings.push_back(ReadBooking(r)); });
              std::map<long long, Counter> counters;
              Json items = Json::array();
              for (const auto& b : bookings) {
                if (!counters.contains(b.counter_id))
                  counters.emplace(b.counter_id, RequireCounter(s, b.counter_id));
                items.push_back(BookingJson(b, counters.at(b.counter_id)));
              }
              return Json{{"items", items}};
            }));
          });

  api.Post(
      "/api/v1/appointments/{id}/cancel",
      http::Doc("cancelAppointment",
                "Cancel a booking: the applicant their own, before its slot begins; the counter's "
                "desk any of today or later, with a reason the applicant is told")
          .Roles({"citizen", "enterprise_user", "enterprise_admin", "officer", "approver"})
          .Body({{"type", "object"},
                 {"additionalProperties", false},
                 {"properties", {{"reason", {{"type", "string"}, {"maxLength", 200}}}}}})
          .Returns(http::Ref("CounterBooking")),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        const long long id = call.Id();
        const std::string reason(i18n::Trim(call.body().value("reason", std::string())));
        return auth::Reply(db.Write([&](db::Session& s) {
          const auto b = LoadBooking(s, id);
          if (!b) throw ApiError::NotFound();
          const Counter c = RequireCounter(s, b->counter_id);
          const bool own = b->user_id == who.user_id && !b->walk_in;
          if (!own) {
            // Someone else's booking is the desk's to cancel; to anyone else it does not exist.
            if (!who.Has("officer") && !who.Has("approver")) throw ApiError::NotFound();
            RequireDesk(who, c, false);
          }
          RequireBooked(*b);
          const std::string today = Date::TodayInChina().ToString();
          if (own &&
              (b->day < today || (b->day == today && *Minutes(b->start) <= MinutesNowInChina()))) {
            throw ApiError::Conflict("started", i18n::T("counter.booking.started"));
          }
          if (!own && b->day < today) {
            throw ApiError::Conflict("past", i18n::T("counter.booking.desk_past"));
          }
          if (!own && reason.empty()) {
            throw ApiError::Unprocessable(
                {FieldError{"reason", "required", i18n::T("counter.booking.reason_required")}});
          }
          s.Exec(kCancel, {{"a", clock::NowIso()},
                           {"by", who.user_id},
                           {"r", db::OrNull(own ? std::string() : reason)},
                           {"id", id}});
          s.Exec(kFreePlace, {{"c", c.id}, {"d", b->day}, {"s", b->start}});
          audit::Append(s, audit::By(who, "counter.cancel", "counter_booking", std::to_string(id),
                                     own ? Json::object() : Json{{"reason", reason}}));
          if (own) {
            Notify(s, *b, c, "counter.notify.cancelled");
          } else if (!b->walk_in) {
            Notify(s, *b, c, "counter.notify.cancelled_by_office", {{"reason", reason}});
          }
          return BookingJson(*LoadBooking(s, id), c);
        }));
      });

  api.Post("/api/v1/appointments/{id}/no-show",
           http::Doc("markAppointmentNoShow",
                     "Nobody came (the desk): a booking whose slot is over, not checked in")
               .Roles({"officer", "approver"})
               .Returns(http::Ref("CounterBooking")),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             const long long id = call.Id();
             return auth::Reply(db.Write([&](db::Session& s) {
               const auto b = LoadBooking(s, id);
               if (!b) throw ApiError::NotFound();
               const Counter c = RequireCounter(s, b->counter_id);
               RequireDesk(who, c, false);
               RequireBooked(*b);
               const std::string today = Date::TodayInChina().ToString();
               const int end = *Minutes(b->start) + c.slot_minutes;
               if (b->day > today || (b->day == today && end > MinutesNowInChina())) {
                 throw ApiError::Conflict("not_over", i18n::T("counter.booking.not_over"));
               }
               s.Exec(kNoShow, {{"id", id}});
               audit::Append(
                   s, audit::By(who, "counter.no_show", "counter_booking", std::to_string(id)));
               return BookingJson(*LoadBooking(s, id), c);
             }));
           });

  api.Get("/api/v1/counters/{id}/day",
          http::Doc("getCounterDay",
                    "The counter's bookings of a day (`date`, today by default), in slot order, "
                    "with the people booked and their queue numbers (the read is audited)")
              .Roles({"officer", "approver", "auditor"})
              .Query({"date"})
              .Returns(http::ItemsOf(http::Ref("CounterBooking"))),
          [&db](const auth::Call& call) {
            const auto& who = call.who();
            const Date day = DateQuery(call.request(), "date");
            const long long id = call.Id();
            Json items = Json::array();
            db.Read([&](db::Session& s) {
              const Counter c = RequireCounter(s, id);
              RequireDesk(who, c, true);
              s.Query(std::string(kBookingColumns) +
                          "WHERE b.counter_id = :c AND b.day = :d AND b.state <> 'cancelled' "
                          "ORDER BY b.start, b.id",
                      {{"c", id}, {"d", day.ToString()}},
                      [&](const db::Row& r) { items.push_back(BookingJson(ReadBooking(r), c)); });
            });
            audit::AppendDetached(db, audit::By(who, "counter.day.read", "counter",
                                                std::to_string(id), {{"date", day.ToString()}}));
            return auth::Reply(Json{{"items", items}});
          });

  api.Post("/api/v1/counters/{id}/walk-ins",
           http::Doc("registerWalkIn",
                     "Someone at the counter without a booking (the desk): a booking of today, at "
                     "this time, to check in like the others")
               .Roles({"officer", "approver"})
               .Body({{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"name"}},
                      {"properties",
                       {{"name", {{"type", "string"}, {"minLength", 1}, {"maxLength", 100}}},
                        {"purpose", {{"type", "string"}, {"maxLength", 200}}}}}})
               .Returns(http::Ref("CounterBooking"), 201),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             const Json& body = call.body();
             const long long counter_id = call.Id();
             return auth::Reply(db.Write([&](db::Session& s) {
               const Counter c = RequireCounter(s, counter_id);
               RequireDesk(who, c, false);
               const long long id = s.Int(kInsertWalkIn, {{"c", c.id},
                                                          {"d", Date::TodayInChina().ToString()},
                                                          {"s", HhMm(MinutesNowInChina())},
                                                          {"u", who.user_id},
                                                          {"n", body["name"].get<std::string>()},
                                                          {"p", body.value("purpose", "")},
                                                          {"a", clock::NowIso()}})
                                        .value_or(0);
               audit::Append(
                   s, audit::By(who, "counter.walk_in", "counter_booking", std::to_string(id)));
               return BookingJson(*LoadBooking(s, id), c);
             }),
                                201);
           });

  api.Post("/api/v1/appointments/{id}/check-in",
           http::Doc("checkInAppointment",
                     "The person booked is at the counter (on the booking's day): a queue number")
               .Roles({"officer", "approver"})
               .Returns(http::Ref("CounterBooking")),
           [&db](const auth::Call& call) {
             return auth::Reply(
                 db.Write([&](db::Session& s) { return CheckIn(s, call.who(), call.Id()); }));
           });
}

}  // namespace

waishi::Module Module() {
  waishi::Module m;
  m.name = "counter";
  m.migrations = "src/counter/migrations/";
  m.setup = RegisterRoutes;
  m.demo = LoadDemo;
  return m;
}

}  // namespace waishi::counter
