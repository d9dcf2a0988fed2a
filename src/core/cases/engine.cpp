#include "core/cases/engine.h"

#include <algorithm>

#include "core/app.h"
#include "core/audit/audit.h"
#include "core/calendar/holidays.h"
#include "core/cases/engine_detail.h"
#include "core/cases/store.h"
#include "core/cases/validation.h"
#include "core/cases/visibility.h"
#include "core/db/session.h"
#include "core/documents/documents.h"
#include "core/error.h"
#include "core/i18n/utf8.h"

namespace waishi::cases {
namespace {

constexpr const char* kCountAssignable = R"(
  SELECT COUNT(*) FROM users u
  JOIN user_roles r ON r.user_id = u.id
  JOIN user_desks d ON d.user_id = u.id
  WHERE u.id = :u AND u.active = 1 AND d.desk = :desk AND r.role = :role)";

constexpr const char* kCountDocuments = R"(
  SELECT kind, COUNT(*) FROM attachments WHERE case_id = :c AND kind <> '' GROUP BY kind)";

constexpr const char* kCountSubrecords = R"(
  SELECT kind, state, COUNT(*) FROM case_subrecords WHERE case_id = :c GROUP BY kind, state)";

constexpr const char* kSelectHistory = R"(
  SELECT e.id, e.at, e.user_id, u.display_name, e.kind, e.action, e.from_state, e.to_state,
         e.comment, e.detail
  FROM case_events e LEFT JOIN users u ON u.id = e.user_id
  WHERE e.case_id = :id ORDER BY e.id)";

constexpr const char* kSearchUnindexed = R"(
  SELECT CASE WHEN EXISTS (SELECT 1 FROM cases)
    AND NOT EXISTS (SELECT 1 FROM search_documents WHERE kind = :k) THEN 1 ELSE 0 END)";
constexpr const char* kCaseIdsAfter = R"(
  SELECT id FROM cases WHERE id > :after ORDER BY id LIMIT 500)";

}  // namespace

Engine::Engine(App& app) : Engine(app.db, app.cases, app.policies) {}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

Json PolicyOf(db::Session& s, const Policies& policies, const CaseType& type) {
  return type.policy.empty() ? Json::object() : policies.Load(s, type.policy);
}

Json FactsOf(db::Session& s, const Registry& registry, const CaseType& type, const CaseRecord& c,
             const std::string& submitted_at, const Json& deadlines) {
  Json facts{{"case",
              {{"id", c.id},
               {"state", c.state},
               {"submitted_at", submitted_at},
               {"deadlines", deadlines}}},
             {"owner", {{"org_id", c.org_id}, {"user_id", c.applicant_id}}}};
  if (!type.documents.empty()) {
    Json documents = Json::object();
    for (const auto& d : type.documents) documents[d.kind] = 0;
    if (c.id != 0) {
      s.Query(kCountDocuments, {{"c", c.id}},
              [&](const db::Row& r) { documents[db::Text(r, 0)] = db::Int(r, 1); });
    }
    facts["documents"] = documents;
  }
  if (!type.subrecords.empty()) {
    Json subrecords = Json::object();
    for (const auto& d : type.subrecords) subrecords[d.kind] = Json::object();
    if (c.id != 0) {
      s.Query(kCountSubrecords, {{"c", c.id}}, [&](const db::Row& r) {
        subrecords[db::Text(r, 0)][db::Text(r, 1)] = db::Int(r, 2);
      });
    }
    facts["subrecords"] = subrecords;
  }
  const TypeHooks& hooks = registry.HooksOf(c.type);
  if (hooks.facts) facts.merge_patch(hooks.facts(s, c));
  return facts;
}

namespace {

Json DeadlineFacts(const std::map<std::string, DeadlineState>& deadlines) {
  Json out = Json::object();
  for (const auto& [name, d] : deadlines) out[name] = {{"due_date", d.due_date}, {"met", d.met}};
  return out;
}

}  // namespace

