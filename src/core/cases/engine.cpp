#include "core/cases/engine.h"

#include <sodium.h>

#include <algorithm>

#include "core/audit/audit.h"
#include "core/auth/password.h"
#include "core/calendar/holidays.h"
#include "core/cases/policy.h"
#include "core/cases/rule.h"
#include "core/cases/search.h"
#include "core/cases/validation.h"
#include "core/clock.h"
#include "core/db/cached.h"
#include "core/db/query.h"
#include "core/db/row.h"
#include "core/error.h"

namespace waishi::cases {
namespace {

constexpr std::size_t kMaxUploadBytes = 10 * 1024 * 1024;
constexpr long long kCountCap = 10000;

// ---------------------------------------------------------------------------
// Reading a case
// ---------------------------------------------------------------------------

// The columns ReadRow() reads; lists leave out the data.
#define WAISHI_CASE_COLUMNS(DATA)                                                                 \
  "SELECT c.id, c.number, c.type, c.state, c.org_id, o.name_zh, o.name_en, o.direct_report, "     \
  "o.parent_id, "                                                                                 \
  "c.applicant_id, ua.display_name, c.assigned_to, us.display_name, " DATA                        \
  ", c.summary, c.created_at, "                                                                   \
  "c.updated_at, c.submitted_at, c.decided_at, c.due_date, c.report_due_date, c.reported_at, "    \
  "c.report_late, "                                                                               \
  "c.direct_report "                                                                              \
  "FROM cases c JOIN organizations o ON o.id = c.org_id JOIN users ua ON ua.id = c.applicant_id " \
  "LEFT JOIN users us ON us.id = c.assigned_to "
constexpr const char* kSelectCase = WAISHI_CASE_COLUMNS("c.data");
constexpr const char* kSelectCaseSummary = WAISHI_CASE_COLUMNS("NULL");
#undef WAISHI_CASE_COLUMNS

struct Row {
  CaseRecord rec;
  std::string org_name_zh, org_name_en, applicant_name, assignee_name;
  long long assigned_to = 0;
  Json summary;
  std::string created_at, updated_at, submitted_at, decided_at, due_date, report_due_date,
      reported_at;
  bool report_late = false, case_direct_report = false;
};

Row ReadRow(const soci::row& r, bool with_data) {
  Row row;
  row.rec.id = db::Int(r, 0);
  row.rec.number = db::Text(r, 1);
  row.rec.type = db::Text(r, 2);
  row.rec.state = db::Text(r, 3);
  row.rec.org_id = db::Int(r, 4);
  row.org_name_zh = db::Text(r, 5);
  row.org_name_en = db::Text(r, 6);
  row.rec.org_direct_report = db::Bool(r, 7);
  row.rec.org_parent_id = db::Int(r, 8);
  row.rec.applicant_id = db::Int(r, 9);
  row.applicant_name = db::Text(r, 10);
  row.assigned_to = db::Int(r, 11);
  row.assignee_name = db::Text(r, 12);
  if (with_data) row.rec.data = db::JsonCol(r, 13);
  row.summary = db::JsonCol(r, 14);
  row.created_at = db::Text(r, 15);
  row.updated_at = db::Text(r, 16);
  row.submitted_at = db::Text(r, 17);
  row.decided_at = db::Text(r, 18);
  row.due_date = db::Text(r, 19);
  row.report_due_date = db::Text(r, 20);
  row.reported_at = db::Text(r, 21);
  row.report_late = db::Bool(r, 22);
  row.case_direct_report = db::Bool(r, 23);
  return row;
}

std::optional<Row> LoadRow(soci::session& s, long long id) {
  static const std::string sql = std::string(kSelectCase) + "WHERE c.id = :id";
  std::optional<Row> row;
  db::Cached(s, sql, {{"id", 0LL}}).Query({id}, [&](const soci::row& r) {
    row = ReadRow(r, true);
  });
  return row;
}

const CaseType& TypeOf(const CaseRecord& c) {
  const CaseType* t = FindCaseType(c.type);
  if (!t) throw std::logic_error("case of unregistered type " + c.type);
  return *t;
}

bool InScope(const auth::Principal& who, const TransitionDef& t, const CaseRecord& c) {
  if (t.scope == "applicant") return who.org_id == c.org_id;
  if (t.scope == "district") return who.org_id == c.org_parent_id;
  if (t.scope == "office") return who.org_kind == "office";
  return CanSee(who, c);
}

bool MayTake(const auth::Principal& who, const TransitionDef& t, const CaseRecord& c) {
  const bool role =
      std::any_of(t.roles.begin(), t.roles.end(), [&](const auto& r) { return who.Has(r); });
  return role && InScope(who, t, c);
}

bool IsOverdue(const CaseType& type, const Row& row, const std::string& today) {
  const StateDef* st = type.FindState(row.rec.state);
  if (!st) return false;
  if (st->clock == "sla") return !row.due_date.empty() && row.due_date < today;
  if (st->clock == "report") return !row.report_due_date.empty() && row.report_due_date < today;
  return false;
}

Json Nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json ToJson(const auth::Principal& who, const Row& row, bool with_data) {
  const CaseType& type = TypeOf(row.rec);
  const std::string today = calendar::Date::TodayInChina().ToString();
  Json j{{"id", row.rec.id},
         {"number", row.rec.number},
         {"type", row.rec.type},
         {"state", row.rec.state},
         {"org",
          {{"id", row.rec.org_id},
           {"name_zh", row.org_name_zh},
           {"name_en", row.org_name_en},
           {"direct_report", row.rec.org_direct_report}}},
         {"applicant", {{"id", row.rec.applicant_id}, {"display_name", row.applicant_name}}},
         {"assigned_to", row.assigned_to
                             ? Json{{"id", row.assigned_to}, {"display_name", row.assignee_name}}
                             : Json(nullptr)},
         {"direct_report", row.case_direct_report},
         {"created_at", row.created_at},
         {"updated_at", row.updated_at},
         {"submitted_at", Nullable(row.submitted_at)},
         {"decided_at", Nullable(row.decided_at)},
         {"due_date", Nullable(row.due_date)},
         {"report_due_date", Nullable(row.report_due_date)},
         {"reported_at", Nullable(row.reported_at)},
         {"report_late", row.report_late},
         {"overdue", IsOverdue(type, row, today)},
         {"allowed_actions", AllowedActions(who, row.rec)}};
  if (with_data)
    j["data"] = row.rec.data;
  else if (row.summary.is_object())
    j.update(row.summary);
  return j;
}

// The case if the caller may see it; 404 otherwise (whether or not it exists).
Row RequireVisible(soci::session& s, const auth::Principal& who, long long id) {
  auto row = LoadRow(s, id);
  if (!row || !CanSee(who, row->rec)) throw ApiError::NotFound();
  return *row;
}

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

struct Check {
  std::string rule;
  i18n::Text label;
  std::string severity;
  std::vector<Violation> violations;
};

Json FactsOf(const CaseRecord& c, const Row* row) {
  Json facts{{"org", {{"id", c.org_id}, {"direct_report", c.org_direct_report}}},
             {"case", {{"id", c.id}, {"state", c.state}}}};
  if (row) {
    facts["case"]["report_due_date"] = row->report_due_date;
    facts["case"]["submitted_at"] = row->submitted_at;
  }
  return facts;
}

std::vector<Check> RunRules(const std::vector<std::string>& rule_ids, const Json& data,
                            const Json& policy, const calendar::WorkingCalendar& cal,
                            const Json& facts) {
  std::vector<Check> out;
  const RuleContext ctx{data, policy, cal, calendar::Date::TodayInChina(), facts};
  for (const auto& id : rule_ids) {
    const RuleInfo* rule = FindRule(id);
    if (!rule) throw std::logic_error("case type refers to unregistered rule " + id);
    out.push_back(Check{id, rule->label, SeverityOf(policy, id), rule->fn(ctx)});
  }
  return out;
}

Json ChecksJson(const std::vector<Check>& checks) {
  Json items = Json::array();
  for (const auto& c : checks) {
    Json violations = Json::array();
    for (const auto& v : c.violations) {
      violations.push_back(
          {{"field", v.field}, {"message", v.message.en}, {"message_zh", v.message.zh}});
    }
    items.push_back({{"rule", c.rule},
                     {"label", c.label.ToJson()},
                     {"severity", c.severity},
                     {"status", c.violations.empty() ? "passed" : "failed"},
                     {"violations", violations}});
  }
  return items;
}

FieldError RuleError(const Check& c, const Violation& v, bool needs_override) {
  i18n::Text msg = v.message;
  if (needs_override) {
    const auto hint = i18n::T("validation.override_reason");
    msg.zh += hint.zh;
    msg.en += " " + hint.en;
  }
  return FieldError{v.field, c.rule, msg, Json{{"severity", c.severity}}};
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

void AddEvent(soci::session& s, long long case_id, long long user_id, const std::string& kind,
              const std::string& action, const std::string& from, const std::string& to,
              const std::string& comment, const Json& detail) {
  db::Cached(s,
             "INSERT INTO case_events (case_id, at, user_id, kind, action, from_state, to_state, "
             "comment, detail) "
             "VALUES (:c, :at, :u, :k, :a, :f, :t, :cm, :d)",
             {{"c", 0LL},
              {"at", ""},
              {"u", 0LL},
              {"k", ""},
              {"a", ""},
              {"f", ""},
              {"t", ""},
              {"cm", ""},
              {"d", ""}},
             false)
      .Exec({case_id, clock::NowIso(), user_id, kind, action, from, to, comment, detail.dump()});
}

std::string Lower(std::string s) {
  for (auto& ch : s) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return s;
}

// Keeps the denormalized summary and the search text in step with the data.
void IndexCase(soci::session& s, long long id, const std::string& number,
               const std::string& org_name, const std::string& applicant, const std::string& type,
               const Json& data) {
  const TypeHooks& hooks = HooksOf(type);
  const std::string summary = (hooks.summary ? hooks.summary(data) : Json::object()).dump();
  const std::string body = Lower(number + " " + org_name + " " + applicant + " " +
                                 (hooks.search_text ? hooks.search_text(data) : ""));
  db::Cached(s, "UPDATE cases SET summary = :s WHERE id = :id", {{"s", ""}, {"id", 0LL}}, false)
      .Exec({summary, id});
  SaveSearchText(s, id, body);
}

std::string OrgName(soci::session& s, long long org_id) {
  std::string name;
  db::Cached(s, "SELECT name_zh, name_en FROM organizations WHERE id = :id", {{"id", 0LL}})
      .Query({org_id}, [&](const soci::row& r) { name = db::Text(r, 0) + " " + db::Text(r, 1); });
  return name;
}

Json WithoutStage(const CaseType& type, Json data) {
  for (const auto& f : type.fields) {
    if (!f.stage.empty()) data.erase(f.name);
  }
  return data;
}

}  // namespace

bool CanSee(const auth::Principal& who, const CaseRecord& c) {
  if (who.org_id == c.org_id && who.HasAny({"enterprise_user", "enterprise_admin"})) return true;
  if (c.state == "draft") return false;
  if (who.Has("reviewer") && who.org_id == c.org_parent_id) return true;
  return who.org_kind == "office" && who.IsOffice();
}

std::vector<std::string> AllowedActions(const auth::Principal& who, const CaseRecord& c) {
  std::vector<std::string> out;
  for (const auto& t : TypeOf(c).transitions) {
    if (std::find(t.from.begin(), t.from.end(), c.state) == t.from.end()) continue;
    if (MayTake(who, t, c) && std::find(out.begin(), out.end(), t.action) == out.end())
      out.push_back(t.action);
  }
  return out;
}

std::string SniffContentType(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
      static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF)
    return "image/jpeg";
  if (b.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  return "";
}

Json Engine::Create(const auth::Principal& who, const std::string& type_name, const Json& data) {
  const CaseType* type = FindCaseType(type_name);
  if (!type) {
    throw ApiError::Unprocessable({FieldError{"type", "enum", i18n::T("error.unknown_case_type")}});
  }
  const bool role_ok = std::any_of(type->create_roles.begin(), type->create_roles.end(),
                                   [&](const auto& r) { return who.Has(r); });
  const bool org_ok = std::find(type->applicant_org_kinds.begin(), type->applicant_org_kinds.end(),
                                who.org_kind) != type->applicant_org_kinds.end();
  if (!role_ok || !org_ok) throw ApiError::Forbidden();
  auto errors = ValidateData(*type, data, Completeness::kDraft, "");
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));

