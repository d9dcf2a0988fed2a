// The crisis query on both engines against a brute-force computation: 10,000 random legs (many
// near the poles and the antimeridian), circles of every size there and elsewhere; the index,
// the full scan and the brute force find the same legs. And the answer's figures add up.
#include "safety/affected.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <stdexcept>
#include <string>

#include "core/auth/accounts.h"
#include "core/db/bulk.h"
#include "core/db/database.h"
#include "core/db/scratch_database.h"
#include "core/geo/sphere.h"
#include "core/resources.h"
#include "safety/grid.h"
#include "safety/pack.h"
#include "safety/register.h"

namespace waishi::safety {
namespace {

using calendar::Date;

// The leg of every filing under the grid, one id a filing (SQLite's rows, PostgreSQL's packs).
std::vector<long long> FiledLegs(db::Session& s) {
  std::vector<long long> legs;
  if (s.dialect() == db::Dialect::kSqlite) {
    s.Query("SELECT leg_id FROM safety_leg_cells", {},
            [&](const db::Row& r) { legs.push_back(db::Int(r, 0)); });
    return legs;
  }
  db::FastQuery(s, "SELECT filings FROM safety_leg_packs")
      .Run({}, [&](const db::FastQuery::Row& r) {
        pack::Reader filings(r.Blob(0));
        for (pack::Filing f; filings.Next(f);) legs.push_back(f.leg_id);
      });
  return legs;
}

struct Generated {
  long long id;
  Leg leg;
};

class AffectedTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    WAISHI_SKIP_WITHOUT_ENGINE(GetParam());
    scratch_ = std::make_unique<db::ScratchDatabase>(GetParam());
    db_ = db::Database::Open(scratch_->url(), 1);
    db_->Migrate("core", "migrations/core/");
    db_->Migrate("safety", "src/safety/migrations/");
  }

  // `count` random legs of people of 1 to 3 legs, the first half written one at a time and
  // the second in bulk; a tenth near each pole, a tenth on either side of the antimeridian.
  void AddRandomLegs(int count, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> lat(-90, 90), lon(-180, 180), near(0, 3);
    std::uniform_int_distribution<int> day(0, 60), length(0, 12), group(0, 9);
    const Date base = Date::FromYmd(2026, 11, 1);
    const long long org = db_->Write([](db::Session& s) {
      return accounts::CreateOrganization(
          s, accounts::NewOrganization{"enterprise", "宁波测试有限公司", "Ningbo Test Co."});
    });
    int person = 0;
    for (const bool in_bulk : {false, true}) {
      db_->Write([&](db::Session& s) {
        BulkRegister bulk(s, "2026-11-01T00:00:00.000Z");
        while (static_cast<int>(legs_.size()) < (in_bulk ? count : count / 2)) {
          ++person;
          const Person p{"import",
                         "P" + std::to_string(person),
                         "测试" + std::to_string(person),
                         "",
                         "",
                         group(random) < 3 ? "G" + std::to_string(person % 7) : "",
                         group(random) < 2 ? org : 0};
          const long long id = in_bulk ? 0 : PersonId(s, p, "2026-11-01T00:00:00.000Z");
          for (int k = 0; k < 1 + person % 3; ++k) {
            Leg leg{"JP", "City", lat(random), lon(random), {}, {}};
            if (const auto region = legs_.size() % 10; region == 0) {
              leg.lat = 90 - near(random);
            } else if (region == 1) {
              leg.lat = -90 + near(random);
            } else if (region == 2) {
              leg.lon = 180 - near(random);
            } else if (region == 3) {
              leg.lon = -180 + near(random);
            }
            leg.from = base.AddDays(day(random));
            leg.to = leg.from.AddDays(length(random));
            legs_.push_back({in_bulk ? bulk.AddLeg(p, leg) : AddLeg(s, id, leg), leg});
          }
        }
        bulk.Flush();
      });
    }
  }

  std::set<long long> BruteForce(const Incident& i) const {
    std::set<long long> out;
    for (const auto& g : legs_) {
      if (g.leg.to < i.from || i.to < g.leg.from) continue;
      if (geo::HaversineKm(i.lat, i.lon, g.leg.lat, g.leg.lon) <= i.radius_km) out.insert(g.id);
    }
    return out;
  }

  static std::set<long long> Ids(const std::vector<AffectedLeg>& legs) {
    std::set<long long> out;
    for (const auto& l : legs) out.insert(l.leg_id);
    return out;
  }

