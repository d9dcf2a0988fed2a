// The audit chain: intact after appends; an altered, inserted or deleted row, deleted newest
// entries and a recomputed chain are found by Verify().
#include "core/audit/audit.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <string_view>
#include <thread>
#include <vector>

#include "core/audit/anchor.h"
#include "core/audit/key.h"
#include "core/clock.h"
#include "core/db/database.h"
#include "core/db/scratch_database.h"
#include "core/metrics/metrics.h"
#include "core/no_wait.h"
#include "tests/unit/audit_key.h"

namespace waishi::audit {
namespace {

class AuditChainTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    WAISHI_SKIP_WITHOUT_ENGINE(GetParam());
    scratch_ = std::make_unique<db::ScratchDatabase>(GetParam());
    // A parameterized test's name is "Name/0": flattened, so the file lies in the temporary
    // folder itself and TearDown leaves nothing behind.
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '-');
    anchor_file_ = std::filesystem::path(::testing::TempDir()) /
                   ("audit-anchor-" + std::to_string(::getpid()) + "-" + name + ".log");
    std::filesystem::remove(anchor_file_);
    anchor_ = std::make_unique<Anchor>(anchor_file_);
    db_ = db::Database::Open(scratch_->url(), 1);
    db_->Migrate("core", "migrations/core/");
    db_->AfterCommit([this](db::Session& s) { anchor_->AfterCommit(s); });
    for (int i = 1; i <= 5; ++i) AppendOne(i);
  }
  void TearDown() override {
    UseKey(testing::AuditKey());
    db_.reset();
    scratch_.reset();
    anchor_.reset();
    std::filesystem::remove(anchor_file_);
  }
  void AppendOne(int i) {
    db_->Write([&](db::Session& s) {
      Append(s, Entry{i, "user" + std::to_string(i), "127.0.0.1", "case.read", "case",
                      std::to_string(i), Json{{"n", i}}});
    });
  }
  VerifyResult VerifyAnchored() { return Verify(*db_, anchor_file_); }
  long long Count(const std::string& sql) {
    return db_->Read([&](db::Session& s) { return s.Int(sql).value_or(-1); });
  }
  // The entries that seal the reads of a batch.
  long long Seals() { return Count("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.reads'"); }
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

  std::filesystem::path anchor_file_;
  std::unique_ptr<Anchor> anchor_;
  std::unique_ptr<db::ScratchDatabase> scratch_;
  std::unique_ptr<db::Database> db_;
};

// Reads recorded from many threads at once, gathered by AppendDetached() into a few jobs of
// the writer's batches, between entries appended one at a time: one unbroken chain, every
// entry in it once.
TEST_P(AuditChainTest, DetachedEntriesFromManyThreadsChainUnbroken) {
  constexpr int kThreads = 8, kEach = 250;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kEach; ++i) {
        AppendDetached(*db_, Entry{t + 1, "reader", "127.0.0.1", "case.read", "case",
                                   std::to_string(t * kEach + i), Json{{"i", i}}});
        if (i % 50 == 0) AppendOne(1000 + t * kEach + i);
      }
    });
  }
  for (auto& th : threads) th.join();
  db_->Flush();
  const VerifyResult r = VerifyAnchored();
  EXPECT_TRUE(r.ok) << r.reason << " at " << r.first_bad_id;
  EXPECT_GE(Seals(), 1);
  EXPECT_EQ(r.entries, 5 + kThreads * kEach + kThreads * (kEach / 50) + Seals());
  const long long distinct = db_->Read([](db::Session& s) {
    return s.Int("SELECT COUNT(DISTINCT object_id) FROM audit_log WHERE username = 'reader'")
        .value_or(0);
  });
  EXPECT_EQ(distinct, kThreads * kEach);
}

