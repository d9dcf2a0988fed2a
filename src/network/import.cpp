#include "network/import.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/csv/csv.h"
#include "core/csv/rows.h"
#include "core/geo/countries.h"
#include "network/cities.h"

namespace waishi::network {
namespace {

constexpr std::array<std::string_view, 10> kHeader = {
    "name_zh", "name_en", "local_name", "country",     "province",
    "lat",     "lon",     "tier",       "established", "population"};
enum Column {
  kNameZh,
  kNameEn,
  kLocalName,
  kCountry,
  kProvince,
  kLat,
  kLon,
  kTier,
  kEstablished,
  kPopulation
};

// A registry is a few hundred cities: the limit keeps a wrong file's harm small.
constexpr long long kMaxRows = 5000;

// What a merge writes: the names, the place and the relation's facts the file gives; the
// status and the notes are the office's, not the spreadsheet's.
constexpr const char* kMerge = R"(
  UPDATE network_cities
  SET name_zh = :nz, name_en = :ne, name_key = :k, local_name = :ln, province = :p, lat = :la,
      lon = :lo, population = :po, tier = :t, established = :e, updated_at = :at
  WHERE id = :id)";

// A good row of the file: its city, and the registry's city it is the same as, if any.
struct Row {
  long long row = 0;
  City city;
  std::optional<Same> same;
};

// The file read against the registry: its good rows, and the errors of the others, each at its
// row and column (a city twice in the file is one of them).
struct Reading {
  long long rows = 0;  // below the header
  std::vector<Row> cities;
  std::vector<FieldError> errors;
};

// The row's city, or its errors added to `errors`.
std::optional<City> CityOfRow(const std::vector<std::string>& f, long long row,
                              calendar::Date today, std::vector<FieldError>& errors) {
  City c;
  c.name_zh = f[kNameZh];
  c.name_en = f[kNameEn];
  c.local_name = f[kLocalName];
  c.country = f[kCountry];
  c.province = f[kProvince];
  c.lat = csv::Number(f[kLat]).value_or(NAN);
  c.lon = csv::Number(f[kLon]).value_or(NAN);
  c.tier = f[kTier];
  c.established = f[kEstablished];
  std::vector<FieldError> bad;
  if (const std::string& p = f[kPopulation]; !p.empty()) {
    long long population = 0;
    const auto [at, ec] = std::from_chars(p.data(), p.data() + p.size(), population);
    if (ec != std::errc() || at != p.data() + p.size())
      bad.push_back({"population", "network.population", i18n::T("network.population")});
    else
      c.population = population;  // a negative one is Check's
  }
  for (FieldError& e : Check(c, today)) bad.push_back(std::move(e));
  for (FieldError& e : bad) errors.push_back(csv::At(row, e.field, std::move(e.rule), e.message));
  if (!bad.empty()) return std::nullopt;
  return c;
}

Reading Read(db::Session& s, std::string_view text) {
  Reading reading;
  auto& errors = reading.errors;
  std::map<std::pair<std::string, std::string>, long long> rows;  // (country, key) → row
  const auto registered = Registered(s);
  const calendar::Date today = calendar::Date::TodayInChina();
  bool header = true;
  try {
    csv::ReadText(text, [&](const csv::Record& r) {
      const auto& f = r.fields;
      if (header) {
        header = false;
        if (std::equal(f.begin(), f.end(), kHeader.begin(), kHeader.end())) return true;
        errors.push_back(
            csv::At(r.line, "", "network.import.header", i18n::T("network.import.header")));
        return false;
      }
      if (++reading.rows > kMaxRows) return false;
      if (f.size() != kHeader.size()) {
        errors.push_back(csv::At(
            r.line, "", "network.import.columns",
            i18n::T("network.import.columns",
                    {{"n", std::to_string(kHeader.size())}, {"got", std::to_string(f.size())}})));
        return true;
      }
      auto city = CityOfRow(f, r.line, today, errors);
      if (!city) return true;
      const auto key = std::make_pair(city->country, NameKey(city->name_en));
      if (const auto [first, added] = rows.try_emplace(key, r.line); !added) {
        errors.push_back(csv::At(r.line, "name_en", "network.duplicate",
                                 i18n::T("network.import.duplicate_in_file",
                                         {{"line", std::to_string(first->second)}})));
        return true;
      }
      const auto same = registered.find(key);
      reading.cities.push_back(
          {r.line, std::move(*city),
           same == registered.end() ? std::nullopt : std::optional<Same>(same->second)});
      return true;
    });
  } catch (const csv::Error& e) {
    errors.push_back(
        csv::At(e.line(), "", "network.import.not_csv", i18n::T("network.import.not_csv")));
  }
  if (header) {
    errors.push_back(csv::At(1, "", "network.import.header", i18n::T("network.import.header")));
  } else if (reading.rows > kMaxRows) {
    errors = {
        csv::At(kMaxRows + 2, "", "network.import.too_many_rows",
                i18n::T("network.import.too_many_rows", {{"max", std::to_string(kMaxRows)}}))};
  } else if (reading.rows == 0 && errors.empty()) {
    errors.push_back(csv::At(2, "", "network.import.empty", i18n::T("network.import.empty")));
  }
  return reading;
}

// The registry's city as the file would leave it: what the file gives, and what it leaves
// empty (local name, province, population) as it was; coordinates the same to about a
// centimetre (a spreadsheet's rounding) as they were.
City Merged(const Json& old, City c) {
  for (auto [field, value] : {std::pair{"lat", &c.lat}, std::pair{"lon", &c.lon}}) {
    const double was = old[field].get<double>();
    if (std::abs(was - *value) < 1e-7) *value = was;
  }
  if (c.local_name.empty()) c.local_name = old["local_name"].get<std::string>();
  if (c.province.empty()) c.province = old["province"].get<std::string>();
  if (!c.population && !old["population"].is_null())
    c.population = old["population"].get<long long>();
  return c;
}

// Each field the merge changes, {"field","from","to"}.
Json Changes(const Json& old, const City& c) {
  const Json now = {{"name_zh", c.name_zh},
                    {"name_en", c.name_en},
                    {"local_name", c.local_name},
                    {"province", c.province},
                    {"lat", c.lat},
                    {"lon", c.lon},
                    {"population", c.population ? Json(*c.population) : Json(nullptr)},
                    {"tier", c.tier},
                    {"established", c.established}};
  Json changes = Json::array();
  for (const auto& [field, to] : now.items()) {
    if (old[field] != to) changes.push_back({{"field", field}, {"from", old[field]}, {"to", to}});
  }
  return changes;
}

enum class Mode {
  kPreview,           // nothing written: what an import would do
  kMerge,             // cities already there take the file's facts
  kRefuseDuplicates,  // a city already there refuses the file (409)
};

struct Outcome {
  Json result;
  long long added = 0, merged = 0;
};

// The file imported, whole, or refused: 422 naming each bad row and column, or (kRefuseDuplicates)
// 409 naming each row of a city the registry has.
Outcome Import(db::Session& s, std::string_view text, Mode mode) {
  Reading reading = Read(s, text);
  if (!reading.errors.empty()) throw ApiError::Unprocessable(std::move(reading.errors));
  if (mode == Mode::kRefuseDuplicates) {
    std::vector<FieldError> duplicates;
    for (const Row& r : reading.cities) {
      if (!r.same) continue;
      FieldError e =
          csv::At(r.row, "name_en", "network.duplicate", DuplicateMessage(r.city, *r.same));
      e.extra["id"] = r.same->id;
      duplicates.push_back(std::move(e));
    }
    if (!duplicates.empty()) {
      throw ApiError(
          409, "network.import.duplicates",
          i18n::T("network.import.duplicates", {{"n", std::to_string(duplicates.size())}}),
          std::move(duplicates));
    }
  }
  Outcome out;
  Json cities = Json::array();
  long long unchanged = 0;
  const std::string now = clock::NowIso();
  for (const Row& r : reading.cities) {
    Json item = {{"row", r.row},
                 {"name_zh", r.city.name_zh},
                 {"name_en", r.city.name_en},
                 {"country", r.city.country}};
    if (!r.same) {
      item["action"] = "add";
      item["id"] = mode == Mode::kPreview ? Json(nullptr) : Json(Insert(s, r.city));
      item["changes"] = Json::array();
      ++out.added;
    } else {
      const Json old = CityById(s, r.same->id);
      const City merged = Merged(old, r.city);
      Json changes = Changes(old, merged);
      item["id"] = r.same->id;
      item["action"] = changes.empty() ? "same" : "merge";
      if (changes.empty()) {
        ++unchanged;
      } else {
        ++out.merged;
        if (mode != Mode::kPreview) {
          s.Exec(kMerge, {{"nz", merged.name_zh},
                          {"ne", merged.name_en},
                          {"k", NameKey(merged.name_en)},
                          {"ln", merged.local_name},
                          {"p", merged.province},
                          {"la", merged.lat},
                          {"lo", merged.lon},
                          {"po", merged.population ? db::Value(*merged.population) : db::Value()},
                          {"t", merged.tier},
                          {"e", merged.established},
                          {"at", now},
                          {"id", r.same->id}});
        }
      }
      item["changes"] = std::move(changes);
    }
    cities.push_back(std::move(item));
  }
  out.result = {{"dry_run", mode == Mode::kPreview},
                {"rows", reading.rows},
                {"added", out.added},
                {"merged", out.merged},
                {"unchanged", unchanged},
                {"cities", std::move(cities)}};
  return out;
}

Json ImportBody() {
  return Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"csv"}},
      {"properties",
       {{"csv",
         {{"type", "string"},
          {"maxLength", 2000000},
          {"description",
           "UTF-8 CSV, header name_zh,name_en,local_name,country,province,lat,lon,tier,"
           "established,population, a city per row"}}},
        {"file_name", {{"type", "string"}, {"maxLength", 255}}},
        {"dry_run",
         {{"type", "boolean"}, {"description", "what the import would do, nothing written"}}},
        {"merge",
         {{"type", "boolean"},
          {"description",
           "cities already in the registry (country and English name) take the file's facts; "
           "without it they refuse the file (409)"}}}}}};
}

