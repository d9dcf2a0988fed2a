// The message catalogues: every key in both languages, and every key the C++ code names
// present in a catalogue (read from the source tree at WAISHI_SOURCE_DIR, set by CMake).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n/text.h"
#include "core/json.h"
#include "core/resources.h"

#ifndef WAISHI_SOURCE_DIR
#error "CMake passes WAISHI_SOURCE_DIR, the repository root, to the unit tests"
#endif

namespace waishi::i18n {
namespace {

std::vector<std::string_view> CataloguePaths() {
  std::vector<std::string_view> out;
  for (std::string_view path : ResourcesUnder("src/")) {
    if (path.ends_with("messages.json")) out.push_back(path);
  }
  return out;
}

// Every key of every embedded catalogue, with the file that defines it.
std::map<std::string, std::string> AllKeys() {
  std::map<std::string, std::string> keys;
  for (std::string_view path : CataloguePaths()) {
    const Json doc = Json::parse(Resource(path));
    for (const auto& [key, value] : doc.items()) {
      keys.emplace(key, std::string(path));
    }
  }
  return keys;
}

std::set<std::string> Placeholders(const std::string& text) {
  static const std::regex kPlaceholder(R"(\{([a-z_]+)\})");
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), kPlaceholder), end; it != end; ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

TEST(Catalogue, TheExpectedFilesAreEmbedded) {
  const auto paths = CataloguePaths();
  const std::set<std::string_view> got(paths.begin(), paths.end());
  for (std::string_view p : {"src/core/i18n/messages.json", "src/core/auth/messages.json",
                             "src/travel/messages.json", "src/travel/rules.messages.json",
                             "src/core/notify/messages.json"}) {
    EXPECT_TRUE(got.contains(p)) << p << " is not embedded";
  }
}

TEST(Catalogue, EveryKeyHasNonEmptyChineseAndEnglish) {
  std::size_t count = 0;
  for (std::string_view path : CataloguePaths()) {
    const Json doc = Json::parse(Resource(path));
    ASSERT_TRUE(doc.is_object()) << path;
    for (const auto& [key, value] : doc.items()) {
      ++count;
      SCOPED_TRACE(std::string(path) + ": " + key);
      ASSERT_TRUE(value.is_object()) << "not an object {zh, en}";
      for (const char* lang : {"zh", "en"}) {
        ASSERT_TRUE(value.contains(lang) && value[lang].is_string()) << "no " << lang << " text";
        EXPECT_FALSE(value[lang].get<std::string>().empty()) << "empty " << lang << " text";
      }
      EXPECT_EQ(value.size(), 2u) << "members other than zh and en";
      EXPECT_EQ(Placeholders(value["zh"]), Placeholders(value["en"]))
          << "zh and en differ in their {placeholders}";
      EXPECT_TRUE(Has(key));
    }
  }
  EXPECT_GT(count, 80u);
}

// nlohmann::json keeps the last of two equal keys in one object: catch it while parsing.
TEST(Catalogue, NoKeyTwiceInOneFile) {
  for (std::string_view path : CataloguePaths()) {
    std::set<std::string> seen;
    const Json parsed_doc =
        Json::parse(Resource(path), [&](int depth, Json::parse_event_t event, Json& parsed) {
          if (event == Json::parse_event_t::key && depth == 1) {
            EXPECT_TRUE(seen.insert(parsed.get<std::string>()).second)
                << path << ": key " << parsed.get<std::string>() << " defined twice";
          }
          return true;
        });
    EXPECT_TRUE(parsed_doc.is_object()) << path;
  }
}

TEST(Catalogue, NoKeyInTwoFiles) {
  std::map<std::string, std::string> first;
  for (std::string_view path : CataloguePaths()) {
    const Json doc = Json::parse(Resource(path));
    for (const auto& [key, value] : doc.items()) {
      auto [it, inserted] = first.emplace(key, std::string(path));
      EXPECT_TRUE(inserted) << key << " is in " << it->second << " and " << path;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Keys the C++ code names
// ---------------------------------------------------------------------------------------------
//
// A key is named as the first argument of i18n::T(...) or of travel's WithPart(...), and
// ApiError::BadRequest("code") means the key "error.code". That argument is
//   - one literal, or literals in a ?: (each must be a key);
//   - a literal + something: a key built at run time, whose literal prefix must start at
//     least one key (the keys themselves are checked where they are built, see below);
//   - a variable: its `= ...` initialiser in the same file is read the same way (a function
//     parameter has none and is skipped).

struct KeyUse {
  std::string key;  // the key, or the prefix of one
  bool prefix = false;
  std::string where;  // file:line
};

std::string StripLineComments(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line.compare(first, 2, "//") == 0) line.clear();
    out += line + '\n';
  }
  return out;
}

// The text of the argument starting at `pos` up to the ',' or ')' that ends it.
std::string FirstArgument(const std::string& text, std::size_t pos) {
  int depth = 0;
  bool in_string = false;
  std::size_t i = pos;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '(' || c == '{' || c == '[')
      ++depth;
    else if ((c == ')' || c == '}' || c == ']') && depth-- == 0)
      break;
    else if (c == ',' && depth == 0)
      break;
  }
  return text.substr(pos, i - pos);
}

