// The visa catalog: for each destination the office takes applications for, the consulate whose
// district covers the province, whether the office is its sole agency, and the kinds of visa
// with their fees, processing time and the documents an application must carry. Public to
// read (the applicant's checklist); the admin keeps it, each change recorded with its reason.
#include <map>
#include <set>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/geo/countries.h"
#include "visa/parts.h"

namespace waishi::visa {
namespace {

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

constexpr const char* kDestinationColumns = R"(
  SELECT country, consulate_zh, consulate_en, sole_agency, note_zh, note_en, updated_at
  FROM visa_countries )";

constexpr const char* kKindColumns = R"(
  SELECT country, kind, entries, visa_fee_amount, visa_fee_currency, agency_fee_amount,
         processing_days, documents
  FROM visa_kinds )";

constexpr const char* kSaveDestination = R"(
  INSERT INTO visa_countries
    (country, consulate_zh, consulate_en, sole_agency, note_zh, note_en, updated_at, updated_by)
  VALUES (:c, :cz, :ce, :s, :nz, :ne, :a, :u)
  ON CONFLICT (country) DO UPDATE
  SET consulate_zh = excluded.consulate_zh, consulate_en = excluded.consulate_en,
      sole_agency = excluded.sole_agency, note_zh = excluded.note_zh, note_en = excluded.note_en,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by)";

constexpr const char* kDeleteKinds = "DELETE FROM visa_kinds WHERE country = :c";

constexpr const char* kInsertKind = R"(
  INSERT INTO visa_kinds (country, kind, position, entries, visa_fee_amount, visa_fee_currency,
                          agency_fee_amount, processing_days, documents)
  VALUES (:c, :k, :p, :e, :va, :vc, :aa, :d, :docs))";

constexpr const char* kRecordHistory = R"(
  INSERT INTO visa_catalog_history (country, before_json, after_json, reason, by_user, at)
  VALUES (:c, :b, :f, :r, :u, :a))";

constexpr const char* kHistory = R"(
  SELECT h.id, h.before_json, h.after_json, h.reason, u.display_name, h.at
  FROM visa_catalog_history h JOIN users u ON u.id = h.by_user
  WHERE h.country = :c ORDER BY h.id DESC)";

// The currencies consulates in China charge in (ISO 4217).
const std::vector<std::string> kCurrencies = {"CNY", "EUR", "USD", "GBP", "AUD",
                                              "CAD", "NZD", "JPY", "CHF", "INR"};

// ---------------------------------------------------------------------------

Destination ReadDestination(const db::Row& r) {
  return Destination{db::Text(r, 0), db::Text(r, 1), db::Text(r, 2), db::Bool(r, 3),
                     db::Text(r, 4), db::Text(r, 5), db::Text(r, 6), {}};
}

VisaKind ReadKind(const db::Row& r) {
  VisaKind k;
  k.kind = db::Text(r, 1);
  k.entries = db::Text(r, 2);
  k.visa_fee = Money{db::Int(r, 3), db::Text(r, 4)};
  k.agency_fee = Money{db::Int(r, 5), "CNY"};
  k.processing_days = static_cast<int>(db::Int(r, 6));
  k.documents = db::JsonCol(r, 7).get<std::vector<std::string>>();
  return k;
}

// The whole catalog, in country order, each destination's kinds in their order.
std::vector<Destination> LoadAll(db::Session& s) {
  std::vector<Destination> all;
  std::map<std::string, std::size_t> at;
  s.Query(std::string(kDestinationColumns) + "ORDER BY country", {}, [&](const db::Row& r) {
    at[db::Text(r, 0)] = all.size();
    all.push_back(ReadDestination(r));
  });
  s.Query(std::string(kKindColumns) + "ORDER BY country, position", {}, [&](const db::Row& r) {
    if (auto it = at.find(db::Text(r, 0)); it != at.end())
      all[it->second].kinds.push_back(ReadKind(r));
  });
  return all;
}

// The labels of the case type's visa kinds and document slots, from its definition.
struct Labels {
  std::map<std::string, Json> kinds, slots;
};

Labels LabelsOf(const cases::CaseType& type) {
  Labels out;
  for (const auto& f : type.definition["fields"]) {
    if (f.value("name", "") != "visa_kind") continue;
    for (const auto& o : f["options"]) out.kinds[o["value"]] = o["label"];
  }
  for (const auto& slot : type.documents) out.slots[slot.kind] = slot.label.ToJson();
  return out;
}

