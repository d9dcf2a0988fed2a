#include "core/http/live.h"

#include <algorithm>

namespace waishi::live {

std::string Event(std::string_view name, const Json& data) {
  // dump() writes no raw line break (they are escaped inside strings), so the data is one
  // "data:" line.
  std::string out = "event: ";
  out.append(name);
  out += "\ndata: ";
  out += data.dump(-1, ' ', false, Json::error_handler_t::replace);
  out += "\n\n";
  return out;
}

void Hub::Listen(std::string topic, std::shared_ptr<Listener> listener) {
  std::lock_guard lock(mutex_);
  listeners_.emplace(std::move(topic), std::move(listener));
}

std::size_t Hub::Publish(std::string_view topic, std::string_view event) {
  std::shared_ptr<const Relay> relay;
  {
    std::lock_guard lock(mutex_);
    relay = relay_;
  }
  if (relay) (*relay)(topic, event);
  return PublishHere(topic, event);
}

void Hub::SetRelay(Relay relay) {
  std::lock_guard lock(mutex_);
  relay_ = relay ? std::make_shared<const Relay>(std::move(relay)) : nullptr;
}

std::size_t Hub::PublishHere(std::string_view topic, std::string_view event) {
  std::vector<std::shared_ptr<Listener>> targets;
  {
    std::lock_guard lock(mutex_);
    auto [first, last] = listeners_.equal_range(topic);
    for (auto it = first; it != last; ++it) targets.push_back(it->second);
  }
  return WriteAll(targets, event);
}

void Hub::Heartbeat() {
  std::vector<std::shared_ptr<Listener>> all;
  {
    std::lock_guard lock(mutex_);
    for (const auto& entry : listeners_) all.push_back(entry.second);
  }
  WriteAll(all, ":\n\n");
}

std::size_t Hub::WriteAll(const std::vector<std::shared_ptr<Listener>>& targets,
                          std::string_view text) {
  // Written outside the lock: a listener's Write only queues, but it must not hold up the
  // publishers of other topics.
  std::size_t reached = 0;
  std::vector<const Listener*> gone;
  for (const auto& listener : targets) {
    if (listener->Write(std::string(text)))
      ++reached;
    else
      gone.push_back(listener.get());
  }
  if (!gone.empty()) {
    std::lock_guard lock(mutex_);
    std::erase_if(listeners_, [&gone](const auto& entry) {
      return std::find(gone.begin(), gone.end(), entry.second.get()) != gone.end();
    });
  }
  return reached;
}

std::size_t Hub::listeners() const {
  std::lock_guard lock(mutex_);
  return listeners_.size();
}

void Hub::Clear() {
  std::multimap<std::string, std::shared_ptr<Listener>, std::less<>> old;
  {
    std::lock_guard lock(mutex_);
    old.swap(listeners_);
  }
}

Hub& Default() {
  static Hub hub;
  return hub;
}

}  // namespace waishi::live
