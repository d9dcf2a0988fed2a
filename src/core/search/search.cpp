#include "core/search/search.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <unordered_set>

#include "core/log.h"

namespace waishi::search {
namespace {

// ---------------------------------------------------------------------------
// SQL (the index's tables: migrations/core/0009_search_index.*)
// ---------------------------------------------------------------------------

constexpr const char* kFindDocument = R"(
  SELECT id, heading, body FROM search_documents WHERE kind = :k AND record_id = :r)";
constexpr const char* kInsertDocument = R"(
  INSERT INTO search_documents (kind, record_id, heading, body) VALUES (:k, :r, :h, :b)
  RETURNING id)";
constexpr const char* kUpdateDocument = R"(
  UPDATE search_documents SET heading = :h, body = :b WHERE id = :id)";
constexpr const char* kDeleteDocument = R"(DELETE FROM search_documents WHERE id = :id)";

// SQLite: a contentless FTS5 table over our tokens (space-separated, so the 'ascii'
// tokenizer keeps each whole); removing a row needs the tokens it was given.
constexpr const char* kFtsInsert = R"(INSERT INTO search_fts (rowid, tokens) VALUES (:id, :t))";
constexpr const char* kFtsDelete = R"(
  INSERT INTO search_fts (search_fts, rowid, tokens) VALUES ('delete', :id, :t))";
// PostgreSQL: the tokens as the lexemes of a tsvector.
constexpr const char* kPgTokens = R"(
  UPDATE search_documents SET tokens = array_to_tsvector(string_to_array(:t, ' ')) WHERE id = :id)";

// An index from before the heading's marks (migration 0011) is rebuilt from the stored text.
constexpr const char* kRebuildPending = R"(SELECT indexed_to FROM search_rebuild)";
constexpr const char* kRebuildBatch = R"(
  SELECT id, heading, body FROM search_documents
  WHERE id > :after AND id <= (SELECT last_id FROM search_rebuild) ORDER BY id LIMIT 2000)";
constexpr const char* kRebuildProgress = R"(UPDATE search_rebuild SET indexed_to = :after)";
constexpr const char* kRebuildDone = R"(DELETE FROM search_rebuild)";

constexpr const char* kDeleteIdentifiers = R"(
  DELETE FROM search_identifiers WHERE kind = :k AND record_id = :r)";
constexpr const char* kInsertIdentifier = R"(
  INSERT INTO search_identifiers (kind, ident, record_id) VALUES (:k, :i, :r)
  ON CONFLICT DO NOTHING)";
constexpr const char* kListIdentifiers = R"(
  SELECT ident FROM search_identifiers WHERE kind = :k AND record_id = :r ORDER BY ident)";

// A heading's token is indexed once more behind this mark: a query asks for "^张伟" to find
// the records with 张伟 in the heading. Tokens never contain it (it separates words).
constexpr std::string_view kHeadingMark = "^";

// A token longer than this is a pasted blob, not something anyone types: not indexed (the
// stored text still matches it). PostgreSQL allows lexemes up to 2 KB.
constexpr std::size_t kMaxTokenBytes = 96;

const icu::Normalizer2& Nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || !n) throw std::runtime_error("ICU: no NFKC_Casefold data");
  return *n;
}

enum class Class { kSeparator, kCjk, kWord };

Class ClassOf(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? Class::kWord : Class::kSeparator;
  }
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
      return u_isalnum(c) ? Class::kCjk : Class::kSeparator;
    default:
      // Letters and digits of other scripts (é, ü, Cyrillic) and combining marks join words.
      return u_isalnum(c) || u_getCombiningClass(c) > 0 ? Class::kWord : Class::kSeparator;
  }
}

// One code point of a run, as its bytes in the text.
struct Char {
  std::string_view bytes;
  Class cls;
};

std::vector<Char> Chars(std::string_view s) {
  std::vector<Char> out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    out.push_back({s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)),
                   c < 0 ? Class::kSeparator : ClassOf(c)});
  }
  return out;
}

// What Cut() gives: a record's tokens; a query term's (its CJK runs of 2+ characters give
// their pairs only: each single character is inside a pair); or those the index is asked
// for on PostgreSQL (a CJK run's first pair only: see Query::lookup_tokens).
enum class Cutting { kRecord, kQuery, kLookup };

