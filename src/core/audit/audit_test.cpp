// The audit chain: intact after appends; an altered or deleted row is found by Verify().
#include "core/audit/audit.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/db/database.h"
#include "core/db/scratch_database.h"

namespace waishi::audit {
namespace {

class AuditChainTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    WAISHI_SKIP_WITHOUT_ENGINE(GetParam());
    scratch_ = std::make_unique<db::ScratchDatabase>(GetParam());
    db_ = db::Database::Open(scratch_->url(), 1);
    db_->Migrate("core", "migrations/core/");
    for (int i = 1; i <= 5; ++i) {
      db_->Write([&](db::Session& s) {
        Append(s, Entry{i, "user" + std::to_string(i), "127.0.0.1", "case.read", "case",
                        std::to_string(i), Json{{"n", i}}});
      });
    }
  }
  void TearDown() override {
    db_.reset();
    scratch_.reset();
  }
  void Exec(const std::string& sql) {
    db_->Write([&](db::Session& s) { s.Run(sql); });
  }
  // What someone who owns the database can still do: switch the guards off, then change
  // the log. The hash chain is what shows it.
  void Tamper(const std::string& sql) {
    if (GetParam() == db::Dialect::kSqlite) {
      Exec("DROP TRIGGER audit_log_no_update");
      Exec("DROP TRIGGER audit_log_no_delete");
    } else {
      Exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
    }
    Exec(sql);
  }

  std::unique_ptr<db::ScratchDatabase> scratch_;
  std::unique_ptr<db::Database> db_;
};

TEST_P(AuditChainTest, IntactChainVerifies) {
  VerifyResult r = Verify(*db_);
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.entries, 5);
  EXPECT_EQ(r.first_bad_id, 0);
}

TEST_P(AuditChainTest, TheDatabaseRefusesToChangeOrRemoveAnEntry) {
  EXPECT_THROW(Exec("UPDATE audit_log SET detail = '{}' WHERE id = 3"), std::exception);
  EXPECT_THROW(Exec("DELETE FROM audit_log WHERE id = 4"), std::exception);
  EXPECT_THROW(Exec("DELETE FROM audit_log"), std::exception);
  if (GetParam() == db::Dialect::kPostgres) {
    EXPECT_THROW(Exec("TRUNCATE audit_log"), std::exception);
  }
  VerifyResult r = Verify(*db_);
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.entries, 5);
}

TEST_P(AuditChainTest, AlteredDetailIsFoundAtThatRow) {
  Tamper("UPDATE audit_log SET detail = '{\"n\":99}' WHERE id = 3");
  VerifyResult r = Verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 3);
}

TEST_P(AuditChainTest, AlteredUserIsFound) {
  Tamper("UPDATE audit_log SET username = 'someone else' WHERE id = 2");
  VerifyResult r = Verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 2);
}

TEST_P(AuditChainTest, DeletedRowIsFoundAtTheNextOne) {
  Tamper("DELETE FROM audit_log WHERE id = 4");
  VerifyResult r = Verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 5);
}

TEST_P(AuditChainTest, RecomputingOneHashDoesNotHideTheChange) {
  // A forger who rewrites a row and its own hash still breaks the next row's link.
  Tamper("UPDATE audit_log SET action = 'case.forged', hash = 'f00d' WHERE id = 2");
  VerifyResult r = Verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 2);
}

TEST_P(AuditChainTest, AFailedWriteLeavesNoEntryAndTheChainIntact) {
  EXPECT_THROW(db_->Write([&](db::Session& s) {
    Append(s, Entry{9, "user9", "", "case.edit", "case", "9", Json::object()});
    throw std::runtime_error("the change fails after its audit entry");
  }),
               std::runtime_error);
  VerifyResult r = Verify(*db_);
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.entries, 5);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditChainTest, db::kBothEngines, db::EngineName);

}  // namespace
}  // namespace waishi::audit
