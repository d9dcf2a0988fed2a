// The visa module's demo, on top of the core's: the office's staff on the visa desk, and
// applications by the demo citizen (for herself and her parents) and the demo enterprises (for
// their staff) in every state — a draft, one awaiting the desk's check, one returned for
// correction, accepted ones, a batch of passports returned by the Consulate General of Japan in
// Shanghai (two visas issued, one of them collected, and one refused) and a batch lodged there
// two days ago, a rejected and a withdrawn application. Each history runs through the real
// engine at the time it happened; every application carries its catalog checklist.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>
#include <vector>

#include "core/calendar/working_days.h"
#include "core/cases/engine.h"
#include "core/clock.h"
#include "core/documents/documents.h"
#include "visa/parts.h"

namespace waishi::visa {
namespace {

using calendar::Date;

struct Traveller {
  const char* name_zh;
  const char* surname;
  const char* given_names;
  const char* sex;
  const char* birth_date;
  const char* passport_number;
  const char* passport_expiry;
  int blank_pages;
};

struct Step {
  int days_ago;
  const char* action;        // by the owner (submit, withdraw) or the desk (the others)
  const char* comment = "";  // return, reject
};

struct ApplicationSpec {
  const char* applicant;  // username
  const char* country;
  const char* kind;
  const char* applicant_for;
  const char* relationship;  // "" unless for a family member
  Traveller traveller;
  const char* phone;
  int created_days_ago;
  int depart_in_days;  // from today
  int trip_days;
  std::vector<Step> steps;
  bool all_documents = true;  // false: a draft with part of its checklist
};

const std::vector<ApplicationSpec>& Applications() {
  static const std::vector<ApplicationSpec> specs = {
      // 0: a draft, half its checklist attached.
      {"citizen",
       "JP",
       "tourism",
       "self",
       "",
       {"李华", "LI", "HUA", "F", "1996-04-18", "EJ5823417", "2034-03-09", 28},
       "13805741234",
       1,
       40,
       7,
       {},
       false},
      // 1: for her mother, waiting for the desk's check.
      {"citizen",
       "JP",
       "family",
       "family",
       "母亲",
       {"王秀英", "WANG", "XIUYING", "F", "1968-11-02", "EH2204816", "2031-07-22", 30},
       "13805741234",
       3,
       30,
       10,
       {{2, "submit"}}},
      // 2: accepted, waiting for the next batch to Germany.
      {"ent.normal",
       "DE",
       "business",
       "staff",
       "",
       {"陈立新", "CHEN", "LIXIN", "M", "1985-06-30", "EK6630172", "2033-01-14", 18},
       "0574-87901234",
       6,
       25,
       8,
       {{5, "submit"}, {4, "accept"}}},
      // 3–5: batch VB-1 to Japan, returned: issued and collected, issued, refused.
      {"ent.cee",
       "JP",
       "business",
       "staff",
       "",
       {"周晓燕", "ZHOU", "XIAOYAN", "F", "1990-02-11", "EG4417820", "2032-09-30", 22},
       "0574-87123456",
       20,
       12,
       6,
       {{19, "submit"}, {18, "accept"}, {7, "collect"}}},
      {"ent.cee",
       "JP",
       "business",
       "staff",
       "",
       {"吴建华", "WU", "JIANHUA", "M", "1982-08-25", "EF9035561", "2030-12-03", 9},
       "0574-87123456",
       20,
       12,
       6,
       {{19, "submit"}, {18, "accept"}}},
      {"citizen",
       "JP",
       "family",
       "family",
       "父亲",
       {"李国强", "LI", "GUOQIANG", "M", "1966-03-07", "E93720156", "2029-05-17", 12},
       "13805741234",
       21,
       15,
       10,
       {{20, "submit"}, {18, "accept"}}},
      // 6–7: batch VB-2 to Japan, lodged two days ago.
      {"ent.green",
       "JP",
       "business",
       "staff",
       "",
       {"郑海波", "ZHENG", "HAIBO", "M", "1979-12-19", "EL1187345", "2035-02-26", 31},
       "0574-86655443",
       6,
       20,
       5,
       {{5, "submit"}, {4, "accept"}}},
      {"ent.normal",
       "JP",
       "business",
       "staff",
       "",
       {"何静", "HE", "JING", "F", "1993-05-08", "EM0356728", "2034-10-11", 30},
       "0574-87901234",
       6,
       20,
       5,
       {{5, "submit"}, {4, "accept"}}},
      // 8: returned for correction.
      {"citizen",
       "KR",
       "tourism",
       "self",
       "",
       {"李华", "LI", "HUA", "F", "1996-04-18", "EJ5823417", "2034-03-09", 28},
       "13805741234",
       8,
       35,
       5,
       {{7, "submit"},
        {6, "return",
         "银行流水须为最近六个月、加盖银行印章。 The bank statement must cover the last six months "
         "and bear the bank's stamp."}}},
      // 9: rejected.
      {"ent.yongjiang",
       "US",
       "business",
       "staff",
       "",
       {"林海", "LIN", "HAI", "M", "1988-01-23", "EE7720934", "2031-11-30", 16},
       "0574-86543210",
       15,
       45,
       10,
       {{14, "submit"},
        {13, "reject",
         "申请人持有有效期至 2028 年的美国 B1/B2 签证,无需重新申请。 The applicant holds a US "
         "B1/B2 visa valid until 2028 and needs no new one."}}},
      // 10: withdrawn by the enterprise.
      {"ent.other",
       "GB",
       "business",
       "staff",
       "",
       {"赵敏", "ZHAO", "MIN", "F", "1991-10-15", "EK2290455", "2032-04-05", 20},
       "0574-87345678",
       10,
       30,
       7,
       {{9, "submit"}, {8, "withdraw"}}},
  };
  return specs;
}

struct BatchSpec {
  std::vector<int> applications;  // indexes into Applications()
  int dispatch_days_ago;
  int returned_days_ago;  // -1: not back yet
  // For each application, in order: "" issued, else the consulate's refusal.
  std::vector<const char*> refusals;
};

const std::vector<BatchSpec>& Batches() {
  static const std::vector<BatchSpec> specs = {
      {{3, 4, 5},
       16,
       9,
       {"", "",
        "领馆经审查决定不予签发,未说明理由。 The consulate decided not to issue the visa and gave "
        "no reason."}},
      {{6, 7}, 2, -1, {}},
  };
  return specs;
}

// A stand-in scan for each document slot: a page saying what it stands for.
class Scans {
 public:
  explicit Scans(const cases::CaseType& type) : type_(type) {}
  const std::string& Of(const std::string& slot) {
    auto it = scans_.find(slot);
    if (it != scans_.end()) return it->second;
    const i18n::Text label = type_.FindDocument(slot)->label;
    const i18n::Text note = i18n::T("visa.demo.scan");
    documents::Content c;
    c.title = label.zh + " " + label.en;
    c.body = {documents::Paragraph{note.zh + "\n" + note.en}};
    return scans_.emplace(slot, documents::Render(c)).first->second;
  }

