// The database layer on SQLite: group commit isolates a failing job, results come back,
// detached writes land, migrations are applied once.
#include "core/db/database.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <set>
#include <string_view>
#include <thread>

#include "core/db/session.h"
#include "core/resources.h"

namespace waishi::db {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("waishi-db-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "t.db").string();
    db_ = Database::Open(url_, 2);
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  long long Count(const std::string& sql) {
    return db_->Read([&](Session& s) { return s.Int(sql).value_or(-1); });
  }

  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, MigrationsApplyOnceAndAgainIsANoOp) {
  // One per version number: a .sqlite.sql / .postgresql.sql pair is one migration.
  constexpr std::string_view kFolder = "migrations/core/";
  std::set<std::string_view> versions;
  for (std::string_view path : ResourcesUnder(kFolder))
    versions.insert(path.substr(kFolder.size(), 4));
  const int count = static_cast<int>(versions.size());
  ASSERT_GE(count, 5);
  EXPECT_EQ(db_->Migrate("core", std::string(kFolder)), count);
  EXPECT_EQ(db_->Migrate("core", std::string(kFolder)), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM schema_migrations"), count);
}

TEST_F(DatabaseTest, EachModuleNumbersItsMigrationsFromOne) {
  db_->Migrate("core", "migrations/core/");
  EXPECT_EQ(db_->Migrate("widgets", "src/core/db/testdata/"), 1);
  EXPECT_EQ(db_->Migrate("widgets", "src/core/db/testdata/"), 0);
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM schema_migrations WHERE module = 'widgets' AND version = 1"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM test_widgets"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM schema_migrations WHERE module = 'core' AND version = 1"),
            1);
}

TEST_F(DatabaseTest, AFailingJobRollsBackAloneInItsBatch) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER NOT NULL UNIQUE)"); });
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&, i] {
      try {
        db_->Write([&](Session& s) {
          s.Exec("INSERT INTO t (v) VALUES (:v)", {{"v", i}});
          if (i % 4 == 0) throw std::runtime_error("job fails");
        });
      } catch (const std::runtime_error&) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 10);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 30);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t WHERE v % 4 = 0"), 0);
}

TEST_F(DatabaseTest, DeferredWorkRunsAtTheEndOfTheBatchAndNotForAFailedJob) {
  db_->Write([](Session& s) {
    s.Run("CREATE TABLE t (v INTEGER NOT NULL)");
    s.Run("CREATE TABLE d (v INTEGER NOT NULL, seen INTEGER NOT NULL)");
  });
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&, i] {
      try {
        db_->Write([&](Session& s) {
          s.Defer([i](Session& w) {
            w.Exec("INSERT INTO d (v, seen) SELECT :v, COUNT(*) FROM t WHERE v = :v", {{"v", i}});
          });
          // After the Defer() call, and still seen by what it deferred.
          s.Exec("INSERT INTO t (v) VALUES (:v)", {{"v", i}});
          if (i % 4 == 0) throw std::runtime_error("job fails");
        });
      } catch (const std::runtime_error&) {
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM d"), 30);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM d WHERE v % 4 = 0"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM d WHERE seen = 1"), 30);
}

TEST_F(DatabaseTest, AJobAloneThatFailsLeavesNothingAndTheWriterGoesOn) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER NOT NULL)"); });
  // One job at a time (each waits for the last): every batch holds one job.
  EXPECT_THROW(db_->Write([](Session& s) {
    s.Defer([](Session& w) { w.Exec("INSERT INTO t (v) VALUES (2)"); });
    s.Exec("INSERT INTO t (v) VALUES (1)");
    throw std::runtime_error("job fails");
  }),
               std::runtime_error);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 0);
  db_->Write([](Session& s) {
    s.Defer([](Session& w) { w.Exec("INSERT INTO t (v) VALUES (4)"); });
    s.Exec("INSERT INTO t (v) VALUES (3)");
  });
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 2);
  EXPECT_EQ(Count("SELECT SUM(v) FROM t"), 7);
}

