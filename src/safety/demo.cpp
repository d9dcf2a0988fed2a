// The safety module's demo: the office's staff on the consular desk, and people abroad in the
// register around today — a delegation of Ningbo Smart Equipment at the Aachen partner city's
// fair and in Frankfurt, architects training in Rouen (the seed: more than 150 trained in
// Aachen and Rouen), a tour group in Tokyo and Osaka, and travellers in Nottingham, Florence and
// Nelson Mandela Bay (Gqeberha), partner cities the seed names. Coordinates are the cities'
// centres as published.
#include "core/clock.h"
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
       {{"ZA", "Gqeberha", -33.9608, 25.6022, -10, -3},
        {"ZA", "Cape Town", -33.9249, 18.4241, -2, 3}}},
  };
  const calendar::Date today = calendar::Date::TodayInChina();
  app.db.Write([&](db::Session& s) {
    for (const char* username : {"officer", "officer2", "approver"}) {
      s.Exec("INSERT INTO user_desks (user_id, desk) VALUES (:u, :d)",
             {{"u", ctx.users.at(username)}, {"d", std::string(kDesk)}});
    }
    const std::string now = clock::NowIso();
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
}

}  // namespace waishi::safety
