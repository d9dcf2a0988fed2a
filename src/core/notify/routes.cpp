// The inbox (every signed-in user, their own messages only) and the outbox (the system
// administrator: addresses and states, never the texts).
#include <string>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/http/params.h"
#include "core/notify/notify.h"
#include "core/notify/parts.h"

namespace waishi::notify {
namespace {

using auth::Call;
using auth::Reply;

// --- inbox

constexpr const char* kInboxPage = R"(
  SELECT id, msg_key, args, link, created_at, read_at FROM notifications
  WHERE user_id = :u AND (:unread = 0 OR read_at IS NULL)
  ORDER BY id DESC LIMIT :lim OFFSET :off)";
constexpr const char* kInboxTotal = R"(
  SELECT COUNT(*) FROM notifications WHERE user_id = :u AND (:unread = 0 OR read_at IS NULL))";
constexpr const char* kUnreadCount =
    "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL";
constexpr const char* kIsMine =
    "SELECT COUNT(*) FROM notifications WHERE id = :id AND user_id = :u";
constexpr const char* kMarkRead = R"(
  UPDATE notifications SET read_at = :n WHERE id = :id AND user_id = :u AND read_at IS NULL)";
constexpr const char* kMarkAllRead =
    "UPDATE notifications SET read_at = :n WHERE user_id = :u AND read_at IS NULL";

// --- outbox

constexpr const char* kOutboxColumns = R"(
  SELECT id, user_id, to_address, msg_key, state, attempts, next_attempt_at, last_error,
         created_at, sent_at, batch_id FROM outbox)";
constexpr const char* kOutboxAll =
    " WHERE (:state = '' OR state = :state2) ORDER BY id DESC LIMIT :lim OFFSET :off";
constexpr const char* kOutboxTotal =
    "SELECT COUNT(*) FROM outbox WHERE (:state = '' OR state = :state2)";
constexpr const char* kOutboxState = "SELECT state FROM outbox WHERE id = :id";
constexpr const char* kRetry = R"(
  UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = :n
  WHERE id = :id AND state = 'failed')";

constexpr const char* kOutboxStates[] = {"queued", "sending", "sent", "failed"};

Json TextPair(const i18n::Text& subject, const i18n::Text& body, bool english) {
  return Json{{"subject", english ? subject.en : subject.zh},
              {"body", english ? body.en : body.zh}};
}

// An inbox row, in the reader's language and, under "texts", in both.
Json InboxItem(const db::Row& r, bool english) {
  const Rendered text = Render(db::Text(r, 1), db::JsonCol(r, 2));
  const auto read_at = db::OptText(r, 5);
  Json item = TextPair(text.subject, text.body, english);
  item.update(Json{{"id", db::Int(r, 0)},
                   {"key", db::Text(r, 1)},
                   {"link", db::Text(r, 3)},
                   {"created_at", db::Text(r, 4)},
                   {"read_at", read_at ? Json(*read_at) : Json(nullptr)},
                   {"texts",
                    {{"zh", TextPair(text.subject, text.body, false)},
                     {"en", TextPair(text.subject, text.body, true)}}}});
  return item;
}

Json OutboxItem(const db::Row& r) {
  auto opt = [&](std::size_t i) {
    auto v = db::OptText(r, i);
    return v ? Json(*v) : Json(nullptr);
  };
  const auto batch = db::OptInt(r, 10);
  return Json{{"id", db::Int(r, 0)},
              {"user_id", db::OptInt(r, 1) ? Json(*db::OptInt(r, 1)) : Json(nullptr)},
              {"to", db::Text(r, 2)},
              {"key", db::Text(r, 3)},
              {"state", db::Text(r, 4)},
              {"attempts", db::Int(r, 5)},
              {"next_attempt_at", opt(6)},
              {"last_error", db::Text(r, 7)},
              {"created_at", db::Text(r, 8)},
              {"sent_at", opt(9)},
              {"batch_id", batch ? Json(*batch) : Json(nullptr)}};
}

