// The search index: the tokenizer and query parser as pure functions, then indexing and
// matching against a real database (SQLite, and PostgreSQL when one is given) — the same
// records for the same query on both engines.
#include "core/search/search.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/db/scratch_database.h"

namespace waishi::search {
namespace {

using Strings = std::vector<std::string>;

Strings Sorted(Strings v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(SearchTokens, CjkCharactersAloneAndInPairs) {
  EXPECT_EQ(Sorted(Tokens("张伟")), Sorted({"张", "伟", "张伟"}));
  EXPECT_EQ(Sorted(Tokens("张伟明")), Sorted({"张", "伟", "明", "张伟", "伟明"}));
  // Japanese kana and Korean hangul are cut the same way.
  EXPECT_EQ(Sorted(Tokens("トヨタ")), Sorted({"ト", "ヨ", "タ", "トヨ", "ヨタ"}));
  EXPECT_EQ(Sorted(Tokens("서울")), Sorted({"서", "울", "서울"}));
}

TEST(SearchTokens, OtherWordsWholeAndPunctuationSeparates) {
  EXPECT_EQ(Sorted(Tokens("zhang wei")), Sorted({"zhang", "wei"}));
  EXPECT_EQ(Sorted(Tokens("ot-2026-000123")), Sorted({"ot", "2026", "000123"}));
  EXPECT_EQ(Sorted(Tokens("müller, köln")), Sorted({"müller", "köln"}));
  // A Chinese run next to a Latin one: both, each its own way; repeated tokens once.
  EXPECT_EQ(Sorted(Tokens("张伟zhang（张伟）")), Sorted({"张", "伟", "张伟", "zhang"}));
  EXPECT_TRUE(Tokens(" ,.;\"*-()（）、。").empty());
  // A pasted blob is not a token.
  EXPECT_TRUE(Tokens(std::string(200, 'a')).empty());
}

TEST(SearchNormalize, FullWidthAndCaseAsTyped) {
  EXPECT_EQ(Normalize("ＺＨＡＮＧ　Ｗｅｉ"), "zhang wei");  // full-width letters, U+3000
  EXPECT_EQ(Normalize("E1234５６７８"), "e12345678");
  EXPECT_EQ(Normalize("ÉCOLE"), "école");
  EXPECT_EQ(Normalize("张伟"), "张伟");
}

TEST(SearchQuery, TermsAndTheTokensAsked) {
  EXPECT_EQ(Query::Parse("王").tokens, Strings{"王"});
  EXPECT_EQ(Query::Parse("张伟").tokens, Strings{"张伟"});
  EXPECT_EQ(Query::Parse("张伟明").tokens, (Strings{"张伟", "伟明"}));
  EXPECT_EQ(Query::Parse("洽谈经贸").tokens, (Strings{"洽谈", "谈经", "经贸"}));
  const Query pinyin = Query::Parse("  ZHANG WEI ");
  EXPECT_EQ(pinyin.terms, (Strings{"zhang", "wei"}));
  EXPECT_EQ(pinyin.tokens, (Strings{"zhang", "wei"}));
  const Query mixed = Query::Parse("张伟　zhang");
  EXPECT_EQ(mixed.terms, (Strings{"张伟", "zhang"}));
  EXPECT_EQ(mixed.tokens, (Strings{"张伟", "zhang"}));
  EXPECT_TRUE(Query::Parse("   ").empty());
}

TEST(SearchQuery, PostgreSQLsLookupTakesARunsFirstPairAndEveryWord) {
  EXPECT_EQ(Query::Parse("洽谈经贸").lookup_tokens, Strings{"洽谈"});
  EXPECT_EQ(Query::Parse("张伟明").lookup_tokens, Strings{"张伟"});
  EXPECT_EQ(Query::Parse("王").lookup_tokens, Strings{"王"});
  // Words are whole-word matches the text check cannot replace: all of them stay.
  EXPECT_EQ(Query::Parse("zhang-wei").lookup_tokens, (Strings{"zhang", "wei"}));
  const Query two = Query::Parse("张伟明 洽谈经贸");
  EXPECT_EQ(two.lookup_tokens, (Strings{"张伟", "洽谈"}));
  EXPECT_EQ(two.term_lookup_tokens, (std::vector<Strings>{{"张伟"}, {"洽谈"}}));
}

TEST(SearchQuery, OperatorsAreText) {
  // What FTS engines read as syntax is a term like any other here.
  const Query quote = Query::Parse("\"");
  EXPECT_EQ(quote.terms, Strings{"\""});
  EXPECT_TRUE(quote.tokens.empty());
  EXPECT_EQ(Query::Parse("NEAR(").terms, Strings{"near("});
  EXPECT_EQ(Query::Parse("NEAR(").tokens, Strings{"near"});
  EXPECT_EQ(Query::Parse("a AND b").tokens, (Strings{"a", "and", "b"}));
  EXPECT_EQ(Query::Parse("wei*").tokens, Strings{"wei"});
  EXPECT_EQ(Query::Parse("-张").tokens, Strings{"张"});
}

TEST(SearchQuery, IdentifierShape) {
  EXPECT_TRUE(Query::Parse("330203198001").identifier);
  EXPECT_TRUE(Query::Parse("E1234").identifier);
  EXPECT_TRUE(Query::Parse("OT-2026").identifier);
  EXPECT_FALSE(Query::Parse("E12").identifier);         // too short
  EXPECT_FALSE(Query::Parse("zhang").identifier);       // no digit
  EXPECT_FALSE(Query::Parse("E1234 张伟").identifier);  // two terms
  EXPECT_FALSE(Query::Parse("张伟1234").identifier);
}

// ---------------------------------------------------------------------------
// Against a database
// ---------------------------------------------------------------------------

class SearchIndexTest : public db::CoreDatabaseTest {
 protected:
  void SetUp() override {
    CoreDatabaseTest::SetUp();
    if (IsSkipped()) return;
    Put(1, "张伟 zhang wei 330203198001011234", "赴东京洽谈经贸合作");
    Put(2, "李明 li ming", "张伟的同事，赴大阪考察");  // 张伟 in the body only
    Put(3, "王芳 wang fang", "赴纽约参加展会 new york");
    Put(4, "张伟明 zhang weiming", "赴巴黎洽谈经贸");
    Put(5, "王伟 wang wei", "\"quoted\" text * and -dash", {"E12345678"});
    Put(6, "OT-2026-000006", "other kind", {}, "person");
  }
  void Put(long long id, std::string heading, std::string body, Strings ids = {},
           std::string_view kind = "case") {
    db_->Write([&](db::Session& s) {
      Index(s, kind, id, {std::move(heading), std::move(body), std::move(ids)});
    });
  }
  // The record ids the tier matches, in its order.
  std::vector<long long> Find(std::string_view q, Tier tier = Tier::kAny) {
    const Query query = Query::Parse(q);
    db::Params binds;
    const Match m = MatchOf(GetParam(), "case", query, tier, binds);
    std::vector<long long> ids;
    db_->Read([&](db::Session& s) {
      s.Query("SELECT " + m.record + " " + m.from + " WHERE " + m.where + " " + m.order, binds,
              [&](const db::Row& r) { ids.push_back(db::Int(r, 0)); });
    });
    return ids;
  }
  using Ids = std::vector<long long>;
};

TEST_P(SearchIndexTest, OneTwoThreeAndMoreCharacters) {
  EXPECT_EQ(Find("王"), (Ids{5, 3}));  // most recent first
  EXPECT_EQ(Find("张伟"), (Ids{4, 2, 1}));
  EXPECT_EQ(Find("张伟明"), (Ids{4}));
  EXPECT_EQ(Find("洽谈经贸"), (Ids{4, 1}));
  EXPECT_EQ(Find("洽谈经贸合作"), (Ids{1}));
  // The pairs are all there but not in this order: the text check drops it.
  EXPECT_EQ(Find("经贸洽谈"), Ids{});
  EXPECT_EQ(Find("龙"), Ids{});
}

TEST_P(SearchIndexTest, PinyinMixedAndIdentifiersAsText) {
  EXPECT_EQ(Find("ZHANG WEI"), (Ids{1}));
  EXPECT_EQ(Find("wei"), (Ids{5, 1}));  // a word whole: not weiming
  EXPECT_EQ(Find("张伟 zhang"), (Ids{4, 1}));
  EXPECT_EQ(Find("张伟 wei"), (Ids{1}));
  EXPECT_EQ(Find("张伟 东京"), (Ids{1}));
  EXPECT_EQ(Find("new york"), (Ids{3}));
  EXPECT_EQ(Find("330203198001011234"), (Ids{1}));
}

TEST_P(SearchIndexTest, HeadingFirstThenBodyOnly) {
  EXPECT_EQ(Find("张伟", Tier::kHeading), (Ids{4, 1}));
  EXPECT_EQ(Find("张伟", Tier::kBodyOnly), (Ids{2}));
  EXPECT_EQ(Find("王", Tier::kHeading), (Ids{5, 3}));
  EXPECT_EQ(Find("王", Tier::kBodyOnly), Ids{});
  // Several terms: one in the heading is enough to rank first.
  EXPECT_EQ(Find("张伟 东京", Tier::kHeading), (Ids{1}));
  EXPECT_EQ(Find("同事 大阪", Tier::kHeading), Ids{});
  EXPECT_EQ(Find("同事 大阪", Tier::kBodyOnly), (Ids{2}));
  EXPECT_EQ(Find("洽谈经贸", Tier::kHeading), Ids{});
  EXPECT_EQ(Find("洽谈经贸", Tier::kBodyOnly), (Ids{4, 1}));
  EXPECT_EQ(Find("zhang 洽谈", Tier::kHeading), (Ids{4, 1}));
  // A term without letters or digits cannot be looked up by column: the text decides.
  EXPECT_EQ(Find("王伟 \"", Tier::kHeading), (Ids{5}));
  EXPECT_EQ(Find("\" dash", Tier::kHeading), Ids{});
  EXPECT_EQ(Find("\" dash", Tier::kBodyOnly), (Ids{5}));
}

TEST_P(SearchIndexTest, IdentifiersByPrefix) {
  EXPECT_EQ(Find("E1234", Tier::kIdentifier), (Ids{5}));
  EXPECT_EQ(Find("e12345678", Tier::kIdentifier), (Ids{5}));
  EXPECT_EQ(Find("E1235", Tier::kIdentifier), Ids{});
  // Another kind's identifiers are not the cases'.
  EXPECT_EQ(Find("OT-2026", Tier::kIdentifier), Ids{});
}

TEST_P(SearchIndexTest, OperatorsAndPunctuationAreSearchedAsText) {
  EXPECT_EQ(Find("\""), (Ids{5}));
  EXPECT_EQ(Find("*"), (Ids{5}));
  EXPECT_EQ(Find("-dash"), (Ids{5}));
  EXPECT_EQ(Find("\"quoted\""), (Ids{5}));
  EXPECT_EQ(Find("AND"), (Ids{5}));
  EXPECT_EQ(Find("NEAR("), Ids{});
  EXPECT_EQ(Find("'"), Ids{});
  EXPECT_EQ(Find("张伟 OR 王芳"), Ids{});  // OR is a word to find, not an operator
  // The index's own mark for a heading's token is text to the user too.
  EXPECT_EQ(Find("^张伟"), Ids{});
  EXPECT_EQ(Find("^张伟", Tier::kHeading), Ids{});
}

TEST_P(SearchIndexTest, ReindexReplacesAndRemoveForgets) {
  Put(1, "赵六 zhao liu", "赴柏林");
  EXPECT_EQ(Find("张伟"), (Ids{4, 2}));
  EXPECT_EQ(Find("赵六"), (Ids{1}));
  EXPECT_EQ(Find("330203198001011234"), Ids{});
  Put(1, "赵六 zhao liu", "赴柏林");  // unchanged: still found once
  EXPECT_EQ(Find("柏林"), (Ids{1}));
  db_->Write([&](db::Session& s) { Remove(s, "case", 5); });
  EXPECT_EQ(Find("王"), (Ids{3}));
  EXPECT_EQ(Find("E1234", Tier::kIdentifier), Ids{});
  // Another kind with the same id is its own entry.
  EXPECT_EQ(Find("other"), Ids{});
}

// Empties the token index, as a migration that changes its form does, and marks it for a
// rebuild from the document after `indexed_to` on.
void ForgetTheIndex(db::Database& db, db::Dialect dialect, long long indexed_to) {
  db.Write([&](db::Session& s) {
    if (dialect == db::Dialect::kSqlite)
      s.Exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all')");
    else
      s.Exec("UPDATE search_documents SET tokens = ''");
    s.Exec(
        "INSERT INTO search_rebuild (indexed_to, last_id) SELECT :i, MAX(id) FROM search_documents",
        {{"i", indexed_to}});
  });
}

TEST_P(SearchIndexTest, RebuildCutsTheTokensAgainFromTheStoredText) {
  ForgetTheIndex(*db_, GetParam(), 0);
  EXPECT_EQ(Find("张伟"), Ids{});
  EXPECT_EQ(RebuildIfPending(*db_), 6);
  EXPECT_EQ(Find("张伟"), (Ids{4, 2, 1}));
  EXPECT_EQ(Find("张伟", Tier::kHeading), (Ids{4, 1}));
  EXPECT_EQ(Find("张伟", Tier::kBodyOnly), (Ids{2}));
  // Done once: the next start has nothing to do, and later changes index as usual.
  EXPECT_EQ(RebuildIfPending(*db_), 0);
  Put(2, "李明 li ming", "赴大阪考察");
  EXPECT_EQ(Find("张伟"), (Ids{4, 1}));
}

TEST_P(SearchIndexTest, RebuildResumesAfterTheLastBatchItCommitted) {
  // Documents 1 to 3 were rebuilt before the process stopped; 4 to 6 are left.
  ForgetTheIndex(*db_, GetParam(), 3);
  EXPECT_EQ(RebuildIfPending(*db_), 3);
  EXPECT_EQ(Find("张伟", Tier::kHeading), (Ids{4}));
}

INSTANTIATE_TEST_SUITE_P(Engines, SearchIndexTest, db::kBothEngines, db::EngineName);

}  // namespace
}  // namespace waishi::search
