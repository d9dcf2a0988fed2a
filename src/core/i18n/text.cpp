#include "core/i18n/text.h"

#include <map>
#include <stdexcept>

#include "core/resources.h"

namespace waishi::i18n {
namespace {

// Every src/**/*messages.json, merged; a key defined twice is a build mistake.
const std::map<std::string, Text, std::less<>>& Catalogue() {
  static const auto* catalogue = [] {
    auto merged = std::make_unique<std::map<std::string, Text, std::less<>>>();
    for (std::string_view path : ResourcesUnder("src/")) {
      if (!path.ends_with("messages.json")) continue;
      Json doc = Json::parse(Resource(path));
      for (auto& [key, value] : doc.items()) {
        auto [it, inserted] = merged->emplace(
            key, Text{value.at("zh").get<std::string>(), value.at("en").get<std::string>()});
        if (!inserted) throw std::logic_error("message key defined twice: " + key);
      }
    }
    return merged.release();  // lives for the whole process
  }();
  return *catalogue;
}

std::string Substitute(std::string text, Args args) {
  for (const auto& [name, value] : args) {
    const std::string placeholder = "{" + std::string(name) + "}";
    for (std::size_t pos = text.find(placeholder); pos != std::string::npos;
         pos = text.find(placeholder, pos + value.size())) {
      text.replace(pos, placeholder.size(), value);
    }
  }
  return text;
}

}  // namespace

Text T(std::string_view key, Args args) {
  const auto& catalogue = Catalogue();
  auto it = catalogue.find(key);
  if (it == catalogue.end()) throw std::out_of_range("no message " + std::string(key));
  return Text{Substitute(it->second.zh, args), Substitute(it->second.en, args)};
}

Text T(std::string_view key, BilingualArgs args) {
  Text out = T(key);
  for (const auto& [name, value] : args) {
    out.zh = Substitute(std::move(out.zh), {{name, value.zh}});
    out.en = Substitute(std::move(out.en), {{name, value.en}});
  }
  return out;
}

bool Has(std::string_view key) { return Catalogue().contains(key); }

}  // namespace waishi::i18n
