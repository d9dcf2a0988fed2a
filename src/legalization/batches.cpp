// Batches to embassies: the documents the office authenticated for one destination go to its
// embassy or consulate together; sending a batch moves all of them to "sent to the embassy",
// its return moves all of them to "legalized" (or "refused", for those the embassy refused),
// each in one transaction: a document that cannot move leaves the whole batch as it was.
#include <map>
#include <set>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/calendar/working_days.h"
#include "core/cases/engine.h"
#include "core/clock.h"
#include "core/documents/documents.h"
#include "core/error.h"
#include "core/export/printed_list.h"
#include "core/geo/countries.h"
#include "core/http/params.h"
#include "legalization/parts.h"

namespace waishi::legalization {
namespace {

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

// A document and its case (reads of the core's tables; the module writes only its own).
constexpr const char* kDocument = R"(
  SELECT s.case_id, s.state, c.type, c.summary, c.number, s.data
  FROM case_subrecords s JOIN cases c ON c.id = s.case_id
  WHERE s.id = :id AND s.kind = 'document')";

constexpr const char* kInOpenBatch = R"(
  SELECT b.number FROM legalization_batch_items i JOIN legalization_batches b ON b.id = i.batch_id
  WHERE i.subrecord_id = :s AND b.state IN ('open', 'sent'))";

constexpr const char* kInsertBatch = R"(
  INSERT INTO legalization_batches (number, country, post, state, created_at, created_by)
  VALUES (:n, :c, :p, 'open', :a, :u) RETURNING id)";

constexpr const char* kInsertItem = R"(
  INSERT INTO legalization_batch_items (batch_id, subrecord_id, case_id) VALUES (:b, :s, :c))";

constexpr const char* kBatch = R"(
  SELECT b.id, b.number, b.country, b.post, b.state, b.created_at, u.display_name, b.sent_at,
         b.returned_at
  FROM legalization_batches b JOIN users u ON u.id = b.created_by WHERE b.id = :id)";

constexpr const char* kBatches = R"(
  SELECT b.id, b.number, b.country, b.post, b.state, b.created_at, u.display_name, b.sent_at,
         b.returned_at
  FROM legalization_batches b JOIN users u ON u.id = b.created_by ORDER BY b.id DESC LIMIT 200)";

constexpr const char* kItems = R"(
  SELECT i.subrecord_id, i.case_id, c.number, s.state, s.data, i.result
  FROM legalization_batch_items i
  JOIN case_subrecords s ON s.id = i.subrecord_id JOIN cases c ON c.id = i.case_id
  WHERE i.batch_id = :b ORDER BY c.number, i.subrecord_id)";

constexpr const char* kSetState = R"(
  UPDATE legalization_batches SET state = :s, sent_at = COALESCE(:sent, sent_at),
    returned_at = COALESCE(:ret, returned_at)
  WHERE id = :id)";

constexpr const char* kSetResult = R"(
  UPDATE legalization_batch_items SET result = :r WHERE batch_id = :b AND subrecord_id = :s)";

// ---------------------------------------------------------------------------

void RequireDesk(const auth::Principal& who, bool read) {
  if (who.WorksDesk(kDesk) || (read && who.ReadsEverything())) return;
  throw ApiError::Forbidden();
}

Json BatchJson(const db::Row& r) {
  return Json{{"id", db::Int(r, 0)},
              {"number", db::Text(r, 1)},
              {"country", db::Text(r, 2)},
              {"country_name", geo::CountryName(db::Text(r, 2)).ToJson()},
              {"post", db::Text(r, 3)},
              {"state", db::Text(r, 4)},
              {"created_at", db::Text(r, 5)},
              {"created_by", db::Text(r, 6)},
              {"sent_at", db::OptText(r, 7) ? Json(*db::OptText(r, 7)) : Json(nullptr)},
              {"returned_at", db::OptText(r, 8) ? Json(*db::OptText(r, 8)) : Json(nullptr)}};
}