  const long long id = db_.Write([&](soci::session& s) {
    const std::string now = clock::NowIso(), text = data.dump(),
                      placeholder = "new-" + auth::RandomToken(9);
    const std::string& state = type->states.front().name;
    long long new_id = 0;
    db::Cached(
        s,
        "INSERT INTO cases (number, type, state, org_id, applicant_id, data, created_at, "
        "updated_at) "
        "VALUES (:n, :t, :s, :o, :a, :d, :c, :u) RETURNING id",
        {{"n", ""}, {"t", ""}, {"s", ""}, {"o", 0LL}, {"a", 0LL}, {"d", ""}, {"c", ""}, {"u", ""}})
        .Query({placeholder, type->type, state, who.org_id, who.user_id, text, now, now},
               [&](const soci::row& r) { new_id = db::Int(r, 0); });
    char number[64];
    std::snprintf(number, sizeof number, "%s-%s-%06lld", type->number_prefix.c_str(),
                  now.substr(0, 4).c_str(), new_id);
    const std::string num = number;
    db::Cached(s, "UPDATE cases SET number = :n WHERE id = :id", {{"n", ""}, {"id", 0LL}}, false)
        .Exec({num, new_id});
    IndexCase(s, new_id, num, OrgName(s, who.org_id), who.display_name, type->type, data);
    AddEvent(s, new_id, who.user_id, "created", "", "", state, "", Json::object());
    audit::Append(
        s, audit::By(who, "case.create", "case", std::to_string(new_id), {{"type", type->type}}));
    return new_id;
  });
  return db_.Read([&](soci::session& s) { return ToJson(who, RequireVisible(s, who, id), true); });
}

