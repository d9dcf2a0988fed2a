#include "core/cases/registry.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/error.h"

namespace waishi::cases {

const CaseType& Registry::AddType(std::string_view json, TypeHooks hooks) {
  auto type = std::make_unique<CaseType>(ParseCaseType(json));
  if (types_.contains(type->type)) throw DefinitionError(type->type, "type", "registered twice");
  auto& entry = types_[type->type];
  entry.type = std::move(type);
  entry.hooks = std::move(hooks);
  return *entry.type;
}

void Registry::AddRule(std::string id, i18n::Text label, RuleFn fn) {
  auto key = id;
  rules_[std::move(key)] = RuleInfo{std::move(id), std::move(label), std::move(fn)};
}

namespace {
std::string RuleLabelKey(std::string_view module, std::string_view name) {
  return std::string(module) + ".rule." + std::string(name) + ".label";
}
}  // namespace

void Registry::AddRules(std::string_view module, std::span<const NamedRule> rules) {
  const std::string prefix = std::string(module) + ".";
  for (const auto& [id, fn] : rules) {
    if (!id.starts_with(prefix))
      throw std::logic_error(std::string(id) + " is not " + prefix + "*");
    // "travel.max_days" → "travel.rule.max_days.label" (tests/unit/catalogue_test.cpp checks
    // every rule of every case type has its label).
    const std::string label_key = RuleLabelKey(module, id.substr(prefix.size()));
    AddRule(std::string(id), i18n::T(label_key), fn);
  }
}

void Registry::AddRoute(std::string name, RouteFn fn) { routes_[std::move(name)] = std::move(fn); }

void Registry::AddEffect(std::string name, EffectFn fn) {
  effects_[std::move(name)] = std::move(fn);
}

void Registry::AddDesk(DeskDef desk) {
  if (!FindDesk(desk.name)) desks_.push_back(std::move(desk));
}

Registry::Registry() {
  AddListFilter(
      {"country", [](const std::string& v, db::Params& binds, db::Dialect dialect) {
         if (v.size() != 2 || !std::isupper(static_cast<unsigned char>(v[0])) ||
             !std::isupper(static_cast<unsigned char>(v[1]))) {
           throw ApiError::InvalidQuery("country", "country", i18n::T("validation.country"));
         }
         return SummaryArrayContains(dialect, "destinations", db::Bind(binds, "country", v));
       }});
}

void Registry::AddListFilter(ListFilterDef filter) { filters_.push_back(std::move(filter)); }

void Registry::Validate(const std::function<bool(std::string_view)>& policy_exists) const {
  auto known_role = [](const std::string& role) { return auth::IsRole(role); };
  for (const auto& [name, entry] : types_) {
    const CaseType& t = *entry.type;
    auto fail = [&](const std::string& key, const std::string& what) {
      throw DefinitionError(t.type, key, what);
    };
    if (!FindDesk(t.desk)) fail("desk", "no module registers the desk '" + t.desk + "'");
    if (!t.policy.empty() && !policy_exists(t.policy))
      fail("policy", "no module registers the policy '" + t.policy + "'");
    for (const auto& role : t.owner.roles) {
      if (!known_role(role)) fail("owner.roles", "unknown role '" + role + "'");
    }
    // The case's transitions and its sub-records' (prefix "subrecords.<kind>.").
    auto check = [&](const std::vector<TransitionDef>& transitions, const std::string& prefix) {
      for (std::size_t i = 0; i < transitions.size(); ++i) {
        const TransitionDef& tr = transitions[i];
        const std::string at =
            prefix + "transitions[" + std::to_string(i) + "] (" + tr.action + ")";
        for (const auto& role : tr.roles) {
          if (!known_role(role)) fail(at + ".roles", "unknown role '" + role + "'");
        }
        for (const auto& rule : tr.rules) {
          if (!FindRule(rule)) fail(at + ".rules", "no module registers the rule '" + rule + "'");
        }
        for (const auto& effect : tr.effects) {
          if (!FindEffect(effect))
            fail(at + ".effects", "no module registers the effect '" + effect + "'");
        }
        if (!tr.route.empty() && !FindRoute(tr.route))
          fail(at + ".route", "no module registers the route '" + tr.route + "'");
      }
    };
    check(t.transitions, "");
    for (const auto& sub : t.subrecords) check(sub.transitions, "subrecords." + sub.kind + ".");
  }
}

const CaseType* Registry::FindType(std::string_view type) const {
  auto it = types_.find(type);
  return it == types_.end() ? nullptr : it->second.type.get();
}

const TypeHooks& Registry::HooksOf(std::string_view type) const {
  static const TypeHooks kNone;
  auto it = types_.find(type);
  return it == types_.end() ? kNone : it->second.hooks;
}

std::vector<const CaseType*> Registry::Types() const {
  std::vector<const CaseType*> out;
  for (const auto& [name, entry] : types_) out.push_back(entry.type.get());
  return out;
}

const RuleInfo* Registry::FindRule(std::string_view id) const {
  auto it = rules_.find(id);
  return it == rules_.end() ? nullptr : &it->second;
}

const RouteFn* Registry::FindRoute(std::string_view name) const {
  auto it = routes_.find(name);
  return it == routes_.end() ? nullptr : &it->second;
}

const EffectFn* Registry::FindEffect(std::string_view name) const {
  auto it = effects_.find(name);
  return it == effects_.end() ? nullptr : &it->second;
}

const DeskDef* Registry::FindDesk(std::string_view name) const {
  auto it =
      std::find_if(desks_.begin(), desks_.end(), [&](const auto& d) { return d.name == name; });
  return it == desks_.end() ? nullptr : &*it;
}

std::string SummaryArrayContains(db::Dialect dialect, const std::string& key,
                                 const std::string& bind) {
  // key is a fixed identifier chosen by the caller, never user input.
  if (dialect == db::Dialect::kSqlite) {
    return "EXISTS (SELECT 1 FROM json_each(c.summary, '$." + key +
           "') WHERE json_each.value = " + bind + ")";
  }
  return "jsonb_exists(c.summary::jsonb -> '" + key + "', " + bind + ")";
}

}  // namespace waishi::cases
