#include "invitation/rules.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/calendar/working_days.h"
#include "core/cases/rule.h"

namespace waishi::invitation {
namespace {

using calendar::Date;
using cases::Violation;

Date D(std::string_view iso) {
  const std::optional<Date> d = Date::Parse(iso);
  if (!d) throw std::invalid_argument("test date does not parse");
  return *d;
}

// The ICAO specimen's person, made German so that the MRZ nationality is "D".
constexpr const char* kMrz =
    "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\n"
    "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4";

Json Invitee(std::string passport = "C01X00T47") {
  return Json{{"surname", "MUSTERMANN"},
              {"given_names", "ERIKA"},
              {"sex", "F"},
              {"birth_date", "1964-08-12"},
              {"nationality", "DE"},
              {"passport_number", std::move(passport)},
              {"passport_expiry", "2027-02-28"},
              {"employer", "Stadt Aachen"},
              {"position", "Referentin"}};
}

// Arriving 2026-06-01, leaving 2026-06-05, one invitee whose passport is good until 2027-02-28.
Json Letter() {
  return Json{{"arrival_date", "2026-06-01"},
              {"departure_date", "2026-06-05"},
              {"entries", "single"},
              {"invitees", Json::array({Invitee()})},
              {"inviter", {{"uscc", "91330203MA2AH1X00J"}}}};
}

std::vector<Violation> Apply(cases::RuleFn fn, const Json& data, const Json& facts = Json::object(),
                             Json policy = DefaultPolicy()) {
  static const calendar::WorkingCalendar calendar;
  return fn(cases::RuleContext{data, policy, calendar, D("2026-05-01"), facts});
}

std::vector<std::string> Fields(const std::vector<Violation>& v) {
  std::vector<std::string> out;
  for (const auto& x : v) out.push_back(x.field);
  return out;
}

using Strings = std::vector<std::string>;

TEST(InvitationRules, DatesArrivalAfterTodayDepartureAfterArrival) {
  EXPECT_TRUE(Apply(CheckDates, Letter()).empty());
  Json today = Letter();
  today["arrival_date"] = "2026-05-01";
  EXPECT_EQ(Fields(Apply(CheckDates, today)), Strings{"arrival_date"});
  Json same = Letter();
  same["departure_date"] = "2026-06-01";
  EXPECT_EQ(Fields(Apply(CheckDates, same)), Strings{"departure_date"});
  EXPECT_TRUE(Apply(CheckDates, Json::object()).empty()) << "missing dates are the form's business";
}

TEST(InvitationRules, PassportValidSixMonthsBeyondDeparture) {
  EXPECT_TRUE(Apply(CheckPassportValidity, Letter()).empty());  // 2026-12-05 needed
  Json data = Letter();
  data["invitees"][0]["passport_expiry"] = "2026-12-04";
  const auto v = Apply(CheckPassportValidity, data);
  EXPECT_EQ(Fields(v), Strings{"invitees[0].passport_expiry"});
  EXPECT_NE(v[0].message.en.find("2026-12-05"), std::string::npos) << v[0].message.en;
  data["invitees"][0]["passport_expiry"] = "2026-12-05";
  EXPECT_TRUE(Apply(CheckPassportValidity, data).empty());
  Json policy = DefaultPolicy();
  policy["passport_validity_months"] = 9;
  EXPECT_EQ(Apply(CheckPassportValidity, data, Json::object(), policy).size(), 1u);
}

TEST(InvitationRules, MultipleEntriesNeedFourEntriesDeclaredOrRecorded) {
  Json data = Letter();
  EXPECT_TRUE(Apply(CheckMultipleEntryHistory, data).empty()) << "a single entry needs none";
  data["entries"] = "multiple";
  EXPECT_EQ(Fields(Apply(CheckMultipleEntryHistory, data)),
            Strings{"invitees[0].prior_entries_12m"});
  data["invitees"][0]["prior_entries_12m"] = 3;
  EXPECT_EQ(Apply(CheckMultipleEntryHistory, data).size(), 1u);
  data["invitees"][0]["prior_entries_12m"] = 4;
  EXPECT_TRUE(Apply(CheckMultipleEntryHistory, data).empty());
  // The office's own record counts when it knows more than was declared.
  data["invitees"][0]["prior_entries_12m"] = 1;
  const Json facts{{"invitation", {{"entries_12m", {{PassportKey("DE", "C01X00T47"), 4}}}}}};
  EXPECT_TRUE(Apply(CheckMultipleEntryHistory, data, facts).empty());
  const Json other{{"invitation", {{"entries_12m", {{PassportKey("FR", "C01X00T47"), 9}}}}}};
  EXPECT_EQ(Apply(CheckMultipleEntryHistory, data, other).size(), 1u)
      << "another country's passport";
}

TEST(InvitationRules, TheSamePassportTwiceIsRefusedOnTheLaterOne) {
  Json data = Letter();
  data["invitees"].push_back(Invitee("C99X00T47"));
  EXPECT_TRUE(Apply(CheckDuplicateInvitee, data).empty());
  data["invitees"].push_back(Invitee("c01x00t47"));  // typed in lower case
  EXPECT_EQ(Fields(Apply(CheckDuplicateInvitee, data)), Strings{"invitees[2].passport_number"});
}

TEST(InvitationRules, MrzMustBeWellFormedCheckedAndMatchTheFields) {
  Json data = Letter();
  EXPECT_TRUE(Apply(CheckMrz, data).empty()) << "an MRZ is optional";
  data["invitees"][0]["mrz"] = kMrz;
  EXPECT_TRUE(Apply(CheckMrz, data).empty()) << Apply(CheckMrz, data)[0].message.en;

  Json malformed = data;
  malformed["invitees"][0]["mrz"] = "P<D<<MUSTERMANN";
  EXPECT_EQ(Fields(Apply(CheckMrz, malformed)), Strings{"invitees[0].mrz"});

  Json typo = data;
  std::string text = kMrz;
  text[45 + 3] = '8';  // the passport number's fourth character
  typo["invitees"][0]["mrz"] = text;
  auto v = Apply(CheckMrz, typo);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].message.en.find("check digit"), std::string::npos) << v[0].message.en;

