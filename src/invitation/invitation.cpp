#include "invitation/invitation.h"

#include <cstdio>
#include <set>

#include "core/calendar/working_days.h"
#include "core/cases/case_data.h"
#include "core/db/session.h"
#include "core/documents/documents.h"
#include "core/http/params.h"
#include "core/i18n/text.h"
#include "core/notify/notify.h"
#include "core/resources.h"
#include "invitation/parts.h"
#include "invitation/rules.h"

namespace waishi::invitation {
namespace {

using calendar::Date;

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

constexpr const char* kOffice = R"(
  SELECT name_zh, name_en FROM organizations WHERE kind = 'office' ORDER BY id LIMIT 1)";

constexpr const char* kRecordLetter = R"(
  INSERT INTO invitation_letters (case_id, document_id, number, issued_on)
  VALUES (:c, :d, :n, :o))";

constexpr const char* kRecordEntry = R"(
  INSERT INTO invitation_entries (case_id, passport_key, arrival_date) VALUES (:c, :k, :a))";

constexpr const char* kLetterDocument = R"(
  SELECT document_id FROM invitation_letters WHERE case_id = :c AND revoked = 0)";

constexpr const char* kLetterNumber = R"(
  SELECT number FROM invitation_letters WHERE case_id = :c)";

constexpr const char* kRevokeLetter = R"(
  UPDATE invitation_letters SET revoked = 1 WHERE case_id = :c)";

constexpr const char* kRevokeEntries = R"(
  UPDATE invitation_entries SET revoked = 1 WHERE case_id = :c)";

// Entries the office's earlier letters announced for passports within a period; followed by
// the list of passport keys "(…)".
constexpr const char* kEntriesOf = R"(
  SELECT passport_key, COUNT(*) FROM invitation_entries
  WHERE revoked = 0 AND case_id <> :c AND arrival_date >= :from AND arrival_date <= :to
    AND passport_key IN )";

// Followed by the list of case ids "(…)".
constexpr const char* kNumbersOf = R"(
  SELECT case_id, number FROM invitation_letters WHERE case_id IN )";

// ---------------------------------------------------------------------------
// Hooks the case engine calls
// ---------------------------------------------------------------------------

Json Summary(const Json& data) {
  return Json{{"purpose", data.value("purpose", "")},
              {"arrival_date", data.value("arrival_date", "")},
              {"departure_date", data.value("departure_date", "")},
              {"visa_category", data.value("visa_category", "")},
              {"entries", data.value("entries", "")},
              {"invitees_count", data.value("invitees", Json::array()).size()}};
}

// The invitees are found by name and passport number; the letter by purpose, places,
// employers and the inviting unit.
search::Document SearchDocument(const Json& data) {
  search::Document doc;
  doc.body = data.value("purpose", "") + " " + data.value("places", "");
  for (const auto& p : data.value("invitees", Json::array())) {
    if (!p.is_object()) continue;
    doc.heading += " " + p.value("surname", "") + " " + p.value("given_names", "");
    doc.body += " " + p.value("employer", "");
    if (const std::string v = p.value("passport_number", ""); !v.empty())
      doc.identifiers.push_back(v);
  }
  if (const Json* inviter = cases::Member(data, "inviter"); inviter && inviter->is_object())
    doc.body += " " + inviter->value("unit_name", "");
  return doc;
}

// The office's record of each invitee's entries in the 12 months up to today, in one query
// (the rules run on every dry run while the applicant types).
Json Facts(db::Session& s, const cases::CaseRecord& c) {
  const Date today = Date::TodayInChina();
  Json counts = Json::object();
  db::Params binds{
      {"c", c.id}, {"from", today.AddMonths(-12).ToString()}, {"to", today.ToString()}};
  std::string keys;
  for (const auto& p : c.data.value("invitees", Json::array())) {
    if (!p.is_object()) continue;
    const std::string key = PassportKey(p.value("nationality", ""), p.value("passport_number", ""));
    if (counts.contains(key)) continue;
    counts[key] = 0;
    keys += (keys.empty() ? "" : ", ") + db::Bind(binds, "k" + std::to_string(counts.size()), key);
  }
  if (!keys.empty()) {
    s.Query(std::string(kEntriesOf) + "(" + keys + ") GROUP BY passport_key", binds,
            [&](const db::Row& r) { counts[db::Text(r, 0)] = db::Int(r, 1); });
  }
  return Json{{"invitation", {{"entries_12m", counts}}}};
}

