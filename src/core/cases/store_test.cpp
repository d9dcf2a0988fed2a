// The case JSON with its stored data spliced in unparsed: the same text dump() writes.
#include "core/cases/store.h"

#include <gtest/gtest.h>

namespace waishi::cases::store {
namespace {

std::string Expected(Json members, const Json& data) {
  members["data"] = data;
  return members.dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(WithDataTextTest, IsWhatDumpWritesWhereverDataSorts) {
  const Json data = {{"purpose", "赴德国 \"交流\"\n"},
                     {"members", {{{"name", "张伟"}, {"id", 1}}}},
                     {"budget", 80000.5},
                     {"none", nullptr}};
  const std::vector<Json> members = {
      Json::object(),
      {{"id", 7}},     // before "data"
      {{"zz", true}},  // after it
      {{"applicant", {{"id", 1}}}, {"deadlines", Json::object()}, {"id", 2}, {"state", "x"}},
      {{"da", 1}, {"data_extra", 2}, {"dat", 3}},  // around it, sharing its first letters
      {{"quote\"d", 1}, {"a\\b", 2}}};             // member names to escape
  for (const Json& m : members) EXPECT_EQ(WithDataText(m, data.dump()), Expected(m, data)) << m;
}

TEST(WithDataTextTest, AnEmptyTextIsNull) {
  EXPECT_EQ(WithDataText({{"id", 1}}, ""), R"({"data":null,"id":1})");
}

}  // namespace
}  // namespace waishi::cases::store
