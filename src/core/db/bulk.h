// Many rows into one table, in the caller's write transaction, much faster than a statement
// each through Session (an import of millions of rows): the rows are kept and written when
// Flush()ed — on SQLite by prepared statements of its own, bound by position, each inserting
// hundreds of rows (a few hundred nanoseconds a row instead of some microseconds), on
// PostgreSQL by COPY (one round trip for them all). Rows that refer to each other's ids take them
// from an IdSource, and are flushed parents first.
//
//   db::IdSource ids(s, "widgets");
//   db::BulkInsert widgets(s, "widgets", {"id", "owner_id", "name"});
//   widgets.Add(ids.Next(), owner, "a widget");
//   widgets.Flush();
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/db/session.h"

namespace waishi::db {

class BulkInsert {
 public:
  BulkInsert(Session& s, std::string table, std::vector<std::string> columns);
  ~BulkInsert() = default;
  BulkInsert(const BulkInsert&) = delete;
  BulkInsert& operator=(const BulkInsert&) = delete;

  // One row: a value for each column, in their order (integers, reals, text; nullptr or an
  // empty optional for NULL).
  template <class... V>
  void Add(const V&... values) {
    static_assert(sizeof...(V) > 0);
    if (sizeof...(V) != columns_.size()) throw std::logic_error("BulkInsert: a value per column");
    (Put(values), ...);
  }
  // Writes the rows kept; throws db::Error-like std::runtime_error when the engine refuses.
  void Flush();
  std::size_t waiting() const { return cells_.size() / columns_.size(); }

 private:
  // A text value: where it is in text_ (one buffer for them all, not a string each).
  struct Text {
    std::size_t at, size;
  };
  using Cell = std::variant<std::monostate, long long, double, Text>;
  // SQLite: rows bound to one statement at most (within its limit of parameters).
  static constexpr int kRowsPerStatement = 500;
  void Put(std::nullptr_t) { cells_.emplace_back(); }
  void Put(long long v) { cells_.emplace_back(v); }
  void Put(int v) { cells_.emplace_back(static_cast<long long>(v)); }
  void Put(double v) { cells_.emplace_back(v); }
  void Put(std::string_view v) {
    cells_.emplace_back(Text{text_.size(), v.size()});
    text_.append(v);
  }
  void Put(const std::string& v) { Put(std::string_view(v)); }
  void Put(const char* v) { Put(std::string_view(v)); }
  template <class T>
  void Put(const std::optional<T>& v) {
    if (v) {
      Put(*v);
    } else {
      cells_.emplace_back();
    }
  }
  std::string_view TextOf(const Text& t) const { return {text_.data() + t.at, t.size}; }
  void FlushSqlite();
  void FlushPostgres();

  Session& s_;
  std::string table_;
  std::vector<std::string> columns_;
  std::vector<Cell> cells_;  // row after row
  std::string text_;         // the text values' characters
};

// One query run many times in a row (for each cell of a grid), its rows read by position
// without the general path's per-row cost (some microseconds a row less: what a query reading
// thousands of rows spends): on SQLite it steps a statement of its own; on PostgreSQL it asks
// libpq for the rows in binary (no number printed by the server and parsed here). Parameters
// are named as in Session (":name"). Its columns: integers, floating point, text and bytes.
class FastQuery {
 public:
  FastQuery(Session& s, std::string sql);
  ~FastQuery();
  FastQuery(const FastQuery&) = delete;
  FastQuery& operator=(const FastQuery&) = delete;

  class Row {
   public:
    long long Int(int i) const;
    double Real(int i) const;
    std::string Text(int i) const;
    // Bytes (bytea, BLOB) as they are, valid until the next row; empty for NULL.
    std::string_view Blob(int i) const;
    std::optional<long long> OptInt(int i) const;
    std::optional<std::string> OptText(int i) const;

   private:
    friend class FastQuery;
    void* sqlite_ = nullptr;  // sqlite3_stmt*
    void* pg_ = nullptr;      // PostgreSQL: PGresult*, at row pg_row_
    int pg_row_ = 0;
  };
  void Run(const Params& params, const std::function<void(const Row&)>& fn);

 private:
  void RunPostgres(const Params& params, const std::function<void(const Row&)>& fn);

  Session& s_;
  std::string sql_;
  void* stmt_ = nullptr;               // SQLite: sqlite3_stmt*
  std::vector<std::string> pg_names_;  // PostgreSQL: the parameter of each $n, in order
};

// Ids of a table's {{ID}} column for rows written by the caller (BulkInsert): on SQLite the
// ones after the table's largest (the writer alone writes), on PostgreSQL taken from the
// column's sequence a block at a time, as inserts without an id would take them.
class IdSource {
 public:
  IdSource(Session& s, std::string table);
  long long Next();
  // Takes ids now so that the next n Next() need no query (PostgreSQL; SQLite counts in
  // memory): for a caller that lends the session to another thread meanwhile.
  void Reserve(std::size_t n);

 private:
  Session& s_;
  std::string table_;
  long long next_ = 0;           // SQLite
  std::deque<long long> taken_;  // PostgreSQL
};

}  // namespace waishi::db
