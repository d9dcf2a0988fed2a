// The visa_application definition as the API serves it conforms to the CaseType schema of the
// OpenAPI document, every rule it names is the module's, and every document the catalog's
// seed asks for is one of the case type's document slots.
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/cases/definition_schema.h"
#include "core/resources.h"
#include "visa/parts.h"

namespace waishi::visa {
namespace {

const cases::CaseType& AddVisaType(cases::Registry& registry) {
  const cases::CaseType& type = registry.AddType(Resource("src/visa/visa_application.json"));
  RegisterRules(registry);
  return type;
}

TEST(VisaDefinitionSchemaTest, TheServedDefinitionConformsToTheSchema) {
  cases::Registry registry;
  const cases::CaseType& type = AddVisaType(registry);
  const Json served = cases::CaseTypeJson(registry, type, DefaultPolicy());
  EXPECT_EQ(cases::DeparturesFromSchema(served), std::vector<std::string>{});
  for (const auto& rule : served["rules"]) EXPECT_TRUE(rule["label"].is_object()) << rule;
  // The visa's details belong to the issue transition alone; the owner's edits can't set them.
  for (const char* field : {"visa_valid_from", "visa_valid_until", "visa_entries"}) {
    EXPECT_TRUE(type.FindTransition("issue", "at_consulate")->Writes(field)) << field;
  }
  // The passport comes back either way: collected from issued and from refused.
  EXPECT_NE(type.FindTransition("collect", "issued"), nullptr);
  EXPECT_NE(type.FindTransition("collect", "refused"), nullptr);
  EXPECT_EQ(type.RunningIn("issued")->name, "collection");
}

TEST(VisaDefinitionSchemaTest, EveryDocumentOfTheCatalogSeedIsASlotOfTheCaseType) {
  cases::Registry registry;
  const cases::CaseType& type = AddVisaType(registry);
  const std::string seed(Resource("src/visa/migrations/0002_catalog.sql"));
  const std::regex list(R"re('\[("[a-z_]+"(,\s*"[a-z_]+")*)\]')re");
  const std::regex name(R"re("([a-z_]+)")re");
  std::set<std::string> named;
  for (auto it = std::sregex_iterator(seed.begin(), seed.end(), list); it != std::sregex_iterator();
       ++it) {
    const std::string items = (*it)[1];
    for (auto n = std::sregex_iterator(items.begin(), items.end(), name);
         n != std::sregex_iterator(); ++n)
      named.insert((*n)[1]);
  }
  ASSERT_GT(named.size(), 10u) << "the seed's checklists were not found";
  for (const auto& slot : named) EXPECT_NE(type.FindDocument(slot), nullptr) << slot;
}

}  // namespace
}  // namespace waishi::visa
