// Several servers on one database, as two Database objects on one URL: the data epoch each
// sees, whether one is alone, migrations started together, notifications from one to the other, and
// the live views relayed through them.
#include "core/db/notifications.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "core/db/presence.h"
#include "core/db/scratch_database.h"
#include "core/http/live.h"
#include "core/http/live_relay.h"
#include "core/no_wait.h"

namespace waishi::db {
namespace {

using namespace std::chrono_literals;

// What arrives on another thread, waited for with a bound.
class Inbox {
 public:
  void Add(std::string text) {
    {
      std::lock_guard lock(mu_);
      got_.push_back(std::move(text));
    }
    cv_.notify_all();
  }
  // Waits until `n` items arrived (or 10 s passed) and returns them.
  std::vector<std::string> Wait(std::size_t n) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, 10s, [&] { return got_.size() >= n; });
    return got_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> got_;
};

class SharedDatabaseTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    WAISHI_SKIP_WITHOUT_ENGINE(GetParam());
    scratch_ = std::make_unique<ScratchDatabase>(GetParam());
    one_ = Database::Open(scratch_->url(), 2);
    two_ = Database::Open(scratch_->url(), 2);
  }
  void TearDown() override {
    one_.reset();
    two_.reset();
    scratch_.reset();
  }
  // Whether `holds` comes true within 5 s.
  template <typename Predicate>
  static bool Within5s(Predicate holds) {
    for (int i = 0; i < 500 && !holds(); ++i) std::this_thread::sleep_for(10ms);
    return holds();
  }
  static bool BecomesAlone(const Database& db) {
    return Within5s([&] { return db.Alone(); });
  }
  static void WaitUntilListening(const Listening& l) {
    ASSERT_TRUE(Within5s([&] { return l.listening(); }));
  }

  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<Database> one_, two_;
};

TEST_P(SharedDatabaseTest, AWriteThroughOneServerMovesTheEpochTheOtherSees) {
  one_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  const std::uint64_t before = two_->DataEpoch();
  one_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (1)"); });
  if (GetParam() == Dialect::kSqlite) {
    // One server per SQLite file: the other process's write is not seen (a cache's age bounds it).
    EXPECT_FALSE(two_->Shared());
    EXPECT_EQ(two_->DataEpoch(), before);
    return;
  }
  EXPECT_TRUE(two_->Shared());
  const std::uint64_t after = two_->DataEpoch();
  EXPECT_GT(after, before);
  EXPECT_EQ(one_->DataEpoch(), after);
  // Appends to a log do not move it.
  one_->WriteDetached([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (2)"); },
                      Database::Writes::kLog);
  one_->Flush();
  EXPECT_EQ(two_->DataEpoch(), after);
}

// A request pays one epoch query for all its reads: another server's write committed after the
// request began need not show in it, one committed before must, and its own write always does.
TEST_P(SharedDatabaseTest, ARequestSeesTheEpochOfItsBeginningAndOfItsOwnWrites) {
  if (GetParam() == Dialect::kSqlite) GTEST_SKIP() << "the epoch is shared on PostgreSQL only";
  one_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  const std::uint64_t before = two_->DataEpoch();  // a read outside any request, kept
  one_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (1)"); });
  {
    Database::RequestEpoch request(*two_);
    // Written before the request began: the kept read began too early to answer it.
    const std::uint64_t first = two_->DataEpoch();
    EXPECT_GT(first, before);
    // Written by another server while the request runs: the request's first read answers.
    one_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (2)"); });
    EXPECT_EQ(two_->DataEpoch(), first);
    // Written by this server: read again, and the other server's write shows with it.
    two_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (3)"); });
    const std::uint64_t own = two_->DataEpoch();
    EXPECT_EQ(own, first + 2);
    EXPECT_EQ(two_->DataEpoch(), own);
  }
  // Outside a request, every call reads after it began.
  one_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (4)"); });
  EXPECT_EQ(two_->DataEpoch(), before + 4);
}

// Many requests at once share the query under way instead of queuing one each; each still
// sees every write committed before it began.
TEST_P(SharedDatabaseTest, ConcurrentRequestsSeeEveryWriteCommittedBeforeThey) {
  if (GetParam() == Dialect::kSqlite) GTEST_SKIP() << "the epoch is shared on PostgreSQL only";
  one_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  std::atomic<std::uint64_t> committed = one_->DataEpoch();
  std::atomic<bool> stop = false;
  std::atomic<int> stale = 0, reads = 0;
  std::thread writer([&] {
    while (!stop) {
      one_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (1)"); });
      committed = one_->DataEpoch();
    }
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 6; ++r) {
    readers.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        const std::uint64_t known = committed;  // committed before the request begins
        Database::RequestEpoch request(*two_);
        if (two_->DataEpoch() < known) ++stale;
        ++reads;
      }
    });
  }
  for (auto& t : readers) t.join();
  stop = true;
  writer.join();
  EXPECT_EQ(reads, 1200);
  EXPECT_EQ(stale, 0);
}

