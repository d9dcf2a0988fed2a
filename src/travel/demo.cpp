// The demo: the office, two districts, six Ningbo enterprises, a user for every role and
// 30+ outbound-travel cases in every state, to the sister cities the seed article names.
// Cases go through the real engine (rules, history, audit); the ones that are history
// already are then moved back in time.
#include <cstdio>
#include <cstdlib>

#include "core/audit/audit.h"
#include "core/auth/accounts.h"
#include "core/auth/auth.h"
#include "core/auth/password.h"
#include "core/calendar/holidays.h"
#include "core/calendar/working_days.h"
#include "core/cases/engine.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/i18n/text.h"
#include "core/log.h"
#include "core/validate/identifiers.h"
#include "core/validate/passport_name.h"
#include "travel/travel.h"

namespace waishi::travel {
namespace {

using calendar::Date;

struct Destination {
  const char* country;
  const char* city;
};
// Ningbo's partner cities named in the seed article, and the Central and Eastern European
// cities of the China–CEEC expo.
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

// Moves a finished case into the past: its trip dates, timestamps, history and custody.
void Backdate(soci::session& s, long long id, int days) {
  auto shift_date = [days](const std::string& d) {
    auto parsed = Date::Parse(d.substr(0, 10));
    return parsed ? parsed->AddDays(-days).ToString() + d.substr(10) : d;
  };
  std::string data_text;
  s << "SELECT data FROM cases WHERE id = :id", soci::use(id), soci::into(data_text);
  Json data = Json::parse(data_text);
  for (const char* k : {"departure_date", "return_date", "publicity_start"})
    data[k] = shift_date(data[k]);
  for (auto& leg : data["itinerary"]) {
    leg["from"] = shift_date(leg["from"]);
    leg["to"] = shift_date(leg["to"]);
  }
  const std::string text = data.dump();
  soci::row r;
  soci::statement st =
      (s.prepare << "SELECT created_at, updated_at, submitted_at, decided_at, due_date, "
                    "report_due_date, reported_at FROM cases WHERE id = :id",
       soci::use(id), soci::into(r));
  st.execute(true);
  std::string cols[7];
  soci::indicator inds[7];
  for (int i = 0; i < 7; ++i) {
    auto v = db::OptText(r, i);
    cols[i] = v ? shift_date(*v) : "";
    inds[i] = v ? soci::i_ok : soci::i_null;
  }
  s << "UPDATE cases SET data = :d, created_at = :c, updated_at = :u, submitted_at = :s, "
       "decided_at = :de, "
       "due_date = :du, report_due_date = :r, reported_at = :re WHERE id = :id",
      soci::use(text), soci::use(cols[0], inds[0]), soci::use(cols[1], inds[1]),
      soci::use(cols[2], inds[2]), soci::use(cols[3], inds[3]), soci::use(cols[4], inds[4]),
      soci::use(cols[5], inds[5]), soci::use(cols[6], inds[6]), soci::use(id);
  std::vector<std::pair<long long, std::string>> events;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT id, at FROM case_events WHERE case_id = :id", soci::use(id));
  for (const auto& e : rows) events.emplace_back(db::Int(e, 0), shift_date(db::Text(e, 1)));
  for (auto& [eid, at] : events)
    s << "UPDATE case_events SET at = :a WHERE id = :id", soci::use(at), soci::use(eid);
  std::vector<std::tuple<long long, std::string, std::string>> custody;
  soci::rowset<soci::row> cr =
      (s.prepare << "SELECT id, issued_at, due_date FROM passport_custody WHERE case_id = :id",
       soci::use(id));
  for (const auto& c : cr)
    custody.emplace_back(db::Int(c, 0), shift_date(db::Text(c, 1)), shift_date(db::Text(c, 2)));
  for (auto& [cid, issued, due] : custody) {
    s << "UPDATE passport_custody SET issued_at = :i, due_date = :d WHERE id = :id",
        soci::use(issued), soci::use(due), soci::use(cid);
  }
}

}  // namespace

int LoadDemo(App& app) {
  db::Database& db = app.db;
  long long non_demo = 0, demo = 0;
  db.Read([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM users WHERE demo = 0", soci::into(non_demo);
    s << "SELECT COUNT(*) FROM users WHERE demo = 1", soci::into(demo);
  });
  if (non_demo > 0) {
    std::fprintf(stderr, "waishi demo: %s\n", i18n::T("travel.demo.refused").en.c_str());
    return 1;
  }
  if (demo > 0) {
    std::puts(
        "The demo data is already loaded (the password is the one printed the first time, or "
        "WAISHI_DEMO_PASSWORD).");
    return 0;
  }
  const char* env = std::getenv("WAISHI_DEMO_PASSWORD");
  const std::string password = env && *env ? env : auth::RandomToken(9);

  struct Ids {
    long long office, haishu, yinzhou, citizens;
    std::vector<long long> ents;
    std::map<std::string, long long> users;
  } ids;
  const char* kEnterprises[][3] = {
      {"宁波智能装备有限公司", "Ningbo Smart Equipment Co., Ltd.", "91330203MA2AH1X00J"},
      {"宁波港湾家居股份有限公司", "Ningbo Harbour Home Furnishing Co., Ltd.",
       "91330212MA2CJ8T406"},
      {"宁波东方纺织进出口有限公司", "Ningbo Oriental Textiles Import & Export Co., Ltd.",
       "913302127172615302"},
      {"宁波甬江电器集团有限公司", "Ningbo Yongjiang Electric Appliance Group Co., Ltd.",
       "91330203144071235H"},
      {"宁波中东欧贸易有限公司", "Ningbo CEE Trading Co., Ltd.", "91330203MA2GQ5E707"},
      {"宁波生态园建设投资有限公司", "Ningbo Eco-Park Construction & Investment Co., Ltd.",
       "91330212MA2H3K9N0G"}};
  db.Write([&](soci::session& s) {
    calendar::SeedChineseHolidays(s);
    using accounts::NewOrganization;
    ids.office = accounts::CreateOrganization(
        s, NewOrganization{"office", "宁波市人民政府外事办公室",
                           "Foreign Affairs Office of the Ningbo Municipal People's Government"});
    ids.haishu = accounts::CreateOrganization(
        s, NewOrganization{"district", "海曙区商务局", "Haishu District Bureau of Commerce"});
    ids.yinzhou = accounts::CreateOrganization(
        s, NewOrganization{"district", "鄞州区商务局", "Yinzhou District Bureau of Commerce"});
    ids.citizens = accounts::CreateOrganization(
        s, NewOrganization{"citizens", "个人用户", "Individual users"});
    // 0 normal (Haishu), 1 green (Yinzhou), 2 other (Yinzhou), 3 green (Haishu), 4 and 5 normal
    const long long parents[] = {ids.haishu, ids.yinzhou, ids.yinzhou,
                                 ids.haishu, ids.haishu,  ids.yinzhou};
    const bool green[] = {false, true, false, true, false, false};
    for (int i = 0; i < 6; ++i) {
      ids.ents.push_back(accounts::CreateOrganization(
          s, NewOrganization{"enterprise", kEnterprises[i][0], kEnterprises[i][1],
                             kEnterprises[i][2], parents[i], green[i]}));
    }
  });
  struct DemoUser {
    const char* username;
    const char* display;
    long long org;
    std::vector<std::string> roles;
  };
  const std::vector<DemoUser> users = {
      {"admin", "系统管理员 Admin", ids.office, {"admin"}},
      {"officer", "陈经办 Chen (officer)", ids.office, {"officer"}},
      {"officer2", "林经办 Lin (officer)", ids.office, {"officer"}},
      {"approver", "王处长 Wang (approver)", ids.office, {"approver"}},
      {"auditor", "周审计 Zhou (auditor)", ids.office, {"auditor"}},
      {"reviewer", "海曙区审核员 Haishu reviewer", ids.haishu, {"reviewer"}},
      {"reviewer.yinzhou", "鄞州区审核员 Yinzhou reviewer", ids.yinzhou, {"reviewer"}},
      {"citizen", "市民 李华", ids.citizens, {"citizen"}},
      {"ent.normal", "张昊", ids.ents[0], {"enterprise_user"}},
      {"ent.normal.admin", "刘波", ids.ents[0], {"enterprise_admin"}},
      {"ent.green", "徐文杰", ids.ents[1], {"enterprise_user", "enterprise_admin"}},
      {"ent.other", "王丽娟", ids.ents[2], {"enterprise_user"}},
      {"ent.yongjiang", "陈志强", ids.ents[3], {"enterprise_user"}},
      {"ent.cee", "李敏", ids.ents[4], {"enterprise_user"}},
      {"ent.ecopark", "孙建国", ids.ents[5], {"enterprise_user"}},
  };
  for (const auto& u : users) {
    const long long org = u.org;
    db.Write([&](soci::session& s) {
      ids.users[u.username] =
          accounts::CreateUser(s, accounts::NewUser{u.username, password, u.display,
                                                    std::string(u.username) + "@demo.waishi.local",
                                                    org, u.roles, "zh-CN", true});
    });
  }
  auto principal = [&](const std::string& username) {
    return *db.Read(
        [&](soci::session& s) { return auth::LoadPrincipal(s, ids.users.at(username)); });
  };
  const std::map<int, std::string> applicant = {{0, "ent.normal"}, {1, "ent.green"},
                                                {2, "ent.other"},  {3, "ent.yongjiang"},
                                                {4, "ent.cee"},    {5, "ent.ecopark"}};
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
       45},
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

