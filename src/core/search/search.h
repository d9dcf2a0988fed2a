// The search index: what q= finds, for cases and for any module's records, on both engines.
//
// Text is cut into tokens the way CJK search engines do it (Lucene's CJK bigram analyzer,
// PostgreSQL's pg_bigm): every Chinese, Japanese or Korean character alone and every pair of
// neighbours, and Latin words and numbers whole. A query becomes the AND of its tokens
// (a term of one character: that character; of two or more: its pairs), answered by an
// index — SQLite FTS5 over the tokens, PostgreSQL a tsvector with a GIN index — and then
// checked against the stored text, so every term is found as typed, in order. The tokenizing
// is ours, so both engines answer the same query with the same records.
//
//   search::Index(s, "case", id, {.heading = "张伟 zhang wei", .body = "赴东京洽谈经贸"});
//   const search::Query q = search::Query::Parse("张伟");
//
// A record's heading (names, numbers) ranks first: a match with a term there comes before a
// match only in the body; within each, the most recently indexed record first. The heading's
// tokens are indexed twice, the second time marked ("^张伟"), so the index answers "a term in
// the heading" by itself. Identifiers
// (resident ID, passport number, case number, USCC) are also found by prefix, through an ordinary
// index: a query that looks like one searches them first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.h"
#include "core/db/session.h"

namespace waishi::search {

struct Document {
  std::string heading;                   // names and numbers: a match here ranks first
  std::string body;                      // the rest of what the record is found by
  std::vector<std::string> identifiers;  // found by prefix as well (ID and passport numbers)
};

// The text as it is stored and matched: full-width ASCII (what Chinese input methods type)
// as ASCII, the ideographic space as a space, A–Z as a–z.
std::string Normalize(std::string_view text);

// The distinct tokens of normalized text: CJK characters alone and in overlapping pairs,
// runs of other letters and digits whole; everything else separates.
std::vector<std::string> Tokens(std::string_view normalized);

// A parsed q=: its terms (split at white space) and the tokens the index is asked for.
struct Query {
  std::vector<std::string> terms;   // normalized; each must occur in the record's text
  std::vector<std::string> tokens;  // distinct; empty when no term has a letter or digit
  std::vector<std::vector<std::string>> term_tokens;  // each term's own
  // What PostgreSQL's index is asked for: the tokens, but of a CJK run only its first pair.
  // The check of the stored text finds the run whole, so the records are the same; and the
  // planner, which takes a run's pairs for independent words and so expects 洽谈经贸 in a
  // thousand records instead of a hundred thousand, then reads the most recent records
  // first rather than every match.
  std::vector<std::string> lookup_tokens;
  std::vector<std::vector<std::string>> term_lookup_tokens;
  bool identifier = false;  // one term of 4+ letters/digits/hyphens with a digit

  static Query Parse(std::string_view q);
  bool empty() const { return terms.empty(); }
};

// Inserts or replaces the record's entry; unchanged text costs one read.
void Index(db::Session& s, std::string_view kind, long long record_id, const Document& doc);
void Remove(db::Session& s, std::string_view kind, long long record_id);

// After a migration that changed what the index holds, cuts the tokens again from the stored
// text, in batches of their own transactions (an interrupted rebuild resumes). Called once at
// start, before anything is indexed; returns how many records it rebuilt.
long long RebuildIfPending(db::Database& db);

// Which records a query matches, as SQL the caller joins its own table to.
enum class Tier {
  kIdentifier,  // an identifier starting with the query
  kHeading,     // every term in heading + body, one of them in the heading
  kBodyOnly,    // every term in heading + body, none in the heading
  kAny,         // every term in heading + body
};
struct Match {
  std::string from;    // "FROM …" naming the index tables; the record id is `record`
  std::string record;  // the column holding the record's id
  std::string where;   // conditions (no leading AND)
  std::string order;   // "ORDER BY …" relevance within the tier, then recency
};
// The SQL of one tier for `kind`; its parameters are added to `binds` (names start "sq").
Match MatchOf(db::Dialect dialect, std::string_view kind, const Query& q, Tier tier,
              db::Params& binds);

}  // namespace waishi::search