long long Engine::IndexAllIfUnindexed() {
  const auto unindexed = [&](db::Session& s) {
    return s.Int(kSearchUnindexed, {{"k", std::string(kSearchKind)}}).value_or(0) == 1;
  };
  if (!db_.Read(unindexed)) return 0;
  long long after = 0, indexed = 0;
  for (bool more = true; more;) {
    more = db_.Write([&](db::Session& s) {
      std::vector<long long> ids;
      s.Query(kCaseIdsAfter, {{"after", after}},
              [&](const db::Row& r) { ids.push_back(db::Int(r, 0)); });
      for (long long id : ids) {
        const auto row = store::Load(s, id);
        const CaseType* type = row ? registry_.FindType(row->rec.type) : nullptr;
        if (!type) continue;
        store::Index(s, *type, registry_.HooksOf(type->type), id, row->rec.number,
                     row->org_name_zh + " " + row->org_name_en, row->applicant_name, row->rec.data);
        ++indexed;
      }
      if (!ids.empty()) after = ids.back();
      return !ids.empty();
    });
  }
  return indexed;
}

namespace {

// The members of a read's answer but its data, for a reader who may take `actions`.
Json Members(db::Session& s, const Registry& registry, const CaseType& type, const store::Row& row,
             const std::vector<std::string>& actions, const std::string& today) {
  Json j = store::ToJson(type, row, false, actions, today);
  j["deadlines"] = store::DeadlinesJson(s, type, row, today);
  // The official documents issued for it, whatever its type (core/documents).
  j["documents"] = documents::OfCaseJson(s, row.rec.id);
  if (const auto& decorate = registry.HooksOf(type.type).decorate) {
    Json one = Json::array({std::move(j)});
    decorate(s, one);
    j = std::move(one[0]);
  }
  return j;
}

}  // namespace

Engine::Answer Engine::ReadAnswer(const auth::Principal& who, long long id) {
  return db_.Snapshot([&](db::Session& s) {
    // The data is passed on as stored, never parsed: nothing here looks into it.
    auto [row, type] = store::RequireVisible(s, registry_, who, id, store::Data::kText);
    const std::string today = calendar::Date::TodayInChina().ToString();
    Json j = Members(s, registry_, *type, row, AllowedActions(who, *type, row.rec), today);
    return Answer{std::move(j), std::move(row.data_text)};
  });
}

Json Engine::Read(const auth::Principal& who, long long id) {
  Answer a = ReadAnswer(who, id);
  a.members["data"] = Json::parse(a.data_text, nullptr, false);
  return std::move(a.members);
}

Json Engine::Get(const auth::Principal& who, long long id) { return Json::parse(GetText(who, id)); }

bool Engine::IsOwnerSide(db::Session& s, const auth::Principal& who, long long id) const {
  const auto row = store::Load(s, id, store::Data::kNone);
  const CaseType* type = row ? registry_.FindType(row->rec.type) : nullptr;
  return type && cases::IsOwnerSide(who, *type, row->rec);
}

std::string Engine::GetText(const auth::Principal& who, long long id) {
  // Read before anything is: a write committed from here on makes what is assembled stale.
  const std::uint64_t epoch = db_.DataEpoch();
  const std::string today = calendar::Date::TodayInChina().ToString();
  std::shared_ptr<const ReadCache::Entry> e = read_cache_->Find(id, epoch, today);
  std::string text;
  if (!e) {
    // What every reader sees alike, with a marker where the reader's actions go.
    static const std::string kMarker =
        "\x01"
        "allowed_actions\x01";
    static const std::string kMarkerJson = Json(kMarker).dump();
    auto fresh = std::make_shared<ReadCache::Entry>();
    db_.Snapshot([&](db::Session& s) {
      auto [row, type] = store::RequireVisible(s, registry_, who, id, store::Data::kText);
      Json j = Members(s, registry_, *type, row, {}, today);
      j["allowed_actions"] = kMarker;
      text = store::WithDataText(j, row.data_text);
      fresh->type = type;
      fresh->rec = std::move(row.rec);
    });
    fresh->epoch = epoch;
    fresh->today = today;
    fresh->made = std::chrono::steady_clock::now();
    // The stored data could hold the marker too: such an answer is not kept.
    if (ReadCache::Split(text, kMarkerJson, *fresh)) {
      e = fresh;
      read_cache_->Keep(id, e);
    } else {
      // The members' come first ("allowed_actions" sorts before "data").
      const std::size_t at = text.find(kMarkerJson);
      text.replace(at, kMarkerJson.size(),
                   Json(AllowedActions(who, *fresh->type, fresh->rec)).dump());
    }
  } else if (!CanSee(who, *e->type, e->rec)) {
    throw ApiError::NotFound();
  }
  // A read of personal data: recorded, without making the reader wait for the disk.
  audit::AppendDetached(db_, audit::By(who, "case.read", "case", std::to_string(id)));
  return e ? ReadCache::Answer(*e, AllowedActions(who, *e->type, e->rec)) : text;
}