Json ImportResultSchema() {
  const Json count = {{"type", "integer"}};
  const Json text = {{"type", "string"}};
  const Json change = {
      {"type", "object"},
      {"required", {"field", "from", "to"}},
      {"properties", {{"field", text}, {"from", Json::object()}, {"to", Json::object()}}}};
  return Json{
      {"type", "object"},
      {"required", {"dry_run", "rows", "added", "merged", "unchanged", "cities"}},
      {"properties",
       {{"dry_run", {{"type", "boolean"}}},
        {"rows", count},
        {"added", count},
        {"merged", count},
        {"unchanged", count},
        {"cities",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required", {"row", "action", "id", "name_zh", "name_en", "country", "changes"}},
            {"properties",
             {{"row", count},
              {"action", {{"type", "string"}, {"enum", {"add", "merge", "same"}}}},
              {"id",
               {{"type", "integer"},
                {"nullable", true},
                {"description", "the city's; a city added by a dry run has none yet"}}},
              {"name_zh", text},
              {"name_en", text},
              {"country", text},
              {"changes", {{"type", "array"}, {"items", change}}}}}}}}}}}};
}

Json AuditDetail(std::string_view file, const Outcome& out) {
  return Json{{"file", file}, {"added", out.added}, {"merged", out.merged}};
}

}  // namespace