Json LoadBatch(db::Session& s, long long id) {
  Json batch;
  s.Query(kBatch, {{"id", id}}, [&](const db::Row& r) { batch = BatchJson(r); });
  if (batch.is_null()) throw ApiError::NotFound();
  Json items = Json::array();
  s.Query(kItems, {{"b", id}}, [&](const db::Row& r) {
    const Json data = db::JsonCol(r, 4);
    items.push_back({{"document", db::Int(r, 0)},
                     {"case_id", db::Int(r, 1)},
                     {"case_number", db::Text(r, 2)},
                     {"kind", data.value("kind", "")},
                     {"holder", data.value("holder", "")},
                     {"copies", data.value("copies", 1)},
                     {"state", db::Text(r, 3)},
                     {"result", db::OptText(r, 5) ? Json(*db::OptText(r, 5)) : Json(nullptr)}});
  });
  batch["items"] = items;
  return batch;
}

struct DocumentRow {
  long long case_id = 0;
  std::string state, type, destination;
};

std::optional<DocumentRow> LoadDocument(db::Session& s, long long id) {
  std::optional<DocumentRow> out;
  s.Query(kDocument, {{"id", id}}, [&](const db::Row& r) {
    out = DocumentRow{db::Int(r, 0), db::Text(r, 1), db::Text(r, 2),
                      db::JsonCol(r, 3).value("destination", "")};
  });
  return out;
}

FieldError Refusal(const std::string& field, const char* rule, i18n::Text message) {
  return FieldError{field, std::string("legalization.") + rule, std::move(message)};
}

// The post a batch goes to, as its dispatch list names it: the desk's own when it named one (a
// batch routed elsewhere for once), else the one on record for `country` in both languages,
// Chinese first ("印度驻上海总领事馆 Consulate General of India in Shanghai"); none when
// neither is there.
std::optional<std::string> PostOf(db::Session& s, const std::string& country,
                                  const std::optional<std::string>& given) {
  if (given) return given;
  const i18n::Text post = LoadPost(s, country);
  std::string line = post.zh;
  if (!line.empty() && !post.en.empty()) line += ' ';
  line += post.en;
  if (line.empty()) return std::nullopt;
  return line;
}

// Moves every document of batch `id` (which must be in `from`) by `action_of(document)`, sets
// the batch to `to`; all in the caller's transaction.
[[noreturn]] void InvalidState(const Json& batch) {
  const i18n::Text state = i18n::T("legalization.batch.state." + batch["state"].get<std::string>());
  throw ApiError::Conflict("invalid_state",
                           i18n::T("legalization.batch.invalid_state", {{"state", state}}));
}

// Moves every document of batch `id` (which must be in `from`) by `action_of(document)`, sets
// the batch to `to`; all in the caller's transaction. The batch's state and each document's
// result are written before the documents move: their rules check that the batch says so.
template <typename ActionOf>
Json MoveBatch(db::Session& s, cases::Engine& engine, const auth::Principal& who, long long id,
               const std::string& from, const std::string& to, ActionOf action_of) {
  Json batch = LoadBatch(s, id);
  if (batch["state"] != from) InvalidState(batch);
  if (to == "sent") {
    s.Exec(kSetState, {{"s", to}, {"sent", clock::NowIso()}, {"ret", nullptr}, {"id", id}});
  }
  for (const auto& item : batch["items"]) {
    const long long document = item["document"];
    const auto [action, comment, result] = action_of(document);
    if (!result.empty()) s.Exec(kSetResult, {{"r", result}, {"b", id}, {"s", document}});
    engine.TransitionSubrecordIn(s, who, item["case_id"], document, action, comment);
  }
  if (to != "sent") {
    s.Exec(kSetState, {{"s", to}, {"sent", nullptr}, {"ret", clock::NowIso()}, {"id", id}});
  }
  audit::Append(s, audit::By(who, "legalization.batch." + to, "legalization_batch",
                             std::to_string(id), {{"documents", batch["items"].size()}}));
  return LoadBatch(s, id);
}

// The dispatch list's rows: one per document, in the batch's order.
std::vector<exports::Column> DispatchColumns() {
  auto column = [](const char* key, exports::Kind kind) {
    return exports::Column{key, std::string("/") + key,
                           i18n::T(std::string("legalization.dispatch.column.") + key), kind};
  };
  std::vector<exports::Column> columns = {
      column("no", exports::Kind::kInteger),     column("case_number", exports::Kind::kText),
      column("kind", exports::Kind::kEnum),      column("holder", exports::Kind::kText),
      column("copies", exports::Kind::kInteger), column("result", exports::Kind::kEnum)};
  columns[2].labels_prefix = "legalization.document_kind.";
  columns[5].labels_prefix = "legalization.dispatch.result.";
  return columns;
}