// A read's record bears the time of the read: the entry waits for the writer's next commit
// (up to a quarter second), and the chain still verifies.
TEST_P(AuditChainTest, ADetachedEntryBearsTheTimeItWasRecordedNotOfItsCommit) {
  using std::chrono::hours;
  const auto read_at = std::chrono::sys_days{std::chrono::year{2030} / 1 / 2} + hours{3};
  {
    clock::ClockShift during_the_read(read_at);
    AppendDetached(*db_, Entry{7, "reader", "127.0.0.1", "case.read", "case", "4242"});
  }
  {
    clock::ClockShift an_hour_later(read_at + hours{1});
    db_->Flush();
    AppendOne(99);  // sealed now: an hour later
  }
  const auto at_of = [this](const char* object_id) {
    return db_->Read([&](db::Session& s) {
      return s
          .Text("SELECT at FROM audit_log WHERE object_id = :o", {{"o", std::string(object_id)}})
          .value_or("");
    });
  };
  // The shifted clock moves on from where it was set (and may read a millisecond early).
  const auto near = [](const std::string& at, const std::string& from, const std::string& to) {
    return at >= from && at < to;
  };
  EXPECT_TRUE(near(at_of("4242"), "2030-01-02T02:59:59", "2030-01-02T03:01")) << at_of("4242");
  EXPECT_TRUE(near(at_of("99"), "2030-01-02T03:59:59", "2030-01-02T04:01")) << at_of("99");
  const VerifyResult r = Verify(*db_);
  EXPECT_TRUE(r.ok) << r.reason << " at " << r.first_bad_id;
}