  std::unique_ptr<db::ScratchDatabase> scratch_;
  std::unique_ptr<db::Database> db_;
  std::vector<Generated> legs_;
};

TEST_P(AffectedTest, TheIndexTheScanAndTheBruteForceFindTheSameLegs) {
  AddRandomLegs(10000, 11);
  std::mt19937_64 random(12);
  std::uniform_real_distribution<double> lat(-90, 90), lon(-180, 180), radius(20, 4000);
  std::uniform_int_distribution<int> day(-5, 70), length(0, 9);
  const Date base = Date::FromYmd(2026, 11, 1);
  std::vector<Incident> incidents = {
      {89.5, 0, 500, base, base.AddDays(60)},             // around the north pole
      {-89, 120, 800, base, base.AddDays(60)},            // the south pole
      {0, 179.8, 600, base, base.AddDays(60)},            // across the antimeridian
      {-10, -179.9, 1500, base, base.AddDays(60)},        // from the other side
      {35.68, 139.69, 300, base, base.AddDays(2)},        // Tokyo, 3 days
      {0, 0, 20000, base.AddDays(10), base.AddDays(10)},  // the whole Earth, one day
      {45, 45, 0.1, base, base.AddDays(60)},              // 100 m: nobody, most likely
  };
  for (int i = 0; i < 40; ++i) {
    const Date from = base.AddDays(day(random));
    incidents.push_back(
        {lat(random), lon(random), radius(random), from, from.AddDays(length(random))});
  }
  std::size_t found = 0;
  for (const Incident& incident : incidents) {
    const auto expected = BruteForce(incident);
    const auto indexed = db_->Read([&](db::Session& s) { return FindAffected(s, incident); });
    const auto scanned = db_->Read([&](db::Session& s) { return FindAffectedByScan(s, incident); });
    EXPECT_EQ(Ids(indexed), expected) << incident.lat << "," << incident.lon << " r "
                                      << incident.radius_km << " " << incident.from.ToString();
    EXPECT_EQ(indexed.size(), expected.size()) << "each leg once";
    EXPECT_EQ(Ids(scanned), expected);
    for (const auto& leg : indexed) {
      EXPECT_LE(leg.distance_km, incident.radius_km);
      EXPECT_NEAR(leg.distance_km, geo::HaversineKm(incident.lat, incident.lon, leg.lat, leg.lon),
                  1e-9);
    }
    found += expected.size();
  }
  EXPECT_GT(found, 2000u) << "the incidents met many legs";
  // The whole Earth on one day: every leg of that day.
  const auto all = BruteForce(incidents[5]);
  EXPECT_GT(all.size(), 500u);
}

TEST_P(AffectedTest, TheAnswerCountsPeopleGroupsAndEnterprisesAndPagesThePeopleNearestFirst) {
  AddRandomLegs(3000, 21);
  const Date base = Date::FromYmd(2026, 11, 1);
  const Incident incident{0, 0, 20000, base, base.AddDays(70)};  // everyone
  auto legs = db_->Read([&](db::Session& s) { return FindAffected(s, incident); });
  ASSERT_EQ(legs.size(), legs_.size());
  std::set<long long> people;
  for (const auto& l : legs) people.insert(l.person_id);
  const auto summarize = [&](Date today, int page, int page_size) {
    return db_->Read(
        [&](db::Session& s) { return Summarize(s, legs, incident, today, page, page_size); });
  };

  const Json first = summarize(base.AddDays(5), 1, 25);
  EXPECT_EQ(first["legs"], legs.size());
  EXPECT_EQ(first["people"], people.size());
  EXPECT_EQ(first["groups"], 7);       // G0 … G6
  EXPECT_EQ(first["enterprises"], 1);  // the one enterprise
  long long by_country = 0;
  for (const auto& c : first["by_country"]) by_country += c["legs"].get<long long>();
  EXPECT_EQ(by_country, static_cast<long long>(legs.size()));
  EXPECT_EQ(first["by_city"][0]["city"], "City");
  EXPECT_EQ(first["items"][0]["name"].get<std::string>().rfind("测试", 0), 0u) << "named";
  ASSERT_EQ(first["items"].size(), 25u);
  for (std::size_t i = 1; i < first["items"].size(); ++i) {
    EXPECT_LE(first["items"][i - 1]["distance_km"].get<double>(),
              first["items"][i]["distance_km"].get<double>());
  }
  // Those there on day 5 of the window.
  long long today = 0;
  for (const auto& g : legs_) today += g.leg.from <= base.AddDays(5) && base.AddDays(5) <= g.leg.to;
  EXPECT_EQ(first["now"]["legs"], today);
  EXPECT_EQ(first["now"]["date"], base.AddDays(5).ToString());
  // Today outside the window: no "now".
  EXPECT_TRUE(summarize(base.AddDays(200), 1, 25)["now"].is_null());

  // The last page holds the rest; the pages together each person once.
  const auto page_count = (people.size() + 99) / 100;
  std::set<long long> paged;
  for (std::size_t p = 1; p <= page_count; ++p) {
    const Json page = summarize(base, static_cast<int>(p), 100);
    for (const auto& item : page["items"])
      EXPECT_TRUE(paged.insert(item["person_id"].get<long long>()).second);
  }
  EXPECT_EQ(paged, people);
  EXPECT_TRUE(summarize(base, static_cast<int>(page_count) + 1, 100)["items"].empty());
}

