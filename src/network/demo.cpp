// The demo's partner cities. The cities are real, and the seed (../shared/seed) names three of
// them as partners established since 2000: Nelson Mandela Bay, Nottingham and Florence; Aachen
// and Rouen are where Ningbo's professionals were trained. The dates, tiers, statuses and
// populations are illustrative (rounded, and not checked against the office's own records),
// as are the relations with Nagaokakyō, Wilhelmshaven and Wilmington. Of the projects, the
// University of Nottingham Ningbo China (founded 2004) and the training in Aachen and Rouen are
// real; their dates and figures, and the other projects, are illustrative. The exchanges are
// illustrative: five training courses from 2009 to 2015 (the seed's 150-odd trained), the rest
// dated back from today; of these eight, Wilmington has none for years, the one the
// review of quiet relations names. The projects' milestones and the brief linked to the
// auto-parts plant's project are illustrative.
// Two more delegations are the travel demo's trips to Florence and Nelson Mandela Bay
// (src/travel/demo.cpp), each linked to its outbound-travel case, dated and sized by it.
//
// The rest of the network, demo_cities.csv, is ILLUSTRATIVE: which cities beyond these eight are
// Ningbo's partners is not known here, so the file holds real places (names, coordinates,
// provinces and populations from the gazetteer, GeoNames) with made-up tiers and dates, such that
// with the eight the network holds 86 cities in 44 countries on five continents by 2016, as the
// seed reports, and 116 by 2024, as the office reported since (demo_cities.md says how). Having
// no projects nor exchanges, those established more than three years ago are all on the review of
// quiet relations: an office that loaded its whole registry would see the same until it records
// its exchanges.
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/db/row.h"
#include "core/documents/documents.h"
#include "core/i18n/text.h"
#include "core/resources.h"
#include "network/agreements.h"
#include "network/cities.h"
#include "network/contacts.h"
#include "network/documents.h"
#include "network/exchanges.h"
#include "network/import.h"
#include "network/network.h"
#include "network/projects.h"