// Calls emit(token) for every token of `text`.
template <class Emit>
void Cut(std::string_view text, Cutting cutting, Emit&& emit) {
  const std::vector<Char> chars = Chars(text);
  for (std::size_t i = 0; i < chars.size();) {
    const Class cls = chars[i].cls;
    std::size_t j = i;
    while (j < chars.size() && chars[j].cls == cls) ++j;
    if (cls == Class::kWord) {
      const char* begin = chars[i].bytes.data();
      const std::string_view word(
          begin,
          static_cast<std::size_t>(chars[j - 1].bytes.data() + chars[j - 1].bytes.size() - begin));
      if (word.size() <= kMaxTokenBytes) emit(word);
    } else if (cls == Class::kCjk) {
      const bool singles = cutting == Cutting::kRecord || j - i == 1;
      const std::size_t pairs_end = cutting == Cutting::kLookup ? std::min(j, i + 2) : j;
      for (std::size_t k = i; k < j; ++k) {
        if (singles) emit(chars[k].bytes);
        if (k + 1 < pairs_end) {
          emit(std::string_view(chars[k].bytes.data(),
                                chars[k].bytes.size() + chars[k + 1].bytes.size()));
        }
      }
    }
    i = j;
  }
}

std::vector<std::string> Distinct(std::string_view text, Cutting cutting) {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;
  Cut(text, cutting, [&](std::string_view t) {
    if (seen.insert(t).second) out.emplace_back(t);
  });
  return out;
}

// What the index holds for a record, space-separated: the tokens of its heading and body,
// and the heading's again behind the mark.
std::string Indexed(std::string_view heading, std::string_view body) {
  std::string out;
  std::unordered_set<std::string_view> seen;
  auto add = [&](std::string_view token, std::string_view mark) {
    if (!out.empty()) out += ' ';
    out.append(mark).append(token);
  };
  Cut(heading, Cutting::kRecord, [&](std::string_view t) {
    if (seen.insert(t).second) {
      add(t, "");
      add(t, kHeadingMark);
    }
  });
  Cut(body, Cutting::kRecord, [&](std::string_view t) {
    if (seen.insert(t).second) add(t, "");
  });
  return out;
}

bool IsIdentifierTerm(std::string_view term) {
  if (term.size() < 4 || term.size() > kMaxTokenBytes) return false;
  bool digit = false;
  for (char c : term) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (!((c >= 'a' && c <= 'z') || c == '-')) {
      return false;
    }
  }
  return digit;
}

// The first string after every string that starts with `prefix` (ASCII: the last byte + 1).
std::string PrefixEnd(std::string prefix) {
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

}  // namespace

