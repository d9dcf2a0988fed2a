#include "core/export/export.h"
#include "core/http/params.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/calendar/working_days.h"
#include "core/error.h"
#include "core/log.h"

namespace waishi::exports {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<Lang> LangOf(std::string_view tag) {
  const std::string t = Lower(tag);
  if (t == "zh" || t.starts_with("zh-")) return Lang::kZh;
  if (t == "en" || t.starts_with("en-")) return Lang::kEn;
  return std::nullopt;
}

// The query parameters that choose what is exported (paging and the language are not).
Json Filters(const http::StringMap& query) {
  Json filters = Json::object();
  for (const auto& [name, value] : query) {
    if (name == "page" || name == "page_size" || name == "lang") continue;
    filters[name.substr(0, 64)] = value.substr(0, 200);
  }
  return filters;
}

// Rows per call of the list's handler: kPageSize, or fewer from $WAISHI_EXPORT_PAGE_ROWS (the
// API tests use a handful, so that their small lists go through several pages).
long long PageRows() {
  static const long long rows = [] {
    const char* env = std::getenv("WAISHI_EXPORT_PAGE_ROWS");
    const long long n = env ? std::atoll(env) : 0;
    return n >= 1 && n <= kPageSize ? n : kPageSize;
  }();
  return rows;
}

ApiError TooLarge(long long max, long long total, bool at_least) {
  const std::string count = (at_least ? "> " : "") + std::to_string(total);
  return ApiError(422, "export_too_large",
                  i18n::T("error.export_too_large", {{"max", std::to_string(max)}}),
                  {FieldError{"filters", "export.max_rows",
                              i18n::T("error.export_too_large", {{"max", std::to_string(max)}}),
                              Json{{"max_rows", max}, {"total", count}}}});
}

}  // namespace

Lang PickLanguage(const http::Request& req, std::string_view user_locale) {
  if (auto lang = req.Query("lang"); lang && !lang->empty()) {
    if (auto l = LangOf(*lang)) return *l;
    throw ApiError::InvalidQuery("lang", "enum",
                                 i18n::T("validation.enum", {{"values", "zh, en"}}));
  }
  if (auto header = req.Header("accept-language")) {
    // "en-US,en;q=0.9,zh;q=0.8": the first range we speak (the web sends exactly one).
    std::string_view rest = *header;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      std::string_view range = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      range = range.substr(0, range.find(';'));
      while (!range.empty() && range.front() == ' ') range.remove_prefix(1);
      while (!range.empty() && range.back() == ' ') range.remove_suffix(1);
      if (auto l = LangOf(range)) return *l;
    }
  }
  if (auto l = LangOf(user_locale)) return *l;
  return Lang::kZh;
}

http::RouteDoc ExportDoc(const http::RouteDoc& list_doc) {
  http::RouteDoc doc;
  doc.tag = list_doc.tag;
  const std::string& op = list_doc.operation_id;
  doc.operation_id = "export" + (op.starts_with("list") ? op.substr(4) : op);
  if (op.size() > 0 && !op.starts_with("list")) doc.operation_id[6] = std::toupper(op[0]);
  doc.summary = "Excel download (.xlsx) of: " + list_doc.summary +
                " — the same filters, every page; ?lang=zh|en for the headers";
  doc.requires_auth = list_doc.requires_auth;
  doc.roles = list_doc.roles;
  for (const auto& q : list_doc.query) {
    if (q != "page" && q != "page_size") doc.query.push_back(q);
  }
  doc.query.push_back("lang");
  doc.response = Json{{"type", "string"}, {"format", "binary"}};
  doc.response_content_type = std::string(kXlsxType);
  doc.more_errors = {"422"};
  return doc;
}

http::Response Run(const App& app, const List& list, const auth::Call& call,
                   const PageHandler& handler) {
  const auth::Principal& who = call.who();
  const Lang lang = PickLanguage(call.request(), who.locale);
  std::vector<Column> columns = list.columns;
  if (list.more_columns) {
    for (auto& c : list.more_columns(call.request())) columns.push_back(std::move(c));
  }
  const i18n::Text title = i18n::T(list.title_key);
  const std::string name = lang == Lang::kEn ? title.en : title.zh;

  http::Request page_request = call.request();
  page_request.query.erase("lang");
  const long long page_rows = PageRows();
  page_request.query["page_size"] = std::to_string(page_rows);
  page_request.max_page_size = page_rows;
  const long long max = app.export_max_rows;

  // The first page runs before the workbook exists: a refusal or a bad filter is answered
  // exactly as the list answers it, with nothing made.
  std::optional<Sheet> sheet;
  for (long long page = 1;; ++page) {
    page_request.query["page"] = std::to_string(page);
    const http::Response answer = handler(call.WithRequest(page_request));
    Json body = Json::parse(answer.body);
    if (page == 1) {
      const long long total = body.value("total", 0LL);
      if (total > max) throw TooLarge(max, total, body.value("total_capped", false));
      sheet.emplace(name, columns, lang);
    }
    const Json& items = body["items"];
    for (const auto& item : items) {
      // A total that stopped counting (total_capped) finds the cap only here.
      if (sheet->rows() >= max) throw TooLarge(max, max, true);
      sheet->Add(item);
    }
    if (static_cast<long long>(items.size()) < page_rows) break;
    // The next page by number, and the last id for a list that pages by id (Page::below_id).
    const Json& last_id = items.back().contains("id") ? items.back()["id"] : Json();
    page_request.below_id = last_id.is_number_integer() ? last_id.get<long long>() : 0;
  }
  const long long rows = sheet->rows();
  std::string bytes = sheet->Finish();

  const std::string today = calendar::Date::TodayInChina().ToString();
  Json detail{{"format", "xlsx"},
              {"list", list.name},
              {"filters", Filters(call.request().query)},
              {"rows", rows},
              {"personal_data", list.personal_data}};
  // Recorded before the file leaves: an export that could not be recorded is not sent.
  app.db.Write([&](db::Session& s) {
    audit::Append(s, audit::By(who, "export", list.name, "", std::move(detail)));
  });

  http::Response r;
  r.status = 200;
  r.content_type = std::string(kXlsxType);
  r.body = std::move(bytes);
  r.headers.emplace_back(
      "Content-Disposition",
      http::AttachmentDisposition(list.name + "-" + today + ".xlsx", name + "-" + today + ".xlsx"));
  // X-Content-Type-Options: nosniff and Cache-Control: no-store come with every API answer
  // (core/http/dispatch.cpp).
  return r;
}

}  // namespace waishi::exports
