// The case engine's operations: create, read, edit, list and search, transitions with
// their rules, checks, comments, assignment, attachments and history — the same for every
// case type. Each operation checks who may do it (role and organization) and answers
// ApiError otherwise: 404 for a case the caller may not see, never 403, so ids can't be
// probed. Every change is one write transaction with its history event and audit entry;
// reading a case's data is audited too. Thread-safe (all state is in the database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/auth/principal.h"
#include "core/cases/definition.h"
#include "core/db/database.h"
#include "core/http/params.h"
#include "core/json.h"

namespace waishi::cases {

struct ListFilter {
  std::string type, state, q, assigned_to, sort;
  std::string country;  // a destination (ISO 3166 alpha-2) in the case's summary
  std::string month;    // YYYY-MM of submission
  std::optional<long long> org_id;
  bool overdue = false;
  std::optional<bool> direct_report;
};

struct TransitionRequest {
  std::string action;
  std::string comment;
  Json override_reasons = Json::object();  // rule id → reason
  Json data = nullptr;                     // fields of the transition's data_stage
};

struct Upload {
  std::string filename;
  std::string bytes;
};

class Engine {
 public:
  explicit Engine(db::Database& db) : db_(db) {}

  Json Create(const auth::Principal& who, const std::string& type, const Json& data);
  Json Get(const auth::Principal& who, long long id);
  Json Patch(const auth::Principal& who, long long id, const Json& data);
  Json List(const auth::Principal& who, const ListFilter& filter, const http::Page& page);
  Json Transition(const auth::Principal& who, long long id, const TransitionRequest& request);
  // Every rule of the case's type run on its current data: the officer's rule panel.
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

 private:
  db::Database& db_;
};

// Who may see a case: its organization's enterprise users; once submitted, the reviewers
// of the organization's district and the office's staff.
bool CanSee(const auth::Principal& who, const CaseRecord& c);

// The actions `who` may take on the case in its current state (role and scope; rules are
// not run): what the UI offers, and what Transition() accepts before its rules.
std::vector<std::string> AllowedActions(const auth::Principal& who, const CaseRecord& c);

// The content type of a PDF, JPEG or PNG judged by its first bytes; "" for anything else.
std::string SniffContentType(std::string_view bytes);

}  // namespace waishi::cases
