// `waishi import itineraries --db URL FILE.csv`: people abroad and their legs in bulk (a
// migration from another system, a test load). UTF-8 CSV with the header
//   person_id,name,phone,email,country,city,lat,lon,from,to
// one leg per row; the rows of one person share person_id (the register's ref of source
// 'import': a later import adds legs to the same person). Dates YYYY-MM-DD, local and
// inclusive. All or nothing: a file with any bad row imports nothing, and the bad rows are
// named by line and column.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/i18n/text.h"

namespace waishi::safety {

struct RowError {
  long long line = 0;
  std::string column;  // as in the header; "" for the row as a whole
  i18n::Text message;
};

struct ImportResult {
  long long legs = 0;    // written (0 when refused)
  long long people = 0;  // added to the register (a person_id it knew already is not)
  long long bad_rows = 0;
  std::vector<RowError> errors;  // the first kMaxErrors
  static constexpr std::size_t kMaxErrors = 100;
};

// Reads and writes in one transaction, rolled back when any row is bad. `progress` is called
// every 100,000 rows with the rows read so far.
ImportResult ImportItineraries(db::Database& db, const std::filesystem::path& file,
                               const std::function<void(long long rows)>& progress);

}  // namespace waishi::safety
