// `waishi bench crisis --db URL [QUERIES] [SCANS]`: the crisis query timed on the register
// as it is (make bench loads 10,000,000 legs first), next to a full scan of the same table.
// Each question is a 300 km circle around the place of a leg drawn at random, over three days
// from that leg's first: where and when people are. The index answers QUERIES of them (default
// 200); the scan the first SCANS (default 3), which must find the same legs. Prints one JSON
// line for bench/run.sh.
//
// `waishi bench roll-call --db URL [PEOPLE]`: the time to send a roll call to PEOPLE people
// (default 10,000) with an address each: a token, its hash, the question in the outbox and
// the roll call's row per person, in one transaction. One JSON line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <set>

#include "core/auth/accounts.h"
#include "core/auth/password.h"
#include "core/clock.h"
#include "safety/affected.h"
#include "safety/incidents.h"
#include "safety/parts.h"
#include "safety/register.h"

namespace waishi::safety {
namespace {

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

template <class F>
double MillisecondsOf(F&& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

std::set<long long> Ids(const std::vector<AffectedLeg>& legs) {
  std::set<long long> out;
  for (const auto& l : legs) out.insert(l.leg_id);
  return out;
}

}  // namespace

int BenchCrisis(App& app, const std::vector<std::string>& args) {
  const int queries = std::max(1, args.size() > 0 ? std::stoi(args[0]) : 200);
  const int scans = std::clamp(args.size() > 1 ? std::stoi(args[1]) : 3, 0, queries);
  db::Database& db = app.db;
  const long long max_id =
      db.Read([](db::Session& s) { return s.Int("SELECT MAX(id) FROM safety_legs").value_or(0); });
  const long long legs =
      db.Read([](db::Session& s) { return s.Int("SELECT COUNT(*) FROM safety_legs").value_or(0); });
  if (legs == 0) {
    std::fputs("bench crisis: the register has no legs (waishi import itineraries first)\n",
               stderr);
    return 1;
  }
  std::mt19937_64 random(20261203);
  std::uniform_int_distribution<long long> pick(1, max_id);
  std::vector<Incident> incidents;
  while (static_cast<int>(incidents.size()) < queries + 5) {
    db.Read([&](db::Session& s) {
      s.Query("SELECT lat, lon, from_day FROM safety_legs WHERE id = :id", {{"id", pick(random)}},
              [&](const db::Row& r) {
                const auto from = calendar::Date::FromDays(static_cast<int>(db::Int(r, 2)));
                incidents.push_back({db::Real(r, 0), db::Real(r, 1), 300, from, from.AddDays(2)});
              });
    });
  }
  std::vector<double> times;
  double affected = 0;
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    std::size_t found = 0;
    const double ms = MillisecondsOf([&] {
      found = db.Read([&](db::Session& s) { return FindAffected(s, incidents[i]).size(); });
    });
    if (i < 5) continue;  // the first warm the caches
    times.push_back(ms);
    affected += static_cast<double>(found);
  }
  std::vector<double> scan_times;
  bool same = true;
  for (int i = 0; i < scans; ++i) {
    const Incident& incident = incidents[5 + static_cast<std::size_t>(i)];
    std::vector<AffectedLeg> scanned;
    scan_times.push_back(MillisecondsOf([&] {
      scanned = db.Read([&](db::Session& s) { return FindAffectedByScan(s, incident); });
    }));
    const auto indexed = db.Read([&](db::Session& s) { return FindAffected(s, incident); });
    same = same && Ids(indexed) == Ids(scanned);
  }
  const double p50 = Percentile(times, 0.5);
  const double scan_p50 = Percentile(scan_times, 0.5);
  std::printf(
      "{\"legs\": %lld, \"queries\": %zu, \"radius_km\": 300, \"window_days\": 3, "
      "\"p50_ms\": %.3f, \"p99_ms\": %.3f, \"affected_legs_mean\": %.0f, \"scan_queries\": %zu, "
      "\"scan_p50_ms\": %.1f, \"vs_scan\": %.1f, \"same_as_scan\": %s}\n",
      legs, times.size(), p50, Percentile(times, 0.99),
      affected / static_cast<double>(times.size()), scan_times.size(), scan_p50,
      p50 > 0 ? scan_p50 / p50 : 0.0, same ? "true" : "false");
  return same ? 0 : 1;
}

int BenchRollCall(App& app, const std::vector<std::string>& args) {
  const long long people = std::clamp(args.empty() ? 10000LL : std::stoll(args[0]), 1LL, 1000000LL);
  db::Database& db = app.db;
  long long officer =
      db.Read([](db::Session& s) { return s.Int("SELECT MIN(id) FROM users").value_or(0); });
  // A register of its own (make bench imports into a new SQLite database) has no one to open
  // the incident: an office and an officer of it are added, with a password nobody knows.
  if (officer == 0) {
    officer = db.Write([](db::Session& s) {
      accounts::NewUser user;
      user.username = "bench.roll-call";
      user.password = auth::RandomToken();
      user.display_name = "点名基准 Roll-call bench";
      user.org_id = accounts::CreateOrganization(
          s, accounts::NewOrganization{"office", "外事办公室（基准）",
                                       "Foreign Affairs Office (bench)"});
      user.roles = {"officer"};
      return accounts::CreateUser(s, user);
    });
  }
  // People of the bench's own, in Quito in a window no other data has (2099), each with an
  // address: the roll call asks every one of them, the outbox gets an e-mail for each.
  const calendar::Date from = calendar::Date::FromYmd(2099, 6, 1), to = from.AddDays(2);
  const Incident area{-0.1807, -78.4678, 50, from, to};
  const double load_ms = MillisecondsOf([&] {
    db.Write([&](db::Session& s) {
      BulkRegister bulk(s, clock::NowIso());
      for (long long i = 0; i < people; ++i) {
        const std::string ref = "bench-roll-call-" + std::to_string(i);
        const Person p{"import", ref, "点名 " + std::to_string(i), "", ref + "@example.org", "", 0};
        bulk.PersonId(p);
        bulk.AddLeg(p, Leg{"EC", "Quito", area.lat, area.lon, from, to});
      }
      bulk.Flush();
    });
  });
  long long incident = 0;
  db.Write([&](db::Session& s) { incident = OpenIncident(s, "bench roll call", area, officer); });
  Asked asked;
  const double ms = MillisecondsOf([&] {
    asked = db.Write(
        [&](db::Session& s) { return AskEveryone(s, *LoadIncident(s, incident), officer); });
  });
  db.Write([&](db::Session& s) { CloseIncident(s, incident, officer); });
  std::printf(
      "{\"people\": %lld, \"asked\": %lld, \"emailed\": %lld, \"send_ms\": %.1f, "
      "\"per_second\": %.0f, \"register_ms\": %.1f}\n",
      people, asked.asked, asked.emailed, ms, ms > 0 ? 1000.0 * asked.asked / ms : 0.0, load_ms);
  return asked.asked >= people ? 0 : 1;
}

}  // namespace waishi::safety
