#include "core/audit/audit.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>
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

// The newest sealed entry: a read has no hash of its own (Append for reads, below).
constexpr const char* kHead =
    "SELECT hash FROM audit_log WHERE hash <> '' ORDER BY id DESC LIMIT 1";
constexpr const char* kLastId = "SELECT MAX(id) FROM audit_log";
constexpr const char* kCountBetween =
    "SELECT COUNT(*) FROM audit_log WHERE id BETWEEN :first AND :last";

constexpr const char* kInsert = R"(
  INSERT INTO audit_log (at, user_id, username, ip, action, object_type, object_id, detail,
                         prev_hash, hash)
  VALUES (:at, :uid, :un, :ip, :ac, :ot, :oi, :de, :pr, :ha))";

constexpr const char* kChain = R"(
  SELECT id, at, user_id, username, ip, action, object_type, object_id, detail, prev_hash, hash
  FROM audit_log ORDER BY id)";

// The columns GET /api/v1/audit lists, of the table named `table` ("" or "a.").
std::string Listed(std::string_view table) {
  std::string out;
  for (std::string_view column : {"id", "at", "user_id", "username", "ip", "action", "object_type",
                                  "object_id", "detail", "hash"})
    out += std::string(out.empty() ? "" : ", ") + std::string(table) + std::string(column);
  return out;
}

constexpr std::string_view kGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The entry that seals the reads appended before it (AppendReads).
constexpr std::string_view kSealAction = "audit.reads";

// An entry's fields as its MAC, or its batch's digest, covers them: each after a unit separator,
// so that no field can bleed into the next one.
void AddFields(std::string& material, std::string_view at, long long user_id,
               std::string_view username, std::string_view ip, std::string_view action,
               std::string_view object_type, std::string_view object_id, std::string_view detail) {
  for (std::string_view field : {at, username, ip, action, object_type, object_id, detail}) {
    material.push_back('\x1f');
    material += field;
  }
  material.push_back('\x1f');
  material += std::to_string(user_id);
}

std::string MacOf(const Key& key, const std::string& prev, const std::string& at, long long user_id,
                  const std::string& username, const std::string& ip, const std::string& action,
                  const std::string& object_type, const std::string& object_id,
                  const std::string& detail) {
  std::string material = prev;
  AddFields(material, at, user_id, username, ip, action, object_type, object_id, detail);
  return key.Mac(material);
}

// The reads of one batch as their seal covers them, gathered alike by the writer (AppendReads)
// and by Verify(): their number, their fields in order (whose SHA-256 the seal carries), and
// where each object's reads lie in the batch (its first and last, counted from the batch's
// first read), which is what audit_read_objects records.
class ReadBatch {
 public:
  struct Object {
    std::string type, id;
    long long first = 0, last = 0;
  };

  void Add(long long offset, std::string_view at, long long user_id, std::string_view username,
           std::string_view ip, std::string_view action, std::string_view object_type,
           std::string_view object_id, std::string_view detail) {
    AddFields(material_, at, user_id, username, ip, action, object_type, object_id, detail);
    material_.push_back('\x1e');  // a record separator: one read cannot run into the next
    ++count_;
    if (object_type.empty() && object_id.empty()) return;
    key_.assign(object_type);
    key_.push_back('\x1f');
    key_ += object_id;
    if (auto known = objects_.find(key_); known != objects_.end()) {
      known->second.last = offset;
    } else {
      objects_.emplace(key_,
                       Object{std::string(object_type), std::string(object_id), offset, offset});
    }
  }
  long long count() const { return count_; }
  std::string Sha256Hex() const { return auth::Sha256Hex(material_); }
  const std::unordered_map<std::string, Object>& objects() const { return objects_; }
  void Clear() {
    material_.clear();
    count_ = 0;
    objects_.clear();
  }

 private:
  std::string material_;
  long long count_ = 0;
  std::string key_;                                  // "type\x1fid", of the read being added
  std::unordered_map<std::string, Object> objects_;  // by key_
};

// The rows of audit_read_objects for a batch, in the order of their first read.
constexpr const char* kObjectRowsOfBatch = R"(
  SELECT object_type, object_id, first_id, last_id FROM audit_read_objects
  WHERE first_id BETWEEN :first AND :last ORDER BY first_id)";
