#include "core/validate/passport_name.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace waishi::validate {
namespace {

TEST(PassportNameTest, ProductSpecVectors) {
  EXPECT_EQ(PassportName("张昊"), "ZHANG HAO");
  EXPECT_EQ(PassportName("徐文杰"), "XU WENJIE");
  EXPECT_EQ(PassportName("吕明"), "LYU MING");
  EXPECT_EQ(PassportName("欧阳修"), "OUYANG XIU");
  EXPECT_EQ(PassportName("司马相如"), "SIMA XIANGRU");
}

TEST(PassportNameTest, UmlautUIsWrittenYu) {
  EXPECT_EQ(PassportName("女娲"), "NYU WA");   // nǚ
  EXPECT_EQ(PassportName("李略"), "LI LYUE");  // lüè: ü with a tone on the next vowel
  EXPECT_EQ(PassportName("吕绿"), "LYU LYU");
}

TEST(PassportNameTest, CompoundSurnamesAreOneWord) {
  EXPECT_EQ(PassportName("诸葛亮"), "ZHUGE LIANG");
  EXPECT_EQ(PassportName("上官婉儿"), "SHANGGUAN WANER");
  EXPECT_EQ(PassportName("尉迟恭"), "YUCHI GONG");       // 尉 read yù as a surname
  EXPECT_EQ(PassportName("长孙无忌"), "ZHANGSUN WUJI");  // 长 read zhǎng before 孙
  EXPECT_EQ(PassportName("令狐冲"), "LINGHU CHONG");
  EXPECT_EQ(PassportName("万俟卨"), "MOQI XIE");  // 万 read mò before 俟
  EXPECT_EQ(PassportName("澹台灭明"), "TANTAI MIEMING");
  EXPECT_EQ(PassportName("爱新觉罗溥仪"), "AIXINJUELUO PUYI");
  EXPECT_EQ(PassportName("歐陽修"), "OUYANG XIU");  // traditional characters
}

TEST(PassportNameTest, TwoCharacterNameIsSurnameAndGivenName) {
  EXPECT_EQ(PassportName("欧阳"), "OU YANG");
  EXPECT_EQ(PassportName("司马"), "SI MA");
}

// What ICU 72's Han-Latin/Names really gives for surnames with a special reading (CLDR's
// Han_Latin_Names rules); plain Han-Latin would give DAN, CENG, JIE, CHOU, QU, CHA, GAI, MI.
TEST(PassportNameTest, PolyphonicSurnamesGetTheirSurnameReading) {
  EXPECT_EQ(PassportName("单雄信"), "SHAN XIONGXIN");
  EXPECT_EQ(PassportName("曾国藩"), "ZENG GUOFAN");
  EXPECT_EQ(PassportName("解缙"), "XIE JIN");
  EXPECT_EQ(PassportName("仇英"), "QIU YING");
  EXPECT_EQ(PassportName("区伟"), "OU WEI");
  EXPECT_EQ(PassportName("查良镛"), "ZHA LIANGYONG");
  EXPECT_EQ(PassportName("盖叫天"), "GE JIAOTIAN");
  EXPECT_EQ(PassportName("秘书"), "BI SHU");
  EXPECT_EQ(PassportName("翟志刚"), "ZHAI ZHIGANG");
  EXPECT_EQ(PassportName("乐嘉"), "YUE JIA");
}

// The given name is transliterated after its surname, so its first character keeps its
// ordinary reading instead of the surname one.
TEST(PassportNameTest, GivenNameDoesNotGetSurnameReadings) {
  EXPECT_EQ(PassportName("王乐"), "WANG LE");           // not YUE
  EXPECT_EQ(PassportName("张单"), "ZHANG DAN");         // not SHAN
  EXPECT_EQ(PassportName("李解放"), "LI JIEFANG");      // not XIE
  EXPECT_EQ(PassportName("王重阳"), "WANG ZHONGYANG");  // Han-Latin's reading, not CHONG
}

TEST(PassportNameTest, TypedSeparatorChoosesTheSurname) {
  EXPECT_EQ(PassportName("欧 阳修"), "OU YANGXIU");  // surname 欧, not 欧阳
  EXPECT_EQ(PassportName("张　昊"), "ZHANG HAO");    // ideographic space
  EXPECT_EQ(PassportName("  张昊 "), "ZHANG HAO");
  EXPECT_EQ(PassportName("司马 相 如"), "SIMA XIANGRU");
  EXPECT_EQ(PassportName("迪丽热巴·迪力木拉提"), "DILIREBA DILIMULATI");
}

TEST(PassportNameTest, PunctuationInAChineseNameIsDropped) {
  EXPECT_EQ(PassportName("张-华"), "ZHANG HUA");  // and 华 keeps its given-name reading
  EXPECT_EQ(PassportName("徐文杰。"), "XU WENJIE");
}

TEST(PassportNameTest, SurnameOnly) {
  EXPECT_EQ(PassportName("张"), "ZHANG");
  EXPECT_EQ(PassportName("单"), "SHAN");
}

// 𠮷 (U+20BB7) has no reading in ICU's data; it stays for the officer to replace.
TEST(PassportNameTest, CharacterWithoutAReadingIsKept) { EXPECT_EQ(PassportName("李𠮷"), "LI 𠮷"); }

TEST(PassportNameTest, LatinNamesAreFoldedAndUpperCased) {
  EXPECT_EQ(PassportName("John Smith"), "JOHN SMITH");
  EXPECT_EQ(PassportName("  john   smith "), "JOHN SMITH");
  EXPECT_EQ(PassportName("Zoë Müller"), "ZOE MULLER");  // no YU outside Chinese names
  EXPECT_EQ(PassportName("José García-Ortiz"), "JOSE GARCIA-ORTIZ");
  EXPECT_EQ(PassportName("O'Brien"), "O'BRIEN");
  EXPECT_EQ(PassportName("ZHANG HAO"), "ZHANG HAO");
  EXPECT_EQ(PassportName("Vivian"), "VIVIAN");  // a Latin v is not ü
}

TEST(PassportNameTest, EmptyInputGivesEmptyOutput) {
  EXPECT_EQ(PassportName(""), "");
  EXPECT_EQ(PassportName("   "), "");
  EXPECT_EQ(PassportName("　"), "");  // ideographic space
}

TEST(PassportNameTest, InvalidUtf8DoesNotCrash) {
  EXPECT_EQ(PassportName("张\xFF昊"), "ZHANG HAO");  // U+FFFD is not a letter: dropped
  EXPECT_FALSE(PassportName("abc\xC3").empty());
}

TEST(PassportNameTest, ConcurrentCallsAgree) {
  const std::vector<std::pair<std::string, std::string>> cases = {{"张昊", "ZHANG HAO"},
                                                                  {"欧阳修", "OUYANG XIU"},
                                                                  {"吕明", "LYU MING"},
                                                                  {"单雄信", "SHAN XIONGXIN"},
                                                                  {"John Smith", "JOHN SMITH"}};
  constexpr int kThreads = 8;
  constexpr int kRounds = 50;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&cases, &failures, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (const auto& [name, expected] : cases) {
          if (PassportName(name) != expected) ++failures[static_cast<size_t>(t)];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace waishi::validate
