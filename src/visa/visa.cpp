#include "visa/visa.h"

#include <array>
#include <map>
#include <set>

#include "core/calendar/working_days.h"
#include "core/cases/registry.h"
#include "core/cases/rule.h"
#include "core/clock.h"
#include "core/geo/countries.h"
#include "core/i18n/text.h"
#include "core/notify/notify.h"
#include "core/resources.h"
#include "core/validate/schema.h"
#include "visa/parts.h"

namespace waishi::visa {
namespace {

using calendar::Date;
using cases::RuleContext;
using cases::Violation;

// The case's item in the batch being sent (lodging) or returning (its result), if any.
constexpr const char* kBatchItem = R"(
  SELECT b.state, i.result FROM visa_batch_items i JOIN visa_batches b ON b.id = i.batch_id
  WHERE i.case_id = :c AND b.state IN ('sent', 'partly_returned') ORDER BY b.id DESC)";

constexpr const char* kRecordFees = R"(
  INSERT INTO visa_fees (case_id, visa_fee_amount, visa_fee_currency, agency_fee_amount,
                         recorded_at)
  VALUES (:c, :va, :vc, :aa, :at)
  ON CONFLICT (case_id) DO UPDATE
  SET visa_fee_amount = excluded.visa_fee_amount, visa_fee_currency = excluded.visa_fee_currency,
      agency_fee_amount = excluded.agency_fee_amount, recorded_at = excluded.recorded_at)";

// Followed by the list of case ids "(…)": each case's summary, the fees taken on acceptance
// (if it was accepted) and its latest batch not cancelled ({"id", "number", "state",
// "dispatch_date"}).
constexpr const char* kCasesAmong = R"(
  SELECT c.id, c.summary, f.visa_fee_amount, f.visa_fee_currency, f.agency_fee_amount,
         b.id, b.number, b.state, b.dispatch_date
  FROM cases c LEFT JOIN visa_fees f ON f.case_id = c.id
  LEFT JOIN visa_batches b ON b.id = (
    SELECT MAX(i.batch_id) FROM visa_batch_items i JOIN visa_batches l ON l.id = i.batch_id
    WHERE i.case_id = c.id AND l.state <> 'cancelled')
  WHERE c.id IN )";

constexpr std::array kRuleIds = {"visa.destination_offered",
                                 "visa.kind_offered",
                                 "visa.travel_dates",
                                 "visa.passport_validity",
                                 "visa.blank_pages",
                                 "visa.documents_complete",
                                 "visa.in_batch",
                                 "visa.validity_order",
                                 "visa.relationship",
                                 "visa.result_issued",
                                 "visa.result_refused"};

// ---------------------------------------------------------------------------
// The policy
// ---------------------------------------------------------------------------

