#include "core/export/xlsx.h"

#include <gtest/gtest.h>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "core/documents/test_pdf.h"
#include "core/error.h"
#include "core/export/export.h"
#include "core/http/http.h"

namespace waishi::exports {
namespace {

TEST(ExportXlsxTest, CjkCharactersCountDouble) {
  EXPECT_EQ(DisplayWidth("OT-2026-000001"), 14);
  EXPECT_EQ(DisplayWidth("案件"), 4);
  EXPECT_EQ(DisplayWidth("赴德国 Aachen"), 6 + 1 + 6);
  EXPECT_EQ(DisplayWidth("（起）"), 6);  // fullwidth forms
  EXPECT_EQ(DisplayWidth("\xff"), 1);    // a malformed byte counts as one
}

TEST(ExportXlsxTest, DatesAreExcelSerials) {
  // ECMA-376 Part 1, 18.17.4.1: 1900-01-01 is 1 (Excel's 1900-02-29 included), so
  // 1970-01-01 is 25569 and 2026-12-02 is 46358.
  EXPECT_EQ(ExcelDate("1970-01-01"), 25569.0);
  EXPECT_EQ(ExcelDate("2026-12-02"), 46358.0);
  EXPECT_FALSE(ExcelDate("2026-02-30"));
  EXPECT_FALSE(ExcelDate("02/12/2026"));
}

TEST(ExportXlsxTest, InstantsAreShownInChinaTime) {
  // 16:30 UTC is 00:30 the next day in Beijing.
  EXPECT_DOUBLE_EQ(*ExcelDateTime("2026-12-01T16:30:00Z"), 46358.0 + 30.0 / 1440);
  EXPECT_DOUBLE_EQ(*ExcelDateTime("2026-12-01T16:30:00.123Z"), 46358.0 + 30.0 / 1440);
  EXPECT_DOUBLE_EQ(*ExcelDateTime("2026-12-02T00:30:00+08:00"), 46358.0 + 30.0 / 1440);
  EXPECT_EQ(ExcelDateTime("2026-12-02"), 46358.0);
  for (const char* bad : {"2026-12-01T25:00:00Z", "2026-12-01T16:30Z", "yesterday",
                          "2026-12-01T16:30:00+0800", "2026-12-01T16:30:00Zjunk"}) {
    EXPECT_FALSE(ExcelDateTime(bad)) << bad;
  }
}

TEST(ExportXlsxTest, SheetNamesAndCellTextAreWhatExcelAccepts) {
  EXPECT_EQ(SheetName("审计/日志:[2026]?"), "审计日志2026");
  EXPECT_EQ(SheetName(""), "Sheet1");
  EXPECT_EQ(DisplayWidth(SheetName(std::string(40, 'x'))), 31);
  EXPECT_EQ(SheetName("因公临时出国(境)审批因公临时出国(境)审批因公临时出国(境)审批"),
            "因公临时出国(境)审批因公临时出国(境)审批因公临时出国(境)");  // 31 characters
  EXPECT_EQ(CleanText("a\x01"
                      "b\tc\nd"),
            "ab\tc\nd");
  EXPECT_EQ(CleanText(std::string(40000, 'x')).size(), 32767u);
  EXPECT_EQ(CleanText("=cmd|' /C calc'!A0"), "=cmd|' /C calc'!A0");  // text, never a formula
}

TEST(ExportXlsxTest, CellTextPicksTheLanguageAndLabels) {
  Column roles;
  roles.kind = Kind::kEnum;
  roles.labels_prefix = "export.role.";
  EXPECT_EQ(CellText(roles, Json::array({"officer", "auditor"}), Lang::kZh), "外办经办人、审计员");
  EXPECT_EQ(CellText(roles, Json::array({"officer", "auditor"}), Lang::kEn), "Officer, Auditor");
  EXPECT_EQ(CellText(roles, "nobody", Lang::kEn), "nobody");
  Column text;
  EXPECT_EQ(CellText(text, Json{{"zh", "德国"}, {"en", "Germany"}}, Lang::kEn), "Germany");
  EXPECT_EQ(CellText(text, true, Lang::kZh), "是");
  EXPECT_EQ(CellText(text, 12, Lang::kZh), "12");
  EXPECT_EQ(CellText(text, nullptr, Lang::kZh), "");
}

// A temporary folder of the test's own as TMPDIR while it lives: the workbooks it counts are its
// own, not those another test process writes meanwhile.
class OwnTemporaryFolder {
 public:
  OwnTemporaryFolder() {
    if (const char* before = std::getenv("TMPDIR")) before_ = before;
    ::setenv("TMPDIR", folder_.path().c_str(), 1);
  }
  ~OwnTemporaryFolder() {
    if (before_)
      ::setenv("TMPDIR", before_->c_str(), 1);
    else
      ::unsetenv("TMPDIR");
  }
  OwnTemporaryFolder(const OwnTemporaryFolder&) = delete;
  OwnTemporaryFolder& operator=(const OwnTemporaryFolder&) = delete;

