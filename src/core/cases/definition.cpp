#include "core/cases/definition.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace waishi::cases {
namespace {

template <class C, class V>
bool Contains(const C& c, const V& v) {
  return std::find(c.begin(), c.end(), v) != c.end();
}

// Reads a definition while remembering where it is, so an error names the key.
class Reader {
 public:
  explicit Reader(std::string type) : type_(std::move(type)) {}

  [[noreturn]] void Fail(const std::string& key, const std::string& what) const {
    throw DefinitionError(type_, key, what);
  }

  // Every member of `j` must be one of `known`: a misspelt key must not pass silently.
  void OnlyKeys(const Json& j, const std::string& where,
                std::initializer_list<std::string_view> known) const {
    if (!j.is_object()) Fail(where, "must be an object");
    for (const auto& [k, v] : j.items()) {
      if (!Contains(known, std::string_view(k))) Fail(where + "." + k, "unknown key");
    }
  }

  std::string String(const Json& j, const std::string& where, const char* key, bool required,
                     std::string fallback = "") const {
    auto it = j.find(key);
    if (it == j.end()) {
      if (required) Fail(where + "." + key, "is required");
      return fallback;
    }
    if (!it->is_string()) Fail(where + "." + key, "must be a string");
    return it->get<std::string>();
  }

  bool Bool(const Json& j, const std::string& where, const char* key) const {
    auto it = j.find(key);
    if (it == j.end()) return false;
    if (!it->is_boolean()) Fail(where + "." + key, "must be true or false");
    return it->get<bool>();
  }

  std::optional<long long> Int(const Json& j, const std::string& where, const char* key) const {
    auto it = j.find(key);
    if (it == j.end()) return std::nullopt;
    if (!it->is_number_integer()) Fail(where + "." + key, "must be an integer");
    return it->get<long long>();
  }

  std::optional<double> Number(const Json& j, const std::string& where, const char* key) const {
    auto it = j.find(key);
    if (it == j.end()) return std::nullopt;
    if (!it->is_number()) Fail(where + "." + key, "must be a number");
    return it->get<double>();
  }

  // A string or a list of strings.
  std::vector<std::string> Strings(const Json& j, const std::string& where, const char* key) const {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end()) return out;
    if (it->is_string()) return {it->get<std::string>()};
    if (!it->is_array()) Fail(where + "." + key, "must be a string or a list of strings");
    for (const auto& s : *it) {
      if (!s.is_string()) Fail(where + "." + key, "must be a list of strings");
      out.push_back(s.get<std::string>());
    }
    return out;
  }

  i18n::Text Label(const Json& j, const std::string& where, const char* key) const {
    auto it = j.find(key);
    if (it == j.end() || !it->is_object() || !it->contains("zh") || !it->contains("en") ||
        !(*it)["zh"].is_string() || !(*it)["en"].is_string()) {
      Fail(where + "." + key, "needs {\"zh\": …, \"en\": …}");
    }
    return i18n::Text{(*it)["zh"].get<std::string>(), (*it)["en"].get<std::string>()};
  }

