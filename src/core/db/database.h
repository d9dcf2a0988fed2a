// The database: one API over SQLite (embedded default) and PostgreSQL, through SOCI.
//
// Reads run on a pool of sessions. Writes go through one writer thread that groups the
// jobs queued meanwhile into a single transaction (group commit: one fsync for many
// writes) and reports back once it is durable; each job runs under its own savepoint,
// so a job that throws rolls back alone and its caller gets the exception.
// On PostgreSQL each write transaction first takes a transaction-level advisory lock, so
// several servers sharing one database still append the audit chain one at a time.
// All methods are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/db/session.h"

namespace waishi::db {

class Presence;

struct Url {
  Dialect dialect;
  std::string target;  // the SQLite file, or the libpq connection URI
  // "sqlite:PATH" or "postgresql://..." (also "postgres://..."); throws std::invalid_argument.
  static Url Parse(std::string_view url);
};

class Database {
 public:
  // Opens (and for SQLite creates) the database: `readers` pooled read sessions and the writer.
  static std::unique_ptr<Database> Open(std::string_view url, std::size_t readers = 4);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return url_.dialect; }
  const Url& url() const { return url_; }
  std::string_view DialectName() const {
    return dialect() == Dialect::kSqlite ? "sqlite" : "postgresql";
  }

  // Runs fn(session) on a pooled session and returns what it returns.
  template <class F>
  auto Read(F&& fn) -> std::invoke_result_t<F&, Session&> {
    Lease lease(*this);
    return fn(*lease.session);
  }

  // Runs fn(session) on a pooled session inside one read transaction, so that its statements
  // all see the database as the first one found it; on SQLite one read transaction instead of
  // one per statement, which is also cheaper. For a few quick statements: while it lasts, the
  // WAL cannot be checkpointed past it. (PostgreSQL: as Read.)
  template <class F>
  auto Snapshot(F&& fn) -> std::invoke_result_t<F&, Session&> {
    Lease lease(*this);
    Session& s = *lease.session;
    if (dialect() != Dialect::kSqlite) return fn(s);
    s.Exec("BEGIN");
    struct End {
      Session& s;
      ~End() { EndSnapshot(s); }
    } end{s};
    return fn(s);
  }

  // Ends Snapshot()'s read transaction, whatever happened in it: a failure is logged and the
  // transaction rolled back, so the pooled session is never handed out inside one.
  static void EndSnapshot(Session& s) noexcept;

  // Runs fn(session) inside the next write transaction; returns its result once committed.
  template <class F>
  auto Write(F&& fn) -> std::invoke_result_t<F&, Session&> {
    using R = std::invoke_result_t<F&, Session&>;
    if constexpr (std::is_void_v<R>) {
      Submit([&fn](Session& s) { fn(s); }, true);
    } else {
      std::optional<R> result;
      Submit([&fn, &result](Session& s) { result.emplace(fn(s)); }, true);
      return std::move(*result);
    }
  }

  // As Write, for a bulk write that grows the database by much (an import): on SQLite, when
  // nothing else has the file open (no read under way here, no other process), the pooled
  // readers are closed and the file's log switched from the WAL to a rollback journal while it
  // runs, so that its pages are written to the file once instead of to the WAL and then copied
  // at the next checkpoint (pages new to the file need no journal, and a crash still rolls it
  // back whole); reads wait meanwhile. Otherwise, and on PostgreSQL, it is Write. Alone in its
  // transaction.
  template <class F>
  auto WriteBulk(F&& fn) -> std::invoke_result_t<F&, Session&> {
    using R = std::invoke_result_t<F&, Session&>;
    if constexpr (std::is_void_v<R>) {
      Submit([&fn](Session& s) { fn(s); }, true, Writes::kData, true);
    } else {
      std::optional<R> result;
      Submit([&fn, &result](Session& s) { result.emplace(fn(s)); }, true, Writes::kData, true);
      return std::move(*result);
    }
  }

  // What a write job changes, for the caches of what reads assembled (DataEpoch()).
  enum class Writes {
    kData,  // anything a read may show: the default
    kLog,   // only appends to a log no cached read shows (the audit chain), or bookkeeping no
            // read shows (a session's last use)
  };

  // Queues fn for the next write transaction and returns at once. A failure is logged.
  void WriteDetached(std::function<void(Session&)> fn, Writes writes = Writes::kData);

  // Changes after every write transaction that held a kData job, before any of its jobs' callers
  // hears back. What a read assembled while this was E (read before the read began) still holds
  // while it is E. On SQLite a number in memory, moved by this process's writes only (committed
  // or not); on PostgreSQL, which several servers may share (Shared()), a row every server's
  // data writes move inside their transaction, read here with one query, except while this
  // process is alone on the database (Alone()), when it is this process's own number again.
  //
  // On PostgreSQL the query is shared: inside a RequestEpoch, a call may be answered by a read
  // that began after the request did (and after this process's last data write), whichever
  // call made it, so a request pays one round trip for all its cached reads and concurrent
  // requests share theirs. Such an answer is as good as a read of its own: everything committed
  // before the request began shows in it, and a write of this request is never missed.
  std::uint64_t DataEpoch();

