// Batches to consulates: the visa desk takes the passports of accepted applications for one
// destination to its consulate on one day. Sending a batch lodges every application in it; the
// results are recorded as the consulate returns the passports (issued, with the visa's
// validity and entries, or refused), and the batch is returned when every result is in. Each
// step in one transaction: an application that cannot move leaves the whole batch as it was.
// The passports back and not yet collected are listed for the counter.
#include <map>
#include <set>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/calendar/working_days.h"
#include "core/clock.h"
#include "core/documents/documents.h"
#include "core/error.h"
#include "core/export/printed_list.h"
#include "core/geo/countries.h"
#include "visa/parts.h"

namespace waishi::visa {
namespace {

// ---------------------------------------------------------------------------
// SQL (reads of the core's cases and deadlines; the module writes only its own tables)
// ---------------------------------------------------------------------------

constexpr const char* kCase = "SELECT type, state, summary FROM cases WHERE id = :id";

constexpr const char* kInOpenBatch = R"(
  SELECT b.number FROM visa_batch_items i JOIN visa_batches b ON b.id = i.batch_id
  WHERE i.case_id = :c AND b.state IN ('open', 'sent', 'partly_returned')
    AND i.result IS NULL)";

constexpr const char* kInsertBatch = R"(
  INSERT INTO visa_batches (number, country, consulate_zh, consulate_en, dispatch_date, state,
                            created_at, created_by)
  VALUES (:n, :c, :cz, :ce, :d, 'open', :a, :u) RETURNING id)";

constexpr const char* kInsertItem =
    "INSERT INTO visa_batch_items (batch_id, case_id) VALUES (:b, :c)";

constexpr const char* kBatchColumns = R"(
  SELECT b.id, b.number, b.country, b.consulate_zh, b.consulate_en, b.dispatch_date, b.state,
         b.created_at, u.display_name, b.sent_at, b.returned_at,
         (SELECT COUNT(*) FROM visa_batch_items i WHERE i.batch_id = b.id)
  FROM visa_batches b JOIN users u ON u.id = b.created_by )";

constexpr const char* kItems = R"(
  SELECT i.case_id, c.number, c.state, c.data, i.result
  FROM visa_batch_items i JOIN cases c ON c.id = i.case_id
  WHERE i.batch_id = :b ORDER BY c.number)";

constexpr const char* kSetState = R"(
  UPDATE visa_batches SET state = :s, sent_at = COALESCE(:sent, sent_at),
    returned_at = COALESCE(:ret, returned_at)
  WHERE id = :id)";

constexpr const char* kSetResult =
    "UPDATE visa_batch_items SET result = :r WHERE batch_id = :b AND case_id = :c";

// The passports back from a consulate and not collected: the case in "issued" or "refused",
// with the collection deadline of that state.
constexpr const char* kUncollected = R"(
  SELECT c.id, c.number, c.state, c.data, d.due_date
  FROM cases c JOIN case_deadlines d ON d.case_id = c.id AND d.name = 'collection'
  WHERE c.type = 'visa_application' AND c.state IN ('issued', 'refused') AND d.met_at IS NULL
  ORDER BY d.due_date, c.number)";

// ---------------------------------------------------------------------------

void RequireDesk(const auth::Principal& who, bool read) {
  if (who.WorksDesk(kDesk) || (read && who.ReadsEverything())) return;
  throw ApiError::Forbidden();
}

FieldError Refusal(const std::string& field, const char* rule, i18n::Text message) {
  return FieldError{field, std::string("visa.") + rule, std::move(message)};
}

Json OptionalText(const db::Row& r, std::size_t i) {
  const auto v = db::OptText(r, i);
  return v ? Json(*v) : Json(nullptr);
}

Json BatchJson(const db::Row& r) {
  return Json{{"id", db::Int(r, 0)},
              {"number", db::Text(r, 1)},
              {"country", db::Text(r, 2)},
              {"country_name", geo::CountryName(db::Text(r, 2)).ToJson()},
              {"consulate", {{"zh", db::Text(r, 3)}, {"en", db::Text(r, 4)}}},
              {"dispatch_date", db::Text(r, 5)},
              {"state", db::Text(r, 6)},
              {"created_at", db::Text(r, 7)},
              {"created_by", db::Text(r, 8)},
              {"sent_at", OptionalText(r, 9)},
              {"returned_at", OptionalText(r, 10)},
              {"passports", db::Int(r, 11)}};
}

