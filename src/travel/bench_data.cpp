// Synthetic data for the benchmark: enterprises, their users and `cases` outbound-travel
// cases with realistic Chinese names (surnames by frequency, common given-name
// characters), itineraries and states, written straight to the tables in large batches.
#include <algorithm>
#include <cstdio>
#include <random>

#include "core/auth/accounts.h"
#include "core/calendar/holidays.h"
#include "core/calendar/working_days.h"
#include "core/cases/registry.h"
#include "core/clock.h"
#include "core/search/search.h"
#include "core/validate/identifiers.h"
#include "core/validate/passport_name.h"
#include "travel/parts.h"

namespace waishi::travel {
namespace {

// The most common Chinese surnames (2020 census order) and given-name characters.
constexpr const char* kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",  "马",
    "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐",  "许",
    "韩", "邓", "冯", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡",  "蒋",
    "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "欧阳"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
                                  "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
                                  "刚", "桂", "英", "华", "文", "辉", "建", "国", "晓", "燕",
                                  "志", "宇", "浩", "昊", "波", "鑫", "婷", "雪", "琳", "佳",
                                  "欣", "怡", "思", "远", "海", "鹏", "飞", "亮", "红", "兰"};
// Destinations: the country, the city as the itinerary names it, and in Chinese for the purpose.
constexpr const char* kCountries[][3] = {
    {"DE", "Aachen", "亚琛"},       {"FR", "Rouen", "鲁昂"},
    {"GB", "Nottingham", "诺丁汉"}, {"IT", "Florence", "佛罗伦萨"},
    {"ZA", "Gqeberha", "曼德拉市"}, {"RO", "Bucharest", "布加勒斯特"},
    {"HU", "Budapest", "布达佩斯"}, {"PL", "Warsaw", "华沙"},
    {"CZ", "Prague", "布拉格"},     {"JP", "Osaka", "大阪"},
    {"KR", "Busan", "釜山"},        {"US", "Houston", "休斯敦"},
    {"BR", "São Paulo", "圣保罗"},  {"AU", "Sydney", "悉尼"},
    {"SG", "Singapore", "新加坡"}};
constexpr const char* kPurposes[] = {"参加国际展览会", "洽谈经贸合作项目", "出席投资推介会",
                                     "开展友城交流",   "考察市场",         "签署合作协议",
                                     "参加技术培训",   "参加行业论坛"};
// The states a case can be in, by where its trip lies against the day of generation. A trip to
// come is mostly waiting for the office: half of those cases are in office_review, about an
// eighth of all the cases, as many as when states were drawn regardless of dates, so the
// officer's queue (bench/run.sh) has as much to count as before.
constexpr const char* kStatesToCome[] = {"office_review", "office_review",   "office_review",
                                         "office_review", "district_review", "pending_approval",
                                         "approved",      "returned"};
// A trip over: reported back, or refused before it would have left.
constexpr const char* kStatesOver[] = {"completed", "completed", "completed",
                                       "completed", "completed", "rejected"};

constexpr const char* kInsertCase = R"(
  INSERT INTO cases (number, type, state, org_id, applicant_id, data, summary,
                     created_at, updated_at, submitted_at, decided_at, due_date)
  VALUES (:n, 'outbound_travel', :s, :o, :a, :d, :su, :c, :u, :sa, :de, :du) RETURNING id)";

}  // namespace

