// The module contract: what a module of the office gives the
// platform, as one record. main() lists the modules; for each it applies the migrations
// in its folder (numbered per module), runs its setup (routes, case types, rules, desks,
// policies), and `waishi demo` runs its demo loader after the core's.
//
// The web side of a module is its routes file (web/src/router/modules/<module>.ts, which
// is also its menu), its API file and its catalogues; see CONTRIBUTING.md.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/app.h"
#include "core/auth/principal.h"
#include "core/calendar/working_days.h"

namespace waishi {

// What the core's demo created, for the modules' demo loaders to build on.
struct DemoContext {
  std::string password;                    // every demo account's
  std::map<std::string, long long> orgs;   // key ("office", "ent.0" …) → organization id
  std::map<std::string, long long> users;  // username → user id
  // Every demo account, in the order they are printed: username → who they are.
  std::vector<std::pair<std::string, std::string>> accounts;
  std::function<auth::Principal(const std::string& username)> principal;
};

// A moment of a demo history: 10:00 in Beijing on `day`, plus `minute` minutes (to keep a
// day's steps in order). The demo loaders replay each history at the time it happened.
std::chrono::system_clock::time_point DemoMoment(calendar::Date day, int minute = 0);

// A subcommand of `waishi` a module adds, run on the migrated database after every module's
// setup: `waishi import widgets --db URL FILE.csv` is words {"import", "widgets"} and
// run(app, {"FILE.csv"}). Answers the exit code.
struct Command {
  std::vector<std::string> words;
  std::string usage;  // what follows the words in the usage line
  std::function<int(App&, const std::vector<std::string>& args)> run;
  // Its options that take no value ("merge" for --merge): `--merge FILE` is then the switch and
  // a file, not FILE as its value; those given reach `run` among its arguments, as "--merge".
  std::vector<std::string> switches = {};
};

struct Module {
  std::string name;        // e.g. "core": its migrations are recorded under this name
  std::string migrations;  // resource folder of its SQL files: "src/<module>/migrations/"
  std::function<void(App&)> setup;
  std::function<void(App&, DemoContext&)> demo;  // may be empty
  // `waishi bench-data`: synthetic data for the benchmark (may be empty).
  std::function<void(App&, long count)> bench_data;
  std::vector<Command> commands;
  // Deletes what the module's retention policy says is past its time (PIPL): run daily by
  // `waishi serve` and at once by `waishi retention`.
  std::function<void(App&)> retention;
  // What else the module does once a day (reminders of deadlines come due): run after the
  // retention by `waishi serve` and at once by `waishi daily`.
  std::function<void(App&)> daily;
  // A later issue fills this: gather a person's data for a personal-data export (PIPL).
  std::function<Json(App&, long long user_id)> export_personal_data;
};

}  // namespace waishi