std::vector<FieldError> ValidatePolicy(const Json& policy) {
  static const Json kSchema = [] {
    Json severities = Json::object();
    for (auto id : kRuleIds)
      severities[std::string(id)] = {{"type", "string"}, {"enum", {"blocking", "warning"}}};
    const Json text = {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}};
    const auto days = [](int max) {
      return Json{{"type", "integer"}, {"minimum", 1}, {"maximum", max}};
    };
    return Json{
        {"type", "object"},
        {"additionalProperties", false},
        {"required",
         {"check_working_days", "collection_days", "passport_validity_months", "min_blank_pages",
          "counter", "severity"}},
        {"properties",
         {{"check_working_days", days(30)},
          {"collection_days", days(365)},
          {"passport_validity_months", {{"type", "integer"}, {"minimum", 0}, {"maximum", 24}}},
          {"min_blank_pages", {{"type", "integer"}, {"minimum", 0}, {"maximum", 10}}},
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

// The module's facts about the case (from Facts below): {"offered", "kinds", "documents",
// "batch": {"state", "result"} of the batch being sent or returning with it, or null}.
const Json& VisaFacts(const RuleContext& ctx) {
  static const Json kNone = Json{{"offered", false}};
  const auto it = ctx.facts.find("visa");
  return it == ctx.facts.end() ? kNone : *it;
}

std::optional<Date> DateField(const Json& data, const char* name) {
  return Date::Parse(data.value(name, ""));
}

std::vector<Violation> CheckDestinationOffered(const RuleContext& ctx) {
  const std::string code = ctx.data.value("country", "");
  if (code.empty() || VisaFacts(ctx).value("offered", false)) return {};
  return {{"country",
           i18n::T("visa.rule.destination_offered.no", {{"country", geo::CountryName(code)}})}};
}

std::vector<Violation> CheckKindOffered(const RuleContext& ctx) {
  const Json& v = VisaFacts(ctx);
  const std::string kind = ctx.data.value("visa_kind", "");
  if (!v.value("offered", false) || kind.empty()) return {};
  for (const auto& k : v["kinds"]) {
    if (k == kind) return {};
  }
  return {{"visa_kind", i18n::T("visa.rule.kind_offered.no",
                                {{"country", geo::CountryName(ctx.data.value("country", ""))}})}};
}

std::vector<Violation> CheckTravelDates(const RuleContext& ctx) {
  const auto depart = DateField(ctx.data, "depart_date");
  const auto back = DateField(ctx.data, "return_date");
  std::vector<Violation> out;
  if (depart && *depart < ctx.today)
    out.push_back({"depart_date", i18n::T("visa.rule.travel_dates.past")});
  if (depart && back && *back < *depart)
    out.push_back({"return_date", i18n::T("visa.rule.travel_dates.order")});
  return out;
}

// Most consulates want the passport valid for six months (the policy's) beyond the return.
std::vector<Violation> CheckPassportValidity(const RuleContext& ctx) {
  const auto expiry = DateField(ctx.data, "passport_expiry");
  const auto back = DateField(ctx.data, "return_date");
  if (!expiry || !back) return {};
  const int months = ctx.policy.value("passport_validity_months", 6);
  const Date needed = back->AddMonths(months);
  if (*expiry >= needed) return {};
  return {{"passport_expiry",
           i18n::T("visa.rule.passport_validity.short",
                   {{"months", std::to_string(months)}, {"date", needed.ToString()}})}};
}

std::vector<Violation> CheckBlankPages(const RuleContext& ctx) {
  const long long pages = ctx.data.value("blank_pages", -1LL);
  const long long needed = ctx.policy.value("min_blank_pages", 2LL);
  if (pages < 0 || pages >= needed) return {};
  return {
      {"blank_pages", i18n::T("visa.rule.blank_pages.few", {{"pages", std::to_string(needed)}})}};
}

// Lodged only by sending its batch (the batch is marked sent, then each case lodged).
std::vector<Violation> CheckInBatch(const RuleContext& ctx) {
  const Json batch = VisaFacts(ctx).value("batch", Json());
  if (batch.is_object() && batch.value("state", "") == "sent") return {};
  return {{"batch", i18n::T("visa.rule.in_batch.no")}};
}

// A result is recorded on the case's batch (which writes it, then moves the case): the batch
// and its cases cannot disagree.
std::vector<Violation> CheckResult(const RuleContext& ctx, std::string_view result) {
  const Json batch = VisaFacts(ctx).value("batch", Json());
  if (batch.is_object() && batch.value("result", Json()) == result) return {};
  return {{"batch", i18n::T("visa.rule.result.on_batch")}};
}

std::vector<Violation> CheckRelationship(const RuleContext& ctx) {
  if (ctx.data.value("applicant_for", "") != "family") return {};
  const std::string relationship = ctx.data.value("relationship", "");
  if (relationship.find_first_not_of(" \t") != std::string::npos) return {};
  return {{"relationship", i18n::T("visa.rule.relationship.missing")}};
}

std::vector<Violation> CheckValidityOrder(const RuleContext& ctx) {
  const auto from = DateField(ctx.data, "visa_valid_from");
  const auto until = DateField(ctx.data, "visa_valid_until");
  if (!from || !until || *from <= *until) return {};
  return {{"visa_valid_until", i18n::T("visa.rule.validity_order.reversed")}};
}

}  // namespace

Json DefaultPolicy() {
  Json severity = Json::object();
  for (auto id : kRuleIds) severity[std::string(id)] = "blocking";
  return Json{{"check_working_days", 2},
              {"collection_days", 30},
              {"passport_validity_months", 6},
              {"min_blank_pages", 2},
              {"counter",
               {{"place_zh", "宁波市民服务中心外事服务窗口"},
                {"place_en", "the Foreign Affairs window of the Ningbo Citizens' Service Centre"},
                {"hours_zh", "工作日 9:00–12:00、13:30–17:00"},
                {"hours_en", "working days 9:00–12:00 and 13:30–17:00"}}},
              {"severity", severity}};
}

// The checklist rule names each missing document by its slot's label, from the case type
// (registered before the rules).
void RegisterRules(cases::Registry& registry) {
  const cases::CaseType* type = registry.FindType(kType);
  if (!type) throw std::logic_error("the visa rules need their case type registered first");
  std::map<std::string, i18n::Text> slots;
  for (const auto& slot : type->documents) slots[slot.kind] = slot.label;
  auto documents_complete = [slots](const RuleContext& ctx) {
    std::vector<Violation> out;
    const Json& present = ctx.facts.contains("documents") ? ctx.facts["documents"] : Json::object();
    for (const auto& slot : VisaFacts(ctx).value("documents", Json::array())) {
      const std::string kind = slot;
      if (present.value(kind, 0LL) > 0) continue;
      const auto label = slots.find(kind);
      out.push_back(
          {"documents." + kind,
           i18n::T("visa.rule.documents_complete.missing",
                   {{"document", label == slots.end() ? i18n::Text{kind, kind} : label->second}})});
    }
    return out;
  };
  const cases::Registry::NamedRule rules[] = {
      {"visa.destination_offered", CheckDestinationOffered},
      {"visa.kind_offered", CheckKindOffered},
      {"visa.travel_dates", CheckTravelDates},
      {"visa.passport_validity", CheckPassportValidity},
      {"visa.blank_pages", CheckBlankPages},
      {"visa.documents_complete", documents_complete},
      {"visa.in_batch", CheckInBatch},
      {"visa.validity_order", CheckValidityOrder},
      {"visa.relationship", CheckRelationship},
      {"visa.result_issued", [](const RuleContext& ctx) { return CheckResult(ctx, "issued"); }},
      {"visa.result_refused", [](const RuleContext& ctx) { return CheckResult(ctx, "refused"); }},
  };
  static_assert(std::size(rules) == std::size(kRuleIds));
  registry.AddRules("visa", rules);
}

namespace {

// ---------------------------------------------------------------------------
// Hooks the case engine calls
// ---------------------------------------------------------------------------

// The destination also as a list of one, which the lists' "countries" column shows by name.
Json Summary(const Json& data) {
  const std::string country = data.value("country", "");
  return Json{{"country", country},
              {"destinations", country.empty() ? Json::array() : Json::array({country})},
              {"visa_kind", data.value("visa_kind", "")},
              {"name_zh", data.value("name_zh", "")},
              {"depart_date", data.value("depart_date", "")}};
}

// Officers look an application up by the traveller's name in either script, or the passport.
search::Document SearchDocument(const Json& data) {
  search::Document doc;
  doc.heading = data.value("name_zh", "") + " " + data.value("surname", "") + " " +
                data.value("given_names", "");
  if (const std::string passport = data.value("passport_number", ""); !passport.empty())
    doc.identifiers.push_back(passport);
  const i18n::Text country = geo::CountryName(data.value("country", ""));
  doc.body = country.zh + " " + country.en;
  return doc;
}

Json Facts(db::Session& s, const cases::CaseRecord& c) {
  Json v{{"offered", false},
         {"kinds", Json::array()},
         {"documents", Json::array()},
         {"batch", nullptr}};
  const std::string code = c.data.value("country", "");
  if (const auto d = code.empty() ? std::nullopt : LoadDestination(s, code)) {
    v["offered"] = true;
    for (const auto& k : d->kinds) v["kinds"].push_back(k.kind);
    if (const VisaKind* k = d->FindKind(c.data.value("visa_kind", "")))
      v["documents"] = k->documents;
  }
  if (c.id != 0) {
    s.Query(kBatchItem, {{"c", c.id}}, [&](const db::Row& r) {
      if (!v["batch"].is_null()) return;  // the latest
      const auto result = db::OptText(r, 1);
      v["batch"] = {{"state", db::Text(r, 0)}, {"result", result ? Json(*result) : Json(nullptr)}};
    });
  }
  return Json{{"visa", v}};
}

// Each case's consulate, its fees (those taken on acceptance, else the catalog's today), its
// processing time and its latest batch.
void Decorate(db::Session& s, Json& cases) {
  if (cases.empty()) return;
  db::Params binds;
  std::string ids;
  for (std::size_t i = 0; i < cases.size(); ++i)
    ids +=
        (i ? ", " : "") + db::Bind(binds, "c" + std::to_string(i), cases[i]["id"].get<long long>());
  struct Row {
    std::string country, kind;
    std::optional<Money> visa_fee, agency_fee;
    Json batch = nullptr;
  };
  std::map<long long, Row> rows;
  std::map<std::string, std::optional<Destination>> destinations;
  s.Query(std::string(kCasesAmong) + "(" + ids + ")", binds, [&](const db::Row& r) {
    const Json summary = db::JsonCol(r, 1);
    Row row{summary.value("country", ""), summary.value("visa_kind", ""), {}, {}, nullptr};
    if (db::OptText(r, 3)) {
      row.visa_fee = Money{db::Int(r, 2), db::Text(r, 3)};
      row.agency_fee = Money{db::Int(r, 4), "CNY"};
    }
    if (const auto batch = db::OptInt(r, 5)) {
      row.batch = {{"id", *batch},
                   {"number", db::Text(r, 6)},
                   {"state", db::Text(r, 7)},
                   {"dispatch_date", db::Text(r, 8)}};
    }
    destinations.emplace(row.country, std::nullopt);
    rows[db::Int(r, 0)] = std::move(row);
  });
  for (auto& [code, d] : destinations) {
    if (!code.empty()) d = LoadDestination(s, code);
  }
  for (auto& c : cases) {
    Json visa{{"consulate", nullptr}, {"sole_agency", false},  {"processing_days", nullptr},
              {"visa_fee", nullptr},  {"agency_fee", nullptr}, {"fees_recorded", false},
              {"batch", nullptr}};
    const auto it = rows.find(c["id"].get<long long>());
    if (it != rows.end()) {
      const Row& row = it->second;
      visa["batch"] = row.batch;
      const auto& d = destinations[row.country];
      const VisaKind* kind = d ? d->FindKind(row.kind) : nullptr;
      if (d) {
        visa["consulate"] = {{"zh", d->consulate_zh}, {"en", d->consulate_en}};
        visa["sole_agency"] = d->sole_agency;
      }
      if (kind) visa["processing_days"] = kind->processing_days;
      if (row.visa_fee) {
        visa["visa_fee"] = row.visa_fee->ToJson();
        visa["agency_fee"] = row.agency_fee->ToJson();
        visa["fees_recorded"] = true;
      } else if (kind) {
        visa["visa_fee"] = kind->visa_fee.ToJson();
        visa["agency_fee"] = kind->agency_fee.ToJson();
      }
    }
    c["visa"] = visa;
  }
}

// ---------------------------------------------------------------------------
// Effects
// ---------------------------------------------------------------------------

// On acceptance: the fees of the catalog at this moment are the ones the applicant pays.
void RecordFees(const cases::EffectCall& e) {
  const auto d = LoadDestination(e.tx, e.c.data.value("country", ""));
  const VisaKind* kind = d ? d->FindKind(e.c.data.value("visa_kind", "")) : nullptr;
  // The accept transition's rules refused a destination or kind the catalog doesn't offer.
  if (!kind)
    throw std::logic_error("visa.record_fees: no catalog entry for case " + std::to_string(e.c.id));
  e.tx.Exec(kRecordFees, {{"c", e.c.id},
                          {"va", kind->visa_fee.amount},
                          {"vc", kind->visa_fee.currency},
                          {"aa", kind->agency_fee.amount},
                          {"at", clock::NowIso()}});
}

Json Both(const Json& counter, const std::string& name) {
  return Json{{"zh", counter.value(name + "_zh", "")}, {"en", counter.value(name + "_en", "")}};
}

// The passport is back from the consulate (with the visa, or refused): the applicant is told
// where, when and until when to collect it (the collection deadline starts now).
void NotifyCollect(const cases::EffectCall& e) {
  const bool issued = e.c.state == "issued";
  const Json& counter = e.policy["counter"];
  const Date due = Date::TodayInChina().AddDays(e.policy.value("collection_days", 30));
  std::vector<std::pair<std::string, Json>> args = {
      {"case", e.c.number},
      {"name", e.c.data.value("name_zh", "")},
      {"country", geo::CountryName(e.c.data.value("country", "")).ToJson()},
      {"place", Both(counter, "place")},
      {"hours", Both(counter, "hours")},
      {"due", due.ToString()}};
  if (issued) {
    args.emplace_back("until", e.c.data.value("visa_valid_until", ""));
  } else {
    args.emplace_back("reason", e.comment);  // the refuse transition requires one
  }
  notify::Send(
      e.tx, notify::Message{e.c.applicant_id, issued ? "visa.notify.issued" : "visa.notify.refused",
                            std::move(args), "/cases/" + std::to_string(e.c.id)});
}

// Returned for correction: the applicant is told what to correct.
void NotifyReturned(const cases::EffectCall& e) {
  notify::Send(e.tx, notify::Message{e.c.applicant_id,
                                     "visa.notify.returned",
                                     {{"case", e.c.number}, {"reason", e.comment}},
                                     "/cases/" + std::to_string(e.c.id)});
}

void Setup(App& app) {
  app.cases.AddDesk({std::string(kDesk), i18n::T("visa.desk")});
  app.policies.Add(cases::PolicySpec{std::string(kType), DefaultPolicy(), ValidatePolicy});
  app.cases.AddEffect("visa.record_fees", RecordFees);
  app.cases.AddEffect("visa.notify_collect", NotifyCollect);
  app.cases.AddEffect("visa.notify_returned", NotifyReturned);
  cases::TypeHooks hooks;
  hooks.summary = Summary;
  hooks.search = SearchDocument;
  hooks.facts = Facts;
  hooks.decorate = Decorate;
  app.cases.AddType(Resource("src/visa/visa_application.json"), std::move(hooks));
  RegisterRules(app.cases);
  RegisterCatalog(app);
  RegisterBatches(app);
}

}  // namespace

waishi::Module Module() {
  waishi::Module m;
  m.name = "visa";
  m.migrations = "src/visa/migrations/";
  m.setup = Setup;
  m.demo = LoadDemo;
  return m;
}

}  // namespace waishi::visa
