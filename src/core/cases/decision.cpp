#include "core/cases/decision.h"

#include <algorithm>

#include "core/cases/policy.h"
#include "core/cases/validation.h"
#include "core/cases/visibility.h"
#include "core/error.h"
#include "core/i18n/utf8.h"

namespace waishi::cases {
namespace {

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

FieldError RuleError(const Check& c, const Violation& v, bool needs_override) {
  i18n::Text msg = v.message;
  if (needs_override) {
    const auto hint = i18n::T("validation.override_reason");
    msg.zh += hint.zh;
    msg.en += " " + hint.en;
  }
  return FieldError{v.field, c.rule, msg, Json{{"severity", c.severity}}};
}

// The data with the transition's fields merged in; errors for anything else sent.
Json MergeWrites(const TransitionDef& t, const Json& stored, const Json& sent,
                 std::vector<FieldError>& errors) {
  Json data = stored;
  if (sent.is_null()) return data;
  if (t.writes.empty() || !sent.is_object()) {
    errors.push_back(FieldError{"data", "stage", i18n::T("validation.stage")});
    return data;
  }
  for (const auto& [key, value] : sent.items()) {
    if (!t.Writes(key)) {
      errors.push_back(FieldError{key, "stage", i18n::T("validation.stage")});
      continue;
    }
    data[key] = value;
  }
  return data;
}

}  // namespace

calendar::Date DueDate(const DeadlineDef& d, const Json& data, const Json& policy,
                       const calendar::WorkingCalendar& cal, calendar::Date today) {
  long long length = d.length;
  if (!d.length_policy.empty()) {
    auto it = policy.find(d.length_policy);
    if (it != policy.end() && it->is_number_integer()) length = it->get<long long>();
  }
  calendar::Date from = today;
  if (!d.from_field.empty()) {
    if (auto parsed = calendar::Date::Parse(data.value(d.from_field, ""))) from = *parsed;
  }
  const int n = static_cast<int>(length);
  switch (d.unit) {
    case DeadlineDef::Unit::kWorkingDays:
      return cal.AddWorkingDays(from, n);
    case DeadlineDef::Unit::kDays:
      return from.AddDays(n);
    case DeadlineDef::Unit::kMonths:
      return from.AddMonths(n);
  }
  return from;
}

i18n::Text InvalidStateText(const StateDef* def, std::string_view state, std::string_view action) {
  auto say = [&](const std::string& label) {
    return i18n::T("error.invalid_state", {{"state", label}, {"action", std::string(action)}});
  };
  if (!def) return say(std::string(state));
  return {say(def->label.zh).zh, say(def->label.en).en};
}

std::vector<Check> RunRules(const Registry& registry, const std::vector<std::string>& rule_ids,
                            const Json& data, const Json& policy,
                            const calendar::WorkingCalendar& cal, calendar::Date today,
                            const Json& facts) {
  std::vector<Check> out;
  const RuleContext ctx{data, policy, cal, today, facts};
  for (const auto& id : rule_ids) {
    const RuleInfo* rule = registry.FindRule(id);
    if (!rule) throw std::logic_error("case type refers to unregistered rule " + id);
    out.push_back(Check{id, rule->label, SeverityOf(policy, id), rule->fn(ctx)});
  }
  return out;
}

Json ChecksJson(const std::vector<Check>& checks) {
  Json items = Json::array();
  for (const auto& c : checks) {
    Json violations = Json::array();
    for (const auto& v : c.violations) {
      violations.push_back(
          {{"field", v.field}, {"message", v.message.en}, {"message_zh", v.message.zh}});
    }
    items.push_back({{"rule", c.rule},
                     {"label", c.label.ToJson()},
                     {"severity", c.severity},
                     {"status", c.violations.empty() ? "passed" : "failed"},
                     {"violations", violations}});
  }
  return items;
}

Decision Decide(const DecisionInput& in, const TransitionRequest& req) {
  const CaseType& type = in.type;
  const CaseRecord& c = in.record;
  if (!type.HasAction(req.action)) {
    throw ApiError::Unprocessable(
        {FieldError{"action", "enum",
                    i18n::T("validation.enum", {{"values", ActionNames(type.transitions)}})}});
  }
  const TransitionDef* t = type.FindTransition(req.action, c.state);
  if (!t) {
    throw ApiError::Conflict("invalid_state",
                             InvalidStateText(type.FindState(c.state), c.state, req.action));
  }
  if (!MayTake(in.who, type, *t, c)) {
    throw ApiError(403, "forbidden_action",
                   i18n::T("error.forbidden_action", {{"action", req.action}}));
  }

  Decision d;
  d.transition = t;
  d.from = c.state;
  std::vector<FieldError> errors;
  if (t->comment_required && i18n::Blank(req.comment))
    errors.push_back(FieldError{"comment", "required", i18n::T("validation.comment_required")});
  d.data = MergeWrites(*t, c.data, req.data, errors);
  // Leaving an editable state (a submission) needs complete data; so does writing fields.
  d.submits = type.IsEditable(c.state);
  if (d.submits || !t->writes.empty()) {
    // What earlier transitions wrote was checked when they wrote it, and no one else changes
    // it: only the owner's data and this transition's fields are checked here.
    Json checked = d.data;
    for (const auto& f : type.fields) {
      if (f.transition_only && !t->Writes(f.name)) checked.erase(f.name);
    }
    auto e = ValidateData(type, checked, Completeness::kComplete, t->writes.empty() ? nullptr : t);
    errors.insert(errors.end(), e.begin(), e.end());
  }
  // Document slots this action needs filled.
  for (const auto& slot : type.documents) {
    if (std::find(slot.required_for.begin(), slot.required_for.end(), t->action) ==
        slot.required_for.end())
      continue;
    auto docs = in.facts.find("documents");
    if (docs == in.facts.end() || !docs->is_object() || docs->value(slot.kind, 0) == 0) {
      FieldError e{"documents." + slot.kind, "document_required",
                   i18n::T("validation.document_required", {{"document", slot.label.en}})};
      e.message.zh = i18n::T("validation.document_required", {{"document", slot.label.zh}}).zh;
      errors.push_back(std::move(e));
    }
  }
  const auto checks = errors.empty() ? RunRules(in.registry, t->rules, d.data, in.policy,
                                                in.calendar, in.today, in.facts)
                                     : std::vector<Check>{};
  // Blocking rules stop everyone; a warning stops a desk decision unless the officer
  // overrides it with a reason, and is only recorded for the others.
  for (const auto& check : checks) {
    if (check.violations.empty()) continue;
    if (check.severity != "warning") {
      for (const auto& v : check.violations) errors.push_back(RuleError(check, v, false));
      continue;
    }
    if (t->scope != Scope::kDesk) {
      d.warnings.push_back(check.rule);
      continue;
    }
    auto reason = req.override_reasons.find(check.rule);
    if (reason != req.override_reasons.end() && reason->is_string() &&
        !i18n::Blank(reason->get<std::string>())) {
      d.overrides[check.rule] = *reason;
    } else {
      for (const auto& v : check.violations) errors.push_back(RuleError(check, v, true));
    }
  }
  if (!errors.empty())
    throw ApiError(422, "rules_failed", i18n::T("error.rules_failed"), std::move(errors));

  d.target = t->to.front();
  if (t->to.size() > 1) {
    const RouteFn* route = in.registry.FindRoute(t->route);
    if (!route) throw std::logic_error("unregistered route " + t->route);
    d.target = (*route)(c, *t, in.facts);
    if (!Contains(t->to, d.target))
      throw std::logic_error("route " + t->route + " chose " + d.target + ", not a target");
  }
  d.decides = type.FindState(d.target)->decision;

  // Deadlines: started by their actions (or by entering the states they run in), met on
  // leaving those states.
  for (const auto& dl : type.deadlines) {
    const bool was_running = Contains(dl.runs_in, c.state);
    const bool runs = Contains(dl.runs_in, d.target);
    const bool starts =
        dl.start_on.empty() ? runs && !was_running : Contains(dl.start_on, t->action);
    auto stored = in.deadlines.find(dl.name);
    std::string due = stored == in.deadlines.end() ? "" : stored->second.due_date;
    if (starts) {
      due = DueDate(dl, d.data, in.policy, in.calendar, in.today).ToString();
      d.deadlines.push_back({dl.name, DeadlineChange::Kind::kStart, due, false});
    } else if (was_running && !runs && !due.empty() &&
               !(stored != in.deadlines.end() && stored->second.met)) {
      d.deadlines.push_back({dl.name, DeadlineChange::Kind::kMet, due, in.today.ToString() > due});
    }
    if (runs && !due.empty()) d.due_date = due;
  }
  return d;
}

}  // namespace waishi::cases
