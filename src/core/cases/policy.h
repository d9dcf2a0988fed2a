// Policies: the parameters of a module's rules (limits, thresholds, severities), stored in
// the database so an admin can change them through the API, each change audited.
// A module registers its policy's defaults and validator in the App's Policies at start-up;
// the stored document is merged over the defaults when read. Registration is start-up only;
// reads are thread-safe.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/session.h"

#include "core/error.h"
#include "core/json.h"

namespace waishi {
struct App;
}

namespace waishi::cases {

struct PolicySpec {
  std::string name;
  Json defaults;
  // Errors for a proposed document (already known to be an object).
  std::function<std::vector<FieldError>(const Json&)> validate;
};

class Policies {
 public:
  void Add(PolicySpec spec);
  bool Has(std::string_view name) const { return specs_.find(name) != specs_.end(); }
  // The spec; throws ApiError::NotFound for an unknown name.
  const PolicySpec& Spec(std::string_view name) const;
  // The current policy: the defaults with the stored document merged over them.
  Json Load(db::Session& s, std::string_view name) const;

 private:
  std::map<std::string, PolicySpec, std::less<>> specs_;
};

// "blocking" or "warning" for a rule under a policy (policy["severity"][rule], default blocking).
std::string SeverityOf(const Json& policy, std::string_view rule);

// GET /api/v1/policies/{name} (office staff), PUT (admin).
void RegisterPolicyRoutes(App& app);

}  // namespace waishi::cases