Json Engine::Get(const auth::Principal& who, long long id) {
  Json j =
      db_.Read([&](soci::session& s) { return ToJson(who, RequireVisible(s, who, id), true); });
  // A read of personal data: recorded, without making the reader wait for the disk.
  db_.WriteDetached([entry = audit::By(who, "case.read", "case", std::to_string(id))](
                        soci::session& s) { audit::Append(s, entry); });
  return j;
}

Json Engine::Patch(const auth::Principal& who, long long id, const Json& data) {
  db_.Write([&](soci::session& s) {
    Row row = RequireVisible(s, who, id);
    const CaseType& type = TypeOf(row.rec);
    if (who.org_id != row.rec.org_id || !who.HasAny({"enterprise_user", "enterprise_admin"})) {
      throw ApiError::Forbidden();
    }
    if (!type.IsEditable(row.rec.state)) {
      throw ApiError::Conflict("not_editable", i18n::T("error.not_editable"));
    }
    auto errors = ValidateData(type, data, Completeness::kDraft, "");
    if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
    const std::string now = clock::NowIso(), text = data.dump();
    s << "UPDATE cases SET data = :d, updated_at = :u WHERE id = :id", soci::use(text),
        soci::use(now), soci::use(id);
    IndexCase(s, id, row.rec.number, row.org_name_zh + " " + row.org_name_en, row.applicant_name,
              type.type, data);
    AddEvent(s, id, who.user_id, "edited", "", row.rec.state, row.rec.state, "", Json::object());
    audit::Append(s, audit::By(who, "case.edit", "case", std::to_string(id)));
  });
  return db_.Read([&](soci::session& s) { return ToJson(who, RequireVisible(s, who, id), true); });
}

