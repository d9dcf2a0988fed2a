#include "legalization/legalization.h"

#include <array>
#include <map>
#include <set>

#include "core/cases/registry.h"
#include "core/cases/rule.h"
#include "core/documents/documents.h"
#include "core/geo/countries.h"
#include "core/i18n/text.h"
#include "core/notify/notify.h"
#include "core/resources.h"
#include "core/validate/schema.h"
#include "legalization/parts.h"

namespace waishi::legalization {
namespace {

using cases::RuleContext;
using cases::Violation;

// Followed by the list of case ids "(…)": each case's summary (its destination) and number of
// documents (the core's sub-records). A single read does not carry the summary, so it is read
// here for lists and reads alike.
constexpr const char* kCasesAmong = R"(
  SELECT c.id, c.summary,
         (SELECT COUNT(*) FROM case_subrecords s WHERE s.case_id = c.id AND s.kind = 'document')
  FROM cases c WHERE c.id IN )";

// Followed by the list of case ids "(…)": each case's documents that are not refused.
constexpr const char* kDocumentsAmong = R"(
  SELECT case_id, id, data FROM case_subrecords
  WHERE kind = 'document' AND state <> 'refused' AND case_id IN )";

// Followed by the list of country codes "(…)".
constexpr const char* kDestinationsAmong = R"(
  SELECT country, party_since, objects_to_china FROM legalization_destinations
  WHERE country IN )";

constexpr std::array kRuleIds = {
    "legalization.destination_served",  "legalization.has_documents",
    "legalization.documents_done",      "legalization.case_received",
    "legalization.route_apostille",     "legalization.route_legalization",
    "legalization.sent_in_batch",       "legalization.result_legalized",
    "legalization.refuse_outside_batch"};

// The case's documents in a batch not given up, with the batch's state and the document's
// result: the batch moves to the embassy are the batch's own.
constexpr const char* kBatchItems = R"(
  SELECT i.subrecord_id, b.number, b.state, i.result
  FROM legalization_batch_items i JOIN legalization_batches b ON b.id = i.batch_id
  WHERE i.case_id = :c AND b.state IN ('open', 'sent') ORDER BY b.id)";

// ---------------------------------------------------------------------------
// The policy
// ---------------------------------------------------------------------------

}  // namespace

Json DefaultPolicy() {
  Json severity = Json::object();
  for (auto id : kRuleIds) severity[std::string(id)] = "blocking";
  // The office's schedule, in fen; the admin sets it in the policy.
  const auto cny = [](long long fen) { return Json{{"amount", fen}, {"currency", "CNY"}}; };
  return Json{{"processing_working_days", 5},
              {"fees",
               {{"apostille", cny(5000)},
                {"authentication", cny(5000)},
                {"extra_copy", cny(2000)},
                {"urgent", cny(5000)}}},
              {"counter",
               {{"place_zh", "宁波市民服务中心外事服务窗口"},
                {"place_en", "the Foreign Affairs window of the Ningbo Citizens' Service Centre"},
                {"hours_zh", "工作日 9:00–12:00、13:30–17:00"},
                {"hours_en", "working days 9:00–12:00 and 13:30–17:00"}}},
              {"severity", severity}};
}

namespace {

// Each fee a sum in fen of CNY.
Json FeesSchema() {
  const Json fee = {{"type", "object"},
                    {"additionalProperties", false},
                    {"required", {"amount", "currency"}},
                    {"properties",
                     {{"amount", {{"type", "integer"}, {"minimum", 0}, {"maximum", 10000000}}},
                      {"currency", {{"type", "string"}, {"enum", {"CNY"}}}}}}};
  return Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"apostille", "authentication", "extra_copy", "urgent"}},
      {"properties",
       {{"apostille", fee}, {"authentication", fee}, {"extra_copy", fee}, {"urgent", fee}}}};
}

FeeSchedule FeesOf(const Json& policy) {
  const Json& f = policy["fees"];
  const auto fen = [&f](const char* name) { return f[name].value("amount", 0LL); };
  return FeeSchedule{fen("apostille"), fen("authentication"), fen("extra_copy"), fen("urgent")};
}

