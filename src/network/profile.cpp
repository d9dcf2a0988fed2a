// The one-page profile of a partner city for a leader's meeting (PDF, both languages): its
// basics and notes, the relation's dates, its projects, its latest exchanges, its contacts.
#include "network/profile.h"

#include <cstdio>
#include <mutex>
#include <optional>
#include <utility>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/db/row.h"
#include "core/documents/documents.h"
#include "core/geo/countries.h"
#include "core/geo/land.h"
#include "core/http/params.h"
#include "core/log.h"
#include "network/cities.h"
#include "network/contacts.h"

namespace waishi::network {
namespace {

constexpr const char* kProjects = R"(
  SELECT field, direction, title_zh, title_en, started, status FROM network_projects
  WHERE city_id = :id ORDER BY started IS NULL, started DESC, id DESC LIMIT 4)";
constexpr const char* kExchanges = R"(
  SELECT starts_on, kind, leader, people, purpose_zh, purpose_en FROM network_exchanges
  WHERE city_id = :id ORDER BY starts_on DESC, id DESC LIMIT 3)";

using documents::Paragraph;

// "中文 English" of a catalogue key.
std::string Both(const std::string& key, const i18n::Args& args = {}) {
  const i18n::Text t = i18n::T(key, args);
  return t.zh + " " + t.en;
}

std::string Header(const std::string& key) {
  const i18n::Text t = i18n::T(key);
  return t.zh + "\n" + t.en;
}

Paragraph Heading(const std::string& key) {
  return Paragraph{Both(key), Paragraph::Style::kHeading, Paragraph::Align::kLeft};
}

// 1190000 → "1,190,000".
std::string Thousands(long long n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Coordinates(double lat, double lon) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f°%c %.3f°%c", lat < 0 ? -lat : lat, lat < 0 ? 'S' : 'N',
                lon < 0 ? -lon : lon, lon < 0 ? 'W' : 'E');
  return text;
}

// Lines of small text, set closer than a paragraph's so that the page holds the map.
Paragraph Line(std::string text) {
  return Paragraph{std::move(text), Paragraph::Style::kSmall, Paragraph::Align::kLeft, 1.25};
}

// The table, or "none yet" in its place when it has no rows.
documents::Block TableOrNone(documents::Table table) {
  if (table.rows.empty()) return Line(Both("network.profile.none"));
  return table;
}

// The map: a band of 7° of latitude (780 km) around the city, 45° of longitude wide at
// Aachen, at about 1:20,000,000; the frame as high as leaves the fullest demo profile
// (Aachen's: two contacts, two projects, three exchanges) one page, with a little to spare.
constexpr double kMapHeightMm = 38;
constexpr double kMapSpan = 7;  // degrees of latitude

// The land around the city with the city marked; nullopt when no land is loaded (`waishi places
// load` without its land file), which the log says once.
std::optional<documents::Map> CityMap(db::Session& s, const Json& city) {
  documents::Map map;
  map.height_mm = kMapHeightMm;
  map.span = kMapSpan;
  map.centre = {city["lon"].get<double>(), city["lat"].get<double>()};
  map.land = geo::LandIn(s, documents::MapBox(map));
  if (map.land.empty() && !geo::HasLand(s)) {
    static std::once_flag said;
    std::call_once(said, [] {
      log::Warn(
          "network: no land outlines are loaded (waishi places load with its land.csv): the "
          "partner cities' profiles are printed without their map");
    });
    return std::nullopt;
  }
  // The city's coordinates under its name: the map says where it is, the basics need not.
  map.markers.push_back({map.centre, city["name_zh"].get<std::string>() + " " +
                                         city["name_en"].get<std::string>() + "\n" +
                                         Coordinates(map.centre.lat, map.centre.lon)});
  return map;
}