 private:
  const cases::CaseType& type_;
  std::map<std::string, std::string> scans_;
};

Json DataOf(const ApplicationSpec& spec, Date today) {
  const Traveller& t = spec.traveller;
  const Date depart = today.AddDays(spec.depart_in_days);
  Json data{{"country", spec.country},
            {"visa_kind", spec.kind},
            {"applicant_for", spec.applicant_for},
            {"name_zh", t.name_zh},
            {"surname", t.surname},
            {"given_names", t.given_names},
            {"sex", t.sex},
            {"birth_date", t.birth_date},
            {"passport_number", t.passport_number},
            {"passport_expiry", t.passport_expiry},
            {"blank_pages", t.blank_pages},
            {"depart_date", depart.ToString()},
            {"return_date", depart.AddDays(spec.trip_days - 1).ToString()},
            {"phone", spec.phone}};
  if (*spec.relationship) data["relationship"] = spec.relationship;
  return data;
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
  Scans scans(*app.cases.FindType(kType));
  const Date today = Date::TodayInChina();
  const auth::Principal desk = ctx.principal("officer");

  // Every application up to its acceptance (or its end before one), oldest first so that the
  // numbers follow the dates; the steps after a batch wait for the batches.
  const auto& specs = Applications();
  std::vector<std::size_t> order(specs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return specs[a].created_days_ago > specs[b].created_days_ago;
  });
  std::vector<long long> ids(specs.size());
  for (const std::size_t i : order) {
    const ApplicationSpec& spec = specs[i];
    const auth::Principal owner = ctx.principal(spec.applicant);
    const Date created = today.AddDays(-spec.created_days_ago);
    {
      clock::ClockShift then(DemoMoment(created));
      // The application as it was then: the trip lay ahead of it.
      ids[i] = engine.Create(owner, std::string(kType), DataOf(spec, today))["id"];
      const auto destination =
          db.Read([&](db::Session& s) { return LoadDestination(s, spec.country); });
      const VisaKind* kind = destination ? destination->FindKind(spec.kind) : nullptr;
      if (!kind) {
        throw std::logic_error(std::string("visa demo: the catalog has no ") + spec.kind +
                               " visa for " + spec.country);
      }
      const std::size_t count =
          spec.all_documents ? kind->documents.size() : kind->documents.size() / 2;
      for (std::size_t d = 0; d < count; ++d) {
        const std::string& slot = kind->documents[d];
        engine.Attach(owner, ids[i], cases::Upload{slot + ".pdf", scans.Of(slot), slot});
      }
    }
    int minute = 0;
    for (const Step& step : spec.steps) {
      if (std::string_view(step.action) == "collect") continue;  // after its batch
      clock::ClockShift then(DemoMoment(today.AddDays(-step.days_ago), ++minute));
      const bool by_owner =
          std::string_view(step.action) == "submit" || std::string_view(step.action) == "withdraw";
      engine.Transition(by_owner ? owner : desk, ids[i],
                        cases::TransitionRequest{step.action, step.comment});
    }
  }