std::vector<FieldError> ValidatePolicy(const Json& policy) {
  static const Json kSchema = [] {
    Json severities = Json::object();
    for (auto id : kRuleIds)
      severities[std::string(id)] = {{"type", "string"}, {"enum", {"blocking", "warning"}}};
    const Json text = {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}};
    return Json{
        {"type", "object"},
        {"additionalProperties", false},
        {"required", {"processing_working_days", "fees", "counter", "severity"}},
        {"properties",
         {{"processing_working_days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 60}}},
          {"fees", FeesSchema()},
          {"counter",
           {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"place_zh", "place_en", "hours_zh", "hours_en"}},
            {"properties",
             {{"place_zh", text}, {"place_en", text}, {"hours_zh", text}, {"hours_en", text}}}}},
          {"severity",
           {{"type", "object"}, {"additionalProperties", false}, {"properties", severities}}}}}};
  }();
  return validate::CheckSchema(kSchema, policy);
}

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

std::vector<Violation> CheckDestinationServed(const RuleContext& ctx) {
  const std::string code = ctx.data.value("destination", "");
  if (code.empty() || IsServed(code)) return {};
  return {{"destination", i18n::T("legalization.destination.not_served")}};
}

// The number of the case's documents in `states` (all of them when empty).
long long DocumentsIn(const Json& facts, std::initializer_list<std::string_view> states) {
  long long n = 0;
  const Json* by_state = nullptr;
  if (facts.contains("subrecords") && facts["subrecords"].contains("document"))
    by_state = &facts["subrecords"]["document"];
  if (!by_state) return 0;
  for (const auto& [state, count] : by_state->items()) {
    bool counted = states.size() == 0;
    for (auto s : states) counted = counted || s == state;
    if (counted) n += count.get<long long>();
  }
  return n;
}

std::vector<Violation> CheckHasDocuments(const RuleContext& ctx) {
  if (DocumentsIn(ctx.facts, {}) > 0) return {};
  return {{"documents", i18n::T("legalization.rule.has_documents.none")}};
}

std::vector<Violation> CheckDocumentsDone(const RuleContext& ctx) {
  const long long all = DocumentsIn(ctx.facts, {});
  const long long done = DocumentsIn(ctx.facts, {"collected", "refused"});
  if (done == all) return {};
  return {{"documents", i18n::T("legalization.rule.documents_done.open",
                                {{"open", std::to_string(all - done)}})}};
}

// The moved document's batch ({"number", "state", "result"}), or null.
Json BatchOf(const RuleContext& ctx) {
  const std::string id = std::to_string(ctx.facts["subrecord"].value("id", 0LL));
  const auto& batches = ctx.facts.contains("batches") ? ctx.facts["batches"] : Json::object();
  return batches.contains(id) ? batches[id] : Json(nullptr);
}

// Sent to the embassy only as its batch is sent.
std::vector<Violation> CheckSentInBatch(const RuleContext& ctx) {
  const Json batch = BatchOf(ctx);
  if (batch.is_object() && batch.value("state", "") == "sent") return {};
  return {{"batch", i18n::T("legalization.rule.sent_in_batch.no")}};
}

// Legalized only as its batch's return says so.
std::vector<Violation> CheckResultLegalized(const RuleContext& ctx) {
  const Json batch = BatchOf(ctx);
  if (batch.is_object() && batch.value("result", Json()) == "legalized") return {};
  return {{"batch", i18n::T("legalization.rule.result_legalized.no")}};
}

// A document at the embassy is refused by its batch's return; one in an open batch only once
// the batch is given up.
std::vector<Violation> CheckRefuseOutsideBatch(const RuleContext& ctx) {
  const Json batch = BatchOf(ctx);
  if (!batch.is_object()) return {};
  if (batch.value("state", "") == "open") {
    return {{"batch", i18n::T("legalization.rule.refuse_outside_batch.open",
                              {{"batch", batch.value("number", "")}})}};
  }
  if (batch.value("result", Json()) == "refused") return {};
  return {{"batch", i18n::T("legalization.rule.refuse_outside_batch.sent",
                            {{"batch", batch.value("number", "")}})}};
}

std::vector<Violation> CheckCaseReceived(const RuleContext& ctx) {
  if (ctx.facts["case"].value("state", "") == "received") return {};
  return {{"state", i18n::T("legalization.rule.case_received.not_yet")}};
}

// The route the case's destination takes today (facts.legalization, from Facts below).
std::vector<Violation> CheckRoute(const RuleContext& ctx, Route wanted) {
  const Json& facts = ctx.facts;
  if (!facts.contains("legalization")) return {};  // no destination: submit refused it
  const Json& l = facts["legalization"];
  if (l.value("route", "") == RouteName(wanted)) return {};
  const Json& reason = l["reason"];
  return {{"destination", i18n::Text{reason.value("zh", ""), reason.value("en", "")}}};
}

}  // namespace

