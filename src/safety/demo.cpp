// The safety module's demo: the office's staff on the consular desk, and people abroad in the
// register around today — a delegation of Ningbo Smart Equipment at the Aachen partner city's
// fair and in Frankfurt, architects training in Rouen (the seed: more than 150 trained in
// Aachen and Rouen), a tour group in Tokyo and Osaka, and travellers in Nottingham, Florence and
// Nelson Mandela Bay (Gqeberha), partner cities the seed names; a second tour group in Spain
// and Portugal. Coordinates are the cities' centres as published.
#include "core/auth/accounts.h"
#include "core/cases/engine.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/geo/places.h"
#include "safety/incidents.h"
#include "safety/parts.h"
#include "safety/register.h"

namespace waishi::safety {
namespace {

struct DemoLeg {
  const char* country;
  const char* city;
  double lat, lon;
  int from, to;  // days from today, inclusive
};

struct DemoPerson {
  const char* source;
  const char* ref;
  const char* name;
  const char* phone;
  const char* group;  // "" for none
  const char* org;    // the demo's organization key, "" for none
  std::vector<DemoLeg> legs;
};

const DemoLeg kAachen{"DE", "Aachen", 50.7753, 6.0839, -2, 2};
const DemoLeg kFrankfurt{"DE", "Frankfurt am Main", 50.1109, 8.6821, 3, 5};
const DemoLeg kRouen{"FR", "Rouen", 49.4432, 1.0999, -20, 40};
const DemoLeg kTokyo{"JP", "Tokyo", 35.6895, 139.6917, -1, 2};
const DemoLeg kOsaka{"JP", "Osaka", 34.6937, 135.5023, 3, 4};
const DemoLeg kBarcelona{"ES", "Barcelona", 41.3874, 2.1686, 0, 3};
const DemoLeg kLisbon{"PT", "Lisbon", 38.7223, -9.1393, 4, 7};
const DemoLeg kGqeberha{"ZA", "Gqeberha", -33.9608, 25.6022, -10, -3};

// The closed incident (illustrative: the storm is made up, the city is Nelson Mandela Bay, the
// seed's partner city): heavy rain and floods over Gqeberha from 8 to 6 days ago, the roll
// call sent the first morning, answered by link or reached by phone, closed 5 days ago.
constexpr int kStormFrom = -8, kStormTo = -6, kClosedOn = -5;

// The youth exchange group there, each with an address the roll call went to, and how they
// answered (minutes after 10:00 on the storm's first day).
struct DemoAnswer {
  const char* ref;
  const char* answer;
  const char* note;
  int minute;
};
const DemoAnswer kAnswers[] = {
    {"demo:nmb:1", "safe", "", 25},
    {"demo:nmb:2", "safe", "酒店停电，人员平安。", 40},
    {"demo:nmb:3", "need_help", "住处进水，护照被泡坏，需要补办旅行证件。", 55},
    {"demo:nmb:4", "safe", "", 130},
};

// The storm over Gqeberha, replayed at the times it happened.
void LoadStorm(App& app, DemoContext& ctx, calendar::Date today) {
  const long long officer = ctx.users.at("officer");
  const calendar::Date first = today.AddDays(kStormFrom);
  long long incident = 0;
  Asked asked;
  {
    clock::ClockShift then(DemoMoment(first, 0));
    app.db.Write([&](db::Session& s) {
      incident = OpenIncident(
          s, "纳尔逊·曼德拉湾强降雨和洪水",
          Incident{kGqeberha.lat, kGqeberha.lon, 50, first, today.AddDays(kStormTo)}, officer);
    });
  }
  {
    clock::ClockShift then(DemoMoment(first, 5));
    app.db.Write(
        [&](db::Session& s) { asked = AskEveryone(s, *LoadIncident(s, incident), officer); });
  }
  app.db.Write([&](db::Session& s) {
    for (const DemoAnswer& a : kAnswers) {
      const long long person = PersonId(s, Person{"trip", a.ref, "", "", "", "", 0}, "");
      for (const auto& [asked_person, token] : asked.links) {
        if (asked_person != person) continue;
        clock::ClockShift then(DemoMoment(first, a.minute));
        RecordAnswer(s, token, Answer{a.answer, a.note, std::nullopt, std::nullopt});
      }
    }
  });
  // 徐卓然's "need help" became a case of the consular desk: handed to the Consulate-General
  // in Cape Town (whose district holds the Eastern Cape), closed once his travel document was
  // reissued.
  {
    cases::Engine engine(app);
    const auth::Principal desk = ctx.principal("officer");
    long long case_id = 0;
    {
      clock::ClockShift then(DemoMoment(first, 95));
      case_id = app.db.Write([&](db::Session& s) {
        const long long xu = PersonId(s, Person{"trip", "demo:nmb:3", "", "", "", "", 0}, "");
        return OpenCase(s, engine, desk, incident, xu);
      });
    }
    const struct {
      const char* action;
      calendar::Date day;
      int minute;
      const char* comment;
      Json writes;
    } steps[] = {
        {"open", first, 96, "", nullptr},
        {"hand_off", first, 110, "护照被水浸泡损毁，请总领馆协助补发旅行证。",
         Json{{"handed_to", "中国驻开普敦总领事馆"}}},
        {"close", today.AddDays(kClosedOn + 2), 0, "",
         Json{{"outcome", "总领馆已为其补发旅行证，随交流团按期回国。"}}},
    };
    for (const auto& step : steps) {
      clock::ClockShift then(DemoMoment(step.day, step.minute));
      engine.Transition(
          desk, case_id,
          cases::TransitionRequest{step.action, step.comment, Json::object(), step.writes});
    }
  }
  // 黄鹏 gave no address: the desk called him — no answer at first, reached in the afternoon.
  // The one who needed help was called back.
  app.db.Write([&](db::Session& s) {
    const long long huang = PersonId(s, Person{"voluntary", "demo:self:3", "", "", "", "", 0}, "");
    const long long xu = PersonId(s, Person{"trip", "demo:nmb:3", "", "", "", "", 0}, "");
    {
      clock::ClockShift then(DemoMoment(first, 90));
      RecordCall(s, incident, huang, "no_answer", "", officer);
    }
    {
      clock::ClockShift then(DemoMoment(first, 100));
      RecordCall(s, incident, xu, "reached", "已联系驻开普敦总领馆协助补办旅行证。", officer);
    }
    {
      clock::ClockShift then(DemoMoment(first, 300));
      RecordCall(s, incident, huang, "reached", "在亲友家，平安。", officer);
    }
  });
  clock::ClockShift then(DemoMoment(today.AddDays(kClosedOn), 0));
  app.db.Write([&](db::Session& s) { CloseIncident(s, incident, officer); });
}

// Alerts in force (illustrative texts, the places real): Haiti at the highest level, floods
// around Florence where a registered traveller is, petty crime in South Africa, and influenza
// in Osaka and Kyoto.
void LoadAlerts(App& app, DemoContext& ctx, calendar::Date today) {
  const long long officer = ctx.users.at("officer");
  struct DemoAlert {
    int level;
    Json area;
    const char *title_zh, *title_en, *body_zh, *body_en;
    int from, until, review;  // days from today
  };
  const DemoAlert alerts[] = {
      {3,
       {{"kind", "countries"}, {"countries", {"HT"}}},
       "提醒在海外中国公民暂勿前往海地",
       "Do not travel to Haiti",
       "海地首都太子港及周边地区武装团伙活动猖獗，绑架、枪击事件频发，安全形势持续恶化。提醒中国公"
       "民暂勿前往；已在当地的请尽量减少外出，加强防范。",
       "Armed gangs control much of Port-au-Prince and its surroundings; kidnappings and shootings "
       "are frequent. Citizens should not travel to Haiti; those there should stay in and take "
       "care.",
       -40,
       60,
       20},
      {2,
       {{"kind", "circle"}, {"lat", 43.7696}, {"lon", 11.2558}, {"radius_km", 80}},
       "意大利佛罗伦萨及托斯卡纳中部强降雨和洪水",
       "Heavy rain and floods around Florence, Tuscany",
       "托斯卡纳大区发布红色气象预警，阿诺河水位上涨，部分道路和铁路中断。请谨慎前往，关注当地民防"
       "部门通告，远离河道。",
       "Tuscany has issued a red weather warning; the Arno is rising and some roads and railways "
       "are closed. Reconsider travel, follow the civil protection's notices and keep away from "
       "rivers.",
       -1,
       7,
       3},
      {1,
       {{"kind", "countries"}, {"countries", {"ZA"}}},
       "提醒在南非中国公民注意防范盗抢",
       "Exercise caution against theft in South Africa",
       "近期开普敦、约翰内斯堡等地针对游客的盗抢案件多发。请注意安全，贵重物品不外露，夜间避免单独"
       "外出。",
       "Thefts and robberies of visitors have risen in Cape Town, Johannesburg and elsewhere. "
       "Exercise caution: keep valuables out of sight and avoid going out alone at night.",
       -10,
       50,
       30},
  };
  // For a list of cities, the gazetteer's: influenza season in Kansai, where the agency's tour
  // group goes (left out when the gazetteer is not loaded).
  Json kansai = Json::array();
  app.db.Read([&](db::Session& s) {
    for (const char* city : {"Osaka", "Kyoto"})
      if (const auto place = geo::PlaceNamed(s, "JP", city)) kansai.push_back(place->id);
  });
  std::vector<DemoAlert> all(std::begin(alerts), std::end(alerts));
  if (kansai.size() == 2) {
    all.push_back({1,
                   {{"kind", "cities"}, {"place_ids", kansai}},
                   "日本大阪、京都流感高发，注意防护",
                   "Influenza season in Osaka and Kyoto: take care",
                   "关西地区进入流感高发期，医疗机构就诊人数明显增加。请注意个人防护，勤洗手，"
                   "在人群密集场所佩戴口罩；如有发热等症状请及时就医。",
                   "Kansai has entered the influenza season and clinics are busy. Take care: wash "
                   "your hands often, wear a mask in crowded places and see a doctor if you have "
                   "a fever.",
                   -3,
                   30,
                   14});
  }
  for (const DemoAlert& a : all) {
    clock::ClockShift then(DemoMoment(today.AddDays(a.from), 0));
    app.db.Write([&](db::Session& s) {
      const long long id = WriteAlert(s,
                                      Json{{"level", a.level},
                                           {"area", a.area},
                                           {"title_zh", a.title_zh},
                                           {"title_en", a.title_en},
                                           {"body_zh", a.body_zh},
                                           {"body_en", a.body_en},
                                           {"valid_from", today.AddDays(a.from).ToString()},
                                           {"valid_until", today.AddDays(a.until).ToString()},
                                           {"review_on", today.AddDays(a.review).ToString()}},
                                      officer);
      PublishAlert(s, id, officer);
    });
  }
}

// The travel agency of the two tour groups (a real Ningbo agency; its groups are illustrative),
// its user, and the groups as the agency made them and uploaded their lists: the first of
// each group's people is its tour leader.
void LoadAgency(App& app, DemoContext& ctx) {
  app.db.Write([&](db::Session& s) {
    ctx.orgs["agency.0"] = accounts::CreateOrganization(
        s, accounts::NewOrganization{"agency", "宁波中国国际旅行社有限公司",
                                     "China International Travel Service Ningbo Co., Ltd.", "", 0});
  });
  app.db.Write([&](db::Session& s) {
    accounts::NewUser user;
    user.username = "agency";
    user.password = ctx.password;
    user.display_name = "宁波国旅 杨帆";
    user.email = "agency@demo.waishi.local";
    user.org_id = ctx.orgs.at("agency.0");
    user.roles = {"agency"};
    user.demo = true;
    ctx.users["agency"] = accounts::CreateUser(s, user);
  });
  ctx.accounts.emplace_back("agency", "宁波国旅 杨帆 (travel agency)");
  struct DemoGroup {
    const char *code, *title;
  };
  const DemoGroup groups[] = {{"JP2612", "东京大阪六日游"}, {"ES2612", "西葡八日游"}};
  app.db.Write([&](db::Session& s) {
    for (const DemoGroup& g : groups) {
      const long long group =
          CreateGroup(s, ctx.orgs.at("agency.0"), g.code, g.title, ctx.users.at("agency"));
      std::vector<long long> people;
      s.Query("SELECT id FROM safety_people WHERE source = 'agency' AND group_ref = :g ORDER BY id",
              {{"g", std::string(g.title) + " " + g.code}},
              [&](const db::Row& r) { people.push_back(db::Int(r, 0)); });
      for (std::size_t i = 0; i < people.size(); ++i) LinkMember(s, group, people[i], i == 0);
      s.Exec("UPDATE safety_groups SET list_at = :at, list_by = :by WHERE id = :id",
             {{"at", clock::NowIso()}, {"by", ctx.users.at("agency")}, {"id", group}});
    }
  });
}

}  // namespace

void LoadDemo(App& app, DemoContext& ctx) {
  const std::vector<DemoPerson> people = {
      {"trip",
       "demo:trip:1",
       "张昊",
       "13805740011",
       "宁波智能装备赴德国团组",
       "ent.0",
       {kAachen, kFrankfurt}},
      {"trip",
       "demo:trip:2",
       "刘波",
       "13805740012",
       "宁波智能装备赴德国团组",
       "ent.0",
       {kAachen, kFrankfurt}},
      {"trip",
       "demo:trip:3",
       "陈立新",
       "13805740013",
       "宁波智能装备赴德国团组",
       "ent.0",
       {kAachen, kFrankfurt}},
      {"trip", "demo:rouen:1", "周建国", "13905740021", "鲁昂建筑设计进修班", "", {kRouen}},
      {"trip", "demo:rouen:2", "吴晓燕", "13905740022", "鲁昂建筑设计进修班", "", {kRouen}},
      {"agency",
       "demo:tour:1",
       "王芳",
       "13705740031",
       "东京大阪六日游 JP2612",
       "",
       {kTokyo, kOsaka}},
      {"agency",
       "demo:tour:2",
       "李娜",
       "13705740032",
       "东京大阪六日游 JP2612",
       "",
       {kTokyo, kOsaka}},
      {"agency",
       "demo:tour:3",
       "赵磊",
       "13705740033",
       "东京大阪六日游 JP2612",
       "",
       {kTokyo, kOsaka}},
      {"agency",
       "demo:tour:4",
       "孙静",
       "13705740034",
       "东京大阪六日游 JP2612",
       "",
       {kTokyo, kOsaka}},
      {"agency",
       "demo:iberia:1",
       "钱伟",
       "13705740061",
       "西葡八日游 ES2612",
       "",
       {kBarcelona, kLisbon}},
      {"agency",
       "demo:iberia:2",
       "冯丽",
       "13705740062",
       "西葡八日游 ES2612",
       "",
       {kBarcelona, kLisbon}},
      {"agency",
       "demo:iberia:3",
       "蒋涛",
       "13705740063",
       "西葡八日游 ES2612",
       "",
       {kBarcelona, kLisbon}},
      {"voluntary",
       "demo:self:1",
       "郑海",
       "13605740041",
       "",
       "",
       {{"GB", "Nottingham", 52.9548, -1.1581, -5, 10}}},
      {"voluntary",
       "demo:self:2",
       "何佳",
       "13605740042",
       "",
       "",
       {{"IT", "Florence", 43.7696, 11.2558, 1, 6}}},
      {"voluntary",
       "demo:self:3",
       "黄鹏",
       "13605740043",
       "",
       "",
       {kGqeberha, {"ZA", "Cape Town", -33.9249, 18.4241, -2, 3}}},
  };
  // The youth exchange with Nelson Mandela Bay (a partner city since 2007, per the seed's list)
  // in Gqeberha during the storm; they gave the register an address.
  struct DemoGroupMember {
    const char* ref;
    const char* name;
    const char* phone;
    const char* email;
  };
  const DemoGroupMember youth[] = {
      {"demo:nmb:1", "陈思远", "13605740051", "chen.siyuan@example.org"},
      {"demo:nmb:2", "林雨桐", "13605740052", "lin.yutong@example.org"},
      {"demo:nmb:3", "徐卓然", "13605740053", "xu.zhuoran@example.org"},
      {"demo:nmb:4", "马欣怡", "13605740054", "ma.xinyi@example.org"},
  };
  const calendar::Date today = calendar::Date::TodayInChina();
  app.db.Write([&](db::Session& s) {
    for (const char* username : {"officer", "officer2", "approver"}) {
      s.Exec("INSERT INTO user_desks (user_id, desk) VALUES (:u, :d)",
             {{"u", ctx.users.at(username)}, {"d", std::string(kDesk)}});
    }
    const std::string now = clock::NowIso();
    for (const DemoGroupMember& m : youth) {
      const long long id = PersonId(s,
                                    Person{"trip", m.ref, m.name, m.phone, m.email,
                                           "宁波青年友城交流团（纳尔逊·曼德拉湾）", 0},
                                    now);
      AddLeg(s, id,
             Leg{kGqeberha.country, kGqeberha.city, kGqeberha.lat, kGqeberha.lon,
                 today.AddDays(kGqeberha.from), today.AddDays(kGqeberha.to)});
    }
    for (const DemoPerson& p : people) {
      const long long id = PersonId(
          s, Person{p.source, p.ref, p.name, p.phone, "", p.group, *p.org ? ctx.orgs.at(p.org) : 0},
          now);
      for (const DemoLeg& l : p.legs) {
        AddLeg(s, id,
               Leg{l.country, l.city, l.lat, l.lon, today.AddDays(l.from), today.AddDays(l.to)});
      }
    }
  });
  LoadAgency(app, ctx);
  LoadStorm(app, ctx, today);
  LoadAlerts(app, ctx, today);
}

}  // namespace waishi::safety
