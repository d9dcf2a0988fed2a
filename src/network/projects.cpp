#include "network/projects.h"

#include <map>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/http/params.h"
#include "network/cities.h"

namespace waishi::network {
namespace {

constexpr const char* kProjectSelect = R"(
  SELECT p.id, p.city_id, c.name_zh, c.name_en, c.country, p.field, p.direction, p.title_zh,
         p.title_en, p.our_partners, p.their_partners, p.amount, p.currency, p.status, p.started,
         p.outcomes, p.created_at, p.updated_at,
         (SELECT COUNT(*) FROM network_project_documents d WHERE d.project_id = p.id) )";
constexpr const char* kProjectFrom =
    "FROM network_projects p JOIN network_cities c ON c.id = p.city_id";
constexpr const char* kProjectInsert = R"(
  INSERT INTO network_projects (city_id, field, direction, title_zh, title_en, our_partners,
                                their_partners, amount, currency, status, started, outcomes,
                                created_at, updated_at)
  VALUES (:c, :f, :d, :tz, :te, :op, :tp, :am, :cu, :s, :st, :o, :at, :at2))";
constexpr const char* kByField =
    "SELECT field, direction, COUNT(*) FROM network_projects GROUP BY field, direction";
constexpr const char* kProjectExists = "SELECT COUNT(*) FROM network_projects WHERE id = :id";
// Followed by the list of project ids "(…)": their milestones, in each project's order.
constexpr const char* kMilestonesAmong = R"(
  SELECT project_id, title_zh, title_en, due_on, done_on, note FROM network_project_milestones
  WHERE project_id IN )";
constexpr const char* kMilestonesOrder = " ORDER BY project_id, seq";
constexpr const char* kDropMilestones =
    "DELETE FROM network_project_milestones WHERE project_id = :id";
constexpr const char* kInsertMilestone = R"(
  INSERT INTO network_project_milestones (project_id, seq, title_zh, title_en, due_on, done_on,
                                          note)
  VALUES (:p, :n, :tz, :te, :d, :dn, :note))";
constexpr std::size_t kMaxMilestones = 50;
// The list's filters besides the city: query parameter → column.
const std::vector<std::pair<const char*, const char*>> kProjectFilters = {
    {"field", "p.field"}, {"direction", "p.direction"}, {"status", "p.status"}};

// The projects as a spreadsheet (GET /api/v1/network/projects/export, with the list's
// filters): the city and the title in the caller's language, the amount in its major unit.
exports::List ProjectsExport() {
  using exports::Col;
  using exports::EnumCol;
  using exports::Kind;
  return exports::List{
      .name = "network_projects",
      .title_key = "network.export.projects",
      .personal_data = false,
      .columns = {Col("id", "/id", "export.col.id", Kind::kInteger), CityColumn(),
                  EnumCol("field", "/field", "network.col.field", "network.field."),
                  EnumCol("direction", "/direction", "network.col.direction", "network.direction."),
                  BilingualColumn("title", "/title_zh", "/title_en", "network.col.title"),
                  Col("our_partners", "/our_partners", "network.col.our_partners"),
                  Col("their_partners", "/their_partners", "network.col.their_partners"),
                  Col("amount", "/amount", "network.col.amount", Kind::kMinorMoney),
                  Col("currency", "/amount/currency", "network.col.currency"),
                  EnumCol("status", "/status", "network.col.status", "network.project_status."),
                  Col("started", "/started", "network.col.started", Kind::kDate),
                  Col("outcomes", "/outcomes", "network.col.outcomes")},
      .more_columns = {}};
}

Json ProjectJson(const db::Row& r) {
  Json amount = nullptr;
  if (const auto minor = db::OptInt(r, 11))
    amount = Json{{"amount", *minor}, {"currency", db::Text(r, 12)}};
  return Json{{"id", db::Int(r, 0)},
              {"city", CityRefJson(r, 1)},
              {"field", db::Text(r, 5)},
              {"direction", db::Text(r, 6)},
              {"title_zh", db::Text(r, 7)},
              {"title_en", db::Text(r, 8)},
              {"our_partners", db::Text(r, 9)},
              {"their_partners", db::Text(r, 10)},
              {"amount", std::move(amount)},
              {"status", db::Text(r, 13)},
              {"started", db::AnyCol(r, 14)},
              {"outcomes", db::Text(r, 15)},
              {"documents_count", db::Int(r, 18)},
              {"created_at", db::Text(r, 16)},
              {"updated_at", db::Text(r, 17)}};
}

