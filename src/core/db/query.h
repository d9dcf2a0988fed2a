// Queries whose conditions are chosen at run time (filters, search): the SQL text is put
// together from fixed pieces, every value is bound by name. Binds keeps the values alive
// and in order until the statement ran.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

namespace waishi::db {

class Binds {
 public:
  // Adds a value and returns its placeholder (":name") to put in the SQL.
  std::string Text(std::string name, std::string value);
  std::string Int(std::string name, long long value);

 private:
  friend void ForEachRow(soci::session&, const std::string&, const Binds&,
                         const std::function<void(const soci::row&)>&);
  void Apply(soci::statement& st) const;

  std::deque<std::string> texts_;
  std::deque<long long> ints_;
  std::vector<std::pair<std::string, bool>> order_;  // name, is an integer
};

// The single integer a SELECT COUNT(*) … returns.
long long Count(soci::session& s, const std::string& sql, const Binds& binds);
// Calls fn for each row of the result.
void ForEachRow(soci::session& s, const std::string& sql, const Binds& binds,
                const std::function<void(const soci::row&)>& fn);

}  // namespace waishi::db
