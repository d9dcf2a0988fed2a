// The consular desk's demo: requests for assistance in every state, each replayed through the
// engine at the time it happened (after the safety demo's storm, whose "need help" became
// this year's first case, so the numbers follow the dates). The people are invented; the places,
// missions and consular districts are real (Aachen lies in the district of the Consulate-General in
// Düsseldorf).
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "consular/consular.h"
#include "core/calendar/working_days.h"
#include "core/cases/engine.h"
#include "core/clock.h"
#include "core/i18n/text.h"

namespace waishi::consular {

namespace {

struct Step {
  const char* action;
  int day;  // days before today
  const char* comment;
  const char* field;  // the field the transition writes, or ""
  const char* value;
};

struct DemoRequest {
  int created;  // days before today
  const char* channel;
  const char* priority;
  const char* name;
  const char* phone;
  const char* contact;
  bool vulnerable;
  const char* country;
  const char* city;
  double lat, lon;
  const char* situation;
  std::vector<Step> steps;
};

}  // namespace

void LoadDemo(App& app, DemoContext& ctx) {
  const std::vector<DemoRequest> requests = {
      {7,
       "hotline",
       "urgent",
       "王建国",
       "13805742210",
       "王丽（女儿）13905748812",
       true,
       "TH",
       "Bangkok",
       13.7563,
       100.5018,
       "随团旅游的63岁老人在曼谷突发心脏不适住院，家属请求协助联系医院并办理家属赴泰手续。",
       {{"open", 7, "", "", ""},
        {"hand_off", 7, "已请驻泰国使馆领事部协调医院，并告知家属签证加急渠道。", "handed_to",
         "中国驻泰国大使馆领事部"},
        {"close", 2, "", "outcome",
         "已住院手术，病情稳定；家属已抵达曼谷陪护。费用由本人旅行保险承担。"}}},
      {3,
       "partner",
       "high",
       "刘洋",
       "13957410236",
       "宁波智能装备有限公司 人事部 0574-87650012",
       false,
       "DE",
       "Aachen",
       50.7753,
       6.0839,
       "企业报告：派驻亚琛的工程师遭遇交通事故受伤，需协助与当地警方和保险公司沟通。",
       {{"open", 3, "", "", ""},
        {"hand_off", 2, "亚琛属驻杜塞尔多夫总领馆领区，已移交。", "handed_to",
         "中国驻杜塞尔多夫总领事馆"}}},
      {0,
       "web",
       "normal",
       "周静怡",
       "+44 7700 900312",
       "周建华（父亲）13586620917",
       false,
       "GB",
       "Nottingham",
       52.9548,
       -1.1581,
       "在诺丁汉留学，护照和居留卡在公寓被盗，已向当地警方报案，需补办旅行证件。",
       {{"open", 0, "", "", ""}}},
      {0,
       "hotline",
       "urgent",
       "陈海峰",
       "",
       "陈敏（妻子）13706745590",
       false,
       "TR",
       "Istanbul",
       41.0082,
       28.9784,
       "家属来电：在伊斯坦布尔出差的丈夫两天未联系，手机关机。",
       {}},
  };
  cases::Engine engine(app);
  const calendar::Date today = calendar::Date::TodayInChina();
  const auth::Principal officer = ctx.principal("officer");
  for (const DemoRequest& r : requests) {
    Json data{{"channel", r.channel},
              {"priority", r.priority},
              {"person", {{"name", r.name}, {"phone", r.phone}, {"contact", r.contact}}},
              {"vulnerable", r.vulnerable},
              {"country", r.country},
              {"city", r.city},
              {"lat", r.lat},
              {"lon", r.lon},
              {"situation", r.situation}};
    // What happened today happens now (10:00 in Beijing may be still to come); the rest at
    // its moment of the day it happened.
    long long id = 0;
    {
      std::optional<clock::ClockShift> then;
      if (r.created > 0) then.emplace(DemoMoment(today.AddDays(-r.created), 0));
      id = engine.Create(officer, kCaseType, data)["id"];
    }
    int minute = 10;
    for (const Step& s : r.steps) {
      std::optional<clock::ClockShift> then;
      if (s.day > 0) then.emplace(DemoMoment(today.AddDays(-s.day), minute));
      minute += 30;
      Json writes = nullptr;
      if (*s.field) writes = Json{{s.field, s.value}};
      engine.Transition(officer, id,
                        cases::TransitionRequest{s.action, s.comment, Json::object(), writes});
    }
  }
  app.db.Flush();
  std::printf(
      "%s\n",
      i18n::T("consular.demo.loaded", {{"count", std::to_string(requests.size())}}).en.c_str());
}

}  // namespace waishi::consular
