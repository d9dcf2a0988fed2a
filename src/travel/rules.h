// The rules of official temporary outbound travel (因公临时出国(境)审批) and their policy.
//
// Each rule is a pure function of the case data, the policy, the working calendar and
// `ctx.today` (cases/rule.h): it never reads the clock, the database or any global state
// except the message catalogue, so it may run on any thread. The case data has passed the
// definition's type checks, but a draft may lack fields: a rule whose inputs are missing
// passes (the required-field check names them), except where a missing field is itself the
// breach (no publicity, no report, no passport name).
//
// The limits are the national rules for official temporary trips abroad as PRODUCT.md
// §2.1.1 states them; the numbers live in the policy (DefaultPolicy), which an admin may
// change through PUT /api/v1/policies/outbound_travel.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/cases/registry.h"
#include "core/cases/rule.h"
#include "core/error.h"
#include "core/json.h"

namespace waishi::travel {

// Every rule this module registers, in the order the rule panel lists them.
inline constexpr std::string_view kRuleIds[] = {
    "travel.max_countries",   "travel.max_days",         "travel.max_members",
    "travel.inviter_kind",    "travel.leader_required",  "travel.member_ids",
    "travel.dates",           "travel.publicity_period", "travel.report_present",
    "travel.post_trip_report"};

// The fewest characters (Unicode code points, after trimming) a post-trip report must have.
inline constexpr int kMinReportChars = 20;

// Registers every rule of kRuleIds with its bilingual label.
void RegisterRules(cases::Registry& registry);

// The policy's defaults: the limits of PRODUCT.md §2.1.1, the severity of each rule, the
// passport custody and green-channel thresholds.
Json DefaultPolicy();

// The errors of a proposed policy document (the defaults with the admin's changes merged
// over them): a member missing, of the wrong type, out of range or not one of the allowed
// values; an unknown member inside "max_days", "severity" or "direct_report". Empty if the
// document is acceptable. The field of each error is a dotted path ("max_days.2",
// "severity.travel.max_days", "extra_day_regions[1]").
std::vector<FieldError> ValidatePolicy(const Json& policy);
// The JSON schema of the policy (core/validate/schema.h): what ValidatePolicy checks, but the
// keys of the max_days table.
Json PolicySchema();

// The countries the limits count: the distinct codes of the itinerary's legs, leaving out
// legs that are only an airside transit (a country also visited landside is counted), in
// the order they first appear. Empty if there is no itinerary.
std::vector<std::string> CountedCountries(const Json& data);

// ---------------------------------------------------------------------------------------------
// The rules, one per id (exposed for the unit tests; the engine calls them through
// the Registry).
// ---------------------------------------------------------------------------------------------

// travel.max_countries: more counted countries than policy max_countries → "itinerary".
std::vector<cases::Violation> CheckMaxCountries(const cases::RuleContext& ctx);
// travel.max_days: days abroad (departure and return days both count) above
// max_days[number of counted countries] (the largest key's value beyond the last key), plus
// one day if a counted country is in a region of extra_day_regions → "return_date".
std::vector<cases::Violation> CheckMaxDays(const cases::RuleContext& ctx);
// travel.max_members: more members (interpreter included) than max_members → "members".
std::vector<cases::Violation> CheckMaxMembers(const cases::RuleContext& ctx);
// travel.inviter_kind: an inviter other than a foreign counterpart → "inviter.kind".
std::vector<cases::Violation> CheckInviterKind(const cases::RuleContext& ctx);
// travel.leader_required: not exactly one member with the role leader → "members".
std::vector<cases::Violation> CheckLeaderRequired(const cases::RuleContext& ctx);
// travel.member_ids: per member, an invalid resident ID → "members[i].id_number", a missing
// or blank passport name → "members[i].passport_name", an ID already given for an earlier
// member → "members[i].id_number" of the later one.
std::vector<cases::Violation> CheckMemberIds(const cases::RuleContext& ctx);
// travel.dates: return before departure → "return_date"; departure before ctx.today →
// "departure_date"; a leg leaving before it arrives → "itinerary[i].to"; a leg's date
// outside [departure, return] → "itinerary[i].from" / "itinerary[i].to".
std::vector<cases::Violation> CheckDates(const cases::RuleContext& ctx);
// travel.publicity_period: no publicity_start, or fewer than publicity_working_days working
// days from publicity_start up to the day before departure → "publicity_start".
std::vector<cases::Violation> CheckPublicityPeriod(const cases::RuleContext& ctx);
// travel.report_present: a post-trip report shorter than kMinReportChars (or none) → "report".
std::vector<cases::Violation> CheckReportPresent(const cases::RuleContext& ctx);
// travel.post_trip_report: ctx.today later than report_months after the return date →
// "report" (late).
std::vector<cases::Violation> CheckPostTripReport(const cases::RuleContext& ctx);

}  // namespace waishi::travel
