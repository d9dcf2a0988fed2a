// Crisis mode: an incident (a circle and a window the consular desk draws), the roll call that
// asks everyone affected "are you safe?" through a one-time link, the answers and the phone
// calls, and the incident's timeline. The officer's view follows the roll call live (the
// stream topic below, core/http/live.h).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/auth/principal.h"
#include "core/cases/engine.h"
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

// The roll call's figures: how many were asked (and of them reached by e-mail), how they
// answered, and of those who did not, how many the desk reached by phone.
struct RollCallCounts {
  long long asked = 0, emailed = 0, safe = 0, need_help = 0, unanswered = 0, reached = 0;
  Json ToJson() const;
};
RollCallCounts CountRollCall(db::Session& s, long long incident_id);

// Asks everyone the incident affects and who was not asked yet: a token per person (its
// SHA-256 kept), the question e-mailed through the outbox to those with an address, one
// timeline entry. Answers how many it asked now and how many of them by e-mail.
struct Asked {
  long long asked = 0, emailed = 0;
  std::vector<std::pair<long long, std::string>> links;  // person id → the link's token
};
Asked AskEveryone(db::Session& tx, const IncidentRecord& incident, long long by);

// Opens an incident (its timeline starts); answers its id.
long long OpenIncident(db::Session& tx, const std::string& title, const Incident& area,
                       long long by);

// What a link asks, or ApiError 404 (no such link) or 410 (the incident is closed: the link
// has expired).
struct Question {
  long long incident_id = 0, person_id = 0;
  std::string answer;  // "" until answered
  std::string name, title, state;
  calendar::Date from, to;
};
Question QuestionOf(db::Session& s, const std::string& token);

// An answer through a link: once (409 safety.already_answered after), while the incident is
// open (410).
struct Answer {
  std::string answer;  // safe | need_help
  std::string note;
  std::optional<double> lat, lon;
};
Question RecordAnswer(db::Session& tx, const std::string& token, const Answer& given);

// A phone call to someone the roll call asked (422 safety.not_asked otherwise); the incident
// must be open (409). Answers the call's id.
long long RecordCall(db::Session& tx, long long incident_id, long long person_id,
                     const std::string& outcome, const std::string& note, long long by);

// Turns a person's "need help" into a draft consular case (the consular module's type) that
// `who`, of the consular desk, then works: the person, the place of their leg in the incident
// nearest its centre (or where they answered from), their note. 422 safety.not_asked for
// someone not asked, 409 safety.not_need_help when they did not ask for help, 409
// safety.case_exists once a case is open for them. Answers the case's id.
long long OpenCase(db::Session& tx, cases::Engine& engine, const auth::Principal& who,
                   long long incident_id, long long person_id);

// Closes an open incident (409 otherwise): its links expire.
void CloseIncident(db::Session& tx, long long id, long long by);

// The stream topic of an incident's live view.
std::string LiveTopic(long long incident_id);

}  // namespace waishi::safety
