#include "core/cases/case_data.h"

namespace waishi::cases {

const Json* Member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> StringAt(const Json& object, std::string_view key) {
  const Json* v = Member(object, key);
  if (!v || !v->is_string()) return std::nullopt;
  return v->get<std::string>();
}

std::optional<calendar::Date> DateAt(const Json& object, std::string_view key) {
  const std::optional<std::string> s = StringAt(object, key);
  return s ? calendar::Date::Parse(*s) : std::nullopt;
}

const Json* ListAt(const Json& object, std::string_view key) {
  const Json* v = Member(object, key);
  return v && v->is_array() ? v : nullptr;
}

std::string ItemPath(std::string_view list, std::size_t index, std::string_view member) {
  return std::string(list) + "[" + std::to_string(index) + "]." + std::string(member);
}

}  // namespace waishi::cases