// The printed dispatch list that goes with the documents: to the post, the documents in a
// table, how many documents and copies (the post counts them on receipt).
documents::Content DispatchContent(const Json& batch) {
  const i18n::Text office = i18n::T("office.name");
  const i18n::Text title = i18n::T("legalization.dispatch.title");
  long long copies = 0;
  documents::Table table;
  for (const char* key : {"no", "case_number", "kind", "holder", "copies"}) {
    const i18n::Text h = i18n::T(std::string("legalization.dispatch.column.") + key);
    table.header.push_back(h.zh + "\n" + h.en);
  }
  table.widths = {0.08, 0.22, 0.25, 0.33, 0.12};
  int n = 0;
  for (const auto& item : batch["items"]) {
    const i18n::Text kind = i18n::T("legalization.document_kind." + item.value("kind", "other"));
    copies += item.value("copies", 1);
    table.rows.push_back({std::to_string(++n), item.value("case_number", ""),
                          kind.zh + "\n" + kind.en, item.value("holder", ""),
                          std::to_string(item.value("copies", 1))});
  }
  const std::string country_zh = batch["country_name"].value("zh", "");
  const std::string country_en = batch["country_name"].value("en", "");
  const i18n::Args totals = {{"documents", std::to_string(n)}, {"copies", std::to_string(copies)}};
  const i18n::Text to = i18n::T("legalization.dispatch.to", {{"post", batch.value("post", "")}});
  const i18n::Text total = i18n::T("legalization.dispatch.total", totals);
  documents::Content c;
  c.letterhead = office.zh;
  c.letterhead_en = office.en;
  c.number = batch.value("number", "");
  c.title = title.zh + " " + title.en;
  c.body = {documents::Paragraph{to.zh + "\n" + to.en, documents::Paragraph::Style::kBody,
                                 documents::Paragraph::Align::kLeft},
            documents::Paragraph{country_zh + " " + country_en, documents::Paragraph::Style::kSmall,
                                 documents::Paragraph::Align::kLeft},
            table,
            documents::Paragraph{total.zh + "\n" + total.en, documents::Paragraph::Style::kBody,
                                 documents::Paragraph::Align::kLeft}};
  c.signature_line = office.zh;
  c.seal_text = office.zh;
  return c;
}

Json BatchSchema() {
  const Json text = {{"type", "string"}};
  const Json nullable_text = {{"type", "string"}, {"nullable", true}};
  const Json bilingual = {
      {"type", "object"}, {"required", {"zh", "en"}}, {"properties", {{"zh", text}, {"en", text}}}};
  return Json{
      {"type", "object"},
      {"required",
       {"id", "number", "country", "country_name", "post", "state", "created_at", "created_by",
        "sent_at", "returned_at"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"number", text},
        {"country", text},
        {"country_name", bilingual},
        {"post", text},
        {"state", {{"type", "string"}, {"enum", {"open", "sent", "returned", "cancelled"}}}},
        {"created_at", {{"type", "string"}, {"format", "date-time"}}},
        {"created_by", text},
        {"sent_at", nullable_text},
        {"returned_at", nullable_text},
        {"items",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required", {"document", "case_id", "case_number", "kind", "holder", "state"}},
            {"properties",
             {{"document", {{"type", "integer"}}},
              {"case_id", {{"type", "integer"}}},
              {"case_number", text},
              {"kind", text},
              {"holder", text},
              {"copies", {{"type", "integer"}}},
              {"state", text},
              {"result", nullable_text}}}}}}}}}};
}

}  // namespace

