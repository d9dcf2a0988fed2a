#include "core/cases/policy.h"

#include <map>

#include "core/app.h"
#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/http/params.h"

namespace waishi::cases {
namespace {

constexpr const char* kLoad = "SELECT data FROM policies WHERE name = :n";
constexpr const char* kDelete = "DELETE FROM policies WHERE name = :n";
constexpr const char* kInsert = R"(
  INSERT INTO policies (name, data, updated_at, updated_by) VALUES (:n, :d, :a, :b))";

}  // namespace

void Policies::Add(PolicySpec spec) {
  auto name = spec.name;
  specs_[name] = std::move(spec);
}

const PolicySpec& Policies::Spec(std::string_view name) const {
  auto it = specs_.find(name);
  if (it == specs_.end()) throw ApiError::NotFound();
  return it->second;
}

Json Policies::Load(db::Session& s, std::string_view name) const {
  Json policy = Spec(name).defaults;
  if (auto stored = s.Text(kLoad, {{"n", name}})) policy.merge_patch(Json::parse(*stored));
  return policy;
}

std::string SeverityOf(const Json& policy, std::string_view rule) {
  auto sev = policy.find("severity");
  if (sev == policy.end() || !sev->is_object()) return "blocking";
  auto it = sev->find(std::string(rule));
  return it != sev->end() && *it == "warning" ? "warning" : "blocking";
}

void RegisterPolicyRoutes(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  const Policies& policies = app.policies;
  auth::Endpoints api(app, "policies");
  const Json policy = {{"type", "object"},
                       {"additionalProperties", true},
                       {"description", "A module's policy: limits, thresholds, rule severities"}};

  api.Get("/api/v1/policies/{name}",
          Doc("getPolicy", "A module's policy")
              .Roles({"officer", "approver", "reviewer", "auditor", "security_admin"})
              .Returns(policy),
          [&db, &policies](const auth::Call& call) {
            const std::string name = call.request().Param("name");
            policies.Spec(name);
            return auth::Reply(db.Read([&](db::Session& s) { return policies.Load(s, name); }));
          });

  // The body holds the members to change (merged over the current defaults); the module's
  // validator checks the merged document.
  api.Put(
      "/api/v1/policies/{name}",
      Doc("putPolicy", "Replace a module's policy; audited")
          .Roles({"security_admin"})
          .Body(policy)
          .Returns(policy),
      [&db, &policies](const auth::Call& call) {
        const auto& who = call.who();
        const std::string name = call.request().Param("name");
        const PolicySpec& spec = policies.Spec(name);
        const Json& body = call.body();
        // Unknown members are refused: a typo must not silently leave a limit unchanged.
        std::vector<FieldError> errors;
        for (auto& [key, value] : body.items()) {
          if (!spec.defaults.contains(key)) {
            errors.push_back(FieldError{key, "unknown_field", i18n::T("validation.unknown_field")});
          }
        }
        Json merged = spec.defaults;
        merged.merge_patch(body);
        if (errors.empty() && spec.validate) errors = spec.validate(merged);
        if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
        db.Write([&](db::Session& s) {
          const Json before = policies.Load(s, name);
          s.Exec(kDelete, {{"n", name}});
          s.Exec(kInsert,
                 {{"n", name}, {"d", merged.dump()}, {"a", clock::NowIso()}, {"b", who.user_id}});
          audit::Append(s, audit::By(who, "policy.update", "policy", name,
                                     {{"before", before}, {"after", merged}}));
        });
        return auth::Reply(merged);
      });
}

}  // namespace waishi::cases
