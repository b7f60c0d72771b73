#include "text/transliterate.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/analyzer.hpp"

namespace cite::text {
namespace {

// One name: its Cyrillic spellings (any case) and romanisations must all have `key`.
struct NameCase {
  std::string key;
  std::vector<std::string> cyrillic;
  std::vector<std::string> latin;
};

class NameKeys : public ::testing::TestWithParam<NameCase> {};

TEST_P(NameKeys, EverySpellingMeetsOnOneKey) {
  Transliterator transliterator;
  for (const std::string& word : GetParam().cyrillic) {
    EXPECT_EQ(transliterator.key(fold(word), Script::kCyrillic), GetParam().key)
        << word << " romanised " << transliterator.romanise(fold(word));
  }
  for (const std::string& word : GetParam().latin) {
    EXPECT_EQ(romanised_key(fold(word)), GetParam().key) << word;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, NameKeys,
    ::testing::Values(
        // -ev / -yev / -iev, and the case endings of a surname.
        NameCase{"bokontaev",
                 {"Боконтаев", "Боконтаева", "Боконтаеву", "Боконтаевым", "Боконтаеве"},
                 {"Bokontayev", "Bokontaev", "Bokontaiev", "Bokontajew"}},
        // kh / h, ey / ei, double letters.
        NameCase{"husein", {"Хусейн", "Хусейна"}, {"Khuseyn", "Khusein", "Husein", "Hussein"}},
        // щ as spelt in English, German and Polish.
        NameCase{"werbakov",
                 {"Щербаков", "Щербакова", "Щербаковым"},
                 {"Shcherbakov", "Scherbakov", "Schtscherbakow", "Szczerbakow"}},
        // y / i / j and the -iy / -ii / -y endings.
        NameCase{"uri", {"Юрий"}, {"Yuri", "Yuriy", "Yury", "Iurii", "Jurij"}},
        // tch / ch / tsch, ay / ai / aj, -sky / -skiy / -skij and the adjectival cases.
        NameCase{"qaikovsk",
                 {"Чайковский", "Чайковского", "Чайковскому", "Чайковским"},
                 {"Tchaikovsky", "Chaykovskiy", "Chaikovsky", "Tschaikowsky", "Chajkovskij"}},
        // ye / e at the start, -ий.
        NameCase{"evgen", {"Евгений", "Евгения"}, {"Yevgeniy", "Evgeny", "Evgenii", "Yevgeny"}},
        // ё: written е, romanised yo.
        NameCase{"fedor", {"Фёдор", "Федор"}, {"Fyodor", "Fedor", "Fiodor"}},
        // zh, ts, the soft sign (an apostrophe or nothing).
        NameCase{"xukov", {"Жуков", "Жукова"}, {"Zhukov", "Zhukova"}},
        NameCase{"natal", {"Наталья"}, {"Natal'ya", "Natalya", "Natalia"}},
        NameCase{"kirgizstan", {"Кыргызстан", "Кыргызстана"}, {"Kyrgyzstan", "Kyrgyzstan's"}},
        NameCase{"xukovsk", {"Жуковский"}, {"Zhukovsky", "Zhukovskiy"}},
        NameCase{"cvetaev", {"Цветаева"}, {"Tsvetaeva", "Tsvetayeva"}},
        NameCase{"aleksandr", {"Александр"}, {"Aleksandr"}},
        // An English c is k, before a consonant or a, o, u.
        NameCase{"kolin", {"Колин"}, {"Colin", "Kolin"}},
        NameCase{"nikola", {"Николай"}, {"Nikolay", "Nicolai", "Nikolai"}},
        NameCase{"uniks", {"Юникс"}, {"Unix", "UNIX"}}));

TEST(NameKeys, DifferentNamesKeepDifferentKeys) {
  const std::vector<std::string> names = {"Smirnov", "Sokolov",  "Shcherbakov", "Chernov",
                                          "Ivanov",  "Ivanenko", "Petrov",      "Popov",
                                          "Kozlov",  "Kuznetsov"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t j = i + 1; j < names.size(); ++j) {
      EXPECT_NE(romanised_key(fold(names[i])), romanised_key(fold(names[j])))
          << names[i] << " " << names[j];
    }
  }
}

TEST(RomanisedKey, IsEmptyForWhatIsNotARomanisedWord) {
  EXPECT_EQ(romanised_key("ab"), "");           // too short to name anyone
  EXPECT_EQ(romanised_key("covid19"), "");      // digits
  EXPECT_EQ(romanised_key("caf\xC3\xA9"), "");  // not folded to ASCII
  EXPECT_EQ(romanised_key("ana"), "ana");       // no ending removed below 3 letters
}

TEST(ScriptOf, IsTheScriptOfEveryLetter) {
  EXPECT_EQ(script_of("moscow"), Script::kLatin);
  EXPECT_EQ(script_of("t\xC3\xBCrkiye"), Script::kLatin);
  EXPECT_EQ(script_of("\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"), Script::kCyrillic);
  EXPECT_EQ(script_of("m\xD0\xBEscow"), Script::kOther);  // a Cyrillic о among Latin letters
  EXPECT_EQ(script_of("2024"), Script::kOther);
  EXPECT_EQ(script_of("\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1"), Script::kOther);  // Greek
}

}  // namespace
}  // namespace cite::text
