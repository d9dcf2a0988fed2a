// Travel agencies' tour groups (issue 11): an agency makes a group, then uploads its list —
// members, the tour leader and the itinerary — as CSV (the web turns an xlsx sheet into the
// same text). Each row is one leg of one member, under the header
//   name,phone,email,tour_leader,country,city,from,to
// (columns in any order); the rows of a member repeat their name and phone; the city is looked
// up in the gazetteer in the row's country (never typed coordinates). Every row is checked and
// every error named by row (the spreadsheet's: the header is row 1) and column. A file with
// errors imports nothing, unless the agency confirms that the good rows be taken; the list
// taken replaces the group's people and legs in the register. An agency sees only its own
// groups (another agency's answers 404); the consular desk and the auditor read them all.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/csv/csv.h"
#include "core/csv/rows.h"
#include "core/db/row.h"
#include "core/error.h"
#include "core/geo/countries.h"
#include "core/geo/places.h"
#include "core/i18n/utf8.h"
#include "safety/parts.h"
#include "safety/register.h"

namespace waishi::safety {
namespace {

// The columns of a group's list and their names in its header (in a namespace of their own, as
// the register's import has columns of the same names).
namespace list_columns {
enum Column { kName, kPhone, kEmail, kTourLeader, kCountry, kCity, kFrom, kTo, kCount };
constexpr std::string_view kHeader[kCount] = {"name",    "phone", "email", "tour_leader",
                                              "country", "city",  "from",  "to"};
}  // namespace list_columns
// A list is a group's, not a migration: a few hundred rows; the limit keeps a mistake small.
constexpr long long kMaxRows = 5000;

constexpr const char* kGroupColumns = R"(
  SELECT g.id, g.code, g.title, g.org_id, o.name_zh, o.name_en, g.created_at, g.list_at,
    (SELECT COUNT(*) FROM safety_group_people gp WHERE gp.group_id = g.id),
    (SELECT COUNT(*) FROM safety_group_people gp JOIN safety_legs l ON l.person_id = gp.person_id
     WHERE gp.group_id = g.id),
    (SELECT MIN(l.from_day) FROM safety_group_people gp
     JOIN safety_legs l ON l.person_id = gp.person_id WHERE gp.group_id = g.id),
    (SELECT MAX(l.to_day) FROM safety_group_people gp
     JOIN safety_legs l ON l.person_id = gp.person_id WHERE gp.group_id = g.id),
    (SELECT p.name FROM safety_group_people gp JOIN safety_people p ON p.id = gp.person_id
     WHERE gp.group_id = g.id AND gp.tour_leader = 1),
    (SELECT p.phone FROM safety_group_people gp JOIN safety_people p ON p.id = gp.person_id
     WHERE gp.group_id = g.id AND gp.tour_leader = 1)
  FROM safety_groups g JOIN organizations o ON o.id = g.org_id)";
constexpr const char* kMembers = R"(
  SELECT p.id, p.name, p.phone, p.email, gp.tour_leader
  FROM safety_group_people gp JOIN safety_people p ON p.id = gp.person_id
  WHERE gp.group_id = :g ORDER BY gp.tour_leader DESC, p.id)";
constexpr const char* kInsertGroup = R"(
  INSERT INTO safety_groups (org_id, code, title, created_by, created_at)
  VALUES (:org, :code, :title, :by, :at))";
constexpr const char* kCodeTaken =
    "SELECT COUNT(*) FROM safety_groups WHERE org_id = :org AND code = :code";
constexpr const char* kGroupOwner = "SELECT org_id, code, title FROM safety_groups WHERE id = :id";
constexpr const char* kGroupPeople =
    "SELECT person_id FROM safety_group_people WHERE group_id = :g";
constexpr const char* kLinkMember = R"(
  INSERT INTO safety_group_people (group_id, person_id, tour_leader) VALUES (:g, :p, :lead))";
constexpr const char* kListTaken =
    "UPDATE safety_groups SET list_at = :at, list_by = :by WHERE id = :id";

// Who reads groups: the agency (its own), the consular desk, the auditor.
const std::vector<std::string> kGroupReaders = {"agency", "officer", "approver", "auditor"};