Json Engine::Transition(const auth::Principal& who, long long id, const TransitionRequest& req) {
  db_.Write([&](soci::session& s) {
    Row row = RequireVisible(s, who, id);
    const CaseType& type = TypeOf(row.rec);
    if (!type.HasAction(req.action)) {
      throw ApiError::Unprocessable(
          {FieldError{"action", "enum",
                      i18n::T("validation.enum", {{"values", [&] {
                                                     std::string v;
                                                     for (const auto& t : type.transitions)
                                                       if (v.find(t.action) == std::string::npos)
                                                         v += (v.empty() ? "" : ", ") + t.action;
                                                     return v;
                                                   }()}})}});
    }
    const TransitionDef* t = type.FindTransition(req.action, row.rec.state);
    const StateDef* current = type.FindState(row.rec.state);
    if (!t) {
      throw ApiError::Conflict(
          "invalid_state",
          i18n::T("error.invalid_state", {{"state", current->label.en}, {"action", req.action}}));
    }
    if (!MayTake(who, *t, row.rec)) {
      throw ApiError(403, "forbidden_action",
                     i18n::T("error.forbidden_action", {{"action", req.action}}));
    }
    std::vector<FieldError> errors;
    if (t->comment_required && req.comment.find_first_not_of(" \t\r\n") == std::string::npos) {
      errors.push_back(FieldError{"comment", "required", i18n::T("validation.comment_required")});
    }
    Json data = row.rec.data;
    if (!req.data.is_null()) {
      if (t->data_stage.empty() || !req.data.is_object()) {
        errors.push_back(FieldError{"data", "stage", i18n::T("validation.stage")});
      } else {
        data.merge_patch(req.data);
      }
    }
    // Leaving an editable state (a submission) needs complete data.
    if (type.IsEditable(row.rec.state) || !t->data_stage.empty()) {
      auto e = ValidateData(type, t->data_stage.empty() ? WithoutStage(type, data) : data,
                            Completeness::kComplete, t->data_stage);
      errors.insert(errors.end(), e.begin(), e.end());
    }
    const Json policy = type.policy.empty() ? Json::object() : LoadPolicy(s, type.policy);
    const calendar::WorkingCalendar cal = calendar::LoadCalendar(s);
    const auto checks = errors.empty()
                            ? RunRules(t->rules, data, policy, cal, FactsOf(row.rec, &row))
                            : std::vector<Check>{};
    // Blocking rules stop everyone; a warning stops an office decision unless the officer
    // overrides it with a reason, and is only recorded for the others.
    Json overrides = Json::object(), warnings = Json::array();
    for (const auto& c : checks) {
      if (c.violations.empty()) continue;
      if (c.severity == "warning") {
        auto reason = req.override_reasons.find(c.rule);
        const bool given =
            reason != req.override_reasons.end() && reason->is_string() &&
            reason->get<std::string>().find_first_not_of(" \t\r\n") != std::string::npos;
        if (t->scope == "office" && !given) {
          for (const auto& v : c.violations) errors.push_back(RuleError(c, v, true));
        } else if (t->scope == "office") {
          overrides[c.rule] = *reason;
        } else {
          warnings.push_back(c.rule);
        }
      } else {
        for (const auto& v : c.violations) errors.push_back(RuleError(c, v, false));
      }
    }
    if (!errors.empty())
      throw ApiError(422, "rules_failed", i18n::T("error.rules_failed"), std::move(errors));

    std::string target = t->to.front();
    if (t->to.size() > 1) {
      const RouteFn* route = FindRoute(t->route);
      if (!route) throw std::logic_error("unregistered route " + t->route);
      target = (*route)(row.rec, *t);
    }
    const StateDef* next = type.FindState(target);
    const std::string now = clock::NowIso(), text = data.dump();
    std::string due = row.due_date;
    if (next->clock == "sla" && current->clock != "sla") {
      due = cal.AddWorkingDays(calendar::Date::TodayInChina(), type.sla_working_days).ToString();
    }
    const bool submitting = type.IsEditable(row.rec.state);
    const int direct = submitting ? row.rec.org_direct_report : row.case_direct_report;
    const std::string submitted = submitting ? now : row.submitted_at;
    const std::string decided = next->decision ? now : row.decided_at;
    s << "UPDATE cases SET state = :s, data = :d, updated_at = :u, due_date = :due, direct_report "
         "= :dr, "
         "submitted_at = :sa, decided_at = :da WHERE id = :id",
        soci::use(target), soci::use(text), soci::use(now), soci::use(due), soci::use(direct),
        soci::use(submitted), soci::use(decided), soci::use(id);
    Json detail = Json::object();
    if (!overrides.empty()) detail["overrides"] = overrides;
    if (!warnings.empty()) detail["warnings"] = warnings;
    AddEvent(s, id, who.user_id, "transition", req.action, row.rec.state, target, req.comment,
             detail);
    CaseRecord after = row.rec;
    after.state = target;
    after.data = data;
    for (const auto& name : t->effects) {
      const EffectFn* effect = FindEffect(name);
      if (!effect) throw std::logic_error("unregistered effect " + name);
      (*effect)(s, after, who, policy);
    }
    if (!t->data_stage.empty()) {
      IndexCase(s, id, row.rec.number, row.org_name_zh + " " + row.org_name_en, row.applicant_name,
                type.type, data);
    }
    Json audit_detail{{"action", req.action}, {"from", row.rec.state}, {"to", target}};
    if (!overrides.empty()) audit_detail["overrides"] = overrides;
    audit::Append(s, audit::By(who, "case.transition", "case", std::to_string(id), audit_detail));
  });
  return db_.Read([&](soci::session& s) { return ToJson(who, RequireVisible(s, who, id), true); });
}

