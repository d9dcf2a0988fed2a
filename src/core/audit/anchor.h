// The anchor: the audit chain's newest entry, copied outside the database after every
// write batch that moved it. The database alone cannot show that its newest entries were
// deleted, or that the whole chain was recomputed by someone holding the key; a copy kept
// elsewhere (a file, ideally on another machine or append-only storage, and optionally
// syslog) can, and `audit verify` compares the chain with it.
//
// One line per checkpoint: "<at> chain=<hash of the chain's first entry> id=<id> hash=<hash>".
// Several databases may share a file: a chain only reads its own lines.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/db/session.h"

namespace waishi::audit {

struct Checkpoint {
  std::string chain;
  long long id = 0;
  std::string hash;
};

class Anchor {
 public:
  // Appends to `file` (created 0600 if missing); throws if it cannot be opened.
  explicit Anchor(std::filesystem::path file, bool syslog = false);
  ~Anchor();
  Anchor(const Anchor&) = delete;
  Anchor& operator=(const Anchor&) = delete;

  // Run by the database's writer after each commit (db::Database::AfterCommit): writes a
  // checkpoint if the chain grew since the last one.
  void AfterCommit(db::Session& s);

  const std::filesystem::path& file() const { return file_; }

  // The checkpoints in `file` (none if it does not exist); malformed lines are skipped.
  static std::vector<Checkpoint> Read(const std::filesystem::path& file);

 private:
  std::filesystem::path file_;
  int fd_ = -1;
  bool syslog_ = false;
  std::string chain_;  // the hash of the first entry, once there is one
  long long last_id_ = 0;
};

}  // namespace waishi::audit