Json MilestoneSchema() {
  const Json title = {{"type", "string"}, {"minLength", 1}, {"maxLength", 300}};
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"title_zh", "title_en", "due_on"}},
              {"properties",
               {{"title_zh", title},
                {"title_en", title},
                {"due_on", {{"type", "string"}, {"format", "date"}}},
                {"done_on",
                 {{"type", "string"},
                  {"format", "date"},
                  {"nullable", true},
                  {"description", "none while open; no later than today"}}},
                {"note", {{"type", "string"}, {"maxLength", 2000}}}}}};
}

Json MilestonesSchema() {
  return Json{{"type", "array"}, {"maxItems", kMaxMilestones}, {"items", MilestoneSchema()}};
}

// The milestones' own rule beyond the schema's: none done later than today (China).
void CheckMilestones(const Json& milestones, calendar::Date today) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < milestones.size(); ++i) {
    const Json& m = milestones[i];
    if (const auto done = m.find("done_on");
        done != m.end() && done->is_string() && done->get<std::string>() > today.ToString()) {
      errors.push_back({"milestones[" + std::to_string(i) + "].done_on",
                        "network.milestone.done_future", i18n::T("network.milestone.done_future")});
    }
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
}

// The project's milestones replaced by `milestones` (checked), in their order.
void WriteMilestones(db::Session& tx, long long project, const Json& milestones) {
  tx.Exec(kDropMilestones, {{"id", project}});
  long long seq = 0;
  for (const Json& m : milestones) {
    const auto done = m.find("done_on");
    tx.Exec(kInsertMilestone,
            {{"p", project},
             {"n", ++seq},
             {"tz", m["title_zh"].get<std::string>()},
             {"te", m["title_en"].get<std::string>()},
             {"d", m["due_on"].get<std::string>()},
             {"dn", done != m.end() && done->is_string() ? db::Value(done->get<std::string>())
                                                         : db::Value()},
             {"note", m.value("note", "")}});
  }
}

// Each project of `projects` (each with its "id") given its "milestones".
void AddMilestones(db::Session& s, Json& projects) {
  if (projects.empty()) return;
  std::map<long long, Json> by_project;
  std::string among = "(";
  db::Params params;
  for (const Json& p : projects) {
    const long long id = p["id"].get<long long>();
    by_project[id] = Json::array();
    among += (among.size() > 1 ? ", " : "") + db::Bind(params, "p" + std::to_string(id), id);
  }
  s.Query(std::string(kMilestonesAmong) + among + ")" + kMilestonesOrder, params,
          [&](const db::Row& r) {
            by_project[db::Int(r, 0)].push_back({{"title_zh", db::Text(r, 1)},
                                                 {"title_en", db::Text(r, 2)},
                                                 {"due_on", db::Text(r, 3)},
                                                 {"done_on", db::AnyCol(r, 4)},
                                                 {"note", db::Text(r, 5)}});
          });
  for (Json& p : projects) p["milestones"] = std::move(by_project[p["id"].get<long long>()]);
}

Json MoneySchema() {
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"amount", "currency"}},
              {"description", "an amount in the currency's minor unit (fen for CNY)"},
              {"properties",
               {{"amount", {{"type", "integer"}, {"minimum", 0}}},
                {"currency", {{"type", "string"}, {"enum", kCurrencies}}}}}};
}

