// Reading CSV files (RFC 4180: fields in double quotes may hold commas, quotes doubled and line
// breaks) with libcsv, a record at a time, for the modules' imports. UTF-8 is passed through;
// a byte-order mark at the start is skipped.
#pragma once

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace waishi::csv {

// A file that is not CSV (an unterminated quote, a stray quote inside a field): where.
class Error : public std::runtime_error {
 public:
  Error(long long line, const std::string& what)
      : std::runtime_error("line " + std::to_string(line) + ": " + what), line_(line) {}
  long long line() const { return line_; }

 private:
  long long line_;
};

// One record: its fields, and the line it begins on (the first line is 1). Valid only during
// the call.
struct Record {
  long long line = 0;
  const std::vector<std::string>& fields;
};

// Calls fn for each record of the file, the header included, and answers how many there
// were. Stops early when fn answers false. Blank lines are skipped. Throws std::runtime_error
// for a file that cannot be read and csv::Error for one that is not CSV.
long long ReadFile(const std::filesystem::path& file, const std::function<bool(const Record&)>& fn);
// The same over text in memory (an upload).
long long ReadText(std::string_view text, const std::function<bool(const Record&)>& fn);

}  // namespace waishi::csv
