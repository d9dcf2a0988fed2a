// The router, the request parsers (percent-decoding, query strings, cookies) and the
// dispatcher's 404/405 answers, all without a network.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/dispatch.h"
#include "core/http/http.h"
#include "core/json.h"

namespace waishi::http {
namespace {

Handler Named(std::string name) {
  return [name](const Request& req) {
    Json params = Json::object();
    for (const auto& [k, v] : req.params) params[k] = v;
    return Response::Json(200, Json{{"route", name}, {"params", params}});
  };
}

// The route Find() picks, by its pattern and method; "" for none.
std::string Found(const Router& router, Method method, std::string_view path) {
  auto m = router.Find(method, path);
  if (m.route == nullptr) return "";
  return std::string(MethodName(m.route->method)) + " " + m.route->pattern;
}

Router CasesRouter(bool literal_first) {
  Router r;
  auto add_literal = [&] {
    r.Add(Method::kPost, "/api/v1/cases/check", {}, Named("check"));
    r.Add(Method::kGet, "/api/v1/cases/stats", RouteDoc{}, Named("stats"));
  };
  if (literal_first) add_literal();
  r.Add(Method::kGet, "/api/v1/cases/{id}", RouteDoc{}.Quick(), Named("get"));
  r.Add(Method::kPatch, "/api/v1/cases/{id}", {}, Named("patch"));
  r.Add(Method::kGet, "/api/v1/cases", {}, Named("list"));
  r.Add(Method::kPost, "/api/v1/cases/{id}/transitions/{action}", {}, Named("transition"));
  r.Add(Method::kGet, "/api/v1/health", RouteDoc{}.Quick(), Named("health"));
  if (!literal_first) add_literal();
  return r;
}

// ---------------------------------------------------------------------------------------------
// Literal segments and parameters
// ---------------------------------------------------------------------------------------------

class RouterOrder : public ::testing::TestWithParam<bool> {};

TEST_P(RouterOrder, LiteralSegmentWinsOverParameterWhateverTheOrder) {
  const Router r = CasesRouter(GetParam());
  EXPECT_EQ(Found(r, Method::kPost, "/api/v1/cases/check"), "POST /api/v1/cases/check");
  EXPECT_EQ(Found(r, Method::kGet, "/api/v1/cases/stats"), "GET /api/v1/cases/stats");
  EXPECT_EQ(Found(r, Method::kGet, "/api/v1/cases/42"), "GET /api/v1/cases/{id}");
  // GET /cases/check: no literal GET route, so the parameter route takes it (id "check",
  // which IdParam answers with 404).
  auto m = r.Find(Method::kGet, "/api/v1/cases/check");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/cases/{id}");
  EXPECT_EQ(m.params.at("id"), "check");
}

TEST_P(RouterOrder, ParametersAreCaptured) {
  const Router r = CasesRouter(GetParam());
  auto m = r.Find(Method::kPost, "/api/v1/cases/7/transitions/submit");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params.at("id"), "7");
  EXPECT_EQ(m.params.at("action"), "submit");
  // A parameter takes any segment as it is, the router does not check it.
  m = r.Find(Method::kGet, "/api/v1/cases/%20x");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "%20x");
}

INSTANTIATE_TEST_SUITE_P(LiteralFirstOrLast, RouterOrder, ::testing::Bool());

TEST(Router, MoreLiteralSegmentsWinWhenTwoRoutesMatch) {
  Router r;
  r.Add(Method::kGet, "/a/{x}/{y}", {}, Named("params"));
  r.Add(Method::kGet, "/a/{x}/c", {}, Named("one literal"));
  EXPECT_EQ(Found(r, Method::kGet, "/a/b/c"), "GET /a/{x}/c");
  EXPECT_EQ(Found(r, Method::kGet, "/a/b/d"), "GET /a/{x}/{y}");
}