  std::vector<FieldDef> Fields(const Json& fields, const std::string& where) const {
    static const std::vector<std::string_view> kTypes = {"text",    "date", "number",  "integer",
                                                         "boolean", "enum", "country", "money",
                                                         "object",  "list"};
    if (!fields.is_array()) Fail(where, "must be a list of fields");
    std::vector<FieldDef> out;
    std::set<std::string> names;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const Json& f = fields[i];
      const std::string at = where + "[" + std::to_string(i) + "]";
      OnlyKeys(f, at, {"name",        "type",       "required",  "label", "help",      "min_length",
                       "max_length",  "min_items",  "max_items", "min",   "max",       "format",
                       "options",     "currencies", "fields",    "item",  "multiline", "default",
                       "placeholder", "width",      "derive"});
      FieldDef d;
      d.name = String(f, at, "name", true);
      const std::string here = where + "." + d.name;
      if (!names.insert(d.name).second) Fail(here, "two fields with this name");
      d.type = String(f, at, "type", true);
      if (!Contains(kTypes, std::string_view(d.type)))
        Fail(here + ".type", "unknown type " + d.type);
      Label(f, here, "label");
      d.required = Bool(f, here, "required");
      d.min_length = Int(f, here, "min_length");
      d.max_length = Int(f, here, "max_length");
      d.min_items = Int(f, here, "min_items");
      d.max_items = Int(f, here, "max_items");
      d.min = Number(f, here, "min");
      d.max = Number(f, here, "max");
      d.format = String(f, here, "format", false);
      if (!d.format.empty() && d.format != "resident_id" && d.format != "uscc" &&
          d.format != "mrz_td3")
        Fail(here + ".format", "unknown format " + d.format);
      if (d.type == "enum") {
        if (!f.contains("options") || !f["options"].is_array() || f["options"].empty())
          Fail(here + ".options", "an enum needs options");
        for (const Json& o : f["options"]) {
          if (!o.is_object() || !o.contains("value") || !o["value"].is_string())
            Fail(here + ".options", "each option needs a string value");
          d.options.push_back(o["value"].get<std::string>());
        }
      }
      d.currencies = Strings(f, here, "currencies");
      for (const auto& c : d.currencies) {
        if (c.size() != 3 ||
            !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
          Fail(here + ".currencies", "not an ISO 4217 code: " + c);
      }
      if (d.type == "object") {
        if (!f.contains("fields")) Fail(here + ".fields", "an object needs fields");
        d.fields = Fields(f["fields"], here + ".fields");
      }
      if (d.type == "list") {
        if (!f.contains("item") || !f["item"].is_object() || !f["item"].contains("fields"))
          Fail(here + ".item", "a list needs item.fields");
        d.fields = Fields(f["item"]["fields"], here + ".item.fields");
      }
      out.push_back(std::move(d));
    }
    return out;
  }

 private:
  std::string type_;
};

Scope ParseScope(const Reader& r, const std::string& value, const std::string& where) {
  if (value == "owner") return Scope::kOwner;
  if (value == "parent") return Scope::kParent;
  if (value == "desk") return Scope::kDesk;
  if (value == "any") return Scope::kAny;
  r.Fail(where, "unknown scope '" + value + "' (owner, parent, desk or any)");
}

std::vector<StateDef> ParseStates(const Reader& r, const Json& j, const std::string& where) {
  if (!j.contains("states") || !j["states"].is_array() || j["states"].empty())
    r.Fail(where, "needs at least one state");
  std::vector<StateDef> out;
  for (std::size_t i = 0; i < j["states"].size(); ++i) {
    const Json& s = j["states"][i];
    const std::string at = where + "[" + std::to_string(i) + "]";
    r.OnlyKeys(s, at, {"name", "label", "color", "terminal", "decision"});
    StateDef d{r.String(s, at, "name", true), r.Label(s, at, "label"), r.Bool(s, at, "terminal"),
               r.Bool(s, at, "decision")};
    for (const auto& other : out) {
      if (other.name == d.name) r.Fail(where + "." + d.name, "two states with this name");
    }
    out.push_back(std::move(d));
  }
  return out;
}

void KnownStates(const Reader& r, const std::vector<StateDef>& states,
                 const std::vector<std::string>& names, const std::string& where) {
  for (const auto& n : names) {
    if (std::none_of(states.begin(), states.end(), [&](const auto& s) { return s.name == n; }))
      r.Fail(where, "unknown state '" + n + "'");
  }
}