// A commit's worth of reads' entries (kHurryDetached) need not wait for the writer's gathering
// time: the writer takes them as soon as they are there; fewer wait for it.
TEST_P(AuditChainTest, ACommitsWorthOfReadsHurriesTheWriter) {
  db_->SetGatherTime(std::chrono::hours(1));
  const auto pending = [] { return metrics::Default().audit_detached_depth.value(); };
  const auto before = pending();
  const auto read = [](std::size_t i) {
    return Entry{7, "reader", "127.0.0.1", "case.read", "case", std::to_string(i)};
  };
  for (std::size_t i = 1; i < kHurryDetached; ++i) AppendDetached(*db_, read(i));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(pending() - before, static_cast<std::int64_t>(kHurryDetached - 1));  // gathering
  AppendDetached(*db_, read(kHurryDetached));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (pending() != before && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(pending(), before);  // taken by the writer without a Flush
  db_->Flush();
  const VerifyResult r = VerifyAnchored();
  EXPECT_TRUE(r.ok) << r.reason << " at " << r.first_bad_id;
  EXPECT_EQ(Seals(), 1) << "one job took them all";
  EXPECT_EQ(r.entries, 5 + static_cast<long long>(kHurryDetached) + 1);
}

// Readers faster than the writer: past kMaxDetached entries waiting, a reader waits for the
// writer's next commit instead of growing the queue; on PostgreSQL, an I/O thread (NoWaiting)
// is told WouldWait before its entry is queued. Nothing is lost and the chain verifies.
TEST_P(AuditChainTest, ReadersFasterThanTheWriterWaitForItPastTheBound) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  db_->WriteDetached([released](db::Session&) { released.wait(); });  // the writer, held
  const auto pending = [] { return metrics::Default().audit_detached_depth.value(); };
  const auto before = pending();
  const auto read = [](std::size_t i) {
    return Entry{7, "reader", "127.0.0.1", "case.read", "case", std::to_string(i)};
  };
  for (std::size_t i = 0; i < kMaxDetached; ++i) AppendDetached(*db_, read(i));
  EXPECT_EQ(pending() - before, static_cast<std::int64_t>(kMaxDetached));
  if (db_->Shared()) {
    const NoWaiting io_thread;
    EXPECT_THROW(AppendDetached(*db_, read(kMaxDetached)), WouldWait);
    EXPECT_EQ(pending() - before, static_cast<std::int64_t>(kMaxDetached));
  }
  std::atomic<bool> returned = false;
  std::thread reader([&] {
    AppendDetached(*db_, read(kMaxDetached));
    returned = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(returned);  // waiting for the writer
  EXPECT_EQ(pending() - before, static_cast<std::int64_t>(kMaxDetached));
  release.set_value();
  reader.join();
  EXPECT_TRUE(returned);
  db_->Flush();
  EXPECT_EQ(pending(), before);
  const VerifyResult r = VerifyAnchored();
  EXPECT_TRUE(r.ok) << r.reason << " at " << r.first_bad_id;
  // Two batches: the held writer's, then the one that waited, sealed on its own.
  EXPECT_EQ(Seals(), 2);
  EXPECT_EQ(r.entries, 5 + static_cast<long long>(kMaxDetached) + 1 + 2);
  // The one that waited comes after all the others in the chain.
  const auto last = db_->Read([](db::Session& s) {
    return s.Text("SELECT object_id FROM audit_log WHERE hash = '' ORDER BY id DESC LIMIT 1")
        .value_or("");
  });
  EXPECT_EQ(last, std::to_string(kMaxDetached));
}

// Reads are sealed by batch: rows without a MAC of their own, then the entry that seals
// them, whose detail (under its MAC) counts them, names their ids and carries their digest.
// The index by object finds them through audit_read_objects.
class AuditReadsTest : public AuditChainTest {
 protected:
  void SetUp() override {
    AuditChainTest::SetUp();
    if (IsSkipped()) return;
    db_->SetGatherTime(std::chrono::hours(1));  // the three reads in one batch
    for (const char* object : {"41", "42", "41"})
      AppendDetached(*db_, Entry{7, "reader", "10.0.0.7", "case.read", "case", object});
    db_->Flush();
  }
  // What someone who owns the database can do to the reads' index by object (Tamper above).
  void TamperIndex(const std::string& sql) {
    if (GetParam() == db::Dialect::kSqlite) {
      Exec("DROP TRIGGER IF EXISTS audit_read_objects_no_delete");
    } else {
      Exec("ALTER TABLE audit_read_objects DISABLE TRIGGER audit_read_objects_no_change");
    }
    Exec(sql);
  }
  // Verify() finds the log broken at entry `at`, for a reason that says `words`.
  void ExpectBroken(long long at, std::string_view words) {
    const VerifyResult r = Verify(*db_);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, at);
    EXPECT_NE(r.reason.find(words), std::string::npos) << r.reason;
  }
  struct Row {
    long long id = 0;
    std::string action, object_id, prev, hash;
    Json detail;
  };
  std::vector<Row> Rows() {
    std::vector<Row> rows;
    db_->Read([&](db::Session& s) {
      s.Query("SELECT id, action, object_id, prev_hash, hash, detail FROM audit_log ORDER BY id",
              {}, [&](const db::Row& r) {
                rows.push_back({db::Int(r, 0), db::Text(r, 1), db::Text(r, 2), db::Text(r, 3),
                                db::Text(r, 4), Json::parse(db::Text(r, 5))});
              });
    });
    return rows;
  }
};

TEST_P(AuditReadsTest, ReadsAreSealedTogetherByTheEntryAfterThem) {
  const std::vector<Row> rows = Rows();
  ASSERT_EQ(rows.size(), 5u + 3u + 1u);
  for (std::size_t i = 5; i < 8; ++i) {
    EXPECT_EQ(rows[i].action, "case.read");
    EXPECT_EQ(rows[i].prev, "");
    EXPECT_EQ(rows[i].hash, "") << "a read has no MAC of its own";
  }
  const Row& seal = rows[8];
  EXPECT_EQ(seal.action, "audit.reads");
  EXPECT_EQ(seal.prev, rows[4].hash) << "the seal follows the last sealed entry in the chain";
  EXPECT_EQ(seal.hash.size(), 64u);
  EXPECT_EQ(seal.detail["reads"], 3);
  EXPECT_EQ(seal.detail["first_id"], rows[5].id);
  EXPECT_EQ(seal.detail["last_id"], rows[7].id);
  EXPECT_EQ(seal.detail["sha256"].get<std::string>().size(), 64u);
  // Case 41 was read first and last in the batch, case 42 in between.
  std::vector<std::string> by_object;
  db_->Read([&](db::Session& s) {
    s.Query("SELECT object_id, first_id, last_id FROM audit_read_objects ORDER BY object_id", {},
            [&](const db::Row& r) {
              by_object.push_back(db::Text(r, 0) + ":" + std::to_string(db::Int(r, 1)) + "-" +
                                  std::to_string(db::Int(r, 2)));
            });
  });
  EXPECT_EQ(by_object, (std::vector<std::string>{
                           "41:" + std::to_string(rows[5].id) + "-" + std::to_string(rows[7].id),
                           "42:" + std::to_string(rows[6].id) + "-" + std::to_string(rows[6].id)}));
  const VerifyResult r = VerifyAnchored();
  EXPECT_TRUE(r.ok) << r.reason << " at " << r.first_bad_id;
  EXPECT_EQ(r.entries, 9);
  EXPECT_EQ(r.checkpoints, 6) << "the anchor names the seal: a read is never the newest entry";
}

TEST_P(AuditReadsTest, AnAlteredReadIsFoundAtItsBatch) {
  const std::vector<Row> rows = Rows();
  Tamper("UPDATE audit_log SET username = 'someone else' WHERE id = " + std::to_string(rows[6].id));
  // Found at the batch's first read: any of them may be it.
  ExpectBroken(rows[5].id, "not those it seals");
}

TEST_P(AuditReadsTest, ADeletedReadIsFound) {
  const std::vector<Row> rows = Rows();
  Tamper("DELETE FROM audit_log WHERE id = " + std::to_string(rows[6].id));
  ExpectBroken(rows[5].id, "not those it seals");
}

TEST_P(AuditReadsTest, AnAlteredSealIsFoundAtTheSeal) {
  const std::vector<Row> rows = Rows();
  Tamper("UPDATE audit_log SET detail = '{\"reads\":2}' WHERE id = " + std::to_string(rows[8].id));
  ExpectBroken(rows[8].id, "under the key");
}

TEST_P(AuditReadsTest, AReadAddedWithoutItsSealIsFound) {
  Tamper(
      "INSERT INTO audit_log (at, user_id, username, ip, action, object_type, object_id, "
      "detail, prev_hash, hash) VALUES ('2026-12-01T08:00:00.000Z', 9, 'nobody', '', "
      "'case.read', 'case', '43', '{}', '', '')");
  const long long forged = Rows().back().id;
  ExpectBroken(forged, "not sealed");
  // Followed by a change's entry, sealed as usual: that entry does not seal it either.
  AppendOne(6);
  ExpectBroken(forged, "not sealed by the entry after them");
}

// The index by object is not under the chain, but Verify() checks it against the reads: a row
// removed would hide a read from the list by object, a row added would show one twice.
TEST_P(AuditReadsTest, AnAlteredIndexByObjectIsFound) {
  const std::vector<Row> rows = Rows();
  TamperIndex("DELETE FROM audit_read_objects WHERE object_id = '42'");
  ExpectBroken(rows[5].id, "audit_read_objects");
  // Put back as it was: the log verifies again.
  TamperIndex(
      "INSERT INTO audit_read_objects (object_type, object_id, first_id, last_id) VALUES "
      "('case', '42', " +
      std::to_string(rows[6].id) + ", " + std::to_string(rows[6].id) + ")");
  VerifyResult r = Verify(*db_);
  EXPECT_TRUE(r.ok) << r.reason;
  // A row that belongs to no batch: pointing at the changes before the reads.
  TamperIndex(
      "INSERT INTO audit_read_objects (object_type, object_id, first_id, last_id) VALUES "
      "('case', '3', 1, 5)");
  r = Verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.reason.find("rows for no batch"), std::string::npos) << r.reason;
}

