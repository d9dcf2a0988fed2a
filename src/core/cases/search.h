// Substring search over cases, the one place where the engines' SQL differs for it.
//
// case_search.body holds the lower-cased text q= searches. Queries of 3+ characters use
// the trigram index (SQLite FTS5 'trigram', PostgreSQL pg_trgm GIN); 1–2 characters
// (most Chinese given names) cannot use trigrams and scan the body with instr()/strpos().
#pragma once

#include <string>

#include "core/db/session.h"

#include "core/db/database.h"

namespace waishi::cases {

// Inserts or replaces the search text of a case.
void SaveSearchText(db::Session& s, long long case_id, const std::string& body);

// A condition on c.id (the cases table's alias must be c) matching `q`, using the bind
// name `:q`; BindValue() gives the value to bind for it.
std::string SearchCondition(db::Dialect dialect, const std::string& q);
std::string SearchBindValue(db::Dialect dialect, const std::string& q);

// A condition true when the JSON array summary.<key> of a case (alias c) contains the
// string bound as :<bind> — json_each on SQLite, jsonb on PostgreSQL.
std::string SummaryArrayContains(db::Dialect dialect, const std::string& key,
                                 const std::string& bind);

}  // namespace waishi::cases
