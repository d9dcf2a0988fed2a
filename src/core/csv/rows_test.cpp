#include "core/csv/rows.h"

#include <gtest/gtest.h>

namespace waishi::csv {
namespace {

TEST(CsvRowsTest, AnErrorIsLedByItsRowAndColumnInBothLanguagesAndPointsAtTheCell) {
  const FieldError e = At(7, "lat", "network.latitude", i18n::Text{"纬度有误", "Bad latitude"});
  EXPECT_EQ(e.field, "csv");
  EXPECT_EQ(e.rule, "network.latitude");
  EXPECT_EQ(e.message.en, "Row 7, lat: Bad latitude");
  EXPECT_EQ(e.message.zh, "第 7 行 lat：纬度有误");
  EXPECT_EQ(e.extra, (Json{{"row", 7}, {"column", "lat"}}));
  const FieldError whole = At(1, "", "x.header", i18n::Text{"表头有误", "Bad header"});
  EXPECT_EQ(whole.message.en, "Row 1: Bad header");
  EXPECT_EQ(whole.message.zh, "第 1 行：表头有误");
  EXPECT_EQ(whole.extra, (Json{{"row", 1}, {"column", ""}}));
}

TEST(CsvRowsTest, ANumberIsTheWholeField) {
  EXPECT_EQ(Number("12.5"), 12.5);
  EXPECT_EQ(Number("-33.9249"), -33.9249);
  EXPECT_EQ(Number("0"), 0.0);
  for (const char* bad : {"", " 1", "1 ", "12a", "north", "1,5", "1e999"})
    EXPECT_FALSE(Number(bad).has_value()) << bad;
}

}  // namespace
}  // namespace waishi::csv