  // Marks a request's beginning on this thread, for DataEpoch() while it lasts. Not nested.
  class RequestEpoch {
   public:
    explicit RequestEpoch(const Database& db);
    ~RequestEpoch();
    RequestEpoch(const RequestEpoch&) = delete;
    RequestEpoch& operator=(const RequestEpoch&) = delete;
  };

  // Other servers may write the same database at the same time (PostgreSQL): a cache of what
  // the database holds checks DataEpoch() rather than trust this process's writes alone.
  bool Shared() const { return url_.dialect == Dialect::kPostgres; }
  // On PostgreSQL, whether no other process uses the database now (db::Presence): DataEpoch()
  // is then this process's own number, read without a query. Always false on SQLite.
  bool Alone() const { return alone_.load(std::memory_order_acquire); }

  // Waits until everything queued so far is committed.
  void Flush();

  // Ends the gathering of detached jobs: the writer takes the queue as soon as it is free
  // instead of when their gathering time is over. For a detached job that has gathered enough
  // work for a commit (audit::AppendDetached's entries). Returns at once.
  void Hurry();
  // How long detached jobs gather before their commit when no one waits for a write: a quarter
  // of a second (database.cpp). Tests make it long to see what Hurry() changes.
  void SetGatherTime(std::chrono::milliseconds time);

  // Runs fn(writer session) after each committed write transaction, on the writer thread,
  // outside any transaction; its failure is logged. Set before the first write.
  void AfterCommit(std::function<void(Session&)> fn) { after_commit_ = std::move(fn); }

  // Applies a module's migrations not applied yet: the files NNNN_name.sql (portable) or
  // NNNN_name.sqlite.sql / NNNN_name.postgresql.sql under the resource folder `folder`,
  // compiled into the binary, numbered per module, each in its own transaction and
  // recorded under (module, version). Returns how many it applied.
  int Migrate(const std::string& module, const std::string& folder);
  // How many migrations the modules migrated so far know of (applied now or before): the
  // schema this server needs, for its readiness.
  long long KnownMigrations() const { return known_migrations_; }

 private:
  struct Job {
    std::function<void(Session&)> fn;
    std::shared_ptr<std::promise<void>> done;  // null for detached jobs
    Writes writes = Writes::kData;
    bool bulk = false;  // WriteBulk's: alone in its batch
  };
  // While a bulk job runs on SQLite: the readers closed and the rollback journal, or nothing
  // changed (see WriteBulk). Undone by its destructor.
  class BulkMode;
  struct Lease {
    explicit Lease(Database& db);
    ~Lease();
    Database& db;
    std::unique_ptr<Session> session;
  };

  // Open() is the way in; the key keeps the constructor usable by make_unique only there.
  struct Key {
    explicit Key() = default;
  };

 public:
  Database(Key, Url url);

 private:
  // A new connection; on PostgreSQL the writer's has arrived (Presence::ArriveToWrite).
  std::unique_ptr<Session> Connect(bool writer);
  // Replaces a broken connection with a new one (PostgreSQL came back), if it can.
  void Reconnect(std::unique_ptr<Session>& s, bool writer);
  void Submit(std::function<void(Session&)> fn, bool wait, Writes writes = Writes::kData,
              bool bulk = false);
  void WriterLoop();
  void RunBatch(std::vector<Job>& batch);
  static bool ChangesData(const std::vector<Job>& batch);

  Url url_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Session>> pool_;
  std::size_t readers_ = 0;  // the pool's size when no read is under way

  std::unique_ptr<Session> writer_session_;
  std::function<void(Session&)> after_commit_;
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  bool hurry_ = false;  // Hurry() called since the writer last took a batch
  std::chrono::milliseconds gather_time_;
  std::atomic<std::uint64_t> data_epoch_{0};
  // DataEpoch() on PostgreSQL: one read under way at a time, and the last one's answer.
  struct EpochRead {
    std::chrono::steady_clock::time_point began;
    std::uint64_t local = 0;  // data_epoch_ when it began
    std::uint64_t value = 0;
  };
  std::uint64_t SharedEpochSince(std::chrono::steady_clock::time_point since);
  std::mutex epoch_mu_;
  std::condition_variable epoch_cv_;
  std::optional<EpochRead> epoch_last_;     // the newest read finished
  std::optional<EpochRead> epoch_reading_;  // the read under way (its value not known yet)
  std::atomic<long long> known_migrations_ = 0;
  std::thread writer_;
  // DataEpoch() on PostgreSQL while alone: data_epoch_ with this bit, which the shared number
  // (a row's count of write transactions) never reaches.
  static constexpr std::uint64_t kAloneEpoch = std::uint64_t{1} << 63;
  std::atomic<bool> alone_{false};
  std::atomic<int> writer_pid_{0};      // the writer's PostgreSQL backend, not another process
  std::unique_ptr<Presence> presence_;  // last: its thread sets alone_ and data_epoch_
};

}  // namespace waishi::db
