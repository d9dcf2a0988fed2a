// Statements prepared once per session and run many times: the hot queries (a case by id,
// a session by token, the audit chain's head and its insert) skip SQL parsing, and on
// PostgreSQL become server-side prepared statements.
//
// The SQL text is the cache key, so it must be fixed text, never assembled from input.
// A CachedStatement owns its input values (bound in the order given) and its output row;
// it belongs to one session, and a session is used by one thread at a time (Database's
// pool and writer guarantee it), so using one needs no lock. Finding it takes a shared lock.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <soci/soci.h>

namespace waishi::db {

using Param = std::variant<long long, std::string>;

class CachedStatement {
 public:
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  // `names`: the bind names in the SQL (":id" → "id"), with a sample value giving each one's type.
  CachedStatement(soci::session& s, const std::string& sql,
                  const std::vector<std::pair<std::string, Param>>& params, bool returns_rows);

  // Runs with these values (same order and types as at preparation) and hands each row
  // to fn. The result is read to its end, so on SQLite the statement holds no read
  // transaction afterwards (an unfinished one would pin the reader to an old snapshot).
  // Returns the number of rows.
  std::size_t Query(const std::vector<Param>& values,
                    const std::function<void(const soci::row&)>& fn);
  // Runs a statement that returns no rows.
  void Exec(const std::vector<Param>& values);

 private:
  void Bind(const std::vector<Param>& values);

  soci::statement st_;
  soci::row row_;
  std::deque<long long> ints_;
  std::deque<std::string> texts_;
  std::vector<std::pair<bool, std::size_t>> slots_;  // is text, index
};

// The session's statement for `sql`, prepared on first use.
CachedStatement& Cached(soci::session& s, const std::string& sql,
                        const std::vector<std::pair<std::string, Param>>& params,
                        bool returns_rows = true);

// Forgets the statements of a session about to be closed.
void ForgetCached(const soci::session* s);

}  // namespace waishi::db
