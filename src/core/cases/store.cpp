#include "core/cases/store.h"

#include <algorithm>
#include <utility>

#include "core/calendar/working_days.h"
#include "core/cases/visibility.h"
#include "core/clock.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/search/search.h"

namespace waishi::cases::store {
namespace {

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

constexpr const char* kColumnsHead =
    "c.id, c.number, c.type, c.state, c.org_id, o.name_zh, o.name_en, o.parent_id, "
    "c.applicant_id, ua.display_name, c.assigned_to, us.display_name, ";
constexpr const char* kColumnsTail =
    ", c.summary, c.created_at, c.updated_at, c.submitted_at, c.decided_at, c.due_date ";

constexpr const char* kSelectDeadlines = R"(
  SELECT name, started_at, due_date, met_at, late FROM case_deadlines WHERE case_id = :id)";

constexpr const char* kNextNumber = R"(
  INSERT INTO case_counters (type, year, last) VALUES (:t, :y, 1)
  ON CONFLICT (type, year) DO UPDATE SET last = case_counters.last + 1
  RETURNING last)";

constexpr const char* kInsertCase = R"(
  INSERT INTO cases (number, type, state, org_id, applicant_id, data, created_at, updated_at)
  VALUES (:n, :t, :s, :o, :a, :d, :c, :u) RETURNING id)";

constexpr const char* kUpdateTransition = R"(
  UPDATE cases SET state = :s, data = :d, updated_at = :u, due_date = :due,
                   submitted_at = :sa, decided_at = :da
  WHERE id = :id)";

constexpr const char* kStartDeadline = R"(
  INSERT INTO case_deadlines (case_id, name, started_at, due_date, met_at, late)
  VALUES (:c, :n, :s, :d, NULL, 0)
  ON CONFLICT (case_id, name) DO UPDATE
  SET started_at = excluded.started_at, due_date = excluded.due_date, met_at = NULL, late = 0)";

constexpr const char* kMeetDeadline = R"(
  UPDATE case_deadlines SET met_at = :m, late = :l WHERE case_id = :c AND name = :n)";

constexpr const char* kUpdateData = "UPDATE cases SET data = :d, updated_at = :u WHERE id = :id";

constexpr const char* kUpdateSummary = "UPDATE cases SET summary = :s WHERE id = :id";

constexpr const char* kUpdateAssignee =
    "UPDATE cases SET assigned_to = :a, updated_at = :u WHERE id = :id";

constexpr const char* kInsertEvent = R"(
  INSERT INTO case_events (case_id, at, user_id, kind, action, from_state, to_state, comment,
                           detail)
  VALUES (:c, :at, :u, :k, :a, :f, :t, :cm, :d))";

Json Nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

// Sets object[key] = value, placed at the end without a search when the keys come sorted.
template <class V>
void Put(Json& object, const char* key, V&& value) {
  Json::object_t& members = object.get_ref<Json::object_t&>();
  members.emplace_hint(members.end(), key, std::forward<V>(value));
}

}  // namespace

const char* const kJoins =
    "JOIN organizations o ON o.id = c.org_id JOIN users ua ON ua.id = c.applicant_id "
    "LEFT JOIN users us ON us.id = c.assigned_to ";
const std::string kFrom = std::string("FROM cases c ") + kJoins;

std::string Columns(bool with_data) {
  return std::string(kColumnsHead) + (with_data ? "c.data" : "NULL") + kColumnsTail;
}

Row Read(const db::Row& r, Data data) {
  Row row;
  row.rec.id = db::Int(r, 0);
  row.rec.number = db::Text(r, 1);
  row.rec.type = db::Text(r, 2);
  row.rec.state = db::Text(r, 3);
  row.rec.org_id = db::Int(r, 4);
  row.org_name_zh = db::Text(r, 5);
  row.org_name_en = db::Text(r, 6);
  row.rec.org_parent_id = db::Int(r, 7);
  row.rec.applicant_id = db::Int(r, 8);
  row.applicant_name = db::Text(r, 9);
  row.assigned_to = db::Int(r, 10);
  row.assignee_name = db::Text(r, 11);
  // A read shows the data, a list the summary: each parses only what it shows.
  if (data == Data::kParsed)
    row.rec.data = db::JsonCol(r, 12);
  else if (data == Data::kText)
    row.data_text = db::Text(r, 12);
  else
    row.summary = db::JsonCol(r, 13);
  row.created_at = db::Text(r, 14);
  row.updated_at = db::Text(r, 15);
  row.submitted_at = db::Text(r, 16);
  row.decided_at = db::Text(r, 17);
  row.due_date = db::Text(r, 18);
  return row;
}

