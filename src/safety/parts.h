// What the safety module's files share (not for other modules).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/auth/principal.h"
#include "core/cases/registry.h"
#include "core/module.h"

namespace waishi::safety {

// The desk whose staff handle the register and the crisis mode.
inline constexpr std::string_view kDesk = "consular";
// The module's policy (retention.h).
inline constexpr std::string_view kPolicy = "safety";

// The roles of the desk's staff, who change incidents and alerts, and of those who read them
// (the staff and the auditor).
inline const std::vector<std::string> kDeskStaff = {"officer", "approver"};
inline const std::vector<std::string> kDeskReaders = {"officer", "approver", "auditor"};
// A person's e-mail address in the register (the roll call's and the alert's mail).
inline constexpr const char* kEmailOf = "SELECT email FROM safety_people WHERE id = :id";
// Forbidden unless `who` works the consular desk or reads everything (safety.cpp).
void RequireDesk(const auth::Principal& who);

// bench.cpp: `waishi bench crisis --db URL [QUERIES] [SCANS]`.
int BenchCrisis(App& app, const std::vector<std::string>& args);
// bench.cpp: `waishi bench roll-call --db URL [PEOPLE]`.
int BenchRollCall(App& app, const std::vector<std::string>& args);

// incidents.cpp: the incidents' and roll calls' routes.
void RegisterIncidentRoutes(App& app);

// alerts.cpp: the travel alerts' routes; an alert written from a body of the API's shape
// (already checked), answering its id; a draft published (false: it was not a draft).
void RegisterAlertRoutes(App& app);
long long WriteAlert(db::Session& tx, const Json& body, long long by);
bool PublishAlert(db::Session& tx, long long id, long long by);

// trips.cpp: the effect `safety.register_trip`, called on an outbound trip's approval.
void RegisterTrip(const cases::EffectCall& e);

// registrations.cpp: citizens' voluntary registration, with consent.
void RegisterRegistrationRoutes(App& app);

// people.cpp: the register searched by the desk.
void RegisterPeopleRoutes(App& app);

// groups.cpp: travel agencies' tour groups and the lists they upload; a group made and a
// person of the register linked to it (the demo's, as the routes do).
void RegisterGroupRoutes(App& app);
long long CreateGroup(db::Session& tx, long long org_id, const std::string& code,
                      const std::string& title, long long by);
void LinkMember(db::Session& tx, long long group_id, long long person_id, bool tour_leader);

// demo.cpp
void LoadDemo(App& app, DemoContext& ctx);

}  // namespace waishi::safety