// ---------------------------------------------------------------------------
// Creating and editing
// ---------------------------------------------------------------------------

Json Engine::Create(const auth::Principal& who, const std::string& type_name, const Json& data) {
  const CaseType& type = CheckNew(who, type_name, data);
  const long long id = db_.Write([&](db::Session& s) { return InsertNew(s, who, type, data); });
  return Read(who, id);
}

long long Engine::CreateIn(db::Session& s, const auth::Principal& who, const std::string& type_name,
                           const Json& data) {
  return InsertNew(s, who, CheckNew(who, type_name, data), data);
}

const CaseType& Engine::CheckNew(const auth::Principal& who, const std::string& type_name,
                                 const Json& data) const {
  const CaseType* type = registry_.FindType(type_name);
  if (!type) {
    throw ApiError::Unprocessable({FieldError{"type", "enum", i18n::T("error.unknown_case_type")}});
  }
  const bool org_ok = type->owner.kind == OwnerDef::Kind::kUser ||
                      std::find(type->owner.org_kinds.begin(), type->owner.org_kinds.end(),
                                who.org_kind) != type->owner.org_kinds.end();
  if (!HasOwnerRole(who, *type) || !org_ok) throw ApiError::Forbidden();
  auto errors = ValidateData(*type, data, Completeness::kDraft, nullptr);
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
  return *type;
}

long long Engine::InsertNew(db::Session& s, const auth::Principal& who, const CaseType& type,
                            const Json& data) {
  const std::string& state = type.states.front().name;
  const auto [id, number] = store::Insert(s, type, who, data);
  store::Index(s, type, registry_.HooksOf(type.type), id, number,
               who.org_name_zh + " " + who.org_name_en, who.display_name, data);
  store::AddEvent(s, id, who.user_id, "created", "", "", state, "", Json::object());
  audit::Append(s,
                audit::By(who, "case.create", "case", std::to_string(id), {{"type", type.type}}));
  return id;
}

Json Engine::Patch(const auth::Principal& who, long long id, const Json& data) {
  db_.Write([&](db::Session& s) {
    auto [row, type] = store::RequireVisible(s, registry_, who, id);
    if (!cases::IsOwnerSide(who, *type, row.rec)) throw ApiError::Forbidden();
    if (!type->IsEditable(row.rec.state)) {
      throw ApiError::Conflict("not_editable", i18n::T("error.not_editable"));
    }
    auto errors = ValidateData(*type, data, Completeness::kDraft, nullptr);
    if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
    // The fields transitions write stay as they were: an edit can't touch them.
    Json merged = data;
    for (const auto& f : type->fields) {
      if (f.transition_only && row.rec.data.contains(f.name)) merged[f.name] = row.rec.data[f.name];
    }
    store::SaveData(s, id, merged);
    store::Index(s, *type, registry_.HooksOf(type->type), id, row.rec.number,
                 row.org_name_zh + " " + row.org_name_en, row.applicant_name, merged);
    store::AddEvent(s, id, who.user_id, "edited", "", row.rec.state, row.rec.state, "",
                    Json::object());
    audit::Append(s, audit::By(who, "case.edit", "case", std::to_string(id)));
  });
  return Read(who, id);
}

// ---------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------

