#include "core/cases/definition.h"

#include <algorithm>
#include <stdexcept>

#include "core/cases/rule.h"

namespace waishi::cases {
namespace {

template <class T>
using Registry = std::map<std::string, T, std::less<>>;

struct TypeEntry {
  std::unique_ptr<CaseType> type;
  TypeHooks hooks;
};

Registry<TypeEntry>& Types() {
  static Registry<TypeEntry> types;
  return types;
}
Registry<RouteFn>& Routes() {
  static Registry<RouteFn> routes;
  return routes;
}
Registry<EffectFn>& Effects() {
  static Registry<EffectFn> effects;
  return effects;
}
Registry<RuleInfo>& Rules() {
  static Registry<RuleInfo> rules;
  return rules;
}

i18n::Text Label(const Json& j) {
  if (!j.is_object()) return {};
  return i18n::Text{j.value("zh", ""), j.value("en", "")};
}

std::vector<std::string> Strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key)) return out;
  const Json& v = j.at(key);
  if (v.is_string())
    out.push_back(v.get<std::string>());
  else
    for (const auto& s : v) out.push_back(s.get<std::string>());
  return out;
}

std::vector<FieldDef> ParseFields(const Json& fields) {
  static const std::vector<std::string> kTypes = {"text", "date",    "number", "integer", "boolean",
                                                  "enum", "country", "object", "list"};
  std::vector<FieldDef> out;
  for (const Json& f : fields) {
    FieldDef d;
    d.name = f.at("name");
    d.type = f.at("type");
    if (std::find(kTypes.begin(), kTypes.end(), d.type) == kTypes.end()) {
      throw std::invalid_argument("field " + d.name + ": unknown type " + d.type);
    }
    d.required = f.value("required", false);
    auto opt_int = [&](const char* k) -> std::optional<long long> {
      return f.contains(k) ? std::optional<long long>(f[k].get<long long>()) : std::nullopt;
    };
    d.min_length = opt_int("min_length");
    d.max_length = opt_int("max_length");
    d.min_items = opt_int("min_items");
    d.max_items = opt_int("max_items");
    if (f.contains("min")) d.min = f["min"].get<double>();
    if (f.contains("max")) d.max = f["max"].get<double>();
    d.format = f.value("format", "");
    d.stage = f.value("stage", "");
    if (f.contains("options")) {
      for (const Json& o : f["options"]) d.options.push_back(o.at("value"));
    }
    if (d.type == "object") d.fields = ParseFields(f.at("fields"));
    if (d.type == "list") d.fields = ParseFields(f.at("item").at("fields"));
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

const StateDef* CaseType::FindState(std::string_view name) const {
  for (const auto& s : states)
    if (s.name == name) return &s;
  return nullptr;
}

const TransitionDef* CaseType::FindTransition(std::string_view action,
                                              std::string_view state) const {
  for (const auto& t : transitions) {
    if (t.action == action && std::find(t.from.begin(), t.from.end(), state) != t.from.end())
      return &t;
  }
  return nullptr;
}

bool CaseType::HasAction(std::string_view action) const {
  return std::any_of(transitions.begin(), transitions.end(),
                     [&](const auto& t) { return t.action == action; });
}

bool CaseType::IsEditable(std::string_view state) const {
  return std::find(editable_states.begin(), editable_states.end(), state) != editable_states.end();
}

std::vector<std::string> CaseType::AllRules() const {
  std::vector<std::string> out;
  for (const auto& t : transitions) {
    for (const auto& r : t.rules) {
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    }
  }
  return out;
}

const CaseType& RegisterCaseType(std::string_view json, TypeHooks hooks) {
  Json j = Json::parse(json);
  auto t = std::make_unique<CaseType>();
  t->type = j.at("type");
  t->number_prefix = j.value("number_prefix", "C");
  t->label = Label(j.at("label"));
  t->applicant_org_kinds = Strings(j, "applicant_org_kinds");
  t->create_roles = Strings(j, "create_roles");
  t->sla_working_days = j.value("sla_working_days", 0);
  t->policy = j.value("policy", "");
  t->fields = ParseFields(j.at("fields"));
  t->editable_states = Strings(j, "editable_states");
  for (const Json& s : j.at("states")) {
    t->states.push_back(StateDef{s.at("name"), Label(s.at("label")), s.value("terminal", false),
                                 s.value("decision", false), s.value("clock", "")});
  }
  for (const Json& tr : j.at("transitions")) {
    TransitionDef d;
    d.action = tr.at("action");
    d.from = Strings(tr, "from");
    d.to = Strings(tr, "to");
    d.route = tr.value("route", "");
    d.scope = tr.value("scope", "any");
    d.roles = Strings(tr, "roles");
    d.rules = Strings(tr, "rules");
    d.effects = Strings(tr, "effects");
    d.comment_required = tr.value("comment_required", false);
    d.data_stage = tr.value("data_stage", "");
    d.label = Label(tr.at("label"));
    for (const auto& s : d.from) {
      if (!t->FindState(s))
        throw std::invalid_argument(t->type + "." + d.action + ": unknown state " + s);
    }
    for (const auto& s : d.to) {
      if (!t->FindState(s))
        throw std::invalid_argument(t->type + "." + d.action + ": unknown state " + s);
    }
    if (d.to.empty() || (d.to.size() > 1 && d.route.empty())) {
      throw std::invalid_argument(t->type + "." + d.action + ": needs one target state or a route");
    }
    t->transitions.push_back(std::move(d));
  }
  t->definition = std::move(j);
  auto& entry = Types()[t->type];
  entry.type = std::move(t);
  entry.hooks = std::move(hooks);
  return *entry.type;
}

const CaseType* FindCaseType(std::string_view type) {
  auto it = Types().find(type);
  return it == Types().end() ? nullptr : it->second.type.get();
}

const TypeHooks& HooksOf(std::string_view type) { return Types().find(type)->second.hooks; }

std::vector<const CaseType*> AllCaseTypes() {
  std::vector<const CaseType*> out;
  for (const auto& [name, entry] : Types()) out.push_back(entry.type.get());
  return out;
}

void RegisterRoute(std::string name, RouteFn fn) { Routes()[std::move(name)] = std::move(fn); }
const RouteFn* FindRoute(std::string_view name) {
  auto it = Routes().find(name);
  return it == Routes().end() ? nullptr : &it->second;
}
void RegisterEffect(std::string name, EffectFn fn) { Effects()[std::move(name)] = std::move(fn); }
const EffectFn* FindEffect(std::string_view name) {
  auto it = Effects().find(name);
  return it == Effects().end() ? nullptr : &it->second;
}

void RegisterRule(std::string id, i18n::Text label, RuleFn fn) {
  auto key = id;
  Rules()[std::move(key)] = RuleInfo{std::move(id), std::move(label), std::move(fn)};
}
const RuleInfo* FindRule(std::string_view id) {
  auto it = Rules().find(id);
  return it == Rules().end() ? nullptr : &it->second;
}

}  // namespace waishi::cases