TEST_F(DatabaseTest, WriteReturnsTheJobsResult) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"); });
  const long long id = db_->Write([](Session& s) {
    return *s.Int("INSERT INTO t (v) VALUES (:v) RETURNING id", {{"v", "x"}});
  });
  EXPECT_EQ(id, 1);
}

TEST_F(DatabaseTest, DetachedWritesAreCommittedByFlush) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  for (int i = 0; i < 100; ++i) {
    db_->WriteDetached([i](Session& s) { s.Exec("INSERT INTO t (v) VALUES (:v)", {{"v", i}}); });
  }
  db_->Flush();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 100);
}

// Detached writes gather until their time is over, unless someone hurries the writer.
TEST_F(DatabaseTest, HurryEndsTheGatheringOfDetachedWrites) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  db_->SetGatherTime(std::chrono::hours(1));
  std::promise<void> committed;
  std::future<void> done = committed.get_future();
  db_->WriteDetached([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (1)"); });
  db_->WriteDetached([&committed](Session&) { committed.set_value(); });
  EXPECT_EQ(done.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 0);
  db_->Hurry();
  EXPECT_EQ(done.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  db_->Flush();  // the transaction of the job above, committed
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 1);
}

TEST_F(DatabaseTest, TheDataEpochMovesWithWritesOfDataOnly) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  const std::uint64_t start = db_->DataEpoch();
  // Appends to a log leave it.
  db_->WriteDetached([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (1)"); },
                     Database::Writes::kLog);
  db_->Flush();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 1);
  EXPECT_EQ(db_->DataEpoch(), start);
  // Any other write moves it before its caller hears back, detached or not, failed or not.
  db_->WriteDetached([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (2)"); });
  db_->Flush();
  const std::uint64_t after_detached = db_->DataEpoch();
  EXPECT_GT(after_detached, start);
  db_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (3)"); });
  const std::uint64_t after_write = db_->DataEpoch();
  EXPECT_GT(after_write, after_detached);
  EXPECT_THROW(db_->Write([](Session& s) { s.Exec("INSERT INTO no_such_table VALUES (4)"); }),
               std::exception);
  EXPECT_GT(db_->DataEpoch(), after_write);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 3);
}

TEST_F(DatabaseTest, CommittedWritesSurviveReopening) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  db_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (7)"); });
  db_.reset();
  db_ = Database::Open(url_, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t WHERE v = 7"), 1);
}

// The journal mode of the connection (the writer's, in a write job).
std::string JournalMode(Session& s) { return s.Text("PRAGMA journal_mode").value_or(""); }

TEST_F(DatabaseTest, ABulkWriteAloneWithTheFileUsesARollbackJournalThenTheWalAgain) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  std::string during;
  const long long written = db_->WriteBulk([&](Session& s) {
    during = JournalMode(s);
    for (int i = 0; i < 1000; ++i) s.Exec("INSERT INTO t (v) VALUES (:v)", {{"v", i}});
    return 1000LL;
  });
  EXPECT_EQ(written, 1000);
  EXPECT_EQ(during, "delete");
  // The readers are open again, and see it all; the writer is back in the WAL.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 1000);
  EXPECT_EQ(db_->Write([](Session& s) { return JournalMode(s); }), "wal");
  EXPECT_TRUE(std::filesystem::exists(dir_ / "t.db-wal"));
  // Readers of the pool work side by side again (two leased at once).
  db_->Read([&](Session& a) {
    db_->Read([&](Session& b) {
      EXPECT_EQ(a.Int("SELECT COUNT(*) FROM t"), 1000);
      EXPECT_EQ(b.Int("SELECT SUM(v) FROM t"), 999 * 1000 / 2);
    });
  });
}

TEST_F(DatabaseTest, ABulkWriteThatFailsLeavesNothingAndTheWalBack) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  EXPECT_THROW(db_->WriteBulk([](Session& s) {
    s.Exec("INSERT INTO t (v) VALUES (1)");
    throw std::runtime_error("bulk fails");
  }),
               std::runtime_error);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 0);
  EXPECT_EQ(db_->Write([](Session& s) { return JournalMode(s); }), "wal");
  db_->Write([](Session& s) { s.Exec("INSERT INTO t (v) VALUES (2)"); });
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 1);
}

