// Sub-records of a case: each with its kind, data and own small state machine, as the case
// type's definition declares them (each document of a legalization case, each economy's
// pre-clearance of an ABTC card). Who may add or move one follows the same scopes as the
// case's transitions (visibility.h).
#include <algorithm>

#include "core/audit/audit.h"
#include "core/calendar/holidays.h"
#include "core/calendar/working_days.h"
#include "core/cases/decision.h"
#include "core/cases/engine.h"
#include "core/cases/engine_detail.h"
#include "core/cases/store.h"
#include "core/cases/validation.h"
#include "core/cases/visibility.h"
#include "core/clock.h"
#include "core/db/session.h"
#include "core/error.h"

namespace waishi::cases {
namespace {

constexpr const char* kSelectSubrecords = R"(
  SELECT id, kind, state, data, created_at, updated_at FROM case_subrecords
  WHERE case_id = :c ORDER BY id)";

constexpr const char* kSelectSubrecord = R"(
  SELECT id, kind, state, data, created_at, updated_at FROM case_subrecords
  WHERE case_id = :c AND id = :id)";

constexpr const char* kInsertSubrecord = R"(
  INSERT INTO case_subrecords (case_id, kind, state, data, created_at, updated_at)
  VALUES (:c, :k, :s, :d, :a, :u) RETURNING id)";

constexpr const char* kUpdateSubrecordState =
    "UPDATE case_subrecords SET state = :s, updated_at = :u WHERE id = :id";

struct Sub {
  long long id = 0;
  std::string kind, state, created_at, updated_at;
  Json data;
};

Sub ReadSub(const db::Row& r) {
  return Sub{db::Int(r, 0),  db::Text(r, 1), db::Text(r, 2),
             db::Text(r, 4), db::Text(r, 5), db::JsonCol(r, 3)};
}

Json SubJson(const auth::Principal& who, const CaseType& type, const CaseRecord& c,
             const Sub& sub) {
  const SubrecordDef* def = type.FindSubrecord(sub.kind);
  const Json actions =
      def ? Json(AllowedActions(who, type, c, def->transitions, sub.state)) : Json::array();
  return Json{{"id", sub.id},
              {"kind", sub.kind},
              {"state", sub.state},
              {"data", sub.data},
              {"created_at", sub.created_at},
              {"updated_at", sub.updated_at},
              {"allowed_actions", actions}};
}

std::string KindsOf(const CaseType& type) {
  std::string kinds;
  for (const auto& d : type.subrecords) kinds += (kinds.empty() ? "" : ", ") + d.kind;
  return kinds;
}

}  // namespace

Json Engine::Subrecords(const auth::Principal& who, long long case_id) {
  return db_.Read([&](db::Session& s) {
    auto [row, type] = store::RequireVisible(s, registry_, who, case_id);
    Json items = Json::array();
    s.Query(kSelectSubrecords, {{"c", case_id}},
            [&](const db::Row& r) { items.push_back(SubJson(who, *type, row.rec, ReadSub(r))); });
    return Json{{"items", items}};
  });
}

Json Engine::AddSubrecord(const auth::Principal& who, long long case_id, const std::string& kind,
                          const Json& data) {
  return db_.Write([&](db::Session& s) {
    auto [row, type] = store::RequireVisible(s, registry_, who, case_id);
    const SubrecordDef* def = type->FindSubrecord(kind);
    if (!def) {
      throw ApiError::Unprocessable(
          {FieldError{"kind", "enum", i18n::T("validation.enum", {{"values", KindsOf(*type)}})}});
    }
    // Adding is a transition of sorts: the same roles and scopes decide.
    TransitionDef add;
    add.scope = def->add_scope;
    add.roles = def->add_roles;
    if (!MayTake(who, *type, add, row.rec)) {
      throw ApiError(403, "forbidden_action",
                     i18n::T("error.forbidden_action", {{"action", "add"}}));
    }
    if (std::find(def->add_in_states.begin(), def->add_in_states.end(), row.rec.state) ==
        def->add_in_states.end()) {
      throw ApiError::Conflict(
          "invalid_state", InvalidStateText(type->FindState(row.rec.state), row.rec.state, "add"));
    }
    auto errors = ValidateFields(def->fields, data, Completeness::kComplete);
    if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
    Sub sub{0, kind, def->states.front().name, clock::NowIso(), "", data};
    sub.updated_at = sub.created_at;
    const std::string text = data.dump();
    sub.id = s.Int(kInsertSubrecord, {{"c", case_id},
                                      {"k", sub.kind},
                                      {"s", sub.state},
                                      {"d", text},
                                      {"a", sub.created_at},
                                      {"u", sub.updated_at}})
                 .value_or(0);
    const Json detail{{"subrecord_id", sub.id}, {"kind", kind}, {"to", sub.state}};
    store::AddEvent(s, case_id, who.user_id, "subrecord", "add", row.rec.state, row.rec.state, "",
                    detail);
    audit::Append(s, audit::By(who, "case.subrecord.add", "case", std::to_string(case_id), detail));
    return SubJson(who, *type, row.rec, sub);
  });
}