TEST_P(AffectedTest, ARemovedPersonIsFoundNoMoreAndLeavesNothingFiled) {
  AddRandomLegs(200, 31);
  const Date base = Date::FromYmd(2026, 11, 1);
  const Incident everyone{0, 0, 20000, base, base.AddDays(80)};
  const auto before = db_->Read([&](db::Session& s) { return FindAffected(s, everyone); });
  const long long gone = before.front().person_id;
  const auto legs_of_gone = db_->Read([&](db::Session& s) {
    std::set<long long> ids;
    s.Query("SELECT id FROM safety_legs WHERE person_id = :p", {{"p", gone}},
            [&](const db::Row& r) { ids.insert(db::Int(r, 0)); });
    return ids;
  });
  const auto filed = [&] {
    const auto legs = db_->Read([](db::Session& s) { return FiledLegs(s); });
    return std::count_if(legs.begin(), legs.end(),
                         [&](long long id) { return legs_of_gone.contains(id); });
  };
  const auto gone_filings = static_cast<std::size_t>(filed());
  EXPECT_GT(gone_filings, 0u);
  const auto filings_before = db_->Read([](db::Session& s) { return FiledLegs(s); }).size();
  db_->Write([&](db::Session& s) { RemovePerson(s, gone); });
  const auto after = db_->Read([&](db::Session& s) { return FindAffected(s, everyone); });
  EXPECT_TRUE(std::none_of(after.begin(), after.end(),
                           [&](const AffectedLeg& l) { return l.person_id == gone; }));
  const long long removed_legs = static_cast<long long>(before.size() - after.size());
  EXPECT_GT(removed_legs, 0);
  // Every filing of the removed legs went with them, and nothing else.
  EXPECT_EQ(filed(), 0);
  EXPECT_EQ(db_->Read([](db::Session& s) { return FiledLegs(s); }).size(),
            filings_before - gone_filings);
}

