// FastQuery reads the same values on both engines: integers of every width, floating point,
// text with what a protocol might mangle, NULLs, and parameters named more than once, in any
// order, beside quoted text.
#include "core/db/bulk.h"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/db/scratch_database.h"

namespace waishi::db {
namespace {

class FastQueryTest : public CoreDatabaseTest {};

struct Read {
  long long small, wide;
  double real;
  std::string text;
  std::optional<long long> none;
  std::optional<std::string> missing;
};

TEST_P(FastQueryTest, ReadsEveryKindOfValueAsTheGeneralPathDoes) {
  db_->Write([](Session& s) {
    s.Run(
        "CREATE TABLE fq (id INTEGER NOT NULL, wide BIGINT NOT NULL, real DOUBLE PRECISION NOT "
        "NULL, text TEXT NOT NULL, none BIGINT, missing TEXT)");
    s.Exec("INSERT INTO fq VALUES (:i, :w, :r, :t, NULL, NULL)",
           {{"i", -7},
            {"w", std::numeric_limits<long long>::min() + 1},
            {"r", -1.0e-300},
            {"t", std::string("名字\t\"'\\,\n")}});
    s.Exec("INSERT INTO fq VALUES (:i, :w, :r, :t, :n, :m)", {{"i", 2147483647},
                                                              {"w", 9007199254740993LL},
                                                              {"r", 113.9246},
                                                              {"t", std::string("")},
                                                              {"n", 0},
                                                              {"m", std::string("x")}});
  });
  std::vector<Read> rows;
  db_->Read([&](Session& s) {
    FastQuery q(s,
                "SELECT id, wide, real, text, none, missing FROM fq "
                "WHERE id >= :low AND text <> ':not_a_parameter' AND CAST(id AS BIGINT) <= :high "
                "AND (id = :low OR id >= :low) ORDER BY id");
    for (int run = 0; run < 2; ++run) {
      rows.clear();
      q.Run({{"high", 2147483647}, {"low", -7}}, [&](const FastQuery::Row& r) {
        rows.push_back({r.Int(0), r.Int(1), r.Real(2), r.Text(3), r.OptInt(4), r.OptText(5)});
      });
    }
    EXPECT_THROW(q.Run({{"low", 1}}, [](const FastQuery::Row&) {}), std::logic_error);
    EXPECT_THROW(q.Run({{"low", 1}, {"other", 2}}, [](const FastQuery::Row&) {}), std::logic_error);
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].small, -7);
  EXPECT_EQ(rows[0].wide, std::numeric_limits<long long>::min() + 1);
  EXPECT_EQ(rows[0].real, -1.0e-300);
  EXPECT_EQ(rows[0].text, "名字\t\"'\\,\n");
  EXPECT_EQ(rows[0].none, std::nullopt);
  EXPECT_EQ(rows[0].missing, std::nullopt);
  EXPECT_EQ(rows[1].small, 2147483647);
  EXPECT_EQ(rows[1].wide, 9007199254740993LL);
  EXPECT_EQ(rows[1].real, 113.9246);
  EXPECT_EQ(rows[1].text, "");
  EXPECT_EQ(rows[1].none, 0);
  EXPECT_EQ(rows[1].missing, "x");
}

TEST_P(FastQueryTest, ADoubleParameterKeepsEveryDigit) {
  std::vector<long long> found;
  db_->Read([&](Session& s) {
    FastQuery q(s,
                "SELECT 1 WHERE CAST(:d AS DOUBLE PRECISION) = "
                "CAST(0.1 AS DOUBLE PRECISION) + CAST(0.2 AS DOUBLE PRECISION)");
    q.Run({{"d", 0.1 + 0.2}}, [&](const FastQuery::Row& r) { found.push_back(r.Int(0)); });
  });
  EXPECT_EQ(found, std::vector<long long>{1});
}

TEST_P(FastQueryTest, APostgresCastIsNoParameter) {
  if (GetParam() != Dialect::kPostgres) GTEST_SKIP() << "SQLite has no :: cast";
  std::vector<long long> found;
  db_->Read([&](Session& s) {
    FastQuery q(s, "SELECT :n::BIGINT * 2 + :n::INTEGER");
    q.Run({{"n", 14}}, [&](const FastQuery::Row& r) { found.push_back(r.Int(0)); });
  });
  EXPECT_EQ(found, std::vector<long long>{42});
}

// A query over a grid's cells names thousands of parameters: each finds its value, whatever
// the order they are given in, and one missing or misnamed is still refused.
TEST_P(FastQueryTest, ThousandsOfParametersEachFindTheirValue) {
  constexpr int kCount = 3000;
  std::string list;
  Params params;
  for (int n = kCount - 1; n >= 0; --n) params.push_back({"p" + std::to_string(n), n * 2});
  for (int n = 0; n < kCount; ++n) list += (n ? ", :p" : ":p") + std::to_string(n);
  params.push_back({"wanted", 10});
  std::vector<long long> found;
  db_->Read([&](Session& s) {
    FastQuery q(s, "SELECT v FROM (SELECT " + std::to_string(kCount) +
                       " AS v UNION ALL SELECT 1000 UNION ALL SELECT 5998 UNION ALL SELECT 5999 "
                       "UNION ALL SELECT 10) t WHERE v IN (" +
                       list + ") AND v >= :wanted ORDER BY v");
    q.Run(params, [&](const FastQuery::Row& r) { found.push_back(r.Int(0)); });
    Params misnamed = params;
    misnamed[17].name = "q17";
    EXPECT_THROW(q.Run(misnamed, [](const FastQuery::Row&) {}), std::logic_error);
    Params short_one(params.begin() + 1, params.end());
    EXPECT_THROW(q.Run(short_one, [](const FastQuery::Row&) {}), std::logic_error);
  });
  // 3000, 1000, 5998 and 10 are among the values (0, 2 … 5998); 5999 is odd.
  EXPECT_EQ(found, (std::vector<long long>{10, 1000, 3000, 5998}));
}

INSTANTIATE_TEST_SUITE_P(Engines, FastQueryTest, kBothEngines, EngineName);

class IdSourceTest : public CoreDatabaseTest {};

// Reserved ids are taken at once: on PostgreSQL a row another statement adds afterwards gets an
// id past them all, and Next() gives each of them once, in order.
TEST_P(IdSourceTest, ReservedIdsAreTakenAtOnceAndEachIsGivenOnce) {
  const bool postgres = GetParam() == Dialect::kPostgres;
  constexpr int kIds = 25'000;  // more than one of PostgreSQL's usual takes (10,000)
  db_->Write([&](Session& s) {
    s.Run(postgres ? "CREATE TABLE ids_test (id BIGSERIAL PRIMARY KEY, v TEXT)"
                   : "CREATE TABLE ids_test (id INTEGER PRIMARY KEY, v TEXT)");
    s.Run("INSERT INTO ids_test (v) VALUES ('before')");
    IdSource ids(s, "ids_test");
    ids.Reserve(kIds);
    if (postgres) s.Run("INSERT INTO ids_test (v) VALUES ('after')");
    std::set<long long> given;
    long long last = *s.Int("SELECT id FROM ids_test WHERE v = 'before'");
    for (int i = 0; i < kIds; ++i) {
      const long long id = ids.Next();
      ASSERT_GT(id, last);
      last = id;
      given.insert(id);
    }
    EXPECT_EQ(given.size(), static_cast<std::size_t>(kIds));
    if (postgres) {
      EXPECT_GT(*s.Int("SELECT id FROM ids_test WHERE v = 'after'"), last);
    }
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, IdSourceTest, kBothEngines, EngineName);

}  // namespace
}  // namespace waishi::db
