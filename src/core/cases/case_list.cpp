// The case list: the owner's applications, the reviewers' and the desks' queues, with the
// filters, the search and the sort the API offers, and the modules' own filters.
#include <algorithm>

#include "core/audit/audit.h"
#include "core/calendar/working_days.h"
#include "core/cases/engine.h"
#include "core/cases/store.h"
#include "core/cases/visibility.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/i18n/utf8.h"
#include "core/search/search.h"

namespace waishi::cases {
namespace {

// Counting every match of a broad filter over a million cases costs more than the page
// itself: the count stops here and says so (the UI shows "10000+").
constexpr long long kCountCap = 10000;
// A search's count stops sooner: each match costs two random row reads (its entry's text,
// checked against the terms, and its case, checked against the reader's visibility), which
// at 1,000 matches was three quarters of a search's time; and nobody pages through ten pages
// of matches rather than adding a term.
constexpr long long kSearchCountCap = 200;

// [a, b, c] → the bound list ":st0, :st1, :st2".
std::string BoundList(const std::vector<std::string>& values, const std::string& prefix,
                      db::Params& binds) {
  std::string list;
  for (std::size_t n = 0; n < values.size(); ++n)
    list += (n ? ", " : "") + db::Bind(binds, prefix + std::to_string(n), values[n]);
  return list;
}

}  // namespace

Json Engine::List(const auth::Principal& who, const ListFilter& f, const http::Page& page) {
  db::Params binds;
  std::vector<const CaseType*> types = registry_.Types();
  if (!f.type.empty()) {
    std::erase_if(types, [&](const CaseType* t) { return t->type != f.type; });
  }
  const search::Query query = search::Query::Parse(f.q);
  // A search is led by the search index; SQLite's unary + keeps the type index out of it.
  const bool search_leads = !query.empty() && db_.dialect() == db::Dialect::kSqlite;
  // Whether the filters name no column but c.type and c.state: the total is then summed
  // from the per-type-and-state counters rather than counted over the matching cases.
  bool by_type_and_state = false;
  const std::string visible =
      VisibleCondition(who, types, binds, search_leads ? "+c.type" : "c.type", &by_type_and_state);
  if (visible.empty()) {
    Json empty = http::PageJson(Json::array(), 0, page);
    empty["total_capped"] = false;
    return empty;
  }
  std::string where = visible;
  if (!f.states.empty()) where += " AND c.state IN (" + BoundList(f.states, "st", binds) + ")";
  by_type_and_state =
      by_type_and_state && !f.org_id && f.month.empty() && f.assigned_to.empty() && !f.overdue &&
      query.empty() &&
      std::all_of(f.extra.begin(), f.extra.end(), [](const auto& e) { return e.second.empty(); });
  if (f.org_id) where += " AND c.org_id = " + db::Bind(binds, "org", *f.org_id);
  if (!f.month.empty())
    where += " AND substr(c.submitted_at, 1, 7) = " + db::Bind(binds, "month", f.month);
  for (const auto& filter : registry_.ListFilters()) {
    auto value = f.extra.find(filter.name);
    if (value == f.extra.end() || value->second.empty()) continue;
    where += " AND " + filter.condition(value->second, binds, db_.dialect());
  }
  if (!f.assigned_to.empty()) {
    if (f.assigned_to == "me") {
      where += " AND c.assigned_to = " + db::Bind(binds, "asg", who.user_id);
    } else if (f.assigned_to == "none") {
      where += " AND c.assigned_to IS NULL";
    } else {
      long long uid = 0;
      try {
        uid = std::stoll(f.assigned_to);
      } catch (const std::exception&) {
        throw ApiError::InvalidQuery("assigned_to", "type", i18n::T("validation.type.integer"));
      }
      where += " AND c.assigned_to = " + db::Bind(binds, "asg", uid);
    }
  }
  if (f.overdue) {
    // due_date is the running deadline's: NULL when none runs in the case's state.
    where +=
        " AND c.due_date < " + db::Bind(binds, "today", calendar::Date::TodayInChina().ToString());
  }
  std::string order;
  if (f.sort == "due")
    order = " ORDER BY CASE WHEN c.due_date IS NULL THEN 1 ELSE 0 END, c.due_date, c.id";
  else if (f.sort == "-updated")
    order = " ORDER BY c.updated_at DESC, c.id DESC";
  else if (f.sort == "updated")
    order = " ORDER BY c.updated_at, c.id";

  // One page of cases: SELECT … `from` WHERE `cond` `sort` LIMIT/OFFSET, decorated.
  const std::string today = calendar::Date::TodayInChina().ToString();
  auto read_page = [&](db::Session& s, const std::string& from, const std::string& cond,
                       const std::string& sort, const db::Params& params, long long limit,
                       long long offset, Json& items) {
    s.Query("SELECT " + store::Columns(false) + " " + from + " WHERE " + cond + " " + sort +
                " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset),
            params, [&](const db::Row& r) {
              const store::Row row = store::Read(r, store::Data::kNone);
              const CaseType* type = registry_.FindType(row.rec.type);
              if (!type) return;
              items.push_back(
                  store::ToJson(*type, row, false, AllowedActions(who, *type, row.rec), today));
            });
  };
  auto count = [](db::Session& s, const std::string& from, const std::string& cond,
                  const db::Params& params, long long cap) {
    return s
        .Int("SELECT COUNT(*) FROM (SELECT 1 " + from + " WHERE " + cond + " LIMIT " +
                 std::to_string(cap + 1) + ") m",
             params)
        .value_or(0);
  };

  Json result = db_.Read([&](db::Session& s) {
    Json items = Json::array();
    long long counted = 0, cap = kCountCap;
    if (query.empty()) {
      // Keyset paging when the order is by id (the default) and the caller (an export) gave
      // the previous page's last id: the same page as the OFFSET's, without the rows before.
      db::Params page_binds = binds;
      std::string page_where = where;
      long long offset = page.Offset();
      if (page.below_id > 0 && order.empty()) {
        page_where += " AND c.id < " + db::Bind(page_binds, "below", page.below_id);
        offset = 0;
      }
      counted =
          by_type_and_state
              ? s.Int("SELECT CAST(SUM(c.n) AS BIGINT) FROM case_counts c WHERE " + where, binds)
                    .value_or(0)
              : count(s, "FROM cases c", where, binds, cap);
      read_page(s, store::kFrom, page_where, order.empty() ? " ORDER BY c.id DESC" : order,
                page_binds, page.size, offset, items);
    } else {
      cap = kSearchCountCap;
      // Led by the index, tier by tier: an identifier starting with the query; else every
      // term in the names and numbers, then in the rest. An explicit sort takes all at once.
      auto tier_sql = [&](search::Tier tier, db::Params& params) {
        const search::Match m = search::MatchOf(db_.dialect(), kSearchKind, query, tier, params);
        return std::tuple{m.from + " JOIN cases c ON c.id = " + m.record, m.where + " AND " + where,
                          order.empty() ? m.order : order};
      };
      std::vector<search::Tier> tiers;
      if (query.identifier) {
        db::Params params = binds;
        const auto [from, cond, sort] = tier_sql(search::Tier::kIdentifier, params);
        counted = count(s, from, cond, params, cap);
        if (counted > 0) tiers = {search::Tier::kIdentifier};
      }
      if (tiers.empty()) {
        db::Params params = binds;
        const auto [from, cond, sort] = tier_sql(search::Tier::kAny, params);
        counted = count(s, from, cond, params, cap);
        tiers = order.empty() ? std::vector{search::Tier::kHeading, search::Tier::kBodyOnly}
                              : std::vector{search::Tier::kAny};
      }
      long long offset = page.Offset(), wanted = page.size;
      for (std::size_t i = 0; i < tiers.size() && wanted > 0 && counted > 0; ++i) {
        db::Params params = binds;
        const auto [from, cond, sort] = tier_sql(tiers[i], params);
        const std::size_t before = items.size();
        read_page(s, from + " " + store::kJoins, cond, sort, params, wanted, offset, items);
        const auto got = static_cast<long long>(items.size() - before);
        wanted -= got;
        // The next tier starts where this one ends: at its first row if this page reached
        // this tier's end, else after the rows of the offset this tier did not have.
        if (i + 1 < tiers.size())
          offset = got > 0 ? 0 : offset - count(s, from, cond, params, offset - 1);
      }
    }
    // Each module decorates its own cases, once per page.
    for (const CaseType* type : types) {
      const auto& decorate = registry_.HooksOf(type->type).decorate;
      if (!decorate) continue;
      Json mine = Json::array();
      std::vector<std::size_t> at;
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i]["type"] == type->type) {
          mine.push_back(std::move(items[i]));
          at.push_back(i);
        }
      }
      if (mine.empty()) continue;
      decorate(s, mine);
      for (std::size_t i = 0; i < at.size(); ++i) items[at[i]] = std::move(mine[i]);
    }
    Json page_json = http::PageJson(std::move(items), std::min(counted, cap), page);
    page_json["total_capped"] = counted > cap;
    return page_json;
  });
  // A search looks for people by name or number: who searched for what is recorded.
  if (!query.empty()) {
    const std::string q(i18n::Trim(f.q));
    audit::AppendDetached(
        db_, audit::By(who, "case.search", "case", "", {{"q", q}, {"total", result["total"]}}));
  }
  return result;
}

}  // namespace waishi::cases
