#include "travel/rules.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/calendar/working_days.h"
#include "core/cases/definition.h"
#include "core/cases/rule.h"
#include "core/i18n/text.h"
#include "core/resources.h"
#include "core/validate/identifiers.h"

namespace waishi::travel {
namespace {

using calendar::Date;
using calendar::WorkingCalendar;
using cases::Violation;

// ---------------------------------------------------------------------------------------------
// Builders: a valid trip, then each test changes the one thing it is about.
// ---------------------------------------------------------------------------------------------

Date D(std::string_view iso) {
  const std::optional<Date> d = Date::Parse(iso);
  if (!d) throw std::invalid_argument("test date does not parse");
  return *d;
}

// A valid resident ID: born 1980-01-01 in Xicheng, Beijing, sequence `n` (0–999).
std::string Id(int n) {
  std::string first17 =
      "11010219800101" + std::string(n < 100 ? (n < 10 ? "00" : "0") : "") + std::to_string(n);
  return first17 + validate::ResidentIdCheckChar(first17);
}

Json Member(int n, std::string role = "member") {
  return Json{{"name", "成员" + std::to_string(n)},
              {"passport_name", "CHENGYUAN " + std::to_string(n)},
              {"id_number", Id(n)},
              {"unit", "宁波某公司"},
              {"position", "经理"},
              {"role", std::move(role)}};
}

// A leader and n − 1 members.
Json Members(int n) {
  Json members = Json::array({Member(0, "leader")});
  for (int i = 1; i < n; ++i) members.push_back(Member(i));
  return members;
}

Json Leg(std::string country, std::string from, std::string to, bool airside = false) {
  return Json{{"country", std::move(country)},
              {"city", "City"},
              {"from", std::move(from)},
              {"to", std::move(to)},
              {"transit_airside", airside}};
}

// A trip from `departure` for `days` days (both ends counted), one leg per country spanning it.
Json Trip(std::string_view departure, int days,
          std::initializer_list<std::string> countries = {"DE"}) {
  const std::string from = D(departure).ToString();
  const std::string to = D(departure).AddDays(days - 1).ToString();
  Json legs = Json::array();
  for (const auto& c : countries) legs.push_back(Leg(c, from, to));
  return Json{
      {"purpose", "考察合作项目"},
      {"departure_date", from},
      {"return_date", to},
      {"itinerary", legs},
      {"members", Members(2)},
      {"inviter", {{"name", "Stadt Aachen"}, {"country", "DE"}, {"kind", "foreign_counterpart"}}},
      {"funding", {{"source", "企业自筹"}, {"budget_cny", 80000}}},
      {"publicity_start", "2027-01-04"}};
}

// The 2026 National Day holidays (国务院办公厅 2026 年节假日安排): 10-01 … 10-07 off,
// Sunday 09-20 and Saturday 10-10 worked instead.
WorkingCalendar NationalDay2026() {
  WorkingCalendar cal;
  for (int d = 1; d <= 7; ++d) cal.AddHoliday(Date::FromYmd(2026, 10, d));
  cal.AddWorkday(D("2026-09-20"));
  cal.AddWorkday(D("2026-10-10"));
  return cal;
}

class TravelRulesTest : public testing::Test {
 protected:
  static void SetUpTestSuite() { RegisterRules(registry_); }

  // Runs the rule registered under `id`, as the engine does.
  std::vector<Violation> Run(std::string_view id, const Json& data) const {
    const cases::RuleInfo* rule = registry_.FindRule(id);
    if (!rule) throw std::logic_error("rule not registered: " + std::string(id));
    const cases::RuleContext ctx{data, policy, calendar, today, facts};
    std::vector<Violation> out = rule->fn(ctx);
    for (const auto& v : out) {
      // Every message is complete in both languages: no placeholder left unfilled.
      EXPECT_FALSE(v.message.zh.empty()) << id;
      EXPECT_FALSE(v.message.en.empty()) << id;
      EXPECT_NE(v.message.zh, v.message.en) << id;
      EXPECT_EQ(v.message.zh.find('{'), std::string::npos) << v.message.zh;
      EXPECT_EQ(v.message.en.find('{'), std::string::npos) << v.message.en;
    }
    return out;
  }

  bool Passes(std::string_view id, const Json& data) const { return Run(id, data).empty(); }

  // The one violation of the rule (fails the test if there are more or none).
  Violation Only(std::string_view id, const Json& data) const {
    std::vector<Violation> out = Run(id, data);
    EXPECT_EQ(out.size(), 1u) << id << " on " << data.dump();
    return out.empty() ? Violation{} : out.front();
  }