// The traveller of an application as the batch lists it.
Json TravellerJson(const Json& data) {
  return Json{{"name_zh", data.value("name_zh", "")},
              {"passport_name", data.value("surname", "") + " " + data.value("given_names", "")},
              {"passport_number", data.value("passport_number", "")},
              {"visa_kind", data.value("visa_kind", "")}};
}

Json LoadBatch(db::Session& s, long long id) {
  Json batch;
  s.Query(std::string(kBatchColumns) + "WHERE b.id = :id", {{"id", id}},
          [&](const db::Row& r) { batch = BatchJson(r); });
  if (batch.is_null()) throw ApiError::NotFound();
  Json items = Json::array();
  s.Query(kItems, {{"b", id}}, [&](const db::Row& r) {
    Json item = TravellerJson(db::JsonCol(r, 3));
    item["case_id"] = db::Int(r, 0);
    item["case_number"] = db::Text(r, 1);
    item["state"] = db::Text(r, 2);
    item["result"] = OptionalText(r, 4);
    items.push_back(std::move(item));
  });
  batch["items"] = items;
  return batch;
}

void SetState(db::Session& s, long long id, const std::string& state) {
  const std::string now = clock::NowIso();
  s.Exec(kSetState, {{"s", state},
                     {"sent", state == "sent" ? db::Value(now) : db::Value(nullptr)},
                     {"ret", state == "returned" ? db::Value(now) : db::Value(nullptr)},
                     {"id", id}});
}

[[noreturn]] void InvalidState(const Json& batch) {
  const i18n::Text state = i18n::T("visa.batch.state." + batch["state"].get<std::string>());
  throw ApiError::Conflict("invalid_state",
                           i18n::T("visa.batch.invalid_state", {{"state", state}}));
}

// The refusal of result `i`'s transition, its fields named as the request's.
ApiError ForResult(const ApiError& e, std::size_t i) {
  std::vector<FieldError> details = e.details();
  for (auto& d : details) d.field = "results[" + std::to_string(i) + "]." + d.field;
  return ApiError(e.status(), e.code(), e.text(), std::move(details));
}

// The dispatch list's rows: one per passport, in the batch's order.
std::vector<exports::Column> DispatchColumns() {
  auto column = [](const char* key, exports::Kind kind) {
    return exports::Column{key, std::string("/") + key,
                           i18n::T(std::string("visa.dispatch.column.") + key), kind};
  };
  std::vector<exports::Column> columns = {column("no", exports::Kind::kInteger),
                                          column("case_number", exports::Kind::kText),
                                          column("name_zh", exports::Kind::kText),
                                          column("passport_name", exports::Kind::kText),
                                          column("passport_number", exports::Kind::kText),
                                          column("visa_kind", exports::Kind::kEnum),
                                          column("result", exports::Kind::kEnum)};
  columns[5].labels_prefix = "visa.kind.";
  columns[6].labels_prefix = "visa.dispatch.result.";
  return columns;
}

// The printed list that goes with the passports: to the consulate, one row per passport, and
// how many passports (the consulate counts them on receipt).
documents::Content DispatchContent(const Json& batch) {
  const i18n::Text office = i18n::T("office.name");
  const i18n::Text title = i18n::T("visa.dispatch.title");
  documents::Table table;
  for (const char* key :
       {"no", "case_number", "name_zh", "passport_name", "passport_number", "visa_kind"}) {
    const i18n::Text h = i18n::T(std::string("visa.dispatch.column.") + key);
    table.header.push_back(h.zh + "\n" + h.en);
  }
  table.widths = {0.06, 0.18, 0.14, 0.26, 0.16, 0.20};
  int n = 0;
  for (const auto& item : batch["items"]) {
    const i18n::Text kind = i18n::T("visa.kind." + item.value("visa_kind", "tourism"));
    table.rows.push_back({std::to_string(++n), item.value("case_number", ""),
                          item.value("name_zh", ""), item.value("passport_name", ""),
                          item.value("passport_number", ""), kind.zh + "\n" + kind.en});
  }
  const Json& consulate = batch["consulate"];
  const i18n::Text to =
      i18n::T("visa.dispatch.to", {{"consulate", i18n::Text{consulate["zh"], consulate["en"]}},
                                   {"date", {batch["dispatch_date"], batch["dispatch_date"]}}});
  const i18n::Text total = i18n::T("visa.dispatch.total", {{"passports", std::to_string(n)}});
  documents::Content c;
  c.letterhead = office.zh;
  c.letterhead_en = office.en;
  c.number = batch.value("number", "");
  c.title = title.zh + " " + title.en;
  c.body = {documents::Paragraph{to.zh + "\n" + to.en, documents::Paragraph::Style::kBody,
                                 documents::Paragraph::Align::kLeft},
            table,
            documents::Paragraph{total.zh + "\n" + total.en, documents::Paragraph::Style::kBody,
                                 documents::Paragraph::Align::kLeft}};
  c.signature_line = office.zh;
  c.seal_text = office.zh;
  return c;
}