// A process alone on its database trusts its own writes and asks the database nothing for its
// epoch; one arriving waits until the others stopped trusting theirs (db/presence.h).
TEST_P(SharedDatabaseTest, AProcessAloneTrustsItsOwnWritesUntilAnotherArrives) {
  if (GetParam() == Dialect::kSqlite) {
    EXPECT_FALSE(one_->Alone());
    const NoWaiting io_thread;  // SQLite's reads are local: nothing would wait
    EXPECT_EQ(one_->Read([](Session& s) { return s.Int("SELECT 1"); }), 1);
    return;
  }
  one_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  EXPECT_FALSE(one_->Alone());
  EXPECT_FALSE(two_->Alone());
  {
    // Not alone: the epoch is a query, which an I/O thread must not wait for.
    const NoWaiting io_thread;
    EXPECT_THROW(one_->DataEpoch(), WouldWait);
    EXPECT_THROW(one_->Read([](Session& s) { return s.Int("SELECT 1"); }), WouldWait);
  }
  two_.reset();  // says it is leaving: the other looks again at once
  ASSERT_TRUE(BecomesAlone(*one_));
  std::uint64_t alone_epoch = 0;
  {
    const NoWaiting io_thread;
    alone_epoch = one_->DataEpoch();  // from memory
    EXPECT_THROW(one_->Read([](Session& s) { return s.Int("SELECT 1"); }), WouldWait);
  }
  one_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (1)"); });
  EXPECT_GT(one_->DataEpoch(), alone_epoch);
  alone_epoch = one_->DataEpoch();
  // Another arrives: by the time it can write, the first asks the database again, and sees it.
  two_ = Database::Open(scratch_->url(), 1);
  EXPECT_FALSE(one_->Alone());
  const std::uint64_t shared = one_->DataEpoch();
  EXPECT_NE(shared, alone_epoch);
  two_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (2)"); });
  EXPECT_GT(one_->DataEpoch(), shared);
  // Alone again after the second left: a number it never had before, so that nothing kept
  // while it was alone the first time holds (the other wrote meanwhile).
  two_.reset();
  ASSERT_TRUE(BecomesAlone(*one_));
  EXPECT_GT(one_->DataEpoch(), alone_epoch);
}

// A process whose presence connection is down (or not back yet) still writes through its
// writing connection: that connection holds its own lock, and before its first write waits until
// the others stopped trusting themselves, as an arriving process does (db/presence.h). Here the
// other process is only such a connection.
TEST_P(SharedDatabaseTest, AWriterWhosePresenceIsDownIsSeenBeforeItWrites) {
  if (GetParam() == Dialect::kSqlite) GTEST_SKIP() << "presence is PostgreSQL's";
  two_.reset();
  ASSERT_TRUE(BecomesAlone(*one_));
  const std::uint64_t alone_epoch = one_->DataEpoch();
  Session writer(std::make_unique<soci::session>(*soci::factory_postgresql(),
                                                 Url::Parse(scratch_->url()).target),
                 Dialect::kPostgres);
  Presence::ArriveToWrite(writer, 0);
  EXPECT_FALSE(one_->Alone()) << "not trusting itself by the time the other may write";
  writer.Run("UPDATE data_epoch SET n = n + 1 WHERE one = 1");  // what a writer's commit does
  const std::uint64_t shared = one_->DataEpoch();
  EXPECT_NE(shared, alone_epoch);
  // Seen for as long as that connection lasts, not only as it arrived.
  std::this_thread::sleep_for(2 * Presence::kLookAgain);
  EXPECT_FALSE(one_->Alone());
  writer.Run("UPDATE data_epoch SET n = n + 1 WHERE one = 1");
  EXPECT_GT(one_->DataEpoch(), shared);
}