TEST(Router, EqualLiteralCountsGoToTheRouteRegisteredFirst) {
  Router r;
  r.Add(Method::kGet, "/a/{x}/c", {}, Named("first"));
  r.Add(Method::kGet, "/a/b/{y}", {}, Named("second"));
  EXPECT_EQ(Found(r, Method::kGet, "/a/b/c"), "GET /a/{x}/c");
}

// Find compares a path with the routes whose third segment is the path's and with those that
// have a parameter there: the first registered still wins between the two groups, and a route
// of either group is found by a path of its shape only.
TEST(Router, TheRoutesComparedKeepTheirOrderAcrossLiteralAndParameterThirdSegments) {
  Router parameter_first;
  parameter_first.Add(Method::kGet, "/a/b/{z}", {}, Named("first"));
  parameter_first.Add(Method::kGet, "/a/{x}/c", {}, Named("second"));
  EXPECT_EQ(Found(parameter_first, Method::kGet, "/a/b/c"), "GET /a/b/{z}");
  EXPECT_EQ(Found(parameter_first, Method::kGet, "/a/q/c"), "GET /a/{x}/c");
  EXPECT_EQ(Found(parameter_first, Method::kGet, "/a/q/d"), "");
  EXPECT_EQ(Found(parameter_first, Method::kGet, "/a/b/c/d"), "");
  EXPECT_EQ(Found(parameter_first, Method::kGet, "/a/b"), "");
  Router literal_first;
  literal_first.Add(Method::kGet, "/a/{x}/c", {}, Named("first"));
  literal_first.Add(Method::kGet, "/a/b/{z}", {}, Named("second"));
  literal_first.Add(Method::kPost, "/a/b/d", {}, Named("post"));
  EXPECT_EQ(Found(literal_first, Method::kGet, "/a/b/c"), "GET /a/{x}/c");
  EXPECT_EQ(Found(literal_first, Method::kGet, "/a/b/d"), "GET /a/b/{z}");
  EXPECT_EQ(Found(literal_first, Method::kPost, "/a/b/d"), "POST /a/b/d");
  EXPECT_TRUE(literal_first.Find(Method::kDelete, "/a/b/d").path_known);
  EXPECT_FALSE(literal_first.Find(Method::kDelete, "/a/z/d").path_known);
}

TEST(Router, ShortPathsAndTheRootAreFound) {
  Router r;
  r.Add(Method::kGet, "/", {}, Named("root"));
  r.Add(Method::kGet, "/{page}", {}, Named("page"));
  r.Add(Method::kGet, "/a/{x}", {}, Named("two"));
  EXPECT_EQ(Found(r, Method::kGet, "/"), "GET /");
  EXPECT_EQ(Found(r, Method::kGet, "/about"), "GET /{page}");
  EXPECT_EQ(Found(r, Method::kGet, "/a/7"), "GET /a/{x}");
  EXPECT_EQ(Found(r, Method::kGet, "/b/7"), "");
}

TEST(Router, BracesAloneAreALiteralSegment) {
  Router r;
  r.Add(Method::kGet, "/a/{}", {}, Named("braces"));
  EXPECT_EQ(Found(r, Method::kGet, "/a/{}"), "GET /a/{}");
  EXPECT_EQ(Found(r, Method::kGet, "/a/x"), "");
}

// ---------------------------------------------------------------------------------------------
// 404 (no route) and 405 (path_known)
// ---------------------------------------------------------------------------------------------

struct MatchCase {
  Method method;
  std::string path;
  std::string route;  // "" for none
  bool path_known;
};

