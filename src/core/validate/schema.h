// A declarative validator: checks a JSON value against a schema written in the subset of JSON
// Schema that OpenAPI 3.0 understands, so that one schema is at once the route's documented
// request body and the check the server runs.
//
// Supported keywords:
//   type ("string" | "integer" | "number" | "boolean" | "object" | "array"), nullable,
//   required, properties, additionalProperties (false, or a schema for the other members),
//   minLength / maxLength (characters, i.e. code points: 张昊 is 2), minimum / maximum,
//   enum, pattern (ECMAScript), format (the named formats below), items, minItems / maxItems,
//   uniqueItems, maxProperties.
//   Two extensions name what a failure reports: "x-rule" (the rule id) and "x-message" (a
//   catalogue key) replace the defaults for every failure of that node except "type" and
//   "required" (x-message may also map a default rule id to a key: {"min_length": "…"}) — e.g.
//   {"pattern": "^[a-z0-9._-]{3,64}$", "x-rule": "format.username", "x-message":
//   "validation.format.username"}. Anything else (description, example, readOnly, $ref, allOf
//   …) is ignored: request schemas are written inline. CheckSchemaWith follows "$ref" and
//   checks "allOf" too, for the documents the server answers with (their schemas name one
//   another in the OpenAPI components).
//
// Named formats: "date" (YYYY-MM-DD, a real day; reported as rule "type"), "month" (YYYY-MM,
// rule "type"), "email" (one '@', a dotted domain, no spaces; rule "format.email"),
// "date-time" and "binary" (not checked).
//
// What is reported, one FieldError per failure (field = the JSON path: "members[1].name"):
//   absent or null required member → "required"; a blank text ("" or spaces only) in a
//   required member with minLength ≥ 1 → "required"; wrong type → "type"
//   (validation.type.text|integer|number|boolean|object|list); null where not nullable →
//   "type"; unknown member under additionalProperties:false → "unknown_field"; minLength →
//   "min_length"; maxLength → "max_length"; minimum and maximum both given → "range", one
//   of them → "min" / "max"; enum → "enum"; pattern → "pattern"; minItems → "min_items";
//   maxItems and maxProperties → "max_items" (an object past maxProperties is not checked
//   further); uniqueItems → "unique_items" on each item equal to an earlier one ("cases[2]").
//   Messages come from the catalogue in both languages.
// A value of the wrong type is not checked further; members and items are all checked, so
// one call lists every error, or ApiError::kMaxDetails of them and one counting the rest.
//
// Pure functions: thread-safe. A malformed schema (a programming error) throws
// std::invalid_argument.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"

namespace waishi::validate {

// The errors of `value` against `schema`; empty when it conforms. `path` names `value`
// itself in the errors ("" for a request body, whose members are then "name", "org.id" …).
std::vector<FieldError> CheckSchema(const Json& schema, const Json& value,
                                    const std::string& path = "");

// CheckSchema, also following each "$ref" ("#/components/schemas/<name>", whose siblings are
// ignored as OpenAPI 3.0 says) into `components` (name → schema: the document's
// components.schemas) and checking `value` against every member of an "allOf". A $ref to a
// name `components` lacks is a malformed schema (std::invalid_argument).
std::vector<FieldError> CheckSchemaWith(const Json& components, const Json& schema,
                                        const Json& value, const std::string& path = "");

// CheckSchema, throwing ApiError::Unprocessable (422 "validation_failed") with every error.
void RequireSchema(const Json& schema, const Json& value, const std::string& path = "");

}  // namespace waishi::validate
