// The counter module's pieces, for its own files.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/app.h"
#include "core/auth/principal.h"
#include "core/cases/engine.h"
#include "core/db/session.h"
#include "core/json.h"
#include "core/module.h"

namespace waishi::counter {

struct Counter {
  long long id = 0;
  std::string code, name_zh, name_en, place_zh, place_en;
  std::string service;  // the desk whose applicants it receives
  int capacity = 0, slot_minutes = 0;
  std::vector<std::pair<std::string, std::string>> hours;  // [from, to) periods, "HH:MM"
};

std::optional<Counter> LoadCounter(db::Session& s, long long id);

// A booking by `who` (an applicant), in the caller's write transaction; throws the ApiError of
// a refusal. A booking may name an application of the booker's side (their own, or one
// shared within their enterprise). Answers the booking as the routes do.
Json Book(db::Session& s, const cases::Engine& engine, const auth::Principal& who,
          long long counter_id, const std::string& day, const std::string& start,
          const std::string& purpose, std::optional<long long> case_id);
// The person booked is at the counter today: the next queue number of the counter's day.
Json CheckIn(db::Session& s, const auth::Principal& who, long long booking_id);

// demo.cpp
void LoadDemo(App& app, DemoContext& ctx);

}  // namespace waishi::counter