void Engine::TransitionIn(db::Session& s, const auth::Principal& who, long long id,
                          const TransitionRequest& req) {
  auto [row, type] = store::RequireVisible(s, registry_, who, id);
  const Json policy = PolicyOf(s, policies_, *type);
  const calendar::WorkingCalendar cal = calendar::LoadCalendar(s);
  const auto deadlines = store::LoadDeadlines(s, id);
  const Json facts =
      FactsOf(s, registry_, *type, row.rec, row.submitted_at, DeadlineFacts(deadlines));
  const Decision d = Decide(DecisionInput{registry_, *type, row.rec, who, policy, cal,
                                          calendar::Date::TodayInChina(), facts, deadlines},
                            req);
  store::Apply(s, id, row, d);
  Json detail = Json::object();
  if (!d.overrides.empty()) detail["overrides"] = d.overrides;
  if (!d.warnings.empty()) detail["warnings"] = d.warnings;
  store::AddEvent(s, id, who.user_id, "transition", req.action, d.from, d.target, req.comment,
                  detail);
  CaseRecord after = row.rec;
  after.state = d.target;
  after.data = d.data;
  for (const auto& name : d.transition->effects) {
    const EffectFn* effect = registry_.FindEffect(name);
    if (!effect) throw std::logic_error("unregistered effect " + name);
    (*effect)(EffectCall{s, after, who, policy, req.comment});
  }
  if (!d.transition->writes.empty()) {
    store::Index(s, *type, registry_.HooksOf(type->type), id, row.rec.number,
                 row.org_name_zh + " " + row.org_name_en, row.applicant_name, d.data);
  }
  Json audit_detail{{"action", req.action}, {"from", d.from}, {"to", d.target}};
  if (!d.overrides.empty()) audit_detail["overrides"] = d.overrides;
  audit::Append(s, audit::By(who, "case.transition", "case", std::to_string(id), audit_detail));
}

Json Engine::Transition(const auth::Principal& who, long long id, const TransitionRequest& req) {
  db_.Write([&](db::Session& s) { TransitionIn(s, who, id, req); });
  return Read(who, id);
}

Json Engine::Checks(const auth::Principal& who, long long id) {
  return db_.Read([&](db::Session& s) {
    auto [row, type] = store::RequireVisible(s, registry_, who, id);
    const Json policy = PolicyOf(s, policies_, *type);
    // The rules of the transitions still possible from here: a finished case has none, and a
    // past trip is not flagged for dates that mattered only before it.
    std::vector<std::string> rules;
    for (const auto& t : type->transitions) {
      if (std::find(t.from.begin(), t.from.end(), row.rec.state) == t.from.end()) continue;
      for (const auto& r : t.rules) {
        if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
      }
    }
    const Json facts = FactsOf(s, registry_, *type, row.rec, row.submitted_at,
                               DeadlineFacts(store::LoadDeadlines(s, id)));
    return Json{{"items", ChecksJson(RunRules(registry_, rules, row.rec.data, policy,
                                              calendar::LoadCalendar(s),
                                              calendar::Date::TodayInChina(), facts))}};
  });
}

Json Engine::DryRun(const auth::Principal& who, const std::string& type_name, const Json& data) {
  const CaseType* type = registry_.FindType(type_name);
  if (!type)
    throw ApiError::Unprocessable({FieldError{"type", "enum", i18n::T("error.unknown_case_type")}});
  Json errors = Json::array();
  for (const auto& e : ValidateData(*type, data, Completeness::kComplete, nullptr))
    errors.push_back(e.ToJson());
  // Rules assume well-formed data: run them only when the shape is right and within its
  // bounds (a list of a million members gets one error, not a violation per member), and
  // every error is listed (past ApiError::kMaxDetails a type error may be among those only
  // counted).
  Json checks = Json::array();
  if (data.is_object() && errors.size() <= ApiError::kMaxDetails &&
      std::none_of(errors.begin(), errors.end(), [](const Json& e) {
        return e["rule"] == "type" || e["rule"] == "unknown_field" || e["rule"] == "max_items" ||
               e["rule"] == "max_length";
      })) {
    checks = db_.Read([&](db::Session& s) {
      const Json policy = PolicyOf(s, policies_, *type);
      CaseRecord rec;
      rec.type = type->type;
      rec.org_id = who.org_id;
      rec.org_parent_id = who.org_parent_id;
      rec.applicant_id = who.user_id;
      rec.state = type->states.front().name;
      rec.data = data;
      // The rules the owner's submission runs.
      std::vector<std::string> rules;
      for (const auto& t : type->transitions) {
        if (t.scope == Scope::kOwner && type->IsEditable(t.from.front()))
          for (const auto& r : t.rules) rules.push_back(r);
      }
      const Json facts = FactsOf(s, registry_, *type, rec, "", Json::object());
      return ChecksJson(RunRules(registry_, rules, data, policy, calendar::LoadCalendar(s),
                                 calendar::Date::TodayInChina(), facts));
    });
  }
  return Json{{"errors", errors}, {"checks", checks}};
}

