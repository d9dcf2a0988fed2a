// The case read's answer, kept between reads while nothing it shows can have changed.
//
// GET /cases/{id} assembles a case from four or more queries (the case with its organization
// and people, its deadlines, its documents, its module's decoration). Most of that answer is
// the same for every reader on a given day; what is not is whether the reader may see it at
// all and which actions they may take. An Entry keeps the rest as text, split where the
// reader's allowed actions go, with the record those two questions are asked of.
//
// An entry holds while three things hold:
// - the database's data epoch is the one read before the entry was assembled: every write
//   committed, except appends to the audit chain, moves it (db::Database::DataEpoch) before
//   the writer's caller hears back, so a client reads its own write; on PostgreSQL the epoch
//   is shared by every server on the database, so a write through one shows on all at once;
// - it is the same day in China (deadlines and "overdue" are judged against today);
// - it is younger than kMaxAge: on SQLite a write by another process (the CLI) does not move
//   this process's epoch, and shows within that bound.
// Thread-safe; bounded to kCapacity entries (a full shard is emptied: reads refill it).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/cases/registry.h"

namespace waishi::cases {

class ReadCache {
 public:
  static constexpr std::chrono::milliseconds kMaxAge{2000};
  static constexpr std::size_t kCapacity = 8192;

  struct Entry {
    std::uint64_t epoch = 0;
    std::string today;
    std::chrono::steady_clock::time_point made;
    const CaseType* type = nullptr;
    CaseRecord rec;              // for who may see it and act on it (its data left out)
    std::string before_actions;  // the answer's text up to the allowed actions' value
    std::string after_actions;   // and after it
  };

  // The entry for case `id` if it still holds at `epoch` on `today`; null otherwise.
  std::shared_ptr<const Entry> Find(long long id, std::uint64_t epoch,
                                    std::string_view today) const;
  void Keep(long long id, std::shared_ptr<const Entry> entry);

  // The answer's text for a reader who may take `actions`.
  static std::string Answer(const Entry& e, const std::vector<std::string>& actions);
  // Splits an answer's text at the marker written as its allowed actions' value; false when
  // the text holds the marker other than once.
  static bool Split(std::string_view text, std::string_view marker_json, Entry& e);

 private:
  static constexpr std::size_t kShards = 16;
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<long long, std::shared_ptr<const Entry>> entries;
  };
  Shard& ShardOf(long long id) const { return shards_[static_cast<std::size_t>(id) % kShards]; }
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace waishi::cases