TEST_F(DatabaseTest, ABulkWriteStaysInTheWalWhileAnotherConnectionHasTheFile) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  auto other = Database::Open(url_, 1);  // another process, as far as the file can tell
  std::string during;
  db_->WriteBulk([&](Session& s) {
    during = JournalMode(s);
    s.Exec("INSERT INTO t (v) VALUES (1)");
  });
  EXPECT_EQ(during, "wal");
  EXPECT_EQ(other->Read([](Session& s) { return s.Int("SELECT COUNT(*) FROM t"); }), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 1);
}

TEST_F(DatabaseTest, ABulkWriteWhileAReadIsUnderWayStaysInTheWal) {
  db_->Write([](Session& s) { s.Run("CREATE TABLE t (v INTEGER)"); });
  std::string during;
  db_->Read([&](Session& r) {
    // The read holds a reader of the pool: the bulk write cannot close it, and must not wait.
    db_->WriteBulk([&](Session& s) {
      during = JournalMode(s);
      s.Exec("INSERT INTO t (v) VALUES (1)");
    });
    EXPECT_EQ(r.Int("SELECT COUNT(*) FROM t"), 1);
  });
  EXPECT_EQ(during, "wal");
}

// ---------------------------------------------------------------------------------------------
// Session: statements kept per connection
// ---------------------------------------------------------------------------------------------

class SessionTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    db_->Write([](Session& s) {
      s.Run("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, x REAL, v TEXT)");
      s.Exec("INSERT INTO t (n, x, v) VALUES (1, 0.5, 'one'), (2, 1.5, 'two'), (NULL, NULL, NULL)");
    });
  }
};

TEST_F(SessionTest, AStatementRunAgainIsNotPreparedAgain) {
  db_->Write([](Session& s) {
    const std::size_t before = s.prepared();
    for (long long n : {1, 2, 1, 2}) s.Int("SELECT id FROM t WHERE n = :n", {{"n", n}});
    EXPECT_EQ(s.prepared(), before + 1);
    EXPECT_EQ(s.Int("SELECT id FROM t WHERE n = :n", {{"n", 2}}), 2);
    EXPECT_EQ(s.Text("SELECT v FROM t WHERE n = :n", {{"n", 1}}), "one");
    EXPECT_EQ(s.prepared(), before + 2);
  });
}

TEST_F(SessionTest, ValuesOfEveryKindAndNullBind) {
  db_->Write([](Session& s) {
    const char* sql = "SELECT COUNT(*) FROM t WHERE n IS :n";
    EXPECT_EQ(s.Int(sql, {{"n", db::Value()}}), 1);
    EXPECT_EQ(s.Int(sql, {{"n", 2}}), 1);
    EXPECT_EQ(s.Int(sql, {{"n", std::optional<long long>()}}), 1);
    EXPECT_EQ(s.Int("SELECT COUNT(*) FROM t WHERE x > :x", {{"x", 1.0}}), 1);
    EXPECT_EQ(s.Int("SELECT COUNT(*) FROM t WHERE v = :v", {{"v", std::string("two")}}), 1);
    EXPECT_EQ(s.Int("SELECT COUNT(*) FROM t WHERE n = :flag", {{"flag", true}}), 1);
    // The same text with a value of another kind is prepared again, not misread.
    EXPECT_EQ(s.Int("SELECT COUNT(*) FROM t WHERE v = :v", {{"v", 1}}), 0);
    EXPECT_EQ(s.Int("SELECT COUNT(*) FROM t WHERE v = :v", {{"v", "one"}}), 1);
    EXPECT_EQ(s.Int("SELECT n FROM t WHERE v IS NULL"), std::nullopt);
    EXPECT_EQ(s.Int("SELECT n FROM t WHERE v = 'none'"), std::nullopt);
  });
}