// ---------------------------------------------------------------------------
// History, comments, assignment
// ---------------------------------------------------------------------------

Json Engine::History(const auth::Principal& who, long long id) {
  Json history = db_.Read([&](db::Session& s) {
    store::RequireVisible(s, registry_, who, id, store::Data::kText);
    Json items = Json::array();
    s.Query(kSelectHistory, {{"id", id}}, [&](const db::Row& r) {
      items.push_back({{"id", db::Int(r, 0)},
                       {"at", db::Text(r, 1)},
                       {"user", {{"id", db::AnyCol(r, 2)}, {"display_name", db::Text(r, 3)}}},
                       {"kind", db::Text(r, 4)},
                       {"action", db::Text(r, 5)},
                       {"from_state", db::Text(r, 6)},
                       {"to_state", db::Text(r, 7)},
                       {"comment", db::Text(r, 8)},
                       {"detail", db::JsonCol(r, 9)}});
    });
    return Json{{"items", items}};
  });
  // The history holds comments and the data each step changed: a read, recorded.
  audit::AppendDetached(db_, audit::By(who, "case.history.read", "case", std::to_string(id)));
  return history;
}

Json Engine::Comment(const auth::Principal& who, long long id, const std::string& body) {
  if (i18n::Blank(body)) {
    throw ApiError::Unprocessable({FieldError{"body", "required", i18n::T("validation.required")}});
  }
  if (i18n::CodePoints(body) > kMaxCommentLength) {
    throw ApiError::Unprocessable({FieldError{
        "body", "max_length",
        i18n::T("validation.max_length", {{"max", std::to_string(kMaxCommentLength)}})}});
  }
  return db_.Write([&](db::Session& s) {
    auto [row, type] = store::RequireVisible(s, registry_, who, id, store::Data::kText);
    if (!TakesPart(who, *type, row.rec)) throw ApiError::Forbidden();
    store::AddEvent(s, id, who.user_id, "comment", "", row.rec.state, row.rec.state, body,
                    Json::object());
    audit::Append(s, audit::By(who, "case.comment", "case", std::to_string(id)));
    return Json{{"case_id", id}, {"body", body}};
  });
}

Json Engine::Assign(const auth::Principal& who, long long id, std::optional<long long> user_id) {
  db_.Write([&](db::Session& s) {
    auto [row, type] = store::RequireVisible(s, registry_, who, id, store::Data::kText);
    // The desk's staff share out its queue among themselves.
    auto desk_staff = [&](const auth::Principal& p) {
      return p.org_kind == "office" && p.OnDesk(type->desk) &&
             std::any_of(type->desk_roles.begin(), type->desk_roles.end(),
                         [&](const auto& r) { return p.Has(r); });
    };
    if (!desk_staff(who)) throw ApiError::Forbidden();
    if (user_id) {
      long long n = 0;
      for (const auto& role : type->desk_roles) {
        n += s.Int(kCountAssignable, {{"u", *user_id}, {"desk", type->desk}, {"role", role}})
                 .value_or(0);
      }
      if (n == 0)
        throw ApiError::Unprocessable(
            {FieldError{"user_id", "exists", i18n::T("validation.user")}});
    }
    store::SetAssignee(s, id, user_id);
    const Json assignee = user_id ? Json(*user_id) : Json(nullptr);
    store::AddEvent(s, id, who.user_id, "assigned", "", row.rec.state, row.rec.state, "",
                    {{"assigned_to", assignee}});
    audit::Append(
        s, audit::By(who, "case.assign", "case", std::to_string(id), {{"assigned_to", assignee}}));
  });
  return Read(who, id);
}

}  // namespace waishi::cases