Json Engine::List(const auth::Principal& who, const ListFilter& f, const http::Page& page) {
  db::Binds binds;
  std::vector<std::string> visible;
  if (who.HasAny({"enterprise_user", "enterprise_admin"}))
    visible.push_back("c.org_id = " + binds.Int("vorg", who.org_id));
  if (who.Has("reviewer")) {
    visible.push_back(
        "(c.state <> 'draft' AND c.org_id IN (SELECT id FROM organizations WHERE parent_id = " +
        binds.Int("vdist", who.org_id) + "))");
  }
  if (who.org_kind == "office" && who.IsOffice()) visible.push_back("c.state <> 'draft'");
  if (visible.empty()) return http::PageJson(Json::array(), 0, page);

  std::string where = " WHERE (";
  for (std::size_t i = 0; i < visible.size(); ++i) where += (i ? " OR " : "") + visible[i];
  where += ")";
  if (!f.type.empty()) where += " AND c.type = " + binds.Text("type", f.type);
  if (!f.state.empty()) {
    where += " AND c.state IN (";
    std::size_t start = 0, n = 0;
    while (start <= f.state.size()) {
      auto end = f.state.find(',', start);
      if (end == std::string::npos) end = f.state.size();
      where += (n ? ", " : "") +
               binds.Text("st" + std::to_string(n), f.state.substr(start, end - start));
      ++n;
      start = end + 1;
    }
    where += ")";
  }
  if (f.org_id) where += " AND c.org_id = " + binds.Int("org", *f.org_id);
  if (!f.country.empty()) {
    where += " AND " +
             SummaryArrayContains(db_.dialect(), "countries", binds.Text("country", f.country));
  }
  if (!f.month.empty())
    where += " AND substr(c.submitted_at, 1, 7) = " + binds.Text("month", f.month);
  if (f.direct_report)
    where += std::string(" AND c.direct_report = ") + (*f.direct_report ? "1" : "0");
  if (!f.assigned_to.empty()) {
    if (f.assigned_to == "me") {
      where += " AND c.assigned_to = " + binds.Int("asg", who.user_id);
    } else if (f.assigned_to == "none") {
      where += " AND c.assigned_to IS NULL";
    } else {
      long long uid = 0;
      try {
        uid = std::stoll(f.assigned_to);
      } catch (const std::exception&) {
        throw ApiError::InvalidQuery("assigned_to", "type", i18n::T("validation.type.integer"));
      }
      where += " AND c.assigned_to = " + binds.Int("asg", uid);
    }
  }
  if (f.overdue) {
    std::vector<std::string> sla, report;
    for (const CaseType* t : AllCaseTypes()) {
      for (const auto& st : t->states) {
        if (st.clock == "sla") sla.push_back(st.name);
        if (st.clock == "report") report.push_back(st.name);
      }
    }
    const std::string today = calendar::Date::TodayInChina().ToString();
    auto in_list = [&](const std::vector<std::string>& states, const std::string& prefix) {
      std::string list;
      for (std::size_t i = 0; i < states.size(); ++i) {
        list += (i ? ", " : "") + binds.Text(prefix + std::to_string(i), states[i]);
      }
      return list.empty() ? std::string("''") : list;
    };
    where += " AND ((c.due_date < " + binds.Text("today1", today) + " AND c.state IN (" +
             in_list(sla, "os") + ")) OR (c.report_due_date < " + binds.Text("today2", today) +
             " AND c.state IN (" + in_list(report, "or") + ")))";
  }
  std::string q = Lower(f.q);
  q.erase(0, q.find_first_not_of(' '));
  q.erase(q.find_last_not_of(' ') + 1);
  if (!q.empty()) {
    where += " AND " + SearchCondition(db_.dialect(), q);
    binds.Text("q", SearchBindValue(db_.dialect(), q));
  }
  std::string order = " ORDER BY c.id DESC";
  if (f.sort == "due")
    order = " ORDER BY CASE WHEN c.due_date IS NULL THEN 1 ELSE 0 END, c.due_date, c.id";
  else if (f.sort == "-updated")
    order = " ORDER BY c.updated_at DESC, c.id DESC";
  else if (f.sort == "updated")
    order = " ORDER BY c.updated_at, c.id";

  return db_.Read([&](soci::session& s) {
    // Counting every match of a broad filter over a million cases costs more than the page
    // itself: the count stops at kCountCap and says so (the UI shows "10000+").
    const long long counted = db::Count(s,
                                        "SELECT COUNT(*) FROM (SELECT 1 FROM cases c" + where +
                                            " LIMIT " + std::to_string(kCountCap + 1) + ") m",
                                        binds);
    const long long total = std::min(counted, kCountCap);
    Json items = Json::array();
    db::ForEachRow(
        s,
        std::string(kSelectCaseSummary) + where + order + " LIMIT " + std::to_string(page.size) +
            " OFFSET " + std::to_string(page.Offset()),
        binds, [&](const soci::row& r) { items.push_back(ToJson(who, ReadRow(r, false), false)); });
    Json result = http::PageJson(std::move(items), total, page);
    result["total_capped"] = counted > kCountCap;
    return result;
  });
}