 private:
  documents::testing::TempDir folder_;  // made before TMPDIR changes, removed after it is back
  std::optional<std::string> before_;
};

std::size_t TemporaryWorkbooks() {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
    n += e.path().filename().string().starts_with("waishi-export-") ? 1 : 0;
  return n;
}

TEST(ExportXlsxTest, MinorUnitsBecomeTheCurrencysMajorUnit) {
  const auto cny = MajorUnits(Json{{"amount", 123456}, {"currency", "CNY"}});
  ASSERT_TRUE(cny);
  EXPECT_DOUBLE_EQ(cny->first, 1234.56);
  EXPECT_EQ(cny->second, 2);
  const auto jpy = MajorUnits(Json{{"amount", 5000}, {"currency", "JPY"}});
  ASSERT_TRUE(jpy);
  EXPECT_DOUBLE_EQ(jpy->first, 5000);
  EXPECT_EQ(jpy->second, 0);
  EXPECT_EQ(MajorUnits(Json{{"amount", 5000}, {"currency", "KRW"}})->second, 0);
  EXPECT_FALSE(MajorUnits(Json{{"amount", 1.5}, {"currency", "CNY"}}));
  EXPECT_FALSE(MajorUnits(Json{{"amount", 100}}));
  EXPECT_FALSE(MajorUnits(Json{{"amount", 100}, {"currency", "yuan"}}));
  EXPECT_FALSE(MajorUnits(Json(100)));
}

TEST(ExportXlsxTest, SheetWritesAZipAndRemovesItsFile) {
  const OwnTemporaryFolder folder;
  const std::size_t before = TemporaryWorkbooks();
  EXPECT_EQ(before, 0u);
  std::vector<Column> columns{Col("number", "/number", "export.col.number"),
                              Col("at", "/at", "export.col.created_at", Kind::kDateTime),
                              Col("n", "/n", "export.col.id", Kind::kInteger)};
  std::string bytes;
  {
    Sheet sheet("案件", columns, Lang::kZh);
    sheet.Add(Json{{"number", "OT-1"}, {"at", "2026-12-01T16:30:00Z"}, {"n", 3}});
    sheet.Add(Json{{"number", "OT-2"}, {"at", nullptr}});
    EXPECT_EQ(sheet.rows(), 2);
    bytes = sheet.Finish();
    EXPECT_EQ(TemporaryWorkbooks(), before + 1);
  }
  EXPECT_EQ(TemporaryWorkbooks(), before);
  {
    Sheet abandoned("x", columns, Lang::kEn);  // an export refused half-way (over the cap)
    abandoned.Add(Json{{"number", "OT-3"}});
  }
  EXPECT_EQ(TemporaryWorkbooks(), before);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
}

TEST(ExportTest, LanguageFromQueryHeaderThenAccount) {
  http::Request req;
  EXPECT_EQ(PickLanguage(req, ""), Lang::kZh);
  EXPECT_EQ(PickLanguage(req, "en-US"), Lang::kEn);
  req.headers["accept-language"] = "fr-FR, en;q=0.8, zh;q=0.5";
  EXPECT_EQ(PickLanguage(req, "zh-CN"), Lang::kEn);
  req.query["lang"] = "zh";
  EXPECT_EQ(PickLanguage(req, "en-US"), Lang::kZh);
  req.query["lang"] = "fr";
  EXPECT_THROW(PickLanguage(req, ""), ApiError);
}

TEST(ExportTest, TheExportRouteMirrorsTheList) {
  http::RouteDoc list = http::Doc("listPassportCustody", "Passports")
                            .Roles({"officer"})
                            .Query({"overdue", "page", "page_size"});
  const http::RouteDoc doc = ExportDoc(list);
  EXPECT_EQ(doc.operation_id, "exportPassportCustody");
  EXPECT_EQ(doc.roles, list.roles);
  EXPECT_EQ(doc.query, (std::vector<std::string>{"overdue", "lang"}));
  EXPECT_EQ(doc.response_content_type, kXlsxType);
  EXPECT_EQ(ExportDoc(http::Doc("searchThings", "x")).operation_id, "exportSearchThings");
}

}  // namespace
}  // namespace waishi::exports
