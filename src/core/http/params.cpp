#include "core/http/params.h"

#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/error.h"

namespace waishi::http {
namespace {

std::optional<long long> ParseInt(std::string_view s) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// Whether arrays and objects nest deeper than `limit` in a JSON text: counted on the bytes
// (outside strings), so that a hostile body never reaches the recursive parser.
bool NestsDeeperThan(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

// "application/json", with or without parameters (charset=utf-8), in any case.
bool IsJsonType(std::string_view type) {
  constexpr std::string_view kJson = "application/json";
  if (type.size() < kJson.size()) return false;
  for (std::size_t i = 0; i < kJson.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != kJson[i]) return false;
  }
  const std::string_view rest = type.substr(kJson.size());
  return rest.empty() || rest.front() == ';' || rest.front() == ' ';
}

}  // namespace

bool BodyMayBeOmitted(const Json& schema) {
  const auto required = schema.find("required");
  return schema.value("type", "") == "object" &&
         (required == schema.end() || (required->is_array() && required->empty()));
}

Json JsonBody(const Request& req) {
  // A body in another type is refused before it is read: a form on another site can send
  // text/plain without asking, but not application/json.
  if (!req.body.empty() && !IsJsonType(req.Header("content-type").value_or(""))) {
    throw ApiError(415, "unsupported_media_type", i18n::T("error.unsupported_media_type"),
                   {FieldError{"", "content_type", i18n::T("error.unsupported_media_type")}});
  }
  if (NestsDeeperThan(req.body, kMaxJsonDepth)) {
    const i18n::Text message =
        i18n::T("error.json_too_deep", {{"max", std::to_string(kMaxJsonDepth)}});
    throw ApiError(400, "json_too_deep", message, {FieldError{"", "depth", message}});
  }
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
    if (!v || *v < 1 || *v > req.max_page_size)
      throw bad("page_size", std::to_string(req.max_page_size));
    page.size = *v;
  }
  page.below_id = req.below_id;
  return page;
}

Json PageJson(Json items, long long total, const Page& page) {
  return Json{{"items", std::move(items)},
              {"total", total},
              {"page", page.number},
              {"page_size", page.size}};
}

std::string PercentEncode(std::string_view text, std::string_view plain) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || plain.find(c) != std::string_view::npos) {
      out += c;
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", u);
      out += hex;
    }
  }
  return out;
}

std::string AttachmentDisposition(std::string_view fallback, std::string_view utf8_name) {
  std::string ascii;
  for (char c : fallback) {
    const auto u = static_cast<unsigned char>(c);
    ascii += (u >= 0x20 && u < 0x7F && c != '"' && c != '\\') ? c : '_';
  }
  // RFC 8187 §3.2.1: attr-char is ALPHA / DIGIT / "!#$&+-.^_`|~"; the rest is %XX.
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" +
         PercentEncode(utf8_name, "!#$&+-.^_`|~");
}

}  // namespace waishi::http