Json Engine::Checks(const auth::Principal& who, long long id) {
  return db_.Read([&](soci::session& s) {
    Row row = RequireVisible(s, who, id);
    const CaseType& type = TypeOf(row.rec);
    const Json policy = type.policy.empty() ? Json::object() : LoadPolicy(s, type.policy);
    // The rules of the transitions still possible from here: a finished case has none, and a
    // past trip is not flagged for dates that mattered only before it.
    std::vector<std::string> rules;
    for (const auto& t : type.transitions) {
      if (std::find(t.from.begin(), t.from.end(), row.rec.state) == t.from.end()) continue;
      for (const auto& r : t.rules) {
        if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
      }
    }
    return Json{{"items", ChecksJson(RunRules(rules, row.rec.data, policy,
                                              calendar::LoadCalendar(s), FactsOf(row.rec, &row)))}};
  });
}

Json Engine::DryRun(const auth::Principal& who, const std::string& type_name, const Json& data) {
  const CaseType* type = FindCaseType(type_name);
  if (!type)
    throw ApiError::Unprocessable({FieldError{"type", "enum", i18n::T("error.unknown_case_type")}});
  Json errors = Json::array();
  for (const auto& e : ValidateData(*type, data, Completeness::kComplete, ""))
    errors.push_back(e.ToJson());
  // Rules assume well-formed data: run them only when the shape is right.
  Json checks = Json::array();
  if (data.is_object() && std::none_of(errors.begin(), errors.end(), [](const Json& e) {
        return e["rule"] == "type" || e["rule"] == "unknown_field";
      })) {
    checks = db_.Read([&](soci::session& s) {
      const Json policy = type->policy.empty() ? Json::object() : LoadPolicy(s, type->policy);
      CaseRecord rec;
      rec.org_id = who.org_id;
      rec.org_direct_report = who.org_direct_report;
      rec.state = type->states.front().name;
      std::vector<std::string> rules;
      for (const auto& t : type->transitions) {
        if (t.scope == "applicant" && type->IsEditable(t.from.front()))
          for (const auto& r : t.rules) rules.push_back(r);
      }
      return ChecksJson(
          RunRules(rules, data, policy, calendar::LoadCalendar(s), FactsOf(rec, nullptr)));
    });
  }
  return Json{{"errors", errors}, {"checks", checks}};
}

