// Mass sends, reviewed before they go: an office user (officer or approver) prepares a batch
// — an announcement template from AnnouncementKeys(), its arguments, the recipients (users,
// or every active user of some organizations) — and it waits in pending_review with nothing
// queued; an approver other than its author previews it and approves it (every message
// queued, inbox and e-mail, in one transaction) or rejects it with a reason.
//   pending_review → approved | rejected
// Deciding one's own batch is 403 "own_batch"; a decided batch is 409 "batch_decided".
#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/http/params.h"
#include "core/notify/notify.h"
#include "core/notify/parts.h"

namespace waishi::notify::detail {
namespace {

using auth::Call;
using auth::Reply;

constexpr std::size_t kMaxUsers = 1000, kMaxOrganizations = 100, kMaxArgLength = 2000;
const std::vector<std::string> kOffice = {"officer", "approver"};

constexpr const char* kInsertBatch = R"(
  INSERT INTO notification_batches (msg_key, args, link, recipients, state, created_by, created_at)
  VALUES (:k, :a, :l, :r, 'pending_review', :u, :n) RETURNING id)";
constexpr const char* kBatchColumns = R"(
  SELECT b.id, b.msg_key, b.args, b.link, b.recipients, b.state, b.created_by, cu.display_name,
         b.created_at, b.decided_by, du.display_name, b.decided_at, b.reason, b.sent_count
  FROM notification_batches b JOIN users cu ON cu.id = b.created_by
  LEFT JOIN users du ON du.id = b.decided_by)";
constexpr const char* kBatchById = " WHERE b.id = :id";
constexpr const char* kBatchPage =
    " WHERE (:state = '' OR b.state = :state2) ORDER BY b.id DESC LIMIT :lim OFFSET :off";
constexpr const char* kBatchTotal =
    "SELECT COUNT(*) FROM notification_batches WHERE (:state = '' OR state = :state2)";
constexpr const char* kDecide = R"(
  UPDATE notification_batches SET state = :s, decided_by = :u, decided_at = :n, reason = :r,
                                  sent_count = :c
  WHERE id = :id AND state = 'pending_review')";
// The recipients, resolved when counted and when approved: active accounts only.
constexpr const char* kActiveUsersById = "SELECT id FROM users WHERE active = 1 AND id IN (";
constexpr const char* kActiveUsersOfOrgs = "SELECT id FROM users WHERE active = 1 AND org_id IN (";
constexpr const char* kExistingOrgs = "SELECT id FROM organizations WHERE id IN (";

struct Batch {
  long long id = 0;
  std::string key;
  Json args;
  std::string link;
  Json recipients;
  std::string state;
  long long created_by = 0;
  Json json;
};

// The {placeholders} of a template, in both its texts.
std::set<std::string> Placeholders(const std::string& key) {
  static const std::regex kPlaceholder(R"(\{([a-z_]+)\})");
  const Rendered t = Render(key, Json::object());
  std::set<std::string> out;
  for (const std::string& text : {t.subject.zh, t.subject.en, t.body.zh, t.body.en}) {
    for (std::sregex_iterator it(text.begin(), text.end(), kPlaceholder), end; it != end; ++it) {
      out.insert((*it)[1]);
    }
  }
  return out;
}

// The ids in `ids` that `select_prefix` (… IN () finds.
std::vector<long long> Select(db::Session& s, const char* select_prefix, const Json& ids) {
  if (ids.empty()) return {};
  db::Params params;
  std::string sql = select_prefix;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    sql += (i ? ", " : "") + db::Bind(params, "i" + std::to_string(i), ids[i].get<long long>());
  }
  sql += ") ORDER BY id";
  std::vector<long long> out;
  s.Query(sql, params, [&](const db::Row& r) { out.push_back(db::Int(r, 0)); });
  return out;
}

std::vector<long long> Recipients(db::Session& s, const Json& recipients) {
  if (recipients.contains("user_ids")) {
    return Select(s, kActiveUsersById, recipients["user_ids"]);
  }
  return Select(s, kActiveUsersOfOrgs, recipients.value("organization_ids", Json::array()));
}

