// Send() in the caller's transaction and the mailer's claim, on both engines. The mail itself
// (a real SMTP server) is tests/api/notifications.test.mjs.
#include "core/notify/notify.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "core/clock.h"
#include "core/db/scratch_database.h"
#include "core/notify/mail.h"
#include "core/notify/mailer.h"

namespace waishi::notify {
namespace {

class NotifyTest : public db::CoreDatabaseTest {
 protected:
  void SetUp() override {
    CoreDatabaseTest::SetUp();
    if (IsSkipped()) return;
    db_->Write([&](db::Session& s) {
      const std::string now = clock::NowIso();
      const long long org = *s.Int(
          "INSERT INTO organizations (kind, name_zh, name_en, created_at) "
          "VALUES ('department', '部门', 'Dept', :n) RETURNING id",
          {{"n", now}});
      auto user = [&](const char* name, const char* email) {
        return *s.Int(
            "INSERT INTO users (username, password_hash, display_name, email, org_id, "
            "created_at) VALUES (:u, 'x', :u2, :e, :o, :n) RETURNING id",
            {{"u", name}, {"u2", name}, {"e", email}, {"o", org}, {"n", now}});
      };
      with_email_ = user("with.email", "a@example.test");
      without_email_ = user("without.email", "");
    });
  }
  long long Count(const std::string& sql) {
    return db_->Read([&](db::Session& s) { return s.Int(sql).value_or(-1); });
  }

  long long with_email_ = 0, without_email_ = 0;
};

// A value said differently in each language ({"zh", "en"}) goes into each language's text;
// a plain string into both.
TEST(NotifyRender, ABilingualArgumentFillsEachLanguageWithItsOwnText) {
  const Rendered r = Render("notify.announce.notice",
                            Json{{"title", {{"zh", "德国"}, {"en", "Germany"}}}, {"text", "B"}});
  EXPECT_EQ(r.subject.zh, "通知:德国");
  EXPECT_EQ(r.subject.en, "Notice: Germany");
  EXPECT_EQ(r.body.en.substr(0, 1), "B");
  EXPECT_EQ(r.body.zh.substr(0, 1), "B");
}

TEST_P(NotifyTest, SendWritesTheInboxAndTheOutboxOnlyForAnAddress) {
  db_->Write([&](db::Session& s) {
    const std::vector<std::pair<std::string, Json>> args = {{"title", "T"}, {"text", "B"}};
    Send(s, {.user_id = with_email_, .key = "notify.announce.notice", .args = args, .link = "/x"});
    Send(s, {.user_id = without_email_, .key = "notify.announce.notice", .args = args});
    Send(s,
         {.user_id = with_email_, .key = "notify.announce.notice", .args = args, .email = false});
  });
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE state = 'queued' AND attempts = 0"), 1);
  EXPECT_EQ(db_->Read([](db::Session& s) { return s.Text("SELECT to_address FROM outbox"); }),
            "a@example.test");
}

TEST_P(NotifyTest, AnUnknownKeyThrowsAndTheTransactionWritesNothing) {
  EXPECT_THROW(db_->Write([&](db::Session& s) {
    Send(s, {.user_id = with_email_, .key = "notify.announce.notice"});
    Send(s, {.user_id = with_email_, .key = "no.such.message"});
  }),
               std::logic_error);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 0);
}

// Nothing listens on port 1: each attempt fails at once.
SmtpOptions Unreachable() {
  return SmtpOptions{"smtp://127.0.0.1:1", "noreply@example.test", "", "", ""};
}

TEST_P(NotifyTest, AFailedAttemptIsRetriedAfterTheBackoffOnly) {
  db_->Write(
      [&](db::Session& s) { Send(s, {.user_id = with_email_, .key = "notify.announce.notice"}); });
  Mailer mailer(*db_, Unreachable());
  EXPECT_EQ(mailer.RunOnce(), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE state = 'failed' AND attempts = 1 "
                  "AND last_error <> ''"),
            1);
  const std::string next =
      *db_->Read([](db::Session& s) { return s.Text("SELECT next_attempt_at FROM outbox"); });
  EXPECT_GT(next, clock::IsoAfter(std::chrono::seconds(50)));
  EXPECT_LT(next, clock::IsoAfter(std::chrono::seconds(70)));
  EXPECT_EQ(mailer.RunOnce(), 0) << "not due before a minute";
  // Due again, and given up after the last attempt.
  db_->Write([](db::Session& s) {
    s.Exec("UPDATE outbox SET next_attempt_at = :n, attempts = :a",
           {{"n", clock::NowIso()}, {"a", mail::kMaxAttempts - 1}});
  });
  EXPECT_EQ(mailer.RunOnce(), 1);
  EXPECT_EQ(Count("SELECT attempts FROM outbox"), mail::kMaxAttempts);
  db_->Write([](db::Session& s) {
    s.Exec("UPDATE outbox SET next_attempt_at = :n", {{"n", clock::NowIso()}});
  });
  EXPECT_EQ(mailer.RunOnce(), 0) << "no attempt after the last";
}

TEST_P(NotifyTest, TwoMailersSendEachMessageOnce) {
  db_->Write([&](db::Session& s) {
    for (int i = 0; i < 20; ++i) {
      Send(s, {.user_id = with_email_, .key = "notify.announce.notice"});
    }
  });
  // A second server on the same database: its own connections.
  auto other = db::Database::Open(scratch_->url(), 2);
  Mailer a(*db_, Unreachable()), b(*other, Unreachable());
  std::atomic<int> tried{0};
  std::thread ta([&] { tried += a.RunOnce(); });
  std::thread tb([&] { tried += b.RunOnce(); });
  ta.join();
  tb.join();
  EXPECT_EQ(tried.load(), 20);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE attempts = 1 AND state = 'failed'"), 20);
}

TEST_P(NotifyTest, AClaimWhoseMailerDiedIsDueAgainAfterTheLease) {
  db_->Write([&](db::Session& s) {
    Send(s, {.user_id = with_email_, .key = "notify.announce.notice"});
    s.Exec("UPDATE outbox SET state = 'sending', next_attempt_at = :n",
           {{"n", clock::IsoAfter(std::chrono::minutes(5))}});
  });
  Mailer mailer(*db_, Unreachable());
  EXPECT_EQ(mailer.RunOnce(), 0) << "claimed by a living mailer";
  db_->Write([](db::Session& s) {
    s.Exec("UPDATE outbox SET next_attempt_at = :n", {{"n", clock::NowIso()}});
  });
  EXPECT_EQ(mailer.RunOnce(), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, NotifyTest, db::kBothEngines, db::EngineName);

}  // namespace
}  // namespace waishi::notify
