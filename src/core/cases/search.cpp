#include "core/cases/search.h"

#include "core/db/session.h"
#include "core/i18n/utf8.h"

namespace waishi::cases {
namespace {

constexpr const char* kSaveText = R"(
  INSERT INTO case_search (case_id, body) VALUES (:id, :b)
  ON CONFLICT (case_id) DO UPDATE SET body = excluded.body)";

}  // namespace

void SaveSearchText(db::Session& s, long long case_id, const std::string& body) {
  // An upsert both engines know; on SQLite it fires the triggers that keep FTS5 in step.
  s.Exec(kSaveText, {{"id", case_id}, {"b", body}});
}

std::string SearchCondition(db::Dialect dialect, const std::string& q) {
  const bool trigram = i18n::CodePoints(q) >= 3;
  if (dialect == db::Dialect::kSqlite) {
    return trigram ? "c.id IN (SELECT rowid FROM case_search_fts WHERE case_search_fts MATCH :q)"
                   : "c.id IN (SELECT case_id FROM case_search WHERE instr(body, :q) > 0)";
  }
  return trigram ? "c.id IN (SELECT case_id FROM case_search WHERE body LIKE :q ESCAPE '\\')"
                 : "c.id IN (SELECT case_id FROM case_search WHERE strpos(body, :q) > 0)";
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

std::string SearchBindValue(db::Dialect dialect, const std::string& q) {
  const bool trigram = i18n::CodePoints(q) >= 3;
  if (!trigram) return q;
  if (dialect == db::Dialect::kSqlite) {
    // An FTS5 phrase: double quotes inside are doubled.
    std::string phrase = "\"";
    for (char c : q) {
      if (c == '"') phrase += '"';
      phrase += c;
    }
    return phrase + "\"";
  }
  std::string pattern = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

}  // namespace waishi::cases