Json Engine::History(const auth::Principal& who, long long id) {
  return db_.Read([&](soci::session& s) {
    RequireVisible(s, who, id);
    Json items = Json::array();
    soci::rowset<soci::row> rows =
        (s.prepare
             << "SELECT e.id, e.at, e.user_id, u.display_name, e.kind, e.action, e.from_state, "
                "e.to_state, "
                "e.comment, e.detail FROM case_events e LEFT JOIN users u ON u.id = e.user_id "
                "WHERE e.case_id = :id ORDER BY e.id",
         soci::use(id));
    for (const auto& r : rows) {
      items.push_back({{"id", db::Int(r, 0)},
                       {"at", db::Text(r, 1)},
                       {"user", {{"id", db::Value(r, 2)}, {"display_name", db::Text(r, 3)}}},
                       {"kind", db::Text(r, 4)},
                       {"action", db::Text(r, 5)},
                       {"from_state", db::Text(r, 6)},
                       {"to_state", db::Text(r, 7)},
                       {"comment", db::Text(r, 8)},
                       {"detail", db::JsonCol(r, 9)}});
    }
    return Json{{"items", items}};
  });
}

Json Engine::Comment(const auth::Principal& who, long long id, const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos || body.size() > 20000) {
    throw ApiError::Unprocessable({FieldError{"body", "required", i18n::T("validation.required")}});
  }
  return db_.Write([&](soci::session& s) {
    Row row = RequireVisible(s, who, id);
    AddEvent(s, id, who.user_id, "comment", "", row.rec.state, row.rec.state, body, Json::object());
    audit::Append(s, audit::By(who, "case.comment", "case", std::to_string(id)));
    return Json{{"case_id", id}, {"body", body}};
  });
}

Json Engine::Assign(const auth::Principal& who, long long id, std::optional<long long> user_id) {
  db_.Write([&](soci::session& s) {
    Row row = RequireVisible(s, who, id);
    if (who.org_kind != "office" || !who.HasAny({"officer", "approver"}))
      throw ApiError::Forbidden();
    std::string name;
    if (user_id) {
      int n = 0;
      s << "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.user_id = "
           ":u AND "
           "r.role IN ('officer', 'approver') AND u.active = 1",
          soci::use(*user_id), soci::into(n);
      if (n == 0)
        throw ApiError::Unprocessable(
            {FieldError{"user_id", "exists", i18n::T("validation.user")}});
    }
    soci::indicator ind = user_id ? soci::i_ok : soci::i_null;
    long long uid = user_id.value_or(0);
    const std::string now = clock::NowIso();
    s << "UPDATE cases SET assigned_to = :a, updated_at = :u WHERE id = :id", soci::use(uid, ind),
        soci::use(now), soci::use(id);
    AddEvent(s, id, who.user_id, "assigned", "", row.rec.state, row.rec.state, "",
             {{"assigned_to", user_id ? Json(*user_id) : Json(nullptr)}});
    audit::Append(s, audit::By(who, "case.assign", "case", std::to_string(id),
                               {{"assigned_to", user_id ? Json(*user_id) : Json(nullptr)}}));
  });
  return db_.Read([&](soci::session& s) { return ToJson(who, RequireVisible(s, who, id), true); });
}

