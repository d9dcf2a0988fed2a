// The one error type the API reports.
//
// An ApiError carries what the client sees: an HTTP status, a stable code, a bilingual
// message and, for validation failures, one detail per field and rule. The HTTP boundary
// (core/http) turns it into
//   {"error":{"code","message","message_zh","details":[{"field","rule","message","message_zh"}]}}
// Anything else thrown out of a handler is logged and answered as a 500 without detail.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "core/i18n/text.h"
#include "core/json.h"

namespace waishi {

struct FieldError {
  std::string field;  // a JSON path into the request, e.g. "members[2].id_number"
  std::string rule;   // a stable id: "required", "type", "format.resident_id", "<module>.<rule>"…
  i18n::Text message;
  Json extra = nullptr;  // optional additional members merged into the detail (e.g. severity)

  Json ToJson() const;
};

// The detail that stands for `count` errors not listed ("and 12 more").
FieldError MoreErrors(std::size_t count);

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, i18n::Text message, std::vector<FieldError> details = {});

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const i18n::Text& text() const { return text_; }
  const std::vector<FieldError>& details() const { return details_; }
  // Seconds after which the client may try again: answered as the Retry-After header
  // (RFC 9110 §10.2.3) when positive, e.g. on a 429 or a 503.
  long long retry_after() const { return retry_after_; }
  ApiError& RetryAfter(long long seconds) {
    retry_after_ = seconds;
    return *this;
  }
  // The answer's body: at most kMaxDetails details, then one saying how many more there are.
  Json ToJson() const;
  static constexpr std::size_t kMaxDetails = 50;

  // The usual ones; each message comes from the core catalogue.
  static ApiError BadRequest(std::string code, std::vector<FieldError> details = {});
  static ApiError Unauthorized();
  static ApiError Forbidden();
  static ApiError NotFound();
  static ApiError Conflict(std::string code, i18n::Text message);
  static ApiError Unprocessable(std::vector<FieldError> details);
  // 400 "invalid_query": a query parameter is malformed or out of range.
  static ApiError InvalidQuery(std::string field, std::string rule, i18n::Text message);

 private:
  int status_;
  std::string code_;
  i18n::Text text_;
  std::vector<FieldError> details_;
  long long retry_after_ = 0;
};

}  // namespace waishi