TEST_P(SharedDatabaseTest, MigrationsStartedTogetherAreAppliedOnce) {
  std::vector<int> applied(2, -1);
  std::thread a([&] { applied[0] = one_->Migrate("widgets", "src/core/db/testdata/"); });
  std::thread b([&] { applied[1] = two_->Migrate("widgets", "src/core/db/testdata/"); });
  a.join();
  b.join();
  EXPECT_EQ(applied[0] + applied[1], 1);
  EXPECT_EQ(one_->Read([](Session& s) {
    return s.Int("SELECT COUNT(*) FROM schema_migrations WHERE module = 'widgets'").value_or(-1);
  }),
            1);
}

TEST_P(SharedDatabaseTest, ANotificationReachesTheOtherServerWhenItsWriteCommits) {
  Inbox inbox;
  Listening listening(two_->url().target, "waishi_test",
                      [&](std::string_view payload) { inbox.Add(std::string(payload)); });
  if (GetParam() == Dialect::kSqlite) {
    EXPECT_FALSE(Notify(*one_, "waishi_test", "hello"));
    return;
  }
  WaitUntilListening(listening);
  EXPECT_TRUE(Notify(*one_, "waishi_test", "hello"));
  EXPECT_TRUE(Notify(*one_, "waishi_test", "again"));
  // Too large for PostgreSQL: refused here rather than failing the write it would ride on.
  EXPECT_FALSE(Notify(*one_, "waishi_test", std::string(kMaxNotification + 1, 'x')));
  one_->Flush();
  EXPECT_EQ(inbox.Wait(2), (std::vector<std::string>{"hello", "again"}));
}

TEST_P(SharedDatabaseTest, ListeningRefusesAChannelThatIsNoPlainName) {
  EXPECT_THROW(Listening(one_->url().target, "x; DROP TABLE t", [](std::string_view) {}),
               std::invalid_argument);
}

// A stream that keeps what it is sent.
class Recorder final : public live::Listener {
 public:
  explicit Recorder(Inbox& inbox) : inbox_(inbox) {}
  bool Write(std::string text) override {
    inbox_.Add(std::move(text));
    return true;
  }

 private:
  Inbox& inbox_;
};

TEST_P(SharedDatabaseTest, ALiveEventPublishedOnOneServerReachesTheOthersListeners) {
  live::Hub hub_one, hub_two;
  auto relay_one = live::RelayThroughDatabase(hub_one, *one_);
  auto relay_two = live::RelayThroughDatabase(hub_two, *two_);
  Inbox here, there;
  hub_one.Listen("incident/1", std::make_shared<Recorder>(here));
  hub_two.Listen("incident/1", std::make_shared<Recorder>(there));
  if (GetParam() == Dialect::kSqlite) {
    EXPECT_EQ(relay_one, nullptr);
    EXPECT_EQ(hub_one.Publish("incident/1", "x"), 1u);
    EXPECT_EQ(here.Wait(1), std::vector<std::string>{"x"});
    return;
  }
  WaitUntilListening(*relay_one);
  WaitUntilListening(*relay_two);
  hub_one.Publish("incident/2", "not this topic");
  hub_one.Publish("incident/1", "event: answer\ndata: {}\n\n");
  one_->Flush();
  EXPECT_EQ(there.Wait(1), std::vector<std::string>{"event: answer\ndata: {}\n\n"});
  // The sender's own listeners got it once, directly, not again from the database.
  hub_two.Publish("incident/1", "back");
  two_->Flush();
  EXPECT_EQ(here.Wait(2), (std::vector<std::string>{"event: answer\ndata: {}\n\n", "back"}));
  EXPECT_EQ(there.Wait(2), (std::vector<std::string>{"event: answer\ndata: {}\n\n", "back"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, SharedDatabaseTest, kBothEngines, EngineName);

}  // namespace
}  // namespace waishi::db
