#include "core/audit/audit.h"

#include <charconv>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "core/audit/anchor.h"
#include "core/audit/key.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/auth/password.h"
#include "core/calendar/working_days.h"
#include "core/clock.h"
#include "core/db/bulk.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/http/params.h"
#include "core/metrics/metrics.h"

namespace waishi::audit {
namespace {

constexpr const char* kHead = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1";

constexpr const char* kInsert = R"(
  INSERT INTO audit_log (at, user_id, username, ip, action, object_type, object_id, detail,
                         prev_hash, hash)
  VALUES (:at, :uid, :un, :ip, :ac, :ot, :oi, :de, :pr, :ha))";

constexpr const char* kChain = R"(
  SELECT id, at, user_id, username, ip, action, object_type, object_id, detail, prev_hash, hash
  FROM audit_log ORDER BY id)";

constexpr std::string_view kGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// What the MAC covers, fields separated by a unit separator so no field can bleed into
// the next one.
std::string MacOf(const Key& key, const std::string& prev, const std::string& at, long long user_id,
                  const std::string& username, const std::string& ip, const std::string& action,
                  const std::string& object_type, const std::string& object_id,
                  const std::string& detail) {
  std::string material = prev;
  for (const std::string* field :
       {&at, &username, &ip, &action, &object_type, &object_id, &detail}) {
    material.push_back('\x1f');
    material += *field;
  }
  material.push_back('\x1f');
  material += std::to_string(user_id);
  return key.Mac(material);
}

}  // namespace

Entry By(const auth::Principal& who, std::string action, std::string object_type,
         std::string object_id, Json detail) {
  return Entry{who.user_id,       who.username,           who.ip,
               std::move(action), std::move(object_type), std::move(object_id),
               std::move(detail)};
}

namespace {

// What an entry stores beside its own fields: its time, its detail as text, and its MAC
// after the entry whose hash is `prev`.
struct Sealed {
  std::string at, detail, prev, hash;
};
Sealed Seal(const Key& key, std::string prev, const Entry& e) {
  const bool dated = e.at != std::chrono::system_clock::time_point{};
  Sealed s{clock::ToIso(dated ? e.at : clock::Now()), e.detail.dump(), std::move(prev), {}};
  s.hash = MacOf(key, s.prev, s.at, e.user_id, e.username, e.ip, e.action, e.object_type,
                 e.object_id, s.detail);
  return s;
}

std::string Head(db::Session& tx) {
  std::string head(kGenesis);
  tx.RowOnce(kHead, [&](const db::Row& r) { head = db::Text(r, 0); });
  return head;
}

// The entries AppendDetached() queued and not yet handed to the writer, per database. A job
// is queued for the writer when the list of its database goes from empty to not empty; it
// takes the whole list and, once they are appended, gives the list back emptied as the next
// one to fill: the readers append into memory already in use instead of fresh pages (whose
// first touch showed in the case read's profile) and never wait while a list grows.
struct Pending {
  struct Lists {
    std::vector<Entry> filling;
    std::vector<Entry> spare;
  };
  std::mutex mu;
  std::map<const db::Database*, Lists> lists;
};
Pending& Queued() {
  static Pending pending;
  return pending;
}

}  // namespace

void Append(db::Session& tx, const Entry& e) {
  Sealed s = Seal(KeyInUse(), Head(tx), e);
  tx.Exec(kInsert, {{"at", std::move(s.at)},
                    {"uid", e.user_id},
                    {"un", e.username},
                    {"ip", e.ip},
                    {"ac", e.action},
                    {"ot", e.object_type},
                    {"oi", e.object_id},
                    {"de", std::move(s.detail)},
                    {"pr", std::move(s.prev)},
                    {"ha", std::move(s.hash)}});
}

