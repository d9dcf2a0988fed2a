// The live views across servers: where several `waishi serve` share one PostgreSQL database,
// each server's hub relays what it publishes through the database (db::Notify on the channel
// kLiveChannel) and writes what the others published to its own listeners (db::Listening). A
// notification is sent when the write transaction that carries it commits: another server's
// listeners get an event a few milliseconds after this one's.
#pragma once

#include <memory>
#include <string_view>

#include "core/db/database.h"
#include "core/db/notifications.h"
#include "core/http/live.h"

namespace waishi::live {

inline constexpr std::string_view kLiveChannel = "waishi_live";

// Relays `hub` through `db` while the result lives (it removes the relay when destroyed); null,
// and nothing relayed, when the database is not shared (SQLite). An event too large for a
// notification stays on this server, logged.
std::unique_ptr<db::Listening> RelayThroughDatabase(Hub& hub, db::Database& db);

}  // namespace waishi::live