// One transition, checked against the states it moves between.
TransitionDef ParseTransition(const Reader& r, const Json& tr, const std::string& at,
                              const std::vector<StateDef>& states) {
  r.OnlyKeys(tr, at,
             {"action", "from", "to", "route", "scope", "roles", "rules", "effects",
              "comment_required", "writes", "label"});
  TransitionDef d;
  d.action = r.String(tr, at, "action", true);
  const std::string here = at + " (" + d.action + ")";
  d.from = r.Strings(tr, here, "from");
  d.to = r.Strings(tr, here, "to");
  d.route = r.String(tr, here, "route", false);
  d.scope = ParseScope(r, r.String(tr, here, "scope", true), here + ".scope");
  d.roles = r.Strings(tr, here, "roles");
  d.rules = r.Strings(tr, here, "rules");
  d.effects = r.Strings(tr, here, "effects");
  d.comment_required = r.Bool(tr, here, "comment_required");
  d.writes = r.Strings(tr, here, "writes");
  d.label = r.Label(tr, here, "label");
  if (d.from.empty()) r.Fail(here + ".from", "needs at least one state");
  KnownStates(r, states, d.from, here + ".from");
  KnownStates(r, states, d.to, here + ".to");
  if (d.roles.empty()) r.Fail(here + ".roles", "nobody could take it");
  if (d.to.empty()) r.Fail(here + ".to", "needs a target state");
  return d;
}

SubrecordDef ParseSubrecord(const Reader& r, const Json& j, const std::string& at,
                            const std::vector<StateDef>& case_states) {
  r.OnlyKeys(j, at, {"kind", "label", "fields", "states", "transitions", "add"});
  SubrecordDef d;
  d.kind = r.String(j, at, "kind", true);
  const std::string here = "subrecords." + d.kind;
  d.label = r.Label(j, here, "label");
  if (!j.contains("fields")) r.Fail(here + ".fields", "is required");
  d.fields = r.Fields(j["fields"], here + ".fields");
  d.states = ParseStates(r, j, here + ".states");
  if (!j.contains("transitions") || !j["transitions"].is_array())
    r.Fail(here + ".transitions", "is required");
  for (std::size_t i = 0; i < j["transitions"].size(); ++i) {
    const std::string tat = here + ".transitions[" + std::to_string(i) + "]";
    TransitionDef t = ParseTransition(r, j["transitions"][i], tat, d.states);
    if (t.to.size() != 1 || !t.route.empty() || !t.writes.empty())
      r.Fail(tat, "a sub-record's transition has one target and no route or writes");
    d.transitions.push_back(std::move(t));
  }
  if (!j.contains("add")) r.Fail(here + ".add", "is required (who adds one, in which states)");
  const Json& add = j["add"];
  r.OnlyKeys(add, here + ".add", {"scope", "roles", "in_states"});
  d.add_scope = ParseScope(r, r.String(add, here + ".add", "scope", true), here + ".add.scope");
  d.add_roles = r.Strings(add, here + ".add", "roles");
  d.add_in_states = r.Strings(add, here + ".add", "in_states");
  if (d.add_roles.empty()) r.Fail(here + ".add.roles", "nobody could add one");
  KnownStates(r, case_states, d.add_in_states, here + ".add.in_states");
  return d;
}
}  // namespace

bool TransitionDef::Writes(std::string_view field) const { return Contains(writes, field); }

const StateDef* CaseType::FindState(std::string_view name) const {
  for (const auto& s : states)
    if (s.name == name) return &s;
  return nullptr;
}

const TransitionDef* CaseType::FindTransition(std::string_view action,
                                              std::string_view state) const {
  for (const auto& t : transitions) {
    if (t.action == action && Contains(t.from, state)) return &t;
  }
  return nullptr;
}

bool CaseType::HasAction(std::string_view action) const {
  return std::any_of(transitions.begin(), transitions.end(),
                     [&](const auto& t) { return t.action == action; });
}

bool CaseType::IsEditable(std::string_view state) const { return Contains(editable_states, state); }

bool CaseType::IsPrivate(std::string_view state) const {
  return Contains(owner.private_states, state);
}

const DeadlineDef* CaseType::RunningIn(std::string_view state) const {
  for (const auto& d : deadlines) {
    if (Contains(d.runs_in, state)) return &d;
  }
  return nullptr;
}