const Json kNullableText = {{"type", "string"}, {"nullable", true}};

// The visa an application came back with (null when refused): as recorded from the result.
const Json kIssuedVisa = {
    {"type", "object"},
    {"nullable", true},
    {"required", {"number", "valid_from", "valid_until", "entries", "stay_days"}},
    {"properties",
     {{"number", kNullableText},
      {"valid_from", {{"type", "string"}, {"format", "date"}}},
      {"valid_until", {{"type", "string"}, {"format", "date"}}},
      {"entries", {{"type", "string"}, {"enum", {"single", "double", "multiple"}}}},
      {"stay_days", {{"type", "integer"}, {"nullable", true}}}}}};

Json IssuedVisa(const Json& data) {
  if (!data.contains("visa_valid_until")) return nullptr;
  const auto or_null = [&](const char* key) { return data.value(key, Json()); };
  return Json{{"number", or_null("visa_number")},
              {"valid_from", data.value("visa_valid_from", "")},
              {"valid_until", data.value("visa_valid_until", "")},
              {"entries", data.value("visa_entries", "")},
              {"stay_days", or_null("visa_stay_days")}};
}

Json BatchSchema() {
  return Json{
      {"type", "object"},
      {"required",
       {"id", "number", "country", "country_name", "consulate", "dispatch_date", "state",
        "created_at", "created_by", "sent_at", "returned_at", "passports"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"number", kText},
        {"country", kText},
        {"country_name", kBilingual},
        {"consulate", kBilingual},
        {"dispatch_date", {{"type", "string"}, {"format", "date"}}},
        {"state",
         {{"type", "string"},
          {"enum", {"open", "sent", "partly_returned", "returned", "cancelled"}}}},
        {"created_at", {{"type", "string"}, {"format", "date-time"}}},
        {"created_by", kText},
        {"sent_at", kNullableText},
        {"returned_at", kNullableText},
        {"passports", {{"type", "integer"}}},
        {"items",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required",
             {"case_id", "case_number", "name_zh", "passport_name", "passport_number", "visa_kind",
              "state", "result"}},
            {"properties",
             {{"case_id", {{"type", "integer"}}},
              {"case_number", kText},
              {"name_zh", kText},
              {"passport_name", kText},
              {"passport_number", kText},
              {"visa_kind", kText},
              {"state", kText},
              {"result",
               {{"type", "string"}, {"enum", {"issued", "refused"}}, {"nullable", true}}}}}}}}}}}};
}

Json ResultsBodySchema() {
  const Json date = {{"type", "string"}, {"format", "date"}};
  return Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"results"}},
      {"properties",
       {{"results",
         {{"type", "array"},
          {"minItems", 1},
          {"maxItems", 500},
          {"items",
           {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"case_id", "outcome"}},
            {"properties",
             {{"case_id", {{"type", "integer"}}},
              {"outcome", {{"type", "string"}, {"enum", {"issued", "refused"}}}},
              {"visa_number", {{"type", "string"}, {"maxLength", 30}}},
              {"valid_from", date},
              {"valid_until", date},
              {"entries", {{"type", "string"}, {"enum", {"single", "double", "multiple"}}}},
              {"stay_days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 3650}}},
              {"reason", {{"type", "string"}, {"minLength", 1}, {"maxLength", 2000}}}}}}}}}}}};
}

