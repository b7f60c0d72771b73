#include "query/parser.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

#include "store/schema.hpp"
#include "text/utf8.hpp"

namespace cite::query {
namespace {

constexpr Xapian::termcount kNearDefaultDistance = 10;
constexpr Xapian::termcount kWildcardMaxExpansion = 200;

enum class Kind { kWord, kPhrase, kOpen, kClose, kAnd, kOr, kNot, kNear, kFileFilter, kSectionFilter };

struct Lexeme {
  Kind kind;
  std::string text;
  Xapian::termcount distance = kNearDefaultDistance;
};

struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool is_stopword(const std::string& term) {
  static constexpr std::array<std::string_view, 48> kStopwords = {
      "a",    "about", "an",   "and",   "are",  "as",    "at",   "be",    "been", "but",
      "by",   "can",   "could", "did",  "do",   "does",  "for",  "from",  "had",  "has",
      "have", "he",    "her",  "his",   "i",    "if",    "in",   "into",  "is",   "it",
      "its",  "of",    "on",   "or",    "she",  "so",    "than", "that",  "the",  "their",
      "them", "they",  "this", "to",    "was",  "were",  "with", "would"};
  return std::binary_search(kStopwords.begin(), kStopwords.end(), term);
}

// `"`, `“`, `”` and `„` all open or close a phrase.
std::size_t quote_length(std::string_view s, std::size_t pos) {
  if (s[pos] == '"') return 1;
  for (std::string_view quote : {"\u201C", "\u201D", "\u201E"}) {
    if (s.substr(pos, quote.size()) == quote) return quote.size();
  }
  return 0;
}

std::vector<Lexeme> lex(std::string_view s) {
  std::vector<Lexeme> out;
  std::size_t pos = 0;
  auto read_quoted = [&](std::size_t open) {
    pos += open;
    const std::size_t begin = pos;
    while (pos < s.size() && quote_length(s, pos) == 0) ++pos;
    std::string text(s.substr(begin, pos - begin));
    if (pos < s.size()) pos += quote_length(s, pos);
    return text;
  };
  while (pos < s.size()) {
    if (std::size_t space = text::whitespace_length(s, pos)) {
      pos += space;
      continue;
    }
    if (s[pos] == '(' || s[pos] == ')') {
      out.push_back({s[pos] == '(' ? Kind::kOpen : Kind::kClose, std::string(1, s[pos])});
      ++pos;
      continue;
    }
    if (std::size_t quote = quote_length(s, pos)) {
      out.push_back({Kind::kPhrase, read_quoted(quote)});
      continue;
    }
    const std::size_t begin = pos;
    while (pos < s.size() && text::whitespace_length(s, pos) == 0 && s[pos] != '(' &&
           s[pos] != ')' && quote_length(s, pos) == 0) {
      ++pos;
    }
    const std::string chunk(s.substr(begin, pos - begin));
    for (auto [field, kind] : {std::pair{"file:", Kind::kFileFilter},
                               std::pair{"section:", Kind::kSectionFilter}}) {
      const std::string_view name(field);
      if (chunk.compare(0, name.size(), name) != 0) continue;
      std::string value = chunk.substr(name.size());
      if (value.empty() && pos < s.size() && quote_length(s, pos)) value = read_quoted(quote_length(s, pos));
      out.push_back({kind, value});
      goto next;
    }
    if (chunk == "AND") {
      out.push_back({Kind::kAnd, chunk});
    } else if (chunk == "OR") {
      out.push_back({Kind::kOr, chunk});
    } else if (chunk == "NOT") {
      out.push_back({Kind::kNot, chunk});
    } else if (chunk == "NEAR") {
      out.push_back({Kind::kNear, chunk});
    } else if (chunk.rfind("NEAR/", 0) == 0 && chunk.size() > 5 && chunk.size() < 9 &&
               std::all_of(chunk.begin() + 5, chunk.end(), ::isdigit)) {
      out.push_back({Kind::kNear, chunk, static_cast<Xapian::termcount>(std::stoul(chunk.substr(5)))});
    } else {
      out.push_back({Kind::kWord, chunk});
    }
  next:;
  }
  return out;
}

// One operand of the query tree.
struct Operand {
  Xapian::Query query;
  std::vector<std::string> positional;  // the unstemmed term of a single word, for NEAR
  bool stopword = false;
};

class Parser {
 public:
  Parser(const std::vector<Lexeme>& lexemes, const text::Analyzer& analyzer, MatchedWords& words)
      : lexemes_(lexemes), analyzer_(analyzer), words_(words) {}

  std::optional<Xapian::Query> parse() {
    std::optional<Operand> result = parse_or();
    if (pos_ != lexemes_.size()) throw SyntaxError("unexpected " + lexemes_[pos_].text);
    if (!result) return std::nullopt;
    return result->query;
  }