Json Preview(const Batch& b) {
  const Rendered t = Render(b.key, b.args);
  auto pair = [](const std::string& subject, const std::string& body) {
    return Json{{"subject", subject}, {"body", body}};
  };
  return Json{{"zh", pair(t.subject.zh, t.body.zh)}, {"en", pair(t.subject.en, t.body.en)}};
}

Batch FromRow(const db::Row& r) {
  Batch b;
  b.id = db::Int(r, 0);
  b.key = db::Text(r, 1);
  b.args = db::JsonCol(r, 2);
  b.link = db::Text(r, 3);
  b.recipients = db::JsonCol(r, 4);
  b.state = db::Text(r, 5);
  b.created_by = db::Int(r, 6);
  const auto decided_by = db::OptInt(r, 9);
  const auto decided_at = db::OptText(r, 11);
  b.json =
      Json{{"id", b.id},
           {"key", b.key},
           {"args", b.args},
           {"link", b.link},
           {"recipients", b.recipients},
           {"state", b.state},
           {"created_by", {{"id", b.created_by}, {"display_name", db::Text(r, 7)}}},
           {"created_at", db::Text(r, 8)},
           {"decided_by", decided_by ? Json{{"id", *decided_by}, {"display_name", db::Text(r, 10)}}
                                     : Json(nullptr)},
           {"decided_at", decided_at ? Json(*decided_at) : Json(nullptr)},
           {"reason", db::Text(r, 12)},
           {"sent_count", db::Int(r, 13)}};
  return b;
}

std::optional<Batch> Find(db::Session& s, long long id) {
  std::optional<Batch> b;
  s.Query(std::string(kBatchColumns) + kBatchById, {{"id", id}},
          [&](const db::Row& r) { b = FromRow(r); });
  return b;
}

// The batch as the API shows it: with its preview in both languages and how many it reaches.
Json Show(db::Session& s, const Batch& b) {
  Json out = b.json;
  out["preview"] = Preview(b);
  out["recipient_count"] = static_cast<long long>(Recipients(s, b.recipients).size());
  return out;
}

// The checks of a new batch beyond its schema; every problem at once (422).
void CheckNew(db::Session& s, const Json& body) {
  std::vector<FieldError> errors;
  const std::string key = body["key"];
  const Json args = body.value("args", Json::object());
  const auto wanted = Placeholders(key);
  for (const auto& name : wanted) {
    if (!args.contains(name) || args[name].get<std::string>().empty()) {
      errors.push_back({"args." + name, "required", i18n::T("validation.required")});
    }
  }
  for (const auto& [name, value] : args.items()) {
    if (!wanted.contains(name)) {
      errors.push_back({"args." + name, "notify.unknown_argument",
                        i18n::T("notify.error.unknown_argument", {{"name", name}})});
    }
  }
  const bool by_user = body.contains("user_ids"), by_org = body.contains("organization_ids");
  if (by_user == by_org) {
    errors.push_back(
        {"recipients", "notify.one_recipient_kind", i18n::T("notify.error.one_recipient_kind")});
  } else {
    const char* field = by_user ? "user_ids" : "organization_ids";
    const Json& ids = body[field];
    const auto found = Select(s, by_user ? kActiveUsersById : kExistingOrgs, ids);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!std::binary_search(found.begin(), found.end(), ids[i].get<long long>())) {
        errors.push_back({std::string(field) + "[" + std::to_string(i) + "]", "exists",
                          i18n::T("notify.error.no_such_recipient")});
      }
    }
    if (errors.empty() && Recipients(s, Json{{field, ids}}).empty()) {
      errors.push_back(
          {"recipients", "notify.no_recipients", i18n::T("notify.error.no_recipients")});
    }
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
}

Json Keys() {
  Json out = Json::array();
  for (const auto& k : AnnouncementKeys()) out.push_back(k);
  return out;
}

Json NewBatchSchema() {
  const Json ids = [](std::size_t max) {
    return Json{{"type", "array"},
                {"minItems", 1},
                {"maxItems", max},
                {"items", {{"type", "integer"}, {"minimum", 1}}}};
  }(kMaxUsers);
  Json orgs = ids;
  orgs["maxItems"] = kMaxOrganizations;
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"key", "args"}},
              {"properties",
               {{"key", {{"type", "string"}, {"enum", Keys()}}},
                {"args",
                 {{"type", "object"},
                  {"maxProperties", 10},
                  {"additionalProperties", {{"type", "string"}, {"maxLength", kMaxArgLength}}}}},
                {"link", {{"type", "string"}, {"maxLength", 500}, {"pattern", "^(/([^/].*)?)?$"}}},
                {"user_ids", ids},
                {"organization_ids", orgs}}}};
}

