#include "core/validate/schema.h"

#include <cmath>
#include <map>
#include <mutex>
#include <regex>
#include <stdexcept>
#include <string_view>

#include "core/calendar/working_days.h"

namespace waishi::validate {
namespace {

// Characters (code points) of UTF-8 text: the bytes that do not continue a sequence.
long long CodePoints(std::string_view s) {
  long long n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A number as people write it: 5, not 5.000000.
std::string NumberText(double x) {
  if (std::floor(x) == x && std::abs(x) < 1e15) return std::to_string(static_cast<long long>(x));
  std::string s = std::to_string(x);
  while (s.back() == '0') s.pop_back();
  return s;
}

// Deliberately loose (an address is only used to write to the person): one '@' with text on
// both sides, a dot inside the domain, no white space or control characters.
bool IsPlausibleEmail(std::string_view e) {
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view domain = e.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (unsigned char c : e) {
    if (c <= ' ' || c == 0x7F) return false;
  }
  return true;
}

// Compiled patterns, kept: schemas are few and live as long as the process.
const std::regex& Pattern(const std::string& source) {
  static std::mutex mu;
  static std::map<std::string, std::regex, std::less<>> cache;
  std::lock_guard lock(mu);
  auto it = cache.find(source);
  if (it == cache.end())
    it = cache.emplace(source, std::regex(source, std::regex::ECMAScript)).first;
  return it->second;
}

std::string TypeMessageKey(std::string_view type) {
  if (type == "string") return "validation.type.text";
  if (type == "array") return "validation.type.list";
  return "validation.type." + std::string(type);
}

bool HasType(const Json& v, std::string_view type) {
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_boolean();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  throw std::invalid_argument("schema: unknown type " + std::string(type));
}

class Checker {
 public:
  // `components` (name → schema) for "$ref" and "allOf"; nullptr: both ignored.
  explicit Checker(const Json* components = nullptr) : components_(components) {}

  void Value(const Json& schema, const Json& v, const std::string& path) {
    if (!schema.is_object()) throw std::invalid_argument("schema: not an object at " + path);
    if (components_ && schema.contains("$ref")) return Value(Resolve(schema["$ref"]), v, path);
    if (v.is_null()) {
      if (!schema.value("nullable", false) && schema.contains("type")) {
        const std::string type = schema["type"].get<std::string>();
        Add(path, "type", i18n::T(TypeMessageKey(type)));
      }
      return;
    }
    if (auto t = schema.find("type"); t != schema.end()) {
      const std::string type = t->get<std::string>();
      if (!HasType(v, type)) return Add(path, "type", i18n::T(TypeMessageKey(type)));
    }
    if (auto all = schema.find("allOf"); components_ && all != schema.end()) {
      for (const auto& part : *all) Value(part, v, path);
    }
    if (auto e = schema.find("enum"); e != schema.end()) {
      bool found = false;
      std::string values;
      for (const auto& option : *e) {
        found = found || option == v;
        if (!option.is_null())
          values += (values.empty() ? "" : ", ") +
                    (option.is_string() ? option.get<std::string>() : option.dump());
      }
      if (!found) return Fail(schema, path, "enum", "validation.enum", {{"values", values}});
    }
    if (v.is_string()) String(schema, v.get_ref<const std::string&>(), path);
    if (v.is_number()) Number(schema, v, path);
    if (v.is_object()) Object(schema, v, path);
    if (v.is_array()) Array(schema, v, path);
  }

  // The errors found; past ApiError::kMaxDetails, one more entry counting the rest.
  std::vector<FieldError> Take() {
    if (dropped_ > 0) errors_.push_back(MoreErrors(dropped_));
    return std::move(errors_);
  }

 private:
  void String(const Json& schema, const std::string& s, const std::string& path) {
    const long long length = CodePoints(s);
    if (auto min = schema.find("minLength"); min != schema.end() && length < min->get<long long>())
      return Fail(schema, path, "min_length", "validation.min_length",
                  {{"min", std::to_string(min->get<long long>())}});
    if (auto max = schema.find("maxLength"); max != schema.end() && length > max->get<long long>())
      return Fail(schema, path, "max_length", "validation.max_length",
                  {{"max", std::to_string(max->get<long long>())}});
    if (auto p = schema.find("pattern"); p != schema.end()) {
      if (!std::regex_search(s, Pattern(p->get<std::string>())))
        return Fail(schema, path, "pattern", "validation.pattern");
    }
    if (auto f = schema.find("format"); f != schema.end()) {
      const std::string format = f->get<std::string>();
      if (format == "date" && !calendar::Date::Parse(s)) {
        Add(path, "type", i18n::T("validation.type.date"));
      } else if (format == "month" && (s.size() != 7 || !calendar::Date::Parse(s + "-01"))) {
        Add(path, "type", i18n::T("validation.type.month"));
      } else if (format == "email" && !s.empty() && !IsPlausibleEmail(s)) {
        Fail(schema, path, "format.email", "validation.format.email");
      }
    }
  }

  void Number(const Json& schema, const Json& v, const std::string& path) {
    // An unsigned value above LLONG_MAX is out of any range we set: compare as double.
    const double d = v.get<double>();
    auto min = schema.find("minimum");
    auto max = schema.find("maximum");
    const bool low = min != schema.end() && d < min->get<double>();
    const bool high = max != schema.end() && d > max->get<double>();
    if (!low && !high) return;
    if (min != schema.end() && max != schema.end()) {
      return Fail(
          schema, path, "range", "validation.range",
          {{"min", NumberText(min->get<double>())}, {"max", NumberText(max->get<double>())}});
    }
    if (low)
      return Fail(schema, path, "min", "validation.min", {{"min", NumberText(min->get<double>())}});
    Fail(schema, path, "max", "validation.max", {{"max", NumberText(max->get<double>())}});
  }

  void Object(const Json& schema, const Json& obj, const std::string& path) {
    const std::string prefix = path.empty() ? "" : path + ".";
    static const Json kNone = Json::object();
    const Json& properties = schema.contains("properties") ? schema["properties"] : kNone;
    if (auto max = schema.find("maxProperties");
        max != schema.end() && static_cast<long long>(obj.size()) > max->get<long long>()) {
      Fail(schema, path, "max_items", "validation.max_items",
           {{"max", std::to_string(max->get<long long>())}});
      return;
    }
    // Unknown members first: a misspelt name is the most useful thing to hear about.
    if (auto extra = schema.find("additionalProperties"); extra != schema.end()) {
      for (const auto& [key, value] : obj.items()) {
        if (properties.contains(key)) continue;
        if (extra->is_boolean()) {
          if (!extra->get<bool>())
            Add(prefix + key, "unknown_field", i18n::T("validation.unknown_field"));
        } else {
          Value(*extra, value, prefix + key);
        }
      }
    }
    if (auto required = schema.find("required"); required != schema.end()) {
      for (const auto& name : *required) {
        const std::string key = name.get<std::string>();
        auto it = obj.find(key);
        const Json* member_schema = properties.contains(key) ? &properties[key] : nullptr;
        const bool nullable = member_schema && member_schema->value("nullable", false);
        bool missing = it == obj.end() || (it->is_null() && !nullable);
        if (!missing && it->is_string() && member_schema &&
            member_schema->value("minLength", 0) > 0 && IsBlank(it->get_ref<const std::string&>()))
          missing = true;
        if (missing) Add(prefix + key, "required", i18n::T("validation.required"));
      }
    }
    for (const auto& [key, member_schema] : properties.items()) {
      auto it = obj.find(key);
      if (it == obj.end() || Reported(prefix + key)) continue;
      Value(member_schema, *it, prefix + key);
    }
  }

  void Array(const Json& schema, const Json& list, const std::string& path) {
    const auto n = static_cast<long long>(list.size());
    if (auto min = schema.find("minItems"); min != schema.end() && n < min->get<long long>())
      Fail(schema, path, "min_items", "validation.min_items",
           {{"min", std::to_string(min->get<long long>())}});
    if (auto max = schema.find("maxItems"); max != schema.end() && n > max->get<long long>())
      Fail(schema, path, "max_items", "validation.max_items",
           {{"max", std::to_string(max->get<long long>())}});
    if (auto unique = schema.find("uniqueItems");
        unique != schema.end() && unique->is_boolean() && unique->get<bool>()) {
      // Each repetition is named by its own index: "cases[2]" repeats an earlier item.
      for (std::size_t i = 1; i < list.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (list[i] != list[j]) continue;
          Fail(schema, path + "[" + std::to_string(i) + "]", "unique_items",
               "validation.unique_items", {});
          break;
        }
      }
    }
    if (auto items = schema.find("items"); items != schema.end()) {
      for (std::size_t i = 0; i < list.size(); ++i)
        Value(*items, list[i], path + "[" + std::to_string(i) + "]");
    }
  }

  const Json& Resolve(const Json& ref) const {
    static constexpr std::string_view kPrefix = "#/components/schemas/";
    const std::string target = ref.is_string() ? ref.get<std::string>() : "";
    if (!target.starts_with(kPrefix))
      throw std::invalid_argument("schema: unsupported $ref " + ref.dump());
    auto it = components_->find(target.substr(kPrefix.size()));
    if (it == components_->end()) throw std::invalid_argument("schema: no component " + target);
    return *it;
  }

  // A failure of `schema`'s own constraint, named by x-rule / x-message when the schema says.
  void Fail(const Json& schema, const std::string& path, std::string rule, std::string key,
            i18n::Args args = {}) {
    if (auto m = schema.find("x-message"); m != schema.end()) {
      if (m->is_string()) {
        key = m->get<std::string>();
      } else if (auto k = m->find(rule); k != m->end()) {
        key = k->get<std::string>();
      }
    }
    if (auto r = schema.find("x-rule"); r != schema.end()) rule = r->get<std::string>();
    Add(path, std::move(rule), i18n::T(key, args));
  }

  void Add(std::string field, std::string rule, i18n::Text message) {
    // A hostile body can hold a million mistakes: they are counted, not kept.
    if (errors_.size() >= ApiError::kMaxDetails) {
      ++dropped_;
      return;
    }
    errors_.push_back(FieldError{std::move(field), std::move(rule), std::move(message)});
  }

  bool Reported(const std::string& field) const {
    for (const auto& e : errors_) {
      if (e.field == field) return true;
    }
    return false;
  }

  const Json* components_;
  std::vector<FieldError> errors_;
  std::size_t dropped_ = 0;
};

}  // namespace

std::vector<FieldError> CheckSchema(const Json& schema, const Json& value,
                                    const std::string& path) {
  Checker checker;
  checker.Value(schema, value, path);
  return checker.Take();
}

std::vector<FieldError> CheckSchemaWith(const Json& components, const Json& schema,
                                        const Json& value, const std::string& path) {
  Checker checker(&components);
  checker.Value(schema, value, path);
  return checker.Take();
}

void RequireSchema(const Json& schema, const Json& value, const std::string& path) {
  auto errors = CheckSchema(schema, value, path);
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
}

}  // namespace waishi::validate