TEST_P(AuditReadsTest, TheReadsIndexByObjectIsAppendOnly) {
  EXPECT_THROW(Exec("UPDATE audit_read_objects SET object_id = '43'"), std::exception);
  EXPECT_THROW(Exec("DELETE FROM audit_read_objects"), std::exception);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_read_objects"), 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditReadsTest, db::kBothEngines, db::EngineName);

TEST_P(AuditChainTest, IntactChainVerifies) {
  VerifyResult r = Verify(*db_);
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.entries, 5);
  EXPECT_EQ(r.first_bad_id, 0);
  EXPECT_EQ(r.checkpoints, 0);
  r = VerifyAnchored();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checkpoints, 5) << "one checkpoint per committed write";
}

TEST_P(AuditChainTest, TheAnchorHasOneLinePerBatchThatMovedTheChain) {
  db_->Write([](db::Session&) {});  // no entry: no checkpoint
  const auto checkpoints = Anchor::Read(anchor_file_);
  ASSERT_EQ(checkpoints.size(), 5u);
  for (std::size_t i = 0; i < checkpoints.size(); ++i) {
    EXPECT_EQ(checkpoints[i].chain, checkpoints[0].hash) << "the chain is named by its first entry";
    EXPECT_EQ(checkpoints[i].hash.size(), 64u);
    if (i > 0) {
      EXPECT_GT(checkpoints[i].id, checkpoints[i - 1].id);
    }
  }
}

