// The case-type definition as GET /api/v1/case-types/{type} serves it, and its schema.
//
// One contract: DefinitionSchemas() are the OpenAPI components that describe CaseTypeJson's
// output member by member (closed objects wherever the parser admits a fixed set of keys),
// the routes register them, and the web's definition types are generated from them. The
// unit tests check the served definitions of real types against them, so a key added to a
// definition or to CaseTypeJson without the schema fails a test. Pure functions: thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/cases/definition.h"
#include "core/cases/registry.h"
#include "core/json.h"

namespace waishi::cases {

// The definition as written, with each member that may be written as one string or a list
// (from, to, roles, runs_in …) served as a list; plus "rules" (each rule any transition
// runs: id, label — null for a rule no module registered — and its severity under `policy`)
// and "policy" (the current policy document, {} for a type without one), which replaces the
// policy's name.
Json CaseTypeJson(const Registry& registry, const CaseType& t, const Json& policy);

// The OpenAPI components (name → schema) of CaseTypeJson's output, "CaseType" the whole of it,
// with "Bilingual", the label every definition is full of.
Json DefinitionSchemas();

// Where `served` (a CaseTypeJson) departs from the CaseType schema: "field rule" per
// mismatch, none when it conforms. Each module's test checks its definition with it.
std::vector<std::string> DeparturesFromSchema(const Json& served);

}  // namespace waishi::cases