bool ReadsAll(const auth::Principal& who) { return who.WorksDesk(kDesk) || who.ReadsEverything(); }

// The group's owner, or 404 for a caller who may not see it (another agency's group is as
// unknown as none); 403 for office staff who are not on the desk.
long long RequireGroup(db::Session& s, const auth::Principal& who, long long id) {
  std::optional<long long> org;
  s.Query(kGroupOwner, {{"id", id}}, [&](const db::Row& r) { org = db::Int(r, 0); });
  if (who.Has("agency")) {
    if (!org || *org != who.org_id) throw ApiError::NotFound();
    return *org;
  }
  if (!ReadsAll(who)) throw ApiError::Forbidden();
  if (!org) throw ApiError::NotFound();
  return *org;
}

Json DayOrNull(const db::Row& r, int column) {
  const auto day = db::OptInt(r, column);
  if (!day) return nullptr;
  return calendar::Date::FromDays(static_cast<int>(*day)).ToString();
}

Json GroupJson(const db::Row& r) {
  const auto leader = db::OptText(r, 12);
  return Json{
      {"id", db::Int(r, 0)},
      {"code", db::Text(r, 1)},
      {"title", db::Text(r, 2)},
      {"agency", {{"id", db::Int(r, 3)}, {"name_zh", db::Text(r, 4)}, {"name_en", db::Text(r, 5)}}},
      {"created_at", db::Text(r, 6)},
      {"list_at", db::AnyCol(r, 7)},
      {"people", db::Int(r, 8)},
      {"legs", db::Int(r, 9)},
      {"first_day", DayOrNull(r, 10)},
      {"last_day", DayOrNull(r, 11)},
      {"tour_leader",
       leader ? Json{{"name", *leader}, {"phone", db::Text(r, 13)}} : Json(nullptr)}};
}

Json ReadGroup(db::Session& s, long long id) {
  Json group;
  s.Query(std::string(kGroupColumns) + " WHERE g.id = :id", {{"id", id}},
          [&](const db::Row& r) { group = GroupJson(r); });
  return group;
}

Json GroupSchema() {
  const Json text = {{"type", "string"}};
  const Json count = {{"type", "integer"}};
  const Json day = {{"type", "string"}, {"format", "date"}, {"nullable", true}};
  return Json{{"type", "object"},
              {"required",
               {"id", "code", "title", "agency", "created_at", "list_at", "people", "legs",
                "first_day", "last_day", "tour_leader"}},
              {"properties",
               {{"id", count},
                {"code", text},
                {"title", text},
                {"agency",
                 {{"type", "object"},
                  {"required", {"id", "name_zh", "name_en"}},
                  {"properties", {{"id", count}, {"name_zh", text}, {"name_en", text}}}}},
                {"created_at", text},
                {"list_at",
                 {{"type", "string"},
                  {"nullable", true},
                  {"description", "when the current list was taken; null before the first"}}},
                {"people", count},
                {"legs", count},
                {"first_day", day},
                {"last_day", day},
                {"tour_leader",
                 {{"type", "object"},
                  {"nullable", true},
                  {"required", {"name", "phone"}},
                  {"properties", {{"name", text}, {"phone", text}}}}}}}};
}

Json GroupDetailSchema() {
  const Json text = {{"type", "string"}};
  Json schema = GroupSchema();
  schema["required"].push_back("members");
  schema["properties"]["members"] = {
      {"type", "array"},
      {"items",
       {{"type", "object"},
        {"required", {"name", "phone", "email", "tour_leader", "legs"}},
        {"properties",
         {{"name", text},
          {"phone", text},
          {"email", text},
          {"tour_leader", {{"type", "boolean"}}},
          {"legs", LegsSchema()}}}}}};
  return schema;
}