// The results of a request body, refusing (naming the item's field) what the schema cannot:
// an issued visa without its validity or entries, a refusal without its reason.
std::vector<Result> ResultsOf(const Json& body) {
  std::vector<Result> out;
  std::vector<FieldError> errors;
  const Json& results = body["results"];
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Json& r = results[i];
    const std::string at = "results[" + std::to_string(i) + "].";
    Result result{r["case_id"], r["outcome"] == "issued", Json::object(), r.value("reason", "")};
    if (result.issued) {
      for (const char* key : {"valid_from", "valid_until", "entries"}) {
        if (!r.contains(key))
          errors.push_back({at + key, "required", i18n::T("validation.required")});
      }
      const std::pair<const char*, const char*> fields[] = {{"visa_number", "visa_number"},
                                                            {"valid_from", "visa_valid_from"},
                                                            {"valid_until", "visa_valid_until"},
                                                            {"entries", "visa_entries"},
                                                            {"stay_days", "visa_stay_days"}};
      for (const auto& [from, to] : fields) {
        if (r.contains(from)) result.visa[to] = r[from];
      }
    } else if (result.reason.empty()) {
      errors.push_back({at + "reason", "required", i18n::T("validation.required")});
    }
    out.push_back(std::move(result));
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
  return out;
}

}  // namespace

long long CreateBatch(db::Session& s, const auth::Principal& who, const std::string& country,
                      const std::string& dispatch_date, const std::vector<long long>& cases) {
  const auto destination = LoadDestination(s, country);
  if (!destination) {
    throw ApiError::Unprocessable(
        {Refusal("country", "destination", i18n::T("visa.batch.not_in_catalog"))});
  }
  const calendar::Date today = calendar::Date::TodayInChina();
  std::vector<FieldError> errors;
  if (calendar::Date::Parse(dispatch_date) < today) {
    errors.push_back(Refusal("dispatch_date", "batch_date", i18n::T("visa.batch.date_past")));
  }
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string field = "cases[" + std::to_string(i) + "]";
    std::optional<std::tuple<std::string, std::string, std::string>> c;
    s.Query(kCase, {{"id", cases[i]}}, [&](const db::Row& r) {
      c.emplace(db::Text(r, 0), db::Text(r, 1), db::JsonCol(r, 2).value("country", ""));
    });
    if (!c || std::get<0>(*c) != kType) {
      errors.push_back(Refusal(field, "batch_case", i18n::T("visa.batch.no_such_case")));
      continue;
    }
    const auto& [type, state, case_country] = *c;
    if (case_country != country) {
      errors.push_back(Refusal(
          field, "batch_consulate",
          i18n::T("visa.batch.other_consulate", {{"country", geo::CountryName(case_country)},
                                                 {"batch", geo::CountryName(country)}})));
    } else if (state != "accepted") {
      errors.push_back(Refusal(field, "batch_state", i18n::T("visa.batch.not_accepted")));
    } else if (const auto other = s.Text(kInOpenBatch, {{"c", cases[i]}})) {
      errors.push_back(
          Refusal(field, "batch_taken", i18n::T("visa.batch.taken", {{"batch", *other}})));
    }
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
  const long long seq = documents::NextNumber(s, "visa_batch", today.year());
  char digits[16];
  std::snprintf(digits, sizeof digits, "%04lld", seq);
  const std::string number = "VB-" + std::to_string(today.year()) + "-" + digits;
  const long long id = s.Int(kInsertBatch, {{"n", number},
                                            {"c", country},
                                            {"cz", destination->consulate_zh},
                                            {"ce", destination->consulate_en},
                                            {"d", dispatch_date},
                                            {"a", clock::NowIso()},
                                            {"u", who.user_id}})
                           .value_or(0);
  for (const long long c : cases) s.Exec(kInsertItem, {{"b", id}, {"c", c}});
  audit::Append(s, audit::By(who, "visa.batch.create", "visa_batch", std::to_string(id),
                             {{"country", country}, {"passports", cases.size()}}));
  return id;
}

Json SendBatch(db::Session& s, cases::Engine& engine, const auth::Principal& who, long long id) {
  const Json batch = LoadBatch(s, id);
  if (batch["state"] != "open") InvalidState(batch);
  // Marked sent first: a case is lodged only as its batch is sent (the rule visa.in_batch).
  SetState(s, id, "sent");
  for (const auto& item : batch["items"])
    engine.TransitionIn(s, who, item["case_id"], cases::TransitionRequest{"lodge"});
  audit::Append(s, audit::By(who, "visa.batch.sent", "visa_batch", std::to_string(id),
                             {{"passports", batch["items"].size()}}));
  return LoadBatch(s, id);
}

