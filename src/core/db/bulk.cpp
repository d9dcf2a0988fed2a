#include "core/db/bulk.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace waishi::db {
namespace {

namespace sq = sqlite_api;

// The types FastQuery reads from PostgreSQL's binary results (pg_type.dat's OIDs).
constexpr Oid kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kTextOid = 25, kFloat4Oid = 700,
              kFloat8Oid = 701, kBpcharOid = 1042, kVarcharOid = 1043, kByteaOid = 17;

void PgExpect(const PGresult* r, int column, std::initializer_list<Oid> types) {
  if (std::find(types.begin(), types.end(), PQftype(r, column)) == types.end())
    throw std::logic_error("query: column " + std::to_string(column) + " has type OID " +
                           std::to_string(PQftype(r, column)) + ", which FastQuery doesn't read");
}

// A binary integer or float: network byte order, as wide as its type.
std::uint64_t BigEndian(const char* bytes, int size) {
  std::uint64_t v = 0;
  for (int k = 0; k < size; ++k) v = (v << 8) | static_cast<unsigned char>(bytes[k]);
  return v;
}

long long PgInt(const PGresult* r, int row, int column) {
  if (PQgetisnull(r, row, column)) return 0;
  const char* bytes = PQgetvalue(r, row, column);
  switch (PQftype(r, column)) {
    case kInt8Oid:
      return static_cast<long long>(BigEndian(bytes, 8));
    case kInt4Oid:
      return static_cast<std::int32_t>(BigEndian(bytes, 4));
    case kInt2Oid:
      return static_cast<std::int16_t>(BigEndian(bytes, 2));
  }
  PgExpect(r, column, {kInt8Oid, kInt4Oid, kInt2Oid});
  return 0;
}

double PgReal(const PGresult* r, int row, int column) {
  if (PQgetisnull(r, row, column)) return 0;
  const char* bytes = PQgetvalue(r, row, column);
  switch (PQftype(r, column)) {
    case kFloat8Oid:
      return std::bit_cast<double>(BigEndian(bytes, 8));
    case kFloat4Oid:
      return std::bit_cast<float>(static_cast<std::uint32_t>(BigEndian(bytes, 4)));
  }
  return static_cast<double>(PgInt(r, row, column));
}

// The query with its ":name" parameters numbered "$1", "$2" … for libpq, each name's number
// its first place; `names` gets the names in that order. Quoted text and "::" casts are left
// alone.
std::string Numbered(const std::string& sql, std::vector<std::string>& names) {
  std::string out;
  // Each name's number, found without a search through the names: a query over a grid's
  // cells names thousands.
  std::unordered_map<std::string, std::size_t> numbers;
  for (std::size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    if (c == '\'') {
      const std::size_t end = sql.find('\'', i + 1);
      const std::size_t stop = end == std::string::npos ? sql.size() : end + 1;
      out.append(sql, i, stop - i);
      i = stop;
    } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      out += "::";
      i += 2;
    } else if (c == ':' && i + 1 < sql.size() &&
               (std::isalpha(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_')) {
      std::size_t end = i + 1;
      while (end < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_'))
        ++end;
      const std::string name = sql.substr(i + 1, end - i - 1);
      const auto [at, added] = numbers.try_emplace(name, names.size() + 1);
      if (added) names.push_back(name);
      out += "$" + std::to_string(at->second);
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string ColumnList(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

// COPY's text format: tab-separated, \N for NULL, backslash escapes for what would end a field.
void AppendCopyText(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

template <class N>
void AppendNumber(std::string& out, N v) {
  char buffer[32];
  // The shortest text that reads back as the same double: what is stored is what was given.
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  if (ec != std::errc()) throw std::logic_error("a number that does not fit 32 characters");
  out.append(buffer, end);
}

}  // namespace

BulkInsert::BulkInsert(Session& s, std::string table, std::vector<std::string> columns)
    : s_(s), table_(std::move(table)), columns_(std::move(columns)) {}

void BulkInsert::Flush() {
  if (cells_.empty()) return;
  if (s_.dialect() == Dialect::kSqlite) {
    FlushSqlite();
  } else {
    FlushPostgres();
  }
  cells_.clear();
  text_.clear();
}

void BulkInsert::FlushSqlite() {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(s_.connection_->get_backend());
  sq::sqlite3* db = backend->conn_;
  const std::size_t width = columns_.size();
  const std::size_t rows = cells_.size() / width;
  // Many rows a statement: its steps keep one cursor on the table, so that rows in the table's
  // order are appended where the previous one went instead of each searched for from the root,
  // and the statement's own cost is shared.
  const int parameters = sq::sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, -1);
  const std::size_t per_statement = std::max<std::size_t>(
      1, std::min<std::size_t>(kRowsPerStatement, static_cast<std::size_t>(parameters) / width));
  using Statement = std::unique_ptr<sq::sqlite3_stmt, int (*)(sq::sqlite3_stmt*)>;
  auto prepare = [&](std::size_t n) {
    std::string sql = "INSERT INTO " + table_ + " (" + ColumnList(columns_) + ") VALUES ";
    std::string row = "(";
    for (std::size_t i = 0; i < width; ++i) row += i ? ", ?" : "?";
    row += ")";
    for (std::size_t r = 0; r < n; ++r) (sql += r ? ", " : "") += row;
    sq::sqlite3_stmt* raw = nullptr;
    if (sq::sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("bulk insert: ") + sq::sqlite3_errmsg(db));
    return Statement(raw, sq::sqlite3_finalize);
  };
  // One statement for the full runs of rows, another for the shorter last one.
  Statement statement(nullptr, sq::sqlite3_finalize);
  std::size_t prepared_for = 0;
  for (std::size_t first = 0; first < rows; first += per_statement) {
    const std::size_t n = std::min(per_statement, rows - first);
    if (n != prepared_for) {
      statement = prepare(n);
      prepared_for = n;
    }
    sq::sqlite3_stmt* st = statement.get();
    const Cell* cells = cells_.data() + first * width;
    for (std::size_t i = 0; i < n * width; ++i) {
      const int at = static_cast<int>(i) + 1;
      const Cell& c = cells[i];
      if (const auto* v = std::get_if<long long>(&c)) {
        sq::sqlite3_bind_int64(st, at, *v);
      } else if (const auto* d = std::get_if<double>(&c)) {
        sq::sqlite3_bind_double(st, at, *d);
      } else if (const auto* t = std::get_if<Text>(&c)) {
        sq::sqlite3_bind_text(st, at, text_.data() + t->at, static_cast<int>(t->size),
                              SQLITE_STATIC);
      } else {
        sq::sqlite3_bind_null(st, at);
      }
    }
    if (sq::sqlite3_step(st) != SQLITE_DONE)
      throw std::runtime_error("bulk insert into " + table_ + ": " + sq::sqlite3_errmsg(db));
    sq::sqlite3_reset(st);
  }
}

void BulkInsert::FlushPostgres() {
  auto* backend = static_cast<soci::postgresql_session_backend*>(s_.connection_->get_backend());
  PGconn* conn = backend->conn_;
  const std::string sql = "COPY " + table_ + " (" + ColumnList(columns_) + ") FROM STDIN";
  const auto fail = [&](const std::string& what) {
    throw std::runtime_error("bulk insert into " + table_ + ": " + what + ": " +
                             PQerrorMessage(conn));
  };
  {
    const std::unique_ptr<PGresult, void (*)(PGresult*)> started(PQexec(conn, sql.c_str()),
                                                                 PQclear);
    if (PQresultStatus(started.get()) != PGRES_COPY_IN) fail("COPY did not start");
  }
  std::string text;
  const std::size_t width = columns_.size();
  auto send = [&] {
    if (PQputCopyData(conn, text.data(), static_cast<int>(text.size())) != 1) fail("COPY data");
    text.clear();
  };
  // Whatever stops the rows halfway ends the COPY first: a connection left in COPY would
  // refuse the transaction's ROLLBACK and every statement after it.
  struct Abort {
    PGconn* conn;
    bool armed = true;
    ~Abort() {
      if (!armed) return;
      PQputCopyEnd(conn, "aborted");
      while (PGresult* r = PQgetResult(conn)) PQclear(r);
    }
  } abort{conn};
  for (std::size_t row = 0; row < cells_.size(); row += width) {
    for (std::size_t i = 0; i < width; ++i) {
      if (i) text += '\t';
      const Cell& c = cells_[row + i];
      if (const auto* n = std::get_if<long long>(&c)) {
        AppendNumber(text, *n);
      } else if (const auto* d = std::get_if<double>(&c)) {
        AppendNumber(text, *d);
      } else if (const auto* t = std::get_if<Text>(&c)) {
        AppendCopyText(text, TextOf(*t));
      } else {
        text += "\\N";
      }
    }
    text += '\n';
    if (text.size() > (1 << 20)) send();
  }
  if (!text.empty()) send();
  abort.armed = false;
  if (PQputCopyEnd(conn, nullptr) != 1) fail("COPY end");
  bool ok = true;
  std::string error;
  while (PGresult* r = PQgetResult(conn)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      ok = false;
      error = PQresultErrorMessage(r);
    }
    PQclear(r);
  }
  if (!ok) throw std::runtime_error("bulk insert into " + table_ + ": " + error);
}

FastQuery::FastQuery(Session& s, std::string sql) : s_(s), sql_(std::move(sql)) {
  if (s_.dialect() != Dialect::kSqlite) {
    sql_ = Numbered(sql_, pg_names_);
    return;
  }
  auto* backend = static_cast<soci::sqlite3_session_backend*>(s_.connection_->get_backend());
  sq::sqlite3_stmt* raw = nullptr;
  if (sq::sqlite3_prepare_v2(backend->conn_, sql_.c_str(), -1, &raw, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("query: ") + sq::sqlite3_errmsg(backend->conn_));
  stmt_ = raw;
}

FastQuery::~FastQuery() {
  if (stmt_) sq::sqlite3_finalize(static_cast<sq::sqlite3_stmt*>(stmt_));
}

void FastQuery::Run(const Params& params, const std::function<void(const Row&)>& fn) {
  if (!stmt_) return RunPostgres(params, fn);
  auto* st = static_cast<sq::sqlite3_stmt*>(stmt_);
  sq::sqlite3_reset(st);
  // Every parameter given, and no other (SQLite would read a missing one as NULL where
  // PostgreSQL refuses the statement); nothing left bound from the previous run.
  sq::sqlite3_clear_bindings(st);
  if (static_cast<int>(params.size()) != sq::sqlite3_bind_parameter_count(st))
    throw std::logic_error("query: " + std::to_string(params.size()) + " parameters for " +
                           std::to_string(sq::sqlite3_bind_parameter_count(st)));
  // Each name looked up by SQLite itself: a walk through the statement's few parameters, for a
  // query run once per cell of a grid (a map built at every run would cost more).
  for (const Param& p : params) {
    const int at = sq::sqlite3_bind_parameter_index(st, (":" + p.name).c_str());
    if (at == 0) throw std::logic_error("query: no parameter :" + p.name);
    const auto& v = p.value.get();
    if (const auto* n = std::get_if<long long>(&v)) {
      sq::sqlite3_bind_int64(st, at, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      sq::sqlite3_bind_double(st, at, *d);
    } else if (const auto* t = std::get_if<std::string>(&v)) {
      sq::sqlite3_bind_text(st, at, t->data(), static_cast<int>(t->size()), SQLITE_STATIC);
    } else {
      sq::sqlite3_bind_null(st, at);
    }
  }
  Row row;
  row.sqlite_ = st;
  int rc;
  while ((rc = sq::sqlite3_step(st)) == SQLITE_ROW) fn(row);
  if (rc != SQLITE_DONE) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(s_.connection_->get_backend());
    throw std::runtime_error(std::string("query: ") + sq::sqlite3_errmsg(backend->conn_));
  }
  sq::sqlite3_reset(st);
}

void FastQuery::RunPostgres(const Params& params, const std::function<void(const Row&)>& fn) {
  // Every parameter the query names, and no other, as Session requires.
  if (params.size() != pg_names_.size())
    throw std::logic_error("query: " + std::to_string(params.size()) + " parameters for " +
                           std::to_string(pg_names_.size()));
  std::vector<std::string> texts(pg_names_.size());
  std::vector<const char*> values(pg_names_.size(), nullptr);
  // The values by name (the first of a name given twice), found without a search through them:
  // the query over a grid's cells names thousands.
  std::unordered_map<std::string_view, const Param*> given;
  given.reserve(params.size());
  for (const Param& p : params) given.emplace(p.name, &p);
  for (std::size_t n = 0; n < pg_names_.size(); ++n) {
    const auto p = given.find(pg_names_[n]);
    if (p == given.end()) throw std::logic_error("query: no parameter :" + pg_names_[n]);
    const auto& v = p->second->value.get();
    if (const auto* i = std::get_if<long long>(&v)) {
      texts[n] = std::to_string(*i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      char buf[32];
      const auto end = std::to_chars(buf, buf + sizeof buf, *d).ptr;  // shortest exact form
      texts[n].assign(buf, end);
    } else if (const auto* t = std::get_if<std::string>(&v)) {
      texts[n] = *t;
    } else {
      continue;  // NULL
    }
    values[n] = texts[n].c_str();
  }
  auto* backend = static_cast<soci::postgresql_session_backend*>(s_.connection_->get_backend());
  const std::unique_ptr<PGresult, void (*)(PGresult*)> result(
      PQexecParams(backend->conn_, sql_.c_str(), static_cast<int>(values.size()), nullptr,
                   values.data(), nullptr, nullptr, /*binary results*/ 1),
      PQclear);
  if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK)
    throw std::runtime_error(std::string("query: ") + PQerrorMessage(backend->conn_));
  Row row;
  row.pg_ = result.get();
  const int rows = PQntuples(result.get());
  for (row.pg_row_ = 0; row.pg_row_ < rows; ++row.pg_row_) fn(row);
}

long long FastQuery::Row::Int(int i) const {
  if (pg_) return PgInt(static_cast<const PGresult*>(pg_), pg_row_, i);
  return sq::sqlite3_column_int64(static_cast<sq::sqlite3_stmt*>(sqlite_), i);
}

double FastQuery::Row::Real(int i) const {
  if (pg_) return PgReal(static_cast<const PGresult*>(pg_), pg_row_, i);
  return sq::sqlite3_column_double(static_cast<sq::sqlite3_stmt*>(sqlite_), i);
}

std::string FastQuery::Row::Text(int i) const {
  if (pg_) {
    const auto* r = static_cast<const PGresult*>(pg_);
    if (PQgetisnull(r, pg_row_, i)) return {};
    PgExpect(r, i, {kTextOid, kVarcharOid, kBpcharOid});
    return std::string(PQgetvalue(r, pg_row_, i),
                       static_cast<std::size_t>(PQgetlength(r, pg_row_, i)));
  }
  auto* st = static_cast<sq::sqlite3_stmt*>(sqlite_);
  const auto* text = sq::sqlite3_column_text(st, i);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sq::sqlite3_column_bytes(st, i)))
              : std::string();
}

std::string_view FastQuery::Row::Blob(int i) const {
  if (pg_) {
    const auto* r = static_cast<const PGresult*>(pg_);
    if (PQgetisnull(r, pg_row_, i)) return {};
    PgExpect(r, i, {kByteaOid});
    return {PQgetvalue(r, pg_row_, i), static_cast<std::size_t>(PQgetlength(r, pg_row_, i))};
  }
  auto* st = static_cast<sq::sqlite3_stmt*>(sqlite_);
  const void* bytes = sq::sqlite3_column_blob(st, i);
  return bytes ? std::string_view(static_cast<const char*>(bytes),
                                  static_cast<std::size_t>(sq::sqlite3_column_bytes(st, i)))
               : std::string_view();
}

std::optional<long long> FastQuery::Row::OptInt(int i) const {
  if (pg_) {
    if (PQgetisnull(static_cast<const PGresult*>(pg_), pg_row_, i)) return std::nullopt;
    return Int(i);
  }
  auto* st = static_cast<sq::sqlite3_stmt*>(sqlite_);
  if (sq::sqlite3_column_type(st, i) == SQLITE_NULL) return std::nullopt;
  return sq::sqlite3_column_int64(st, i);
}

std::optional<std::string> FastQuery::Row::OptText(int i) const {
  if (pg_) {
    if (PQgetisnull(static_cast<const PGresult*>(pg_), pg_row_, i)) return std::nullopt;
    return Text(i);
  }
  if (sq::sqlite3_column_type(static_cast<sq::sqlite3_stmt*>(sqlite_), i) == SQLITE_NULL)
    return std::nullopt;
  return Text(i);
}

IdSource::IdSource(Session& s, std::string table) : s_(s), table_(std::move(table)) {
  if (s_.dialect() == Dialect::kSqlite)
    next_ = s_.Int("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table_).value_or(1);
}

long long IdSource::Next() {
  if (s_.dialect() == Dialect::kSqlite) return next_++;
  if (taken_.empty()) Reserve(1);
  const long long id = taken_.front();
  taken_.pop_front();
  return id;
}

void IdSource::Reserve(std::size_t n) {
  if (s_.dialect() == Dialect::kSqlite || taken_.size() >= n) return;
  // 10,000 at least: a query for each id would cost more than the ids left unused.
  const auto more = static_cast<long long>(std::max<std::size_t>(n - taken_.size(), 10'000));
  s_.Query("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)",
           {{"t", table_}, {"n", more}}, [&](const Row& r) { taken_.push_back(Int(r, 0)); });
}

}  // namespace waishi::db
