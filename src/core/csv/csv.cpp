#include "core/csv/csv.h"

#include <csv.h>

#include <algorithm>
#include <fstream>
#include <memory>

namespace waishi::csv {
namespace {

// The parser's state between libcsv's callbacks. The text is fed a physical line at a time, so
// that when a record ends, its first line is the current one less the line breaks inside its
// quoted fields.
struct Reader {
  const std::function<bool(const Record&)>& fn;
  std::vector<std::string> fields;
  long long line = 0;              // the line being fed
  long long breaks_in_record = 0;  // line breaks inside the record's quoted fields
  long long records = 0;
  bool stopped = false;

  static void OnField(void* data, std::size_t size, void* self) {
    auto& r = *static_cast<Reader*>(self);
    const char* text = data ? static_cast<const char*>(data) : "";
    r.breaks_in_record += std::count(text, text + size, '\n');
    r.fields.emplace_back(text, size);
  }
  static void OnRecordEnd(int, void* self) {
    auto& r = *static_cast<Reader*>(self);
    if (!r.stopped) {
      ++r.records;
      r.stopped = !r.fn(Record{r.line - r.breaks_in_record, r.fields});
    }
    r.fields.clear();
    r.breaks_in_record = 0;
  }
};

class Parser {
 public:
  explicit Parser(const std::function<bool(const Record&)>& fn) : reader_{fn} {
    if (csv_init(&p_, CSV_STRICT | CSV_STRICT_FINI) != 0)
      throw std::runtime_error("csv: cannot start the parser");
  }
  ~Parser() { csv_free(&p_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  bool stopped() const { return reader_.stopped; }

  // Feeds one physical line (with its line break, but for the last).
  void Line(std::string_view text) {
    ++reader_.line;
    if (reader_.line == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (csv_parse(&p_, text.data(), text.size(), Reader::OnField, Reader::OnRecordEnd, &reader_) !=
        text.size()) {
      Fail();
    }
  }

  long long Finish() {
    if (csv_fini(&p_, Reader::OnField, Reader::OnRecordEnd, &reader_) != 0) Fail();
    return reader_.records;
  }

 private:
  [[noreturn]] void Fail() {
    throw Error(reader_.line - reader_.breaks_in_record, csv_strerror(csv_error(&p_)));
  }

  struct csv_parser p_ {};
  Reader reader_;
};

}  // namespace

long long ReadText(std::string_view text, const std::function<bool(const Record&)>& fn) {
  Parser parser(fn);
  while (!text.empty() && !parser.stopped()) {
    const std::size_t end = text.find('\n');
    const std::size_t take = end == std::string_view::npos ? text.size() : end + 1;
    parser.Line(text.substr(0, take));
    text.remove_prefix(take);
  }
  return parser.Finish();
}

long long ReadFile(const std::filesystem::path& file,
                   const std::function<bool(const Record&)>& fn) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  Parser parser(fn);
  std::string line;
  while (!parser.stopped() && std::getline(in, line)) {
    if (!in.eof()) line.push_back('\n');
    parser.Line(line);
  }
  if (in.bad()) throw std::runtime_error("cannot read " + file.string());
  return parser.Finish();
}

}  // namespace waishi::csv