constexpr const char* kObjectRows = "SELECT COUNT(*) FROM audit_read_objects";

void AddObjectRow(std::string& rows, std::string_view type, std::string_view id, long long first_id,
                  long long last_id) {
  rows += type;
  rows.push_back('\x1f');
  rows += id;
  rows += '\x1f' + std::to_string(first_id) + '\x1f' + std::to_string(last_id) + '\x1e';
}

// Whether audit_read_objects holds, for the batch of reads first_id..last_id, the rows its reads
// call for and no other; counts the rows it holds for the batch.
bool ObjectRowsMatch(db::Session& s, const ReadBatch& batch, long long first_id, long long last_id,
                     long long& rows) {
  std::vector<const ReadBatch::Object*> objects;
  for (const auto& [key, object] : batch.objects()) objects.push_back(&object);
  std::sort(objects.begin(), objects.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string expected, found;
  for (const ReadBatch::Object* o : objects)
    AddObjectRow(expected, o->type, o->id, first_id + o->first, first_id + o->last);
  rows += static_cast<long long>(
      s.Query(kObjectRowsOfBatch, {{"first", first_id}, {"last", last_id}}, [&](const db::Row& r) {
        AddObjectRow(found, db::Text(r, 0), db::Text(r, 1), db::Int(r, 2), db::Int(r, 3));
      }));
  return expected == found;
}

// When it happened, as stored: a detached entry was dated as it was queued, another is now.
std::string AtOf(const Entry& e) {
  return clock::ToIso(e.at == std::chrono::system_clock::time_point{} ? clock::Now() : e.at);
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
  Sealed s{AtOf(e), e.detail.dump(), std::move(prev), {}};
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

namespace {

// The reads AppendDetached() gathered, appended in their order, then sealed together: each read
// is a row without a MAC of its own (prev_hash and hash empty), and the entry after them
// (kSealAction) carries, under the key and in the chain, how many they are, their ids and the
// SHA-256 of their fields. Altering, removing or adding a read changes what the seal's detail
// must say, which the seal's MAC prevents. A MAC an entry (two SHA-256 blocks of keying each)
// and the index by object an entry were most of the writer's work per read: the reads are
// indexed by object instead through audit_read_objects, a row per object a batch, naming the
// ids between which its reads lie.
void AppendReads(db::Session& tx, const std::vector<Entry>& reads) {
  if (reads.empty()) return;
  // On PostgreSQL one COPY instead of a round trip a read. Their ids are drawn in the rows'
  // order, the chain's.
  db::BulkInsert rows(tx, "audit_log",
                      {"at", "user_id", "username", "ip", "action", "object_type", "object_id",
                       "detail", "prev_hash", "hash"});
  ReadBatch batch;
  for (std::size_t i = 0; i < reads.size(); ++i) {
    const Entry& e = reads[i];
    const std::string at = AtOf(e);
    const std::string detail = e.detail.dump();
    batch.Add(static_cast<long long>(i), at, e.user_id, e.username, e.ip, e.action, e.object_type,
              e.object_id, detail);
    rows.Add(at, e.user_id, e.username, e.ip, e.action, e.object_type, e.object_id, detail, "", "");
  }
  rows.Flush();
  // The ids they were given: consecutive, appends being serialized (one writer). Were they not,
  // some would lie below first_id, and so would every older row: fewer than all in the range.
  const long long last_id = tx.Int(kLastId).value_or(0);
  const long long first_id = last_id - batch.count() + 1;
  if (tx.Int(kCountBetween, {{"first", first_id}, {"last", last_id}}).value_or(0) != batch.count())
    throw std::logic_error("audit: the reads appended did not get consecutive ids");
  db::BulkInsert by_object(tx, "audit_read_objects",
                           {"object_type", "object_id", "first_id", "last_id"});
  for (const auto& [key, object] : batch.objects())
    by_object.Add(object.type, object.id, first_id + object.first, first_id + object.last);
  by_object.Flush();
  Append(tx, Entry{0, "", "", std::string(kSealAction), "", "",
                   Json{{"reads", batch.count()},
                        {"first_id", first_id},
                        {"last_id", last_id},
                        {"sha256", batch.Sha256Hex()}}});
}

}  // namespace

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
          AppendReads(s, entries);
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
    // The reads since the last sealed entry, waiting for the entry that seals them.
    ReadBatch reads;
    long long reads_from = 0, reads_to = 0;
    long long object_rows = 0;  // of audit_read_objects, found for the batches sealed
    bool named = false;         // the chain is named by its first sealed entry
    s.Query(kChain, {}, [&](const db::Row& r) {
      if (!result.ok) return;  // the first break is the one reported
      const long long id = db::Int(r, 0);
      const long long user_id = db::Int(r, 2);
      const std::string prev = db::Text(r, 9), hash = db::Text(r, 10);
      ++result.entries;
      if (hash.empty() && prev.empty()) {  // a read, sealed with its batch
        if (reads.count() == 0) reads_from = id;
        reads_to = id;
        reads.Add(id - reads_from, db::Text(r, 1), user_id, db::Text(r, 3), db::Text(r, 4),
                  db::Text(r, 5), db::Text(r, 6), db::Text(r, 7), db::Text(r, 8));
        last_id = id;
        return;
      }
      if (!named) {
        named = true;
        for (const Checkpoint& c : checkpoints)
          if (c.chain == hash) expected[c.id] = {c.hash, false};
        result.checkpoints = static_cast<long long>(expected.size());
      }
      const auto checkpoint = expected.find(id);
      if (checkpoint != expected.end()) checkpoint->second.seen = true;
      // A deleted row shows as a gap in the ids and a prev_hash that matches nothing.
      std::string reason;
      long long bad = id;
      if (prev != expected_prev) {
        reason = "prev_hash does not match the previous entry (a row was deleted or altered)";
      } else if (hash != MacOf(key, prev, db::Text(r, 1), user_id, db::Text(r, 3), db::Text(r, 4),
                               db::Text(r, 5), db::Text(r, 6), db::Text(r, 7), db::Text(r, 8))) {
        reason =
            "hash does not match the entry's contents under the key (the row was altered, "
            "or the chain recomputed without the key)";
      } else if (checkpoint != expected.end() && checkpoint->second.hash != hash) {
        reason = "the entry differs from the anchor's checkpoint (the chain was recomputed)";
      } else if (db::Text(r, 5) == kSealAction) {
        const Json seal = Json::parse(db::Text(r, 8), nullptr, false);
        const auto says = [&seal](const char* field) {
          return seal.is_object() && seal.contains(field) ? seal[field] : Json();
        };
        const std::string digest = reads.Sha256Hex();
        bad = reads.count() > 0 ? reads_from : id;
        if (says("reads") != reads.count() || says("first_id") != reads_from ||
            says("last_id") != reads_to || says("sha256") != digest) {
          reason = "the reads before entry " + std::to_string(id) +
                   " are not those it seals (a read was altered, deleted or added)";
        } else if (!ObjectRowsMatch(s, reads, reads_from, reads_to, object_rows)) {
          reason = "audit_read_objects does not hold the rows the reads before entry " +
                   std::to_string(id) + " call for (the index by object was altered)";
        }
        reads.Clear();
      } else if (reads.count() > 0) {
        bad = reads_from;
        reason = "reads not sealed by the entry after them (entry " + std::to_string(id) + ")";
      }
      if (!reason.empty()) {
        fail(bad, reason + (last_id + 1 != id ? " [ids jump from " + std::to_string(last_id) + "]"
                                              : ""));
        return;
      }
      expected_prev = hash;
      last_id = id;
    });
    if (result.ok && reads.count() > 0)
      fail(reads_from, "reads at the end of the log are not sealed (entries " +
                           std::to_string(reads_from) + " to " + std::to_string(reads_to) + ")");
    if (result.ok && s.Int(kObjectRows).value_or(0) != object_rows)
      fail(last_id + 1,
           "audit_read_objects holds rows for no batch of reads (the index by "
           "object was altered)");
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
                {"hash",
                 {{"type", "string"},
                  {"description",
                   "HMAC-SHA-256 of the entry after the previous one; empty for a read, sealed "
                   "with the others of its batch by the audit.reads entry after them"}}}}}};
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