Json ProjectSchema() {
  const Json text = {{"type", "string"}};
  Json money = MoneySchema();
  money["nullable"] = true;
  money.erase("additionalProperties");
  Json milestone = MilestoneSchema();
  milestone.erase("additionalProperties");
  milestone["required"] = {"title_zh", "title_en", "due_on", "done_on", "note"};
  return Json{{"type", "object"},
              {"required",
               {"id", "city", "field", "direction", "title_zh", "title_en", "our_partners",
                "their_partners", "amount", "status", "started", "outcomes", "milestones",
                "documents_count", "created_at", "updated_at"}},
              {"properties",
               {{"id", {{"type", "integer"}}},
                {"city", CityRefSchema()},
                {"field", {{"type", "string"}, {"enum", kFields}}},
                {"direction", {{"type", "string"}, {"enum", kDirections}}},
                {"title_zh", text},
                {"title_en", text},
                {"our_partners", text},
                {"their_partners", text},
                {"amount", std::move(money)},
                {"status", {{"type", "string"}, {"enum", kProjectStatuses}}},
                {"started", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
                {"outcomes", text},
                {"milestones",
                 {{"type", "array"},
                  {"description", "in the office's order"},
                  {"items", std::move(milestone)}}},
                {"documents_count",
                 {{"type", "integer"}, {"description", "its linked documents (GET …/documents)"}}},
                {"created_at", text},
                {"updated_at", text}}}};
}

Json NewProjectBody() {
  const Json title = {{"type", "string"}, {"minLength", 1}, {"maxLength", 300}};
  const Json text = {{"type", "string"}, {"maxLength", 2000}};
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"city_id", "field", "direction", "title_zh", "title_en", "status"}},
              {"properties",
               {{"city_id", {{"type", "integer"}, {"minimum", 1}}},
                {"field", {{"type", "string"}, {"enum", kFields}}},
                {"direction", {{"type", "string"}, {"enum", kDirections}}},
                {"title_zh", title},
                {"title_en", title},
                {"our_partners", text},
                {"their_partners", text},
                {"amount", MoneySchema()},
                {"status", {{"type", "string"}, {"enum", kProjectStatuses}}},
                {"started", {{"type", "string"}, {"format", "date"}}},
                {"outcomes", {{"type", "string"}, {"maxLength", 5000}}},
                {"milestones", MilestonesSchema()}}}};
}

Json ProjectById(db::Session& s, long long id) {
  Json project = Json::array();
  s.Query(std::string(kProjectSelect) + kProjectFrom + " WHERE p.id = :id", {{"id", id}},
          [&](const db::Row& r) { project.push_back(ProjectJson(r)); });
  if (project.empty()) throw ApiError::NotFound();
  AddMilestones(s, project);
  return project[0];
}

}  // namespace

long long InsertProject(db::Session& tx, const Json& b) {
  const long long city = b["city_id"].get<long long>();
  RequireCity(tx, city);
  const bool money = b.contains("amount");
  const std::string now = clock::NowIso();
  const long long id = tx.Insert(
      kProjectInsert,
      {{"c", city},
       {"f", b["field"].get<std::string>()},
       {"d", b["direction"].get<std::string>()},
       {"tz", b["title_zh"].get<std::string>()},
       {"te", b["title_en"].get<std::string>()},
       {"op", b.value("our_partners", "")},
       {"tp", b.value("their_partners", "")},
       {"am", money ? db::Value(b["amount"]["amount"].get<long long>()) : db::Value()},
       {"cu", money ? db::Value(b["amount"]["currency"].get<std::string>()) : db::Value()},
       {"s", b["status"].get<std::string>()},
       {"st", b.contains("started") ? db::Value(b["started"].get<std::string>()) : db::Value()},
       {"o", b.value("outcomes", "")},
       {"at", now},
       {"at2", now}});
  if (const auto milestones = b.find("milestones"); milestones != b.end())
    WriteMilestones(tx, id, *milestones);
  return id;
}

bool ProjectExists(db::Session& s, long long id) {
  return s.Int(kProjectExists, {{"id", id}}).value_or(0) > 0;
}

Json ProjectFigures(db::Session& s) {
  std::map<std::string, std::map<std::string, long long>> counts;  // field → direction → n
  long long total = 0;
  s.Query(kByField, {}, [&](const db::Row& r) {
    counts[db::Text(r, 0)][db::Text(r, 1)] = db::Int(r, 2);
    total += db::Int(r, 2);
  });
  Json by_field = Json::array();
  for (const std::string& field : kFields) {
    Json row{{"field", field}};
    long long projects = 0;
    for (const std::string& direction : kDirections) {
      row[direction] = counts[field][direction];
      projects += counts[field][direction];
    }
    row["projects"] = projects;
    by_field.push_back(std::move(row));
  }
  return Json{{"projects", total}, {"projects_by_field", std::move(by_field)}};
}