std::vector<std::string> Literals(const std::string& expr) {
  static const std::regex kLiteral(R"re("([^"\\]*)")re");
  std::vector<std::string> out;
  for (std::sregex_iterator it(expr.begin(), expr.end(), kLiteral), end; it != end; ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

std::string Trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\n");
  const auto e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

void ReadKeyExpression(const std::string& text, std::string expr, const std::string& where,
                       const std::string& key_prefix, std::vector<KeyUse>& out, int depth = 0) {
  expr = Trim(expr);
  static const std::regex kIdentifier(R"([A-Za-z_][A-Za-z_0-9]*)");
  if (std::regex_match(expr, kIdentifier)) {
    if (depth > 0) return;
    // `std::string key = "...";` or `const std::string key = ... ;`
    const std::regex init("(?:std::string|auto)\\s+" + expr + R"(\s*=\s*([^;]*);)");
    std::smatch m;
    if (std::regex_search(text, m, init)) ReadKeyExpression(text, m[1], where, key_prefix, out, 1);
    return;
  }
  std::string outside = std::regex_replace(expr, std::regex(R"re("([^"\\]*)")re"), "\"\"");
  const auto literals = Literals(expr);
  if (literals.empty()) return;
  if (outside.find('+') != std::string::npos) {
    out.push_back({key_prefix + literals.front(), true, where});
  } else {
    for (const auto& l : literals) out.push_back({key_prefix + l, false, where});
  }
}

std::vector<KeyUse> KeysNamedInSource() {
  namespace fs = std::filesystem;
  const std::vector<std::pair<std::string, std::string>> calls = {
      {"i18n::T(", ""}, {"WithPart(", ""}, {"ApiError::BadRequest(", "error."}};
  std::vector<KeyUse> uses;
  const fs::path root = fs::path(WAISHI_SOURCE_DIR) / "src";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const auto& p = entry.path();
    const std::string name = p.filename().string();
    if (!entry.is_regular_file() || name.ends_with("_test.cpp")) continue;
    if (p.extension() != ".cpp" && p.extension() != ".h") continue;
    std::ifstream in(p);
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string text = StripLineComments(buf.str());
    const std::string rel = fs::relative(p, WAISHI_SOURCE_DIR).generic_string();
    for (const auto& [call, key_prefix] : calls) {
      for (std::size_t pos = text.find(call); pos != std::string::npos;
           pos = text.find(call, pos + 1)) {
        // "WithPart(" also ends "i18n::Text WithPart(std::string_view key, ...)": skipped
        // below as the parameter `std::string_view key` is no literal and no variable.
        if (pos > 0 &&
            (std::isalnum(static_cast<unsigned char>(text[pos - 1])) || text[pos - 1] == '_')) {
          continue;
        }
        const auto line = std::count(text.begin(), text.begin() + pos, '\n') + 1;
        ReadKeyExpression(text, FirstArgument(text, pos + call.size()),
                          rel + ":" + std::to_string(line), key_prefix, uses);
      }
    }
  }
  return uses;
}

TEST(Catalogue, EveryKeyTheCodeNamesExists) {
  const auto keys = AllKeys();
  const auto uses = KeysNamedInSource();
  std::size_t literal_keys = 0;
  for (const KeyUse& use : uses) {
    if (use.prefix) {
      auto it = keys.lower_bound(use.key);
      EXPECT_TRUE(it != keys.end() && it->first.starts_with(use.key))
          << use.where << ": no message key starts with \"" << use.key
          << "\" (a key built at run time)";
    } else {
      ++literal_keys;
      EXPECT_TRUE(keys.contains(use.key)) << use.where << ": message key \"" << use.key
                                          << "\" is in no catalogue (src/**/messages.json)";
    }
  }
  // The scan itself works: it finds the keys it should.
  EXPECT_GT(literal_keys, 100u);
  auto named = [&](std::string_view key) {
    return std::any_of(uses.begin(), uses.end(), [&](const KeyUse& u) { return u.key == key; });
  };
  EXPECT_TRUE(named("error.not_found"));                           // i18n::T("...")
  EXPECT_TRUE(named("travel.rule.max_days.violation_extra_day"));  // ?: of literals
  EXPECT_TRUE(named("travel.rule.max_countries.violation"));       // through a variable
  EXPECT_TRUE(named("travel.rule.inviter_kind.violation"));        // WithPart("...")
  EXPECT_TRUE(named("travel.rule.inviter_kind.kind."));            // a prefix
  EXPECT_TRUE(named("validation.type."));                          // a prefix
}

// The keys built at run time, each from the list it is built from.
TEST(Catalogue, KeysBuiltAtRunTimeExist) {
  // core/cases/registry.cpp (Registry::AddRules): "<module>.rule.<name>.label" for each rule
  // id "<module>.<name>" a case type lists under "rules".
  for (const char* file : {"src/travel/outbound_travel.json", "src/invitation/invitation_letter.json"}) {
    const Json def = Json::parse(Resource(file));
    std::set<std::string> rule_ids;
    std::function<void(const Json&)> collect = [&](const Json& j) {
      if (j.is_object()) {
        for (const auto& [k, v] : j.items()) {
          if (k == "rules" && v.is_array()) {
            for (const auto& id : v) rule_ids.insert(id.get<std::string>());
          }
          collect(v);
        }
      } else if (j.is_array()) {
        for (const auto& v : j) collect(v);
      }
    };
    collect(def);
    EXPECT_GE(rule_ids.size(), 5u) << file;
    for (const std::string& id : rule_ids) {
      const std::string module = id.substr(0, id.find('.'));
      const std::string label = module + ".rule." + id.substr(module.size() + 1) + ".label";
      EXPECT_TRUE(Has(label)) << "rule " << id << " has no label " << label;
    }
  }
  // core/cases/validation.cpp: "validation.type." + the field's type (enum and country are
  // reported as text).
  std::set<std::string> types;
  std::function<void(const Json&)> field_types = [&](const Json& j) {
    if (j.is_object()) {
      if (j.contains("type") && j["type"].is_string() && j.contains("name")) {
        types.insert(j["type"].get<std::string>());
      }
      for (const auto& [k, v] : j.items()) field_types(v);
    } else if (j.is_array()) {
      for (const auto& v : j) field_types(v);
    }
  };
  for (const char* file : {"src/travel/outbound_travel.json", "src/invitation/invitation_letter.json"})
    field_types(Json::parse(Resource(file)));
  for (std::string type : types) {
    if (type == "enum" || type == "country") type = "text";
    EXPECT_TRUE(Has("validation.type." + type)) << "validation.type." + type;
  }
}

// notify::Send(tx, Message{...}): the message's key names two keys, "<key>.subject" and
// "<key>.body" (an unknown one throws std::logic_error at Send). A key is given as the
// designated member `.key = "..."` of a notify::Message in a file that uses notify::, or is
// one of the announcement templates (notify::AnnouncementKeys, checked in mail_test.cpp).
TEST(Catalogue, EveryNotificationKeyTheCodeSendsExists) {
  namespace fs = std::filesystem;
  static const std::regex kKey(R"re(\.key\s*=\s*"([^"\\]*)")re");
  std::size_t found = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(WAISHI_SOURCE_DIR) / "src")) {
    const auto& p = entry.path();
    if (!entry.is_regular_file() || p.filename().string().ends_with("_test.cpp")) continue;
    if (p.extension() != ".cpp" && p.extension() != ".h") continue;
    std::ifstream in(p);
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string text = StripLineComments(buf.str());
    if (text.find("notify::") == std::string::npos) continue;
    for (std::sregex_iterator it(text.begin(), text.end(), kKey), end; it != end; ++it) {
      const std::string key = (*it)[1];
      ++found;
      for (const char* part : {".subject", ".body"}) {
        EXPECT_TRUE(Has(key + part)) << p.filename() << ": notification key " << key << part
                                     << " is in no catalogue";
      }
    }
  }
  // The scan itself works: it finds a key in a text shaped like a call.
  const std::string sample = R"(notify::Send(tx, {.user_id = 1, .key = "notify.announce.notice"});)";
  std::smatch m;
  ASSERT_TRUE(std::regex_search(sample, m, kKey));
  EXPECT_EQ(m[1], "notify.announce.notice");
  RecordProperty("notification_keys_found", static_cast<int>(found));
}

}  // namespace
}  // namespace waishi::i18n