long long CreateBatch(db::Session& s, const auth::Principal& who, const std::string& country,
                      const std::optional<std::string>& post,
                      const std::vector<long long>& documents) {
  if (!geo::FindCountry(country) || !IsServed(country)) {
    throw ApiError::Unprocessable({FieldError{"country", "enum", i18n::T("validation.country")}});
  }
  const auto destination = LoadDestination(s, country);
  if (Decide(*destination, calendar::Date::TodayInChina().ToString()).route !=
      Route::kLegalization) {
    throw ApiError::Unprocessable(
        {Refusal("country", "batch_route", i18n::T("legalization.batch.apostille_country"))});
  }
  std::vector<FieldError> errors;
  const auto to = PostOf(s, country, post);
  if (!to) {
    errors.push_back(Refusal(
        "post", "post_unknown",
        i18n::T("legalization.batch.post_unknown", {{"country", geo::CountryName(country)}})));
  }
  std::vector<std::pair<long long, long long>> items;  // document, case
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const long long id = documents[i];
    const std::string field = "documents[" + std::to_string(i) + "]";
    const auto d = LoadDocument(s, id);
    if (!d || d->type != kType) {
      errors.push_back(
          Refusal(field, "batch_document", i18n::T("legalization.batch.no_such_document")));
      continue;
    }
    if (d->destination != country) {
      errors.push_back(Refusal(field, "batch_consulate",
                               i18n::T("legalization.batch.other_destination",
                                       {{"destination", d->destination}, {"country", country}})));
    } else if (d->state != "authenticated") {
      errors.push_back(
          Refusal(field, "batch_state", i18n::T("legalization.batch.not_authenticated")));
    } else if (const auto other = s.Text(kInOpenBatch, {{"s", id}})) {
      errors.push_back(
          Refusal(field, "batch_taken", i18n::T("legalization.batch.taken", {{"batch", *other}})));
    }
    items.emplace_back(id, d->case_id);
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
  const calendar::Date today = calendar::Date::TodayInChina();
  const long long seq = documents::NextNumber(s, "legalization_batch", today.year());
  char digits[16];
  std::snprintf(digits, sizeof digits, "%04lld", seq);
  const std::string number = "LB-" + std::to_string(today.year()) + "-" + digits;
  const long long id =
      s.Int(kInsertBatch,
            {{"n", number}, {"c", country}, {"p", *to}, {"a", clock::NowIso()}, {"u", who.user_id}})
          .value_or(0);
  for (const auto& [document, case_id] : items)
    s.Exec(kInsertItem, {{"b", id}, {"s", document}, {"c", case_id}});
  audit::Append(
      s, audit::By(who, "legalization.batch.create", "legalization_batch", std::to_string(id),
                   {{"country", country}, {"documents", items.size()}}));
  return id;
}

Json SendBatch(db::Session& s, cases::Engine& engine, const auth::Principal& who, long long id) {
  return MoveBatch(s, engine, who, id, "open", "sent", [](long long) {
    return std::tuple<std::string, std::string, std::string>{"send", "", ""};
  });
}

