// The one way to run SQL: a Session (one connection, from Database::Read or Write) runs a
// statement with named parameters and hands each row to a function.
//
//   constexpr const char* kFindUser = "SELECT id, name FROM users WHERE username = :u";
//   s.Query(kFindUser, {{"u", username}}, [&](const db::Row& r) { id = db::Int(r, 0); });
//
// Every statement is prepared once per connection and kept (on PostgreSQL it becomes a
// server-side prepared statement): the SQL text is the key, so it is fixed text or put
// together from fixed pieces, and every value is a parameter, never part of the text.
// A session is used by one thread at a time (Database's pool and writer see to it), so
// its statements need no lock.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <soci/soci.h>

#include "core/db/row.h"

namespace waishi::db {

enum class Dialect { kSqlite, kPostgres };

using Row = soci::row;

// A parameter's value. NULL is std::monostate (or an empty optional).
class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}
  // Integers (a bool as 0 or 1, the way both engines store flags here).
  template <class T>
  requires std::is_integral_v<T> Value(T v) : v_(static_cast<long long>(v)) {}
  Value(double v) : v_(v) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  template <class T>
  Value(const std::optional<T>& v) {
    if (v) *this = Value(*v);
  }

  // The index of the alternative: 0 null, 1 integer, 2 real, 3 text.
  std::size_t kind() const { return v_.index(); }
  const auto& get() const { return v_; }

 private:
  std::variant<std::monostate, long long, double, std::string> v_;
};

// NULL for an empty text or a zero id: how optional columns are stored.
inline Value OrNull(std::string v) { return v.empty() ? Value() : Value(std::move(v)); }
inline Value OrNull(long long id) { return id == 0 ? Value() : Value(id); }

struct Param {
  std::string name;  // as in the SQL without the colon: ":id" → "id"
  Value value;
};
using Params = std::vector<Param>;

// Adds a parameter and returns its placeholder, for SQL put together at run time:
//   where += " AND c.state = " + db::Bind(params, "state", state);
std::string Bind(Params& params, std::string name, Value value);

using RowFn = std::function<void(const Row&)>;

// A statement the database refused: the engine's message and the SQL, never the values.
class Error : public std::runtime_error {
 public:
  Error(const soci::soci_error& e, std::string_view sql);
};

class Session {
 public:
  Session(std::unique_ptr<soci::session> connection, Dialect dialect);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Dialect dialect() const { return dialect_; }
  // The connection failed (PostgreSQL went away or restarted): it will refuse every statement,
  // and the database replaces it (Database::Lease, the writer). Never on SQLite.
  bool Broken() const;

  // Runs a statement that returns rows; fn sees each. The result is read to its end, so
  // on SQLite the connection keeps no read snapshot afterwards. Returns the row count.
  std::size_t Query(std::string_view sql, const Params& params, const RowFn& fn);
  // The first column of the first row (an aggregate, a RETURNING id); nullopt without a row
  // or when it is NULL.
  std::optional<long long> Int(std::string_view sql, const Params& params = {});
  std::optional<std::string> Text(std::string_view sql, const Params& params = {});
  // Runs a statement that returns no rows; returns the number of rows it changed.
  long long Exec(std::string_view sql, const Params& params = {});
  // Runs an INSERT of one row into a table whose key is an {{ID}} column named id, and answers
  // the id: SQLite's last rowid (its RETURNING costs an extra temporary table per statement,
  // twice the insert itself), PostgreSQL's RETURNING id.
  long long Insert(std::string_view sql, const Params& params);

  // Runs a query of at most one row without keeping it prepared, so it is planned at each run
  // against the tables as they are then: for a query whose best plan changes as its table
  // grows from empty (PostgreSQL keeps a prepared statement's first plan, and a plan made
  // while the audit log was empty scans the whole log for its newest entry). fn sees the row
  // if there is one; returns whether there was.
  bool RowOnce(const std::string& sql, const RowFn& fn);

  // How many statements the session keeps prepared.
  std::size_t prepared() const { return statements_.size(); }

  // Runs SQL text once without preparing it to keep (PRAGMAs, migrations, transaction
  // control).
  void Run(const std::string& sql);

  // Inside Database::Write: runs fn at the end of the write transaction, after every job of
  // the batch and outside their savepoints, in the order asked; dropped if the job that asked
  // fails. For SQLite's FTS5, which writes its pending rows to disk at every savepoint: its
  // rows written once per batch instead of once per job.
  void Defer(std::function<void(Session&)> fn) { deferred_.push_back(std::move(fn)); }

 private:
  class Statement;
  Statement& Prepared(std::string_view sql, const Params& params, bool returns_rows);
  // Forgets a statement that failed: it may have stopped halfway.
  void Drop(const Statement& st);

  std::unique_ptr<soci::session> connection_;
  Dialect dialect_;
  // Looked up by the SQL text as given, without copying it into a std::string.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_map<std::string, std::unique_ptr<Statement>, TextHash, std::equal_to<>>
      statements_;
  std::size_t nested_ = 0;  // names the copies of statements run from inside themselves
  std::vector<std::function<void(Session&)>> deferred_;  // Defer(); run by Database
  friend class Database;
  friend class BulkInsert;  // bulk.h: the engine's own connection, for its fast paths
  friend class FastQuery;
};

}  // namespace waishi::db