// ?unread=true|false (false when absent).
bool UnreadOnly(const http::Request& req) {
  const auto q = req.Query("unread");
  if (!q || *q == "false") return false;
  if (*q == "true") return true;
  throw ApiError::InvalidQuery("unread", "enum",
                               i18n::T("validation.enum", {{"values", "true, false"}}));
}

std::string StateFilter(const http::Request& req) {
  const auto q = req.Query("state");
  if (!q) return "";
  for (const char* s : kOutboxStates) {
    if (*q == s) return std::string(*q);
  }
  throw ApiError::InvalidQuery(
      "state", "enum", i18n::T("validation.enum", {{"values", "queued, sending, sent, failed"}}));
}

Json TextsSchema() {
  const Json pair{
      {"type", "object"},
      {"required", {"subject", "body"}},
      {"properties", {{"subject", {{"type", "string"}}}, {"body", {{"type", "string"}}}}}};
  return Json{
      {"type", "object"}, {"required", {"zh", "en"}}, {"properties", {{"zh", pair}, {"en", pair}}}};
}

Json InboxItemSchema() {
  const Json text{{"type", "string"}};
  return Json{
      {"type", "object"},
      {"required", {"id", "key", "subject", "body", "link", "created_at", "read_at", "texts"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"key", text},
        {"subject", text},
        {"body", text},
        {"link", text},
        {"created_at", text},
        {"read_at", {{"type", "string"}, {"nullable", true}}},
        {"texts", http::Ref("NotificationTexts")}}}};
}

Json OutboxItemSchema() {
  const Json text{{"type", "string"}};
  const Json opt_text{{"type", "string"}, {"nullable", true}};
  return Json{{"type", "object"},
              {"required",
               {"id", "user_id", "to", "key", "state", "attempts", "next_attempt_at", "last_error",
                "created_at", "sent_at", "batch_id"}},
              {"properties",
               {{"id", {{"type", "integer"}}},
                // null: a message to someone without an account (notify::SendTo)
                {"user_id", {{"type", "integer"}, {"nullable", true}}},
                {"to", text},
                {"key", text},
                {"state", {{"type", "string"}, {"enum", {"queued", "sending", "sent", "failed"}}}},
                {"attempts", {{"type", "integer"}}},
                {"next_attempt_at", opt_text},
                {"last_error", text},
                {"created_at", text},
                {"sent_at", opt_text},
                {"batch_id", {{"type", "integer"}, {"nullable", true}}}}}};
}

}  // namespace