const DocumentSlotDef* CaseType::FindDocument(std::string_view kind) const {
  for (const auto& d : documents)
    if (d.kind == kind) return &d;
  return nullptr;
}

const SubrecordDef* CaseType::FindSubrecord(std::string_view kind) const {
  for (const auto& d : subrecords)
    if (d.kind == kind) return &d;
  return nullptr;
}

const StateDef* SubrecordDef::FindState(std::string_view name) const {
  for (const auto& s : states)
    if (s.name == name) return &s;
  return nullptr;
}

const TransitionDef* SubrecordDef::FindTransition(std::string_view action,
                                                  std::string_view state) const {
  for (const auto& t : transitions) {
    if (t.action == action && Contains(t.from, state)) return &t;
  }
  return nullptr;
}

std::vector<std::string> CaseType::AllRules() const {
  std::vector<std::string> out;
  auto add = [&out](const std::vector<TransitionDef>& list) {
    for (const auto& t : list) {
      for (const auto& r : t.rules) {
        if (!Contains(out, r)) out.push_back(r);
      }
    }
  };
  add(transitions);
  for (const auto& sub : subrecords) add(sub.transitions);
  return out;
}

CaseType ParseCaseType(std::string_view json) {
  Json j;
  try {
    j = Json::parse(json);
  } catch (const Json::parse_error& e) {
    throw DefinitionError("", "(document)", std::string("not JSON: ") + e.what());
  }
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string())
    throw DefinitionError("", "type", "is required");
  CaseType t;
  t.type = j["type"].get<std::string>();
  const Reader r(t.type);
  r.OnlyKeys(
      j, "(definition)",
      {"type", "version", "label", "description", "owner", "desk", "policy", "numbering", "fields",
       "states", "editable_states", "transitions", "deadlines", "documents", "subrecords", "ui"});
  t.label = r.Label(j, "(definition)", "label");
  t.desk = r.String(j, "(definition)", "desk", true);
  t.policy = r.String(j, "(definition)", "policy", false);
  t.numbering = r.String(j, "(definition)", "numbering", true);
  NumberFor(t.numbering, 2026, 1);  // throws on an unknown placeholder
  if (t.numbering.find("{seq") == std::string::npos)
    r.Fail("numbering", "needs {seq:N}: two cases of a year would share a number");

  if (!j.contains("owner")) r.Fail("owner", "is required");
  const Json& owner = j["owner"];
  r.OnlyKeys(owner, "owner",
             {"kind", "org_kinds", "roles", "private_states", "shared_within", "desk_only"});
  const std::string kind = r.String(owner, "owner", "kind", true);
  if (kind == "user")
    t.owner.kind = OwnerDef::Kind::kUser;
  else if (kind == "organization")
    t.owner.kind = OwnerDef::Kind::kOrganization;
  else
    r.Fail("owner.kind", "unknown owner kind '" + kind + "' (user or organization)");
  t.owner.org_kinds = r.Strings(owner, "owner", "org_kinds");
  t.owner.roles = r.Strings(owner, "owner", "roles");
  t.owner.private_states = r.Strings(owner, "owner", "private_states");
  t.owner.shared_within = r.Strings(owner, "owner", "shared_within");
  if (t.owner.kind == OwnerDef::Kind::kOrganization && !t.owner.shared_within.empty())
    r.Fail("owner.shared_within", "only a user-owned type shares cases within an organization");
  t.owner.desk_only = r.Bool(owner, "owner", "desk_only");
  if (t.owner.desk_only && (t.owner.kind != OwnerDef::Kind::kOrganization ||
                            t.owner.org_kinds != std::vector<std::string>{"office"}))
    r.Fail("owner.desk_only", "only a type the office owns is kept to its desk");
  if (t.owner.roles.empty()) r.Fail("owner.roles", "at least one role owns the case");
  if (t.owner.kind == OwnerDef::Kind::kOrganization && t.owner.org_kinds.empty())
    r.Fail("owner.org_kinds", "an organization-owned type names the kinds of organization");

  if (!j.contains("fields")) r.Fail("fields", "is required");
  t.fields = r.Fields(j["fields"], "fields");

  t.states = ParseStates(r, j, "states");
  auto known_states = [&](const std::vector<std::string>& names, const std::string& where) {
    KnownStates(r, t.states, names, where);
  };
  t.editable_states = r.Strings(j, "(definition)", "editable_states");
  known_states(t.editable_states, "editable_states");
  known_states(t.owner.private_states, "owner.private_states");

  if (!j.contains("transitions") || !j["transitions"].is_array())
    r.Fail("transitions", "is required");
  std::set<std::string> transition_fields;
  for (std::size_t i = 0; i < j["transitions"].size(); ++i) {
    const Json& tr = j["transitions"][i];
    const std::string at = "transitions[" + std::to_string(i) + "]";
    TransitionDef d = ParseTransition(r, tr, at, t.states);
    const std::string here = at + " (" + d.action + ")";
    for (const auto& f : d.writes) {
      if (!std::any_of(t.fields.begin(), t.fields.end(),
                       [&](const auto& x) { return x.name == f; }))
        r.Fail(here + ".writes", "unknown field '" + f + "'");
      transition_fields.insert(f);
    }
    for (const auto& s : d.from) {
      if (t.FindTransition(d.action, s))
        r.Fail(here + ".from", "action '" + d.action + "' is already possible from '" + s + "'");
    }
    if (d.to.size() > 1 && d.route.empty())
      r.Fail(here + ".route", "several target states need a route to choose");
    if (d.to.size() == 1 && !d.route.empty())
      r.Fail(here + ".route", "one target state needs no route");
    if (d.scope == Scope::kDesk) {
      for (const auto& role : d.roles) {
        if (!Contains(t.desk_roles, role)) t.desk_roles.push_back(role);
      }
    }
    if (d.scope == Scope::kParent) t.parent_reviews = true;
    t.transitions.push_back(std::move(d));
  }
  // Fields a transition writes are that transition's: the owner's edits can't set them.
  for (auto& f : t.fields) f.transition_only = transition_fields.contains(f.name);

  if (j.contains("deadlines")) {
    if (!j["deadlines"].is_array()) r.Fail("deadlines", "must be a list");
    for (std::size_t i = 0; i < j["deadlines"].size(); ++i) {
      const Json& dl = j["deadlines"][i];
      const std::string at = "deadlines[" + std::to_string(i) + "]";
      r.OnlyKeys(dl, at,
                 {"name", "label", "runs_in", "start_on", "length", "length_policy", "unit",
                  "from_field"});
      DeadlineDef d;
      d.name = r.String(dl, at, "name", true);
      const std::string here = "deadlines." + d.name;
      d.label = r.Label(dl, here, "label");
      d.runs_in = r.Strings(dl, here, "runs_in");
      if (d.runs_in.empty()) r.Fail(here + ".runs_in", "needs at least one state");
      known_states(d.runs_in, here + ".runs_in");
      d.start_on = r.Strings(dl, here, "start_on");
      for (const auto& a : d.start_on) {
        if (!t.HasAction(a)) r.Fail(here + ".start_on", "unknown action '" + a + "'");
      }
      d.length = r.Int(dl, here, "length").value_or(-1);
      if (d.length < 0) r.Fail(here + ".length", "is required (0 or more)");
      d.length_policy = r.String(dl, here, "length_policy", false);
      const std::string unit = r.String(dl, here, "unit", true);
      if (unit == "working_days")
        d.unit = DeadlineDef::Unit::kWorkingDays;
      else if (unit == "days")
        d.unit = DeadlineDef::Unit::kDays;
      else if (unit == "months")
        d.unit = DeadlineDef::Unit::kMonths;
      else
        r.Fail(here + ".unit", "unknown unit '" + unit + "' (working_days, days or months)");
      d.from_field = r.String(dl, here, "from_field", false);
      if (!d.from_field.empty()) {
        auto f = std::find_if(t.fields.begin(), t.fields.end(),
                              [&](const auto& x) { return x.name == d.from_field; });
        if (f == t.fields.end() || f->type != "date")
          r.Fail(here + ".from_field", "'" + d.from_field + "' is not a date field");
      }
      for (const auto& other : t.deadlines) {
        if (other.name == d.name) r.Fail(here, "two deadlines with this name");
        for (const auto& s : d.runs_in) {
          if (Contains(other.runs_in, s))
            r.Fail(here + ".runs_in", "deadline '" + other.name + "' already runs in '" + s + "'");
        }
      }
      t.deadlines.push_back(std::move(d));
    }
  }
  if (j.contains("documents")) {
    if (!j["documents"].is_array()) r.Fail("documents", "must be a list");
    for (std::size_t i = 0; i < j["documents"].size(); ++i) {
      const Json& doc = j["documents"][i];
      const std::string at = "documents[" + std::to_string(i) + "]";
      r.OnlyKeys(doc, at, {"kind", "label", "required_for", "help"});
      DocumentSlotDef d{r.String(doc, at, "kind", true), {}, {}};
      const std::string here = "documents." + d.kind;
      d.label = r.Label(doc, here, "label");
      d.required_for = r.Strings(doc, here, "required_for");
      for (const auto& a : d.required_for) {
        if (!t.HasAction(a)) r.Fail(here + ".required_for", "unknown action '" + a + "'");
      }
      if (t.FindDocument(d.kind)) r.Fail(here, "two document slots of this kind");
      t.documents.push_back(std::move(d));
    }
  }
  if (j.contains("subrecords")) {
    if (!j["subrecords"].is_array()) r.Fail("subrecords", "must be a list");
    for (std::size_t i = 0; i < j["subrecords"].size(); ++i) {
      SubrecordDef d =
          ParseSubrecord(r, j["subrecords"][i], "subrecords[" + std::to_string(i) + "]", t.states);
      if (t.FindSubrecord(d.kind)) r.Fail("subrecords." + d.kind, "two sub-records of this kind");
      for (const auto& tr : d.transitions) {
        if (tr.scope == Scope::kDesk) {
          for (const auto& role : tr.roles) {
            if (!Contains(t.desk_roles, role)) t.desk_roles.push_back(role);
          }
        }
      }
      t.subrecords.push_back(std::move(d));
    }
  }
  t.definition = std::move(j);
  return t;
}