// Each leg is filed once under each week its dates touch, whichever way it was written: in
// bulk into an empty register (PostgreSQL: packs copied straight in), one at a time, in bulk
// over packs already there (appended to them), and after people are removed.
TEST_P(AffectedTest, EveryLegIsFiledOnceForEachWeekItTouches) {
  const auto check = [&](const std::string& when) {
    const auto [expected, filed] = db_->Read([](db::Session& s) {
      std::multiset<long long> expected;
      s.Query("SELECT id, from_day, to_day FROM safety_legs", {}, [&](const db::Row& r) {
        const int weeks = grid::Week(static_cast<int>(db::Int(r, 2))) -
                          grid::Week(static_cast<int>(db::Int(r, 1))) + 1;
        for (int w = 0; w < weeks; ++w) expected.insert(db::Int(r, 0));
      });
      const auto legs = FiledLegs(s);
      return std::pair(expected, std::multiset<long long>(legs.begin(), legs.end()));
    });
    EXPECT_FALSE(expected.empty()) << when;
    EXPECT_EQ(filed, expected) << when;
  };
  const Date day = Date::FromYmd(2026, 11, 10);
  db_->Write([&](db::Session& s) {
    BulkRegister bulk(s, "2026-11-01T00:00:00.000Z");
    for (int i = 0; i < 40; ++i) {
      const Person p{"import", "B" + std::to_string(i), "批量", "", "", i % 2 ? "G1" : "", 0};
      bulk.AddLeg(p, Leg{"JP", "Tokyo", 35.6895, 139.6917, day, day.AddDays(i % 20)});
    }
    bulk.Flush();
  });
  check("a first bulk");
  AddRandomLegs(300, 47);
  check("one at a time, then a bulk over packs already filed");
  const auto people = db_->Read([](db::Session& s) {
    std::vector<long long> ids;
    s.Query("SELECT id FROM safety_people ORDER BY id", {},
            [&](const db::Row& r) { ids.push_back(db::Int(r, 0)); });
    return ids;
  });
  // A third of them in one go: their legs share packs, each rewritten once for them all.
  std::vector<long long> third;
  for (std::size_t i = 0; i < people.size(); i += 3) third.push_back(people[i]);
  db_->Write([&](db::Session& s) { RemovePeople(s, third); });
  check("after a third of the people removed at once");
  db_->Write([&](db::Session& s) { RemovePerson(s, people[1]); });
  check("after one more removed");
  // The Tokyo legs still there are found, from the packs that file them.
  const auto tokyo = db_->Read([&](db::Session& s) {
    return FindAffected(s, Incident{35.6895, 139.6917, 1, day, day});
  });
  EXPECT_EQ(tokyo.size(), static_cast<std::size_t>(db_->Read([](db::Session& s) {
              return s.Int("SELECT COUNT(*) FROM safety_legs WHERE city = 'Tokyo'").value_or(0);
            })));
}

// Migration 0008 packs the filings an older PostgreSQL register kept as rows: the grid put back
// as migration 0002 made it and filled with the same legs' filings, 0008 run again; the crisis
// query then finds from the migration's packs every leg, group and enterprise it found from
// the packs written here.
TEST_P(AffectedTest, ThePackingMigrationKeepsEveryFilingAlreadyFiled) {
  if (GetParam() == db::Dialect::kSqlite) GTEST_SKIP() << "SQLite keeps its grid as rows";
  AddRandomLegs(600, 53);
  const Date base = Date::FromYmd(2026, 11, 1);
  const std::vector<Incident> incidents = {{0, 0, 20000, base, base.AddDays(80)},
                                           {89.5, 0, 500, base, base.AddDays(60)},
                                           {0, 179.8, 900, base.AddDays(5), base.AddDays(30)}};
  const auto answers = [&] {
    std::vector<std::map<long long, AffectedLeg>> out;
    for (const Incident& incident : incidents) {
      auto& by_leg = out.emplace_back();
      for (auto& leg : db_->Read([&](db::Session& s) { return FindAffected(s, incident); }))
        by_leg.emplace(leg.leg_id, std::move(leg));
    }
    return out;
  };
  const auto before = answers();
  ASSERT_GT(before[0].size(), 500u);
  db_->Write([&](db::Session& s) {
    s.Run(std::string(Resource("src/safety/migrations/0002_grid.postgresql.sql")));
    // Each leg filed as migration 0002 filed it: a row a week its dates touch.
    db::BulkInsert cells(s, "safety_leg_cells",
                         {"cell", "week", "leg_id", "person_id", "country", "city", "group_ref",
                          "org_id", "lat", "lon", "from_day", "to_day"});
    s.Query(
        "SELECT l.id, l.person_id, l.country, l.city, p.group_ref, p.org_id, l.lat, l.lon, "
        "l.from_day, l.to_day FROM safety_legs l JOIN safety_people p ON p.id = l.person_id",
        {}, [&](const db::Row& r) {
          const double lat = db::Real(r, 6), lon = db::Real(r, 7);
          const int from = static_cast<int>(db::Int(r, 8)), to = static_cast<int>(db::Int(r, 9));
          for (int w = grid::Week(from); w <= grid::Week(to); ++w) {
            cells.Add(grid::Cell(lat, lon), w, db::Int(r, 0), db::Int(r, 1), db::Text(r, 2),
                      db::Text(r, 3), db::OptText(r, 4), db::OptInt(r, 5), lat, lon, from, to);
          }
        });
    cells.Flush();
    s.Run("DROP TABLE safety_leg_packs");
    s.Run("DELETE FROM schema_migrations WHERE module = 'safety' AND version = 8");
  });
  EXPECT_EQ(db_->Migrate("safety", "src/safety/migrations/"), 1);
  EXPECT_EQ(db_->Read([](db::Session& s) {
    return s
        .Int(
            "SELECT COUNT(*) FROM information_schema.tables "
            "WHERE table_name = 'safety_leg_cells'")
        .value_or(-1);
  }),
            0);
  const auto after = answers();
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    ASSERT_EQ(after[i].size(), before[i].size()) << i;
    for (const auto& [id, was] : before[i]) {
      const AffectedLeg& now = after[i].at(id);
      EXPECT_EQ(now.person_id, was.person_id);
      EXPECT_EQ(now.country, was.country);
      EXPECT_EQ(now.city, was.city);
      EXPECT_EQ(now.group_ref, was.group_ref);
      EXPECT_EQ(now.org_id, was.org_id);
      EXPECT_EQ(now.lat, was.lat);
      EXPECT_EQ(now.lon, was.lon);
      EXPECT_EQ(now.from, was.from);
      EXPECT_EQ(now.to, was.to);
    }
  }
}