std::string Normalize(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString folded =
      Nfkc().normalize(icu::UnicodeString::fromUTF8(
                           icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
                       status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: normalization failed");
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::vector<std::string> Tokens(std::string_view normalized) {
  return Distinct(normalized, Cutting::kRecord);
}

Query Query::Parse(std::string_view q) {
  Query out;
  const std::string text = Normalize(q);
  std::size_t i = 0;
  while (i < text.size()) {
    // NFKC turned the ideographic space and the other spaces into ' '.
    const std::size_t start = text.find_first_not_of(" \t\r\n", i);
    if (start == std::string::npos) break;
    std::size_t end = text.find_first_of(" \t\r\n", start);
    if (end == std::string::npos) end = text.size();
    std::string term = text.substr(start, end - start);
    if (std::find(out.terms.begin(), out.terms.end(), term) == out.terms.end())
      out.terms.push_back(std::move(term));
    i = end;
  }
  // Each term's tokens, and all terms' once each.
  auto cut_terms = [&out](Cutting cutting, std::vector<std::vector<std::string>>& per_term,
                          std::vector<std::string>& all) {
    std::unordered_set<std::string> seen;
    for (const auto& term : out.terms) {
      per_term.push_back(Distinct(term, cutting));
      for (const auto& t : per_term.back()) {
        if (seen.insert(t).second) all.push_back(t);
      }
    }
  };
  cut_terms(Cutting::kQuery, out.term_tokens, out.tokens);
  cut_terms(Cutting::kLookup, out.term_lookup_tokens, out.lookup_tokens);
  out.identifier = out.terms.size() == 1 && IsIdentifierTerm(out.terms[0]);
  return out;
}

namespace {

// A record's entry as stored; id 0 when it has none.
struct Stored {
  long long id = 0;
  std::string heading, body;
};

Stored Find(db::Session& s, std::string_view kind, long long record_id) {
  Stored e;
  s.Query(kFindDocument, {{"k", std::string(kind)}, {"r", record_id}}, [&](const db::Row& r) {
    e = {db::Int(r, 0), db::Text(r, 1), db::Text(r, 2)};
  });
  return e;
}

// The token index is written at the end of the write transaction (Session::Defer): FTS5
// would otherwise write its pending rows to disk at the savepoint of every job of a batch.
void Deferred(db::Session& s, const char* sql, db::Params params) {
  s.Defer([sql, params = std::move(params)](db::Session& w) { w.Exec(sql, params); });
}

// SQLite's contentless FTS5 forgets a row only when told the tokens it was given.
void ForgetTokens(db::Session& s, const Stored& e) {
  if (s.dialect() != db::Dialect::kSqlite) return;  // the tsvector goes with its row
  Deferred(s, kFtsDelete, {{"id", e.id}, {"t", Indexed(e.heading, e.body)}});
}

void IndexTokens(db::Session& s, long long id, std::string_view heading, std::string_view body) {
  Deferred(s, s.dialect() == db::Dialect::kSqlite ? kFtsInsert : kPgTokens,
           {{"id", id}, {"t", Indexed(heading, body)}});
}

}  // namespace

void Index(db::Session& s, std::string_view kind, long long record_id, const Document& doc) {
  const std::string heading = Normalize(doc.heading), body = Normalize(doc.body);
  const Stored old = Find(s, kind, record_id);
  if (old.id == 0 || old.heading != heading || old.body != body) {
    long long id = old.id;
    if (id == 0) {
      id = s.Int(kInsertDocument,
                 {{"k", std::string(kind)}, {"r", record_id}, {"h", heading}, {"b", body}})
               .value_or(0);
    } else {
      ForgetTokens(s, old);
      s.Exec(kUpdateDocument, {{"h", heading}, {"b", body}, {"id", id}});
    }
    IndexTokens(s, id, heading, body);
  }

  std::vector<std::string> identifiers;
  for (const auto& raw : doc.identifiers) {
    std::string id = Normalize(raw);
    if (!id.empty() && id.size() <= kMaxTokenBytes) identifiers.push_back(std::move(id));
  }
  std::sort(identifiers.begin(), identifiers.end());
  identifiers.erase(std::unique(identifiers.begin(), identifiers.end()), identifiers.end());
  std::vector<std::string> stored;
  s.Query(kListIdentifiers, {{"k", std::string(kind)}, {"r", record_id}},
          [&](const db::Row& r) { stored.push_back(db::Text(r, 0)); });
  if (stored != identifiers) {
    s.Exec(kDeleteIdentifiers, {{"k", std::string(kind)}, {"r", record_id}});
    for (const auto& ident : identifiers)
      s.Exec(kInsertIdentifier, {{"k", std::string(kind)}, {"i", ident}, {"r", record_id}});
  }
}

long long RebuildIfPending(db::Database& db) {
  const auto pending = [](db::Session& s) { return s.Int(kRebuildPending, {}); };
  std::optional<long long> after = db.Read(pending);
  long long rebuilt = 0, reported = 0;
  while (after) {
    after = db.Write([&](db::Session& s) -> std::optional<long long> {
      long long last = *after;
      s.Query(kRebuildBatch, {{"after", last}}, [&](const db::Row& r) {
        last = db::Int(r, 0);
        IndexTokens(s, last, db::Text(r, 1), db::Text(r, 2));
        ++rebuilt;
      });
      if (last == *after) {
        s.Exec(kRebuildDone, {});
        return std::nullopt;
      }
      s.Exec(kRebuildProgress, {{"after", last}});
      if (rebuilt - reported >= 100000) {
        reported = rebuilt;
        log::Info("search index: rebuilding, " + std::to_string(rebuilt));
      }
      return last;
    });
  }
  return rebuilt;
}

void Remove(db::Session& s, std::string_view kind, long long record_id) {
  if (const Stored e = Find(s, kind, record_id); e.id != 0) {
    ForgetTokens(s, e);
    s.Exec(kDeleteDocument, {{"id", e.id}});
  }
  s.Exec(kDeleteIdentifiers, {{"k", std::string(kind)}, {"r", record_id}});
}

Match MatchOf(db::Dialect dialect, std::string_view kind, const Query& q, Tier tier,
              db::Params& binds) {
  const bool sqlite = dialect == db::Dialect::kSqlite;
  Match m;
  if (tier == Tier::kIdentifier) {
    const std::string& prefix = q.terms.at(0);
    m.from = "FROM search_identifiers si";
    m.record = "si.record_id";
    m.where = "si.kind = " + db::Bind(binds, "sqk", std::string(kind)) +
              " AND si.ident >= " + db::Bind(binds, "sqlo", prefix) + " AND si.ident < " +
              db::Bind(binds, "sqhi", PrefixEnd(prefix));
    // The exact identifier first, then the nearest ones.
    m.order = "ORDER BY si.ident, si.record_id DESC";
    return m;
  }
  m.record = "sd.record_id";
  // Led by the tokens' index: on SQLite the unary + keeps the planner from starting with
  // every entry of the kind instead (a scan).
  m.where = (sqlite && !q.tokens.empty() ? "+sd.kind = " : "sd.kind = ") +
            db::Bind(binds, "sqk", std::string(kind));
  // "A term in the heading" is a lookup of the heading's marked tokens when every term has
  // tokens; the check of the stored text below decides.
  const bool heading_index =
      tier == Tier::kHeading && std::none_of(q.term_tokens.begin(), q.term_tokens.end(),
                                             [](const auto& tokens) { return tokens.empty(); });
  if (!q.tokens.empty()) {
    // Tokens hold no quote and no ASCII punctuation: quoting them is enough on both.
    auto all_of = [&](const std::vector<std::string>& tokens, std::string_view mark) {
      std::string out;
      for (const auto& t : tokens) {
        out += out.empty() ? "" : sqlite ? " AND " : " & ";
        out.append(sqlite ? "\"" : "'").append(mark).append(t).append(sqlite ? "\"" : "'");
      }
      return "(" + out + ")";
    };
    std::string match = all_of(sqlite ? q.tokens : q.lookup_tokens, "");
    if (heading_index) {
      std::string any;
      for (const auto& tokens : sqlite ? q.term_tokens : q.term_lookup_tokens)
        any += (any.empty() ? "" : sqlite ? " OR " : " | ") + all_of(tokens, kHeadingMark);
      match += (sqlite ? " AND (" : " & (") + any + ")";
    }
    if (sqlite) {
      m.from = "FROM search_fts JOIN search_documents sd ON sd.id = search_fts.rowid";
      m.where += " AND search_fts MATCH " + db::Bind(binds, "sqm", match);
    } else {
      m.from = "FROM search_documents sd";
      m.where += " AND sd.tokens @@ CAST(" + db::Bind(binds, "sqm", match) + " AS tsquery)";
    }
  } else {
    // Nothing to look up (punctuation only): the stored text is scanned.
    m.from = "FROM search_documents sd";
  }
  // Every term as typed, in order, in the heading or the body; the heading tier wants one of
  // them in the heading (a person's name), the body tier none.
  const char* find = sqlite ? "instr" : "strpos";
  std::string any_in_heading;
  for (std::size_t i = 0; i < q.terms.size(); ++i) {
    const std::string term = db::Bind(binds, "sqt" + std::to_string(i), q.terms[i]);
    const std::string in_heading = std::string(find) + "(sd.heading, " + term + ") > 0";
    any_in_heading += (i ? " OR " : "") + in_heading;
    m.where += " AND (" + in_heading + " OR " + find + "(sd.body, " + term + ") > 0)";
  }
  if (tier == Tier::kHeading) m.where += " AND (" + any_in_heading + ")";
  if (tier == Tier::kBodyOnly) m.where += " AND NOT (" + any_in_heading + ")";
  m.order = sqlite && !q.tokens.empty() ? "ORDER BY search_fts.rowid DESC" : "ORDER BY sd.id DESC";
  return m;
}

}  // namespace waishi::search
