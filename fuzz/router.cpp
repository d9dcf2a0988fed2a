// Fuzz target: a request line as the server reads it (core/http/restinio_server.cpp ToRequest,
// then core/http/dispatch.cpp). Input: the first byte chooses the method, the rest up to the
// first '\n' is the request target ("path?query"), what follows is a Cookie header. The path
// is percent-decoded and matched against the real route table (the core's and the travel
// module's routes, their handlers replaced by stubs), the query and cookies are parsed, and
// the request is dispatched, a non-API path to a static folder holding hidden files and
// symbolic links.
//
// Invariants asserted, beyond "no crash, no sanitizer report":
//  - PercentDecode: nullopt exactly for a '%' not followed by two hex digits; otherwise two
//    bytes shorter per escape, the text unchanged without one, and decoding a fully escaped
//    text gives it back;
//  - Router::Find: a match has the method asked, the route's literal segments, every
//    parameter of the route with a value that is not empty and holds no '/', and as many
//    literal segments as any other route that matches; no match on a path some route has with
//    another method sets path_known, and on a path no route has leaves it unset;
//  - IdParam: a positive number from digits only, else 404;
//  - ParsePage: page 1..1000000 and page_size 1..100, else 400 invalid_query;
//  - ParseQuery and ParseCookies: no more entries than separators allow; cookie names never
//    empty nor padded;
//  - Dispatch: 200 only through a route or for a static file, 404 / 405 as Find says, and a
//    static answer is the file at exactly that path or index.html, never a hidden file nor a
//    symbolic link's target.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app.h"
#include "core/error.h"
#include "core/http/dispatch.h"
#include "core/http/http.h"
#include "core/http/params.h"
#include "core/platform.h"
#include "travel/travel.h"

namespace {

namespace http = waishi::http;
using waishi::ApiError;

[[noreturn]] void Fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "invariant broken: %s\ninput (%zu bytes): %.*s\n", what, input.size(),
               static_cast<int>(input.size() < 400 ? input.size() : 400), input.data());
  std::abort();
}

constexpr std::string_view kIndex = "<!doctype html><title>index</title>";
constexpr std::string_view kScript = "console.log('app')";
constexpr std::string_view kSecret = "SECRET";  // in every file that must never be served

// The server's routes with stub handlers, and a static folder read once.
struct World {
  std::unique_ptr<waishi::db::Database> db = waishi::db::Database::Open("sqlite::memory:", 1);
  http::Router real;
  waishi::App app{*db, real};
  http::Router stubs;
  std::unique_ptr<http::StaticFiles> files;

  World() {
    waishi::platform::Core().setup(app);
    waishi::travel::Module().setup(app);
    for (const auto& route : real.routes()) {
      stubs.Add(route.method, route.pattern, route.doc, [](const http::Request&) {
        return http::Response{200, "text/plain", "stub", {}};
      });
    }
    // The build's files beside a dotfile, a hidden folder, and links out of the folder.
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / ("waishi-fuzz-" + std::to_string(getpid()));
    const fs::path dir = root / "dist", outside = root / "outside";
    fs::remove_all(root);
    fs::create_directories(dir / "assets");
    fs::create_directories(dir / ".git");
    fs::create_directories(outside);
    auto write = [](const fs::path& p, std::string_view text) { std::ofstream(p) << text; };
    write(dir / "index.html", kIndex);
    write(dir / "assets" / "app.js", kScript);
    write(dir / ".env", "SECRET=env");
    write(dir / ".git" / "config", "SECRET git");
    write(dir / "assets" / ".hidden.js", "SECRET hidden");
    write(outside / "passwd", "SECRET outside");
    fs::create_symlink(outside / "passwd", dir / "passwd");
    fs::create_directory_symlink(outside, dir / "etc");
    files = std::make_unique<http::StaticFiles>(dir.string());
    fs::remove_all(root);  // everything is in memory now
    if (files->empty()) Fail("the static folder did not load", "");
  }
};

const World& TheWorld() {
  static const World world;
  return world;
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// How many escapes `in` holds, or nullopt if one is malformed.
std::optional<std::size_t> Escapes(std::string_view in) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') continue;
    if (i + 2 >= in.size() || Hex(in[i + 1]) < 0 || Hex(in[i + 2]) < 0) return std::nullopt;
    ++n;
    i += 2;
  }
  return n;
}

std::string EscapeAll(std::string_view in) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    out += '%';
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

