#include "travel/rules.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "core/calendar/working_days.h"
#include "core/cases/case_data.h"
#include "core/geo/countries.h"
#include "core/i18n/text.h"
#include "core/i18n/utf8.h"
#include "core/validate/identifiers.h"
#include "core/validate/schema.h"

// The limits are the national rules on official temporary trips abroad (因公临时出国) as
// PRODUCT.md §2.1.1 summarizes them: at most 3 countries (an airside transit is not a visit),
// at most 6 people including the interpreter, 5 / 8 / 10 days for 1 / 2 / 3 countries counting
// the days of leaving and re-entering China, one day more for Latin America or Africa, the
// invitation from a foreign counterpart, publicity for at least 5 working days before
// departure ("no approval without publicity") and a post-trip report within 1 month of return.

namespace waishi::travel {
namespace {

using calendar::Date;
using cases::RuleContext;
using cases::Violation;

using cases::DateAt;
using cases::ListAt;
using cases::Member;
using cases::StringAt;
using i18n::CodePoints;
using i18n::Trim;

std::string Path(std::string_view list, std::size_t i, std::string_view member) {
  return cases::ItemPath(list, i, member);
}

// ---------------------------------------------------------------------------------------------
// Reading the policy: the engine passes the stored document merged over the defaults, so a
// member is normally there; if one is not (or has the wrong type), the default applies.
// ---------------------------------------------------------------------------------------------

const Json& Defaults() {
  static const Json defaults = DefaultPolicy();
  return defaults;
}

long long PolicyInt(const Json& policy, std::string_view key) {
  const Json* v = Member(policy, key);
  if (v && v->is_number_integer()) return v->get<long long>();
  return Defaults().at(std::string(key)).get<long long>();
}

const Json& PolicyMember(const Json& policy, std::string_view key, bool (Json::*is_kind)() const) {
  const Json* v = Member(policy, key);
  if (v && ((*v).*is_kind)()) return *v;
  return Defaults().at(std::string(key));
}

// max_days[n]; beyond the last key, the largest key's value; nullopt if there is no key ≤ n.
std::optional<long long> DaysFor(const Json& max_days, long long countries) {
  std::optional<long long> best_key, value;
  for (const auto& [key, days] : max_days.items()) {
    long long k = 0;
    try {
      std::size_t used = 0;
      k = std::stoll(key, &used);
      if (used != key.size()) continue;
    } catch (const std::exception&) {
      continue;
    }
    if (!days.is_number_integer() || k > countries) continue;
    if (!best_key || k > *best_key) {
      best_key = k;
      value = days.get<long long>();
    }
  }
  return value;
}

// A text in both languages built from one catalogue message whose `name` argument itself
// differs by language (a country's name, the label of an enum value).
i18n::Text WithPart(std::string_view key, std::string_view name, const i18n::Text& part) {
  return i18n::Text{i18n::T(key, {{name, part.zh}}).zh, i18n::T(key, {{name, part.en}}).en};
}

// "德国、法国" / "Germany, France" (the code itself for a code the list doesn't know).
i18n::Text CountryNames(const std::vector<std::string>& codes) {
  i18n::Text out;
  for (const auto& code : codes) {
    const geo::Country* c = geo::FindCountry(code);
    if (!out.en.empty()) {
      out.zh += "、";
      out.en += ", ";
    }
    out.zh += c ? c->name_zh : code;
    out.en += c ? c->name_en : code;
  }
  return out;
}

bool InExtraDayRegion(const std::string& code, const Json& regions) {
  for (const auto& r : regions) {
    if (r == "africa" && geo::IsAfrica(code)) return true;
    if (r == "latin_america" && geo::IsLatinAmerica(code)) return true;
  }
  return false;
}

std::string Str(long long n) { return std::to_string(n); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------------------------

Json DefaultPolicy() {
  return Json{{"max_countries", 3},
              {"max_days", {{"1", 5}, {"2", 8}, {"3", 10}}},
              {"extra_day_regions", Json::array({"africa", "latin_america"})},
              {"max_members", 6},
              {"publicity_working_days", 5},
              {"report_months", 1},
              {"passport_due_days", 7},
              {"severity",
               {{"travel.max_countries", "blocking"},
                {"travel.max_days", "blocking"},
                {"travel.max_members", "blocking"},
                {"travel.inviter_kind", "blocking"},
                {"travel.leader_required", "blocking"},
                {"travel.member_ids", "blocking"},
                {"travel.dates", "blocking"},
                {"travel.publicity_period", "warning"},
                {"travel.report_present", "blocking"},
                {"travel.post_trip_report", "warning"}}},
              {"direct_report",
               {{"min_trips_12m", 3}, {"max_rejected_12m", 0}, {"max_overdue_reports", 0}}}};
}

namespace {

// The bounds an admin may set. The itinerary holds at most 20 legs and the delegation at
// most 50 members (outbound_travel.json), so larger limits would mean nothing.
constexpr long long kMaxCountriesBound = 20;
constexpr long long kMaxDaysBound = 365;
constexpr long long kMaxMembersBound = 50;
constexpr long long kMaxCountBound = 1000;

Json IntegerIn(long long min, long long max) {
  return Json{{"type", "integer"}, {"minimum", min}, {"maximum", max}};
}

}  // namespace

Json PolicySchema() {
  Json severities = Json::object();
  for (auto id : kRuleIds)
    severities[std::string(id)] = {{"type", "string"}, {"enum", {"blocking", "warning"}}};
  return Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"required",
       {"max_countries", "max_days", "extra_day_regions", "max_members", "publicity_working_days",
        "report_months", "passport_due_days", "severity", "direct_report"}},
      {"properties",
       {{"max_countries", IntegerIn(1, kMaxCountriesBound)},
        // {"1": days, "2": days, …}: the keys (from 1 without a gap) are checked by
        // ValidatePolicy, which a schema cannot say.
        {"max_days", {{"type", "object"}, {"additionalProperties", IntegerIn(1, kMaxDaysBound)}}},
        {"extra_day_regions",
         {{"type", "array"},
          {"items", {{"type", "string"}, {"enum", {"africa", "latin_america"}}}}}},
        {"max_members", IntegerIn(1, kMaxMembersBound)},
        {"publicity_working_days", IntegerIn(0, 60)},
        {"report_months", IntegerIn(1, 12)},
        {"passport_due_days", IntegerIn(0, 365)},
        {"severity",
         {{"type", "object"}, {"additionalProperties", false}, {"properties", severities}}},
        {"direct_report",
         {{"type", "object"},
          {"additionalProperties", false},
          {"required", {"min_trips_12m", "max_rejected_12m", "max_overdue_reports"}},
          {"properties",
           {{"min_trips_12m", IntegerIn(0, kMaxCountBound)},
            {"max_rejected_12m", IntegerIn(0, kMaxCountBound)},
            {"max_overdue_reports", IntegerIn(0, kMaxCountBound)}}}}}}}};
}

std::vector<FieldError> ValidatePolicy(const Json& policy) {
  static const Json kSchema = PolicySchema();
  std::vector<FieldError> errors = validate::CheckSchema(kSchema, policy);

  // max_days: {"1": days, "2": days, …}, keys from 1 without a gap.
  if (auto max_days = policy.find("max_days"); max_days != policy.end() && max_days->is_object()) {
    std::set<long long> keys;
    for (const auto& [key, days] : max_days->items()) {
      long long k = 0;
      auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), k);
      if (ec != std::errc() || end != key.data() + key.size() || key.front() == '0' || k < 1 ||
          k > kMaxCountriesBound) {
        errors.push_back(FieldError{
            "max_days." + key, "range",
            i18n::T("validation.range", {{"min", "1"}, {"max", Str(kMaxCountriesBound)}})});
        continue;
      }
      keys.insert(k);
    }
    const long long last = keys.empty() ? 1 : *keys.rbegin();
    for (long long k = 1; k <= last; ++k) {
      if (!keys.contains(k))
        errors.push_back(
            FieldError{"max_days." + Str(k), "required", i18n::T("validation.required")});
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Countries and days
// ---------------------------------------------------------------------------------------------

std::vector<std::string> CountedCountries(const Json& data) {
  std::vector<std::string> out;
  const Json* legs = ListAt(data, "itinerary");
  if (!legs) return out;
  for (const auto& leg : *legs) {
    const std::optional<std::string> country = StringAt(leg, "country");
    if (!country || country->empty()) continue;
    const Json* airside = Member(leg, "transit_airside");
    if (airside && airside->is_boolean() && airside->get<bool>()) continue;
    if (std::find(out.begin(), out.end(), *country) == out.end()) out.push_back(*country);
  }
  return out;
}

std::vector<Violation> CheckMaxCountries(const RuleContext& ctx) {
  if (!ListAt(ctx.data, "itinerary")) return {};
  const std::vector<std::string> countries = CountedCountries(ctx.data);
  const long long count = static_cast<long long>(countries.size());
  const long long limit = PolicyInt(ctx.policy, "max_countries");
  if (count <= limit) return {};
  const i18n::Text names = CountryNames(countries);
  const std::string key = "travel.rule.max_countries.violation";
  const std::string n = Str(count), max = Str(limit);
  return {Violation{
      "itinerary",
      i18n::Text{i18n::T(key, {{"count", n}, {"limit", max}, {"countries", names.zh}}).zh,
                 i18n::T(key, {{"count", n}, {"limit", max}, {"countries", names.en}}).en}}};
}

std::vector<Violation> CheckMaxDays(const RuleContext& ctx) {
  const std::optional<Date> departure = DateAt(ctx.data, "departure_date");
  const std::optional<Date> back = DateAt(ctx.data, "return_date");
  if (!departure || !back || !ListAt(ctx.data, "itinerary")) return {};
  const int days = departure->InclusiveDaysTo(*back);
  if (days < 1) return {};  // return before departure: travel.dates says so

  const std::vector<std::string> countries = CountedCountries(ctx.data);
  // An itinerary of airside transits only is still a trip abroad: the one-country limit.
  const long long count = std::max<long long>(1, static_cast<long long>(countries.size()));
  const std::optional<long long> base =
      DaysFor(PolicyMember(ctx.policy, "max_days", &Json::is_object), count);
  if (!base) return {};
  const Json& regions = PolicyMember(ctx.policy, "extra_day_regions", &Json::is_array);
  const bool extra = std::any_of(countries.begin(), countries.end(), [&](const std::string& c) {
    return InExtraDayRegion(c, regions);
  });
  const long long limit = *base + (extra ? 1 : 0);
  if (days <= limit) return {};
  const i18n::Args args = {{"days", Str(days)}, {"limit", Str(limit)}, {"countries", Str(count)}};
  return {Violation{"return_date", i18n::T(extra ? "travel.rule.max_days.violation_extra_day"
                                                 : "travel.rule.max_days.violation",
                                           args)}};
}

// ---------------------------------------------------------------------------------------------
// The delegation and the inviter
// ---------------------------------------------------------------------------------------------

std::vector<Violation> CheckMaxMembers(const RuleContext& ctx) {
  const Json* members = ListAt(ctx.data, "members");
  if (!members) return {};
  const long long count = static_cast<long long>(members->size());
  const long long limit = PolicyInt(ctx.policy, "max_members");
  if (count <= limit) return {};
  return {Violation{"members", i18n::T("travel.rule.max_members.violation",
                                       {{"count", Str(count)}, {"limit", Str(limit)}})}};
}

std::vector<Violation> CheckInviterKind(const RuleContext& ctx) {
  const Json* inviter = Member(ctx.data, "inviter");
  const std::optional<std::string> kind = inviter ? StringAt(*inviter, "kind") : std::nullopt;
  if (!kind || *kind == "foreign_counterpart") return {};
  const std::string label_key = "travel.rule.inviter_kind.kind." + *kind;
  const i18n::Text label = i18n::Has(label_key) ? i18n::T(label_key) : i18n::Text{*kind, *kind};
  return {Violation{"inviter.kind", WithPart("travel.rule.inviter_kind.violation", "kind", label)}};
}

std::vector<Violation> CheckLeaderRequired(const RuleContext& ctx) {
  const Json* members = ListAt(ctx.data, "members");
  if (!members) return {};
  const long long leaders = std::count_if(members->begin(), members->end(), [](const Json& m) {
    return StringAt(m, "role") == std::optional<std::string>("leader");
  });
  if (leaders == 1) return {};
  if (leaders == 0) return {Violation{"members", i18n::T("travel.rule.leader_required.none")}};
  return {Violation{"members",
                    i18n::T("travel.rule.leader_required.several", {{"count", Str(leaders)}})}};
}

std::vector<Violation> CheckMemberIds(const RuleContext& ctx) {
  const Json* members = ListAt(ctx.data, "members");
  if (!members) return {};
  std::vector<Violation> out;
  std::map<std::string, std::size_t> first_with;  // normalized ID → index of its first member
  for (std::size_t i = 0; i < members->size(); ++i) {
    const Json& m = (*members)[i];
    if (const std::optional<std::string> id = StringAt(m, "id_number")) {
      if (!validate::IsValidResidentId(*id)) {
        out.push_back(Violation{Path("members", i, "id_number"),
                                i18n::T("travel.rule.member_ids.invalid_id")});
      } else {
        std::string normalized = *id;
        std::transform(normalized.begin(), normalized.end(), normalized.begin(),
                       [](char c) { return c == 'x' ? 'X' : c; });
        auto [it, first] = first_with.emplace(normalized, i);
        if (!first) {
          const std::optional<std::string> name = StringAt((*members)[it->second], "name");
          out.push_back(Violation{Path("members", i, "id_number"),
                                  i18n::T("travel.rule.member_ids.duplicate_id",
                                          {{"number", Str(static_cast<long long>(it->second) + 1)},
                                           {"name", name.value_or("")}})});
        }
      }
    }
    const std::optional<std::string> passport_name = StringAt(m, "passport_name");
    if (!passport_name || Trim(*passport_name).empty()) {
      out.push_back(Violation{Path("members", i, "passport_name"),
                              i18n::T("travel.rule.member_ids.passport_name_missing")});
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

std::vector<Violation> CheckDates(const RuleContext& ctx) {
  std::vector<Violation> out;
  const std::optional<Date> departure = DateAt(ctx.data, "departure_date");
  const std::optional<Date> back = DateAt(ctx.data, "return_date");
  const bool ordered = departure && back && *back >= *departure;
  if (departure && back && !ordered) {
    out.push_back(Violation{"return_date", i18n::T("travel.rule.dates.return_before_departure",
                                                   {{"return", back->ToString()},
                                                    {"departure", departure->ToString()}})});
  }
  if (departure && *departure < ctx.today) {
    out.push_back(Violation{"departure_date", i18n::T("travel.rule.dates.departure_past",
                                                      {{"departure", departure->ToString()},
                                                       {"today", ctx.today.ToString()}})});
  }
  const Json* legs = ListAt(ctx.data, "itinerary");
  if (!legs) return out;
  for (std::size_t i = 0; i < legs->size(); ++i) {
    const Json& leg = (*legs)[i];
    const std::optional<Date> from = DateAt(leg, "from");
    const std::optional<Date> to = DateAt(leg, "to");
    const std::string leg_number = Str(static_cast<long long>(i) + 1);
    if (from && to && *to < *from) {
      out.push_back(Violation{
          Path("itinerary", i, "to"),
          i18n::T("travel.rule.dates.leg_order",
                  {{"leg", leg_number}, {"from", from->ToString()}, {"to", to->ToString()}})});
    }
    if (!ordered) continue;  // no trip window to compare the legs with
    for (const auto& [member, date] : {std::pair{"from", from}, std::pair{"to", to}}) {
      if (!date || (*date >= *departure && *date <= *back)) continue;
      out.push_back(Violation{
          Path("itinerary", i, member),
          i18n::T("travel.rule.dates.leg_outside_trip", {{"leg", leg_number},
                                                         {"date", date->ToString()},
                                                         {"departure", departure->ToString()},
                                                         {"return", back->ToString()}})});
    }
  }
  return out;
}

std::vector<Violation> CheckPublicityPeriod(const RuleContext& ctx) {
  const std::optional<Date> departure = DateAt(ctx.data, "departure_date");
  if (!departure) return {};
  const long long required = PolicyInt(ctx.policy, "publicity_working_days");
  const std::optional<std::string> start_text = StringAt(ctx.data, "publicity_start");
  const std::optional<Date> start = start_text ? Date::Parse(*start_text) : std::nullopt;
  if (!start) {
    return {Violation{"publicity_start", i18n::T("travel.rule.publicity_period.missing",
                                                 {{"required", Str(required)}})}};
  }
  // Working days from the first day of publicity up to the eve of departure.
  const int days = ctx.calendar.CountWorkingDays(*start, *departure);
  if (days >= required) return {};
  return {Violation{"publicity_start", i18n::T("travel.rule.publicity_period.too_short",
                                               {{"days", Str(days)},
                                                {"required", Str(required)},
                                                {"start", start->ToString()},
                                                {"departure", departure->ToString()}})}};
}

// ---------------------------------------------------------------------------------------------
// After the trip
// ---------------------------------------------------------------------------------------------

std::vector<Violation> CheckReportPresent(const RuleContext& ctx) {
  const std::optional<std::string> report = StringAt(ctx.data, "report");
  const int length = report ? CodePoints(Trim(*report)) : 0;
  if (length >= kMinReportChars) return {};
  if (length == 0) {
    return {Violation{
        "report", i18n::T("travel.rule.report_present.missing", {{"min", Str(kMinReportChars)}})}};
  }
  return {Violation{"report", i18n::T("travel.rule.report_present.too_short",
                                      {{"length", Str(length)}, {"min", Str(kMinReportChars)}})}};
}

std::vector<Violation> CheckPostTripReport(const RuleContext& ctx) {
  const std::optional<Date> back = DateAt(ctx.data, "return_date");
  if (!back) return {};
  const long long months = PolicyInt(ctx.policy, "report_months");
  const Date due = back->AddMonths(static_cast<int>(months));
  if (ctx.today <= due) return {};
  return {Violation{
      "report",
      i18n::T("travel.rule.post_trip_report.late",
              {{"due", due.ToString()}, {"return", back->ToString()}, {"months", Str(months)}})}};
}

// ---------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------

void RegisterRules(cases::Registry& registry) {
  const cases::Registry::NamedRule rules[] = {
      {"travel.max_countries", CheckMaxCountries},
      {"travel.max_days", CheckMaxDays},
      {"travel.max_members", CheckMaxMembers},
      {"travel.inviter_kind", CheckInviterKind},
      {"travel.leader_required", CheckLeaderRequired},
      {"travel.member_ids", CheckMemberIds},
      {"travel.dates", CheckDates},
      {"travel.publicity_period", CheckPublicityPeriod},
      {"travel.report_present", CheckReportPresent},
      {"travel.post_trip_report", CheckPostTripReport},
  };
  static_assert(std::size(rules) == std::size(kRuleIds));
  registry.AddRules("travel", rules);
}

}  // namespace waishi::travel