documents::Content Profile(db::Session& s, long long id) {
  const Json city = CityById(s, id);
  const i18n::Text office = i18n::T("office.name");
  const i18n::Text country = geo::CountryName(city["country"].get<std::string>());
  const i18n::Text since = documents::DateText(city["established"].get<std::string>());

  // A briefing, not a letter: no letterhead, the office named in the line that dates it, so
  // that the page holds the rest.
  documents::Content c;
  c.title = i18n::T("network.profile.title", {{"name", city["name_zh"].get<std::string>()}}).zh +
            "\n" +
            i18n::T("network.profile.title", {{"name", city["name_en"].get<std::string>()}}).en;

  // Two facts a row, label beside value, so that the page holds the rest.
  const i18n::Text today = documents::DateText(calendar::Date::TodayInChina().ToString());
  const i18n::Text prepared_zh = i18n::T("network.profile.prepared", {{"date", today.zh}});
  const i18n::Text prepared_en = i18n::T("network.profile.prepared", {{"date", today.en}});
  c.body.push_back(
      Paragraph{office.zh + " · " + prepared_zh.zh + "\n" + office.en + " · " + prepared_en.en,
                Paragraph::Style::kSmall, Paragraph::Align::kCenter, 1.25});
  // The tier and the status in one fact, the relation, so that the basics take three rows and
  // the page holds the map; the coordinates are the map's, or a fact when there is no map.
  std::optional<documents::Map> map = CityMap(s, city);
  documents::Table basics;
  basics.widths = {0.15, 0.35, 0.15, 0.35};
  std::vector<std::string> cells;
  auto fact = [&](const std::string& key, std::string value) {
    cells.push_back(Header(key));
    cells.push_back(std::move(value));
    if (cells.size() == 4) basics.rows.push_back(std::exchange(cells, {}));
  };
  fact("network.col.local_name", city["local_name"].get<std::string>());
  fact("network.col.population",
       city["population"].is_number() ? Thousands(city["population"].get<long long>()) : "");
  fact("network.col.country",
       country.zh + " " + country.en + " · " + city["province"].get<std::string>() + " · " +
           Both("network.continent." + city["continent"].get<std::string>()));
  fact("network.col.established", since.zh + "\n" + since.en);
  fact("network.profile.relation", Both("network.tier." + city["tier"].get<std::string>()) + " · " +
                                       Both("network.status." + city["status"].get<std::string>()));
  fact("network.profile.notes", city["notes"].get<std::string>());
  if (!map)
    fact("network.profile.place",
         Coordinates(city["lat"].get<double>(), city["lon"].get<double>()));
  if (!cells.empty()) {
    cells.resize(4);
    basics.rows.push_back(std::move(cells));
  }
  c.body.push_back(basics);
  if (map) c.body.push_back(std::move(*map));

  // The people to meet, a line each: name · office, organization · e-mail · phone. The lines
  // make one paragraph, without the space between paragraphs, so that the page holds the map.
  c.body.push_back(Heading("network.profile.contacts"));
  std::string people;
  for (const Json& k : ContactsOf(s, id)) {
    if (!people.empty()) people += '\n';
    people += k["name"].get<std::string>() + " · " + k["role"].get<std::string>();
    for (const char* part : {"organization", "email", "phone"}) {
      const std::string value = k[part].get<std::string>();
      if (!value.empty()) people += (std::string(part) == "organization" ? ", " : " · ") + value;
    }
  }
  c.body.push_back(Line(people.empty() ? Both("network.profile.none") : std::move(people)));

  c.body.push_back(Heading("network.profile.projects"));
  documents::Table projects;
  // One line for the header, a line a language where it is short (field, direction), so that
  // the page holds more.
  projects.header = {Both("network.profile.started"), Both("network.profile.field"),
                     Both("network.profile.project"), Both("network.col.status")};
  projects.widths = {0.16, 0.22, 0.46, 0.16};
  s.Query(kProjects, {{"id", id}}, [&](const db::Row& r) {
    projects.rows.push_back({db::AnyCol(r, 4).is_string() ? db::Text(r, 4) : "",
                             Both("network.field." + db::Text(r, 0)) + "\n" +
                                 Both("network.direction." + db::Text(r, 1)),
                             db::Text(r, 2) + "\n" + db::Text(r, 3),
                             Header("network.project_status." + db::Text(r, 5))});
  });
  c.body.push_back(TableOrNone(std::move(projects)));

  // The latest exchanges, a line each like the contacts, in one paragraph: date · kind ·
  // leader, people · purpose.
  c.body.push_back(Heading("network.profile.exchanges"));
  std::string exchanges;
  s.Query(kExchanges, {{"id", id}}, [&](const db::Row& r) {
    const std::string leader = db::Text(r, 2);
    if (!exchanges.empty()) exchanges += '\n';
    exchanges += db::Text(r, 0) + " · " + Both("network.exchange_kind." + db::Text(r, 1)) + " · " +
                 (leader.empty() ? "" : leader + ", ") +
                 Both("network.profile.people", {{"n", std::to_string(db::Int(r, 3))}}) + " · " +
                 db::Text(r, 4) + " " + db::Text(r, 5);
  });
  c.body.push_back(Line(exchanges.empty() ? Both("network.profile.none") : std::move(exchanges)));

  return c;
}

}  // namespace

void RegisterProfileRoute(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "network");
  http::RouteDoc doc = http::Doc("partnerCityProfile",
                                 "The city's one-page profile for a meeting (PDF, both languages)")
                           .Roles(kReaders)
                           .ReturnsFile();
  doc.response_content_type = "application/pdf";
  api.Get("/api/v1/network/cities/{id}/profile.pdf", std::move(doc), [&db](const auth::Call& call) {
    const long long id = call.Id();
    const documents::Content content = db.Read([&](db::Session& s) { return Profile(s, id); });
    audit::AppendDetached(
        db, audit::By(call.who(), "network.city.profile", "network_city", std::to_string(id)));
    http::Response r{200, "application/pdf", documents::Render(content), {}};
    const std::string name = "partner-city-" + std::to_string(id) + ".pdf";
    r.headers.emplace_back("Content-Disposition", http::AttachmentDisposition(name, name));
    return r;
  });
}

}  // namespace waishi::network