Json BatchSchema() {
  const Json text{{"type", "string"}};
  const Json who{{"type", "object"},
                 {"required", {"id", "display_name"}},
                 {"properties", {{"id", {{"type", "integer"}}}, {"display_name", text}}}};
  Json decided = who;
  decided["nullable"] = true;
  return Json{
      {"type", "object"},
      {"required",
       {"id", "key", "args", "link", "recipients", "state", "created_by", "created_at",
        "decided_by", "decided_at", "reason", "sent_count", "preview", "recipient_count"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"key", text},
        {"args", {{"type", "object"}, {"additionalProperties", text}}},
        {"link", text},
        {"recipients",
         {{"type", "object"},
          {"properties",
           {{"user_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}},
            {"organization_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}}}}}},
        {"state", {{"type", "string"}, {"enum", {"pending_review", "approved", "rejected"}}}},
        {"created_by", who},
        {"created_at", text},
        {"decided_by", decided},
        {"decided_at", {{"type", "string"}, {"nullable", true}}},
        {"reason", text},
        {"sent_count", {{"type", "integer"}}},
        {"preview", http::Ref("NotificationTexts")},
        {"recipient_count", {{"type", "integer"}}}}}};
}

Json TemplateSchema() {
  return Json{{"type", "object"},
              {"required", {"key", "placeholders", "texts"}},
              {"properties",
               {{"key", {{"type", "string"}}},
                {"placeholders", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                {"texts", http::Ref("NotificationTexts")}}}};
}

std::string BatchStateFilter(const http::Request& req) {
  const auto q = req.Query("state");
  if (!q) return "";
  if (*q == "pending_review" || *q == "approved" || *q == "rejected") return std::string(*q);
  throw ApiError::InvalidQuery(
      "state", "enum",
      i18n::T("validation.enum", {{"values", "pending_review, approved, rejected"}}));
}

// Approves or rejects batch `id` (the caller is an approver); returns the batch shown.
Json Decide(db::Database& db, const auth::Principal& who, long long id, bool approve,
            const std::string& reason) {
  return db.Write([&](db::Session& s) {
    auto b = Find(s, id);
    if (!b) throw ApiError::NotFound();
    // Four eyes: the author of a batch does not decide it.
    if (b->created_by == who.user_id) {
      throw ApiError(403, "own_batch", i18n::T("notify.error.own_batch"));
    }
    if (b->state != "pending_review") {
      throw ApiError::Conflict("batch_decided",
                               i18n::T("notify.error.batch_decided", {{"state", b->state}}));
    }
    long long sent = 0;
    if (approve) {
      std::vector<std::pair<std::string, Json>> args;
      for (const auto& [name, value] : b->args.items()) args.emplace_back(name, value);
      for (long long user : Recipients(s, b->recipients)) {
        Queue(s, Message{user, b->key, args, b->link, true}, id);
        ++sent;
      }
    }
    s.Exec(kDecide, {{"s", approve ? "approved" : "rejected"},
                     {"u", who.user_id},
                     {"n", clock::NowIso()},
                     {"r", reason},
                     {"c", sent},
                     {"id", id}});
    audit::Append(
        s, audit::By(who, approve ? "notification_batch.approve" : "notification_batch.reject",
                     "notification_batch", std::to_string(id),
                     {{"messages", sent}, {"reason", reason}}));
    return Show(s, *Find(s, id));
  });
}

}  // namespace

void RegisterBatches(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "notifications");
  api.Component("NotificationBatch", BatchSchema());
  api.Component("NotificationTemplate", TemplateSchema());

  // --- office: prepare, preview, decide

  api.Get("/api/v1/notifications/templates",
          Doc("listNotificationTemplates", "The announcement templates a batch may use")
              .Roles(kOffice)
              .Returns(http::ItemsOf(http::Ref("NotificationTemplate"))),
          [](const Call&) {
            Json items = Json::array();
            for (const auto& key : AnnouncementKeys()) {
              const Rendered t = Render(key, Json::object());
              const auto names = Placeholders(key);
              items.push_back(
                  {{"key", key},
                   {"placeholders", Json(std::vector<std::string>(names.begin(), names.end()))},
                   {"texts",
                    {{"zh", {{"subject", t.subject.zh}, {"body", t.body.zh}}},
                     {"en", {{"subject", t.subject.en}, {"body", t.body.en}}}}}});
            }
            return Reply({{"items", std::move(items)}});
          });

  api.Get("/api/v1/notifications/batches",
          Doc("listNotificationBatches", "Mass sends, newest first")
              .Roles(kOffice)
              .Query({"state", "page", "page_size"})
              .Returns(http::PageOf(http::Ref("NotificationBatch"))),
          [&db](const Call& call) {
            const auto page = http::ParsePage(call.request());
            const std::string state = BatchStateFilter(call.request());
            return db.Read([&](db::Session& s) {
              std::vector<Batch> batches;
              s.Query(
                  std::string(kBatchColumns) + kBatchPage,
                  {{"state", state}, {"state2", state}, {"lim", page.size}, {"off", page.Offset()}},
                  [&](const db::Row& r) { batches.push_back(FromRow(r)); });
              Json items = Json::array();
              for (const auto& b : batches) items.push_back(Show(s, b));
              const long long total =
                  s.Int(kBatchTotal, {{"state", state}, {"state2", state}}).value_or(0);
              return Reply(http::PageJson(std::move(items), total, page));
            });
          });

  api.Post("/api/v1/notifications/batches",
           Doc("createNotificationBatch",
               "Prepare a mass send: it waits for an approver's review, nothing is sent yet")
               .Roles(kOffice)
               .Body(NewBatchSchema())
               .Returns(http::Ref("NotificationBatch"), 201),
           [&db](const Call& call) {
             const auto& who = call.who();
             const Json& body = call.body();
             Json shown = db.Write([&](db::Session& s) {
               CheckNew(s, body);
               const bool by_user = body.contains("user_ids");
               const Json recipients = by_user
                                           ? Json{{"user_ids", body["user_ids"]}}
                                           : Json{{"organization_ids", body["organization_ids"]}};
               const long long id = s.Int(kInsertBatch, {{"k", body["key"].get<std::string>()},
                                                         {"a", body["args"].dump()},
                                                         {"l", body.value("link", "")},
                                                         {"r", recipients.dump()},
                                                         {"u", who.user_id},
                                                         {"n", clock::NowIso()}})
                                        .value_or(0);
               audit::Append(s, audit::By(who, "notification_batch.create", "notification_batch",
                                          std::to_string(id),
                                          {{"key", body["key"]}, {"recipients", recipients}}));
               return Show(s, *Find(s, id));
             });
             return Reply(shown, 201);
           });

  api.Get("/api/v1/notifications/batches/{id}",
          Doc("getNotificationBatch",
              "A mass send with its messages rendered in both languages and its recipient count")
              .Roles(kOffice)
              .Returns(http::Ref("NotificationBatch")),
          [&db](const Call& call) {
            return db.Read([&](db::Session& s) {
              auto b = Find(s, call.Id());
              if (!b) throw ApiError::NotFound();
              return Reply(Show(s, *b));
            });
          });

  api.Post("/api/v1/notifications/batches/{id}/approve",
           Doc("approveNotificationBatch",
               "Approve a mass send (not one's own): every message is queued at once")
               .Roles({"approver"})
               .Returns(http::Ref("NotificationBatch")),
           [&db](const Call& call) { return Reply(Decide(db, call.who(), call.Id(), true, "")); });

  api.Post("/api/v1/notifications/batches/{id}/reject",
           Doc("rejectNotificationBatch", "Reject a mass send (not one's own), with the reason")
               .Roles({"approver"})
               .Body({{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"reason"}},
                      {"properties",
                       {{"reason", {{"type", "string"}, {"minLength", 1}, {"maxLength", 1000}}}}}})
               .Returns(http::Ref("NotificationBatch")),
           [&db](const Call& call) {
             return Reply(Decide(db, call.who(), call.Id(), false,
                                 call.body()["reason"].get<std::string>()));
           });
}

}  // namespace waishi::notify::detail