Json UploadResultSchema() {
  const Json count = {{"type", "integer"}};
  return Json{
      {"type", "object"},
      {"required", {"rows", "imported_rows", "people", "legs", "skipped", "group"}},
      {"properties",
       {{"rows", {{"type", "integer"}, {"description", "the file's rows below the header"}}},
        {"imported_rows", count},
        {"people", count},
        {"legs", count},
        {"skipped",
         {{"type", "array"},
          {"description", "the rows left out (confirmed): each error, as a 422 names them"},
          {"items",
           {{"type", "object"},
            {"required", {"field", "rule", "message", "message_zh", "row", "column"}},
            {"properties",
             {{"field", {{"type", "string"}}},
              {"rule", {{"type", "string"}}},
              {"message", {{"type", "string"}}},
              {"message_zh", {{"type", "string"}}},
              {"row", count},
              {"column", {{"type", "string"}}}}}}}}},
        {"group", http::Ref("SafetyGroup")}}}};
}

// ---------------------------------------------------------------------------------------------
// Reading a list

struct Member {
  std::string name, phone, email;
  bool tour_leader = false;
  std::vector<Leg> legs;
  std::vector<long long> rows;  // the file's rows of this member
};

struct ListReading {
  long long rows = 0;  // below the header
  std::set<long long> bad_rows;
  std::vector<FieldError> errors;
  std::vector<Member> members;  // in the order they first appear, good legs only
};

std::string Trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// A phone number as people write it: digits, with an optional + first and spaces, dashes or
// parentheses between; 5 to 20 digits.
bool IsPhone(std::string_view phone) {
  int digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || (c == '+' && i == 0))) {
      return false;
    }
  }
  return digits >= 5 && digits <= 20;
}

std::optional<bool> TourLeader(const std::string& text) {
  const std::string v = i18n::LowerAscii(text);
  if (v.empty() || v == "0" || v == "no" || v == "n" || v == "false" || v == "否") return false;
  if (v == "1" || v == "yes" || v == "y" || v == "true" || v == "是") return true;
  return std::nullopt;
}