std::optional<Row> Load(db::Session& s, long long id, Data data) {
  static const std::string sql = "SELECT " + Columns(true) + kFrom + "WHERE c.id = :id";
  std::optional<Row> row;
  s.Query(sql, {{"id", id}},
          [&](const db::Row& r) { row = Read(r, data == Data::kNone ? Data::kText : data); });
  return row;
}

Visible RequireVisible(db::Session& s, const Registry& registry, const auth::Principal& who,
                       long long id, Data data) {
  auto row = Load(s, id, data);
  const CaseType* type = row ? registry.FindType(row->rec.type) : nullptr;
  if (!row || !type || !CanSee(who, *type, row->rec)) throw ApiError::NotFound();
  return Visible{std::move(*row), type};
}

std::map<std::string, DeadlineState> LoadDeadlines(db::Session& s, long long id) {
  std::map<std::string, DeadlineState> out;
  s.Query(kSelectDeadlines, {{"id", id}}, [&](const db::Row& r) {
    out[db::Text(r, 0)] = DeadlineState{db::Text(r, 2), db::OptText(r, 3).has_value()};
  });
  return out;
}

Json DeadlinesJson(db::Session& s, const CaseType& type, const Row& row, const std::string& today) {
  Json out = Json::object();
  s.Query(kSelectDeadlines, {{"id", row.rec.id}}, [&](const db::Row& r) {
    const std::string name = db::Text(r, 0), due = db::Text(r, 2);
    const auto met = db::OptText(r, 3);
    const DeadlineDef* def = nullptr;
    for (const auto& d : type.deadlines) {
      if (d.name == name) def = &d;
    }
    const bool running = !met && def && type.RunningIn(row.rec.state) == def;
    out[name] = Json{{"label", def ? def->label.ToJson() : Json(nullptr)},
                     {"started_at", db::Text(r, 1)},
                     {"due_date", due},
                     {"met_at", met ? Json(*met) : Json(nullptr)},
                     {"late", db::Bool(r, 4)},
                     {"running", running},
                     {"overdue", running && due < today}};
  });
  return out;
}

Json ToJson(const CaseType& type, const Row& row, bool with_data,
            const std::vector<std::string>& allowed_actions, const std::string& today) {
  const bool overdue =
      !row.due_date.empty() && row.due_date < today && type.RunningIn(row.rec.state) != nullptr;
  // Built member by member in the order the object keeps them (sorted), each placed at the end
  // without a search: a list draws this for every row, and the nested initializer lists it
  // was written with cost twice as much (a temporary per member, a search per insertion).
  Json j = Json::object();
  Put(j, "allowed_actions", allowed_actions);
  Json applicant = Json::object();
  Put(applicant, "display_name", row.applicant_name);
  Put(applicant, "id", row.rec.applicant_id);
  Put(j, "applicant", std::move(applicant));
  Json assignee(nullptr);
  if (row.assigned_to) {
    assignee = Json::object();
    Put(assignee, "display_name", row.assignee_name);
    Put(assignee, "id", row.assigned_to);
  }
  Put(j, "assigned_to", std::move(assignee));
  Put(j, "created_at", row.created_at);
  if (with_data) Put(j, "data", row.rec.data);
  Put(j, "decided_at", Nullable(row.decided_at));
  Put(j, "due_date", Nullable(row.due_date));
  Put(j, "id", row.rec.id);
  Put(j, "number", row.rec.number);
  Json org = Json::object();
  Put(org, "id", row.rec.org_id);
  Put(org, "name_en", row.org_name_en);
  Put(org, "name_zh", row.org_name_zh);
  Put(j, "org", std::move(org));
  Put(j, "overdue", overdue);
  Json owner = Json::object();
  Put(owner, "kind", type.owner.kind == OwnerDef::Kind::kUser ? "user" : "organization");
  Put(j, "owner", std::move(owner));
  Put(j, "state", row.rec.state);
  Put(j, "submitted_at", Nullable(row.submitted_at));
  Put(j, "type", row.rec.type);
  Put(j, "updated_at", row.updated_at);
  if (!with_data && row.summary.is_object()) {
    for (const auto& [key, value] : row.summary.items()) j[key] = value;
  }
  return j;
}