Json Engine::Attachments(const auth::Principal& who, long long id) {
  return db_.Read([&](soci::session& s) {
    RequireVisible(s, who, id);
    Json items = Json::array();
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT a.id, a.filename, a.content_type, a.size, a.sha256, a.uploaded_at, "
                      "u.display_name "
                      "FROM attachments a JOIN users u ON u.id = a.uploaded_by WHERE a.case_id = "
                      ":id ORDER BY a.id",
         soci::use(id));
    for (const auto& r : rows) {
      items.push_back({{"id", db::Int(r, 0)},
                       {"filename", db::Text(r, 1)},
                       {"content_type", db::Text(r, 2)},
                       {"size", db::Int(r, 3)},
                       {"sha256", db::Text(r, 4)},
                       {"uploaded_at", db::Text(r, 5)},
                       {"uploaded_by", db::Text(r, 6)}});
    }
    return Json{{"items", items}};
  });
}

Json Engine::Attach(const auth::Principal& who, long long id, const Upload& up) {
  if (up.bytes.size() > kMaxUploadBytes) {
    throw ApiError(413, "payload_too_large", i18n::T("error.payload_too_large", {{"max", "10"}}));
  }
  std::string name = up.filename;
  if (name.empty() || name.size() > 255 || name.find_first_of("/\\\0", 0, 3) != std::string::npos) {
    throw ApiError::Unprocessable(
        {FieldError{"filename", "required", i18n::T("validation.required")}});
  }
  // Judged by the content, and the name must agree: a PNG called .pdf is refused too.
  const std::string type = SniffContentType(up.bytes);
  std::string ext =
      name.substr(name.rfind('.') == std::string::npos ? name.size() : name.rfind('.'));
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const bool name_agrees = (type == "application/pdf" && ext == ".pdf") ||
                           (type == "image/jpeg" && (ext == ".jpg" || ext == ".jpeg")) ||
                           (type == "image/png" && ext == ".png");
  if (type.empty() || !name_agrees) {
    throw ApiError(415, "unsupported_file", i18n::T("error.unsupported_file"),
                   {FieldError{"file", "content_type", i18n::T("error.unsupported_file")}});
  }
  std::string b64(sodium_base64_ENCODED_LEN(up.bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(up.bytes.data()),
                    up.bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(b64.find('\0'));
  const std::string sha = auth::Sha256Hex(up.bytes);
  const long long size = static_cast<long long>(up.bytes.size());
  return db_.Write([&](soci::session& s) {
    Row row = RequireVisible(s, who, id);
    const std::string now = clock::NowIso();
    long long att = 0;
    s << "INSERT INTO attachments (case_id, filename, content_type, size, sha256, content, "
         "uploaded_by, uploaded_at) "
         "VALUES (:c, :f, :t, :s, :h, :b, :u, :a) RETURNING id",
        soci::use(id), soci::use(name), soci::use(type), soci::use(size), soci::use(sha),
        soci::use(b64), soci::use(who.user_id), soci::use(now), soci::into(att);
    AddEvent(s, id, who.user_id, "attachment", "", row.rec.state, row.rec.state, "",
             {{"attachment_id", att}, {"filename", name}});
    audit::Append(
        s, audit::By(who, "case.attach", "case", std::to_string(id), {{"attachment_id", att}}));
    return Json{
        {"id", att},     {"filename", name},   {"content_type", type},           {"size", size},
        {"sha256", sha}, {"uploaded_at", now}, {"uploaded_by", who.display_name}};
  });
}

Engine::File Engine::Download(const auth::Principal& who, long long attachment_id) {
  File f;
  long long case_id = 0;
  db_.Read([&](soci::session& s) {
    std::string b64;
    soci::indicator ind = soci::i_null;
    s << "SELECT case_id, filename, content_type, content FROM attachments WHERE id = :id",
        soci::use(attachment_id), soci::into(case_id, ind), soci::into(f.filename),
        soci::into(f.content_type), soci::into(b64);
    if (ind != soci::i_ok) throw ApiError::NotFound();
    RequireVisible(s, who, case_id);
    f.bytes.resize(b64.size());
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(f.bytes.data()), f.bytes.size(),
                          b64.data(), b64.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
      throw std::runtime_error("attachment " + std::to_string(attachment_id) + " is corrupt");
    }
    f.bytes.resize(len);
  });
  db_.WriteDetached([entry = audit::By(who, "attachment.read", "case", std::to_string(case_id),
                                       {{"attachment_id", attachment_id}})](soci::session& s) {
    audit::Append(s, entry);
  });
  return f;
}

}  // namespace waishi::cases
