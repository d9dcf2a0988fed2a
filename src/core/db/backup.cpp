#include "core/db/backup.h"

#include <libpq-fe.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/db/database.h"

extern char** environ;

namespace waishi::db {
namespace {

// A SQLite file opened with the C API, closed at the end of its scope.
class SqliteFile {
 public:
  SqliteFile(const std::filesystem::path& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw BackupError("cannot open " + path.string() + ": " + why);
    }
    sqlite3_busy_timeout(db_, 30000);
  }
  ~SqliteFile() { sqlite3_close(db_); }
  SqliteFile(const SqliteFile&) = delete;
  SqliteFile& operator=(const SqliteFile&) = delete;
  sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// Copies the whole of `from` into `to` in one step: one consistent snapshot of `from`.
void CopySqlite(const SqliteFile& from, const SqliteFile& to) {
  sqlite3_backup* b = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (!b) throw BackupError(std::string("backup: ") + sqlite3_errmsg(to.get()));
  const int step = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (step != SQLITE_DONE) throw BackupError(std::string("backup: ") + sqlite3_errstr(step));
  if (sqlite3_errcode(to.get()) != SQLITE_OK)
    throw BackupError(std::string("backup: ") + sqlite3_errmsg(to.get()));
}

// Runs a program of the PostgreSQL client (pg_dump, pg_restore) with `args`; its messages go
// to our standard error.
void Run(const std::string& program, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::vector<std::string> all = {program};
  all.insert(all.end(), args.begin(), args.end());
  for (std::string& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (const int e = posix_spawnp(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ)) {
    throw BackupError("cannot run " + program + ": " + std::strerror(e) +
                      " (Debian: apt-get install postgresql-client)");
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw BackupError("waiting for " + program + ": " + std::strerror(errno));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw BackupError(program + " failed (exit " + std::to_string(WEXITSTATUS(status)) + ")");
}

// The first bytes of a file: what kind of backup it is.
std::string Magic(const std::filesystem::path& file, std::size_t n) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw BackupError("cannot read " + file.string());
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};  // sqlite.org/fileformat.html
constexpr std::string_view kPgDumpMagic = "PGDMP";                 // pg_dump -Fc

}  // namespace

std::filesystem::path BackupInto(std::string_view url, const std::filesystem::path& dir, int keep) {
  std::filesystem::create_directories(dir);
  // 2026-12-03T21:30:00.123Z → waishi-20261203T213000123Z.backup: names that sort by time.
  std::string stamp;
  for (const char ch : clock::NowIso())
    if (std::isalnum(static_cast<unsigned char>(ch))) stamp += ch;
  const std::filesystem::path file = dir / ("waishi-" + stamp + ".backup");
  Backup(url, file);
  std::vector<std::filesystem::path> kept;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("waishi-") && name.ends_with(".backup")) kept.push_back(entry.path());
  }
  std::sort(kept.begin(), kept.end());
  for (std::size_t i = 0; i + static_cast<std::size_t>(std::max(keep, 1)) < kept.size(); ++i)
    std::filesystem::remove(kept[i]);
  return file;
}

bool HoldsTables(std::string_view url) {
  const Url u = Url::Parse(url);
  if (u.dialect == Dialect::kSqlite) {
    if (!std::filesystem::exists(u.target) || std::filesystem::file_size(u.target) == 0)
      return false;
    SqliteFile f(u.target, SQLITE_OPEN_READONLY);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(f.get(), "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'", -1,
                           &st, nullptr) != SQLITE_OK) {
      throw BackupError(u.target + " is not a SQLite database: " + sqlite3_errmsg(f.get()));
    }
    const bool any = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0;
    sqlite3_finalize(st);
    return any;
  }
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(u.target.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    throw BackupError(std::string("cannot connect: ") + PQerrorMessage(conn.get()));
  std::unique_ptr<PGresult, decltype(&PQclear)> r(
      PQexec(conn.get(), "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"), PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
    throw BackupError(std::string("cannot list the tables: ") + PQerrorMessage(conn.get()));
  return std::stoll(PQgetvalue(r.get(), 0, 0)) > 0;
}

void Backup(std::string_view url, const std::filesystem::path& file) {
  const Url u = Url::Parse(url);
  std::filesystem::path partial = file;
  partial += ".partial";
  std::filesystem::remove(partial);
  if (u.dialect == Dialect::kSqlite) {
    if (!std::filesystem::exists(u.target)) throw BackupError("no database at " + u.target);
    SqliteFile from(u.target, SQLITE_OPEN_READONLY);
    {
      SqliteFile to(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      CopySqlite(from, to);
    }
  } else {
    Run("pg_dump",
        {"--format=custom", "--no-owner", "--file=" + partial.string(), "--dbname=" + u.target});
  }
  std::filesystem::rename(partial, file);
}

void Restore(std::string_view url, const std::filesystem::path& file, bool force) {
  const Url u = Url::Parse(url);
  const std::string magic = Magic(file, kSqliteMagic.size());
  const bool sqlite_file = magic == kSqliteMagic;
  const bool dump = magic.starts_with(kPgDumpMagic);
  if (u.dialect == Dialect::kSqlite && !sqlite_file)
    throw BackupError(file.string() + " is not a SQLite backup (waishi backup of a sqlite: URL)");
  if (u.dialect == Dialect::kPostgres && !dump)
    throw BackupError(file.string() + " is not a PostgreSQL backup (pg_dump's custom format)");
  if (!force && HoldsTables(url))
    throw BackupError("the target database is not empty: restore into an empty one, or --force");
  if (u.dialect == Dialect::kSqlite) {
    SqliteFile from(file, SQLITE_OPEN_READONLY);
    SqliteFile to(u.target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    CopySqlite(from, to);
    return;
  }
  std::vector<std::string> args = {"--no-owner", "--exit-on-error", "--single-transaction",
                                   "--dbname=" + u.target};
  if (force) args.insert(args.begin(), {"--clean", "--if-exists"});
  args.push_back(file.string());
  Run("pg_restore", args);
}

}  // namespace waishi::db
