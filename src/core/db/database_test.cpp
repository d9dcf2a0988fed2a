// The database layer on SQLite: group commit isolates a failing job, results come back,
// detached writes land, migrations are applied once.
#include "core/db/database.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "core/db/query.h"

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
    return db_->Read([&](soci::session& s) { return db::Count(s, sql, Binds{}); });
  }

  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, MigrationsApplyOnceAndAgainIsANoOp) {
  EXPECT_EQ(db_->Migrate("core", "migrations/core/"), 2);
  EXPECT_EQ(db_->Migrate("core", "migrations/core/"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM schema_migrations"), 2);
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
  db_->Write([](soci::session& s) { s << "CREATE TABLE t (v INTEGER NOT NULL UNIQUE)"; });
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&, i] {
      try {
        db_->Write([&](soci::session& s) {
          s << "INSERT INTO t (v) VALUES (:v)", soci::use(i);
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

TEST_F(DatabaseTest, WriteReturnsTheJobsResult) {
  db_->Write([](soci::session& s) { s << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"; });
  const long long id = db_->Write([](soci::session& s) {
    long long new_id = 0;
    s << "INSERT INTO t (v) VALUES ('x') RETURNING id", soci::into(new_id);
    return new_id;
  });
  EXPECT_EQ(id, 1);
}

TEST_F(DatabaseTest, DetachedWritesAreCommittedByFlush) {
  db_->Write([](soci::session& s) { s << "CREATE TABLE t (v INTEGER)"; });
  for (int i = 0; i < 100; ++i) {
    db_->WriteDetached(
        [i](soci::session& s) { s << "INSERT INTO t (v) VALUES (:v)", soci::use(i); });
  }
  db_->Flush();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t"), 100);
}

TEST_F(DatabaseTest, CommittedWritesSurviveReopening) {
  db_->Write([](soci::session& s) { s << "CREATE TABLE t (v INTEGER)"; });
  db_->Write([](soci::session& s) { s << "INSERT INTO t (v) VALUES (7)"; });
  db_.reset();
  db_ = Database::Open(url_, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM t WHERE v = 7"), 1);
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