namespace waishi::network {
namespace {

// A milestone as a project's body takes it; an empty `due_on` is a year from today (one still
// to come), an empty `done_on` one still open.
Json Milestone(const char* title_zh, const char* title_en, std::string due_on,
               std::optional<std::string> done_on, const char* note = "") {
  if (due_on.empty()) due_on = calendar::Date::TodayInChina().AddDays(365).ToString();
  Json m = {{"title_zh", title_zh}, {"title_en", title_en}, {"due_on", due_on}, {"note", note}};
  if (done_on) m["done_on"] = *done_on;
  return m;
}

// The document linked to the auto-parts plant's project: a one-page brief, ILLUSTRATIVE (its
// words made up for the demo), rendered as the office's PDFs are.
std::string DemoBrief() {
  documents::Content c;
  c.title =
      "宁波汽车零部件企业在曼德拉湾建厂项目简报（示例）\n"
      "A Ningbo auto-parts plant in Nelson Mandela Bay: project brief (illustrative)";
  c.body.push_back(documents::Paragraph{
      "项目位于曼德拉湾市库哈工业开发区，分两期建设，一期已于 2019 年投产。本简报为演示数据。"});
  c.body.push_back(documents::Paragraph{
      "The plant lies in the Coega industrial zone of Nelson Mandela Bay and is built in two "
      "phases, the first in production since 2019. This brief is demo data."});
  return documents::Render(c);
}

// The demo's outbound-travel cases (src/travel/demo.cpp) that visited a partner city, reported
// on after the return: found by their purpose among the cases of that type; none when the
// travel demo is not there.
struct Trip {
  long long id = 0;
  Json data;
};
std::optional<Trip> TravelCaseByPurpose(db::Session& s, const std::string& purpose) {
  std::optional<Trip> trip;
  s.Query("SELECT id, data FROM cases WHERE type = 'outbound_travel' ORDER BY id", {},
          [&](const db::Row& r) {
            Json data = Json::parse(db::Text(r, 1), nullptr, false);
            if (!trip && data.is_object() && data.value("purpose", "") == purpose)
              trip = Trip{db::Int(r, 0), std::move(data)};
          });
  return trip;
}

}  // namespace

void LoadDemo(App& app, DemoContext&) {
  const std::vector<City> cities = {
      {"长冈京市", "Nagaokakyo", "長岡京市", "JP", "Kyoto", 34.9262, 135.6957, 80'000, "sister",
       "1983-10-07", "active", "宁波第一个国际友城（示例日期）"},
      {"威廉港市", "Wilhelmshaven", "Wilhelmshaven", "DE", "Niedersachsen", 53.5300, 8.1125, 76'000,
       "sister", "1986-06-16", "dormant", "近年往来较少，待复核（示例）"},
      {"亚琛市", "Aachen", "Aachen", "DE", "Nordrhein-Westfalen", 50.7753, 6.0839, 249'000,
       "sister", "1986-09-22", "active", "在亚琛培训专业人才（见原文）"},
      {"鲁昂市", "Rouen", "Rouen", "FR", "Normandie", 49.4431, 1.0993, 114'000, "sister",
       "1990-05-14", "active", "在鲁昂培训专业人才（见原文）"},
      {"威尔明顿市", "Wilmington", "Wilmington", "US", "Delaware", 39.7391, -75.5398, 71'000,
       "friendly", "1997-04-08", "active", ""},
      {"曼德拉湾市", "Nelson Mandela Bay", "Nelson Mandela Bay", "ZA", "Eastern Cape", -33.9608,
       25.6022, 1'190'000, "sister", "2002-11-18", "active", "21 世纪以来结好（见原文）"},
      {"诺丁汉市", "Nottingham", "Nottingham", "GB", "England", 52.9548, -1.1581, 323'000, "sister",
       "2005-10-26", "active", "21 世纪以来结好（见原文）"},
      {"佛罗伦萨市", "Florence", "Firenze", "IT", "Toscana", 43.7696, 11.2558, 367'000, "sister",
       "2008-06-05", "active", "21 世纪以来结好（见原文）"},
  };
  struct DemoProject {
    const char* city;  // English name
    const char* country;
    Json body;  // as POST /api/v1/network/projects takes it, without the city
  };
  const std::vector<DemoProject> projects = {
      {"Nottingham",
       "GB",
       {{"field", "education"},
        {"direction", "joint"},
        {"title_zh", "宁波诺丁汉大学"},
        {"title_en", "University of Nottingham Ningbo China"},
        {"our_partners", "浙江万里学院"},
        {"their_partners", "University of Nottingham"},
        {"status", "ongoing"},
        {"started", "2004-05-20"},
        {"outcomes", "中国第一所中外合作大学 / China's first Sino-foreign university"},
        {"milestones",
         {Milestone("教育部批准设立", "Approved by the Ministry of Education", "2004-03-31",
                    "2004-03-23"),
          Milestone("首批学生入学", "The first students enrolled", "2004-09-30", "2004-09-13"),
          Milestone("新校区落成", "The new campus completed", "2006-03-31", "2006-02-23",
                    "示例日期 / illustrative date")}}}},
      {"Aachen",
       "DE",
       {{"field", "talent"},
        {"direction", "outbound"},
        {"title_zh", "宁波专业技术人才赴亚琛培训"},
        {"title_en", "Training of Ningbo professionals in Aachen"},
        {"our_partners", "宁波市人力资源和社会保障局"},
        {"their_partners", "RWTH Aachen University"},
        {"status", "ongoing"},
        {"started", "2009-09-01"},
        {"outcomes", "与鲁昂合计培训 150 余人 / with Rouen, 150+ trained"},
        {"milestones",
         {Milestone("首期培训班结业", "The first course completed", "2009-12-31", "2009-12-18"),
          Milestone("累计培训 100 人", "100 trained in all", "2015-12-31", "2014-11-30"),
          Milestone("合作备忘录续签", "The memorandum renewed", "", std::nullopt,
                    "见亚琛协议的续签提醒 / see the Aachen agreement's renewal")}}}},
      {"Rouen",
       "FR",
       {{"field", "talent"},
        {"direction", "outbound"},
        {"title_zh", "宁波城市规划人才赴鲁昂培训"},
        {"title_en", "Urban planners from Ningbo trained in Rouen"},
        {"our_partners", "宁波市规划局"},
        {"their_partners", "Métropole Rouen Normandie"},
        {"status", "ongoing"},
        {"started", "2011-03-01"}}},
      {"Aachen",
       "DE",
       {{"field", "investment"},
        {"direction", "inbound"},
        {"title_zh", "亚琛机械企业在宁波设立研发中心"},
        {"title_en", "An Aachen engineering firm's R&D centre in Ningbo"},
        {"our_partners", "宁波国家高新区"},
        {"their_partners", "Aachen engineering firm"},
        {"amount", {{"amount", 500'000'000}, {"currency", "EUR"}}},
        {"status", "completed"},
        {"started", "2014-06-10"}}},
      {"Nelson Mandela Bay",
       "ZA",
       {{"field", "trade"},
        {"direction", "outbound"},
        {"title_zh", "宁波汽车零部件企业在曼德拉湾建厂"},
        {"title_en", "A Ningbo auto-parts plant in Nelson Mandela Bay"},
        {"our_partners", "宁波汽车零部件企业"},
        {"their_partners", "Coega Development Corporation"},
        {"amount", {{"amount", 1'200'000'000}, {"currency", "USD"}}},
        {"status", "ongoing"},
        {"started", "2017-08-15"},
        {"milestones",
         {Milestone("签订投资协议", "Investment agreement signed", "2017-08-15", "2017-08-15"),
          Milestone("一期工厂投产", "Phase one in production", "2019-06-30", "2019-09-02",
                    "晚于计划两个月 / two months late"),
          Milestone("二期工厂投产", "Phase two in production", "", std::nullopt)}}}},
      {"Florence",
       "IT",
       {{"field", "culture"},
        {"direction", "joint"},
        {"title_zh", "宁波—佛罗伦萨文化交流周"},
        {"title_en", "Ningbo–Florence culture week"},
        {"our_partners", "宁波市文化广电旅游局"},
        {"their_partners", "Comune di Firenze"},
        {"status", "completed"},
        {"started", "2019-10-12"}}},
  };
  struct DemoExchange {
    const char* city;
    const char* country;
    std::string starts_on;
    Json body;  // as POST /api/v1/network/exchanges takes it, without the city and the date
  };
  const calendar::Date today = calendar::Date::TodayInChina();
  const auto ago = [&](int days) { return today.AddDays(-days).ToString(); };
  // The courses in Aachen and Rouen of the seed's "150 多名" professionals trained by 2016
  // (153 here; the dates and the numbers of each course are illustrative), in the years of the
  // two training projects' milestones.
  const auto course = [](const char* city, const char* country, const char* on, int people,
                         const char* zh, const char* en, const char* visited) {
    return DemoExchange{city,
                        country,
                        on,
                        {{"kind", "training"},
                         {"people", people},
                         {"field", "talent"},
                         {"purpose_zh", zh},
                         {"purpose_en", en},
                         {"cities_visited", visited}}};
  };
  const std::vector<DemoExchange> exchanges = {
      course("Aachen", "DE", "2009-09-14", 30, "建筑设计专业人员进修（首期）",
             "Architects' further training (the first course)", "Aachen"),
      course("Rouen", "FR", "2011-03-21", 28, "城市规划专业人员进修",
             "Further training of urban planners", "Rouen"),
      course("Aachen", "DE", "2012-10-08", 30, "教育管理人员进修",
             "Further training of school leaders", "Aachen, Düsseldorf"),
      course("Rouen", "FR", "2014-09-15", 32, "建筑设计与历史街区保护进修",
             "Architecture and historic districts", "Rouen, Paris"),
      course("Aachen", "DE", "2015-09-07", 33, "职业教育师资进修",
             "Further training of vocational teachers", "Aachen"),
      {"Nottingham",
       "GB",
       ago(40),
       {{"kind", "delegation_in"},
        {"leader", "诺丁汉市市长"},
        {"people", 8},
        {"purpose_zh", "出席宁波诺丁汉大学毕业典礼，洽谈教育合作"},
        {"purpose_en", "The graduation at UNNC; talks on education"},
        {"cities_visited", "宁波"},
        {"outcome", "签署职业教育合作意向书"}}},
      {"Aachen",
       "DE",
       ago(120),
       {{"kind", "training"},
        {"people", 25},
        {"field", "talent"},
        {"purpose_zh", "智能制造专业技术人才培训（三周）"},
        {"purpose_en", "Three weeks of training in smart manufacturing"},
        {"cities_visited", "Aachen, Köln"}}},
      {"Rouen",
       "FR",
       ago(230),
       {{"kind", "training"},
        {"people", 20},
        {"field", "urban_construction"},
        {"purpose_zh", "城市更新与历史街区保护培训"},
        {"purpose_en", "Urban renewal and historic districts"},
        {"cities_visited", "Rouen, Le Havre"}}},
      {"Nelson Mandela Bay",
       "ZA",
       ago(300),
       {{"kind", "delegation_out"},
        {"leader", "宁波市人民政府副市长"},
        {"people", 6},
        {"purpose_zh", "考察汽车零部件合作项目，出席经贸洽谈会"},
        {"purpose_en", "The auto-parts project; a trade fair"},
        {"cities_visited", "Gqeberha, Cape Town"},
        {"outcome", "签约 3 个合作项目"}}},
      {"Florence",
       "IT",
       ago(420),
       {{"kind", "delegation_out"},
        {"leader", "宁波市文化广电旅游局局长"},
        {"people", 5},
        {"purpose_zh", "文化交流周回访"},
        {"purpose_en", "Return visit after the culture week"}}},
      {"Nagaokakyo",
       "JP",
       ago(700),
       {{"kind", "delegation_in"},
        {"leader", "長岡京市議会議長"},
        {"people", 12},
        {"purpose_zh", "友好城市缔结纪念访问"},
        {"purpose_en", "An anniversary visit"},
        {"cities_visited", "宁波, 舟山"}}},
  };
  // Two delegations that went through the office's outbound-travel procedure: the travel
  // demo's trips to Florence and to Nelson Mandela Bay, reported on after their return.
  struct LinkedExchange {
    const char* city;
    const char* country;
    const char* trip;  // the travel case's purpose
    Json body;         // without the city, the date, the size and the case
  };
  const std::vector<LinkedExchange> linked = {
      {"Florence",
       "IT",
       "赴意大利佛罗伦萨参加生态园招商推介",
       {{"kind", "delegation_out"},
        {"purpose_zh", "赴佛罗伦萨推介中意（宁波）生态园"},
        {"purpose_en", "Promoting the Sino-Italian (Ningbo) eco-park in Florence"},
        {"cities_visited", "Florence"},
        {"field", "investment"}}},
      {"Nelson Mandela Bay",
       "ZA",
       "赴南非曼德拉湾市出席友城合作周",
       {{"kind", "delegation_out"},
        {"purpose_zh", "出席曼德拉湾市友城合作周"},
        {"purpose_en", "The sister-city cooperation week in Nelson Mandela Bay"},
        {"cities_visited", "Gqeberha"},
        {"field", "trade"}}},
  };
  // The agreements: Nagaokakyō's founding one, open-ended; a memorandum on training with Aachen
  // whose renewal has come due (it expires in two months: the staff are reminded); Nottingham's
  // on education, in force. Titles real in kind, dates illustrative.
  struct DemoAgreement {
    const char* city;
    const char* country;
    Json body;
    int expires_in_days;  // from today; 0: open-ended
  };
  const std::vector<DemoAgreement> agreements = {
      {"Nagaokakyo",
       "JP",
       {{"title_zh", "宁波市与长冈京市缔结友好城市关系协议书"},
        {"title_en", "Agreement establishing sister-city relations between Ningbo and Nagaokakyo"},
        {"signed_on", "1983-10-07"}},
       0},
      {"Aachen",
       "DE",
       {{"title_zh", "宁波市与亚琛市专业人才培训合作备忘录"},
        {"title_en", "Memorandum on the training of professionals between Ningbo and Aachen"},
        {"signed_on", "2022-03-15"},
        {"renewal_notice_days", 120}},
       60},
      {"Nottingham",
       "GB",
       {{"title_zh", "宁波市与诺丁汉市教育合作备忘录"},
        {"title_en", "Memorandum on cooperation in education between Ningbo and Nottingham"},
        {"signed_on", "2024-09-10"}},
       1400},
  };
  // Contacts: made-up people in real offices, at addresses of the reserved example.org domain.
  const std::vector<std::tuple<const char*, const char*, Json>> contacts = {
      {"Aachen",
       "DE",
       {{"name", "Anna Becker"},
        {"role", "Leiterin Internationale Beziehungen"},
        {"organization", "Stadt Aachen"},
        {"email", "a.becker@aachen.example.org"},
        {"phone", "+49 241 000-0101"},
        {"language", "de"}}},
      {"Aachen",
       "DE",
       {{"name", "Jonas Wolff"},
        {"role", "Referent China"},
        {"organization", "Stadt Aachen"},
        {"email", "j.wolff@aachen.example.org"},
        {"language", "de"}}},
      {"Nottingham",
       "GB",
       {{"name", "Sarah Collins"},
        {"role", "International Relations Manager"},
        {"organization", "Nottingham City Council"},
        {"email", "s.collins@nottingham.example.org"},
        {"phone", "+44 115 000 0102"},
        {"language", "en"}}},
      {"Nelson Mandela Bay",
       "ZA",
       {{"name", "Thandiwe Nkosi"},
        {"role", "Director, International Relations"},
        {"organization", "Nelson Mandela Bay Municipality"},
        {"email", "t.nkosi@nmb.example.org"},
        {"language", "en"}}},
  };
  long long listed = 0;                   // the cities of demo_cities.csv
  long long linked_count = 0;             // the exchanges linked to the travel demo's cases
  const std::string brief = DemoBrief();  // rendered before the write lock
  app.db.Write([&](db::Session& tx) {
    for (const City& city : cities)
      if (!FindSame(tx, city)) Insert(tx, city);
    // Through the import's checks: a bad row, or a city of the eight again, fails the demo.
    listed = ImportDemoCities(tx, Resource("src/network/demo_cities.csv"));
    // The demo city of that English name in that country (added just above).
    auto with_city = [&](const char* name_en, const char* country, Json body) {
      City key;
      key.name_en = name_en;
      key.country = country;
      body["city_id"] = FindSame(tx, key)->id;
      return body;
    };
    std::vector<long long> project_ids;
    for (const DemoProject& p : projects)
      project_ids.push_back(InsertProject(tx, with_city(p.city, p.country, p.body)));
    InsertDocument(tx, project_ids.at(4),
                   PreparePdf("project-brief.pdf", brief, "network.document.pdf_only"),
                   0);  // the auto-parts plant
    for (const DemoExchange& e : exchanges) {
      Json body = with_city(e.city, e.country, e.body);
      body["starts_on"] = e.starts_on;
      InsertExchange(tx, body);
    }
    for (const LinkedExchange& e : linked) {
      const auto trip = TravelCaseByPurpose(tx, e.trip);
      if (!trip) continue;
      Json body = with_city(e.city, e.country, e.body);
      const Json& leader = trip->data["members"].at(0);
      body["starts_on"] = trip->data["departure_date"];
      body["people"] = trip->data["members"].size();
      body["leader"] = leader["name"].get<std::string>() + "（" +
                       leader["unit"].get<std::string>() + leader["position"].get<std::string>() +
                       "）";
      body["travel_case_id"] = trip->id;
      InsertExchange(tx, body);
      ++linked_count;
    }
    for (const DemoAgreement& a : agreements) {
      Json body = with_city(a.city, a.country, a.body);
      if (a.expires_in_days > 0) body["expires_on"] = today.AddDays(a.expires_in_days).ToString();
      InsertAgreement(tx, body);
    }
    for (const auto& [city, country, body] : contacts)
      InsertContact(tx, with_city(city, country, body));
  });
  const long long count = static_cast<long long>(cities.size()) + listed;
  std::printf("%s\n", i18n::T("network.demo.loaded",
                              {{"count", std::to_string(count)},
                               {"listed", std::to_string(listed)},
                               {"projects", std::to_string(projects.size())},
                               {"exchanges", std::to_string(exchanges.size() + linked_count)},
                               {"agreements", std::to_string(agreements.size())},
                               {"contacts", std::to_string(contacts.size())}})
                          .en.c_str());
}

}  // namespace waishi::network