Json ProjectFiguresSchema() {
  const Json count = {{"type", "integer"}};
  return Json{{"projects", count},
              {"projects_by_field",
               {{"type", "array"},
                {"items",
                 {{"type", "object"},
                  {"required", {"field", "projects", "inbound", "outbound", "joint"}},
                  {"properties",
                   {{"field", {{"type", "string"}, {"enum", kFields}}},
                    {"projects", count},
                    {"inbound", count},
                    {"outbound", count},
                    {"joint", count}}}}}}}};
}

void RegisterProjectRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "network");
  api.Component("NetworkProject", ProjectSchema());

  api.Post("/api/v1/network/projects",
           http::Doc("createNetworkProject", "Adds a cooperation project with a partner city")
               .Roles(kStaff)
               .Body(NewProjectBody())
               .Returns(http::Ref("NetworkProject"), 201),
           [&db](const auth::Call& call) {
             const Json& b = call.body();
             if (b.contains("milestones"))
               CheckMilestones(b["milestones"], calendar::Date::TodayInChina());
             return db.Write([&](db::Session& tx) {
               const long long id = InsertProject(tx, b);
               audit::Append(tx, audit::By(call.who(), "network.project.create", "network_project",
                                           std::to_string(id), {{"city_id", b["city_id"]}}));
               return auth::Reply(ProjectById(tx, id), 201);
             });
           });

  api.Get("/api/v1/network/projects",
          http::Doc("listNetworkProjects",
                    "The cooperation projects, latest started first, filtered by partner city, "
                    "field, direction and status")
              .Roles(kReaders)
              .Query({"city_id", "field", "direction", "status", "page", "page_size"})
              .Returns(http::PageOf(http::Ref("NetworkProject")))
              .Export(ProjectsExport()),
          [&db](const auth::Call& call) {
            const auto page = http::ParsePage(call.request());
            std::string where;
            db::Params params;
            auto filter = [&](const char* column, const char* name, db::Value value) {
              where += (where.empty() ? " WHERE " : " AND ") + std::string(column) + " = " +
                       db::Bind(params, name, std::move(value));
            };
            if (const auto city = CityIdQuery(call.request())) filter("p.city_id", "city", *city);
            for (const auto& [name, column] : kProjectFilters) {
              if (const auto value = call.request().Query(name))
                filter(column, name, std::string(*value));
            }
            return db.Read([&](db::Session& s) {
              Json list = ListPage(s, kProjectSelect, kProjectFrom + where,
                                   " ORDER BY p.started IS NULL, p.started DESC, p.id DESC", params,
                                   page, ProjectJson);
              AddMilestones(s, list["items"]);
              return auth::Reply(list);
            });
          });

  api.Get("/api/v1/network/projects/{id}",
          http::Doc("getNetworkProject", "A cooperation project")
              .Roles(kReaders)
              .Returns(http::Ref("NetworkProject")),
          [&db](const auth::Call& call) {
            return db.Read([&](db::Session& s) { return auth::Reply(ProjectById(s, call.Id())); });
          });

  // The milestones replaced as a whole: nothing else of the project is written.
  api.Put("/api/v1/network/projects/{id}/milestones",
          http::Doc("putNetworkProjectMilestones",
                    "Replaces a project's milestones by the list given (in its order; an empty "
                    "list leaves none), nothing else of the project changed; none may be done "
                    "later than today")
              .Roles(kStaff)
              .Body(Json{{"type", "object"},
                         {"additionalProperties", false},
                         {"required", {"milestones"}},
                         {"properties", {{"milestones", MilestonesSchema()}}}})
              .Returns(http::Ref("NetworkProject")),
          [&db](const auth::Call& call) {
            const Json& milestones = call.body()["milestones"];
            CheckMilestones(milestones, calendar::Date::TodayInChina());
            return db.Write([&](db::Session& tx) {
              const long long id = call.Id();
              if (!ProjectExists(tx, id)) throw ApiError::NotFound();
              WriteMilestones(tx, id, milestones);
              long long done = 0;
              for (const Json& m : milestones)
                done += m.contains("done_on") && m["done_on"].is_string();
              audit::Append(tx, audit::By(call.who(), "network.project.milestones",
                                          "network_project", std::to_string(id),
                                          {{"milestones", milestones.size()}, {"done", done}}));
              return auth::Reply(ProjectById(tx, id));
            });
          });
}

}  // namespace waishi::network
