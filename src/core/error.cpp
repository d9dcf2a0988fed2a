#include "core/error.h"

namespace waishi {

Json FieldError::ToJson() const {
  Json j{{"field", field}, {"rule", rule}, {"message", message.en}, {"message_zh", message.zh}};
  if (extra.is_object()) j.update(extra);
  return j;
}

FieldError MoreErrors(std::size_t count) {
  FieldError more{"", "more", i18n::T("error.more_details", {{"count", std::to_string(count)}})};
  more.extra = {{"count", count}};
  return more;
}

ApiError::ApiError(int status, std::string code, i18n::Text message,
                   std::vector<FieldError> details)
    : std::runtime_error(code + ": " + message.en),
      status_(status),
      code_(std::move(code)),
      text_(std::move(message)),
      details_(std::move(details)) {}

Json ApiError::ToJson() const {
  Json details = Json::array();
  for (std::size_t i = 0; i < details_.size() && i < kMaxDetails; ++i)
    details.push_back(details_[i].ToJson());
  // A list that already ends with its count (the validator's) is whole at kMaxDetails + 1.
  const bool counted = details_.size() == kMaxDetails + 1 && details_.back().rule == "more";
  if (counted)
    details.push_back(details_.back().ToJson());
  else if (details_.size() > kMaxDetails)
    details.push_back(MoreErrors(details_.size() - kMaxDetails).ToJson());
  return Json{
      {"error",
       {{"code", code_}, {"message", text_.en}, {"message_zh", text_.zh}, {"details", details}}}};
}

ApiError ApiError::BadRequest(std::string code, std::vector<FieldError> details) {
  return ApiError(400, code, i18n::T("error." + code), std::move(details));
}
ApiError ApiError::Unauthorized() {
  return ApiError(401, "unauthenticated", i18n::T("error.unauthenticated"));
}
ApiError ApiError::Forbidden() { return ApiError(403, "forbidden", i18n::T("error.forbidden")); }
ApiError ApiError::NotFound() { return ApiError(404, "not_found", i18n::T("error.not_found")); }
ApiError ApiError::Conflict(std::string code, i18n::Text message) {
  return ApiError(409, std::move(code), std::move(message));
}
ApiError ApiError::Unprocessable(std::vector<FieldError> details) {
  return ApiError(422, "validation_failed", i18n::T("error.validation_failed"), std::move(details));
}

ApiError ApiError::InvalidQuery(std::string field, std::string rule, i18n::Text message) {
  return ApiError(400, "invalid_query", i18n::T("error.invalid_query"),
                  {FieldError{std::move(field), std::move(rule), std::move(message)}});
}

}  // namespace waishi