void CheckPercentDecode(std::string_view in, bool plus_is_space, std::string_view input) {
  const auto out = http::PercentDecode(in, plus_is_space);
  const auto escapes = Escapes(in);
  if (out.has_value() != escapes.has_value())
    Fail("PercentDecode accepts the wrong escapes", input);
  if (!out) return;
  if (out->size() != in.size() - 2 * *escapes) Fail("PercentDecode: wrong length", input);
  const bool plain = *escapes == 0 && (!plus_is_space || in.find('+') == std::string_view::npos);
  if (plain && *out != in) Fail("PercentDecode changed a text without escapes", input);
  if (http::PercentDecode(EscapeAll(*out), plus_is_space) != *out)
    Fail("PercentDecode does not undo escaping", input);
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool IsParam(std::string_view s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

// The literal segments of `route` if it matches `parts`, else -1.
int Literals(const http::Route& route, const std::vector<std::string_view>& parts) {
  if (route.segments.size() != parts.size()) return -1;
  int literals = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (IsParam(route.segments[i])) continue;
    if (route.segments[i] != parts[i]) return -1;
    ++literals;
  }
  return literals;
}

void CheckFind(const http::Router& router, http::Method method, const std::string& path,
               std::string_view input) {
  const auto match = router.Find(method, path);
  const auto parts = Segments(path);
  int best = -1;
  bool other_method = false;
  for (const auto& route : router.routes()) {
    const int literals = Literals(route, parts);
    if (literals < 0) continue;
    if (route.method == method)
      best = std::max(best, literals);
    else
      other_method = true;
  }
  if (!match.route) {
    if (best >= 0) Fail("Find missed a matching route", input);
    if (match.path_known != other_method) Fail("Find: path_known is wrong", input);
    return;
  }
  const http::Route& route = *match.route;
  if (route.method != method) Fail("Find matched another method", input);
  if (Literals(route, parts) != best) Fail("Find did not prefer literal segments", input);
  std::size_t params = 0;
  for (const auto& segment : route.segments) {
    if (!IsParam(segment)) continue;
    ++params;
    auto it = match.params.find(segment.substr(1, segment.size() - 2));
    if (it == match.params.end()) Fail("Find lost a path parameter", input);
    if (it->second.empty() || it->second.find('/') != std::string::npos)
      Fail("a path parameter is empty or holds '/'", input);
  }
  if (params != match.params.size()) Fail("Find made up a path parameter", input);

  http::Request req;
  req.params = match.params;
  for (const auto& [name, value] : match.params) {
    if (name != "id" && !name.ends_with("_id")) continue;
    try {
      if (http::IdParam(req, name) <= 0) Fail("IdParam returned a non-positive id", input);
      if (value.find_first_not_of("0123456789") != std::string::npos)
        Fail("IdParam took something other than digits", input);
    } catch (const ApiError& e) {
      if (e.status() != 404) Fail("IdParam refused with a status other than 404", input);
    }
  }
}

void CheckQuery(std::string_view query, std::string_view input) {
  const http::StringMap parsed = http::ParseQuery(query);
  if (parsed.size() > static_cast<std::size_t>(std::count(query.begin(), query.end(), '&')) + 1)
    Fail("ParseQuery: more pairs than '&' allow", input);
  http::Request req;
  req.query = parsed;
  try {
    const http::Page page = http::ParsePage(req);
    if (page.number < 1 || page.number > 1000000 || page.size < 1 || page.size > 100)
      Fail("ParsePage: out of range", input);
    if (page.Offset() < 0) Fail("ParsePage: negative offset", input);
  } catch (const ApiError& e) {
    if (e.status() != 400 || e.code() != "invalid_query") Fail("ParsePage: wrong refusal", input);
  }
}

void CheckCookies(std::string_view header, std::string_view input) {
  const http::StringMap cookies = http::ParseCookies(header);
  if (cookies.size() > static_cast<std::size_t>(std::count(header.begin(), header.end(), ';')) + 1)
    Fail("ParseCookies: more cookies than ';' allow", input);
  for (const auto& [name, value] : cookies) {
    if (name.empty() || name.front() == ' ' || name.find(';') != std::string::npos)
      Fail("ParseCookies: a bad name", input);
    if (value.find(';') != std::string::npos || (!value.empty() && value.back() == ' '))
      Fail("ParseCookies: a bad value", input);
  }
}

void CheckDispatch(const World& world, http::Method method, const std::string& path,
                   std::string_view input) {
  http::Request req;
  req.method = method;
  req.path = path;
  req.request_id = "fuzz";
  const http::Response res = http::Dispatch(world.stubs, req, *world.files, 1024, false);
  if (res.body.find(kSecret) != std::string::npos)
    Fail("a hidden or linked file was served", input);
  if (path.starts_with("/api/")) {
    const auto match = world.stubs.Find(method, path);
    const int expected = match.route ? 200 : match.path_known ? 405 : 404;
    if (res.status != expected) Fail("Dispatch: wrong status for an API path", input);
    return;
  }
  if (res.status == 200) {
    if (method != http::Method::kGet) Fail("a static file served to another method", input);
    const http::Response* file = world.files->Find(path);
    if (!file || file->body != res.body) Fail("Dispatch served what Find did not", input);
    if (res.body != kIndex && !(res.body == kScript && path == "/assets/app.js"))
      Fail("a static file served at another path", input);
  } else if (res.status != 404 && res.status != 405) {
    Fail("Dispatch: a static path answered neither 200, 404 nor 405", input);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const World& world = TheWorld();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static constexpr http::Method kMethods[] = {http::Method::kGet,    http::Method::kPost,
                                              http::Method::kPut,    http::Method::kPatch,
                                              http::Method::kDelete, http::Method::kOther};
  const http::Method method = kMethods[data[0] % std::size(kMethods)];
  std::string_view line = input.substr(1), cookie;
  if (auto nl = line.find('\n'); nl != std::string_view::npos) {
    cookie = line.substr(nl + 1);
    line = line.substr(0, nl);
  }
  const std::size_t q = line.find('?');
  const std::string_view raw_path = line.substr(0, q);
  const std::string_view query = q == std::string_view::npos ? "" : line.substr(q + 1);

  CheckPercentDecode(raw_path, false, input);
  CheckPercentDecode(query, true, input);
  // As ToRequest: a path with a malformed escape is taken as it came.
  const std::string path = http::PercentDecode(raw_path, false).value_or(std::string(raw_path));
  CheckFind(world.real, method, path, input);
  CheckQuery(query, input);
  CheckCookies(cookie, input);
  CheckDispatch(world, method, path, input);
  return 0;
}