  int batches = 0;
  for (const BatchSpec& b : Batches()) {
    std::vector<long long> members;
    for (const int i : b.applications) members.push_back(ids[i]);
    const std::string country = specs[b.applications.front()].country;
    const Date dispatched = today.AddDays(-b.dispatch_days_ago);
    long long batch = 0;
    {
      clock::ClockShift then(DemoMoment(dispatched, 30));
      batch = db.Write([&](db::Session& s) {
        const long long made = CreateBatch(s, desk, country, dispatched.ToString(), members);
        SendBatch(s, engine, desk, made);
        return made;
      });
    }
    ++batches;
    if (b.returned_days_ago < 0) continue;
    const Date back = today.AddDays(-b.returned_days_ago);
    std::vector<Result> results;
    for (std::size_t n = 0; n < members.size(); ++n) {
      const char* refusal = b.refusals[n];
      if (*refusal) {
        results.push_back(Result{members[n], false, nullptr, refusal});
        continue;
      }
      // A short-term visa for the trip: valid 90 days from issue, one entry of up to 15 days.
      results.push_back(Result{members[n],
                               true,
                               {{"visa_valid_from", back.ToString()},
                                {"visa_valid_until", back.AddDays(89).ToString()},
                                {"visa_entries", "single"},
                                {"visa_stay_days", 15}},
                               ""});
    }
    clock::ClockShift then(DemoMoment(back, 45));
    db.Write([&](db::Session& s) { RecordResults(s, engine, desk, batch, results); });
  }

  // The collections, after the passports came back.
  for (std::size_t i = 0; i < specs.size(); ++i) {
    for (const Step& step : specs[i].steps) {
      if (std::string_view(step.action) != "collect") continue;
      clock::ClockShift then(DemoMoment(today.AddDays(-step.days_ago), 50));
      engine.Transition(desk, ids[i], cases::TransitionRequest{"collect"});
    }
  }
  db.Flush();
  std::printf("%s\n", i18n::T("visa.demo.loaded", {{"count", std::to_string(specs.size())},
                                                   {"batches", std::to_string(batches)}})
                          .en.c_str());
}

}  // namespace waishi::visa
