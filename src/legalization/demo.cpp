// The legalization module's demo, on top of the core's: the office's staff on the
// legalization desk, and applications by the demo citizen and enterprises in every state —
// a degree bound for Germany (apostille), family documents for India (legalization: India
// objected to China's accession), a marriage certificate for Viet Nam (a party since
// 2026-09-11), invoices for Saudi Arabia, a power of attorney for the United Arab Emirates
// (not a party). Each history runs through the real engine at the time it happened.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

#include "core/calendar/working_days.h"
#include "core/cases/engine.h"
#include "core/clock.h"
#include "legalization/parts.h"

namespace waishi::legalization {
namespace {

using calendar::Date;

struct DocumentSpec {
  const char* kind;
  const char* holder;
  const char* issued_by;
  const char* notarial_number;  // "" for none
  int pages;
  int copies;
  std::vector<const char*> actions;  // by the desk, one working step apart
  const char* comment = "";          // for refuse
};

struct ApplicationSpec {
  const char* applicant;  // username
  const char* destination;
  const char* purpose;
  bool urgent;
  const char* phone;
  int created_days_ago;
  bool submit;
  std::vector<DocumentSpec> documents;
  const char* closing = "";  // after the documents: "complete" or "reject" (by the desk)
  const char* comment = "";
  // After the documents' own actions: their batch to the embassy, "sent" or "returned" (to the
  // post on record for the destination, migration 0003), and then the actions of every document.
  const char* batch = "";
  std::vector<const char*> after_batch = {};
};

const std::vector<ApplicationSpec>& Applications() {
  static const std::vector<ApplicationSpec> specs = {
      {"citizen",
       "DE",
       "赴德国亚琛工业大学攻读硕士学位 Master's studies at RWTH Aachen University",
       false,
       "13805741234",
       12,
       true,
       {{"degree",
         "李华",
         "宁波大学",
         "(2026)浙甬海证字第 8812 号",
         2,
         1,
         {"check", "apostille", "return"}},
        {"criminal_record",
         "李华",
         "宁波市公安局海曙分局",
         "(2026)浙甬海证字第 8813 号",
         1,
         1,
         {"check", "apostille", "return", "collect"}}}},
      {"citizen",
       "IN",
       "赴印度班加罗尔探亲 Family visit in Bengaluru",
       false,
       "13805741234",
       20,
       true,
       {{"kinship",
         "李华、李明",
         "宁波市海曙公证处",
         "(2026)浙甬海证字第 7420 号",
         1,
         2,
         {"check", "authenticate"}},
        {"birth",
         "李明",
         "宁波市海曙公证处",
         "(2026)浙甬海证字第 7421 号",
         1,
         1,
         {"check", "authenticate"}}},
       "",
       "",
       "sent"},
      {"citizen",
       "VN",
       "在越南河内办理结婚登记 Marriage registration in Hanoi",
       false,
       "13805741234",
       2,
       false,
       {{"marriage", "李华", "宁波市海曙区民政局", "(2026)浙甬海证字第 9105 号", 1, 1, {}}}},
      {"ent.normal",
       "SA",
       "利雅得智能仓储项目投标 Tender for a smart-warehouse project in Riyadh",
       true,
       "0574-87001234",
       30,
       true,
       {{"commercial_invoice",
         "宁波智能装备有限公司",
         "宁波智能装备有限公司",
         "",
         3,
         2,
         {"check", "apostille", "return", "collect"}},
        {"certificate_of_origin",
         "宁波智能装备有限公司",
         "中国国际贸易促进委员会宁波市委员会",
         "",
         1,
         2,
         {"check", "apostille", "return", "collect"}}},
       "complete"},
      {"ent.other",
       "AE",
       "在迪拜设立分公司 Registering a branch in Dubai",
       false,
       "0574-88990011",
       26,
       true,
       {{"business_licence",
         "宁波东方纺织进出口有限公司",
         "宁波市市场监督管理局",
         "(2026)浙甬鄞证字第 3316 号",
         1,
         1,
         {"check", "authenticate"}},
        {"power_of_attorney",
         "王丽娟",
         "宁波市鄞州公证处",
         "(2026)浙甬鄞证字第 3317 号",
         2,
         1,
         {"check", "authenticate"}}},
       "",
       "",
       "returned",
       {"return"}},
      {"ent.cee",
       "HK",
       "在香港设立贸易公司 Registering a trading company in Hong Kong",
       false,
       "0574-87654321",
       16,
       true,
       {{"business_licence",
         "宁波中东欧贸易有限公司",
         "宁波市市场监督管理局",
         "(2026)浙甬海证字第 6650 号",
         1,
         1,
         {"check", "apostille"}}}},
      {"ent.yongjiang",
       "US",
       "美国子公司银行开户 Opening a bank account for the US subsidiary",
       false,
       "0574-87776655",
       9,
       true,
       {{"other",
         "宁波甬江电器集团有限公司",
         "宁波甬江电器集团有限公司",
         "",
         12,
         1,
         {"refuse"},
         "公司章程复印件不是公文书,须先办理公证。 A copy of the articles of association is not a "
         "public document: have it notarized first."}},
       "reject",
       "所附文书均不予办理,请公证后重新申请。 No document could be handled; apply again after "
       "notarization."},
  };
  return specs;
}

}  // namespace

void LoadDemo(App& app, DemoContext& ctx) {
  db::Database& db = app.db;
  db.Write([&](db::Session& s) {
    for (const char* username : {"officer", "officer2", "approver"}) {
      s.Exec("INSERT INTO user_desks (user_id, desk) VALUES (:u, :d)",
             {{"u", ctx.users.at(username)}, {"d", std::string(kDesk)}});
    }
  });
  cases::Engine engine(app);
  const Date today = Date::TodayInChina();
  int count = 0;
  // In the order they came, so that their numbers follow their dates.
  std::vector<const ApplicationSpec*> specs;
  for (const auto& spec : Applications()) specs.push_back(&spec);
  std::stable_sort(specs.begin(), specs.end(), [](const auto* a, const auto* b) {
    return a->created_days_ago > b->created_days_ago;
  });
  for (const ApplicationSpec* each : specs) {
    const ApplicationSpec& spec = *each;
    const Date created = today.AddDays(-spec.created_days_ago);
    const auth::Principal owner = ctx.principal(spec.applicant);
    const auth::Principal desk = ctx.principal("officer2");
    long long id = 0;
    std::vector<long long> documents;
    {
      clock::ClockShift then(DemoMoment(created, 0));
      const Json data{{"destination", spec.destination},
                      {"purpose", spec.purpose},
                      {"urgent", spec.urgent},
                      {"phone", spec.phone}};
      id = engine.Create(owner, std::string(kType), data)["id"];
      for (const auto& d : spec.documents) {
        Json doc{{"kind", d.kind},
                 {"holder", d.holder},
                 {"issued_by", d.issued_by},
                 {"pages", d.pages},
                 {"copies", d.copies}};
        if (*d.notarial_number) doc["notarial_number"] = d.notarial_number;
        documents.push_back(engine.AddSubrecord(owner, id, "document", doc)["id"]);
      }
    }
    if (!spec.submit) {
      ++count;
      continue;
    }
    int step = 0;
    // Each step a working day after the last, never after today.
    auto when = [&] {
      const Date day = std::min(created.AddDays(1 + step), today);
      return DemoMoment(day, 10 * step++);
    };
    {
      clock::ClockShift then(when());
      engine.Transition(owner, id, cases::TransitionRequest{"submit", "", Json::object(), nullptr});
    }
    std::size_t longest = 0;
    for (const auto& d : spec.documents) longest = std::max(longest, d.actions.size());
    // The documents move side by side: each one's n-th action on the same day.
    for (std::size_t n = 0; n < longest; ++n) {
      clock::ClockShift then(when());
      for (std::size_t i = 0; i < spec.documents.size(); ++i) {
        const DocumentSpec& d = spec.documents[i];
        if (n >= d.actions.size()) continue;
        const std::string action = d.actions[n];
        engine.TransitionSubrecord(desk, id, documents[i], action,
                                   action == "refuse" ? d.comment : "");
      }
    }
    if (*spec.batch) {
      // The documents go to the embassy in a batch, and come back with it a few days later.
      long long batch = 0;
      {
        clock::ClockShift then(when());
        batch = db.Write([&](db::Session& s) {
          const long long made = CreateBatch(s, desk, spec.destination, std::nullopt, documents);
          SendBatch(s, engine, desk, made);
          return made;
        });
      }
      if (std::string_view(spec.batch) == "returned") {
        step += 4;
        clock::ClockShift then(when());
        db.Write([&](db::Session& s) { ReturnBatch(s, engine, desk, batch, {}); });
      }
      for (const char* action : spec.after_batch) {
        clock::ClockShift then(when());
        for (const long long d : documents) engine.TransitionSubrecord(desk, id, d, action, "");
      }
    }
    if (*spec.closing) {
      clock::ClockShift then(when());
      engine.Transition(
          desk, id, cases::TransitionRequest{spec.closing, spec.comment, Json::object(), nullptr});
    }
    ++count;
  }
  db.Flush();
  std::printf("%s\n",
              i18n::T("legalization.demo.loaded", {{"count", std::to_string(count)}}).en.c_str());
}

}  // namespace waishi::legalization