void Append(db::Session& tx, const std::vector<Entry>& entries) {
  if (entries.size() <= 1) {
    if (!entries.empty()) Append(tx, entries.front());
    return;
  }
  // Written together: on PostgreSQL one COPY instead of a round trip an entry (the reads a busy
  // server audits come in batches of hundreds). Their ids are drawn in the rows' order, the
  // chain's.
  db::BulkInsert rows(tx, "audit_log",
                      {"at", "user_id", "username", "ip", "action", "object_type", "object_id",
                       "detail", "prev_hash", "hash"});
  const Key& key = KeyInUse();
  std::string prev = Head(tx);
  for (const Entry& e : entries) {
    Sealed s = Seal(key, std::move(prev), e);
    rows.Add(s.at, e.user_id, e.username, e.ip, e.action, e.object_type, e.object_id, s.detail,
             s.prev, s.hash);
    prev = std::move(s.hash);
  }
  rows.Flush();
}

void AppendDetached(db::Database& db, Entry entry) {
  Pending& pending = Queued();
  for (;;) {
    std::size_t waiting = 0;
    {
      std::lock_guard lock(pending.mu);
      std::vector<Entry>& list = pending.lists[&db].filling;
      if (list.size() < kMaxDetached) {
        // Dated under the lock: the chain's order is the queue's, and so are the reads' times.
        if (entry.at == std::chrono::system_clock::time_point{}) entry.at = clock::Now();
        list.push_back(std::move(entry));
        metrics::Default().audit_detached_depth.Add(1);
        waiting = list.size();
      }
    }
    if (waiting == 1) break;  // the first: a job must be queued to take the list
    // Enough for a commit: the writer need not gather more (its queued job takes them all).
    if (waiting == kHurryDetached) db.Hurry();
    if (waiting > 0) return;  // a job is queued already and will take this one too
    // The writer is behind: its next commit takes the list (its job is queued before this one).
    // Never reached from inside a write job: the writer would wait for itself.
    db.Flush();
  }
  auto take = [&db] {
    Pending& p = Queued();
    std::lock_guard lock(p.mu);
    Pending::Lists& lists = p.lists[&db];
    std::vector<Entry> entries = std::move(lists.filling);
    lists.filling = std::move(lists.spare);
    lists.filling.clear();
    metrics::Default().audit_detached_depth.Add(-static_cast<std::int64_t>(entries.size()));
    return entries;
  };
  auto give_back = [&db](std::vector<Entry> entries) {
    entries.clear();
    Pending& p = Queued();
    std::lock_guard lock(p.mu);
    Pending::Lists& lists = p.lists[&db];
    if (entries.capacity() > lists.spare.capacity()) lists.spare = std::move(entries);
  };
  try {
    db.WriteDetached(
        [take, give_back](db::Session& s) {
          std::vector<Entry> entries = take();
          Append(s, entries);
          give_back(std::move(entries));
        },
        db::Database::Writes::kLog);
  } catch (...) {
    take();  // the database is closing: nothing will append them
    throw;
  }
}