  std::vector<std::string> Fields(std::string_view id, const Json& data) const {
    std::vector<std::string> fields;
    for (const auto& v : Run(id, data)) fields.push_back(v.field);
    return fields;
  }

  Json policy = DefaultPolicy();
  WorkingCalendar calendar;
  Date today = D("2027-01-10");
  Json facts = Json::object();
  static cases::Registry registry_;
};

cases::Registry TravelRulesTest::registry_;

// ---------------------------------------------------------------------------------------------
// Registration and the catalogue
// ---------------------------------------------------------------------------------------------

TEST_F(TravelRulesTest, EveryRuleIsRegisteredWithABilingualLabel) {
  for (std::string_view id : kRuleIds) {
    const cases::RuleInfo* rule = registry_.FindRule(id);
    ASSERT_NE(rule, nullptr) << id;
    EXPECT_FALSE(rule->label.zh.empty()) << id;
    EXPECT_FALSE(rule->label.en.empty()) << id;
  }
}

TEST_F(TravelRulesTest, EveryRuleTheDefinitionNamesIsRegisteredAndHasASeverity) {
  const Json definition = Json::parse(Resource("src/travel/outbound_travel.json"));
  for (const auto& t : definition.at("transitions")) {
    for (const auto& id : t.value("rules", Json::array())) {
      EXPECT_NE(registry_.FindRule(id.get<std::string>()), nullptr) << id;
      EXPECT_TRUE(DefaultPolicy()["severity"].contains(id.get<std::string>())) << id;
    }
  }
  EXPECT_EQ(DefaultPolicy()["severity"].size(), std::size(kRuleIds));
}

TEST_F(TravelRulesTest, EveryRuleOnEmptyDataPassesExceptTheMissingReport) {
  const Json empty = Json::object();
  for (std::string_view id : kRuleIds) {
    if (id == "travel.report_present") continue;
    EXPECT_TRUE(Passes(id, empty)) << id;
  }
  EXPECT_EQ(Only("travel.report_present", empty).field, "report");
}

TEST_F(TravelRulesTest, AValidTripPassesEveryRuleBeforeTheTrip) {
  const Json trip = Trip("2027-03-01", 5);
  for (std::string_view id : kRuleIds) {
    if (id == "travel.report_present") continue;  // the report comes after the trip
    EXPECT_TRUE(Passes(id, trip)) << id;
  }
}

// ---------------------------------------------------------------------------------------------
// travel.max_countries
// ---------------------------------------------------------------------------------------------

TEST_F(TravelRulesTest, ThreeCountriesPassFourDoNot) {
  EXPECT_TRUE(Passes("travel.max_countries", Trip("2027-03-01", 10, {"DE", "FR", "GB"})));
  const Violation v =
      Only("travel.max_countries", Trip("2027-03-01", 10, {"DE", "FR", "GB", "IT"}));
  EXPECT_EQ(v.field, "itinerary");
  EXPECT_EQ(v.message.en, "4 countries (Germany, France, United Kingdom, Italy): the limit is 3.");
  EXPECT_NE(v.message.zh.find("出访 4 个国家"), std::string::npos) << v.message.zh;
  EXPECT_NE(v.message.zh.find("德国"), std::string::npos) << v.message.zh;
  EXPECT_NE(v.message.zh.find("上限为 3 个"), std::string::npos) << v.message.zh;
}

TEST_F(TravelRulesTest, ACountryVisitedTwiceCountsOnce) {
  Json trip = Trip("2027-03-01", 10, {"DE", "FR", "GB"});
  trip["itinerary"].push_back(Leg("DE", "2027-03-09", "2027-03-10"));
  EXPECT_TRUE(Passes("travel.max_countries", trip));
  EXPECT_EQ(CountedCountries(trip), (std::vector<std::string>{"DE", "FR", "GB"}));
}

TEST_F(TravelRulesTest, AnAirsideTransitIsNotACountry) {
  Json trip = Trip("2027-03-01", 10, {"DE", "FR", "GB"});
  trip["itinerary"].push_back(Leg("QA", "2027-03-01", "2027-03-01", /*airside=*/true));
  EXPECT_TRUE(Passes("travel.max_countries", trip));
  EXPECT_EQ(CountedCountries(trip).size(), 3u);
}

TEST_F(TravelRulesTest, ACountryBothTransitedAirsideAndVisitedCounts) {
  Json trip = Trip("2027-03-01", 10, {"DE", "FR", "GB"});
  trip["itinerary"].push_back(Leg("AE", "2027-03-01", "2027-03-01", /*airside=*/true));
  trip["itinerary"].push_back(Leg("AE", "2027-03-09", "2027-03-10"));
  EXPECT_EQ(Only("travel.max_countries", trip).field, "itinerary");
}

TEST_F(TravelRulesTest, MaxCountriesFollowsThePolicy) {
  policy["max_countries"] = 2;
  EXPECT_TRUE(Passes("travel.max_countries", Trip("2027-03-01", 8, {"DE", "FR"})));
  const Violation v = Only("travel.max_countries", Trip("2027-03-01", 8, {"DE", "FR", "GB"}));
  EXPECT_NE(v.message.en.find("3 countries"), std::string::npos) << v.message.en;
  EXPECT_NE(v.message.en.find("the limit is 2"), std::string::npos) << v.message.en;
  EXPECT_NE(v.message.zh.find("上限为 2 个"), std::string::npos) << v.message.zh;
}

// ---------------------------------------------------------------------------------------------
// travel.max_days
// ---------------------------------------------------------------------------------------------

TEST_F(TravelRulesTest, OneCountryFiveDaysPassSixDoNot) {
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 5, {"DE"})));
  const Violation v = Only("travel.max_days", Trip("2027-03-01", 6, {"DE"}));
  EXPECT_EQ(v.field, "return_date");
  EXPECT_NE(v.message.en.find("6 days abroad"), std::string::npos) << v.message.en;
  EXPECT_NE(v.message.en.find("the limit is 5 days"), std::string::npos) << v.message.en;
  EXPECT_NE(v.message.zh.find("在外 6 天"), std::string::npos) << v.message.zh;
  EXPECT_NE(v.message.zh.find("上限为 5 天"), std::string::npos) << v.message.zh;
}

