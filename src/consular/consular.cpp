#include "consular/consular.h"

#include <string>

#include "core/cases/case_data.h"
#include "core/i18n/text.h"
#include "core/resources.h"

namespace waishi::consular {

void LoadDemo(App& app, DemoContext& ctx);  // demo.cpp

namespace {

constexpr const char* kDesk = "consular";

// What the lists show: who, where, how urgent.
Json Summary(const Json& data) {
  const Json* person = cases::Member(data, "person");
  Json countries = Json::array();
  if (const std::string c = data.value("country", ""); !c.empty()) countries.push_back(c);
  return Json{{"name", person && person->is_object() ? person->value("name", "") : ""},
              {"countries", std::move(countries)},
              {"city", data.value("city", "")},
              {"priority", data.value("priority", "")},
              {"channel", data.value("channel", "")}};
}

// Found by the person's name and phone, the place and what happened.
search::Document SearchDocument(const Json& data) {
  search::Document doc;
  if (const Json* person = cases::Member(data, "person"); person && person->is_object()) {
    doc.heading = person->value("name", "");
    if (const std::string phone = person->value("phone", ""); !phone.empty())
      doc.identifiers.push_back(phone);
  }
  doc.body = data.value("city", "") + " " + data.value("situation", "") + " " +
             data.value("handed_to", "") + " " + data.value("outcome", "");
  return doc;
}

void Setup(App& app) {
  app.cases.AddDesk({kDesk, i18n::T("consular.desk")});
  cases::TypeHooks hooks;
  hooks.summary = Summary;
  hooks.search = SearchDocument;
  app.cases.AddType(Resource("src/consular/consular_assistance.json"), std::move(hooks));
}

}  // namespace

waishi::Module Module() {
  waishi::Module m;
  m.name = "consular";
  m.migrations = "src/consular/migrations/";
  m.setup = Setup;
  m.demo = LoadDemo;
  return m;
}

}  // namespace waishi::consular