void RegisterImportRoute(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "network");
  api.Post(
      "/api/v1/network/cities/import",
      http::Doc("importPartnerCities",
                "Imports the registry's cities from the office's spreadsheet (CSV text; the web "
                "sends an xlsx sheet, its columns mapped, as the same text): every row checked, a "
                "file with errors imports nothing (422, each error at its row and column); a "
                "dry run says what would be added and what merged; cities already there refuse "
                "the file (409) unless merge confirms that they take its facts")
          .Roles(kStaff)
          .Body(ImportBody())
          .Returns(ImportResultSchema())
          .Errors({"409"}),  // network.import.duplicates, each city already there a detail
      [&db](const auth::Call& call) {
        const Json& body = call.body();
        const std::string& text = body["csv"].get_ref<const std::string&>();
        if (body.value("dry_run", false)) {
          return db.Read(
              [&](db::Session& s) { return auth::Reply(Import(s, text, Mode::kPreview).result); });
        }
        const Mode mode = body.value("merge", false) ? Mode::kMerge : Mode::kRefuseDuplicates;
        return db.Write([&](db::Session& tx) {
          Outcome out = Import(tx, text, mode);
          audit::Append(tx, audit::By(call.who(), "network.import", "network_city", "",
                                      AuditDetail(body.value("file_name", ""), out)));
          return auth::Reply(std::move(out.result));
        });
      });
}

long long ImportDemoCities(db::Session& tx, std::string_view csv) {
  return Import(tx, csv, Mode::kRefuseDuplicates).added;
}

int ImportCommand(App& app, const std::vector<std::string>& args) {
  std::vector<std::string> files;
  bool merge = false, unknown = false;
  for (const std::string& a : args) {
    if (a == "--merge")
      merge = true;
    else if (a.starts_with("--"))
      unknown = true;
    else
      files.push_back(a);
  }
  if (unknown || files.size() != 1) {
    std::fputs("usage: waishi import partner-cities --db URL [--merge] FILE.csv\n", stderr);
    return 2;
  }
  const std::string& file = files[0];
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    const Outcome out = app.db.Write([&](db::Session& tx) {
      Outcome o = Import(tx, text.str(), merge ? Mode::kMerge : Mode::kRefuseDuplicates);
      audit::Append(
          tx, audit::Entry{0, "waishi import partner-cities", "", "network.import", "network_city",
                           "", AuditDetail(std::filesystem::path(file).filename().string(), o)});
      return o;
    });
    if (merge)
      std::printf("{\"cities\": %lld, \"merged\": %lld}\n", out.added, out.merged);
    else
      std::printf("{\"cities\": %lld}\n", out.added);
    return 0;
  } catch (const ApiError& e) {
    for (const FieldError& d : e.details())
      std::fprintf(stderr, "%s / %s\n", d.message.zh.c_str(), d.message.en.c_str());
    std::fprintf(stderr, "%zu errors: nothing imported\n", e.details().size());
    return 1;
  }
}

}  // namespace waishi::network