ListReading ReadList(db::Session& s, std::string_view text) {
  using namespace list_columns;
  ListReading list;
  std::array<int, kCount> at{};  // the file's column of each of ours
  std::size_t width = 0;
  bool header_ok = false;
  std::map<std::pair<std::string, std::string>, std::optional<geo::Place>> places;
  std::map<std::pair<std::string, std::string>, std::size_t> member_of;  // (name, phone) → index
  long long line_count = 0;
  try {
    csv::ReadText(text, [&](const csv::Record& r) {
      // The file's line a row begins on: the spreadsheet's row, as the header is row 1 and a
      // blank line keeps its number.
      const long long row = r.line;
      if (++line_count == 1) {
        at.fill(-1);
        width = r.fields.size();
        std::vector<FieldError> header;
        for (std::size_t i = 0; i < r.fields.size(); ++i) {
          const std::string name = i18n::LowerAscii(Trimmed(r.fields[i]));
          const auto known = std::find(std::begin(kHeader), std::end(kHeader), name);
          if (known == std::end(kHeader) || at[known - std::begin(kHeader)] >= 0) {
            header.push_back(csv::At(row, name, "safety.group.column",
                                     i18n::T("safety.group.column", {{"name", name}})));
          } else {
            at[known - std::begin(kHeader)] = static_cast<int>(i);
          }
        }
        for (int c = 0; c < kCount; ++c) {
          if (at[c] < 0)
            header.push_back(
                csv::At(row, kHeader[c], "safety.group.header", i18n::T("safety.group.header")));
        }
        list.errors = std::move(header);
        header_ok = list.errors.empty();
        return header_ok;
      }
      ++list.rows;
      if (list.rows > kMaxRows) return false;
      auto bad = [&](Column c, std::string rule, const i18n::Text& what) {
        list.bad_rows.insert(row);
        list.errors.push_back(csv::At(row, kHeader[c], std::move(rule), what));
      };
      if (r.fields.size() != width) {
        list.bad_rows.insert(row);
        list.errors.push_back(csv::At(
            row, "", "safety.group.columns",
            i18n::T("safety.import.columns",
                    {{"n", std::to_string(width)}, {"got", std::to_string(r.fields.size())}})));
        return true;
      }
      auto field = [&](Column c) { return Trimmed(r.fields[at[c]]); };
      Member m;
      m.name = field(kName);
      m.phone = field(kPhone);
      m.email = field(kEmail);
      if (m.name.empty() || i18n::CodePoints(m.name) > 200)
        bad(kName, "required", i18n::T("safety.import.name"));
      if (!IsPhone(m.phone)) bad(kPhone, "safety.group.phone", i18n::T("safety.group.phone"));
      if (!m.email.empty() &&
          (m.email.find('@') == std::string::npos || i18n::CodePoints(m.email) > 200))
        bad(kEmail, "format.email", i18n::T("safety.import.email"));
      const auto leader = TourLeader(field(kTourLeader));
      if (!leader)
        bad(kTourLeader, "safety.group.tour_leader", i18n::T("safety.group.tour_leader"));
      std::string code = field(kCountry);
      for (char& c : code) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
      const geo::Country* country = geo::FindCountry(code);
      if (!country) bad(kCountry, "validation.country", i18n::T("validation.country"));
      const std::string city = field(kCity);
      std::optional<geo::Place> place;
      if (city.empty()) {
        bad(kCity, "required", i18n::T("safety.import.city"));
      } else if (country) {
        const auto key = std::make_pair(std::string(country->code), city);
        auto found = places.find(key);
        if (found == places.end())
          found = places.emplace(key, geo::PlaceNamed(s, country->code, city)).first;
        place = found->second;
        if (!place)
          bad(kCity, "safety.unknown_city",
              i18n::T("safety.unknown_city",
                      {{"city", city}, {"country", std::string(country->code)}}));
      }
      const auto from = calendar::Date::Parse(field(kFrom));
      const auto to = calendar::Date::Parse(field(kTo));
      if (!from) bad(kFrom, "format.date", i18n::T("validation.type.date"));
      if (!to) bad(kTo, "format.date", i18n::T("validation.type.date"));
      if (from && to && *to < *from)
        bad(kTo, "safety.window_order", i18n::T("safety.window_order"));
      if (list.bad_rows.count(row)) return true;
      const auto key = std::make_pair(m.name, m.phone);
      auto [it, added] = member_of.emplace(key, list.members.size());
      if (added) {
        m.tour_leader = *leader;
        list.members.push_back(std::move(m));
      }
      Member& member = list.members[it->second];
      member.tour_leader = member.tour_leader || *leader;
      if (member.email.empty()) member.email = field(kEmail);
      member.rows.push_back(row);
      member.legs.push_back(
          Leg{place->country, place->name_en, place->lat, place->lon, *from, *to});
      return true;
    });
  } catch (const csv::Error& e) {
    list.errors.push_back(
        csv::At(e.line(), "", "safety.import.not_csv", i18n::T("safety.import.not_csv")));
    header_ok = false;
  }
  if (line_count == 0) {
    list.errors.push_back(csv::At(1, "", "safety.group.header", i18n::T("safety.group.header")));
  } else if (list.rows > kMaxRows) {
    list.errors = {
        csv::At(kMaxRows + 2, "", "safety.group.too_many_rows",
                i18n::T("safety.group.too_many_rows", {{"max", std::to_string(kMaxRows)}}))};
    header_ok = false;
  } else if (header_ok && list.rows == 0) {
    list.errors.push_back(csv::At(2, "", "safety.group.empty", i18n::T("safety.group.empty")));
  }
  if (!header_ok) list.members.clear();
  // One tour leader: a second one's rows are errors; none at all is the file's error.
  if (header_ok) {
    int leaders = 0;
    for (Member& m : list.members) {
      if (!m.tour_leader || ++leaders == 1) continue;
      for (long long row : m.rows) {
        list.bad_rows.insert(row);
        list.errors.push_back(csv::At(row, kHeader[kTourLeader], "safety.group.one_leader",
                                      i18n::T("safety.group.one_leader")));
      }
      m.legs.clear();
    }
    std::erase_if(list.members, [](const Member& m) { return m.legs.empty(); });
    if (leaders == 0 && list.rows > 0) {
      list.errors.push_back(csv::At(1, kHeader[kTourLeader], "safety.group.no_leader",
                                    i18n::T("safety.group.no_leader")));
    }
  }
  std::stable_sort(list.errors.begin(), list.errors.end(),
                   [](const FieldError& a, const FieldError& b) {
                     return a.extra["row"].get<long long>() < b.extra["row"].get<long long>();
                   });
  return list;
}

