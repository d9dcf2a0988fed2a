// The rules of an invitation letter for foreigners (外国人来华邀请函) and their policy.
//
// Each rule is a pure function of the case data, the policy, `ctx.today` and the facts the
// module supplies (cases/rule.h). A rule whose inputs are missing passes: the required-field
// check names them. The numbers live in the policy (DefaultPolicy), which the security
// administrator may change through PUT /api/v1/policies/invitation_letter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/cases/registry.h"
#include "core/cases/rule.h"
#include "core/error.h"
#include "core/json.h"

namespace waishi::invitation {

inline constexpr std::string_view kRuleIds[] = {"invitation.dates",
                                                "invitation.passport_validity",
                                                "invitation.multiple_entry_history",
                                                "invitation.duplicate_invitee",
                                                "invitation.mrz",
                                                "invitation.inviter_uscc"};

void RegisterRules(cases::Registry& registry);

// passport_validity_months 6, multiple_entry_min_entries 4, review_working_days 5, the
// inviter's USCC a warning, every other rule blocking.
Json DefaultPolicy();
std::vector<FieldError> ValidatePolicy(const Json& policy);

// The code ICAO Doc 9303 Part 3 writes in an MRZ for a country (ISO alpha-2 given): alpha-3,
// but Germany's is "D". Empty for an unknown code.
std::string IcaoCode(std::string_view alpha2);

// The key under which facts count an invitee's earlier entries: "DE:C01X00T47".
std::string PassportKey(std::string_view nationality, std::string_view passport_number);

// invitation.dates: arrival on or before today → "arrival_date"; departure not after
// arrival → "departure_date".
std::vector<cases::Violation> CheckDates(const cases::RuleContext& ctx);
// invitation.passport_validity: a passport expiring less than passport_validity_months after
// the planned departure → "invitees[i].passport_expiry".
std::vector<cases::Violation> CheckPassportValidity(const cases::RuleContext& ctx);
// invitation.multiple_entry_history: for a multiple-entry letter, an invitee with fewer than
// multiple_entry_min_entries entries in the past 12 months → "invitees[i].prior_entries_12m".
// The count is the larger of the declared number and the office's own record (the facts'
// invitation.entries_12m[PassportKey], earlier letters with an arrival in those months).
std::vector<cases::Violation> CheckMultipleEntryHistory(const cases::RuleContext& ctx);
// invitation.duplicate_invitee: the same passport (nationality and number) twice →
// "invitees[i].passport_number" of the later one.
std::vector<cases::Violation> CheckDuplicateInvitee(const cases::RuleContext& ctx);
// invitation.mrz: a pasted MRZ that is not a passport's two lines, fails a check digit, or
// disagrees with the number, nationality, date of birth, sex or expiry typed →
// "invitees[i].mrz".
std::vector<cases::Violation> CheckMrz(const cases::RuleContext& ctx);
// invitation.inviter_uscc: an inviter's USCC that is malformed or fails its check character
// → "inviter.uscc" (a warning by default: some early codes fail the check).
std::vector<cases::Violation> CheckInviterUscc(const cases::RuleContext& ctx);

}  // namespace waishi::invitation
