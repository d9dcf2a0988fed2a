#include "core/db/backup.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/db/database.h"

namespace waishi::db {
namespace {

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("waishi-backup-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "live.db").string();
    auto db = Database::Open(url_, 1);
    db->Write([](Session& s) {
      s.Run("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
      s.Exec("INSERT INTO notes (text) VALUES (:t)", {{"t", "kept"}});
    });
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string url_;
};

TEST_F(BackupTest, ACopyTakenWhileTheDatabaseIsOpenRestoresIntoAnEmptyOneOnly) {
  auto live = Database::Open(url_, 1);  // open, as under a running server
  const auto file = dir_ / "copy.backup";
  Backup(url_, file);
  live->Write([](Session& s) { s.Exec("INSERT INTO notes (text) VALUES (:t)", {{"t", "later"}}); });

  const std::string target = "sqlite:" + (dir_ / "restored.db").string();
  EXPECT_FALSE(HoldsTables(target));
  Restore(target, file, false);
  EXPECT_TRUE(HoldsTables(target));
  auto restored = Database::Open(target, 1);
  EXPECT_EQ(restored->Read([](Session& s) { return s.Int("SELECT COUNT(*) FROM notes"); }), 1);
  EXPECT_THROW(Restore(target, file, false), BackupError);
  EXPECT_THROW(
      Restore("sqlite:" + (dir_ / "other.db").string(), url_.substr(7) + "-missing", false),
      BackupError);
}

TEST_F(BackupTest, TheScheduledBackupsKeepTheNewestOnly) {
  std::vector<std::filesystem::path> made;
  for (int i = 0; i < 4; ++i) {
    made.push_back(BackupInto(url_, dir_ / "backups", 2));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // instants to the millisecond
  }
  std::vector<std::filesystem::path> left;
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "backups"))
    left.push_back(e.path());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::filesystem::path>{made[2], made[3]}));
}

}  // namespace
}  // namespace waishi::db