Json RecordResults(db::Session& s, cases::Engine& engine, const auth::Principal& who, long long id,
                   const std::vector<Result>& results) {
  const Json batch = LoadBatch(s, id);
  if (batch["state"] != "sent" && batch["state"] != "partly_returned") InvalidState(batch);
  std::map<long long, bool> pending;  // case → still without a result
  for (const auto& item : batch["items"]) pending[item["case_id"]] = item["result"].is_null();
  std::vector<FieldError> errors;
  std::set<long long> seen;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string field = "results[" + std::to_string(i) + "].case_id";
    const auto it = pending.find(results[i].case_id);
    if (it == pending.end()) {
      errors.push_back(Refusal(field, "batch_member", i18n::T("visa.batch.not_member")));
    } else if (!it->second || !seen.insert(results[i].case_id).second) {
      errors.push_back(Refusal(field, "result_recorded", i18n::T("visa.batch.result_recorded")));
    }
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    // The result written first: the case's transition checks that its batch says so.
    s.Exec(kSetResult, {{"r", r.issued ? "issued" : "refused"}, {"b", id}, {"c", r.case_id}});
    try {
      engine.TransitionIn(s, who, r.case_id,
                          r.issued ? cases::TransitionRequest{"issue", "", Json::object(), r.visa}
                                   : cases::TransitionRequest{"refuse", r.reason});
    } catch (const ApiError& e) {
      throw ForResult(e, i);
    }
    pending[r.case_id] = false;
  }
  const bool all_in =
      std::none_of(pending.begin(), pending.end(), [](const auto& p) { return p.second; });
  SetState(s, id, all_in ? "returned" : "partly_returned");
  audit::Append(s, audit::By(who, "visa.batch.results", "visa_batch", std::to_string(id),
                             {{"results", results.size()}, {"returned", all_in}}));
  return LoadBatch(s, id);
}