TEST_F(TravelRulesTest, BothTheDayOfLeavingAndOfReturningCount) {
  Json trip = Trip("2027-03-01", 5);
  EXPECT_EQ(trip["return_date"], "2027-03-05");  // 1, 2, 3, 4, 5 March: five days
  trip["return_date"] = "2027-03-06";
  EXPECT_FALSE(Passes("travel.max_days", trip));
}

TEST_F(TravelRulesTest, TwoCountriesEightDaysPassNineDoNot) {
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 8, {"DE", "FR"})));
  const Violation v = Only("travel.max_days", Trip("2027-03-01", 9, {"DE", "FR"}));
  EXPECT_NE(v.message.en.find("the limit is 8 days"), std::string::npos) << v.message.en;
}

TEST_F(TravelRulesTest, ThreeCountriesTenDaysPassElevenDoNot) {
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 10, {"DE", "FR", "GB"})));
  const Violation v = Only("travel.max_days", Trip("2027-03-01", 11, {"DE", "FR", "GB"}));
  EXPECT_NE(v.message.en.find("the limit is 10 days"), std::string::npos) << v.message.en;
}

TEST_F(TravelRulesTest, MoreCountriesThanTheTableUseItsLargestEntry) {
  // travel.max_countries refuses four countries; this rule still has a limit to apply.
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 10, {"DE", "FR", "GB", "IT"})));
  EXPECT_FALSE(Passes("travel.max_days", Trip("2027-03-01", 11, {"DE", "FR", "GB", "IT"})));
}

TEST_F(TravelRulesTest, AfricaAddsADay) {
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 6, {"ZA"})));
  const Violation v = Only("travel.max_days", Trip("2027-03-01", 7, {"ZA"}));
  EXPECT_NE(v.message.en.find("7 days abroad"), std::string::npos) << v.message.en;
  EXPECT_NE(v.message.en.find("the limit is 6 days"), std::string::npos) << v.message.en;
  EXPECT_NE(v.message.en.find("Africa or Latin America"), std::string::npos) << v.message.en;
  EXPECT_NE(v.message.zh.find("非洲或拉美"), std::string::npos) << v.message.zh;
}

TEST_F(TravelRulesTest, LatinAmericaAddsADay) {
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 6, {"BR"})));
  EXPECT_FALSE(Passes("travel.max_days", Trip("2027-03-01", 7, {"BR"})));
  EXPECT_TRUE(
      Passes("travel.max_days", Trip("2027-03-01", 6, {"MX"})));  // North America, yet Latin
  EXPECT_FALSE(Passes("travel.max_days", Trip("2027-03-01", 7, {"MX"})));
}

TEST_F(TravelRulesTest, TheExtraDayIsAddedOnceWhateverTheNumberOfSuchCountries) {
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 9, {"DE", "ZA"})));
  EXPECT_FALSE(Passes("travel.max_days", Trip("2027-03-01", 10, {"DE", "ZA"})));
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 11, {"BR", "ZA", "MX"})));
  EXPECT_FALSE(Passes("travel.max_days", Trip("2027-03-01", 12, {"BR", "ZA", "MX"})));
}