// Whether the list's errors are all of rows the agency may leave out (not of the header or
// the file as a whole).
bool OnlyRowErrors(const ListReading& list) {
  for (const FieldError& e : list.errors) {
    if (!list.bad_rows.count(e.extra["row"].get<long long>())) return false;
  }
  return true;
}

}  // namespace

long long CreateGroup(db::Session& tx, long long org_id, const std::string& code,
                      const std::string& title, long long by) {
  return tx.Insert(
      kInsertGroup,
      {{"org", org_id}, {"code", code}, {"title", title}, {"by", by}, {"at", clock::NowIso()}});
}

void LinkMember(db::Session& tx, long long group_id, long long person_id, bool tour_leader) {
  tx.Exec(kLinkMember, {{"g", group_id}, {"p", person_id}, {"lead", tour_leader ? 1 : 0}});
}

void RegisterGroupRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "safety");
  api.Component("SafetyGroup", GroupSchema());

  api.Get("/api/v1/safety/groups",
          http::Doc("listTourGroups",
                    "Tour groups, newest first: an agency's own; every agency's for the consular "
                    "desk and the auditor")
              .Roles(kGroupReaders)
              .Returns(http::ItemsOf(http::Ref("SafetyGroup"))),
          [&db](const auth::Call& call) {
            const auto& who = call.who();
            const bool agency = who.Has("agency");
            if (!agency && !ReadsAll(who)) throw ApiError::Forbidden();
            return db.Read([&](db::Session& s) {
              Json items = Json::array();
              const auto add = [&](const db::Row& r) { items.push_back(GroupJson(r)); };
              if (agency) {
                s.Query(std::string(kGroupColumns) + " WHERE g.org_id = :org ORDER BY g.id DESC",
                        {{"org", who.org_id}}, add);
              } else {
                s.Query(std::string(kGroupColumns) + " ORDER BY g.id DESC", {}, add);
              }
              return auth::Reply({{"items", std::move(items)}});
            });
          });

  api.Post(
      "/api/v1/safety/groups",
      http::Doc("createTourGroup", "An agency registers a tour group; its list comes next")
          .Roles({"agency"})
          .Body({{"type", "object"},
                 {"additionalProperties", false},
                 {"required", {"code", "title"}},
                 {"properties",
                  {{"code",
                    {{"type", "string"},
                     {"minLength", 1},
                     {"maxLength", 32},
                     {"pattern", "^[A-Za-z0-9][A-Za-z0-9._-]*$"},
                     {"description", "the agency's own code of the tour, e.g. ES2612"}}},
                   {"title", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}}}}}})
          .Returns(http::Ref("SafetyGroup"), 201)
          .Errors({"409"}),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        const std::string code = call.body()["code"];
        const std::string title = Trimmed(call.body()["title"].get<std::string>());
        if (title.empty()) {
          throw ApiError::Unprocessable({{"title", "required", i18n::T("validation.required")}});
        }
        return db.Write([&](db::Session& tx) {
          if (tx.Int(kCodeTaken, {{"org", who.org_id}, {"code", code}}).value_or(0) > 0) {
            throw ApiError::Conflict("safety.group_code_taken",
                                     i18n::T("safety.group_code_taken", {{"code", code}}));
          }
          const long long id = CreateGroup(tx, who.org_id, code, title, who.user_id);
          audit::Append(tx, audit::By(who, "safety.group.create", "safety_group",
                                      std::to_string(id), {{"code", code}}));
          return auth::Reply(ReadGroup(tx, id), 201);
        });
      });

  api.Get("/api/v1/safety/groups/{id}",
          http::Doc("getTourGroup",
                    "A tour group with its members and their legs (the read is audited)")
              .Roles(kGroupReaders)
              .Returns(GroupDetailSchema()),
          [&db](const auth::Call& call) {
            const auto& who = call.who();
            const long long id = call.Id();
            Json group = db.Read([&](db::Session& s) {
              RequireGroup(s, who, id);
              Json g = ReadGroup(s, id);
              Json members = Json::array();
              std::vector<long long> ids;
              s.Query(kMembers, {{"g", id}}, [&](const db::Row& r) {
                ids.push_back(db::Int(r, 0));
                members.push_back({{"name", db::Text(r, 1)},
                                   {"phone", db::Text(r, 2)},
                                   {"email", db::Text(r, 3)},
                                   {"tour_leader", db::Int(r, 4) == 1},
                                   {"legs", Json::array()}});
              });

              for (std::size_t i = 0; i < ids.size(); ++i) members[i]["legs"] = LegsJson(s, ids[i]);
              g["members"] = std::move(members);
              return g;
            });
            audit::AppendDetached(
                db, audit::By(who, "safety.group.read", "safety_group", std::to_string(id),
                              {{"people", group["members"].size()}}));
            return auth::Reply(std::move(group));
          });

  api.Post(
      "/api/v1/safety/groups/{id}/list",
      http::Doc("uploadTourGroupList",
                "An agency uploads its group's list (CSV text; the web sends an xlsx sheet as "
                "the same text): every row checked, errors named by row and column; a file with "
                "errors imports nothing unless import_good_rows confirms the rest; the list "
                "taken replaces the group's people and legs in the register")
          .Roles({"agency"})
          .Body(
              {{"type", "object"},
               {"additionalProperties", false},
               {"required", {"csv"}},
               {"properties",
                {{"csv",
                  {{"type", "string"},
                   {"maxLength", 2000000},
                   {"description",
                    "UTF-8 CSV, header name,phone,email,tour_leader,country,city,from,to "
                    "(any order), one leg of one member per row"}}},
                 {"file_name", {{"type", "string"}, {"maxLength", 255}}},
                 {"import_good_rows",
                  {{"type", "boolean"},
                   {"description",
                    "take the rows without errors from a file that has some (default false)"}}}}}})
          .Returns(UploadResultSchema()),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        const long long id = call.Id();
        const Json& body = call.body();
        const bool good_rows = body.value("import_good_rows", false);
        ListReading list = db.Read([&](db::Session& s) {
          RequireGroup(s, who, id);
          return ReadList(s, body["csv"].get<std::string>());
        });
        if (!list.errors.empty() && (!good_rows || !OnlyRowErrors(list) || list.members.empty())) {
          throw ApiError::Unprocessable(std::move(list.errors));
        }
        return db.Write([&](db::Session& tx) {
          RequireGroup(tx, who, id);
          std::string code, title;
          tx.Query(kGroupOwner, {{"id", id}}, [&](const db::Row& r) {
            code = db::Text(r, 1);
            title = db::Text(r, 2);
          });
          std::vector<long long> before;
          tx.Query(kGroupPeople, {{"g", id}},
                   [&](const db::Row& r) { before.push_back(db::Int(r, 0)); });
          RemovePeople(tx, before);
          const std::string now = clock::NowIso();
          long long legs = 0, rows = 0;
          for (std::size_t i = 0; i < list.members.size(); ++i) {
            const Member& m = list.members[i];
            const Person person{
                "agency", "group/" + std::to_string(id) + "/" + std::to_string(i + 1),
                m.name,   m.phone,
                m.email,  title + " " + code,
                0};
            const long long person_id = PersonId(tx, person, now);
            for (const Leg& leg : m.legs) AddLeg(tx, person_id, leg);
            LinkMember(tx, id, person_id, m.tour_leader);
            legs += static_cast<long long>(m.legs.size());
            rows += static_cast<long long>(m.rows.size());
          }
          tx.Exec(kListTaken, {{"at", now}, {"by", who.user_id}, {"id", id}});
          audit::Append(tx, audit::By(who, "safety.group.list", "safety_group", std::to_string(id),
                                      {{"file", body.value("file_name", "")},
                                       {"rows", list.rows},
                                       {"skipped_rows", list.bad_rows.size()},
                                       {"people", list.members.size()},
                                       {"legs", legs},
                                       {"replaced_people", before.size()}}));
          Json skipped = Json::array();
          for (const FieldError& e : list.errors) skipped.push_back(e.ToJson());
          return auth::Reply({{"rows", list.rows},
                              {"imported_rows", rows},
                              {"people", list.members.size()},
                              {"legs", legs},
                              {"skipped", std::move(skipped)},
                              {"group", ReadGroup(tx, id)}});
        });
      });
}

}  // namespace waishi::safety
