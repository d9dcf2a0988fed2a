// Backing up and restoring the whole database, the audit chain with it. SQLite: the online
// backup API, a consistent copy while the server writes (a plain SQLite file). PostgreSQL:
// pg_dump's custom format, restored by pg_restore. A backup is restored into the same engine.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace waishi::db {

// What stops a backup or a restore, said for the operator.
class BackupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes the database at `url` to `file` (replaced if there; written beside it, then renamed).
void Backup(std::string_view url, const std::filesystem::path& file);

// Restores `file` into the database at `url`, which must be empty unless `force` (then what it
// held is replaced). The server must not be running on it.
void Restore(std::string_view url, const std::filesystem::path& file, bool force);

// The scheduled backup: a new `waishi-<UTC instant>.backup` in `dir` (created if need be), then
// the oldest of them removed beyond the newest `keep`. Answers the new file.
std::filesystem::path BackupInto(std::string_view url, const std::filesystem::path& dir, int keep);

// Whether the database at `url` holds any table (a SQLite file that does not exist holds none).
bool HoldsTables(std::string_view url);

}  // namespace waishi::db