TEST_F(TravelRulesTest, AnAirsideTransitCountsNeitherForTheTableNorForTheExtraDay) {
  Json trip = Trip("2027-03-01", 6, {"DE"});
  trip["itinerary"].push_back(
      Leg("ET", "2027-03-01", "2027-03-01", /*airside=*/true));   // Addis Ababa
  EXPECT_EQ(Only("travel.max_days", trip).field, "return_date");  // still 1 country, 5 days

  trip["itinerary"].push_back(Leg("FR", "2027-03-04", "2027-03-06", /*airside=*/true));
  EXPECT_FALSE(Passes("travel.max_days", trip));  // not 2 countries either
}

TEST_F(TravelRulesTest, TheExtraDayRegionsFollowThePolicy) {
  policy["extra_day_regions"] = Json::array({"latin_america"});
  EXPECT_FALSE(Passes("travel.max_days", Trip("2027-03-01", 6, {"ZA"})));
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 6, {"BR"})));
}

TEST_F(TravelRulesTest, TheDaysTableFollowsThePolicy) {
  policy["max_days"] = Json{{"1", 7}, {"2", 9}};
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 7, {"DE"})));
  EXPECT_FALSE(Passes("travel.max_days", Trip("2027-03-01", 8, {"DE"})));
  EXPECT_TRUE(Passes("travel.max_days", Trip("2027-03-01", 9, {"DE", "FR", "GB"})));
}

TEST_F(TravelRulesTest, MaxDaysLeavesAReturnBeforeDepartureToTheDatesRule) {
  Json trip = Trip("2027-03-01", 5);
  trip["return_date"] = "2027-02-20";
  EXPECT_TRUE(Passes("travel.max_days", trip));
  EXPECT_FALSE(Passes("travel.dates", trip));
}

// ---------------------------------------------------------------------------------------------
// travel.max_members, travel.leader_required
// ---------------------------------------------------------------------------------------------

TEST_F(TravelRulesTest, SixMembersPassSevenDoNot) {
  Json trip = Trip("2027-03-01", 5);
  trip["members"] = Members(5);
  trip["members"].push_back(Member(9, "interpreter"));  // the interpreter is one of the six
  EXPECT_TRUE(Passes("travel.max_members", trip));
  trip["members"].push_back(Member(10));
  const Violation v = Only("travel.max_members", trip);
  EXPECT_EQ(v.field, "members");
  EXPECT_EQ(v.message.en, "7 members (interpreter included): the limit is 6.");
  EXPECT_EQ(v.message.zh, "团组 7 人(含翻译),上限为 6 人。");
}

TEST_F(TravelRulesTest, MaxMembersFollowsThePolicy) {
  policy["max_members"] = 7;
  Json trip = Trip("2027-03-01", 5);
  trip["members"] = Members(7);
  EXPECT_TRUE(Passes("travel.max_members", trip));
  trip["members"] = Members(8);
  EXPECT_NE(Only("travel.max_members", trip).message.en.find("the limit is 7"), std::string::npos);
}

TEST_F(TravelRulesTest, ExactlyOneLeader) {
  Json trip = Trip("2027-03-01", 5);
  trip["members"] = Json::array({Member(1), Member(2, "interpreter")});
  const Violation none = Only("travel.leader_required", trip);
  EXPECT_EQ(none.field, "members");
  EXPECT_NE(none.message.en.find("no leader"), std::string::npos) << none.message.en;
  EXPECT_NE(none.message.zh.find("没有团长"), std::string::npos) << none.message.zh;

  trip["members"].push_back(Member(3, "leader"));
  EXPECT_TRUE(Passes("travel.leader_required", trip));

  trip["members"].push_back(Member(4, "leader"));
  const Violation several = Only("travel.leader_required", trip);
  EXPECT_EQ(several.field, "members");
  EXPECT_NE(several.message.en.find("2 leaders"), std::string::npos) << several.message.en;
  EXPECT_NE(several.message.zh.find("2 名团长"), std::string::npos) << several.message.zh;
}

// ---------------------------------------------------------------------------------------------
// travel.inviter_kind
// ---------------------------------------------------------------------------------------------