Json ReturnBatch(db::Session& s, cases::Engine& engine, const auth::Principal& who, long long id,
                 const std::vector<std::pair<long long, std::string>>& refused) {
  const Json batch = LoadBatch(s, id);
  std::set<long long> in_batch;
  for (const auto& item : batch["items"]) in_batch.insert(item["document"].get<long long>());
  std::vector<FieldError> errors;
  std::map<long long, std::string> reasons;
  for (std::size_t i = 0; i < refused.size(); ++i) {
    if (!in_batch.contains(refused[i].first)) {
      errors.push_back(Refusal("refused[" + std::to_string(i) + "].document", "batch_member",
                               i18n::T("legalization.batch.not_member")));
    }
    reasons[refused[i].first] = refused[i].second;
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
  using Move = std::tuple<std::string, std::string, std::string>;
  return MoveBatch(s, engine, who, id, "sent", "returned", [&](long long document) {
    const auto it = reasons.find(document);
    return it == reasons.end() ? Move{"legalize", "", "legalized"}
                               : Move{"refuse", it->second, "refused"};
  });
}

void RegisterBatches(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "legalization");
  api.Component("LegalizationBatch", BatchSchema());
  auto engine = std::make_shared<cases::Engine>(app);

  api.Get("/api/v1/legalization/batches",
          http::Doc("listLegalizationBatches", "The batches to embassies, newest first (200)")
              .Roles({"officer", "approver", "auditor"})
              .Returns(http::ItemsOf(http::Ref("LegalizationBatch"))),
          [&db](const auth::Call& call) {
            RequireDesk(call.who(), true);
            Json items = Json::array();
            db.Read([&](db::Session& s) {
              s.Query(kBatches, {}, [&](const db::Row& r) { items.push_back(BatchJson(r)); });
            });
            return auth::Reply(Json{{"items", items}});
          });

  api.Get("/api/v1/legalization/batches/{id}",
          http::Doc("getLegalizationBatch", "A batch with its documents")
              .Roles({"officer", "approver", "auditor"})
              .Returns(http::Ref("LegalizationBatch")),
          [&db](const auth::Call& call) {
            RequireDesk(call.who(), true);
            return auth::Reply(db.Read([&](db::Session& s) { return LoadBatch(s, call.Id()); }));
          });

  // The dispatch list, printed (PDF) and as a workbook; each download is audited.
  exports::AddPrintedList(
      app, api,
      {"/api/v1/legalization/batches/{id}/dispatch",
       "getLegalizationBatchDispatch",
       "The batch's dispatch list",
       {"officer", "approver", "auditor"},
       "legalization.batch.dispatch",
       "legalization_batch",
       "dispatch-",
       [&db](const auth::Call& call) {
         RequireDesk(call.who(), true);
         return db.Read([&](db::Session& s) { return LoadBatch(s, call.Id()); });
       },
       DispatchContent,
       DispatchColumns});

  api.Post("/api/v1/legalization/batches",
           http::Doc("createLegalizationBatch",
                     "Put authenticated documents for one destination in a batch to its embassy or "
                     "consulate (without `post`, the one on record for the destination)")
               .Roles({"officer", "approver"})
               .Body({{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"country", "documents"}},
                      {"properties",
                       {{"country", {{"type", "string"}, {"minLength", 2}, {"maxLength", 2}}},
                        {"post", {{"type", "string"}, {"minLength", 2}, {"maxLength", 200}}},
                        {"documents",
                         {{"type", "array"},
                          {"minItems", 1},
                          {"maxItems", 500},
                          {"uniqueItems", true},
                          {"items", {{"type", "integer"}}}}}}}})
               .Returns(http::Ref("LegalizationBatch"), 201),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who, false);
             const Json& body = call.body();
             const std::string country = body["country"];
             const std::vector<long long> documents = body["documents"];
             std::optional<std::string> post;
             if (body.contains("post")) post = body["post"].get<std::string>();
             const Json batch = db.Write([&](db::Session& s) {
               return LoadBatch(s, CreateBatch(s, who, country, post, documents));
             });
             return auth::Reply(batch, 201);
           });

  api.Post("/api/v1/legalization/batches/{id}/send",
           http::Doc("sendLegalizationBatch",
                     "The batch leaves for the embassy: each document is sent, or none is")
               .Roles({"officer", "approver"})
               .Returns(http::Ref("LegalizationBatch")),
           [&db, engine](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who, false);
             return auth::Reply(
                 db.Write([&](db::Session& s) { return SendBatch(s, *engine, who, call.Id()); }));
           });

  api.Post(
      "/api/v1/legalization/batches/{id}/cancel",
      http::Doc("cancelLegalizationBatch",
                "Give up an open batch: its documents are free for another batch, or to be "
                "refused")
          .Roles({"officer", "approver"})
          .Returns(http::Ref("LegalizationBatch")),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        RequireDesk(who, false);
        const long long id = call.Id();
        return auth::Reply(db.Write([&](db::Session& s) {
          const Json batch = LoadBatch(s, id);
          if (batch["state"] != "open") InvalidState(batch);
          s.Exec(kSetState, {{"s", "cancelled"}, {"sent", nullptr}, {"ret", nullptr}, {"id", id}});
          audit::Append(s, audit::By(who, "legalization.batch.cancelled", "legalization_batch",
                                     std::to_string(id)));
          return LoadBatch(s, id);
        }));
      });

  api.Post(
      "/api/v1/legalization/batches/{id}/return",
      http::Doc("returnLegalizationBatch",
                "The batch is back: each document legalized, but those the embassy refused")
          .Roles({"officer", "approver"})
          .Body({{"type", "object"},
                 {"additionalProperties", false},
                 {"properties",
                  {{"refused",
                    {{"type", "array"},
                     {"maxItems", 500},
                     {"items",
                      {{"type", "object"},
                       {"additionalProperties", false},
                       {"required", {"document", "reason"}},
                       {"properties",
                        {{"document", {{"type", "integer"}}},
                         {"reason",
                          {{"type", "string"}, {"minLength", 1}, {"maxLength", 2000}}}}}}}}}}}})
          .Returns(http::Ref("LegalizationBatch")),
      [&db, engine](const auth::Call& call) {
        const auto& who = call.who();
        RequireDesk(who, false);
        std::vector<std::pair<long long, std::string>> refused;
        for (const auto& r : call.body().value("refused", Json::array()))
          refused.emplace_back(r["document"], r["reason"]);
        return auth::Reply(db.Write(
            [&](db::Session& s) { return ReturnBatch(s, *engine, who, call.Id(), refused); }));
      });
}

}  // namespace waishi::legalization