// Rows of two sources in turn (A, B, A): each person once, by source and ref.
TEST_P(AffectedTest, ABulkOfSourcesInTurnKnowsEachPersonOnce) {
  const Date day = Date::FromYmd(2026, 11, 10);
  const Leg leg{"JP", "Tokyo", 35.6895, 139.6917, day, day};
  db_->Write([&](db::Session& s) {
    BulkRegister bulk(s, "2026-11-01T00:00:00.000Z");
    const Person a{"import", "X1", "甲", "", "", "", 0}, b{"agency", "X1", "乙", "", "", "", 0};
    const long long first = bulk.PersonId(a);
    EXPECT_NE(bulk.PersonId(b), first);
    EXPECT_EQ(bulk.PersonId(a), first);
    bulk.AddLeg(a, leg);
    bulk.AddLeg(b, leg);
    bulk.Flush();
  });
  const auto legs = db_->Read([&](db::Session& s) {
    return FindAffected(s, Incident{35.6895, 139.6917, 1, day, day});
  });
  EXPECT_EQ(legs.size(), 2u);
  EXPECT_EQ(db_->Read([](db::Session& s) {
    return s.Int("SELECT COUNT(*) FROM safety_people").value_or(0);
  }),
            2);
}

// The rows are written on a thread of their own: a row the engine refuses there fails the bulk
// all the same, with the engine's words, and the transaction leaves nothing behind.
TEST_P(AffectedTest, ARowTheEngineRefusesFailsTheBulkAndNothingIsWritten) {
  db_->Write([](db::Session& s) {
    if (s.dialect() == db::Dialect::kSqlite) {
      s.Run(
          "CREATE TRIGGER refuse_leg BEFORE INSERT ON safety_legs WHEN NEW.city = 'Nowhere' "
          "BEGIN SELECT RAISE(ABORT, 'leg refused'); END");
    } else {
      s.Run(
          "CREATE FUNCTION refuse_leg() RETURNS trigger AS $$ BEGIN "
          "IF NEW.city = 'Nowhere' THEN RAISE EXCEPTION 'leg refused'; END IF; RETURN NEW; "
          "END $$ LANGUAGE plpgsql");
      s.Run(
          "CREATE TRIGGER refuse_leg BEFORE INSERT ON safety_legs "
          "FOR EACH ROW EXECUTE FUNCTION refuse_leg()");
    }
  });
  const Date day = Date::FromYmd(2026, 11, 10);
  std::string error;
  try {
    db_->Write([&](db::Session& s) {
      BulkRegister bulk(s, "2026-11-01T00:00:00.000Z");
      for (const char* city : {"Tokyo", "Nowhere", "Osaka"})
        bulk.AddLeg({"import", city, "甲", "", "", "", 0}, {"JP", city, 35.0, 135.0, day, day});
      bulk.Flush();
    });
  } catch (const std::runtime_error& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("leg refused"), std::string::npos) << error;
  db_->Read([](db::Session& s) {
    EXPECT_EQ(s.Int("SELECT COUNT(*) FROM safety_people"), 0);
    EXPECT_EQ(s.Int("SELECT COUNT(*) FROM safety_legs"), 0);
    EXPECT_TRUE(FiledLegs(s).empty());
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, AffectedTest, db::kBothEngines, db::EngineName);

}  // namespace
}  // namespace waishi::safety