TEST_F(TravelRulesTest, OnlyAForeignCounterpartMayInvite) {
  Json trip = Trip("2027-03-01", 5);
  EXPECT_TRUE(Passes("travel.inviter_kind", trip));
  const struct {
    const char* kind;
    const char* en;
    const char* zh;
  } refused[] = {{"intermediary", "an intermediary", "中介机构"},
                 {"overseas_chinese_org", "an overseas-Chinese organization", "华人社团"},
                 {"foreign_agency_in_china", "a foreign agency in China", "外国驻华机构"}};
  for (const auto& r : refused) {
    SCOPED_TRACE(r.kind);
    trip["inviter"]["kind"] = r.kind;
    const Violation v = Only("travel.inviter_kind", trip);
    EXPECT_EQ(v.field, "inviter.kind");
    EXPECT_TRUE(v.message.en.starts_with(std::string("The inviter is ") + r.en + "."))
        << v.message.en;
    EXPECT_TRUE(v.message.zh.starts_with(std::string("邀请方为") + r.zh + "。")) << v.message.zh;
    EXPECT_NE(v.message.en.find("foreign counterpart"), std::string::npos);
  }
}

// ---------------------------------------------------------------------------------------------
// travel.member_ids
// ---------------------------------------------------------------------------------------------

TEST_F(TravelRulesTest, ValidIdsAndPassportNamesPass) {
  Json trip = Trip("2027-03-01", 5);
  trip["members"].push_back(Member(7));
  trip["members"][2]["id_number"] =
      "11010519491231002x";  // the standard's example, typed lower-case
  EXPECT_TRUE(Passes("travel.member_ids", trip));
}

TEST_F(TravelRulesTest, AnInvalidIdIsReportedOnThatMember) {
  Json trip = Trip("2027-03-01", 5);
  std::string id = Id(1);
  id.back() = id.back() == '0' ? '1' : '0';  // wrong check character
  trip["members"][1]["id_number"] = id;
  const Violation v = Only("travel.member_ids", trip);
  EXPECT_EQ(v.field, "members[1].id_number");
  EXPECT_NE(v.message.en.find("GB 11643"), std::string::npos);
}

TEST_F(TravelRulesTest, AMissingOrBlankPassportNameIsReported) {
  Json trip = Trip("2027-03-01", 5);
  trip["members"][0].erase("passport_name");
  trip["members"][1]["passport_name"] = " \t\u3000";
  EXPECT_EQ(Fields("travel.member_ids", trip),
            (std::vector<std::string>{"members[0].passport_name", "members[1].passport_name"}));
}

TEST_F(TravelRulesTest, ADuplicateIdIsReportedOnTheSecondMember) {
  Json trip = Trip("2027-03-01", 5);
  trip["members"].push_back(Member(5));
  trip["members"].push_back(Member(1));  // the same person as members[1]
  const Violation v = Only("travel.member_ids", trip);
  EXPECT_EQ(v.field, "members[3].id_number");
  EXPECT_EQ(v.message.en, "The same resident ID number as member 2 (成员1).");

  trip["members"][3]["id_number"] = "11010519491231002x";  // X and x are the same number
  trip["members"][2]["id_number"] = "11010519491231002X";
  EXPECT_EQ(Only("travel.member_ids", trip).field, "members[3].id_number");
}

TEST_F(TravelRulesTest, AMissingIdIsLeftToTheRequiredFieldCheck) {
  Json trip = Trip("2027-03-01", 5);
  trip["members"][1].erase("id_number");
  EXPECT_TRUE(Passes("travel.member_ids", trip));
}

// ---------------------------------------------------------------------------------------------
// travel.dates
// ---------------------------------------------------------------------------------------------

TEST_F(TravelRulesTest, AReturnBeforeTheDepartureIsReported) {
  Json trip = Trip("2027-03-01", 5);
  trip["return_date"] = "2027-02-28";
  const Violation v = Only("travel.dates", trip);
  EXPECT_EQ(v.field, "return_date");
  EXPECT_EQ(v.message.en, "The return date 2027-02-28 is before the departure date 2027-03-01.");
}

TEST_F(TravelRulesTest, ADepartureInThePastIsReportedButTodayIsFine) {
  today = D("2027-03-01");
  EXPECT_TRUE(Passes("travel.dates", Trip("2027-03-01", 5)));
  today = D("2027-03-02");
  EXPECT_EQ(Only("travel.dates", Trip("2027-03-01", 5)).field, "departure_date");
}

TEST_F(TravelRulesTest, ALegOutsideTheTripIsReportedOnItsDate) {
  Json trip = Trip("2027-03-01", 5, {"DE", "FR"});
  trip["itinerary"][0]["from"] = "2027-02-28";
  trip["itinerary"][1]["to"] = "2027-03-06";
  EXPECT_EQ(Fields("travel.dates", trip),
            (std::vector<std::string>{"itinerary[0].from", "itinerary[1].to"}));
  const Violation v = Run("travel.dates", trip).front();
  EXPECT_EQ(v.message.en,
            "The date 2027-02-28 of leg 1 is outside the trip, 2027-03-01 to 2027-03-05.");
}

