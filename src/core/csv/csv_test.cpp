#include "core/csv/csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace waishi::csv {
namespace {

struct Seen {
  long long line;
  std::vector<std::string> fields;
};

std::vector<Seen> Read(std::string_view text) {
  std::vector<Seen> out;
  ReadText(text, [&](const Record& r) {
    out.push_back({r.line, r.fields});
    return true;
  });
  return out;
}

TEST(CsvTest, RecordsWithTheLineEachBeginsOn) {
  const auto rows = Read(
      "\xEF\xBB\xBFperson_id,name,city\n"
      "p1,张伟,Tokyo\r\n"
      "\n"
      "p2,\"Smith, John\",\"Said \"\"hi\"\"\"\n"
      "p3,\"two\nlines\",Osaka\n"
      "p4,,Kyoto");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"person_id", "name", "city"}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[1].fields[1], "张伟");
  EXPECT_EQ(rows[2].line, 4);  // the blank line 3 is skipped
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"p2", "Smith, John", "Said \"hi\""}));
  EXPECT_EQ(rows[3].line, 5);  // a quoted line break: the record spans lines 5 and 6
  EXPECT_EQ(rows[3].fields[1], "two\nlines");
  EXPECT_EQ(rows[4].line, 7);  // no line break at the end
  EXPECT_EQ(rows[4].fields, (std::vector<std::string>{"p4", "", "Kyoto"}));
}

TEST(CsvTest, NotCsvNamesTheLine) {
  try {
    Read("a,b\nc,\"unterminated\n");
    FAIL() << "an open quote at the end is not CSV";
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), 2);
  }
  EXPECT_THROW(Read("a,b\nc,d\"e\n"), Error);  // a quote inside an unquoted field
}

TEST(CsvTest, AFileIsReadAsItsTextAndAnEarlyStopReadsNoFurther) {
  const auto file = std::filesystem::temp_directory_path() / "waishi-csv-test.csv";
  std::ofstream(file) << "h1,h2\n1,2\n3,4\n5,6\n";
  int seen = 0;
  ReadFile(file, [&](const Record& r) { return ++seen < 2 && r.line > 0; });
  EXPECT_EQ(seen, 2);
  std::vector<long long> lines;
  EXPECT_EQ(ReadFile(file,
                     [&](const Record& r) {
                       lines.push_back(r.line);
                       return true;
                     }),
            4);
  EXPECT_EQ(lines, (std::vector<long long>{1, 2, 3, 4}));
  std::filesystem::remove(file);
  EXPECT_THROW(ReadFile(file, [](const Record&) { return true; }), std::runtime_error);
}

}  // namespace
}  // namespace waishi::csv