std::string ActionNames(const std::vector<TransitionDef>& transitions) {
  std::vector<std::string_view> seen;
  std::string out;
  for (const auto& t : transitions) {
    if (Contains(seen, std::string_view(t.action))) continue;
    seen.push_back(t.action);
    out += (out.empty() ? "" : ", ") + t.action;
  }
  return out;
}

std::string NumberFor(std::string_view pattern, int year, long long seq) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const char ch = pattern[i];
    if (ch != '{') {
      out += ch;
      ++i;
      continue;
    }
    const std::size_t end = pattern.find('}', i);
    if (end == std::string_view::npos)
      throw DefinitionError("", "numbering", "unclosed { in '" + std::string(pattern) + "'");
    const std::string_view token = pattern.substr(i + 1, end - i - 1);
    if (token == "year") {
      out += std::to_string(year);
    } else if (token.starts_with("seq")) {
      int width = 0;
      if (token.size() > 3) {
        const auto digits = token.substr(token[3] == ':' ? 4 : 3);
        auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), width);
        if (token[3] != ':' || ec != std::errc() || p != digits.data() + digits.size() ||
            width < 1 || width > 12)
          throw DefinitionError("", "numbering", "bad placeholder {" + std::string(token) + "}");
      }
      std::string n = std::to_string(seq);
      if (static_cast<int>(n.size()) < width) n.insert(0, width - n.size(), '0');
      out += n;
    } else {
      throw DefinitionError("", "numbering", "unknown placeholder {" + std::string(token) + "}");
    }
    i = end + 1;
  }
  return out;
}

}  // namespace waishi::cases