// GET /api/v1/audit: a page of the entries its filters select, newest first.
Json ListEntries(db::Database& db, const http::Request& req) {
  auto page = http::ParsePage(req);
  db::Params binds;
  // The filters, each {column, operator, :bind}, written out for the table they apply to.
  using Conditions = std::vector<std::array<std::string, 3>>;
  Conditions conditions;
  bool by_object = false;  // an object_id asked for
  for (const char* f : {"action", "object_type", "object_id"}) {
    if (auto v = req.Query(f); v && !v->empty()) {
      conditions.push_back({f, "=", db::Bind(binds, f, std::string(*v))});
      by_object = by_object || std::string_view(f) == "object_id";
    }
  }
  auto bad = [](const char* field, const char* rule, i18n::Text msg) {
    return ApiError::InvalidQuery(field, rule, std::move(msg));
  };
  // A number, compared as one, so that the index on user_id finds the entries.
  if (auto v = req.Query("user_id"); v && !v->empty()) {
    long long n = 0;
    const auto [end, error] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (error != std::errc() || end != v->data() + v->size() || n < 0)
      throw bad("user_id", "type", i18n::T("validation.type.integer"));
    conditions.push_back({"user_id", "=", db::Bind(binds, "user_id", n)});
  }
  for (const char* f : {"from", "to"}) {
    // A date or an instant: 2026-11-29 or 2026-11-29T04:54:46Z.
    if (auto v = req.Query(f); v && !v->empty()) {
      if (v->size() < 10 || !calendar::Date::Parse(v->substr(0, 10)) ||
          (v->size() > 10 && (*v)[10] != 'T'))
        throw bad(f, "type", i18n::T("validation.type.date"));
      conditions.push_back(
          {"at", std::string_view(f) == "from" ? ">=" : "<", db::Bind(binds, f, std::string(*v))});
    }
  }
  // An export's next page continues below the previous page's last id (keyset paging).
  db::Params page_binds = binds;
  auto page_conditions = conditions;
  if (page.below_id > 0)
    page_conditions.push_back({"id", "<", db::Bind(page_binds, "below", page.below_id)});
  const auto anded = [](const Conditions& all, std::string_view table) {
    std::string out;
    for (const auto& [column, op, bind] : all)
      out += " AND " + std::string(table) + column + " " + op + " " + bind;
    return out;
  };
  // Asked for an object, the entries come from two places: the sealed ones through the index by
  // object, and the reads (sealed by batch, left out of that index) through audit_read_objects,
  // whose row for the object and a batch names the ids between which its reads lie (the other
  // objects' reads of the batch in between are passed over by the join's object columns).
  // SQLite's CROSS JOIN keeps audit_read_objects outside, as its index by object wants.
  const auto from = [&](const Conditions& all) {
    if (!by_object) return "audit_log WHERE 1 = 1" + anded(all, "");
    Conditions of_object;
    for (const auto& c : all)
      if (c[0] == "object_type" || c[0] == "object_id") of_object.push_back(c);
    return "(SELECT " + Listed("") + " FROM audit_log WHERE hash <> ''" + anded(all, "") +
           " UNION ALL SELECT " + Listed("a.") +
           " FROM audit_read_objects o CROSS JOIN audit_log a"
           " WHERE a.id BETWEEN o.first_id AND o.last_id AND a.object_type = o.object_type"
           " AND a.object_id = o.object_id AND a.hash = ''" +
           anded(of_object, "o.") + anded(all, "a.") + ") e";
  };
  const long long offset = page.below_id > 0 ? 0 : page.Offset();
  Json items = Json::array();
  long long total = 0;
  db.Read([&](db::Session& s) {
    total = s.Int("SELECT COUNT(*) FROM " + from(conditions), binds).value_or(0);
    s.Query("SELECT " + Listed("") + " FROM " + from(page_conditions) + " ORDER BY id DESC LIMIT " +
                std::to_string(page.size) + " OFFSET " + std::to_string(offset),
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
  return http::PageJson(std::move(items), total, page);
}

}  // namespace

void Register(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "audit");
  api.Component("AuditEntry", EntrySchema());

  api.Get("/api/v1/audit",
          Doc("listAudit", "The audit log, newest first")
              .Roles({"auditor", "audit_admin"})
              .Query({"action", "object_type", "object_id", "user_id", "from", "to", "page",
                      "page_size"})
              .Returns(http::PageOf(http::Ref("AuditEntry")))
              .Export(AuditExport()),
          [&db](const auth::Call& call) { return auth::Reply(ListEntries(db, call.request())); });

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