VerifyResult Verify(db::Database& db, const std::optional<std::filesystem::path>& anchor) {
  const Key& key = KeyInUse();
  // The anchor's checkpoints, by id; those of this chain are picked once its first entry
  // is read.
  std::vector<Checkpoint> checkpoints;
  if (anchor) checkpoints = Anchor::Read(*anchor);
  struct Expected {
    std::string hash;
    bool seen = false;
  };
  std::map<long long, Expected> expected;  // of this chain's checkpoints, by entry id
  return db.Read([&](db::Session& s) {
    VerifyResult result;
    std::string expected_prev(kGenesis);
    long long last_id = 0;
    auto fail = [&](long long id, std::string reason) {
      result.ok = false;
      result.first_bad_id = id;
      result.reason = std::move(reason);
    };
    s.Query(kChain, {}, [&](const db::Row& r) {
      if (!result.ok) return;  // the first break is the one reported
      const long long id = db::Int(r, 0);
      const long long user_id = db::Int(r, 2);
      const std::string prev = db::Text(r, 9), hash = db::Text(r, 10);
      if (result.entries++ == 0) {
        for (const Checkpoint& c : checkpoints)
          if (c.chain == hash) expected[c.id] = {c.hash, false};
        result.checkpoints = static_cast<long long>(expected.size());
      }
      const auto checkpoint = expected.find(id);
      if (checkpoint != expected.end()) checkpoint->second.seen = true;
      // A deleted row shows as a gap in the ids and a prev_hash that matches nothing.
      std::string reason;
      if (prev != expected_prev)
        reason = "prev_hash does not match the previous entry (a row was deleted or altered)";
      else if (hash != MacOf(key, prev, db::Text(r, 1), user_id, db::Text(r, 3), db::Text(r, 4),
                             db::Text(r, 5), db::Text(r, 6), db::Text(r, 7), db::Text(r, 8)))
        reason =
            "hash does not match the entry's contents under the key (the row was altered, "
            "or the chain recomputed without the key)";
      else if (checkpoint != expected.end() && checkpoint->second.hash != hash)
        reason = "the entry differs from the anchor's checkpoint (the chain was recomputed)";
      if (!reason.empty()) {
        fail(id, reason +
                     (last_id + 1 != id ? " [ids jump from " + std::to_string(last_id) + "]" : ""));
        return;
      }
      expected_prev = hash;
      last_id = id;
    });
    // A checkpoint the walk never met: its entry, or the newest entries, were removed.
    for (const auto& [id, c] : expected) {
      if (!result.ok || c.seen) continue;
      fail(id > last_id ? last_id + 1 : id,
           id > last_id ? "the anchor has a checkpoint at entry " + std::to_string(id) +
                              " but the log ends at " + std::to_string(last_id) +
                              " (the newest entries were deleted)"
                        : "the anchor's checkpoint at entry " + std::to_string(id) +
                              " is missing from the log (the chain was recomputed)");
    }
    return result;
  });
}

namespace {

Json EntrySchema() {
  const Json text = {{"type", "string"}};
  return Json{{"type", "object"},
              {"required",
               {"id", "at", "user_id", "username", "ip", "action", "object_type", "object_id",
                "detail", "hash"}},
              {"properties",
               {{"id", {{"type", "integer"}}},
                {"at", {{"type", "string"}, {"format", "date-time"}}},
                {"user_id", {{"type", "integer"}, {"nullable", true}}},
                {"username", text},
                {"ip", text},
                {"action", text},
                {"object_type", text},
                {"object_id", text},
                {"detail", {{"type", "object"}, {"nullable", true}}},
                {"hash", text}}}};
}

// The columns of GET /api/v1/audit/export (who did what from where: personal data).
exports::List AuditExport() {
  using exports::Col;
  using exports::Kind;
  return exports::List{
      .name = "audit",
      .title_key = "export.title.audit",
      .personal_data = true,
      .columns = {Col("id", "/id", "export.col.id", Kind::kInteger),
                  Col("at", "/at", "export.col.at", Kind::kDateTime),
                  Col("username", "/username", "export.col.user"),
                  Col("ip", "/ip", "export.col.ip"), Col("action", "/action", "export.col.action"),
                  Col("object_type", "/object_type", "export.col.object_type"),
                  Col("object_id", "/object_id", "export.col.object_id"),
                  Col("detail", "/detail", "export.col.detail")},
      .more_columns = {}};
}

}  // namespace