TEST_F(SessionTest, ParametersBindByNameWhateverTheirOrder) {
  db_->Write([](Session& s) {
    EXPECT_EQ(s.Int("SELECT id FROM t WHERE n = :n AND v = :v", {{"v", "two"}, {"n", 2}}), 2);
  });
}

TEST_F(SessionTest, ExecCountsTheRowsItChanged) {
  db_->Write([](Session& s) {
    EXPECT_EQ(s.Exec("UPDATE t SET v = :v WHERE n IS NOT NULL", {{"v", "x"}}), 2);
    EXPECT_EQ(s.Exec("UPDATE t SET v = :v WHERE n = :n", {{"v", "y"}, {"n", 9}}), 0);
  });
}

TEST_F(SessionTest, AStatementMayRunAgainInsideItsOwnRows) {
  db_->Write([](Session& s) {
    const char* sql = "SELECT id, v FROM t WHERE id <= :id ORDER BY id";
    std::vector<std::string> seen;
    s.Query(sql, {{"id", 2}}, [&](const Row& outer) {
      s.Query(sql, {{"id", Int(outer, 0)}},
              [&](const Row& inner) { seen.push_back(Text(outer, 1) + ":" + Text(inner, 1)); });
    });
    EXPECT_EQ(seen, (std::vector<std::string>{"one:one", "two:one", "two:two"}));
  });
}

TEST_F(SessionTest, AFailedStatementLeavesTheSessionUsable) {
  db_->Write([](Session& s) {
    const char* sql = "SELECT id FROM t WHERE n = :n";
    EXPECT_THROW(s.Query(sql, {{"n", 1}}, [](const Row&) { throw std::runtime_error("stop"); }),
                 std::runtime_error);
    EXPECT_EQ(s.Int(sql, {{"n", 1}}), 1);
    EXPECT_THROW(s.Exec("INSERT INTO nowhere (v) VALUES (:v)", {{"v", 1}}), std::exception);
    EXPECT_EQ(s.Int(sql, {{"n", 2}}), 2);
  });
}

TEST_F(SessionTest, ARefusedStatementsErrorNamesTheSqlButNoValue) {
  db_->Write([](Session& s) {
    try {
      s.Exec("INSERT INTO t (id, v) VALUES (:id, :v)", {{"id", 1}, {"v", "330102199001011234"}});
      ADD_FAILURE() << "a duplicate key was accepted";
    } catch (const Error& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("INSERT INTO t"), std::string::npos) << what;
      EXPECT_EQ(what.find("330102199001011234"), std::string::npos) << what;
    }
  });
}

TEST_F(SessionTest, SqlPutTogetherAtRunTimeBindsEveryValue) {
  db_->Write([](Session& s) {
    Params params;
    std::string in;
    for (const char* v : {"one", "two", "'; DROP TABLE t; --"})
      in += (in.empty() ? "" : ", ") + Bind(params, "v" + std::to_string(params.size()), v);
    EXPECT_EQ(s.Int("SELECT COUNT(*) FROM t WHERE v IN (" + in + ")", params), 2);
    EXPECT_EQ(s.Int("SELECT COUNT(*) FROM t"), 3);
  });
}

TEST(DatabaseUrlTest, ParsesBothEnginesAndRefusesOthers) {
  EXPECT_EQ(Url::Parse("sqlite:data/w.db").dialect, Dialect::kSqlite);
  EXPECT_EQ(Url::Parse("sqlite:data/w.db").target, "data/w.db");
  const Url pg = Url::Parse("postgresql://postgres@127.0.0.1:5432/waishi");
  EXPECT_EQ(pg.dialect, Dialect::kPostgres);
  EXPECT_NE(pg.target.find("dbname='waishi'"), std::string::npos);
  EXPECT_NE(pg.target.find("port='5432'"), std::string::npos);
  EXPECT_THROW(Url::Parse("mysql://x"), std::invalid_argument);
  EXPECT_THROW(Url::Parse("sqlite:"), std::invalid_argument);
}

}  // namespace
}  // namespace waishi::db
