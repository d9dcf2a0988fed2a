// The case engine's repository: the SQL that reads and writes cases, their deadlines,
// numbers, history and search text, and the case JSON the API answers. Used by the engine
// only (engine.cpp, case_list.cpp, attachments.cpp); each function runs on the session it is
// given, inside the caller's transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/db/session.h"

#include "core/auth/principal.h"
#include "core/cases/decision.h"
#include "core/cases/registry.h"
#include "core/json.h"

namespace waishi::cases::store {

// How Read() takes a case's data: left out (lists, which show the summary), parsed into
// rec.data, or kept as the stored JSON text in data_text, for a read that only passes it on
// (rec.data is then null).
enum class Data { kNone, kParsed, kText };

// A case as stored, with the names lists and pages show.
struct Row {
  CaseRecord rec;
  std::string data_text;  // with Data::kText only
  std::string org_name_zh, org_name_en, applicant_name, assignee_name;
  long long assigned_to = 0;
  Json summary;
  std::string created_at, updated_at, submitted_at, decided_at, due_date;
};

// The columns Read() reads, after "SELECT"; `with_data` false leaves the data out (lists).
std::string Columns(bool with_data);
// FROM … JOIN …: the tables Columns() reads (cases alias c); kJoins is the part after
// "FROM cases c", for a query led by another table (the search index).
extern const char* const kJoins;
extern const std::string kFrom;
Row Read(const db::Row& r, Data data);
std::optional<Row> Load(db::Session& s, long long id, Data data = Data::kParsed);

// A case the caller may see, with its type: 404 otherwise (whether or not it exists, so that
// ids can't be probed).
struct Visible {
  Row row;
  const CaseType* type;
};
Visible RequireVisible(db::Session& s, const Registry& registry, const auth::Principal& who,
                       long long id, Data data = Data::kParsed);

std::map<std::string, DeadlineState> LoadDeadlines(db::Session& s, long long id);
// The deadlines as the API shows them: {name: {label, started_at, due_date, met_at, late,
// running, overdue}}.
Json DeadlinesJson(db::Session& s, const CaseType& type, const Row& row, const std::string& today);

// The case JSON (without the modules' decorations).
Json ToJson(const CaseType& type, const Row& row, bool with_data,
            const std::vector<std::string>& allowed_actions, const std::string& today);
// The text of `members` (an object without "data") with "data" set to `data_text`, a JSON
// text spliced in unparsed at its place among the sorted members: what dump() writes for the
// object holding the parsed data, when the text is one dump() wrote (as every stored case's
// data is).
std::string WithDataText(const Json& members, std::string_view data_text);

// Inserts a new case in its first state; the number comes from the type's counter for the
// current year in China.
struct Inserted {
  long long id = 0;
  std::string number;
};
Inserted Insert(db::Session& s, const CaseType& type, const auth::Principal& owner,
                const Json& data);
// Applies a decision's state, data, dates and deadlines.
void Apply(db::Session& s, long long id, const Row& before, const Decision& d);
void SaveData(db::Session& s, long long id, const Json& data);
void SetAssignee(db::Session& s, long long id, std::optional<long long> user_id);

void AddEvent(db::Session& s, long long case_id, long long user_id, const std::string& kind,
              const std::string& action, const std::string& from, const std::string& to,
              const std::string& comment, const Json& detail);

// Keeps the denormalized summary and the search index in step with the data. The index's
// heading holds the number, the applicant and the owner's organization name, except for a
// user-owned type (whose organization is everyone's, the citizens'); the number is an
// identifier too.
void Index(db::Session& s, const CaseType& type, const TypeHooks& hooks, long long id,
           const std::string& number, const std::string& org_name, const std::string& applicant,
           const Json& data);

}  // namespace waishi::cases::store
