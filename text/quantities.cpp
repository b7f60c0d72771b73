#include "text/quantities.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
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

bool is_month(std::string_view term) {
  static constexpr std::array<std::string_view, 13> kMonths = {
      "january", "february",  "march",   "april",    "may",      "june", "july",
      "august",  "september", "october", "november", "december", "sept"};
  return std::find(kMonths.begin(), kMonths.end(), term) != kMonths.end();
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
    Quantity q;
    q.first_token = i;
    bool scaled = false;
    double value = 0;
    if (is_footnote_mark(text_, tokens_[i])) return std::nullopt;
    if (std::optional<double> digits = digits_value(tokens_[i])) {
      value = *digits;
      q.last_token = i;
    } else if (std::optional<double> words = read_number_words(i, q.last_token)) {
      if (*words == 1 && q.last_token == i) {
        return std::nullopt;  // a lone "one" is a pronoun far more often than a figure
      }
      value = *words;
      scaled = true;  // number words carry their own scale ("eighty thousand")
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
    return q;
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

std::vector<Quantity> extract_quantities(std::string_view text, const std::vector<Token>& tokens) {
  return Extractor(text, tokens).run();
}

std::string describe(const Quantity& q) {
  std::string out = q.is_year ? "year " : "";
  out += format_number(q.low);
  if (q.is_range()) out += "-" + format_number(q.high);
  if (!q.unit.empty()) out += " " + q.unit;
  return out;
}

}  // namespace cite::text