void Register(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "audit");
  api.Component("AuditEntry", EntrySchema());

  api.Get(
      "/api/v1/audit",
      Doc("listAudit", "The audit log, newest first")
          .Roles({"auditor", "audit_admin"})
          .Query(
              {"action", "object_type", "object_id", "user_id", "from", "to", "page", "page_size"})
          .Returns(http::PageOf(http::Ref("AuditEntry")))
          .Export(AuditExport()),
      [&db](const auth::Call& call) {
        const http::Request& req = call.request();
        auto page = http::ParsePage(req);
        db::Params binds;
        std::string where = " WHERE 1 = 1";
        for (const char* f : {"action", "object_type", "object_id"}) {
          if (auto v = req.Query(f); v && !v->empty()) {
            where += std::string(" AND ") + f + " = " + db::Bind(binds, f, std::string(*v));
          }
        }
        auto bad = [](const char* field, const char* rule, i18n::Text msg) {
          return ApiError::InvalidQuery(field, rule, std::move(msg));
        };
        // A number, compared as one, so that the index on user_id finds the entries.
        std::optional<long long> user_id;
        if (auto v = req.Query("user_id"); v && !v->empty()) {
          long long n = 0;
          const auto [end, error] = std::from_chars(v->data(), v->data() + v->size(), n);
          if (error != std::errc() || end != v->data() + v->size() || n < 0)
            throw bad("user_id", "type", i18n::T("validation.type.integer"));
          user_id = n;
        }
        for (const char* f : {"from", "to"}) {
          // A date or an instant: 2026-11-29 or 2026-11-29T04:54:46Z.
          if (auto v = req.Query(f); v && !v->empty() &&
                                     (v->size() < 10 || !calendar::Date::Parse(v->substr(0, 10)) ||
                                      (v->size() > 10 && (*v)[10] != 'T'))) {
            throw bad(f, "type", i18n::T("validation.type.date"));
          }
        }
        if (user_id) where += " AND user_id = " + db::Bind(binds, "user_id", *user_id);
        if (auto v = req.Query("from"); v && !v->empty())
          where += " AND at >= " + db::Bind(binds, "from", std::string(*v));
        if (auto v = req.Query("to"); v && !v->empty())
          where += " AND at < " + db::Bind(binds, "to", std::string(*v));
        // An export's next page continues below the previous page's last id (keyset paging).
        db::Params page_binds = binds;
        std::string page_where = where;
        if (page.below_id > 0)
          page_where += " AND id < " + db::Bind(page_binds, "below", page.below_id);
        const long long offset = page.below_id > 0 ? 0 : page.Offset();
        Json items = Json::array();
        long long total = 0;
        db.Read([&](db::Session& s) {
          total = s.Int("SELECT COUNT(*) FROM audit_log" + where, binds).value_or(0);
          s.Query(
              "SELECT id, at, user_id, username, ip, action, object_type, object_id, detail, "
              "hash FROM audit_log" +
                  page_where + " ORDER BY id DESC LIMIT " + std::to_string(page.size) + " OFFSET " +
                  std::to_string(offset),
              page_binds, [&](const db::Row& r) {
                items.push_back({{"id", db::Int(r, 0)},
                                 {"at", db::Text(r, 1)},
                                 {"user_id", db::AnyCol(r, 2)},
                                 {"username", db::Text(r, 3)},
                                 {"ip", db::Text(r, 4)},
                                 {"action", db::Text(r, 5)},
                                 {"object_type", db::Text(r, 6)},
                                 {"object_id", db::Text(r, 7)},
                                 {"detail", db::JsonCol(r, 8)},
                                 {"hash", db::Text(r, 9)}});
              });
        });
        return auth::Reply(http::PageJson(std::move(items), total, page));
      });

  api.Get(
      "/api/v1/audit/verify",
      Doc("verifyAudit", "Verify the audit chain")
          .Roles({"auditor", "audit_admin"})
          .Returns({{"type", "object"},
                    {"required", {"ok", "entries", "first_bad_id", "reason", "checkpoints"}},
                    {"properties",
                     {{"ok", {{"type", "boolean"}}},
                      {"entries", {{"type", "integer"}}},
                      {"checkpoints", {{"type", "integer"}}},
                      {"first_bad_id", {{"type", "integer"}, {"nullable", true}}},
                      {"reason", {{"type", "string"}}}}}}),
      [&db, anchor = app.audit_anchor](const auth::Call&) {
        auto result = Verify(db, anchor);
        return auth::Reply({{"ok", result.ok},
                            {"entries", result.entries},
                            {"checkpoints", result.checkpoints},
                            {"first_bad_id", result.ok ? Json(nullptr) : Json(result.first_bad_id)},
                            {"reason", result.reason}});
      });
}

}  // namespace waishi::audit