void RegisterRules(cases::Registry& registry) {
  static const cases::Registry::NamedRule rules[] = {
      {"legalization.destination_served", CheckDestinationServed},
      {"legalization.has_documents", CheckHasDocuments},
      {"legalization.documents_done", CheckDocumentsDone},
      {"legalization.case_received", CheckCaseReceived},
      {"legalization.route_apostille",
       [](const RuleContext& ctx) { return CheckRoute(ctx, Route::kApostille); }},
      {"legalization.route_legalization",
       [](const RuleContext& ctx) { return CheckRoute(ctx, Route::kLegalization); }},
      {"legalization.sent_in_batch", CheckSentInBatch},
      {"legalization.result_legalized", CheckResultLegalized},
      {"legalization.refuse_outside_batch", CheckRefuseOutsideBatch},
  };
  static_assert(std::size(rules) == std::size(kRuleIds));
  registry.AddRules("legalization", rules);
}

std::size_t RuleCount() { return std::size(kRuleIds); }

namespace {

// ---------------------------------------------------------------------------
// Hooks the case engine calls
// ---------------------------------------------------------------------------

// The destination also as a list of one, which the lists' "countries" column shows by name.
Json Summary(const Json& data) {
  const std::string destination = data.value("destination", "");
  return Json{{"destination", destination},
              {"destinations", destination.empty() ? Json::array() : Json::array({destination})},
              {"purpose", data.value("purpose", "")},
              {"urgent", data.value("urgent", false)}};
}

search::Document SearchDocument(const Json& data) {
  search::Document doc;
  doc.body = data.value("purpose", "");
  if (const geo::Country* c = geo::FindCountry(data.value("destination", ""))) {
    doc.body += " " + c->name_zh + " " + c->name_en;
  }
  return doc;
}

// The route the destination takes today, with its reason; the batch of each document in one.
Json Facts(db::Session& s, const cases::CaseRecord& c) {
  Json facts = Json::object();
  Json batches = Json::object();
  if (c.id != 0) {
    s.Query(kBatchItems, {{"c", c.id}}, [&](const db::Row& r) {
      const auto result = db::OptText(r, 3);
      batches[std::to_string(db::Int(r, 0))] = {{"number", db::Text(r, 1)},
                                                {"state", db::Text(r, 2)},
                                                {"result", result ? Json(*result) : Json(nullptr)}};
    });
  }
  facts["batches"] = batches;
  const std::string code = c.data.value("destination", "");
  if (code.empty() || !IsServed(code)) return facts;
  auto d = LoadDestination(s, code);
  if (!d) return facts;
  const Decision decision = Decide(*d, calendar::Date::TodayInChina().ToString());
  facts["legalization"] = {{"route", RouteName(decision.route)},
                           {"reason", decision.reason.ToJson()}};
  return facts;
}

// Each case's route today, its number of documents, and its fees under the policy: each
// document not refused, and the total.
void Decorate(db::Session& s, Json& cases, const Json& policy) {
  if (cases.empty()) return;
  db::Params binds;
  std::string ids;
  for (std::size_t i = 0; i < cases.size(); ++i)
    ids +=
        (i ? ", " : "") + db::Bind(binds, "c" + std::to_string(i), cases[i]["id"].get<long long>());
  struct Found {
    std::string destination;
    long long documents = 0;
    bool urgent = false;
  };
  std::map<long long, Found> found;
  db::Params code_binds;
  std::string codes;
  std::set<std::string> seen;
  s.Query(std::string(kCasesAmong) + "(" + ids + ")", binds, [&](const db::Row& r) {
    const Json summary = db::JsonCol(r, 1);
    const std::string code = summary.value("destination", "");
    found[db::Int(r, 0)] = Found{code, db::Int(r, 2), summary.value("urgent", false)};
    if (!code.empty() && seen.insert(code).second) {
      codes += (codes.empty() ? "" : ", ") +
               db::Bind(code_binds, "d" + std::to_string(code_binds.size()), code);
    }
  });
  // A country without a row is not a party; the rows say otherwise for the parties.
  const std::string today = calendar::Date::TodayInChina().ToString();
  std::map<std::string, std::string> routes;
  for (const auto& code : seen) {
    if (IsServed(code)) routes[code] = RouteName(Decide(Destination{code}, today).route);
  }
  if (!codes.empty()) {
    s.Query(std::string(kDestinationsAmong) + "(" + codes + ")", code_binds, [&](const db::Row& r) {
      Destination d{db::Text(r, 0), "", "", db::OptText(r, 1), db::Bool(r, 2)};
      if (IsServed(d.country)) routes[d.country] = RouteName(Decide(d, today).route);
    });
  }
  std::map<long long, std::vector<std::pair<long long, long long>>> copies;  // case → id, copies
  s.Query(std::string(kDocumentsAmong) + "(" + ids + ") ORDER BY id", binds, [&](const db::Row& r) {
    copies[db::Int(r, 0)].emplace_back(db::Int(r, 1), db::JsonCol(r, 2).value("copies", 1LL));
  });
  const FeeSchedule fees = FeesOf(policy);
  for (auto& c : cases) {
    const long long id = c["id"].get<long long>();
    const auto it = found.find(id);
    const std::string code = it == found.end() ? "" : it->second.destination;
    c["documents_count"] = it == found.end() ? 0 : it->second.documents;
    const auto r = routes.find(code);
    c["route"] = r == routes.end() ? Json(nullptr) : Json(r->second);
    if (r == routes.end()) {
      c["fees"] = nullptr;
      continue;
    }
    const Route route = r->second == "apostille" ? Route::kApostille : Route::kLegalization;
    const bool urgent = it != found.end() && it->second.urgent;
    Json each = Json::array();
    long long total = 0;
    for (const auto& [document, n] : copies[id]) {
      const long long fee = DocumentFee(fees, route, n, urgent);
      total += fee;
      each.push_back({{"document", document}, {"amount", fee}, {"currency", "CNY"}});
    }
    c["fees"] = {{"documents", each}, {"total", {{"amount", total}, {"currency", "CNY"}}}};
  }
}

// ---------------------------------------------------------------------------
// Effects
// ---------------------------------------------------------------------------

// A document is ready: the applicant is told where and when to collect it.
void NotifyReady(const cases::EffectCall& e) {
  if (!e.subrecord) throw std::logic_error("legalization.notify_ready runs on a document");
  const Json& doc = *e.subrecord;
  const Json& counter = e.policy["counter"];
  const std::string kind = doc["data"].value("kind", "other");
  const i18n::Text kind_label = i18n::T("legalization.document_kind." + kind);
  auto both = [&counter](const std::string& name) {
    return Json{{"zh", counter.value(name + "_zh", "")}, {"en", counter.value(name + "_en", "")}};
  };
  notify::Send(e.tx, notify::Message{e.c.applicant_id,
                                     "legalization.notify.ready",
                                     {{"case", e.c.number},
                                      {"document", kind_label.ToJson()},
                                      {"holder", doc["data"].value("holder", "")},
                                      {"place", both("place")},
                                      {"hours", both("hours")}},
                                     "/cases/" + std::to_string(e.c.id)});
}

// A document refused (by the office, or by the embassy on a batch's return): the applicant
// is told which and why.
void NotifyRefused(const cases::EffectCall& e) {
  if (!e.subrecord) throw std::logic_error("legalization.notify_refused runs on a document");
  const Json& doc = *e.subrecord;
  const i18n::Text kind_label =
      i18n::T("legalization.document_kind." + doc["data"].value("kind", "other"));
  notify::Send(e.tx, notify::Message{e.c.applicant_id,
                                     "legalization.notify.refused",
                                     {{"case", e.c.number},
                                      {"document", kind_label.ToJson()},
                                      {"holder", doc["data"].value("holder", "")},
                                      {"reason", e.comment}},
                                     "/cases/" + std::to_string(e.c.id)});
}

void Setup(App& app) {
  app.cases.AddDesk({std::string(kDesk), i18n::T("legalization.desk")});
  RegisterRules(app.cases);
  app.policies.Add(cases::PolicySpec{std::string(kType), DefaultPolicy(), ValidatePolicy});
  documents::AddKind(app, std::string(kApostilleKind), i18n::T("legalization.apostille.kind"));
  app.cases.AddEffect("legalization.notify_ready", NotifyReady);
  app.cases.AddEffect("legalization.notify_refused", NotifyRefused);
  app.cases.AddEffect("legalization.issue_apostille",
                      [&app](const cases::EffectCall& e) { IssueApostille(app, e); });
  cases::TypeHooks hooks;
  hooks.summary = Summary;
  hooks.search = SearchDocument;
  hooks.facts = Facts;
  hooks.decorate = [&app](db::Session& s, Json& cases) {
    Decorate(s, cases, app.policies.Load(s, kType));
  };
  app.cases.AddType(Resource("src/legalization/legalization.json"), std::move(hooks));
  RegisterDestinations(app);
  RegisterBatches(app);
}

}  // namespace

waishi::Module Module() {
  waishi::Module m;
  m.name = "legalization";
  m.migrations = "src/legalization/migrations/";
  m.setup = Setup;
  m.demo = LoadDemo;
  return m;
}

}  // namespace waishi::legalization