// The letter's number on each case object (null until issued).
void Decorate(db::Session& s, Json& cases) {
  if (cases.empty()) return;
  db::Params binds;
  std::string ids;
  for (std::size_t i = 0; i < cases.size(); ++i)
    ids +=
        (i ? ", " : "") + db::Bind(binds, "c" + std::to_string(i), cases[i]["id"].get<long long>());
  std::map<long long, std::string> numbers;
  s.Query(std::string(kNumbersOf) + "(" + ids + ")", binds,
          [&](const db::Row& r) { numbers[db::Int(r, 0)] = db::Text(r, 1); });
  for (auto& c : cases) {
    auto it = numbers.find(c["id"].get<long long>());
    c["letter_number"] = it == numbers.end() ? Json(nullptr) : Json(it->second);
  }
}

// ---------------------------------------------------------------------------
// Effects: issuing and revoking the letter
// ---------------------------------------------------------------------------

void IssueLetter(const App& app, const cases::EffectCall& e) {
  const Date today = Date::TodayInChina();
  const long long seq = documents::NextNumber(e.tx, kDocumentKind, today.year());
  char digits[16];
  std::snprintf(digits, sizeof digits, "%04lld", seq);
  LetterFacts facts;
  facts.number =
      i18n::T("invitation.letter.number", {{"year", std::to_string(today.year())}, {"seq", digits}})
          .zh;
  facts.issued_on = today.ToString();
  e.tx.Query(kOffice, {}, [&](const db::Row& r) {
    facts.office_zh = db::Text(r, 0);
    facts.office_en = db::Text(r, 1);
  });
  facts.verify_url = app.public_url + "/verify/" + std::string(kDocumentKind) +
                     "?number=" + http::PercentEncode(facts.number) + "&date=" + facts.issued_on;

  documents::IssueRequest request;
  request.case_id = e.c.id;
  request.kind = std::string(kDocumentKind);
  request.number = facts.number;
  request.issued_on = facts.issued_on;
  request.template_version = "invitation/1";
  request.content = LetterContent(e.c.data, facts);
  request.register_fields = RegisterFields(e.c.data);
  const documents::Issued issued = documents::Issue(e.tx, request, e.who);

  e.tx.Exec(kRecordLetter,
            {{"c", e.c.id}, {"d", issued.id}, {"n", facts.number}, {"o", facts.issued_on}});
  const std::string arrival = e.c.data.value("arrival_date", "");
  std::set<std::string> seen;
  for (const auto& p : e.c.data.value("invitees", Json::array())) {
    const std::string key = PassportKey(p.value("nationality", ""), p.value("passport_number", ""));
    if (seen.insert(key).second)
      e.tx.Exec(kRecordEntry, {{"c", e.c.id}, {"k", key}, {"a", arrival}});
  }
  notify::Send(
      e.tx,
      notify::Message{e.c.applicant_id,
                      "invitation.notify.issued",
                      {{"number", facts.number}, {"case", e.c.number}, {"date", facts.issued_on}},
                      "/cases/" + std::to_string(e.c.id)});
}

void RevokeLetter(const cases::EffectCall& e) {
  const auto document = e.tx.Int(kLetterDocument, {{"c", e.c.id}});
  // The transition runs only from "issued", and issuing recorded the letter.
  if (!document) throw std::logic_error("an issued invitation without its letter");
  documents::Revoke(e.tx, *document, e.comment, e.who);
  e.tx.Exec(kRevokeLetter, {{"c", e.c.id}});
  e.tx.Exec(kRevokeEntries, {{"c", e.c.id}});
  notify::Send(e.tx,
               notify::Message{e.c.applicant_id,
                               "invitation.notify.revoked",
                               {{"number", e.tx.Text(kLetterNumber, {{"c", e.c.id}}).value_or("")},
                                {"case", e.c.number},
                                {"reason", e.comment}},
                               "/cases/" + std::to_string(e.c.id)});
}

void Setup(App& app) {
  app.cases.AddDesk({std::string(kDesk), i18n::T("invitation.desk")});
  documents::AddKind(app, std::string(kDocumentKind), i18n::T("invitation.document_kind"));
  RegisterRules(app.cases);
  app.policies.Add(cases::PolicySpec{std::string(kPolicy), DefaultPolicy(), ValidatePolicy});
  app.cases.AddEffect("invitation.issue_letter",
                      [&app](const cases::EffectCall& e) { IssueLetter(app, e); });
  app.cases.AddEffect("invitation.revoke_letter", RevokeLetter);
  cases::TypeHooks hooks;
  hooks.summary = Summary;
  hooks.search = SearchDocument;
  hooks.facts = Facts;
  hooks.decorate = Decorate;
  app.cases.AddType(Resource("src/invitation/invitation_letter.json"), std::move(hooks));
}

}  // namespace

waishi::Module Module() {
  waishi::Module m;
  m.name = "invitation";
  m.migrations = "src/invitation/migrations/";
  m.setup = Setup;
  m.demo = LoadDemo;
  return m;
}

}  // namespace waishi::invitation
