// Crisis mode: an incident (a circle and a window the consular desk draws), the roll call that
// asks everyone affected "are you safe?" through a one-time link, the answers and the phone
// calls, and the incident's timeline. The officer's view follows the roll call live (the
// stream topic below, core/http/live.h).
#pragma once

#include <optional>
#include <string>

#include "core/db/session.h"
#include "core/json.h"
#include "safety/affected.h"

namespace waishi::safety {

struct IncidentRecord {
  long long id = 0;
  std::string title;
  Incident area;
  std::string state;  // open | closed
  long long created_by = 0;
  std::string created_at, closed_at;
};

std::optional<IncidentRecord> LoadIncident(db::Session& s, long long id);

// The roll call's figures: how many were asked (and of them reached by e-mail), and how they
// answered.
struct RollCallCounts {
  long long asked = 0, emailed = 0, safe = 0, need_help = 0, unanswered = 0;
  Json ToJson() const;
};
RollCallCounts CountRollCall(db::Session& s, long long incident_id);

// Asks everyone the incident affects and who was not asked yet: a token per person (its
// SHA-256 kept), the question e-mailed through the outbox to those with an address, one
// timeline entry. Answers how many it asked now and how many of them by e-mail.
struct Asked {
  long long asked = 0, emailed = 0;
};
Asked AskEveryone(db::Session& tx, const IncidentRecord& incident, long long by);

// The stream topic of an incident's live view.
std::string LiveTopic(long long incident_id);

}  // namespace waishi::safety
