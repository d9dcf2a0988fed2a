#include "safety/import.h"

#include <array>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "core/audit/audit.h"
#include "core/clock.h"
#include "core/csv/csv.h"
#include "core/csv/rows.h"
#include "core/geo/countries.h"
#include "core/i18n/utf8.h"
#include "core/log.h"
#include "safety/register.h"

namespace waishi::safety {
namespace {

// Thrown inside the write to roll the import back.
struct Refused {};

// A row's leg and person, or its errors added to `errors`.
class RowReader {
 public:
  // The import's columns and their names in its header (members, as a tour group's list has
  // columns of the same names).
  static constexpr std::array<std::string_view, 10> kHeader = {
      "person_id", "name", "phone", "email", "country", "city", "lat", "lon", "from", "to"};
  enum Column { kPersonId, kName, kPhone, kEmail, kCountry, kCity, kLat, kLon, kFrom, kTo };

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
    const auto lat = csv::Number(f[kLat]);
    const auto lon = csv::Number(f[kLon]);
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

// ---------------------------------------------------------------------------------------------
// Reading on a thread of its own
// ---------------------------------------------------------------------------------------------

// A run of rows read and checked, handed from the reading thread to the writing one.
struct Batch {
  std::vector<std::pair<Person, Leg>> rows;  // the good ones, while no row was bad
  long long read = 0;                        // rows read so far, the header not counted
  bool last = false;
  std::exception_ptr error;  // what stopped the reading (a file that is not CSV), if anything
};

// The batches between the two threads: a few at most, so that a reader ahead of the writer
// waits instead of holding the file in memory. Thread-safe.
class Handoff {
 public:
  // The reader's: false once the writer has stopped taking them.
  bool Put(Batch batch) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return closed_ || waiting_.size() < kDepth; });
    if (closed_) return false;
    waiting_.push_back(std::move(batch));
    ready_.notify_one();
    return true;
  }
  // The writer's: the next batch, in order.
  Batch Take() {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return !waiting_.empty(); });
    Batch batch = std::move(waiting_.front());
    waiting_.pop_front();
    room_.notify_one();
    return batch;
  }
  // The writer takes no more (it failed, or it has the last): the reader stops at its next Put.
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    room_.notify_all();
  }

 private:
  static constexpr std::size_t kDepth = 8;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<Batch> waiting_;
  bool closed_ = false;
};

// Reads the file into `handoff`, checking each row: what fills `result`'s errors and bad rows
// (the writer fills the rest). Ends with a batch marked last, whatever happens.
void ReadRows(const std::filesystem::path& file, Handoff& handoff, ImportResult& result) {
  // 5,000 rows a batch: a divisor of the progress line's 100,000.
  constexpr long long kRows = 5'000;
  RowReader reader(result);
  Batch batch;
  bool header = true, writer_gone = false;
  Person person;
  person.source = "import";
  Leg leg;
  auto hand = [&](bool last) {
    batch.last = last;
    const long long read = batch.read;
    writer_gone = !handoff.Put(std::move(batch)) || writer_gone;
    batch = Batch{};
    batch.read = read;
  };
  try {
    csv::ReadFile(file, [&](const csv::Record& r) {
      if (header) {
        header = false;
        if (!std::equal(r.fields.begin(), r.fields.end(), RowReader::kHeader.begin(),
                        RowReader::kHeader.end())) {
          result.errors.push_back({r.line, "", i18n::T("safety.import.header")});
          ++result.bad_rows;
          return false;
        }
        return true;
      }
      ++batch.read;
      if (reader.Read(r, person, leg) && result.bad_rows == 0) batch.rows.emplace_back(person, leg);
      if (batch.read % kRows == 0) hand(false);
      return !writer_gone;
    });
    if (header) {
      result.errors.push_back({1, "", i18n::T("safety.import.header")});
      ++result.bad_rows;
    }
  } catch (...) {
    batch.error = std::current_exception();
  }
  hand(true);
}

}  // namespace

ImportResult ImportItineraries(db::Database& db, const std::filesystem::path& file,
                               const std::function<void(long long rows)>& progress) {
  ImportResult result;
  try {
    // Alone with the file if it can (SQLite: written once, not to the WAL and then again).
    db.WriteBulk([&](db::Session& s) {
      // SQLite: the whole import is one transaction, and the pages it goes back to stay in
      // memory: the B-trees' right edges, where rows sorted by their keys are appended, and
      // the people's index by source and ref, some 100 MB at 4,000,000 people. 256 MiB at
      // most (the writer's own size given back after): a larger cache made no import faster
      // and is memory touched for nothing (bench/README.md, "The import").
      std::optional<long long> cache;
      if (s.dialect() == db::Dialect::kSqlite) {
        cache = s.Int("PRAGMA cache_size");
        s.Run("PRAGMA cache_size=-262144");
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
      // The file is read and checked on a thread of its own while this one writes: each
      // takes about as long. Its errors are its own until it is joined.
      ImportResult read;
      Handoff handoff;
      struct Reading {
        Handoff& handoff;
        std::thread thread;
        // Stops the reader (at its next batch) and waits for it.
        void Join() {
          handoff.Close();
          if (thread.joinable()) thread.join();
        }
        ~Reading() { Join(); }
      } reading{handoff, std::thread([&] { ReadRows(file, handoff, read); })};
      BulkRegister bulk(s, clock::NowIso());
      // A row is 40 bytes at least (ten fields, dates of ten characters).
      std::error_code no_size;
      const auto bytes = std::filesystem::file_size(file, no_size);
      if (!no_size) bulk.Expect(static_cast<std::size_t>(bytes / 40));
      long long reported = 0;
      std::exception_ptr error;
      for (bool last = false; !last;) {
        Batch batch = handoff.Take();
        for (const auto& [person, leg] : batch.rows) bulk.AddLeg(person, leg);
        result.legs += static_cast<long long>(batch.rows.size());
        if (progress && batch.read % 100'000 == 0 && batch.read > reported) {
          reported = batch.read;
          progress(batch.read);
        }
        last = batch.last;
        error = batch.error;
      }
      reading.Join();
      result.bad_rows = read.bad_rows;
      result.errors = std::move(read.errors);
      if (error) std::rethrow_exception(error);
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
    // PostgreSQL: the planner's statistics brought up to date (the packs' table went from
    // none to hundreds of thousands of rows), and the packs' dead versions, which an import
    // over others leaves, cleared. Outside a transaction, as VACUUM must be.
    if (db.dialect() == db::Dialect::kPostgres && result.legs > 0) {
      db.Read([](db::Session& s) {
        s.Run("VACUUM ANALYZE safety_leg_packs");
        s.Run("ANALYZE safety_legs");
        s.Run("ANALYZE safety_people");
      });
    }
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