Json ToJson(const Destination& d, const Labels& labels) {
  Json kinds = Json::array();
  for (const auto& k : d.kinds) {
    Json documents = Json::array();
    for (const auto& slot : k.documents)
      documents.push_back({{"slot", slot}, {"label", labels.slots.at(slot)}});
    kinds.push_back({{"kind", k.kind},
                     {"label", labels.kinds.at(k.kind)},
                     {"entries", k.entries},
                     {"visa_fee", k.visa_fee.ToJson()},
                     {"agency_fee", k.agency_fee.ToJson()},
                     {"processing_days", k.processing_days},
                     {"documents", documents}});
  }
  return Json{{"country", d.country},
              {"name", geo::CountryName(d.country).ToJson()},
              {"consulate", {{"zh", d.consulate_zh}, {"en", d.consulate_en}}},
              {"sole_agency", d.sole_agency},
              {"note", {{"zh", d.note_zh}, {"en", d.note_en}}},
              {"updated_at", d.updated_at},
              {"kinds", kinds}};
}

// What a change may touch, for the history's before and after (null: not in the catalog).
Json Values(const std::optional<Destination>& d) {
  if (!d) return nullptr;
  Json kinds = Json::array();
  for (const auto& k : d->kinds) {
    kinds.push_back({{"kind", k.kind},
                     {"entries", k.entries},
                     {"visa_fee", k.visa_fee.ToJson()},
                     {"agency_fee", k.agency_fee.amount},
                     {"processing_days", k.processing_days},
                     {"documents", k.documents}});
  }
  return Json{{"consulate_zh", d->consulate_zh}, {"consulate_en", d->consulate_en},
              {"sole_agency", d->sole_agency},   {"note_zh", d->note_zh},
              {"note_en", d->note_en},           {"kinds", kinds}};
}

Json MoneySchema() {
  return Json{{"type", "object"},
              {"required", {"amount", "currency"}},
              {"properties", {{"amount", {{"type", "integer"}}}, {"currency", kText}}}};
}

Json DestinationSchema(const Labels& labels) {
  Json kind_names = Json::array();
  for (const auto& [k, _] : labels.kinds) kind_names.push_back(k);
  const Json kind = {
      {"type", "object"},
      {"required",
       {"kind", "label", "entries", "visa_fee", "agency_fee", "processing_days", "documents"}},
      {"properties",
       {{"kind", {{"type", "string"}, {"enum", kind_names}}},
        {"label", kBilingual},
        {"entries", {{"type", "string"}, {"enum", {"single", "double", "multiple"}}}},
        {"visa_fee", MoneySchema()},
        {"agency_fee", MoneySchema()},
        {"processing_days", {{"type", "integer"}}},
        {"documents",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required", {"slot", "label"}},
            {"properties", {{"slot", kText}, {"label", kBilingual}}}}}}}}}};
  return Json{
      {"type", "object"},
      {"required", {"country", "name", "consulate", "sole_agency", "note", "updated_at", "kinds"}},
      {"properties",
       {{"country", kText},
        {"name", kBilingual},
        {"consulate", kBilingual},
        {"sole_agency", {{"type", "boolean"}}},
        {"note", kBilingual},
        {"updated_at", {{"type", "string"}, {"format", "date-time"}}},
        {"kinds", {{"type", "array"}, {"items", kind}}}}}};
}

