// Live views: Server-Sent Events (the WHATWG HTML standard, §9.2 "Server-sent events").
//
// A route opens a stream by answering Response::Stream(topic, first_events): the server
// writes the first events, keeps the connection open and writes every event later published
// on that topic, until the client leaves. The route decides who may listen (it checks the
// caller as any route does) and what the topic is; a module publishes where its data
// changes:
//   live::Publish("incident/42", live::Event("answer", {{"person_id", 7}}));
// Events reach the listeners of this process, and, where several servers share one PostgreSQL
// database, those of the others too (the hub's relay: core/http/live_relay.h). Nothing is kept
// for a client that was away: a view reloads its state when it (re)connects, from the first
// events.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace waishi::live {

// One event in the stream's wire format: "event: <name>\ndata: <json>\n\n".
std::string Event(std::string_view name, const Json& data);

// One open stream, as the server sees it. Write() queues the text for the client and returns
// false once the client has gone (the hub then forgets it).
class Listener {
 public:
  virtual ~Listener() = default;
  virtual bool Write(std::string text) = 0;
};

class Hub {
 public:
  void Listen(std::string topic, std::shared_ptr<Listener> listener);
  // Writes the event to every listener of the topic here and hands it to the relay; returns how
  // many listeners here got it.
  std::size_t Publish(std::string_view topic, std::string_view event);
  // Writes an event another server published to the listeners here only.
  std::size_t PublishHere(std::string_view topic, std::string_view event);
  using Relay = std::function<void(std::string_view topic, std::string_view event)>;
  // What Publish() also calls, for the other servers (none by default).
  void SetRelay(Relay relay);
  // A comment line to every listener, so that proxies keep idle streams open and streams
  // whose client left are found and forgotten. The server calls it every few seconds.
  void Heartbeat();
  std::size_t listeners() const;
  // Forgets every listener (the server is stopping).
  void Clear();

 private:
  std::size_t WriteAll(const std::vector<std::shared_ptr<Listener>>& targets,
                       std::string_view text);

  mutable std::mutex mutex_;
  std::shared_ptr<const Relay> relay_;
  std::multimap<std::string, std::shared_ptr<Listener>, std::less<>> listeners_;
};

// The process's hub: the server's streams listen on it, modules publish to it.
Hub& Default();

inline std::size_t Publish(std::string_view topic, std::string_view event) {
  return Default().Publish(topic, event);
}

}  // namespace waishi::live