TEST_F(TravelRulesTest, ALegEndingBeforeItStartsIsReported) {
  Json trip = Trip("2027-03-01", 5);
  trip["itinerary"][0]["from"] = "2027-03-04";
  trip["itinerary"][0]["to"] = "2027-03-02";
  EXPECT_EQ(Fields("travel.dates", trip), (std::vector<std::string>{"itinerary[0].to"}));
}

TEST_F(TravelRulesTest, LegsOnTheDaysOfLeavingAndReturningAreInside) {
  Json trip = Trip("2027-03-01", 5, {"DE"});
  trip["itinerary"].push_back(Leg("FR", "2027-03-05", "2027-03-05"));
  trip["itinerary"].push_back(Leg("QA", "2027-03-01", "2027-03-01", true));
  EXPECT_TRUE(Passes("travel.dates", trip));
}

// ---------------------------------------------------------------------------------------------
// travel.publicity_period
// ---------------------------------------------------------------------------------------------

TEST_F(TravelRulesTest, PublicityCountsWorkingDaysAcrossTheNationalDayHoliday) {
  calendar = NationalDay2026();
  today = D("2026-09-01");
  Json trip = Trip("2026-10-12", 5);
  // 09-30, 10-08, 10-09, 10-10 (an adjusted working Saturday): 4 working days.
  trip["publicity_start"] = "2026-09-30";
  const Violation v = Only("travel.publicity_period", trip);
  EXPECT_EQ(v.field, "publicity_start");
  EXPECT_NE(v.message.en.find(": 4, where at least 5 are needed"), std::string::npos)
      << v.message.en;
  EXPECT_NE(v.message.zh.find("仅 4 个工作日,至少需要 5 个工作日"), std::string::npos)
      << v.message.zh;
  // One day earlier: 09-29 too, 5 working days.
  trip["publicity_start"] = "2026-09-29";
  EXPECT_TRUE(Passes("travel.publicity_period", trip));
}

TEST_F(TravelRulesTest, TheDayOfDepartureIsNotAPublicityDay) {
  Json trip = Trip("2027-03-08", 5);       // a Monday
  trip["publicity_start"] = "2027-03-02";  // Tue … Fri: 4 (Monday the 8th does not count)
  EXPECT_FALSE(Passes("travel.publicity_period", trip));
  trip["publicity_start"] = "2027-03-01";  // the Monday before: 5
  EXPECT_TRUE(Passes("travel.publicity_period", trip));
  trip["publicity_start"] = "2027-03-09";  // after departure: 0
  EXPECT_FALSE(Passes("travel.publicity_period", trip));
}

TEST_F(TravelRulesTest, NoPublicityNoApproval) {
  Json trip = Trip("2027-03-01", 5);
  trip.erase("publicity_start");
  const Violation v = Only("travel.publicity_period", trip);
  EXPECT_EQ(v.field, "publicity_start");
  EXPECT_NE(v.message.en.find("no approval without publicity"), std::string::npos) << v.message.en;
  EXPECT_NE(v.message.zh.find("未经公示不得批准"), std::string::npos) << v.message.zh;
}

TEST_F(TravelRulesTest, ThePublicityPeriodFollowsThePolicy) {
  calendar = NationalDay2026();
  policy["publicity_working_days"] = 4;
  Json trip = Trip("2026-10-12", 5);
  trip["publicity_start"] = "2026-09-30";
  EXPECT_TRUE(Passes("travel.publicity_period", trip));
}

// ---------------------------------------------------------------------------------------------
// travel.report_present, travel.post_trip_report
// ---------------------------------------------------------------------------------------------

TEST_F(TravelRulesTest, TheReportNeedsTwentyCharactersAfterTrimming) {
  Json trip = Trip("2027-03-01", 5);
  const std::string nineteen = "代表团访问亚琛市并与市政府商谈合作项目";  // 19 characters
  trip["report"] = "  " + nineteen + "\u3000\n";
  const Violation v = Only("travel.report_present", trip);
  EXPECT_EQ(v.field, "report");
  EXPECT_EQ(v.message.en,
            "The post-trip report is too short: 19 characters where at least 20 are needed.");
  trip["report"] = nineteen + "。";
  EXPECT_TRUE(Passes("travel.report_present", trip));
  trip["report"] = "   ";
  EXPECT_NE(Only("travel.report_present", trip).message.en.find("missing"), std::string::npos);
}

