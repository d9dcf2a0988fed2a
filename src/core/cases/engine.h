// The case engine's operations: create, read, edit, list and search, transitions with
// their rules, checks, comments, assignment, attachments and history — the same for every
// case type, as its definition declares (definition.h). Each operation checks who may do it
// (visibility.h) and answers ApiError otherwise: 404 for a case the caller may not see,
// never 403, so ids can't be probed. Every change is one write transaction with its history
// event and audit entry; reading a case's data is audited too. Thread-safe (all state is in
// the database, but for the reads' answers kept while nothing they show has changed, see
// read_cache.h; the registries are read-only once serving).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/principal.h"
#include "core/cases/decision.h"
#include "core/cases/definition.h"
#include "core/cases/policy.h"
#include "core/cases/read_cache.h"
#include "core/cases/registry.h"
#include "core/db/database.h"
#include "core/http/params.h"
#include "core/json.h"

namespace waishi {
struct App;
}

namespace waishi::cases {

// The longest comment, in characters, on a case or with a transition.
inline constexpr int kMaxCommentLength = 20000;

struct ListFilter {
  std::string type, q, assigned_to, sort;
  std::vector<std::string> states;  // any of them; empty: every state
  std::string month;                // YYYY-MM of submission
  std::optional<long long> org_id;
  bool overdue = false;
  std::map<std::string, std::string> extra;  // the modules' filters (Registry::ListFilters)
};

struct Upload {
  std::string filename;
  std::string bytes;
  std::string kind;  // the document slot it fills, or ""
};

class Engine {
 public:
  Engine(db::Database& db, const Registry& registry, const Policies& policies)
      : db_(db), registry_(registry), policies_(policies) {}
  explicit Engine(App& app);

  Json Create(const auth::Principal& who, const std::string& type, const Json& data);
  // The same inside the caller's write transaction (a module opening a case along with a
  // record of its own); answers the new case's id.
  long long CreateIn(db::Session& s, const auth::Principal& who, const std::string& type,
                     const Json& data);
  Json Get(const auth::Principal& who, long long id);
  // The same, as the JSON text the API answers: the stored data spliced in unparsed.
  std::string GetText(const auth::Principal& who, long long id);
  Json Patch(const auth::Principal& who, long long id, const Json& data);
  Json List(const auth::Principal& who, const ListFilter& filter, const http::Page& page);
  // Indexes every case for search when the index holds none (a database from before the
  // search index); the number indexed. Run at start-up, before serving.
  long long IndexAllIfUnindexed();
  Json Transition(const auth::Principal& who, long long id, const TransitionRequest& request);
  // Every rule of the transitions still possible from the case's state: the officer's panel.
  Json Checks(const auth::Principal& who, long long id);
  // Validation and rules on unsaved data (nothing written): live feedback while typing.
  Json DryRun(const auth::Principal& who, const std::string& type, const Json& data);
  Json History(const auth::Principal& who, long long id);
  Json Comment(const auth::Principal& who, long long id, const std::string& body);
  Json Assign(const auth::Principal& who, long long id, std::optional<long long> user_id);
  Json Attachments(const auth::Principal& who, long long id);
  Json Attach(const auth::Principal& who, long long id, const Upload& upload);
  // The file's name, content type and bytes.
  struct File {
    std::string filename, content_type, bytes;
  };
  File Download(const auth::Principal& who, long long attachment_id);

  // Sub-records (the definition's `subrecords`): listed with what `who` may do to each,
  // added by whom and in which case states the definition says, moved along their own
  // transitions. Each change is a history event and an audit entry of the case.
  Json Subrecords(const auth::Principal& who, long long case_id);
  Json AddSubrecord(const auth::Principal& who, long long case_id, const std::string& kind,
                    const Json& data);
  Json TransitionSubrecord(const auth::Principal& who, long long case_id, long long subrecord_id,
                           const std::string& action, const std::string& comment);

  // Whether `who` is on the case's owner's side (visibility.h IsOwnerSide): its applicant, or
  // a user of the organization it belongs to or is shared within. For a module tying a record
  // of its own to a case the caller applies with (a counter booking for the application).
  // False for a case that does not exist.
  bool IsOwnerSide(db::Session& s, const auth::Principal& who, long long id) const;

  // A transition inside the caller's write transaction: decides it (throwing the ApiError of
  // a refusal) and applies it. A module moving many cases at once (a batch sent to a
  // consulate) calls this for each in one db.Write(); a refusal rolls back the whole batch.
  void TransitionIn(db::Session& s, const auth::Principal& who, long long id,
                    const TransitionRequest& request);
  // The same for a sub-record (documents of many cases sent to an embassy together); answers
  // the moved sub-record as TransitionSubrecord does.
  Json TransitionSubrecordIn(db::Session& s, const auth::Principal& who, long long case_id,
                             long long subrecord_id, const std::string& action,
                             const std::string& comment);

 private:
  // A case as a read answers it: its members, and its data as the stored JSON text.
  struct Answer {
    Json members;
    std::string data_text;
  };
  Answer ReadAnswer(const auth::Principal& who, long long id);
  Json Read(const auth::Principal& who, long long id);
  // Create's checks, which read nothing (the type, the owner's role and organization, the
  // draft's data): run before the write, so that the writer does not spend its time on them
  // and a refused request never waits for it. Throws the API's error.
  const CaseType& CheckNew(const auth::Principal& who, const std::string& type,
                           const Json& data) const;
  // Create's writes, once CheckNew passed.
  long long InsertNew(db::Session& s, const auth::Principal& who, const CaseType& type,
                      const Json& data);

  db::Database& db_;
  const Registry& registry_;
  const Policies& policies_;
  std::unique_ptr<ReadCache> read_cache_ = std::make_unique<ReadCache>();
};

// The content type of a PDF, JPEG or PNG judged by its first bytes; "" for anything else.
std::string SniffContentType(std::string_view bytes);

}  // namespace waishi::cases