// The body of a change: the whole entry, its kinds replacing the old ones.
Json PutSchema(const Labels& labels) {
  Json kind_names = Json::array(), slot_names = Json::array();
  for (const auto& [k, _] : labels.kinds) kind_names.push_back(k);
  for (const auto& [s, _] : labels.slots) slot_names.push_back(s);
  const Json text = {{"type", "string"}, {"maxLength", 500}};
  const Json name = {{"type", "string"}, {"minLength", 2}, {"maxLength", 200}};
  const Json kind = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"kind", "entries", "visa_fee", "agency_fee", "processing_days", "documents"}},
      {"properties",
       {{"kind", {{"type", "string"}, {"enum", kind_names}}},
        {"entries", {{"type", "string"}, {"enum", {"single", "double", "multiple"}}}},
        {"visa_fee",
         {{"type", "object"},
          {"additionalProperties", false},
          {"required", {"amount", "currency"}},
          {"properties",
           {{"amount", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100000000}}},
            {"currency", {{"type", "string"}, {"enum", kCurrencies}}}}}}},
        {"agency_fee",
         {{"type", "integer"},
          {"minimum", 0},
          {"maximum", 10000000},
          {"description", "In fen (CNY)"}}},
        {"processing_days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 180}}},
        {"documents",
         {{"type", "array"},
          {"minItems", 1},
          {"uniqueItems", true},
          {"items", {{"type", "string"}, {"enum", slot_names}}}}}}}};
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"consulate_zh", "consulate_en", "sole_agency", "kinds", "reason"}},
              {"properties",
               {{"consulate_zh", name},
                {"consulate_en", name},
                {"sole_agency", {{"type", "boolean"}}},
                {"note_zh", text},
                {"note_en", text},
                {"kinds", {{"type", "array"}, {"minItems", 1}, {"maxItems", 6}, {"items", kind}}},
                {"reason", {{"type", "string"}, {"minLength", 1}, {"maxLength", 2000}}}}}};
}

// The entry a change describes; refusals the schema cannot express name their field.
Destination FromBody(const std::string& country, const Json& body) {
  Destination d;
  d.country = country;
  d.consulate_zh = body["consulate_zh"];
  d.consulate_en = body["consulate_en"];
  d.sole_agency = body["sole_agency"];
  d.note_zh = body.value("note_zh", "");
  d.note_en = body.value("note_en", "");
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < body["kinds"].size(); ++i) {
    const Json& k = body["kinds"][i];
    const std::string at = "kinds[" + std::to_string(i) + "]";
    VisaKind kind{k["kind"],
                  k["entries"],
                  Money{k["visa_fee"]["amount"], k["visa_fee"]["currency"]},
                  Money{k["agency_fee"], "CNY"},
                  k["processing_days"],
                  k["documents"].get<std::vector<std::string>>()};
    if (!seen.insert(kind.kind).second)
      errors.push_back({at + ".kind", "unique", i18n::T("visa.catalog.kind_twice")});
    if (std::find(kind.documents.begin(), kind.documents.end(), "passport") == kind.documents.end())
      errors.push_back({at + ".documents", "visa.passport_slot", i18n::T("visa.catalog.passport")});
    d.kinds.push_back(std::move(kind));
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
  return d;
}

void Save(db::Session& s, const Destination& d, long long user_id) {
  s.Exec(kSaveDestination, {{"c", d.country},
                            {"cz", d.consulate_zh},
                            {"ce", d.consulate_en},
                            {"s", d.sole_agency ? 1 : 0},
                            {"nz", d.note_zh},
                            {"ne", d.note_en},
                            {"a", d.updated_at},
                            {"u", user_id}});
  s.Exec(kDeleteKinds, {{"c", d.country}});
  for (std::size_t i = 0; i < d.kinds.size(); ++i) {
    const VisaKind& k = d.kinds[i];
    s.Exec(kInsertKind, {{"c", d.country},
                         {"k", k.kind},
                         {"p", static_cast<long long>(i + 1)},
                         {"e", k.entries},
                         {"va", k.visa_fee.amount},
                         {"vc", k.visa_fee.currency},
                         {"aa", k.agency_fee.amount},
                         {"d", static_cast<long long>(k.processing_days)},
                         {"docs", Json(k.documents).dump()}});
  }
}

// The {country} of a catalog route: an ISO country (404 otherwise).
std::string CountryParam(const auth::Call& call) {
  const geo::Country* c = geo::FindCountry(call.request().Param("country"));
  if (!c) throw ApiError::NotFound();
  return c->code;
}

}  // namespace