  // Every word and phrase as a plain word, for input that is not valid syntax.
  std::optional<Xapian::Query> parse_as_plain_words() {
    std::vector<Operand> items;
    for (const Lexeme& lexeme : lexemes_) {
      if (lexeme.kind == Kind::kFileFilter || lexeme.kind == Kind::kSectionFilter) continue;
      for (const text::Token& token : analyzer_.analyze(lexeme.text)) {
        items.push_back(word_operand(token));
      }
    }
    return combine_default(std::move(items));
  }

 private:
  bool at(Kind kind) const { return pos_ < lexemes_.size() && lexemes_[pos_].kind == kind; }

  bool at_operand_start() const {
    return at(Kind::kWord) || at(Kind::kPhrase) || at(Kind::kOpen) || at(Kind::kFileFilter) ||
           at(Kind::kSectionFilter);
  }

  std::optional<Operand> parse_or() {
    std::optional<Operand> left = parse_sequence();
    while (at(Kind::kOr)) {
      ++pos_;
      std::optional<Operand> right = parse_sequence();
      left = join(Xapian::Query::OP_OR, std::move(left), std::move(right));
    }
    return left;
  }

  // Operands side by side, OR'ed: BM25 ranks the passages holding most of them first.
  std::optional<Operand> parse_sequence() {
    if (!at_operand_start()) throw SyntaxError("expected a word");
    std::vector<Operand> items;
    while (at_operand_start()) {
      if (std::optional<Operand> item = parse_and()) items.push_back(std::move(*item));
    }
    std::optional<Xapian::Query> combined = combine_default(std::move(items));
    if (!combined) return std::nullopt;
    return Operand{*combined, {}, false};
  }

  std::optional<Operand> parse_and() {
    std::optional<Operand> left = parse_near();
    while (at(Kind::kAnd) || at(Kind::kNot)) {
      const bool negate = at(Kind::kNot) || (pos_ + 1 < lexemes_.size() &&
                                             lexemes_[pos_ + 1].kind == Kind::kNot);
      pos_ += at(Kind::kAnd) && negate ? 2 : 1;
      if (!at_operand_start()) throw SyntaxError("operator without a right-hand side");
      if (negate) {
        const bool was_negated = negated_;
        negated_ = true;
        std::optional<Operand> right = parse_near();
        negated_ = was_negated;
        if (!left) throw SyntaxError("NOT without a left-hand side");
        if (right) left = Operand{Xapian::Query(Xapian::Query::OP_AND_NOT, left->query, right->query), {}, false};
      } else {
        left = join(Xapian::Query::OP_AND, std::move(left), parse_near());
      }
    }
    return left;
  }

  std::optional<Operand> parse_near() {
    std::optional<Operand> first = parse_primary();
    if (!at(Kind::kNear)) return first;
    std::vector<std::string> terms;
    Xapian::termcount distance = 0;
    auto take = [&](const std::optional<Operand>& operand) {
      if (!operand || operand->positional.size() != 1) throw SyntaxError("NEAR joins single words");
      terms.push_back(operand->positional.front());
    };
    take(first);
    while (at(Kind::kNear)) {
      distance = std::max(distance, lexemes_[pos_].distance);
      ++pos_;
      if (!at(Kind::kWord) && !at(Kind::kPhrase)) throw SyntaxError("NEAR joins single words");
      take(parse_primary());
    }
    if (!negated_) words_.terms.insert(terms.begin(), terms.end());
    const auto window = static_cast<Xapian::termcount>(distance + terms.size() - 1);
    return Operand{Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(), window), {}, false};
  }

  std::optional<Operand> parse_primary() {
    if (pos_ >= lexemes_.size()) throw SyntaxError("expected a word");
    const Lexeme& lexeme = lexemes_[pos_++];
    switch (lexeme.kind) {
      case Kind::kOpen: {
        std::optional<Operand> inner = parse_or();
        if (!at(Kind::kClose)) throw SyntaxError("unbalanced parenthesis");
        ++pos_;
        return inner;
      }
      case Kind::kPhrase:
        return phrase_operand(analyzer_.analyze(lexeme.text));
      case Kind::kWord:
        return word_chunk_operand(lexeme.text);
      case Kind::kFileFilter:
      case Kind::kSectionFilter:
        return std::nullopt;  // applied to the whole query by parse_query
      default:
        throw SyntaxError("unexpected " + lexeme.text);
    }
  }

  std::optional<Operand> word_chunk_operand(const std::string& chunk) {
    if (chunk.size() > 1 && chunk.back() == '*') {
      const std::vector<text::Token> tokens = analyzer_.analyze(chunk.substr(0, chunk.size() - 1));
      if (tokens.size() == 1) {
        const std::string prefix = tokens.front().term;
        if (!negated_) words_.prefixes.push_back(prefix);
        return Operand{Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, kWildcardMaxExpansion,
                                     Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
                       {}, false};
      }
    }
    const std::vector<text::Token> tokens = analyzer_.analyze(chunk);
    if (tokens.size() == 1) return word_operand(tokens.front());
    // `Lvova-Belova`, `e-mail`: one written word that segments into several is a phrase.
    return phrase_operand(tokens);
  }

