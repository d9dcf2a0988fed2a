#include "core/cases/read_cache.h"

#include <utility>

#include "core/json.h"

namespace waishi::cases {

std::shared_ptr<const ReadCache::Entry> ReadCache::Find(long long id, std::uint64_t epoch,
                                                        std::string_view today) const {
  std::shared_ptr<const Entry> e;
  {
    const Shard& shard = ShardOf(id);
    std::lock_guard lock(shard.mu);
    const auto it = shard.entries.find(id);
    if (it == shard.entries.end()) return nullptr;
    e = it->second;
  }
  const bool holds = e->epoch == epoch && e->today == today &&
                     std::chrono::steady_clock::now() - e->made < kMaxAge;
  return holds ? e : nullptr;
}

void ReadCache::Keep(long long id, std::shared_ptr<const Entry> entry) {
  Shard& shard = ShardOf(id);
  std::lock_guard lock(shard.mu);
  if (shard.entries.size() >= kCapacity / kShards) shard.entries.clear();
  shard.entries.insert_or_assign(id, std::move(entry));
}

std::string ReadCache::Answer(const Entry& e, const std::vector<std::string>& actions) {
  std::string text;
  text.reserve(e.before_actions.size() + e.after_actions.size() + 16 * actions.size() + 2);
  text += e.before_actions;
  text += '[';
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (i) text += ',';
    text += Json(actions[i]).dump();
  }
  text += ']';
  text += e.after_actions;
  return text;
}

bool ReadCache::Split(std::string_view text, std::string_view marker_json, Entry& e) {
  const std::size_t at = text.find(marker_json);
  if (at == std::string_view::npos ||
      text.find(marker_json, at + marker_json.size()) != std::string_view::npos) {
    return false;
  }
  e.before_actions = text.substr(0, at);
  e.after_actions = text.substr(at + marker_json.size());
  return true;
}

}  // namespace waishi::cases
