#include "core/cases/validation.h"

#include <algorithm>
#include <cmath>

#include "core/calendar/working_days.h"
#include "core/geo/countries.h"
#include "core/i18n/utf8.h"

namespace waishi::cases {
namespace {

bool IsBlank(const Json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().empty());
}

class Validator {
 public:
  Validator(Completeness completeness, const TransitionDef* writing)
      : complete_(completeness == Completeness::kComplete), writing_(writing) {}

  void Object(const std::vector<FieldDef>& fields, const Json& obj, const std::string& prefix) {
    for (auto& [key, value] : obj.items()) {
      bool known = false;
      for (const auto& f : fields) known = known || f.name == key;
      if (!known) Add(prefix + key, "unknown_field", i18n::T("validation.unknown_field"));
    }
    for (const auto& f : fields) {
      const std::string path = prefix + f.name;
      auto it = obj.find(f.name);
      const bool present = it != obj.end() && !IsBlank(*it);
      // A field a transition writes belongs to that transition alone.
      const bool writable = !f.transition_only || (writing_ && writing_->Writes(f.name));
      if (present && !writable) {
        Add(path, "stage", i18n::T("validation.stage"));
        continue;
      }
      if (!present) {
        const bool needed = f.required && writable;
        if (complete_ && needed) Add(path, "required", i18n::T("validation.required"));
        continue;
      }
      Field(f, *it, path);
    }
  }

  // The errors found; past ApiError::kMaxDetails, one more entry counting the rest.
  std::vector<FieldError> Take() {
    if (dropped_ > 0) errors_.push_back(MoreErrors(dropped_));
    return std::move(errors_);
  }

 private:
  void Add(std::string field, std::string rule, i18n::Text msg) {
    // A hostile body can hold millions of mistakes (a list of a million numbers): they are
    // counted, not kept, since POST /cases/check answers with every error it keeps.
    if (errors_.size() >= ApiError::kMaxDetails) {
      ++dropped_;
      return;
    }
    errors_.push_back(FieldError{std::move(field), std::move(rule), std::move(msg)});
  }
  void TypeError(const std::string& path, const std::string& type) {
    Add(path, "type",
        i18n::T("validation.type." +
                (type == "enum" || type == "country" ? std::string("text") : type)));
  }

  void Field(const FieldDef& f, const Json& v, const std::string& path) {
    if (f.type == "text" || f.type == "enum" || f.type == "country" || f.type == "date") {
      if (!v.is_string()) return TypeError(path, f.type == "date" ? "date" : "text");
      const std::string s = v.get<std::string>();
      if (f.type == "date" && !calendar::Date::Parse(s))
        return Add(path, "type", i18n::T("validation.type.date"));
      if (f.type == "country" && !geo::FindCountry(s))
        return Add(path, "country", i18n::T("validation.country"));
      if (f.type == "enum") {
        bool ok = false;
        std::string values;
        for (const auto& o : f.options) {
          ok = ok || o == s;
          values += (values.empty() ? "" : ", ") + o;
        }
        if (!ok) return Add(path, "enum", i18n::T("validation.enum", {{"values", values}}));
      }
      // Length in characters (code points), as a person counts them: 张昊 is 2.
      const long long len = i18n::CodePoints(s);
      if (f.min_length && len < *f.min_length)
        Add(path, "min_length",
            i18n::T("validation.min_length", {{"min", std::to_string(*f.min_length)}}));
      if (f.max_length && len > *f.max_length)
        Add(path, "max_length",
            i18n::T("validation.max_length", {{"max", std::to_string(*f.max_length)}}));
    } else if (f.type == "number" || f.type == "integer") {
      if (!v.is_number() || (f.type == "integer" && !v.is_number_integer()))
        return TypeError(path, f.type);
      const double d = v.get<double>();
      auto num = [](double x) {
        return std::floor(x) == x ? std::to_string(static_cast<long long>(x)) : std::to_string(x);
      };
      if (f.min && d < *f.min) Add(path, "min", i18n::T("validation.min", {{"min", num(*f.min)}}));
      if (f.max && d > *f.max) Add(path, "max", i18n::T("validation.max", {{"max", num(*f.max)}}));
    } else if (f.type == "money") {
      Money(f, v, path);
    } else if (f.type == "boolean") {
      if (!v.is_boolean()) TypeError(path, "boolean");
    } else if (f.type == "object") {
      if (!v.is_object()) return TypeError(path, "object");
      Object(f.fields, v, path + ".");
    } else if (f.type == "list") {
      if (!v.is_array()) return TypeError(path, "list");
      const long long n = static_cast<long long>(v.size());
      if (complete_ && f.min_items && n < *f.min_items)
        Add(path, "min_items",
            i18n::T("validation.min_items", {{"min", std::to_string(*f.min_items)}}));
      if (f.max_items && n > *f.max_items)
        Add(path, "max_items",
            i18n::T("validation.max_items", {{"max", std::to_string(*f.max_items)}}));
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string item = path + "[" + std::to_string(i) + "]";
        if (!v[i].is_object()) {
          TypeError(item, "object");
          continue;
        }
        Object(f.fields, v[i], item + ".");
      }
    }
  }

  // An amount in the currency's minor unit (fen for CNY), never a float: {"amount", "currency"}.
  void Money(const FieldDef& f, const Json& v, const std::string& path) {
    if (!v.is_object()) return TypeError(path, "money");
    for (auto& [key, value] : v.items()) {
      if (key != "amount" && key != "currency")
        Add(path + "." + key, "unknown_field", i18n::T("validation.unknown_field"));
    }
    auto amount = v.find("amount");
    if (amount == v.end() || !amount->is_number_integer())
      return Add(path + ".amount", "type", i18n::T("validation.type.integer"));
    const std::vector<std::string> accepted =
        f.currencies.empty() ? std::vector<std::string>{"CNY"} : f.currencies;
    auto currency = v.find("currency");
    std::string values;
    for (const auto& c : accepted) values += (values.empty() ? "" : ", ") + c;
    if (currency == v.end() || !currency->is_string() ||
        std::find(accepted.begin(), accepted.end(), currency->get<std::string>()) == accepted.end())
      return Add(path + ".currency", "enum", i18n::T("validation.enum", {{"values", values}}));
    const long long n = amount->get<long long>();
    if (f.min && static_cast<double>(n) < *f.min)
      Add(path + ".amount", "min",
          i18n::T("validation.min", {{"min", std::to_string(static_cast<long long>(*f.min))}}));
    if (f.max && static_cast<double>(n) > *f.max)
      Add(path + ".amount", "max",
          i18n::T("validation.max", {{"max", std::to_string(static_cast<long long>(*f.max))}}));
  }

  bool complete_;
  const TransitionDef* writing_;
  std::vector<FieldError> errors_;
  std::size_t dropped_ = 0;
};

}  // namespace

std::vector<FieldError> ValidateData(const CaseType& type, const Json& data,
                                     Completeness completeness, const TransitionDef* writing) {
  if (!data.is_object()) return {FieldError{"data", "type", i18n::T("validation.type.object")}};
  Validator v(completeness, writing);
  v.Object(type.fields, data, "");
  return v.Take();
}

std::vector<FieldError> ValidateFields(const std::vector<FieldDef>& fields, const Json& data,
                                       Completeness completeness) {
  if (!data.is_object()) return {FieldError{"data", "type", i18n::T("validation.type.object")}};
  Validator v(completeness, nullptr);
  v.Object(fields, data, "");
  return v.Take();
}

}  // namespace waishi::cases
