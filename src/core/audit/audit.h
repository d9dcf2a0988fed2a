// The audit log: every change, and every read of personal data, as an append-only chain.
//
// Each entry stores an HMAC-SHA-256, under a key kept outside the database (key.h), of the
// previous entry's hash and its own fields, so altering, inserting or deleting a row breaks
// the chain at that row, and without the key the chain cannot be recomputed. Reads
// (AppendDetached) are sealed by batch instead: they have no hash of their own, and the entry
// after them ("audit.reads") carries their count, their ids and the SHA-256 of their fields,
// so altering, inserting or deleting one breaks the chain at its batch. The newest sealed
// entry is also copied outside the database after each write batch (anchor.h), which shows
// deleted newest entries and a chain recomputed with the key. Verify() finds the first
// break. Append() must run inside a write transaction (Database::Write), which serializes
// appends (one writer; an advisory lock on PostgreSQL).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/db/session.h"

#include "core/app.h"
#include "core/auth/principal.h"
#include "core/json.h"

namespace waishi::audit {

struct Entry {
  long long user_id = 0;  // 0: the system or an anonymous caller
  std::string username;
  std::string ip;
  std::string action;  // e.g. "case.read", "case.transition", "policy.update", "auth.login"
  std::string object_type;
  std::string object_id;
  Json detail = Json::object();
  // When it happened; unset (the clock's epoch), when it is appended. AppendDetached sets it
  // as it queues the entry: a read's record bears the time of the read, not of its commit.
  std::chrono::system_clock::time_point at{};
};

// An entry on behalf of the signed-in user.
Entry By(const auth::Principal& who, std::string action, std::string object_type,
         std::string object_id, Json detail = Json::object());

void Append(db::Session& tx, const Entry& entry);

// Records an entry without waiting for the disk (the record of a read). The entries queued
// meanwhile are appended together, in one job of the writer's next batch, and sealed together
// by the entry after them (see above); an object's reads are found through audit_read_objects,
// a row per object and batch, not through the index by object of every entry. Returns at once
// while fewer than kMaxDetached of them wait; past that, readers outrunning the writer wait for
// its next commit (Database::Flush, which on PostgreSQL under a NoWaiting throws WouldWait
// before anything is queued). So the memory they take and the reads a crash could leave
// unrecorded stay bounded. A failure is logged. Thread-safe.
void AppendDetached(db::Database& db, Entry entry);
// Entries of reads waiting for the writer, per database, before a reader waits with them: about
// a second of a busy server's reads (bench/README.md), some 15 MB. Four of kHurryDetached: the
// readers go on queueing while the writer appends the list it took, and a writer held up by the
// disk for a moment does not yet hold the readers up.
inline constexpr std::size_t kMaxDetached = 65536;
// Entries of reads enough for one commit: once this many wait, the writer takes them as soon as
// it is free rather than gathering more for its usual quarter of a second (Database::Hurry).
// Under a flood of reads it then keeps up, and readers seldom reach kMaxDetached and wait. The
// more a commit carries, the fewer pages it writes per entry: 16,384 rather than 4,096, with
// kMaxDetached 65,536 rather than 20,000, took 7 % off the writer's CPU per read and gave the
// case read 4 % more req/s (bench/README.md; measured when each read still had its own MAC
// and its place in the index by object).
inline constexpr std::size_t kHurryDetached = 16384;

struct VerifyResult {
  bool ok = true;
  long long entries = 0;
  long long first_bad_id = 0;  // 0 when ok
  std::string reason;
  long long checkpoints = 0;  // the anchor's checkpoints of this chain, each compared
};
// Checks the chain under the key in use, and against the anchor file when one is given.
VerifyResult Verify(db::Database& db, const std::optional<std::filesystem::path>& anchor = {});

// GET /api/v1/audit and /api/v1/audit/verify (the auditor and the audit administrator; nobody can
// change it).
void Register(App& app);

}  // namespace waishi::audit
