// The registry of partner cities (国际友城): a city checked, found among those already there
// and written, the same way for the API and for the import of a file.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/working_days.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/export/columns.h"
#include "core/http/http.h"
#include "core/http/params.h"
#include "core/json.h"

namespace waishi::network {

struct City {
  std::string name_zh, name_en, local_name;
  std::string country;   // ISO 3166-1 alpha-2
  std::string province;  // province, state or region
  double lat = 0, lon = 0;
  std::optional<long long> population;
  std::string tier;         // sister | friendly | mou
  std::string established;  // YYYY-MM-DD
  std::string status = "active";
  std::string notes;
};

// Who works the network (the office's officers and approvers) and who reads it (the auditor too).
inline const std::vector<std::string> kStaff = {"officer", "approver"};
inline const std::vector<std::string> kReaders = {"officer", "approver", "auditor"};

inline const std::vector<std::string> kTiers = {"sister", "friendly", "mou"};
inline const std::vector<std::string> kStatuses = {"active", "dormant", "ended"};

// What is wrong with the city, one error per field and rule: names, a known country,
// coordinates in range, a known tier, a real date no later than `today`.
std::vector<FieldError> Check(const City& city, calendar::Date today);

// The English name as duplicates are found by: lower case, blanks collapsed.
std::string NameKey(std::string_view name_en);

// The city already in the registry with the same country and English name, if any: its id and
// its English name as the registry spells it.
struct Same {
  long long id;
  std::string name_en;
};
std::optional<Same> FindSame(db::Session& s, const City& city);
// "{name} ({country}) is already in the registry (no. {id})", of `city` and the one there.
i18n::Text DuplicateMessage(const City& city, const Same& same);
// Every city of the registry, by (country, NameKey(name_en)): an import's duplicates found in
// one read instead of a query a line.
std::map<std::pair<std::string, std::string>, Same> Registered(db::Session& s);

// Adds the city (checked, not a duplicate); answers its id.
long long Insert(db::Session& tx, const City& city);

// Columns and their reading: the city as the API answers it, and its schema.
extern const char* const kCitySelect;  // SELECT … (the columns CityJson reads)
Json CityJson(const db::Row& r);
// The city as the API answers it; 404 when there is none.
Json CityById(db::Session& s, long long id);
Json CitySchema();

// A city as a project or an exchange names it, {"id","name_zh","name_en","country"}, read
// from the four columns from `at` on; and its schema.
Json CityRefJson(const db::Row& r, std::size_t at);
Json CityRefSchema();

// An export's column of a text kept in both languages: at `zh`, or at `en` for a caller in
// English when it is not empty.
exports::Column BilingualColumn(std::string key, std::string zh, std::string en,
                                std::string_view header_key);
// An export's column of the partner city an item names ("city": CityRefJson), by its name.
exports::Column CityColumn();

// 422 naming city_id when the registry has no such city.
void RequireCity(db::Session& s, long long id);

// The ?city_id= filter, if given; 400 invalid_query when it is not a whole number.
std::optional<long long> CityIdQuery(const http::Request& request);

// The ?NAME=YYYY filter on a date column (text, YYYY-MM-DD), if given: "COLUMN >= … AND
// COLUMN < …" with the year's bounds bound in `params`; 400 invalid_query naming NAME when it is
// not a year from 1900 to 2100.
std::optional<std::string> YearCondition(const http::Request& request, const std::string& name,
                                         const std::string& column, db::Params& params);

// A page of a list: the rows of `from_where` counted, then `select` + `from_where` + `order`
// read a page's worth, each row an item.
Json ListPage(db::Session& s, const std::string& select, const std::string& from_where,
              const std::string& order, const db::Params& params, const http::Page& page,
              const std::function<Json(const db::Row&)>& item);

}  // namespace waishi::network