  Operand word_operand(const text::Token& token) {
    if (!negated_) words_.stems.insert(token.stem);
    return Operand{Xapian::Query(std::string(store::kStemPrefix) + token.stem), {token.term},
                   is_stopword(token.term)};
  }

  std::optional<Operand> phrase_operand(const std::vector<text::Token>& tokens) {
    if (tokens.empty()) return std::nullopt;
    std::vector<std::string> terms;
    for (const text::Token& token : tokens) terms.push_back(token.term);
    if (!negated_) words_.terms.insert(terms.begin(), terms.end());
    if (terms.size() == 1) return Operand{Xapian::Query(terms.front()), terms, false};
    return Operand{Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                 static_cast<Xapian::termcount>(terms.size())),
                   {}, false};
  }

  static std::optional<Operand> join(Xapian::Query::op op, std::optional<Operand> left,
                                     std::optional<Operand> right) {
    if (!left) return right;
    if (!right) return left;
    return Operand{Xapian::Query(op, left->query, right->query), {}, false};
  }

  static std::optional<Xapian::Query> combine_default(std::vector<Operand> items) {
    const bool all_stopwords =
        std::all_of(items.begin(), items.end(), [](const Operand& o) { return o.stopword; });
    std::vector<Xapian::Query> kept;
    for (Operand& item : items) {
      if (!item.stopword || all_stopwords) kept.push_back(std::move(item.query));
    }
    if (kept.empty()) return std::nullopt;
    if (kept.size() == 1) return kept.front();
    return Xapian::Query(Xapian::Query::OP_OR, kept.begin(), kept.end());
  }

  const std::vector<Lexeme>& lexemes_;
  const text::Analyzer& analyzer_;
  MatchedWords& words_;
  std::size_t pos_ = 0;
  bool negated_ = false;
};

std::optional<Xapian::Query> filter_query(const std::vector<Lexeme>& lexemes,
                                          const text::Analyzer& analyzer) {
  std::vector<Xapian::Query> files;
  std::vector<Xapian::Query> sections;
  for (const Lexeme& lexeme : lexemes) {
    if (lexeme.kind == Kind::kFileFilter && !lexeme.text.empty()) {
      const std::string term = std::string(store::kPathPrefix) + lexeme.text;
      files.push_back(term.back() == '*'
                          ? Xapian::Query(Xapian::Query::OP_WILDCARD, term.substr(0, term.size() - 1))
                          : Xapian::Query(store::path_term(lexeme.text)));
    } else if (lexeme.kind == Kind::kSectionFilter) {
      std::vector<Xapian::Query> words;
      for (const text::Token& token : analyzer.analyze(lexeme.text)) {
        words.emplace_back(std::string(store::kSectionPrefix) + token.term);
      }
      if (!words.empty()) sections.emplace_back(Xapian::Query::OP_AND, words.begin(), words.end());
    }
  }
  std::vector<Xapian::Query> groups;
  if (!files.empty()) groups.emplace_back(Xapian::Query::OP_OR, files.begin(), files.end());
  if (!sections.empty()) groups.emplace_back(Xapian::Query::OP_OR, sections.begin(), sections.end());
  if (groups.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_AND, groups.begin(), groups.end());
}

}  // namespace

bool MatchedWords::matches(const text::Token& token) const {
  if (terms.count(token.term) || stems.count(token.stem)) return true;
  if (!token.alternative.empty() && (terms.count(token.alternative) || stems.count(token.alternative))) {
    return true;
  }
  return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
    return token.term.compare(0, prefix.size(), prefix) == 0;
  });
}

ParsedQuery parse_query(std::string_view input, const text::Analyzer& analyzer) {
  const std::vector<Lexeme> lexemes = lex(input);
  ParsedQuery parsed;
  std::optional<Xapian::Query> main;
  try {
    main = Parser(lexemes, analyzer, parsed.words).parse();
  } catch (const SyntaxError&) {
    parsed.words = MatchedWords{};
    parsed.fell_back = true;
    main = Parser(lexemes, analyzer, parsed.words).parse_as_plain_words();
  }
  const std::optional<Xapian::Query> filter = filter_query(lexemes, analyzer);
  if (main && filter) {
    parsed.query = Xapian::Query(Xapian::Query::OP_FILTER, *main, *filter);
  } else if (filter) {
    parsed.query = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, *filter);
  } else if (main) {
    parsed.query = *main;
  }
  return parsed;
}

}  // namespace cite::query