void RegisterBatches(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "visa");
  api.Component("VisaBatch", BatchSchema());
  auto engine = std::make_shared<cases::Engine>(app);
  const std::vector<std::string> readers = {"officer", "approver", "auditor"};
  const std::vector<std::string> writers = {"officer", "approver"};

  api.Get("/api/v1/visa/batches",
          http::Doc("listVisaBatches", "The batches to consulates, newest first (200)")
              .Roles(readers)
              .Returns(http::ItemsOf(http::Ref("VisaBatch"))),
          [&db](const auth::Call& call) {
            RequireDesk(call.who(), true);
            Json items = Json::array();
            db.Read([&](db::Session& s) {
              s.Query(std::string(kBatchColumns) + "ORDER BY b.id DESC LIMIT 200", {},
                      [&](const db::Row& r) { items.push_back(BatchJson(r)); });
            });
            return auth::Reply(Json{{"items", items}});
          });

  // The travellers' passport details: a read of personal data, audited.
  api.Get("/api/v1/visa/batches/{id}",
          http::Doc("getVisaBatch", "A batch with its passports (the read is audited)")
              .Roles(readers)
              .Returns(http::Ref("VisaBatch")),
          [&db](const auth::Call& call) {
            const auto& who = call.who();
            RequireDesk(who, true);
            const long long id = call.Id();
            Json batch = db.Read([&](db::Session& s) { return LoadBatch(s, id); });
            audit::AppendDetached(
                db, audit::By(who, "visa.batch.read", "visa_batch", std::to_string(id)));
            return auth::Reply(batch);
          });

  // The dispatch list, printed (PDF) and as a workbook; each download is audited.
  exports::AddPrintedList(
      app, api,
      {"/api/v1/visa/batches/{id}/dispatch", "getVisaBatchDispatch", "The batch's dispatch list",
       readers, "visa.batch.dispatch", "visa_batch", "dispatch-",
       [&db](const auth::Call& call) {
         RequireDesk(call.who(), true);
         return db.Read([&](db::Session& s) { return LoadBatch(s, call.Id()); });
       },
       DispatchContent, DispatchColumns});

  api.Post("/api/v1/visa/batches",
           http::Doc("createVisaBatch",
                     "Put accepted applications for one destination in a batch to its consulate "
                     "on a day")
               .Roles(writers)
               .Body({{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"country", "dispatch_date", "cases"}},
                      {"properties",
                       {{"country", {{"type", "string"}, {"minLength", 2}, {"maxLength", 2}}},
                        {"dispatch_date", {{"type", "string"}, {"format", "date"}}},
                        {"cases",
                         {{"type", "array"},
                          {"minItems", 1},
                          {"maxItems", 500},
                          {"uniqueItems", true},
                          {"items", {{"type", "integer"}}}}}}}})
               .Returns(http::Ref("VisaBatch"), 201),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who, false);
             const Json& body = call.body();
             const std::vector<long long> cases = body["cases"];
             const Json batch = db.Write([&](db::Session& s) {
               return LoadBatch(s,
                                CreateBatch(s, who, body["country"], body["dispatch_date"], cases));
             });
             return auth::Reply(batch, 201);
           });

  api.Post("/api/v1/visa/batches/{id}/send",
           http::Doc("sendVisaBatch",
                     "The batch goes to the consulate: every application is lodged, or none is")
               .Roles(writers)
               .Returns(http::Ref("VisaBatch")),
           [&db, engine](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who, false);
             return auth::Reply(
                 db.Write([&](db::Session& s) { return SendBatch(s, *engine, who, call.Id()); }));
           });

  api.Post("/api/v1/visa/batches/{id}/cancel",
           http::Doc("cancelVisaBatch",
                     "Give up an open batch: its applications are free for another batch")
               .Roles(writers)
               .Returns(http::Ref("VisaBatch")),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who, false);
             const long long id = call.Id();
             return auth::Reply(db.Write([&](db::Session& s) {
               const Json batch = LoadBatch(s, id);
               if (batch["state"] != "open") InvalidState(batch);
               SetState(s, id, "cancelled");
               audit::Append(
                   s, audit::By(who, "visa.batch.cancelled", "visa_batch", std::to_string(id)));
               return LoadBatch(s, id);
             }));
           });

  api.Post("/api/v1/visa/batches/{id}/results",
           http::Doc("recordVisaBatchResults",
                     "Passports back from the consulate: each visa issued (validity, entries) or "
                     "refused (reason); the applicants are told to collect. All or none.")
               .Roles(writers)
               .Body(ResultsBodySchema())
               .Returns(http::Ref("VisaBatch")),
           [&db, engine](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who, false);
             const std::vector<Result> results = ResultsOf(call.body());
             return auth::Reply(db.Write([&](db::Session& s) {
               return RecordResults(s, *engine, who, call.Id(), results);
             }));
           });

  api.Get("/api/v1/visa/uncollected",
          http::Doc("listUncollectedPassports",
                    "Passports back from the consulates and not yet collected, the most urgent "
                    "first (the read is audited)")
              .Roles(readers)
              .Returns(http::ItemsOf(
                  {{"type", "object"},
                   {"required",
                    {"case_id", "case_number", "state", "name_zh", "surname", "given_names",
                     "passport_number", "phone", "country", "visa", "due_date", "overdue"}},
                   {"properties",
                    {{"case_id", {{"type", "integer"}}},
                     {"case_number", kText},
                     {"state", {{"type", "string"}, {"enum", {"issued", "refused"}}}},
                     {"name_zh", kText},
                     {"surname", kText},
                     {"given_names", kText},
                     {"passport_number", kText},
                     {"phone", kText},
                     {"country", kText},
                     {"visa", kIssuedVisa},
                     {"due_date", {{"type", "string"}, {"format", "date"}}},
                     {"overdue", {{"type", "boolean"}}}}}})),
          [&db](const auth::Call& call) {
            const auto& who = call.who();
            RequireDesk(who, true);
            const std::string today = calendar::Date::TodayInChina().ToString();
            Json items = Json::array();
            db.Read([&](db::Session& s) {
              s.Query(kUncollected, {}, [&](const db::Row& r) {
                const Json data = db::JsonCol(r, 3);
                const std::string due = db::Text(r, 4);
                items.push_back({{"case_id", db::Int(r, 0)},
                                 {"case_number", db::Text(r, 1)},
                                 {"state", db::Text(r, 2)},
                                 {"name_zh", data.value("name_zh", "")},
                                 {"surname", data.value("surname", "")},
                                 {"given_names", data.value("given_names", "")},
                                 {"passport_number", data.value("passport_number", "")},
                                 {"phone", data.value("phone", "")},
                                 {"country", data.value("country", "")},
                                 {"visa", db::Text(r, 2) == "issued" ? IssuedVisa(data) : Json()},
                                 {"due_date", due},
                                 {"overdue", due < today}});
              });
            });
            audit::AppendDetached(db, audit::By(who, "visa.uncollected.read", "visa_batch", ""));
            return auth::Reply(Json{{"items", items}});
          });
}

}  // namespace waishi::visa
