#include "safety/import.h"

#include <array>
#include <charconv>
#include <optional>

#include "core/audit/audit.h"
#include "core/clock.h"
#include "core/csv/csv.h"
#include "core/geo/countries.h"
#include "core/i18n/utf8.h"
#include "core/log.h"
#include "safety/register.h"

namespace waishi::safety {
namespace {

constexpr std::array<std::string_view, 10> kHeader = {
    "person_id", "name", "phone", "email", "country", "city", "lat", "lon", "from", "to"};
enum Column { kPersonId, kName, kPhone, kEmail, kCountry, kCity, kLat, kLon, kFrom, kTo };

// Thrown inside the write to roll the import back.
struct Refused {};

std::optional<double> Number(const std::string& text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [at, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || at != end) return std::nullopt;
  return v;
}

// A row's leg and person, or its errors added to `errors`.
class RowReader {
 public:
  explicit RowReader(ImportResult& result) : result_(result) {}

  bool Read(const csv::Record& r, Person& person, Leg& leg) {
    line_ = r.line;
    bad_ = false;
    const auto& f = r.fields;
    if (f.size() != kHeader.size()) {
      Error("", i18n::T("safety.import.columns", {{"n", std::to_string(kHeader.size())},
                                                  {"got", std::to_string(f.size())}}));
      return Finish();
    }
    person.ref = f[kPersonId];
    person.name = f[kName];
    person.phone = f[kPhone];
    person.email = f[kEmail];
    if (person.ref.empty() || person.ref.size() > 64)
      Error(kPersonId, i18n::T("safety.import.person_id"));
    if (person.name.empty() || i18n::CodePoints(person.name) > 200)
      Error(kName, i18n::T("safety.import.name"));
    if (!person.email.empty() && person.email.find('@') == std::string::npos)
      Error(kEmail, i18n::T("safety.import.email"));
    const geo::Country* country = geo::FindCountry(f[kCountry]);
    if (!country) {
      Error(kCountry, i18n::T("validation.country"));
    } else {
      leg.country = country->code;
    }
    leg.city = f[kCity];
    if (leg.city.empty() || i18n::CodePoints(leg.city) > 200)
      Error(kCity, i18n::T("safety.import.city"));
    const auto lat = Number(f[kLat]);
    const auto lon = Number(f[kLon]);
    // Written so that NaN (which from_chars reads from "nan") fails as well.
    if (!lat || !(*lat >= -90 && *lat <= 90)) Error(kLat, i18n::T("safety.latitude"));
    if (!lon || !(*lon >= -180 && *lon <= 180)) Error(kLon, i18n::T("safety.longitude"));
    leg.lat = lat.value_or(0);
    leg.lon = lon.value_or(0);
    const auto from = calendar::Date::Parse(f[kFrom]);
    const auto to = calendar::Date::Parse(f[kTo]);
    if (!from) Error(kFrom, i18n::T("validation.type.date"));
    if (!to) Error(kTo, i18n::T("validation.type.date"));
    if (from && to && *to < *from) Error(kTo, i18n::T("safety.window_order"));
    if (from) leg.from = *from;
    if (to) leg.to = *to;
    return Finish();
  }

 private:
  void Error(std::string_view column, i18n::Text message) {
    bad_ = true;
    if (result_.errors.size() < ImportResult::kMaxErrors)
      result_.errors.push_back({line_, std::string(column), std::move(message)});
  }
  void Error(Column column, i18n::Text message) { Error(kHeader[column], std::move(message)); }
  bool Finish() {
    if (bad_) ++result_.bad_rows;
    return !bad_;
  }

  ImportResult& result_;
  long long line_ = 0;
  bool bad_ = false;
};

}  // namespace

ImportResult ImportItineraries(db::Database& db, const std::filesystem::path& file,
                               const std::function<void(long long rows)>& progress) {
  ImportResult result;
  try {
    db.Write([&](db::Session& s) {
      // SQLite: the whole import is one transaction; pages it has written stay in memory
      // instead of spilling to the log and being read back (1 GiB at most, the writer's own
      // size given back after).
      std::optional<long long> cache;
      if (s.dialect() == db::Dialect::kSqlite) {
        cache = s.Int("PRAGMA cache_size");
        s.Run("PRAGMA cache_size=-1048576");
      }
      struct Restore {
        db::Session& s;
        std::optional<long long> cache;
        ~Restore() {
          if (!cache) return;
          try {
            s.Run("PRAGMA cache_size=" + std::to_string(*cache));
          } catch (const std::exception& e) {
            log::Warn(std::string("import: the page cache's size not restored: ") + e.what());
          }
        }
      } restore{s, cache};
      const std::string now = clock::NowIso();
      RowReader reader(result);
      Person person;
      person.source = "import";
      Leg leg;
      BulkRegister bulk(s, now);
      long long rows = 0;
      csv::ReadFile(file, [&](const csv::Record& r) {
        if (rows == 0) {
          ++rows;
          if (!std::equal(r.fields.begin(), r.fields.end(), kHeader.begin(), kHeader.end())) {
            result.errors.push_back({r.line, "", i18n::T("safety.import.header")});
            ++result.bad_rows;
            return false;
          }
          return true;
        }
        if (++rows % 100000 == 0 && progress) progress(rows - 1);
        if (!reader.Read(r, person, leg) || result.bad_rows > 0) return true;
        bulk.AddLeg(person, leg);
        ++result.legs;
        return true;
      });
      if (rows == 0) {
        result.errors.push_back({1, "", i18n::T("safety.import.header")});
        ++result.bad_rows;
      }
      if (result.bad_rows > 0) throw Refused{};
      bulk.Flush();
      result.people = bulk.people_added();
      // What was written, not the data (the people's names stay out of the log).
      audit::Append(s, audit::Entry{0, "waishi import itineraries", "", "safety.import",
                                    "safety_register", "",
                                    Json{{"file", file.filename().string()},
                                         {"legs", result.legs},
                                         {"people", result.people}}});
    });
  } catch (const Refused&) {
    result.legs = result.people = 0;
  } catch (const csv::Error& e) {
    result.legs = result.people = 0;
    ++result.bad_rows;
    result.errors.push_back({e.line(), "", i18n::T("safety.import.not_csv")});
  }
  return result;
}

}  // namespace waishi::safety