TEST(Router, UnknownPathVersusKnownPathWithAnotherMethod) {
  const Router r = CasesRouter(true);
  const std::vector<MatchCase> cases = {
      {Method::kGet, "/api/v1/nothing", "", false},
      {Method::kGet, "/api/v1/cases/1/2", "", false},  // segment count differs
      {Method::kGet, "/api/v2/cases", "", false},
      {Method::kGet, "/API/v1/cases", "", false},  // case-sensitive
      {Method::kDelete, "/api/v1/cases", "", true},
      {Method::kPut, "/api/v1/cases/5", "", true},
      {Method::kPut, "/api/v1/cases/check", "", true},  // POST /check and GET/PATCH /{id}
      {Method::kGet, "/api/v1/cases/5/transitions/submit", "", true},
      {Method::kPost, "/api/v1/health", "", true},
      {Method::kPatch, "/api/v1/cases/5", "PATCH /api/v1/cases/{id}", true},
      {Method::kGet, "/api/v1/cases", "GET /api/v1/cases", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(MethodName(c.method)) + " " + c.path);
    auto m = r.Find(c.method, c.path);
    EXPECT_EQ(Found(r, c.method, c.path), c.route);
    if (m.route == nullptr) {
      EXPECT_EQ(m.path_known, c.path_known);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Slashes: the router splits on '/' and drops empty segments (today's behaviour, pinned)
// ---------------------------------------------------------------------------------------------

TEST(Router, TrailingSlashesAndEmptySegmentsAreIgnored) {
  const Router r = CasesRouter(true);
  for (std::string_view path : {"/api/v1/cases", "/api/v1/cases/", "/api/v1/cases//",
                                "//api//v1///cases", "api/v1/cases"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(Found(r, Method::kGet, path), "GET /api/v1/cases");
  }
  auto m = r.Find(Method::kGet, "/api/v1/cases//42/");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "42");
}

TEST(Router, RootAndEmptyPathMatchOnlyARootRoute) {
  Router r = CasesRouter(true);
  EXPECT_EQ(Found(r, Method::kGet, "/"), "");
  EXPECT_EQ(Found(r, Method::kGet, ""), "");
  r.Add(Method::kGet, "/", {}, Named("root"));
  EXPECT_EQ(Found(r, Method::kGet, "/"), "GET /");
  EXPECT_EQ(Found(r, Method::kGet, ""), "GET /");
  EXPECT_EQ(Found(r, Method::kGet, "///"), "GET /");
}

// ---------------------------------------------------------------------------------------------
// PoolOf: the I/O thread for a GET route marked Quick(), the workers for other reads and for
// what computes, the writers for the rest
// ---------------------------------------------------------------------------------------------

TEST(Router, PoolOf) {
  using Pool = Router::Pool;
  Router r = CasesRouter(true);
  EXPECT_EQ(r.PoolOf(Method::kGet, "/api/v1/cases/42"), Pool::kIoThread);
  EXPECT_EQ(r.PoolOf(Method::kGet, "/api/v1/health"), Pool::kIoThread);
  EXPECT_EQ(r.PoolOf(Method::kGet, "/api/v1/health/"), Pool::kIoThread);
  EXPECT_EQ(r.PoolOf(Method::kGet, "/api/v1/cases"), Pool::kWorkers);        // not marked
  EXPECT_EQ(r.PoolOf(Method::kGet, "/api/v1/cases/stats"), Pool::kWorkers);  // literal, not marked
  EXPECT_EQ(r.PoolOf(Method::kGet, "/api/v1/nothing"), Pool::kWorkers);      // no route
  EXPECT_EQ(r.PoolOf(Method::kPatch, "/api/v1/cases/42"), Pool::kWriters);
  EXPECT_EQ(r.PoolOf(Method::kDelete, "/api/v1/nothing"), Pool::kWorkers);  // no route

  r.Add(Method::kPost, "/x", RouteDoc{}.Quick(), Named("x"));
  EXPECT_EQ(r.PoolOf(Method::kPost, "/x"), Pool::kWriters);  // only GETs run on the I/O thread
  r.Add(Method::kPost, "/login", RouteDoc{}.Computes(), Named("login"));
  EXPECT_EQ(r.PoolOf(Method::kPost, "/login"), Pool::kWorkers);
}

// With a server database (PostgreSQL) a quick read waits for a network round trip: the
// workers take it, and nothing else changes.
TEST(Router, PoolOfWithoutQuickReadsOnTheIoThread) {
  using Pool = Router::Pool;
  Router r = CasesRouter(true);
  r.Add(Method::kPost, "/login", RouteDoc{}.Computes(), Named("login"));
  EXPECT_EQ(r.PoolOf(Method::kGet, "/api/v1/cases/42", false), Pool::kWorkers);
  EXPECT_EQ(r.PoolOf(Method::kGet, "/api/v1/health", false), Pool::kWorkers);
  EXPECT_EQ(r.PoolOf(Method::kPatch, "/api/v1/cases/42", false), Pool::kWriters);
  EXPECT_EQ(r.PoolOf(Method::kPost, "/login", false), Pool::kWorkers);
}

TEST(Router, MethodNamesRoundTrip) {
  for (Method m : {Method::kGet, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete}) {
    EXPECT_EQ(ParseMethod(MethodName(m)), m);
  }
  EXPECT_EQ(ParseMethod("get"), std::nullopt);
  EXPECT_EQ(ParseMethod("HEAD"), std::nullopt);
  EXPECT_EQ(ParseMethod(""), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// PercentDecode
// ---------------------------------------------------------------------------------------------

struct DecodeCase {
  std::string in;
  bool plus_is_space;
  std::optional<std::string> out;
};

TEST(PercentDecode, Table) {
  const std::vector<DecodeCase> cases = {
      {"", false, ""},
      {"plain", false, "plain"},
      {"a+b", true, "a b"},     // query: '+' is a space
      {"a+b", false, "a+b"},    // path: '+' is itself
      {"a%2Bb", true, "a+b"},   // an escaped '+' stays a '+'
      {"a%20b", false, "a b"},  //
      {"%41%62", false, "Ab"},  // upper- and lower-case hex
      {"%4a%4A", false, "JJ"},
      {"%E5%BC%A0", false, "\xE5\xBC\xA0"},  // 张, UTF-8 bytes as they are
      {"%e5%bc%a0%E4%B8%89", true, "张三"},
      {"%2F", false, "/"},
      {"%00", false, std::string(1, '\0')},
      {"100%", false, std::nullopt},  // truncated escapes
      {"%4", false, std::nullopt},
      {"a%", true, std::nullopt},
      {"%G1", false, std::nullopt},  // not hex
      {"%1G", false, std::nullopt},
      {"%%41", false, std::nullopt},
      {"% 1", false, std::nullopt},
      {"%-1", false, std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in + (c.plus_is_space ? " (query)" : " (path)"));
    EXPECT_EQ(PercentDecode(c.in, c.plus_is_space), c.out);
  }
}

// ---------------------------------------------------------------------------------------------
// ParseQuery
// ---------------------------------------------------------------------------------------------

struct QueryCase {
  std::string in;
  StringMap out;
};

TEST(ParseQuery, Table) {
  const std::vector<QueryCase> cases = {
      {"", {}},
      {"a=1", {{"a", "1"}}},
      {"a=1&b=2", {{"a", "1"}, {"b", "2"}}},
      {"a=1&a=2", {{"a", "2"}}},               // a repeated key: the last one wins
      {"a=", {{"a", ""}}},                     // empty value
      {"a", {{"a", ""}}},                      // no '=': empty value
      {"=1", {{"", "1"}}},                     // empty key is kept
      {"a=1=2", {{"a", "1=2"}}},               // only the first '=' splits
      {"&&a=1&&", {{"a", "1"}}},               // empty pairs are skipped
      {"q=a+b%2Bc", {{"q", "a b+c"}}},         // '+' is a space, %2B a plus
      {"n%61me=%E5%BC%A0", {{"name", "张"}}},  // keys are decoded too
      {"a=%ZZ&b=2", {{"b", "2"}}},             // a malformed pair is dropped, not the rest
      {"a%=1&b=2", {{"b", "2"}}},
      {"a=1&b=%", {{"a", "1"}}},
      {"a=1;b=2", {{"a", "1;b=2"}}},  // ';' is not a separator
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(ParseQuery(c.in), c.out);
  }
}

// ---------------------------------------------------------------------------------------------
// ParseCookies
// ---------------------------------------------------------------------------------------------

TEST(ParseCookies, Table) {
  const std::vector<QueryCase> cases = {
      {"", {}},
      {"a=1", {{"a", "1"}}},
      {"a=1; b=2", {{"a", "1"}, {"b", "2"}}},
      {"a=1;b=2", {{"a", "1"}, {"b", "2"}}},
      {"  a=1  ;   b=2  ", {{"a", "1"}, {"b", "2"}}},  // spaces around pairs trimmed
      {"a = 1", {{"a ", " 1"}}},                       // spaces around '=' kept (today's behaviour)
      {"a=\"x y\"", {{"a", "\"x y\""}}},               // quotes are not removed
      {"a=1; a=2", {{"a", "1"}}},                      // a repeated name: the first one wins
      {"a=", {{"a", ""}}},
      {"a=b=c", {{"a", "b=c"}}},
      {"noequals; =nokey; b=2", {{"b", "2"}}},  // malformed pairs skipped
      {";;; ; b=2;", {{"b", "2"}}},
      {"a=%41", {{"a", "%41"}}},  // not percent-decoded
      {"waishi_session=abc; waishi_csrf=def", {{"waishi_session", "abc"}, {"waishi_csrf", "def"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(ParseCookies(c.in), c.out);
  }
}

// ---------------------------------------------------------------------------------------------
// Dispatch: the JSON answers for no route (404) and another method (405)
// ---------------------------------------------------------------------------------------------

Response DispatchTo(const Router& r, Method method, std::string path, std::string body = "",
                    std::size_t max_body = 1024) {
  static const StaticFiles kNoFiles("");
  Request req;
  req.method = method;
  req.path = std::move(path);
  req.body = std::move(body);
  req.request_id = "test-1";
  return Dispatch(r, req, kNoFiles, max_body, false);
}

std::string HeaderOf(const Response& res, std::string_view name) {
  for (const auto& [k, v] : res.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST(Dispatch, UnknownPathIs404NotFound) {
  const Router r = CasesRouter(true);
  Response res = DispatchTo(r, Method::kGet, "/api/v1/nothing");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.content_type, "application/json; charset=utf-8");
  Json body = Json::parse(res.body);
  EXPECT_EQ(body["error"]["code"], "not_found");
  EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  EXPECT_FALSE(body["error"]["message_zh"].get<std::string>().empty());
  EXPECT_EQ(body["error"]["details"], Json::array());
  EXPECT_EQ(HeaderOf(res, "X-Request-Id"), "test-1");
  EXPECT_EQ(HeaderOf(res, "Cache-Control"), "no-store");
}

TEST(Dispatch, KnownPathWithAnotherMethodIs405) {
  const Router r = CasesRouter(true);
  for (auto [method, path] :
       std::vector<std::pair<Method, std::string>>{{Method::kDelete, "/api/v1/cases"},
                                                   {Method::kPut, "/api/v1/cases/check"},
                                                   {Method::kPost, "/api/v1/health/"}}) {
    SCOPED_TRACE(path);
    Response res = DispatchTo(r, method, path);
    EXPECT_EQ(res.status, 405);
    Json body = Json::parse(res.body);
    EXPECT_EQ(body["error"]["code"], "method_not_allowed");
    EXPECT_FALSE(body["error"]["message_zh"].get<std::string>().empty());
  }
}

TEST(Dispatch, RoutesToTheHandlerWithItsParams) {
  const Router r = CasesRouter(false);
  Response res = DispatchTo(r, Method::kPost, "/api/v1/cases/check");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(Json::parse(res.body)["route"], "check");
  res = DispatchTo(r, Method::kGet, "/api/v1/cases/9");
  EXPECT_EQ(Json::parse(res.body)["params"]["id"], "9");
}

TEST(Dispatch, WithoutStaticFilesANonApiPathIsRoutedToo) {
  const Router r = CasesRouter(true);
  Response res = DispatchTo(r, Method::kGet, "/index.html");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(Json::parse(res.body)["error"]["code"], "not_found");
  EXPECT_EQ(HeaderOf(res, "Cache-Control"), "");  // no-store only under /api/
}

TEST(Dispatch, BodyOverTheLimitIs413BeforeRouting) {
  const Router r = CasesRouter(true);
  Response res = DispatchTo(r, Method::kGet, "/api/v1/nothing", std::string(2048, 'x'), 1024);
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(Json::parse(res.body)["error"]["code"], "payload_too_large");
}

TEST(Dispatch, HandlerErrorsBecomeJson) {
  Router r;
  r.Add(Method::kGet, "/api/v1/json-error", {}, [](const Request&) -> Response {
    return Response::Json(200, Json::parse("{}").at("missing"));
  });
  r.Add(Method::kGet, "/api/v1/throws", {},
        [](const Request&) -> Response { throw std::runtime_error("boom"); });
  r.Add(Method::kGet, "/api/v1/no-param", {},
        [](const Request& req) -> Response { return Response::Json(200, Json(req.Param("id"))); });
  Response res = DispatchTo(r, Method::kGet, "/api/v1/json-error");
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(Json::parse(res.body)["error"]["code"], "bad_request");
  res = DispatchTo(r, Method::kGet, "/api/v1/throws");
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(Json::parse(res.body)["error"]["code"], "internal");
  EXPECT_EQ(res.body.find("boom"), std::string::npos);  // no internals leak
  res = DispatchTo(r, Method::kGet, "/api/v1/no-param");
  EXPECT_EQ(res.status, 500);
}

// ---------------------------------------------------------------------------------------------
// Static files: the build's output, never a hidden file nor a symbolic link
// ---------------------------------------------------------------------------------------------

TEST(StaticFiles, ServesTheBuildButNoDotfileAndNoLink) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("waishi-static-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "assets");
  fs::create_directories(dir / ".git");
  auto write = [](const fs::path& p, std::string_view text) { std::ofstream(p) << text; };
  write(dir / "index.html", "<!doctype html>");
  write(dir / "assets" / "app.js", "console.log(1)");
  write(dir / ".env", "SECRET=1");
  write(dir / ".git" / "config", "[core]");
  write(dir / "assets" / ".hidden.js", "x");
  fs::create_symlink("/etc/hostname", dir / "host.txt");
  fs::create_directory_symlink("/etc", dir / "etc");

  const StaticFiles files(dir.string());
  ASSERT_NE(files.Find("/index.html"), nullptr);
  ASSERT_NE(files.Find("/assets/app.js"), nullptr);
  EXPECT_EQ(files.Find("/assets/app.js")->body, "console.log(1)");
  // Not found, or (for a path without an extension) the app's page: never the file.
  for (const char* hidden : {"/.env", "/.git/config", "/assets/.hidden.js", "/host.txt",
                             "/etc/hostname", "/etc/passwd"}) {
    const Response* found = files.Find(hidden);
    EXPECT_TRUE(found == nullptr || found->body == "<!doctype html>") << hidden;
  }
  EXPECT_EQ(files.Find("/.env"), nullptr);
  EXPECT_EQ(files.Find("/host.txt"), nullptr);

  // The web UI's pages get the policy that lets them run; an API answer the one for data.
  Router router;
  router.Add(Method::kGet, "/api/v1/health", {}, Named("health"));
  for (const char* path : {"/", "/cases/7", "/api/v1/health", "/api/v1/nothing"}) {
    Request req;
    req.method = Method::kGet;
    req.path = path;
    const Response r = Dispatch(router, req, files, 1024, false);
    const std::string csp = HeaderOf(r, "Content-Security-Policy");
    if (std::string_view(path).starts_with("/api/")) {
      EXPECT_EQ(csp, "default-src 'none'; frame-ancestors 'none'") << path;
      EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-store") << path;
    } else {
      EXPECT_EQ(r.body, "<!doctype html>") << path;
      EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path << ": " << csp;
      EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path << ": " << csp;
    }
    EXPECT_EQ(HeaderOf(r, "X-Frame-Options"), "DENY") << path;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace waishi::http
