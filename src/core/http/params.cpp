#include "core/http/params.h"

#include <charconv>

#include "core/error.h"

namespace waishi::http {
namespace {

std::optional<long long> ParseInt(std::string_view s) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Json JsonBody(const Request& req) {
  Json body = Json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    throw ApiError(400, "malformed_json", i18n::T("error.malformed_json"),
                   {FieldError{"", "json", i18n::T("error.malformed_json")}});
  }
  if (!body.is_object()) {
    throw ApiError(400, "body_not_object", i18n::T("error.body_not_object"),
                   {FieldError{"", "type", i18n::T("error.body_not_object")}});
  }
  return body;
}

long long IdParam(const Request& req, std::string_view name) {
  auto v = ParseInt(req.Param(name));
  if (!v || *v <= 0) throw ApiError::NotFound();
  return *v;
}

Page ParsePage(const Request& req) {
  Page page;
  auto bad = [](std::string field, std::string max) {
    return ApiError::InvalidQuery(field, "range",
                                  i18n::T("validation.range", {{"min", "1"}, {"max", max}}));
  };
  if (auto p = req.Query("page")) {
    auto v = ParseInt(*p);
    if (!v || *v < 1 || *v > 1000000) throw bad("page", "1000000");
    page.number = *v;
  }
  if (auto p = req.Query("page_size")) {
    auto v = ParseInt(*p);
    if (!v || *v < 1 || *v > 100) throw bad("page_size", "100");
    page.size = *v;
  }
  return page;
}

Json PageJson(Json items, long long total, const Page& page) {
  return Json{{"items", std::move(items)},
              {"total", total},
              {"page", page.number},
              {"page_size", page.size}};
}

}  // namespace waishi::http