Json Engine::TransitionSubrecord(const auth::Principal& who, long long case_id,
                                 long long subrecord_id, const std::string& action,
                                 const std::string& comment) {
  return db_.Write([&](db::Session& s) {
    return TransitionSubrecordIn(s, who, case_id, subrecord_id, action, comment);
  });
}

Json Engine::TransitionSubrecordIn(db::Session& s, const auth::Principal& who, long long case_id,
                                   long long subrecord_id, const std::string& action,
                                   const std::string& comment) {
  auto [row, type] = store::RequireVisible(s, registry_, who, case_id);
  std::optional<Sub> sub;
  s.Query(kSelectSubrecord, {{"c", case_id}, {"id", subrecord_id}},
          [&](const db::Row& r) { sub = ReadSub(r); });
  if (!sub) throw ApiError::NotFound();
  // A closed case (completed, rejected, withdrawn) is a record: its sub-records stay as they are.
  if (const StateDef* st = type->FindState(row.rec.state); st && st->terminal)
    throw ApiError::Conflict("case_closed", i18n::T("error.case_closed"));
  const SubrecordDef* def = type->FindSubrecord(sub->kind);
  if (!def) throw std::logic_error("sub-record of an undeclared kind " + sub->kind);
  if (std::none_of(def->transitions.begin(), def->transitions.end(),
                   [&](const auto& t) { return t.action == action; })) {
    throw ApiError::Unprocessable(
        {FieldError{"action", "enum",
                    i18n::T("validation.enum", {{"values", ActionNames(def->transitions)}})}});
  }
  const TransitionDef* t = def->FindTransition(action, sub->state);
  if (!t) {
    throw ApiError::Conflict("invalid_state",
                             InvalidStateText(def->FindState(sub->state), sub->state, action));
  }
  if (!MayTake(who, *type, *t, row.rec)) {
    throw ApiError(403, "forbidden_action",
                   i18n::T("error.forbidden_action", {{"action", action}}));
  }
  if (t->comment_required && comment.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw ApiError(422, "rules_failed", i18n::T("error.rules_failed"),
                   {FieldError{"comment", "required", i18n::T("validation.comment_required")}});
  }
  const Json policy =
      t->rules.empty() && t->effects.empty() ? Json::object() : PolicyOf(s, policies_, *type);
  if (!t->rules.empty()) {
    // The case's facts, with the sub-record as it is before the move.
    Json facts = FactsOf(s, registry_, *type, row.rec, row.submitted_at, Json::object());
    facts["subrecord"] =
        Json{{"id", sub->id}, {"kind", sub->kind}, {"state", sub->state}, {"data", sub->data}};
    std::vector<FieldError> errors;
    for (const auto& check :
         RunRules(registry_, t->rules, row.rec.data, policy, calendar::LoadCalendar(s),
                  calendar::Date::TodayInChina(), facts)) {
      // A sub-record's move has no override: a warning is for the case's own decisions.
      if (check.severity == "warning") continue;
      for (const auto& v : check.violations) {
        errors.push_back(FieldError{v.field, check.rule, v.message,
                                    Json::object({{"severity", check.severity}})});
      }
    }
    if (!errors.empty())
      throw ApiError(422, "rules_failed", i18n::T("error.rules_failed"), std::move(errors));
  }
  const std::string from = sub->state;
  sub->state = t->to.front();
  sub->updated_at = clock::NowIso();
  s.Exec(kUpdateSubrecordState, {{"s", sub->state}, {"u", sub->updated_at}, {"id", subrecord_id}});
  const Json detail{
      {"subrecord_id", subrecord_id}, {"kind", sub->kind}, {"from", from}, {"to", sub->state}};
  store::AddEvent(s, case_id, who.user_id, "subrecord", action, row.rec.state, row.rec.state,
                  comment, detail);
  const Json moved{
      {"id", sub->id}, {"kind", sub->kind}, {"state", sub->state}, {"data", sub->data}};
  for (const auto& name : t->effects) {
    const EffectFn* effect = registry_.FindEffect(name);
    if (!effect) throw std::logic_error("unregistered effect " + name);
    (*effect)(EffectCall{s, row.rec, who, policy, comment, &moved});
  }
  audit::Append(
      s, audit::By(who, "case.subrecord.transition", "case", std::to_string(case_id), detail));
  return SubJson(who, *type, row.rec, *sub);
}

}  // namespace waishi::cases
