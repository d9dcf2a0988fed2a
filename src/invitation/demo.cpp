// The invitation module's demo, on top of the core's: the office's staff on the invitation
// desk and letters of the demo enterprises in every state — guests of the China–CEEC Expo,
// engineers from Aachen, buyers from Rouen and Nottingham, the Sino-Italian eco-park's
// partners from Florence. Each history runs through the real engine at the time it happened
// (clock::ClockShift), so issued letters carry their real numbers, signed PDFs and dates.
#include <chrono>
#include <cstdio>

#include "core/calendar/working_days.h"
#include "core/cases/engine.h"
#include "core/clock.h"
#include "core/validate/identifiers.h"
#include "invitation/parts.h"
#include "invitation/rules.h"

namespace waishi::invitation {
namespace {

using calendar::Date;

struct Guest {
  const char* surname;
  const char* given_names;
  char sex;
  const char* birth;        // YYYY-MM-DD
  const char* nationality;  // alpha-2
  const char* passport;
  const char* employer;
  const char* position;
};

// Invented people at real institutions of Ningbo's partner cities.
constexpr Guest kGuests[] = {
    {"SCHMIDT", "THOMAS", 'M', "1975-03-14", "DE", "C4J7R2K91", "RWTH Aachen University",
     "Professor"},
    {"BECKER", "JULIA", 'F', "1986-11-02", "DE", "C8L3M5P27", "RWTH Aachen University",
     "Research engineer"},
    {"DUBOIS", "CLAIRE", 'F', "1981-06-21", "FR", "19FV42881", "Métropole Rouen Normandie",
     "Head of international affairs"},
    {"MARTIN", "LUC", 'M', "1978-09-09", "FR", "20KC77310", "Maison Lefèvre Mobilier",
     "Purchasing director"},
    {"KOVACS", "PETER", 'M', "1972-01-30", "HU", "BN4412706", "Hungarian Chamber of Commerce",
     "Vice president"},
    {"NOVAK", "PETR", 'M', "1983-04-17", "CZ", "45120983", "CzechTrade", "Trade officer"},
    {"KOWALSKA", "ANNA", 'F', "1988-12-05", "PL", "EA7731204", "Polish Investment Agency",
     "Project manager"},
    {"ROSSI", "MARCO", 'M', "1969-07-28", "IT", "YA2093481", "Comune di Firenze",
     "Councillor for economic development"},
    {"BIANCHI", "GIULIA", 'F', "1990-02-11", "IT", "YB5520937", "Comune di Firenze", "Advisor"},
    {"TANAKA", "HIROSHI", 'M', "1970-10-03", "JP", "TR2843617", "Osaka Chamber of Commerce",
     "Director"},
    {"SMITH", "JAMES", 'M', "1984-08-19", "GB", "533180277", "University of Nottingham",
     "Associate professor"},
};

// The passport's MRZ (ICAO Doc 9303 Part 4), with its check digits.
std::string Mrz(const Guest& g, const std::string& expiry) {
  auto fill = [](std::string s, std::size_t n) {
    s.resize(n, '<');
    return s;
  };
  auto yymmdd = [](const std::string& iso) {
    return iso.substr(2, 2) + iso.substr(5, 2) + iso.substr(8, 2);
  };
  const std::string nationality = IcaoCode(g.nationality);
  std::string given = g.given_names;
  for (char& c : given)
    if (c == ' ') c = '<';
  const std::string line1 = fill("P<" + fill(nationality, 3) + g.surname + "<<" + given, 44);
  const std::string number = fill(g.passport, 9);
  const std::string birth = yymmdd(g.birth), exp = yymmdd(expiry);
  const std::string personal = fill("", 14);
  auto digit = [](const std::string& s) { return std::to_string(validate::MrzCheckDigit(s)); };
  std::string line2 = number + digit(number) + fill(nationality, 3) + birth + digit(birth) + g.sex +
                      exp + digit(exp) + personal + "<";
  line2 += digit(line2.substr(0, 10) + line2.substr(13, 7) + line2.substr(21, 22));
  return line1 + "\n" + line2;
}

Json Invitee(const Guest& g, const Date& today, int entries) {
  const std::string expiry = today.AddMonths(40 + static_cast<int>(g.passport[2]) % 20).ToString();
  Json p{{"surname", g.surname},         {"given_names", g.given_names},
         {"sex", std::string(1, g.sex)}, {"birth_date", g.birth},
         {"nationality", g.nationality}, {"passport_number", g.passport},
         {"passport_expiry", expiry},    {"mrz", Mrz(g, expiry)},
         {"employer", g.employer},       {"position", g.position}};
  if (entries >= 0) p["prior_entries_12m"] = entries;
  return p;
}

struct Inviter {
  const char* unit;
  const char* uscc;
  const char* address;
  const char* contact;
  const char* phone;
  const char* signatory;
};

struct LetterSpec {
  const char* applicant;  // username
  Inviter inviter;
  const char* purpose;
  const char* places;
  const char* visa;
  const char* entries;
  const char* costs;
  std::vector<int> guests;  // indexes into kGuests
  int arrive_in_days;       // from today
  int stay_days;
  int created_days_ago;
  std::vector<const char*> actions;  // after creation; "issue" and "revoke" by the office
  const char* comment = "";          // for return / reject / revoke
};

}  // namespace

void LoadDemo(App& app, DemoContext& ctx) {
  db::Database& db = app.db;
  db.Write([&](db::Session& s) {
    for (const char* username : {"officer", "officer2", "approver"}) {
      s.Exec("INSERT INTO user_desks (user_id, desk) VALUES (:u, :d)",
             {{"u", ctx.users.at(username)}, {"d", std::string(kDesk)}});
    }
  });
  const Inviter cee{"宁波中东欧贸易有限公司",
                    "91330203MA2GQ5E707",
                    "宁波市海曙区中山西路 138 号",
                    "李敏",
                    "0574-87654321",
                    "李敏"};
  const Inviter smart{"宁波智能装备有限公司",
                      "91330203MA2AH1X00J",
                      "宁波市海曙区望春工业园区 9 号",
                      "张昊",
                      "0574-87001234",
                      "刘波"};
  const Inviter harbour{"宁波港湾家居股份有限公司",
                        "91330212MA2CJ8T406",
                        "宁波市鄞州区首南街道天童南路 588 号",
                        "徐文杰",
                        "0574-88123456",
                        "徐文杰"};
  const Inviter textiles{"宁波东方纺织进出口有限公司",
                         "913302127172615302",
                         "宁波市鄞州区钱湖北路 25 号",
                         "王丽娟",
                         "0574-88990011",
                         "王丽娟"};
  const Inviter yongjiang{"宁波甬江电器集团有限公司",
                          "91330203144071235H",
                          "宁波市海曙区集士港镇工业区 66 号",
                          "陈志强",
                          "0574-87776655",
                          "陈志强"};
  const Inviter ecopark{"宁波生态园建设投资有限公司",
                        "91330212MA2H3K9N0G",
                        "宁波市鄞州区中意宁波生态园管委会大楼",
                        "孙建国",
                        "0574-88665544",
                        "孙建国"};
  const std::vector<LetterSpec> letters = {
      {"ent.normal",
       smart,
       "参加工业 4.0 研讨会",
       "宁波",
       "F",
       "single",
       "inviter",
       {0},
       20,
       3,
       25,
       {"submit", "issue", "revoke"},
       "研讨会已延期,邀请单位申请撤销。 The seminar was postponed; the inviter asked to revoke "
       "the letter."},
      {"ent.cee",
       cee,
       "出席中国—中东欧国家博览会暨国际消费品博览会并洽谈合作",
       "宁波、杭州",
       "M",
       "single",
       "inviter",
       {4, 5, 6},
       24,
       6,
       20,
       {"submit", "issue"}},
      {"ent.normal",
       smart,
       "调试智能装备生产线并开展技术培训",
       "宁波",
       "F",
       "double",
       "shared",
       {0, 1},
       35,
       14,
       18,
       {"submit", "issue"}},
      {"ent.green",
       harbour,
       "洽谈智能家居采购合同并考察生产基地",
       "宁波、上海",
       "M",
       "multiple",
       "invitee",
       {3},
       16,
       5,
       15,
       {"submit", "issue"}},
      {"ent.ecopark",
       ecopark,
       "推进中意(宁波)生态园合作项目并出席友城交流活动",
       "宁波",
       "F",
       "single",
       "inviter",
       {7, 8},
       45,
       5,
       4,
       {"submit"}},
      {"ent.yongjiang",
       yongjiang,
       "家电产品联合研发技术交流",
       "宁波、苏州",
       "M",
       "single",
       "inviter",
       {9},
       30,
       7,
       3,
       {"submit"}},
      {"ent.other",
       textiles,
       "洽谈纺织品设计合作",
       "宁波、绍兴",
       "M",
       "single",
       "invitee",
       {10},
       28,
       4,
       9,
       {"submit", "return"},
       "请补充被邀请人的在职证明及详细日程。 Please add the invitee's employment letter and a "
       "day-by-day programme."},
      {"ent.green",
       harbour,
       "参加宁波国际家居博览会",
       "宁波",
       "M",
       "multiple",
       "invitee",
       {2},
       40,
       4,
       11,
       {"submit", "reject"},
       "未能提供邀请单位与被邀请人之间业务往来的证明材料,不予出具。 No evidence of business "
       "between the inviter and the invitee was given; refused."},
      {"ent.cee",
       cee,
       "参加中东欧商品常年馆招商洽谈",
       "宁波",
       "M",
       "single",
       "inviter",
       {6},
       50,
       5,
       1,
       {}},
  };
  cases::Engine engine(app);
  const Date today = Date::TodayInChina();
  int count = 0;
  for (const auto& spec : letters) {
    const Date created = today.AddDays(-spec.created_days_ago);
    const Date arrival = today.AddDays(spec.arrive_in_days);
    Json invitees = Json::array();
    for (int g : spec.guests) {
      // A multiple-entry letter needs four entries in the past 12 months: these declare more.
      const int entries = std::string(spec.entries) == "multiple" ? 5 : -1;
      invitees.push_back(Invitee(kGuests[g], today, entries));
    }
    Json data{{"purpose", spec.purpose},
              {"visa_category", spec.visa},
              {"entries", spec.entries},
              {"arrival_date", arrival.ToString()},
              {"departure_date", arrival.AddDays(spec.stay_days - 1).ToString()},
              {"places", spec.places},
              {"relationship", "业务合作伙伴 Business partner"},
              {"costs_borne_by", spec.costs},
              {"invitees", invitees},
              {"inviter",
               {{"unit_name", spec.inviter.unit},
                {"uscc", spec.inviter.uscc},
                {"address", spec.inviter.address},
                {"contact", spec.inviter.contact},
                {"phone", spec.inviter.phone},
                {"signatory", spec.inviter.signatory}}}};
    long long id = 0;
    {
      clock::ClockShift then(DemoMoment(created, 0));
      id = engine.Create(ctx.principal(spec.applicant), std::string(kType), data)["id"];
    }
    int step = 0;
    for (const char* action : spec.actions) {
      const std::string a = action;
      const bool office = a == "issue" || a == "return" || a == "reject" || a == "revoke";
      const std::string by = !office ? spec.applicant : (a == "revoke" ? "approver" : "officer2");
      const std::string comment =
          a == "return" || a == "reject" || a == "revoke" ? spec.comment : "";
      // Each step a working day or two after the last, never after today.
      const Date day = std::min(created.AddDays(1 + 2 * step), today);
      clock::ClockShift then(DemoMoment(day, 10 * step));
      engine.Transition(ctx.principal(by), id,
                        cases::TransitionRequest{a, comment, Json::object(), nullptr});
      ++step;
    }
    ++count;
  }
  db.Flush();
  std::printf("%s\n",
              i18n::T("invitation.demo.loaded", {{"count", std::to_string(count)}}).en.c_str());
}

}  // namespace waishi::invitation
