// For tests: a fresh, empty database for one test, on either engine. SQLite is a file in
// a temporary folder; PostgreSQL is a database created on the server WAISHI_TEST_PG_URL
// names (scripts/with-postgres.sh provides one) and dropped afterwards. Without that
// variable the PostgreSQL instances of a test are skipped.
//
//   class MyTest : public ::testing::TestWithParam<db::Dialect> { … };
//   INSTANTIATE_TEST_SUITE_P(Engines, MyTest, db::kBothEngines, db::EngineName);
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "core/db/database.h"

namespace waishi::db {

inline const auto kBothEngines = ::testing::Values(Dialect::kSqlite, Dialect::kPostgres);

inline std::string EngineName(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
}

class ScratchDatabase {
 public:
  // The PostgreSQL server's URL, or "" when the tests have none.
  static std::string PostgresUrl() {
    const char* url = std::getenv("WAISHI_TEST_PG_URL");
    return url ? url : "";
  }

  explicit ScratchDatabase(Dialect dialect) : dialect_(dialect) {
    static std::atomic<int> counter{0};
    const std::string name =
        "waishi_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (dialect == Dialect::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() / name;
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "test.db").string();
      return;
    }
    const std::string server = PostgresUrl();
    // postgresql://user@host:port/db?options → the same with this test's database name
    const std::size_t query = server.find('?');
    const std::size_t slash = server.rfind('/', query);
    url_ = server.substr(0, slash + 1) + name +
           (query == std::string::npos ? "" : server.substr(query));
    name_ = name;
    Admin("CREATE DATABASE " + name_ +
          " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'");
  }

  ~ScratchDatabase() {
    if (dialect_ == Dialect::kSqlite) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    } else {
      Admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
  }

  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& url() const { return url_; }

 private:
  // Runs a statement on the server's own database (CREATE/DROP DATABASE cannot run inside
  // the database they name, nor in a transaction).
  static void Admin(const std::string& sql) {
    auto admin = Database::Open(PostgresUrl(), 1);
    admin->Read([&](Session& s) { s.Run(sql); });
  }

  Dialect dialect_;
  std::filesystem::path dir_;
  std::string name_;
  std::string url_;
};

// Skips the test when it is a PostgreSQL instance and no server is given.
#define WAISHI_SKIP_WITHOUT_ENGINE(dialect)                                               \
  do {                                                                                    \
    if ((dialect) == ::waishi::db::Dialect::kPostgres &&                                  \
        ::waishi::db::ScratchDatabase::PostgresUrl().empty())                             \
      GTEST_SKIP() << "WAISHI_TEST_PG_URL is not set (scripts/with-postgres.sh sets it)"; \
  } while (0)

// A test on each engine against a fresh database with the core's migrations applied:
//
//   class MyTest : public db::CoreDatabaseTest {
//     void SetUp() override {
//       CoreDatabaseTest::SetUp();
//       if (IsSkipped()) return;
//       …  // db_ is ready
//     }
//   };
//   INSTANTIATE_TEST_SUITE_P(Engines, MyTest, db::kBothEngines, db::EngineName);
//
// The database closes, then is dropped, after the derived fixture's own members are gone.
class CoreDatabaseTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    WAISHI_SKIP_WITHOUT_ENGINE(GetParam());
    scratch_ = std::make_unique<ScratchDatabase>(GetParam());
    db_ = Database::Open(scratch_->url(), 2);
    db_->Migrate("core", "migrations/core/");
  }

  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<Database> db_;
};

}  // namespace waishi::db