const VisaKind* Destination::FindKind(std::string_view kind) const {
  for (const auto& k : kinds) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

std::optional<Destination> LoadDestination(db::Session& s, std::string_view country) {
  std::optional<Destination> d;
  s.Query(std::string(kDestinationColumns) + "WHERE country = :c", {{"c", std::string(country)}},
          [&](const db::Row& r) { d = ReadDestination(r); });
  if (!d) return d;
  s.Query(std::string(kKindColumns) + "WHERE country = :c ORDER BY position",
          {{"c", std::string(country)}},
          [&](const db::Row& r) { d->kinds.push_back(ReadKind(r)); });
  return d;
}

void RegisterCatalog(App& app) {
  db::Database& db = app.db;
  const cases::CaseType* type = app.cases.FindType(kType);
  if (!type) throw std::logic_error("the visa catalog needs its case type registered first");
  const auto labels = std::make_shared<const Labels>(LabelsOf(*type));
  auth::Endpoints api(app, "visa");
  api.Component("VisaDestination", DestinationSchema(*labels));

  api.Get("/api/v1/visa/catalog",
          http::Doc("listVisaCatalog",
                    "Every destination the office applies for visas to, with its kinds, fees, "
                    "processing time and checklist (public)")
              .Public()
              .Returns(http::ItemsOf(http::Ref("VisaDestination"))),
          [&db, labels](const auth::Call&) {
            Json items = Json::array();
            for (const auto& d : db.Read([](db::Session& s) { return LoadAll(s); }))
              items.push_back(ToJson(d, *labels));
            return auth::Reply(Json{{"items", items}});
          });

  api.Get("/api/v1/visa/catalog/{country}",
          http::Doc("getVisaDestination", "One destination of the catalog (public)")
              .Public()
              .Returns(http::Ref("VisaDestination")),
          [&db, labels](const auth::Call& call) {
            const std::string code = CountryParam(call);
            const auto d = db.Read([&](db::Session& s) { return LoadDestination(s, code); });
            if (!d) throw ApiError::NotFound();
            return auth::Reply(ToJson(*d, *labels));
          });

  api.Put("/api/v1/visa/catalog/{country}",
          http::Doc("putVisaDestination",
                    "Add a destination to the catalog or change one (the admin), with a reason; "
                    "its kinds are replaced by those sent, and the change kept in its history")
              .Roles({"admin"})
              .Body(PutSchema(*labels))
              .Returns(http::Ref("VisaDestination")),
          [&db, labels](const auth::Call& call) {
            const auto& who = call.who();
            const std::string code = CountryParam(call);
            // Mainland residents go to Hong Kong, Macao and Taiwan on exit-entry permits.
            if (code == "CN" || code == "HK" || code == "MO" || code == "TW") {
              throw ApiError::Unprocessable(
                  {FieldError{"country", "visa.destination", i18n::T("visa.catalog.china")}});
            }
            Destination d = FromBody(code, call.body());
            d.updated_at = clock::NowIso();
            const std::string reason = call.body()["reason"];
            db.Write([&](db::Session& s) {
              const Json before = Values(LoadDestination(s, code));
              Save(s, d, who.user_id);
              const Json after = Values(d);
              s.Exec(kRecordHistory, {{"c", code},
                                      {"b", before.dump()},
                                      {"f", after.dump()},
                                      {"r", reason},
                                      {"u", who.user_id},
                                      {"a", d.updated_at}});
              audit::Append(s,
                            audit::By(who, "visa.catalog.update", "country", code,
                                      {{"before", before}, {"after", after}, {"reason", reason}}));
            });
            return auth::Reply(ToJson(d, *labels));
          });

  api.Get(
      "/api/v1/visa/catalog/{country}/history",
      http::Doc("listVisaDestinationHistory",
                "Who changed a destination of the catalog, when, why, and from what (null before: "
                "added)")
          .Roles({"admin"})
          .Returns(http::ItemsOf({{"type", "object"},
                                  {"required", {"id", "before", "after", "reason", "by", "at"}},
                                  {"properties",
                                   {{"id", {{"type", "integer"}}},
                                    {"before", {{"type", "object"}, {"nullable", true}}},
                                    {"after", {{"type", "object"}}},
                                    {"reason", kText},
                                    {"by", kText},
                                    {"at", {{"type", "string"}, {"format", "date-time"}}}}}})),
      [&db](const auth::Call& call) {
        const std::string code = CountryParam(call);
        return auth::Reply(db.Read([&](db::Session& s) {
          Json items = Json::array();
          s.Query(kHistory, {{"c", code}}, [&](const db::Row& r) {
            items.push_back({{"id", db::Int(r, 0)},
                             {"before", Json::parse(db::Text(r, 1))},
                             {"after", Json::parse(db::Text(r, 2))},
                             {"reason", db::Text(r, 3)},
                             {"by", db::Text(r, 4)},
                             {"at", db::Text(r, 5)}});
          });
          if (items.empty() && !LoadDestination(s, code)) throw ApiError::NotFound();
          return Json{{"items", items}};
        }));
      });
}

}  // namespace waishi::visa