TEST_P(AuditChainTest, AnEntryAddedWithoutTheKeyIsFound) {
  // Someone who can write to the database but has not the key seals with another one.
  std::array<unsigned char, Key::kBytes> other{};
  other.fill(0x5a);
  UseKey(Key::FromBytes(other));
  AppendOne(6);
  UseKey(testing::AuditKey());
  VerifyResult r = Verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.reason.find("under the key"), std::string::npos) << r.reason;
  EXPECT_EQ(r.first_bad_id, 6);
}

TEST_P(AuditChainTest, DeletedNewestEntriesAreFoundByTheAnchor) {
  Tamper("DELETE FROM audit_log WHERE id >= 4");
  EXPECT_TRUE(Verify(*db_).ok) << "the chain alone cannot show it";
  VerifyResult r = VerifyAnchored();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 4);
  EXPECT_NE(r.reason.find("newest entries were deleted"), std::string::npos) << r.reason;
}

TEST_P(AuditChainTest, AChainRecomputedWithTheKeyIsFoundByTheAnchor) {
  // An insider with the key drops entries 4 and 5 and seals new ones in their place: the
  // chain is whole again, but the anchor kept what was there.
  Tamper("DELETE FROM audit_log WHERE id >= 4");
  anchor_.reset();  // the forger's writes leave no checkpoint
  db_->AfterCommit({});
  AppendOne(40);
  AppendOne(50);
  EXPECT_TRUE(Verify(*db_).ok) << "the chain alone cannot show it";
  VerifyResult r = VerifyAnchored();
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.reason.find("recomputed"), std::string::npos) << r.reason;
}

TEST_P(AuditChainTest, AnotherChainsCheckpointsAreIgnored) {
  std::ofstream(anchor_file_, std::ios::app)
      << "2026-12-01T00:00:00Z chain=" << std::string(64, 'e')
      << " id=99 hash=" << std::string(64, 'f') << "\n"
      << "a line that is no checkpoint\n";
  VerifyResult r = VerifyAnchored();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checkpoints, 5);
}

TEST(AuditKeyTest, CreatedOnceAndNeverReplaced) {
  const auto dir =
      std::filesystem::path(::testing::TempDir()) / ("waishi-keys-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto file = dir / "audit.key";
  Key::Create(file);
  EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const Key key = Key::Load(file);
  EXPECT_EQ(key.Mac("x").size(), 64u);
  EXPECT_EQ(key.Mac("x"), Key::Load(file).Mac("x"));
  EXPECT_NE(key.Mac("x"), testing::AuditKey().Mac("x"));
  EXPECT_THROW(Key::Create(file), std::runtime_error);
  EXPECT_EQ(Key::Load(file).Mac("x"), key.Mac("x")) << "the existing key is unchanged";
  std::ofstream(dir / "bad.key") << "not hex\n";
  EXPECT_THROW(Key::Load(dir / "bad.key"), std::runtime_error);
  EXPECT_THROW(Key::Load(dir / "missing.key"), std::runtime_error);
  std::filesystem::remove_all(dir);
}

TEST(AuditKeyTest, HmacSha256KnownAnswer) {
  // HMAC-SHA-256 (RFC 2104) as Python's standard library computes it, for the key 0x01..0x20:
  // python3 -c "import
  // hmac,hashlib;print(hmac.new(bytes(range(1,33)),b'abc',hashlib.sha256).hexdigest())"
  std::array<unsigned char, Key::kBytes> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i + 1);
  EXPECT_EQ(Key::FromBytes(bytes).Mac("abc"),
            "a21b1f5d4cf4f73a4dd939750f7a066a7f98cc131cb16a6692759021cfab8181");
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
