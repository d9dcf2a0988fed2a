#include "core/db/cached.h"

#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <unordered_map>

namespace waishi::db {
namespace {

using PerSession = std::unordered_map<std::string, std::unique_ptr<CachedStatement>>;

struct Registry {
  std::shared_mutex mu;
  std::unordered_map<const soci::session*, std::unique_ptr<PerSession>> sessions;
};

Registry& TheRegistry() {
  static Registry registry;
  return registry;
}

}  // namespace

CachedStatement::CachedStatement(soci::session& s, const std::string& sql,
                                 const std::vector<std::pair<std::string, Param>>& params,
                                 bool returns_rows)
    : st_(s) {
  if (returns_rows) st_.exchange(soci::into(row_));
  for (const auto& [name, sample] : params) {
    if (std::holds_alternative<long long>(sample)) {
      ints_.push_back(0);
      slots_.emplace_back(false, ints_.size() - 1);
      st_.exchange(soci::use(ints_.back(), name));
    } else {
      texts_.emplace_back();
      slots_.emplace_back(true, texts_.size() - 1);
      st_.exchange(soci::use(texts_.back(), name));
    }
  }
  st_.alloc();
  st_.prepare(sql);
  st_.define_and_bind();
}

void CachedStatement::Bind(const std::vector<Param>& values) {
  if (values.size() != slots_.size())
    throw std::logic_error("cached statement: wrong number of values");
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const auto& [is_text, index] = slots_[i];
    if (is_text)
      texts_[index] = std::get<std::string>(values[i]);
    else
      ints_[index] = std::get<long long>(values[i]);
  }
}

std::size_t CachedStatement::Query(const std::vector<Param>& values,
                                   const std::function<void(const soci::row&)>& fn) {
  Bind(values);
  std::size_t n = 0;
  if (!st_.execute(true)) return 0;
  do {
    fn(row_);
    ++n;
  } while (st_.fetch());
  return n;
}

void CachedStatement::Exec(const std::vector<Param>& values) {
  Bind(values);
  st_.execute(true);
}

CachedStatement& Cached(soci::session& s, const std::string& sql,
                        const std::vector<std::pair<std::string, Param>>& params,
                        bool returns_rows) {
  Registry& reg = TheRegistry();
  PerSession* per_session = nullptr;
  {
    std::shared_lock lock(reg.mu);
    auto it = reg.sessions.find(&s);
    if (it != reg.sessions.end()) per_session = it->second.get();
  }
  if (!per_session) {
    std::unique_lock lock(reg.mu);
    auto& slot = reg.sessions[&s];
    if (!slot) slot = std::make_unique<PerSession>();
    per_session = slot.get();
  }
  // Only the thread holding the session gets here for it: no lock on its own map.
  auto& stmt = (*per_session)[sql];
  if (!stmt) stmt = std::make_unique<CachedStatement>(s, sql, params, returns_rows);
  return *stmt;
}

void ForgetCached(const soci::session* s) {
  Registry& reg = TheRegistry();
  std::unique_lock lock(reg.mu);
  reg.sessions.erase(s);
}

}  // namespace waishi::db