TEST_F(TravelRulesTest, TheReportIsDueOneMonthAfterReturn) {
  const Json trip = Trip("2027-03-01", 5);  // back on 03-05, due 04-05
  today = D("2027-04-05");
  EXPECT_TRUE(Passes("travel.post_trip_report", trip));
  today = D("2027-04-06");
  const Violation v = Only("travel.post_trip_report", trip);
  EXPECT_EQ(v.field, "report");
  EXPECT_NE(v.message.en.find("late"), std::string::npos);
  EXPECT_NE(v.message.en.find("due by 2027-04-05"), std::string::npos) << v.message.en;
  EXPECT_NE(v.message.zh.find("已逾期"), std::string::npos) << v.message.zh;
}

TEST_F(TravelRulesTest, AReportDueInAShorterMonthIsDueOnItsLastDay) {
  Json trip = Trip("2027-01-27", 5);  // back on 01-31, due 02-28
  today = D("2027-02-28");
  EXPECT_TRUE(Passes("travel.post_trip_report", trip));
  today = D("2027-03-01");
  EXPECT_FALSE(Passes("travel.post_trip_report", trip));
}

TEST_F(TravelRulesTest, TheReportPeriodFollowsThePolicy) {
  policy["report_months"] = 2;
  today = D("2027-05-05");
  EXPECT_TRUE(Passes("travel.post_trip_report", Trip("2027-03-01", 5)));
  today = D("2027-05-06");
  EXPECT_FALSE(Passes("travel.post_trip_report", Trip("2027-03-01", 5)));
}

// ---------------------------------------------------------------------------------------------
// The policy
// ---------------------------------------------------------------------------------------------

TEST(TravelPolicyTest, TheDefaultsAreValid) {
  EXPECT_TRUE(ValidatePolicy(DefaultPolicy()).empty());
}

TEST(TravelPolicyTest, TheDefaultsAreTheNationalRules) {
  const Json p = DefaultPolicy();
  EXPECT_EQ(p["max_countries"], 3);
  EXPECT_EQ(p["max_days"], (Json{{"1", 5}, {"2", 8}, {"3", 10}}));
  EXPECT_EQ(p["extra_day_regions"], Json::array({"africa", "latin_america"}));
  EXPECT_EQ(p["max_members"], 6);
  EXPECT_EQ(p["publicity_working_days"], 5);
  EXPECT_EQ(p["report_months"], 1);
  EXPECT_EQ(p["passport_due_days"], 7);
  EXPECT_EQ(p["severity"]["travel.publicity_period"], "warning");
  EXPECT_EQ(p["severity"]["travel.post_trip_report"], "warning");
  EXPECT_EQ(p["severity"]["travel.max_days"], "blocking");
  EXPECT_EQ(p["direct_report"],
            (Json{{"min_trips_12m", 3}, {"max_rejected_12m", 0}, {"max_overdue_reports", 0}}));
  EXPECT_EQ(p.size(), 9u);
}

// The (field, rule) pairs of the errors for the defaults with `change` merged over them.
std::vector<std::pair<std::string, std::string>> ErrorsFor(const Json& change) {
  Json policy = DefaultPolicy();
  policy.merge_patch(change);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : ValidatePolicy(policy)) {
    EXPECT_FALSE(e.message.zh.empty());
    EXPECT_EQ(e.message.en.find('{'), std::string::npos) << e.message.en;
    out.emplace_back(e.field, e.rule);
  }
  return out;
}

using Errors = std::vector<std::pair<std::string, std::string>>;

TEST(TravelPolicyTest, AcceptsAChangedLimit) {
  EXPECT_TRUE(ErrorsFor({{"max_members", 7}}).empty());
  EXPECT_TRUE(ErrorsFor({{"max_days", {{"4", 12}}}}).empty());
  EXPECT_TRUE(ErrorsFor({{"extra_day_regions", Json::array()}}).empty());
  EXPECT_TRUE(ErrorsFor({{"severity", {{"travel.max_days", "warning"}}}}).empty());
}