void LoadBenchData(App& app, long count) {
  db::Database& db = app.db;
  // Each user costs a full Argon2id hash (~0.1 s): 50 enterprises keep generation quick.
  constexpr int kEnterprises = 50;
  std::vector<long long> orgs, users;
  long long district = 0;
  db.Write([&](db::Session& s) {
    calendar::SeedChineseHolidays(s);
    const long long office = accounts::CreateOrganization(
        s, accounts::NewOrganization{"office", "宁波市外办", "Ningbo FAO"});
    const long long officer = accounts::CreateUser(s, accounts::NewUser{"bench.officer",
                                                                        "bench-password-officer",
                                                                        "基准经办人",
                                                                        "",
                                                                        office,
                                                                        {"officer"},
                                                                        "zh-CN",
                                                                        false});
    s.Exec("INSERT INTO user_desks (user_id, desk) VALUES (:u, 'travel')", {{"u", officer}});
    district =
        accounts::CreateOrganization(s, accounts::NewOrganization{"district", "海曙区", "Haishu"});
  });
  for (int i = 0; i < kEnterprises; ++i) {
    db.Write([&](db::Session& s) {
      const long long org = accounts::CreateOrganization(
          s,
          accounts::NewOrganization{"enterprise", "宁波基准企业" + std::to_string(i) + "有限公司",
                                    "Ningbo Bench Enterprise " + std::to_string(i), "", district});
      if (i % 5 == 0) {
        const std::string now = clock::NowIso();
        s.Exec("INSERT INTO travel_green_channel (org_id, granted_at) VALUES (:o, :a)",
               {{"o", org}, {"a", now}});
      }
      orgs.push_back(org);
      users.push_back(
          accounts::CreateUser(s, accounts::NewUser{"bench" + std::to_string(i),
                                                    "bench-password-" + std::to_string(i),
                                                    "基准用户" + std::to_string(i),
                                                    "",
                                                    org,
                                                    {"enterprise_user"},
                                                    "zh-CN",
                                                    false}));
    });
  }
  std::mt19937_64 rng(20261129);
  auto pick = [&](auto& array) -> decltype(auto) { return array[rng() % std::size(array)]; };
  // The cases lie around the day they are generated, as a year and a half of an office's work
  // would: departures from 520 days before it to 179 after. A case was drafted the day before
  // its submission, a month before departure (or, when that month has not come yet, within the
  // last 240 days: plans made well ahead), and last changed then (in review), five days later
  // (decided) or three days after the return (completed), never after yesterday. A trip under
  // way is approved.
  const calendar::Date today = calendar::Date::TodayInChina();
  const calendar::Date yesterday = today.AddDays(-1);
  const auto at = [](calendar::Date d) { return d.ToString() + "T02:00:00.000Z"; };
  constexpr long kBatch = 5000;
  for (long done = 0; done < count;) {
    const long n = std::min(kBatch, count - done);
    db.Write([&](db::Session& s) {
      for (long i = 0; i < n; ++i) {
        const long seq = done + i + 1;
        const std::size_t org_index = rng() % orgs.size();
        const calendar::Date dep = today.AddDays(-520 + static_cast<int>(rng() % 700));
        const int days = 3 + static_cast<int>(rng() % 3);
        const auto& dest = kCountries[rng() % std::size(kCountries)];
        Json members = Json::array();
        const int member_count = 1 + static_cast<int>(rng() % 4);
        for (int m = 0; m < member_count; ++m) {
          std::string name = std::string(pick(kSurnames)) + pick(kGiven);
          if (rng() % 2) name += pick(kGiven);
          char first17[18];
          std::snprintf(first17, sizeof first17, "330203%04d%02d%02d%03d",
                        1960 + static_cast<int>(rng() % 40), 1 + static_cast<int>(rng() % 12),
                        1 + static_cast<int>(rng() % 28), static_cast<int>(rng() % 1000));
          const std::string passport = validate::PassportName(name);
          members.push_back(
              {{"name", name},
               {"passport_name", passport},
               {"id_number", std::string(first17) + validate::ResidentIdCheckChar(first17)},
               {"unit", "宁波基准企业"},
               {"position", "经理"},
               {"role", m == 0 ? "leader" : "member"}});
        }
        const std::string purpose = std::string("赴") + dest[2] + pick(kPurposes);
        const Json data{{"purpose", purpose},
                        {"departure_date", dep.ToString()},
                        {"return_date", dep.AddDays(days - 1).ToString()},
                        {"itinerary",
                         {{{"country", dest[0]},
                           {"city", dest[1]},
                           {"from", dep.ToString()},
                           {"to", dep.AddDays(days - 1).ToString()},
                           {"transit_airside", false}}}},
                        {"members", members},
                        {"inviter",
                         {{"name", std::string(dest[1]) + " Chamber of Commerce"},
                          {"country", dest[0]},
                          {"kind", "foreign_counterpart"}}},
                        {"funding", {{"source", "企业自筹"}, {"budget_cny", 20000 * member_count}}},
                        {"publicity_start", dep.AddDays(-14).ToString()}};
        const Json summary{{"purpose", purpose},
                           {"countries", {dest[0]}},
                           {"destinations", {dest[0]}},
                           {"departure_date", dep.ToString()},
                           {"return_date", dep.AddDays(days - 1).ToString()},
                           {"members_count", member_count}};
        char number[32];
        std::snprintf(number, sizeof number, "OT-B-%08ld", seq);
        const calendar::Date back = dep.AddDays(days - 1);
        const std::string state = back < today   ? pick(kStatesOver)
                                  : dep <= today ? "approved"
                                                 : pick(kStatesToCome);
        calendar::Date submitted_on = dep.AddDays(-30);
        if (submitted_on > yesterday)
          submitted_on = yesterday.AddDays(-static_cast<int>(rng() % 240));
        // The SLA deadline runs only while the office or the district reviews.
        const bool in_review =
            state == "district_review" || state == "office_review" || state == "pending_approval";
        // Answered five days after submission (before departure): approved (completed once the
        // trip is over), refused, or sent back, which is no decision (decided_at stays empty).
        const calendar::Date answered_on =
            std::min({submitted_on.AddDays(5), dep.AddDays(-1), yesterday});
        const bool decided = state == "approved" || state == "rejected" || state == "completed";
        const calendar::Date changed_on = in_review ? submitted_on
                                          : state == "completed"
                                              ? std::min(back.AddDays(3), yesterday)
                                              : answered_on;
        const std::string text = data.dump(), sum = summary.dump(), num = number,
                          submitted = at(submitted_on);
        std::string due = dep.AddDays(-10).ToString();
        const long long org = orgs[org_index], user = users[org_index];
        const long long id =
            s.Int(kInsertCase, {{"n", num},
                                {"s", state},
                                {"o", org},
                                {"a", user},
                                {"d", text},
                                {"su", sum},
                                {"c", at(submitted_on.AddDays(-1))},
                                {"u", at(changed_on)},
                                {"sa", submitted},
                                {"de", decided ? db::Value(at(answered_on)) : db::Value()},
                                {"du", in_review ? db::Value(due) : db::Value()}})
                .value_or(0);
        // Indexed as the engine does (core/cases/store.cpp Index): the number and the owner
        // ahead of the module's own heading, the number an identifier too.
        search::Document doc = SearchDocument(data);
        doc.heading = num + " 宁波基准企业 " + doc.heading;
        doc.identifiers.push_back(num);
        search::Index(s, cases::kSearchKind, id, doc);
      }
    });
    done += n;
    if (done % 100000 == 0 || done == count) std::fprintf(stderr, "bench-data: %ld cases\n", done);
  }
  std::printf(
      "bench data: %ld cases, %d enterprises; sign in as bench0 / bench-password-0 or "
      "bench.officer / "
      "bench-password-officer\n",
      count, kEnterprises);
}

}  // namespace waishi::travel
