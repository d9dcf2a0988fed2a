#include "core/audit/anchor.h"

#include <fcntl.h>
#include <syslog.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <stdexcept>

#include "core/clock.h"
#include "core/log.h"

namespace waishi::audit {
namespace {

// Sealed entries only: a read has no hash of its own (audit.cpp).
constexpr const char* kFirst = "SELECT hash FROM audit_log WHERE hash <> '' ORDER BY id LIMIT 1";
constexpr const char* kNewest =
    "SELECT id, hash FROM audit_log WHERE hash <> '' ORDER BY id DESC LIMIT 1";

// "key=value" → value, when the word starts with key=.
std::string_view ValueOf(std::string_view word, std::string_view key) {
  if (word.size() > key.size() && word.starts_with(key) && word[key.size()] == '=')
    return word.substr(key.size() + 1);
  return {};
}

}  // namespace

Anchor::Anchor(std::filesystem::path file, bool syslog) : file_(std::move(file)), syslog_(syslog) {
  if (file_.has_parent_path()) std::filesystem::create_directories(file_.parent_path());
  fd_ = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error(file_.string() + ": cannot open the audit anchor");
  if (syslog_) ::openlog("waishi", LOG_PID, LOG_AUTHPRIV);
}

Anchor::~Anchor() {
  if (fd_ >= 0) ::close(fd_);
  if (syslog_) ::closelog();
}

void Anchor::AfterCommit(db::Session& s) {
  long long id = 0;
  std::string hash;
  s.RowOnce(kNewest, [&](const db::Row& r) {
    id = db::Int(r, 0);
    hash = db::Text(r, 1);
  });
  if (id == 0 || id == last_id_) return;
  if (chain_.empty()) s.Query(kFirst, {}, [&](const db::Row& r) { chain_ = db::Text(r, 0); });
  const std::string line =
      clock::NowIso() + " chain=" + chain_ + " id=" + std::to_string(id) + " hash=" + hash + "\n";
  // One write() with O_APPEND: lines from several processes never interleave. Not synced:
  // the database's commit is, and a checkpoint lost in a crash only weakens the check.
  if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
    log::Error("audit anchor: cannot append to " + file_.string());
  if (syslog_) ::syslog(LOG_INFO, "audit checkpoint %s", line.c_str());
  last_id_ = id;
}

std::vector<Checkpoint> Anchor::Read(const std::filesystem::path& file) {
  std::vector<Checkpoint> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    Checkpoint c;
    std::string_view rest = line;
    while (!rest.empty()) {
      const auto space = rest.find(' ');
      const std::string_view word = rest.substr(0, space);
      rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
      if (auto v = ValueOf(word, "chain"); !v.empty()) c.chain = v;
      if (auto v = ValueOf(word, "hash"); !v.empty()) c.hash = v;
      if (auto v = ValueOf(word, "id"); !v.empty())
        std::from_chars(v.data(), v.data() + v.size(), c.id);
    }
    if (!c.chain.empty() && c.id > 0 && !c.hash.empty()) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace waishi::audit
