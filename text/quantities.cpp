#include "text/quantities.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "text/utf8.hpp"

namespace cite::text {
namespace {

constexpr std::array<std::pair<std::string_view, double>, 28> kNumberWords = {{
    {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},      {"five", 5},
    {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},      {"ten", 10},
    {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},
    {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},
    {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},    {"seventy", 70},
    {"eighty", 80},  {"ninety", 90},    {"dozen", 12},
}};

constexpr std::array<std::pair<std::string_view, double>, 8> kScales = {{
    {"hundred", 1e2},
    {"thousand", 1e3},
    {"million", 1e6},
    {"billion", 1e9},
    {"trillion", 1e12},
    {"mln", 1e6},
    {"bn", 1e9},
    {"tn", 1e12},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kUnitWords = {{
    {"percent", "percent"}, {"per", "percent"},  // "per cent" is checked for its second word
    {"dollar", "dollar"},   {"dollars", "dollar"},     {"usd", "dollar"},     {"euro", "euro"},
    {"euros", "euro"},      {"eur", "euro"},           {"pound", "pound"},    {"pounds", "pound"},
    {"gbp", "pound"},       {"rouble", "rouble"},      {"roubles", "rouble"}, {"ruble", "rouble"},
    {"rubles", "rouble"},   {"rub", "rouble"},         {"rupee", "rupee"},    {"rupees", "rupee"},
    {"yuan", "yuan"},       {"percentage", "percent"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kCurrencySigns = {{
    {"$", "dollar"},
    {"\u20AC", "euro"},
    {"\u00A3", "pound"},
    {"\u20BD", "rouble"},
    {"\u20B9", "rupee"},
    {"\u00A5", "yuan"},
}};

// Fractions in words: `a quarter of`, `two-thirds of`.
constexpr std::array<std::pair<std::string_view, double>, 14> kFractionWords = {{
    {"half", 2},
    {"halves", 2},
    {"third", 3},
    {"thirds", 3},
    {"quarter", 4},
    {"quarters", 4},
    {"fifth", 5},
    {"fifths", 5},
    {"sixth", 6},
    {"sixths", 6},
    {"eighth", 8},
    {"eighths", 8},
    {"tenth", 10},
    {"tenths", 10},
}};

// Multiples written as one word.
constexpr std::array<std::pair<std::string_view, double>, 13> kMultipleWords = {{
    {"doubled", 2},
    {"doubling", 2},
    {"doubles", 2},
    {"tripled", 3},
    {"tripling", 3},
    {"triples", 3},
    {"quadrupled", 4},
    {"quadrupling", 4},
    {"halved", 0.5},
    {"halving", 0.5},
    {"halves", 0.5},
    {"twofold", 2},
    {"threefold", 3},
}};

// Units of time, in days: durations (`two-year`, `a decade`) and frequencies (`every six
// months`, `twice a year`) are compared in days.
constexpr std::array<std::pair<std::string_view, double>, 14> kTimeUnits = {{
    {"hour", 1.0 / 24},
    {"hours", 1.0 / 24},
    {"day", 1},
    {"days", 1},
    {"week", 7},
    {"weeks", 7},
    {"month", 30.4375},
    {"months", 30.4375},
    {"year", 365.25},
    {"years", 365.25},
    {"decade", 3652.5},
    {"decades", 3652.5},
    {"fortnight", 14},
    {"fortnights", 14},
}};

// Abbreviated scales glued to the figure: `352k`, `5.7m`, `$15bn`.
constexpr std::array<std::pair<std::string_view, double>, 6> kGluedScales = {{
    {"k", 1e3},
    {"m", 1e6},
    {"mn", 1e6},
    {"bn", 1e9},
    {"b", 1e9},
    {"tn", 1e12},
}};

// Words before a figure that say how exactly it is stated; two-word ones first.
struct BoundWords {
  std::string_view first;
  std::string_view second;  // empty for one word
  Bound bound;
};
constexpr std::array<BoundWords, 24> kBoundWords = {{
    {"more", "than", Bound::kAtLeast},    {"greater", "than", Bound::kAtLeast},
    {"upwards", "of", Bound::kAtLeast},   {"at", "least", Bound::kAtLeast},
    {"in", "excess", Bound::kAtLeast},    {"less", "than", Bound::kAtMost},
    {"fewer", "than", Bound::kAtMost},    {"up", "to", Bound::kAtMost},
    {"at", "most", Bound::kAtMost},       {"close", "to", Bound::kAbout},
    {"an", "estimated", Bound::kAbout},   {"over", "", Bound::kAtLeast},
    {"above", "", Bound::kAtLeast},       {"under", "", Bound::kAtMost},
    {"below", "", Bound::kAtMost},        {"about", "", Bound::kAbout},
    {"around", "", Bound::kAbout},        {"roughly", "", Bound::kAbout},
    {"approximately", "", Bound::kAbout}, {"some", "", Bound::kAbout},
    {"nearly", "", Bound::kAbout},        {"almost", "", Bound::kAbout},
    {"approx", "", Bound::kAbout},        {"circa", "", Bound::kAbout},
}};

// An approximation is read as within 10% of its figure; `more than X` as X to 25% above it,
// `less than X` as up to 25% below it (further off, a writer would give another figure); a
// fraction in words as within 3% (`one in three` states 33%).
constexpr double kAboutTolerance = 0.10;
constexpr double kBoundReach = 0.25;
constexpr double kFractionTolerance = 0.03;

template <std::size_t N, typename Value>
std::optional<Value> lookup(const std::array<std::pair<std::string_view, Value>, N>& table,
                            std::string_view key) {
  for (const auto& [name, value] : table) {
    if (name == key) return value;
  }
  return std::nullopt;
}

std::optional<double> digits_value(const Token& token) {
  if (!token.is_number) return std::nullopt;
  const std::string& term = token.alternative.empty() ? token.term : token.alternative;
  if (term.find(',') != std::string::npos) return std::nullopt;  // not a plain decimal
  char* end = nullptr;
  const double value = std::strtod(term.c_str(), &end);
  if (end == term.c_str() || *end != '\0') return std::nullopt;
  return value;
}

// The text between two tokens, without surrounding spaces.
std::string_view gap(std::string_view text, const Token& left, const Token& right) {
  std::string_view between = text.substr(left.end, right.begin - left.end);
  while (!between.empty() && (between.front() == ' ' || between.front() == '\n'))
    between.remove_prefix(1);
  while (!between.empty() && (between.back() == ' ' || between.back() == '\n'))
    between.remove_suffix(1);
  return between;
}

// PDF text glues footnote numbers to the word or punctuation before them (`Russia.102`,
// `lifestyle.”8`, `citizen-\nship.15`): such a number is a reference mark, not a figure.
bool is_footnote_mark(std::string_view text, const Token& token) {
  if (!token.is_number || token.begin == 0) return false;
  const char32_t before = code_point_before(text, token.begin);
  static constexpr std::u32string_view kGluing = U".,;:)]\"'\u201D\u2019";
  return u_isalpha(static_cast<UChar32>(before)) ||
         kGluing.find(before) != std::u32string_view::npos;
}

bool is_dash(std::string_view s) {
  return s == "-" || s == "\u2013" || s == "\u2014" || s == "\u2012";
}

class Extractor {
 public:
  Extractor(std::string_view text, const std::vector<Token>& tokens)
      : text_(text), tokens_(tokens) {}

  std::vector<Quantity> run() {
    std::vector<Quantity> out;
    std::size_t i = 0;
    while (i < tokens_.size()) {
      std::optional<Quantity> q = read_quantity(i);
      if (!q) {
        ++i;
        continue;
      }
      i = q->last_token + 1;
      if (std::optional<Quantity> upper = range_end(*q, i)) {
        merge_range(*q, *upper);
        i = q->last_token + 1;
      }
      out.push_back(*q);
    }
    return out;
  }

 private:
  // The upper end of a range starting with `lower`, whose tokens end before token `i`:
  // `20,000-25,000`, `2–4 percent`, `between 2 and 5 million`, `2 to 4 percent`. `from 180 to
  // 90 days` is a change between two figures, not a range.
  std::optional<Quantity> range_end(const Quantity& lower, std::size_t i) const {
    if (i >= tokens_.size()) return std::nullopt;
    const std::string_view before =
        lower.first_token > 0 ? std::string_view(tokens_[lower.first_token - 1].term) : "";
    if (is_dash(gap(text_, tokens_[i - 1], tokens_[i]))) return read_quantity(i);
    if (i + 1 >= tokens_.size()) return std::nullopt;
    if (before == "between" && tokens_[i].term == "and") return read_quantity(i + 1);
    if (before == "from" || tokens_[i].term != "to") return std::nullopt;
    std::optional<Quantity> upper = read_quantity(i + 1);
    const bool upper_qualifies = upper && (!upper->unit.empty() || has_scale_word(*upper));
    const bool lower_bare = lower.unit.empty() && !has_scale_word(lower);
    if (upper_qualifies && lower_bare) return upper;
    return std::nullopt;
  }

  std::optional<Quantity> read_quantity(std::size_t i) const {
    std::optional<Quantity> q = read_plain(i);
    if (!q) q = read_frequency(i);
    if (!q) q = read_multiple_word(i);
    if (q) read_bound(*q);
    return q;
  }

  // `once a year`, `twice a year`, `four times a day`, `every six months`: occurrences per day.
  std::optional<Quantity> read_frequency(std::size_t i) const {
    const std::string& term = tokens_[i].term;
    std::size_t k = i;
    double count = 0;
    double every = 0;
    if (term == "once" || term == "twice" || term == "thrice") {
      count = term == "once" ? 1 : term == "twice" ? 2 : 3;
      k = i + 1;
    } else if (term == "every" || term == "each") {
      k = i + 1;
      every = 1;
      std::size_t last = k;
      if (k < tokens_.size()) {
        if (std::optional<double> n = digits_value(tokens_[k])) {
          every = *n;
          ++k;
        } else if (std::optional<double> words = read_number_words(k, last)) {
          every = *words;
          k = last + 1;
        }
      }
      if (k >= tokens_.size() || !lookup(kTimeUnits, tokens_[k].term)) return std::nullopt;
      Quantity q = at(i, k);
      q.unit = "per day";
      q.low = q.high = 1 / (every * *lookup(kTimeUnits, tokens_[k].term));
      q.tolerance = 0.01;  // a month is not a twelfth of a year to the hour
      return q;
    } else {
      return std::nullopt;
    }
    return per_unit(i, k, count);
  }

  // `a day`, `per week`, `each year` after a count: the count per day.
  std::optional<Quantity> per_unit(std::size_t i, std::size_t k, double count) const {
    if (k + 1 >= tokens_.size()) return std::nullopt;
    const std::string& article = tokens_[k].term;
    if (article != "a" && article != "an" && article != "per" && article != "each" &&
        article != "every")
      return std::nullopt;
    const std::optional<double> days = lookup(kTimeUnits, tokens_[k + 1].term);
    if (!days) return std::nullopt;
    Quantity q = at(i, k + 1);
    q.unit = "per day";
    q.low = q.high = count / *days;
    q.tolerance = 0.01;
    return q;
  }

  // `doubled`, `halved`, `fivefold`, `tenfold`: a multiple.
  std::optional<Quantity> read_multiple_word(std::size_t i) const {
    const std::string& term = tokens_[i].term;
    std::optional<double> factor = lookup(kMultipleWords, term);
    if (!factor && term.size() > 4 && term.substr(term.size() - 4) == "fold") {
      const std::string_view head = std::string_view(term).substr(0, term.size() - 4);
      if (std::optional<double> n = lookup(kNumberWords, head)) factor = *n;
      if (head == "hundred") factor = 100;
    }
    if (!factor) return std::nullopt;
    Quantity q = at(i, i);
    q.unit = "times";
    q.low = q.high = *factor;
    return q;
  }

  // A quantity spanning tokens [first, last], value and unit to be set.
  Quantity at(std::size_t first, std::size_t last) const {
    Quantity q;
    q.first_token = first;
    q.last_token = last;
    q.begin = tokens_[first].begin;
    q.end = tokens_[last].end;
    return q;
  }

  // A fraction in words: `a quarter of`, `two-thirds of`, `one in three`, `nineteen out of
  // every twenty`, as a percentage.
  std::optional<Quantity> read_fraction(std::size_t i) const {
    double numerator = 0;
    std::size_t k = i;
    const std::string& term = tokens_[i].term;
    bool article = false;
    if (term == "a" || term == "an") {
      numerator = 1;
      article = true;
    } else if (std::optional<double> n = digits_value(tokens_[i])) {
      numerator = *n;
    } else if (std::optional<double> words = read_number_words(i, k)) {
      numerator = *words;
    } else {
      return std::nullopt;
    }
    ++k;
    if (k >= tokens_.size()) return std::nullopt;
    // `a quarter of`, `two-thirds of`: the `of` tells a fraction from `a third country`.
    if (std::optional<double> parts = lookup(kFractionWords, tokens_[k].term)) {
      if (k + 1 >= tokens_.size() || tokens_[k + 1].term != "of") return std::nullopt;
      Quantity q = at(i, k);
      q.unit = "percent";
      q.low = q.high = 100 * numerator / *parts;
      q.tolerance = kFractionTolerance;
      return q;
    }
    if (article) return std::nullopt;
    // `one in three`, `nineteen out of every twenty`.
    std::size_t d = k;
    if (tokens_[d].term == "in") {
      ++d;
    } else if (tokens_[d].term == "out" && d + 1 < tokens_.size() && tokens_[d + 1].term == "of") {
      d += 2;
      if (d < tokens_.size() && tokens_[d].term == "every") ++d;
    } else {
      return std::nullopt;
    }
    if (d >= tokens_.size()) return std::nullopt;
    double denominator = 0;
    std::size_t last = d;
    if (std::optional<double> n = digits_value(tokens_[d])) {
      denominator = *n;
    } else if (std::optional<double> words = read_number_words(d, last)) {
      denominator = *words;
    }
    // `5 in 2024` is a count and a year; a share needs a small whole denominator above it.
    if (denominator <= numerator || denominator > 1000 || denominator != std::floor(denominator))
      return std::nullopt;
    Quantity q = at(i, last);
    q.unit = "percent";
    q.low = q.high = 100 * numerator / denominator;
    q.tolerance = kFractionTolerance;
    return q;
  }

  // `352k`, `5.7m`, `15bn`: a figure with its scale glued on.
  std::optional<double> glued_scale_value(const Token& token) const {
    const std::string& term = token.term;
    std::size_t digits = 0;
    while (digits < term.size() && (std::isdigit(static_cast<unsigned char>(term[digits])) ||
                                    (term[digits] == '.' && digits > 0)))
      ++digits;
    if (digits == 0 || digits == term.size()) return std::nullopt;
    const std::optional<double> scale = lookup(kGluedScales, std::string_view(term).substr(digits));
    if (!scale) return std::nullopt;
    return std::strtod(term.substr(0, digits).c_str(), nullptr) * *scale;
  }

  // The words before a figure that bound it: `more than 40`, `roughly 6,000`, `up to a year`.
  void read_bound(Quantity& q) const {
    const std::size_t i = q.first_token;
    for (const BoundWords& words : kBoundWords) {
      if (words.second.empty()) {
        if (i >= 1 && tokens_[i - 1].term == words.first) {
          set_bound(q, words.bound);
          q.bound_tokens = 1;
          return;
        }
      } else if (i >= 2 && tokens_[i - 2].term == words.first &&
                 tokens_[i - 1].term == words.second) {
        set_bound(q, words.bound);
        q.bound_tokens = 2;
        return;
      }
    }
  }

  static void set_bound(Quantity& q, Bound bound) {
    q.bound = bound;
    if (bound == Bound::kAbout) q.tolerance = std::max(q.tolerance, kAboutTolerance);
  }

  // A figure written with digits or number words, its scale and unit.
  std::optional<Quantity> read_plain(std::size_t i) const {
    if (std::optional<Quantity> fraction = read_fraction(i)) return fraction;
    Quantity q;
    q.first_token = i;
    bool scaled = false;
    double value = 0;
    if (is_footnote_mark(text_, tokens_[i])) return std::nullopt;
    if (std::optional<double> digits = digits_value(tokens_[i])) {
      value = *digits;
      q.last_token = i;
    } else if (std::optional<double> glued = glued_scale_value(tokens_[i])) {
      value = *glued;
      q.last_token = i;
      scaled = true;
    } else if (std::optional<double> words = read_number_words(i, q.last_token)) {
      // A lone "one" is a pronoun far more often than a figure, unless a unit of time follows
      // (`one year`).
      const bool time_follows = q.last_token + 1 < tokens_.size() &&
                                lookup(kTimeUnits, tokens_[q.last_token + 1].term).has_value();
      if (*words == 1 && q.last_token == i && !time_follows) return std::nullopt;
      value = *words;
      scaled = true;  // number words carry their own scale ("eighty thousand")
    } else if ((tokens_[i].term == "a" || tokens_[i].term == "an") && i + 1 < tokens_.size() &&
               lookup(kScales, tokens_[i + 1].term)) {
      // `a thousand`, `a million`: the article is the number one.
      value = *lookup(kScales, tokens_[i + 1].term);
      q.last_token = i + 1;
      scaled = true;
    } else if (tokens_[i].term == "a" && i + 1 < tokens_.size() &&
               lookup(kTimeUnits, tokens_[i + 1].term) && i > 0 &&
               is_duration_lead(tokens_[i - 1].term)) {
      value = 1;  // `more than a decade`, `up to a year`
      q.last_token = i;
      scaled = true;
    } else {
      return std::nullopt;
    }
    std::size_t last = q.last_token;
    if (!scaled && last + 1 < tokens_.size()) {
      if (std::optional<double> scale = lookup(kScales, tokens_[last + 1].term)) {
        value *= *scale;
        scaled = true;
        ++last;
      }
    }
    q.low = q.high = value;
    q.begin = tokens_[i].begin;
    q.end = tokens_[last].end;
    read_currency_sign(q);
    read_unit_after(q, last);
    q.last_token = last;
    // A year is written as four plain digits (`2,024` is a count), or is the year reading of a
    // glued footnote (`1945.1`).
    const Token& first = tokens_[i];
    const std::string_view raw = text_.substr(first.begin, first.end - first.begin);
    const bool four_digits =
        first.alternative.empty()
            ? raw.size() == 4 && raw.find_first_of(".,") == std::string_view::npos
            : first.alternative.size() == 4;
    q.is_year = first.is_number && four_digits && !scaled && q.unit.empty() && value >= 1800 &&
                value <= 2199;
    // `September 10`, `22 March`: a day of the month, which no count can contradict.
    const bool day = first.is_number && !scaled && q.unit.empty() && value >= 1 && value <= 31 &&
                     value == static_cast<int>(value) &&
                     ((i > 0 && is_month(tokens_[i - 1].term)) ||
                      (last + 1 < tokens_.size() && is_month(tokens_[last + 1].term)));
    if (day) q.unit = "day of month";
    if (!q.is_year && q.unit.empty()) read_time_or_multiple(q);
    if (q.unit == "percent") read_percent_change(q);
    return q;
  }

  static bool is_duration_lead(std::string_view term) {
    static constexpr std::array<std::string_view, 13> kLeads = {
        "than",   "for",  "to",   "after", "within", "about", "nearly",
        "almost", "over", "past", "under", "in",     "around"};
    return std::find(kLeads.begin(), kLeads.end(), term) != kLeads.end();
  }

  // `49 times`, `5-fold`, `four times a day`, `two-year`, `11 years`.
  void read_time_or_multiple(Quantity& q) const {
    const std::size_t next = q.last_token + 1;
    if (next >= tokens_.size()) return;
    const std::string& term = tokens_[next].term;
    if (term == "times") {
      if (std::optional<Quantity> rate = per_unit(q.first_token, next + 1, q.low)) {
        rate->begin = q.begin;
        q = *rate;
        return;
      }
      q.unit = "times";
    } else if (term == "fold") {
      q.unit = "times";
    } else if (std::optional<double> days = lookup(kTimeUnits, term)) {
      q.unit = "day";
      q.low *= *days;
      q.high *= *days;
    } else {
      return;
    }
    q.last_token = next;
    q.end = tokens_[next].end;
  }

  // `49% more`, `10% higher`, `20% lower`: a change, compared as a multiple (1.49 times), so
  // that `49 times` is seen to contradict it.
  void read_percent_change(Quantity& q) const {
    const std::size_t next = q.last_token + 1;
    if (next >= tokens_.size() || q.is_range()) return;
    const std::string& term = tokens_[next].term;
    double sign = 0;
    if (term == "more" || term == "higher" || term == "greater") sign = 1;
    if (term == "less" || term == "lower" || term == "fewer") sign = -1;
    if (sign == 0) return;
    q.unit = "times";
    q.low = q.high = 1 + sign * q.low / 100;
    q.last_token = next;
    q.end = tokens_[next].end;
  }

  // `eighty thousand`, `twenty five`, `thirty`, `one million`.
  std::optional<double> read_number_words(std::size_t i, std::size_t& last) const {
    double total = 0;
    double current = 0;
    bool any = false;
    std::size_t k = i;
    for (; k < tokens_.size(); ++k) {
      const std::string& term = tokens_[k].term;
      if (std::optional<double> n = lookup(kNumberWords, term)) {
        current += *n;
      } else if (std::optional<double> scale = lookup(kScales, term); scale && any) {
        current = (current == 0 ? 1 : current) * *scale;
        if (*scale >= 1e3) {
          total += current;
          current = 0;
        }
      } else {
        break;
      }
      any = true;
    }
    if (!any) return std::nullopt;
    last = k - 1;
    return total + current;
  }

  void read_currency_sign(Quantity& q) const {
    std::size_t pos = q.begin;
    while (pos > 0 && (text_[pos - 1] == ' ' || text_[pos - 1] == '\\')) --pos;
    for (const auto& [sign, unit] : kCurrencySigns) {
      if (pos >= sign.size() && text_.substr(pos - sign.size(), sign.size()) == sign) {
        q.unit = unit;
        q.begin = pos - sign.size();
        return;
      }
    }
  }

  void read_unit_after(Quantity& q, std::size_t& last) const {
    std::size_t pos = q.end;
    while (pos < text_.size() && text_[pos] == ' ') ++pos;
    if (pos < text_.size() && text_[pos] == '%') {
      q.unit = "percent";
      q.end = pos + 1;
      return;
    }
    if (last + 1 >= tokens_.size()) return;
    const Token& next = tokens_[last + 1];
    if (next.begin > pos + 1) return;
    std::optional<std::string_view> unit = lookup(kUnitWords, next.term);
    if (!unit) return;
    // A unit that contradicts the currency sign is not this quantity's: check before taking
    // any token, or `$4 per cent` would own `per` while its bytes end at `4`.
    if (!q.unit.empty() && q.unit != *unit) return;
    if (next.term == "per") {
      if (last + 2 >= tokens_.size() || tokens_[last + 2].term != "cent") return;
      ++last;
    }
    q.unit = std::string(*unit);
    ++last;
    q.end = tokens_[last].end;
  }

  bool has_scale_word(const Quantity& q) const {
    for (std::size_t k = q.first_token; k <= q.last_token; ++k) {
      if (lookup(kScales, tokens_[k].term)) return true;
    }
    return false;
  }

  void merge_range(Quantity& lower, const Quantity& upper) const {
    double low = lower.low;
    // The scale and unit written once apply to both ends: `2 and 5 million`, `2-4 percent`.
    if (!has_scale_word(lower) && has_scale_word(upper) && low > 0 && upper.low / low >= 1e3) {
      double scale = 1;
      while (low * scale * 1e3 <= upper.low) scale *= 1e3;
      low *= scale;
    }
    lower.low = low;
    lower.high = upper.high;
    lower.end = upper.end;
    lower.last_token = upper.last_token;
    if (lower.unit.empty()) lower.unit = upper.unit;
    lower.is_year = lower.is_year && upper.is_year;
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
};

std::string format_number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6f", value);
  std::string s(buffer);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool close(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

}  // namespace

bool Quantity::same_kind(const Quantity& other) const {
  return is_year == other.is_year && unit == other.unit;
}

bool Quantity::same_value(const Quantity& other) const {
  return same_kind(other) && close(low, other.low) && close(high, other.high);
}

bool Quantity::agrees_with(const Quantity& source) const {
  if (!same_kind(source)) return false;
  const double allowed = std::max(tolerance, source.tolerance);
  auto near = [&](double a, double b) {
    return close(a, b) || std::fabs(a - b) <= allowed * std::max(std::fabs(a), std::fabs(b));
  };
  switch (bound) {
    case Bound::kAtLeast:
      // `more than 40` is stated by 40 to 50, and by another `more than 40`.
      return source.low >= low * (1 - allowed) - 1e-9 &&
             source.high <= high * (1 + kBoundReach) + 1e-9;
    case Bound::kAtMost:
      return source.high <= high * (1 + allowed) + 1e-9 &&
             source.low >= low * (1 - kBoundReach) - 1e-9;
    case Bound::kExact:
    case Bound::kAbout:
      break;
  }
  return near(low, source.low) && near(high, source.high);
}

std::string describe_tolerance(const Quantity& q) {
  switch (q.bound) {
    case Bound::kAtLeast:
      return format_number(q.low) + " to " + format_number(q.high * (1 + kBoundReach));
    case Bound::kAtMost:
      return format_number(q.low * (1 - kBoundReach)) + " to " + format_number(q.high);
    case Bound::kExact:
    case Bound::kAbout:
      break;
  }
  if (q.tolerance <= 0) return "";
  return "within " + format_number(q.tolerance * 100) + "%";
}

bool is_month(std::string_view term) {
  static constexpr std::array<std::string_view, 13> kMonths = {
      "january", "february",  "march",   "april",    "may",      "june", "july",
      "august",  "september", "october", "november", "december", "sept"};
  return std::find(kMonths.begin(), kMonths.end(), term) != kMonths.end();
}

std::vector<Quantity> extract_quantities(std::string_view text, const std::vector<Token>& tokens) {
  return Extractor(text, tokens).run();
}

std::string describe(const Quantity& q) {
  std::string out;
  switch (q.bound) {
    case Bound::kAbout:
      out = "about ";
      break;
    case Bound::kAtLeast:
      out = "at least ";
      break;
    case Bound::kAtMost:
      out = "at most ";
      break;
    case Bound::kExact:
      break;
  }
  out += q.is_year ? "year " : "";
  out += format_number(q.low);
  if (q.is_range()) out += "-" + format_number(q.high);
  if (!q.unit.empty()) out += " " + q.unit;
  return out;
}

}  // namespace cite::text