void Register(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "notifications");
  api.Component("NotificationTexts", TextsSchema());
  api.Component("InboxItem", InboxItemSchema());
  api.Component("OutboxItem", OutboxItemSchema());

  // --- every signed-in user: their own inbox

  api.Get(
      "/api/v1/inbox",
      Doc("listInbox", "The caller's messages, newest first, in their language and both")
          .Query({"page", "page_size", "unread"})
          .Returns(http::PageOf(http::Ref("InboxItem"))),
      [&db](const Call& call) {
        const auto& who = call.who();
        const auto page = http::ParsePage(call.request());
        const int unread = UnreadOnly(call.request()) ? 1 : 0;
        const bool english = detail::LanguageOf(who.locale) == detail::Language::kEn;
        return db.Read([&](db::Session& s) {
          Json items = Json::array();
          s.Query(
              kInboxPage,
              {{"u", who.user_id}, {"unread", unread}, {"lim", page.size}, {"off", page.Offset()}},
              [&](const db::Row& r) { items.push_back(InboxItem(r, english)); });
          const long long total =
              s.Int(kInboxTotal, {{"u", who.user_id}, {"unread", unread}}).value_or(0);
          return Reply(http::PageJson(std::move(items), total, page));
        });
      });

  api.Get("/api/v1/inbox/unread-count",
          Doc("getInboxUnreadCount", "How many of the caller's messages are unread")
              .Quick()
              .Returns({{"type", "object"},
                        {"required", {"unread"}},
                        {"properties", {{"unread", {{"type", "integer"}}}}}}),
          [&db](const Call& call) {
            const long long n = db.Read([&](db::Session& s) {
              return s.Int(kUnreadCount, {{"u", call.who().user_id}}).value_or(0);
            });
            return Reply({{"unread", n}});
          });

  // Reading one's own messages changes nothing anyone else sees: not audited.
  api.Post(
      "/api/v1/inbox/{id}/read",
      Doc("markInboxRead", "Mark one of the caller's messages read (again: no change)").NoContent(),
      [&db](const Call& call) {
        const long long id = call.Id(), user = call.who().user_id;
        const bool mine = db.Write([&](db::Session& s) {
          if (s.Int(kIsMine, {{"id", id}, {"u", user}}).value_or(0) == 0) return false;
          s.Exec(kMarkRead, {{"n", clock::NowIso()}, {"id", id}, {"u", user}});
          return true;
        });
        if (!mine) throw ApiError::NotFound();  // someone else's is like none
        return http::Response::NoContent();
      });

  api.Post("/api/v1/inbox/read-all",
           Doc("markInboxAllRead", "Mark every message of the caller read")
               .Returns({{"type", "object"},
                         {"required", {"marked"}},
                         {"properties", {{"marked", {{"type", "integer"}}}}}}),
           [&db](const Call& call) {
             const long long n = db.Write([&](db::Session& s) {
               return s.Exec(kMarkAllRead, {{"n", clock::NowIso()}, {"u", call.who().user_id}});
             });
             return Reply({{"marked", n}});
           });

  // --- the system administrator: the outbox

  api.Get("/api/v1/outbox",
          Doc("listOutbox", "The e-mails queued, sent and failed (addresses, never the texts)")
              .Roles({"admin"})
              .Query({"state", "page", "page_size"})
              .Returns(http::PageOf(http::Ref("OutboxItem"))),
          [&db](const Call& call) {
            const auto page = http::ParsePage(call.request());
            const std::string state = StateFilter(call.request());
            return db.Read([&](db::Session& s) {
              Json items = Json::array();
              s.Query(
                  std::string(kOutboxColumns) + kOutboxAll,
                  {{"state", state}, {"state2", state}, {"lim", page.size}, {"off", page.Offset()}},
                  [&](const db::Row& r) { items.push_back(OutboxItem(r)); });
              const long long total =
                  s.Int(kOutboxTotal, {{"state", state}, {"state2", state}}).value_or(0);
              return Reply(http::PageJson(std::move(items), total, page));
            });
          });

  api.Post("/api/v1/outbox/{id}/retry",
           Doc("retryOutbox", "Send a failed e-mail again now (its attempts start over)")
               .Roles({"admin"})
               .Returns(http::Ref("OutboxItem")),
           [&db](const Call& call) {
             const long long id = call.Id();
             return db.Write([&](db::Session& s) {
               const auto state = s.Text(kOutboxState, {{"id", id}});
               if (!state) throw ApiError::NotFound();
               if (s.Exec(kRetry, {{"n", clock::NowIso()}, {"id", id}}) == 0) {
                 throw ApiError::Conflict("not_failed",
                                          i18n::T("error.outbox_not_failed", {{"state", *state}}));
               }
               audit::Append(s, audit::By(call.who(), "outbox.retry", "outbox", std::to_string(id),
                                          {{"state_before", *state}}));
               Json item;
               s.Query(std::string(kOutboxColumns) + " WHERE id = :id", {{"id", id}},
                       [&](const db::Row& r) { item = OutboxItem(r); });
               return Reply(item);
             });
           });

  detail::RegisterBatches(app);
}

}  // namespace waishi::notify
