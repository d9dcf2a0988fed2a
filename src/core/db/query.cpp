#include "core/db/query.h"

#include "core/db/row.h"

namespace waishi::db {

std::string Binds::Text(std::string name, std::string value) {
  texts_.push_back(std::move(value));
  order_.emplace_back(name, false);
  return ":" + name;
}

std::string Binds::Int(std::string name, long long value) {
  ints_.push_back(value);
  order_.emplace_back(name, true);
  return ":" + name;
}

void Binds::Apply(soci::statement& st) const {
  std::size_t t = 0, i = 0;
  for (const auto& [name, is_int] : order_) {
    // soci::use takes a non-const reference but only reads it for input binds.
    if (is_int)
      st.exchange(soci::use(const_cast<long long&>(ints_[i++]), name));
    else
      st.exchange(soci::use(const_cast<std::string&>(texts_[t++]), name));
  }
}

void ForEachRow(soci::session& s, const std::string& sql, const Binds& binds,
                const std::function<void(const soci::row&)>& fn) {
  soci::row r;
  soci::statement st(s);
  st.exchange(soci::into(r));
  binds.Apply(st);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  if (!st.execute(true)) return;
  do {
    fn(r);
  } while (st.fetch());
}

long long Count(soci::session& s, const std::string& sql, const Binds& binds) {
  long long n = 0;
  ForEachRow(s, sql, binds, [&n](const soci::row& r) { n = Int(r, 0); });
  return n;
}

}  // namespace waishi::db
