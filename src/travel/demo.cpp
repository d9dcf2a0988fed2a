// The travel module's demo, on top of the core's (core/demo.cpp): the office's staff on the
// travel desk, two enterprises on the green channel, and 32 outbound-travel cases in every
// state, to the sister cities the seed article names. Each case's history runs through the
// real engine at the times it happened (clock::ClockShift): a completed trip lies in the
// past with its report after it, a pending one ahead, deadlines follow from the dates.
#include <chrono>
#include <cstdio>

#include "core/audit/audit.h"
#include "core/calendar/holidays.h"
#include "core/calendar/working_days.h"
#include "core/cases/engine.h"
#include "core/clock.h"
#include "core/i18n/text.h"
#include "core/validate/identifiers.h"
#include "core/validate/passport_name.h"
#include "travel/parts.h"

namespace waishi::travel {
namespace {

using calendar::Date;

struct Destination {
  const char* country;
  const char* city;
};
// Ningbo's partner cities named in the seed article, and the Central and Eastern European
// cities of the China–CEEC expo.
constexpr const char* kOrgName = "SELECT name_zh FROM organizations WHERE id = :id";

constexpr Destination kAachen{"DE", "Aachen"}, kRouen{"FR", "Rouen"},
    kNottingham{"GB", "Nottingham"}, kFlorence{"IT", "Florence"},
    kMandelaBay{"ZA", "Nelson Mandela Bay"}, kBucharest{"RO", "Bucharest"},
    kBudapest{"HU", "Budapest"}, kWarsaw{"PL", "Warsaw"}, kPrague{"CZ", "Prague"},
    kOsaka{"JP", "Osaka"}, kSaoPaulo{"BR", "São Paulo"}, kDubaiTransit{"AE", "Dubai"};

struct Person {
  const char* name;
  const char* birth;  // YYYYMMDD
  const char* position;
};
// Members: names of the seed's reporters and photographers among them (张昊, 刘波, 徐文杰).
constexpr Person kPeople[] = {
    {"张昊", "19800312", "总经理"},       {"刘波", "19790721", "副总经理"},
    {"徐文杰", "19880105", "外贸部经理"}, {"王丽娟", "19850918", "翻译"},
    {"陈志强", "19761130", "董事长"},     {"李敏", "19900422", "工程师"},
    {"吕明", "19830614", "技术总监"},     {"欧阳思远", "19870227", "市场总监"},
    {"周晓燕", "19920809", "翻译"},       {"孙建国", "19710503", "总工程师"},
    {"赵磊", "19891016", "销售经理"},     {"何静", "19940131", "项目经理"}};

std::string ResidentId(const Person& p, int seq) {
  // 330203: 海曙区 administrative division code; a sequence number; the GB 11643 check character.
  char first17[18];
  std::snprintf(first17, sizeof first17, "330203%s%03d", p.birth, seq % 1000);
  return std::string(first17) + validate::ResidentIdCheckChar(first17);
}

Json Member(int index, const std::string& unit, const char* role) {
  const Person& p = kPeople[index % std::size(kPeople)];
  return Json{{"name", p.name},
              {"passport_name", validate::PassportName(p.name)},
              {"id_number", ResidentId(p, 100 + index)},
              {"unit", unit},
              {"position", p.position},
              {"role", role}};
}

struct TripSpec {
  const char* purpose;
  std::vector<Destination> legs;
  int days;                          // including the days of leaving and re-entering China
  int members;                       // 1..6
  int org;                           // index into the enterprises
  std::vector<const char*> actions;  // run after creation
  int backdate_days = 0;             // > 0: move the whole case this many days into the past
};

Json Trip(const TripSpec& t, const std::string& unit, const Date& departure,
          const calendar::WorkingCalendar& cal) {
  Json legs = Json::array();
  const int per_leg = std::max(1, t.days / static_cast<int>(t.legs.size()));
  Date day = departure;
  for (std::size_t i = 0; i < t.legs.size(); ++i) {
    const bool transit = std::string(t.legs[i].city) == "Dubai";
    Date to = i + 1 == t.legs.size() ? departure.AddDays(t.days - 1)
                                     : day.AddDays(transit ? 0 : per_leg - 1);
    legs.push_back({{"country", t.legs[i].country},
                    {"city", t.legs[i].city},
                    {"from", day.ToString()},
                    {"to", to.ToString()},
                    {"transit_airside", transit}});
    day = transit ? to : to.AddDays(1);
    if (day > departure.AddDays(t.days - 1)) day = departure.AddDays(t.days - 1);
  }
  Json members = Json::array();
  for (int i = 0; i < t.members; ++i) {
    members.push_back(
        Member(t.org * 3 + i, unit,
               i == 0 ? "leader" : (i == t.members - 1 && i > 1 ? "interpreter" : "member")));
  }
  // Publicity started 10 working days before departure (the rule asks for 5).
  Date publicity = departure;
  for (int n = 0; n < 10;) {
    publicity = publicity.AddDays(-1);
    if (cal.IsWorkingDay(publicity)) ++n;
  }
  return Json{
      {"purpose", t.purpose},
      {"departure_date", departure.ToString()},
      {"return_date", departure.AddDays(t.days - 1).ToString()},
      {"itinerary", legs},
      {"members", members},
      {"inviter",
       {{"name", std::string(t.legs.front().city) + " Chamber of Commerce and Industry"},
        {"country", t.legs.front().country},
        {"kind", "foreign_counterpart"}}},
      {"funding", {{"source", "企业自筹 / company funds"}, {"budget_cny", 30000 * t.members}}},
      {"publicity_start", publicity.ToString()}};
}

// When each step of a trip's history happened.
struct Schedule {
  Date created;
  std::vector<Date> steps;  // one per action
};

Schedule Plan(const TripSpec& t, Date departure, Date today, int index) {
  const Date back = departure.AddDays(t.days - 1);
  Schedule plan;
  if (t.backdate_days > 0) {
    // A past trip: applied for 40 days before leaving, each review a couple of days apart;
    // the report written after the return (one enterprise late, to show it).
    plan.created = departure.AddDays(-40);
    int before = 0;
    for (const char* a : t.actions) {
      const std::string action = a;
      if (action == "start_report")
        plan.steps.push_back(back.AddDays(1));
      else if (action == "report")
        plan.steps.push_back(back.AddDays(t.backdate_days == 200 ? 40 : 12));
      else
        plan.steps.push_back(plan.created.AddDays(1 + 2 * before++));
    }
    return plan;
  }
  // A trip ahead: applied for in the last weeks (a few so long ago that the office's
  // deadline has passed), the steps since.
  plan.created = today.AddDays(-12 - (index % 5) * 5);
  for (std::size_t k = 0; k < t.actions.size(); ++k)
    plan.steps.push_back(plan.created.AddDays(1 + 2 * static_cast<int>(k)));
  return plan;
}

}  // namespace

void LoadDemo(App& app, DemoContext& ctx) {
  db::Database& db = app.db;
  auto principal = ctx.principal;
  // The office's staff work on the travel desk.
  db.Write([&](db::Session& s) {
    for (const char* username : {"officer", "officer2", "approver"}) {
      const long long user = ctx.users.at(username);
      s.Exec("INSERT INTO user_desks (user_id, desk) VALUES (:u, 'travel')", {{"u", user}});
    }
  });
  const Date today = Date::TodayInChina();
  // Two key exporters on the green channel, granted half a year ago.
  {
    clock::ClockShift then(DemoMoment(today.AddDays(-180)));
    db.Write([&](db::Session& s) {
      const std::string now = clock::NowIso();
      const long long officer = ctx.users.at("officer");
      const std::pair<long long, std::string> grants[] = {
          {ctx.orgs.at("ent.1"),
           "重点出口企业,经营状况良好,出访频繁,无违规记录。 Key exporter in good standing, "
           "frequent trips, clean record."},
          {ctx.orgs.at("ent.3"), "重点出口企业。 Key exporter."}};
      for (const auto& [org, reason] : grants) {
        s.Exec("INSERT INTO travel_green_channel (org_id, granted_at) VALUES (:o, :a)",
               {{"o", org}, {"a", now}});
        s.Exec(
            "INSERT INTO travel_green_channel_history (org_id, granted, reason, by_user, at) "
            "VALUES (:o, 1, :r, :u, :a)",
            {{"o", org}, {"r", reason}, {"u", officer}, {"a", now}});
      }
    });
  }
  const std::vector<std::string> applicant = {"ent.normal",    "ent.green", "ent.other",
                                              "ent.yongjiang", "ent.cee",   "ent.ecopark"};
  const std::map<std::string, std::string> actor = {
      {"submit", ""},          {"withdraw", ""},        {"report", ""},
      {"start_report", ""},    {"forward", "reviewer"}, {"recommend", "officer"},
      {"approve", "approver"}, {"close", "officer"}};
  // Every state, the seed's destinations; histories run through the real engine.
  const std::vector<TripSpec> trips = {
      {"赴德国亚琛参加智慧装备专题推介会", {kAachen}, 5, 3, 0, {}},
      {"赴法国鲁昂洽谈智能家居合作项目", {kRouen}, 4, 2, 0, {"submit"}},
      {"赴英国诺丁汉参加经贸合作交流会", {kNottingham}, 5, 3, 4, {"submit"}},
      {"赴意大利佛罗伦萨推介中意(宁波)生态园", {kFlorence}, 5, 4, 5, {"submit"}},
      {"赴罗马尼亚布加勒斯特出席投资论坛", {kBucharest}, 5, 3, 0, {"submit", "forward"}},
      {"赴南非曼德拉湾市考察港口物流合作", {kMandelaBay}, 6, 2, 1, {"submit"}},
      {"赴匈牙利、波兰参加中东欧国家投资贸易对接会",
       {kBudapest, kWarsaw},
       8,
       4,
       4,
       {"submit", "forward"}},
      {"赴捷克布拉格参加国际家电展", {kPrague}, 5, 3, 3, {"submit"}},
      {"赴德国亚琛、法国鲁昂开展友城人才培训交流",
       {kAachen, kRouen},
       8,
       5,
       1,
       {"submit", "recommend"}},
      {"赴日本大阪参加国际家居博览会", {kOsaka}, 4, 2, 1, {"submit", "recommend"}},
      {"赴英国诺丁汉大学洽谈人才培养合作",
       {kNottingham},
       5,
       2,
       0,
       {"submit", "forward", "recommend"}},
      {"赴巴西圣保罗参加拉美电器展(经迪拜中转)",
       {kDubaiTransit, kSaoPaulo},
       6,
       3,
       3,
       {"submit", "recommend"}},
      {"赴意大利佛罗伦萨洽谈纺织品设计合作", {kFlorence}, 5, 2, 2, {"submit"}},
      {"赴德国亚琛参加工业 4.0 研讨会", {kAachen}, 5, 3, 1, {"submit", "recommend", "approve"}},
      {"赴罗马尼亚、匈牙利考察投资环境",
       {kBucharest, kBudapest},
       7,
       4,
       3,
       {"submit", "recommend", "approve"}},
      {"赴波兰华沙参加中东欧博览会推介",
       {kWarsaw},
       5,
       3,
       4,
       {"submit", "forward", "recommend", "approve"}},
      {"赴法国鲁昂签署家居合作协议",
       {kRouen},
       4,
       2,
       1,
       {"submit", "recommend", "approve", "start_report"},
       25},
      {"赴英国诺丁汉参加智慧城市论坛",
       {kNottingham},
       5,
       3,
       3,
       {"submit", "recommend", "approve", "start_report"},
       80},
      {"赴德国亚琛参加汉诺威工博会前期对接",
       {kAachen},
       5,
       2,
       0,
       {"submit", "forward", "recommend", "approve", "start_report"},
       60},
      {"赴意大利佛罗伦萨参加生态园招商推介",
       {kFlorence},
       5,
       4,
       5,
       {"submit", "forward", "recommend", "approve", "start_report", "report"},
       120},
      {"赴南非曼德拉湾市出席友城合作周",
       {kMandelaBay},
       6,
       3,
       1,
       {"submit", "recommend", "approve", "start_report", "report"},
       150},
      {"赴捷克布拉格洽谈电器出口",
       {kPrague},
       5,
       2,
       3,
       {"submit", "recommend", "approve", "start_report", "report"},
       200},
      {"赴日本大阪考察家居市场",
       {kOsaka},
       4,
       2,
       1,
       {"submit", "recommend", "approve", "start_report", "report"},
       240},
      {"赴波兰华沙参加食品博览会",
       {kWarsaw},
       5,
       3,
       4,
       {"submit", "forward", "recommend", "approve", "start_report", "report"},
       280},
      {"赴罗马尼亚布加勒斯特考察农业合作", {kBucharest}, 5, 2, 2, {"submit", "withdraw"}},
      {"赴法国鲁昂参加纺织展", {kRouen}, 5, 2, 0, {"withdraw"}},
      {"赴英国诺丁汉商务考察", {kNottingham}, 5, 2, 3, {"submit", "recommend", "approve"}, 20},
      {"赴德国亚琛参加机械展", {kAachen}, 5, 3, 1, {"submit", "recommend", "approve"}, 30},
      {"赴匈牙利布达佩斯参加投资推介", {kBudapest}, 5, 2, 4, {"submit", "forward", "recommend"}},
      {"赴意大利佛罗伦萨参加皮具展", {kFlorence}, 5, 2, 5, {"submit", "forward"}},
      {"赴巴西圣保罗参加家电展", {kSaoPaulo}, 6, 2, 3, {"submit"}},
      {"赴法国鲁昂进行友城教育交流", {kRouen}, 5, 2, 1, {"submit", "recommend", "approve"}},
  };
  // Returned, rejected and the green channel's shorter path, with comments.
  struct Extra {
    int trip;
    const char* action;
    const char* by;
    const char* comment;
  };
  const std::vector<Extra> extras = {
      {12, "return", "reviewer.yinzhou",
       "请补充邀请函原件扫描件及日程安排。 Please attach the invitation letter and the programme."},
      {30, "return", "officer", "预算明细不清,请补充。 Please detail the budget."},
      {2, "reject", "reviewer",
       "出访任务与企业经营范围不符。 The purpose does not match the company's business."},
      {28, "reject", "approver",
       "同一团组年度出访次数已满。 The delegation's annual quota is used up."},
  };

  const calendar::WorkingCalendar cal =
      db.Read([](db::Session& s) { return calendar::LoadCalendar(s); });
  cases::Engine engine(app);
  // The members' unit: their enterprise's name, as the core's demo created it ("ent.0" …).
  const std::vector<std::string> units = db.Read([&](db::Session& s) {
    std::vector<std::string> names;
    for (int i = 0; i < 6; ++i) {
      const long long org = ctx.orgs.at("ent." + std::to_string(i));
      names.push_back(s.Text(kOrgName, {{"id", org}}).value_or(""));
    }
    return names;
  });
  std::vector<long long> case_ids;
  std::vector<Date> last_step;
  int index = 0;
  for (const auto& t : trips) {
    const std::string& username = applicant.at(t.org);
    const Date departure =
        t.backdate_days > 0 ? today.AddDays(-t.backdate_days) : today.AddDays(40 + 3 * index);
    const Schedule plan = Plan(t, departure, today, index);
    long long id = 0;
    {
      clock::ClockShift then(DemoMoment(plan.created));
      id = engine.Create(principal(username), std::string(kType),
                         Trip(t, units.at(t.org), departure, cal))["id"];
    }
    case_ids.push_back(id);
    for (std::size_t k = 0; k < t.actions.size(); ++k) {
      const std::string action = t.actions[k];
      std::string by = actor.at(action);
      if (by.empty()) by = username;
      if (action == "forward")
        by = t.org == 0 || t.org == 3 || t.org == 4 ? "reviewer" : "reviewer.yinzhou";
      cases::TransitionRequest req{action, "", Json::object(), nullptr};
      if (action == "report") {
        req.data = {{"report",
                     "出访任务已完成:与对方签署合作备忘录,达成意向项目两项,详见附件。 The mission "
                     "is done: an MoU was signed and two projects agreed; details attached."}};
      }
      clock::ClockShift then(DemoMoment(plan.steps[k], static_cast<int>(k)));
      engine.Transition(principal(by), id, req);
    }
    last_step.push_back(plan.steps.empty() ? plan.created : plan.steps.back());
    ++index;
  }
  for (const auto& e : extras) {
    const std::size_t i = static_cast<std::size_t>(e.trip);
    clock::ClockShift then(DemoMoment(std::min(last_step.at(i).AddDays(1), today), 30));
    engine.Transition(principal(e.by), case_ids.at(i),
                      cases::TransitionRequest{e.action, e.comment, Json::object(), nullptr});
  }
  engine.Comment(principal("officer"), case_ids.at(8),
                 "已核对人员名单,待领导审批。 Members checked; awaiting the director.");
  engine.Assign(principal("officer"), case_ids.at(9), ctx.users.at("officer"));
  engine.Assign(principal("officer"), case_ids.at(11), ctx.users.at("officer2"));
  db.Flush();
  std::printf("Outbound travel: %zu cases.\n", case_ids.size());
}

}  // namespace waishi::travel