TEST(TravelPolicyTest, RejectsWrongTypes) {
  EXPECT_EQ(ErrorsFor({{"max_members", "7"}}), (Errors{{"max_members", "type"}}));
  EXPECT_EQ(ErrorsFor({{"max_countries", 2.5}}), (Errors{{"max_countries", "type"}}));
  EXPECT_EQ(ErrorsFor({{"report_months", true}}), (Errors{{"report_months", "type"}}));
  EXPECT_EQ(ErrorsFor({{"max_days", 5}}), (Errors{{"max_days", "type"}}));
  EXPECT_EQ(ErrorsFor({{"max_days", {{"2", "8"}}}}), (Errors{{"max_days.2", "type"}}));
  EXPECT_EQ(ErrorsFor({{"extra_day_regions", "africa"}}), (Errors{{"extra_day_regions", "type"}}));
  EXPECT_EQ(ErrorsFor({{"severity", "warning"}}), (Errors{{"severity", "type"}}));
  EXPECT_EQ(ErrorsFor({{"direct_report", 3}}), (Errors{{"direct_report", "type"}}));
  EXPECT_EQ(ErrorsFor({{"direct_report", {{"min_trips_12m", "3"}}}}),
            (Errors{{"direct_report.min_trips_12m", "type"}}));
}

TEST(TravelPolicyTest, RejectsValuesOutOfRange) {
  EXPECT_EQ(ErrorsFor({{"max_members", 0}}), (Errors{{"max_members", "range"}}));
  EXPECT_EQ(ErrorsFor({{"max_members", 51}}), (Errors{{"max_members", "range"}}));
  EXPECT_EQ(ErrorsFor({{"max_countries", -1}}), (Errors{{"max_countries", "range"}}));
  EXPECT_EQ(ErrorsFor({{"publicity_working_days", 61}}),
            (Errors{{"publicity_working_days", "range"}}));
  EXPECT_EQ(ErrorsFor({{"report_months", 0}}), (Errors{{"report_months", "range"}}));
  EXPECT_EQ(ErrorsFor({{"passport_due_days", -7}}), (Errors{{"passport_due_days", "range"}}));
  EXPECT_EQ(ErrorsFor({{"max_days", {{"1", 0}}}}), (Errors{{"max_days.1", "range"}}));
  EXPECT_EQ(ErrorsFor({{"direct_report", {{"max_overdue_reports", -1}}}}),
            (Errors{{"direct_report.max_overdue_reports", "range"}}));
  EXPECT_EQ(ErrorsFor({{"max_members", 18446744073709551615ULL}}),
            (Errors{{"max_members", "range"}}));

  Json policy = DefaultPolicy();
  policy["max_members"] = 0;
  const std::vector<FieldError> errors = ValidatePolicy(policy);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message.en, "Must be between 1 and 50.");
}

TEST(TravelPolicyTest, RejectsABadDaysTable) {
  EXPECT_EQ(ErrorsFor({{"max_days", {{"x", 5}}}}), (Errors{{"max_days.x", "range"}}));
  EXPECT_EQ(ErrorsFor({{"max_days", {{"0", 5}}}}), (Errors{{"max_days.0", "range"}}));
  EXPECT_EQ(ErrorsFor({{"max_days", {{"01", 5}}}}), (Errors{{"max_days.01", "range"}}));
  // A gap: 1, 3 and 5 but no 2 or 4 (merge patch null removes a member).
  EXPECT_EQ(ErrorsFor({{"max_days", {{"2", nullptr}, {"5", 12}}}}),
            (Errors{{"max_days.2", "required"}, {"max_days.4", "required"}}));
}

TEST(TravelPolicyTest, RejectsUnknownValues) {
  EXPECT_EQ(ErrorsFor({{"extra_day_regions", Json::array({"africa", "asia"})}}),
            (Errors{{"extra_day_regions[1]", "enum"}}));
  EXPECT_EQ(ErrorsFor({{"severity", {{"travel.max_days", "fatal"}}}}),
            (Errors{{"severity.travel.max_days", "enum"}}));
  EXPECT_EQ(ErrorsFor({{"severity", {{"travel.max_dayz", "warning"}}}}),
            (Errors{{"severity.travel.max_dayz", "unknown_field"}}));
  EXPECT_EQ(ErrorsFor({{"direct_report", {{"min_trips", 3}}}}),
            (Errors{{"direct_report.min_trips", "unknown_field"}}));

  Json policy = DefaultPolicy();
  policy["severity"]["travel.dates"] = "fatal";
  EXPECT_EQ(ValidatePolicy(policy).at(0).message.en, "Must be one of: blocking, warning.");
}

TEST(TravelPolicyTest, RejectsARemovedMember) {
  EXPECT_EQ(ErrorsFor({{"max_members", nullptr}}), (Errors{{"max_members", "required"}}));
  EXPECT_EQ(ErrorsFor({{"direct_report", {{"min_trips_12m", nullptr}}}}),
            (Errors{{"direct_report.min_trips_12m", "required"}}));
}

}  // namespace
}  // namespace waishi::travel