  calendar::WorkingCalendar cal =
      db.Read([](soci::session& s) { return calendar::LoadCalendar(s); });
  cases::Engine engine(db);
  const Date today = Date::TodayInChina();
  int index = 0;
  std::vector<long long> case_ids;
  for (const auto& t : trips) {
    const std::string& username = applicant.at(t.org);
    auto applicant_p = principal(username);
    const Date departure = today.AddDays(t.backdate_days > 0 ? 30 + index : 40 + 3 * index);
    Json created = engine.Create(applicant_p, "outbound_travel",
                                 Trip(t, kEnterprises[t.org][0], departure, cal));
    const long long id = created["id"];
    case_ids.push_back(id);
    for (const char* action : t.actions) {
      std::string by = actor.at(action);
      if (by.empty()) by = username;
      if (std::string(action) == "forward")
        by = t.org == 0 || t.org == 3 || t.org == 4 ? "reviewer" : "reviewer.yinzhou";
      cases::TransitionRequest req{action, "", Json::object(), nullptr};
      if (std::string(action) == "report") {
        req.data = {{"report",
                     "出访任务已完成:与对方签署合作备忘录,达成意向项目两项,详见附件。 The mission "
                     "is done: an MoU was "
                     "signed and two projects agreed; details attached."}};
      }
      engine.Transition(principal(by), id, req);
    }
    if (t.backdate_days > 0)
      db.Write([&](soci::session& s) { Backdate(s, id, t.backdate_days + 30 + index); });
    ++index;
  }
  for (const auto& e : extras) {
    engine.Transition(principal(e.by), case_ids.at(e.trip),
                      cases::TransitionRequest{e.action, e.comment, Json::object(), nullptr});
  }
  engine.Comment(principal("officer"), case_ids.at(8),
                 "已核对人员名单,待领导审批。 Members checked; awaiting the director.");
  engine.Assign(principal("officer"), case_ids.at(9), ids.users.at("officer"));
  engine.Assign(principal("officer"), case_ids.at(11), ids.users.at("officer2"));
  db.Write([&](soci::session& s) {
    // SOCI binds by reference until the statement runs: every value must outlive it.
    const std::string now = clock::NowIso();
    const long long officer = ids.users.at("officer");
    const std::pair<long long, std::string> grants[] = {
        {ids.ents[1],
         "重点出口企业,经营状况良好,出访频繁,无违规记录。 Key exporter in good standing, frequent "
         "trips, clean record."},
        {ids.ents[3], "重点出口企业。 Key exporter."}};
    for (const auto& [org, reason] : grants) {
      s << "INSERT INTO direct_report_history (org_id, granted, reason, by_user, at) VALUES (:o, "
           "1, :r, :u, :a)",
          soci::use(org), soci::use(reason), soci::use(officer), soci::use(now);
    }
  });
  db.Flush();

  std::printf("Demo data loaded: %zu outbound-travel cases.\n\nDemo accounts (password: %s)\n",
              case_ids.size(), password.c_str());
  for (const auto& u : users) std::printf("  %-18s %s\n", u.username, u.display);
  return 0;
}

}  // namespace waishi::travel