std::string WithDataText(const Json& members, std::string_view data_text) {
  static constexpr std::string_view kKey = "data";
  std::string out = "{";
  auto member = [&out](std::string_view key, std::string_view value) {
    if (out.size() > 1) out += ',';
    const bool plain = std::all_of(key.begin(), key.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\';
    });
    if (plain) {
      out += '"';
      out += key;
      out += '"';
    } else {
      out += Json(std::string(key)).dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    out += ':';
    out += value;
  };
  bool placed = false;
  for (auto it = members.begin(); it != members.end(); ++it) {
    if (!placed && it.key() > kKey) {
      member(kKey, data_text.empty() ? "null" : data_text);
      placed = true;
    }
    member(it.key(), it.value().dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  if (!placed) member(kKey, data_text.empty() ? "null" : data_text);
  out += '}';
  return out;
}

Inserted Insert(db::Session& s, const CaseType& type, const auth::Principal& owner,
                const Json& data) {
  const std::string now = clock::NowIso();
  // The number's year is China's: a case created at 00:30 on 1 January Beijing time is
  // the new year's, though it is still 31 December in UTC.
  const long long year = calendar::Date::TodayInChina().year();
  const long long seq = s.Int(kNextNumber, {{"t", type.type}, {"y", year}}).value_or(0);
  const std::string number = NumberFor(type.numbering, static_cast<int>(year), seq);
  const long long id = s.Int(kInsertCase, {{"n", number},
                                           {"t", type.type},
                                           {"s", type.states.front().name},
                                           {"o", owner.org_id},
                                           {"a", owner.user_id},
                                           {"d", data.dump()},
                                           {"c", now},
                                           {"u", now}})
                           .value_or(0);
  return Inserted{id, number};
}

void Apply(db::Session& s, long long id, const Row& before, const Decision& d) {
  const std::string now = clock::NowIso();
  const std::string submitted = d.submits ? now : before.submitted_at;
  const std::string decided = d.decides ? now : before.decided_at;
  auto null_if_empty = [](const std::string& v) { return v.empty() ? db::Value() : db::Value(v); };
  s.Exec(kUpdateTransition, {{"s", d.target},
                             {"d", d.data.dump()},
                             {"u", now},
                             {"due", d.due_date},
                             {"sa", null_if_empty(submitted)},
                             {"da", null_if_empty(decided)},
                             {"id", id}});
  for (const auto& change : d.deadlines) {
    if (change.kind == DeadlineChange::Kind::kStart) {
      s.Exec(kStartDeadline, {{"c", id}, {"n", change.name}, {"s", now}, {"d", change.due_date}});
    } else {
      s.Exec(kMeetDeadline, {{"m", now}, {"l", change.late}, {"c", id}, {"n", change.name}});
    }
  }
}

void SaveData(db::Session& s, long long id, const Json& data) {
  s.Exec(kUpdateData, {{"d", data.dump()}, {"u", clock::NowIso()}, {"id", id}});
}

void SetAssignee(db::Session& s, long long id, std::optional<long long> user_id) {
  s.Exec(kUpdateAssignee, {{"a", user_id}, {"u", clock::NowIso()}, {"id", id}});
}

void AddEvent(db::Session& s, long long case_id, long long user_id, const std::string& kind,
              const std::string& action, const std::string& from, const std::string& to,
              const std::string& comment, const Json& detail) {
  s.Exec(kInsertEvent, {{"c", case_id},
                        {"at", clock::NowIso()},
                        {"u", user_id},
                        {"k", kind},
                        {"a", action},
                        {"f", from},
                        {"t", to},
                        {"cm", comment},
                        {"d", detail.dump()}});
}

void Index(db::Session& s, const CaseType& type, const TypeHooks& hooks, long long id,
           const std::string& number, const std::string& org_name, const std::string& applicant,
           const Json& data) {
  const std::string summary = (hooks.summary ? hooks.summary(data) : Json::object()).dump();
  const std::string owner = type.owner.kind == OwnerDef::Kind::kUser ? "" : org_name;
  search::Document doc = hooks.search ? hooks.search(data) : search::Document{};
  doc.heading = number + " " + owner + " " + applicant + " " + doc.heading;
  doc.identifiers.push_back(number);
  s.Exec(kUpdateSummary, {{"s", summary}, {"id", id}});
  search::Index(s, kSearchKind, id, doc);
}

}  // namespace waishi::cases::store
