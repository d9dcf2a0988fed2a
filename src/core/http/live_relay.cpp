#include "core/http/live_relay.h"

#include <sodium.h>

#include <optional>
#include <string>

#include "core/log.h"

namespace waishi::live {
namespace {

// This server among those sharing the database: a notification comes back to its sender too.
std::string NewOrigin() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

// The payload: "<origin>\n<topic>\n<event>" (neither origin nor topic holds a line break).
struct Relayed {
  std::string_view origin, topic, event;
};

std::optional<Relayed> Parse(std::string_view payload) {
  const auto a = payload.find('\n');
  if (a == std::string_view::npos) return std::nullopt;
  const auto b = payload.find('\n', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  return Relayed{payload.substr(0, a), payload.substr(a + 1, b - a - 1), payload.substr(b + 1)};
}

// Removes the relay when the listening ends, before the database goes.
class RelayedListening : public db::Listening {
 public:
  RelayedListening(Hub& hub, std::string conninfo, std::string channel, Handler handler)
      : db::Listening(std::move(conninfo), std::move(channel), std::move(handler)), hub_(hub) {}
  ~RelayedListening() { hub_.SetRelay(nullptr); }

 private:
  Hub& hub_;
};

}  // namespace

std::unique_ptr<db::Listening> RelayThroughDatabase(Hub& hub, db::Database& db) {
  if (!db.Shared()) return nullptr;
  const std::string origin = NewOrigin();
  auto listening = std::make_unique<RelayedListening>(
      hub, db.url().target, std::string(kLiveChannel), [&hub, origin](std::string_view payload) {
        const auto r = Parse(payload);
        if (r && r->origin != origin) hub.PublishHere(r->topic, r->event);
      });
  hub.SetRelay([&db, origin](std::string_view topic, std::string_view event) {
    if (topic.find('\n') != std::string_view::npos) return;
    std::string payload = origin;
    payload.append("\n").append(topic).append("\n").append(event);
    if (!db::Notify(db, kLiveChannel, payload)) {
      log::Error("live: an event on " + std::string(topic) + " of " + std::to_string(event.size()) +
                 " bytes is too large for the other servers");
    }
  });
  return listening;
}

}  // namespace waishi::live