  Json differs = data;
  differs["invitees"][0]["birth_date"] = "1964-08-13";
  differs["invitees"][0]["sex"] = "M";
  v = Apply(CheckMrz, differs);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].message.en.find("date of birth"), std::string::npos) << v[0].message.en;
  EXPECT_NE(v[0].message.en.find("sex"), std::string::npos) << v[0].message.en;
  EXPECT_NE(v[0].message.zh.find("出生日期"), std::string::npos);
}

TEST(InvitationRules, InviterUsccMalformedOrFailingItsCheck) {
  EXPECT_TRUE(Apply(CheckInviterUscc, Letter()).empty());
  Json bad = Letter();
  bad["inviter"]["uscc"] = "91330203MA2AH1X00K";
  EXPECT_EQ(Fields(Apply(CheckInviterUscc, bad)), Strings{"inviter.uscc"});
  bad["inviter"]["uscc"] = "123";
  EXPECT_EQ(Fields(Apply(CheckInviterUscc, bad)), Strings{"inviter.uscc"});
}

TEST(InvitationPolicy, DefaultsAreValidAndBoundsAreChecked) {
  EXPECT_TRUE(ValidatePolicy(DefaultPolicy()).empty());
  Json p = DefaultPolicy();
  p["passport_validity_months"] = 25;
  p["severity"]["invitation.no_such_rule"] = "warning";
  const auto errors = ValidatePolicy(p);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(DefaultPolicy()["severity"]["invitation.inviter_uscc"], "warning");
}

}  // namespace
}  // namespace waishi::invitation
