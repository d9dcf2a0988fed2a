#include "core/db/session.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <deque>
#include <stdexcept>

namespace waishi::db {
namespace {

// A connection keeps at most this many statements; SQL put together from filters can
// have many shapes, and the rarely used ones are prepared again when they come back.
constexpr std::size_t kMaxStatements = 256;

enum Kind : std::size_t { kNull = 0, kInteger = 1, kReal = 2, kText = 3 };

}  // namespace

// SOCI's message ends with the statement and every bound value ("… with :u="张三""): the
// values are people's data and must not reach a log. The engine's own message and the SQL
// text (fixed, value-free) are kept.
Error::Error(const soci::soci_error& e, std::string_view sql)
    : std::runtime_error("database: " + e.get_error_message() + " [" +
                         std::string(sql.substr(0, 200)) + "]") {}

std::string Bind(Params& params, std::string name, Value value) {
  std::string placeholder = ":" + name;
  params.push_back(Param{std::move(name), std::move(value)});
  return placeholder;
}

// One prepared statement with its parameter slots and its output row. The slots keep the
// kind each parameter had when it was prepared (NULL binds as text); a later run whose
// values have other kinds prepares the statement again.
class Session::Statement {
 public:
  Statement(soci::session& s, std::string_view sql, const Params& params, bool returns_rows)
      : st_(s), returns_rows_(returns_rows) {
    if (returns_rows) st_.exchange(soci::into(row_));
    for (const Param& p : params) {
      Slot& slot = slots_.emplace_back();
      slot.name = p.name;
      slot.kind = p.value.kind() == kNull ? kText : p.value.kind();
      switch (slot.kind) {
        case kInteger:
          st_.exchange(soci::use(slot.integer, slot.indicator, slot.name));
          break;
        case kReal:
          st_.exchange(soci::use(slot.real, slot.indicator, slot.name));
          break;
        default:
          st_.exchange(soci::use(slot.text, slot.indicator, slot.name));
      }
    }
    st_.alloc();
    st_.prepare(std::string(sql));
    st_.define_and_bind();
  }

  bool Fits(const Params& params, bool returns_rows) const {
    if (returns_rows != returns_rows_ || params.size() != slots_.size()) return false;
    for (std::size_t i = 0; i < params.size(); ++i) {
      const std::size_t kind = params[i].value.kind();
      if (params[i].name != slots_[i].name || (kind != kNull && kind != slots_[i].kind))
        return false;
    }
    return true;
  }

  std::size_t Run(const Params& params, const RowFn* fn) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      Slot& slot = slots_[i];
      const auto& v = params[i].value.get();
      slot.indicator = params[i].value.kind() == kNull ? soci::i_null : soci::i_ok;
      if (const auto* n = std::get_if<long long>(&v)) slot.integer = *n;
      if (const auto* d = std::get_if<double>(&v)) slot.real = *d;
      if (const auto* t = std::get_if<std::string>(&v)) slot.text = *t;
    }
    busy = true;
    struct Idle {
      bool& busy;
      ~Idle() { busy = false; }
    } idle{busy};
    if (!st_.execute(true) || !fn) return 0;
    std::size_t n = 0;
    do {
      (*fn)(row_);
      ++n;
    } while (st_.fetch());
    return n;
  }

  long long affected_rows() { return st_.get_affected_rows(); }

  bool busy = false;

 private:
  struct Slot {
    std::string name;
    std::size_t kind = kText;
    long long integer = 0;
    double real = 0;
    std::string text;
    soci::indicator indicator = soci::i_ok;
  };

  soci::statement st_;
  bool returns_rows_;
  Row row_;
  std::deque<Slot> slots_;  // a deque: soci keeps the addresses bound above
};

Session::Session(std::unique_ptr<soci::session> connection, Dialect dialect)
    : connection_(std::move(connection)), dialect_(dialect) {}

Session::~Session() = default;

bool Session::Broken() const {
  if (dialect_ != Dialect::kPostgres) return false;
  auto* backend = static_cast<soci::postgresql_session_backend*>(connection_->get_backend());
  return backend == nullptr || PQstatus(backend->conn_) == CONNECTION_BAD;
}

Session::Statement& Session::Prepared(std::string_view sql, const Params& params,
                                      bool returns_rows) {
  const auto it = statements_.find(sql);
  if (it != statements_.end() && !it->second->busy && it->second->Fits(params, returns_rows))
    return *it->second;
  // The same statement runs again from inside its own row function: a second copy, kept
  // under a key no SQL text has.
  std::string key(sql);
  if (it != statements_.end() && it->second->busy) key += '\0' + std::to_string(++nested_);
  if (statements_.size() >= kMaxStatements) {
    std::erase_if(statements_, [](const auto& entry) { return !entry.second->busy; });
  }
  // Prepared before it is kept: a statement the database refused (or a connection that failed
  // meanwhile) leaves no empty entry behind for the next caller to trip on.
  auto made = std::make_unique<Statement>(*connection_, sql, params, returns_rows);
  auto& slot = statements_[std::move(key)];
  slot = std::move(made);
  return *slot;
}

std::size_t Session::Query(std::string_view sql, const Params& params, const RowFn& fn) {
  Statement& st = Prepared(sql, params, true);
  try {
    return st.Run(params, &fn);
  } catch (const soci::soci_error& e) {
    Drop(st);
    throw Error(e, sql);
  } catch (...) {
    Drop(st);  // stopped halfway, it may still hold a read snapshot
    throw;
  }
}

std::optional<long long> Session::Int(std::string_view sql, const Params& params) {
  std::optional<long long> out;
  bool first = true;
  Query(sql, params, [&](const Row& r) {
    if (first && r.get_indicator(0) != soci::i_null) out = db::Int(r, 0);
    first = false;
  });
  return out;
}

std::optional<std::string> Session::Text(std::string_view sql, const Params& params) {
  std::optional<std::string> out;
  bool first = true;
  Query(sql, params, [&](const Row& r) {
    if (first) out = db::OptText(r, 0);
    first = false;
  });
  return out;
}

long long Session::Exec(std::string_view sql, const Params& params) {
  Statement& st = Prepared(sql, params, false);
  try {
    st.Run(params, nullptr);
    return st.affected_rows();
  } catch (const soci::soci_error& e) {
    Drop(st);
    throw Error(e, sql);
  } catch (...) {
    Drop(st);
    throw;
  }
}

long long Session::Insert(std::string_view sql, const Params& params) {
  if (dialect_ == Dialect::kPostgres) {
    const std::string returning = std::string(sql) + " RETURNING id";
    const auto id = Int(returning, params);
    if (!id) throw std::logic_error("an INSERT … RETURNING id returned no id");
    return *id;
  }
  Exec(sql, params);
  long long id = 0;
  connection_->get_last_insert_id("", id);
  return id;
}

void Session::Drop(const Statement& st) {
  std::erase_if(statements_, [&st](const auto& entry) { return entry.second.get() == &st; });
}

bool Session::RowOnce(const std::string& sql, const RowFn& fn) {
  soci::row row;
  try {
    *connection_ << sql, soci::into(row);
  } catch (const soci::soci_error& e) {
    throw Error(e, sql);
  }
  if (!connection_->got_data()) return false;
  fn(row);
  return true;
}

void Session::Run(const std::string& sql) {
  try {
    *connection_ << sql;
  } catch (const soci::soci_error& e) {
    throw Error(e, sql);
  }
}

}  // namespace waishi::db
