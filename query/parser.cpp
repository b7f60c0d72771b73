#include "query/parser.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

#include "query/positional.hpp"
#include "store/schema.hpp"
#include "text/stopwords.hpp"
#include "text/utf8.hpp"

namespace cite::query {
namespace {

constexpr Xapian::termcount kNearDefaultDistance = 10;
constexpr Xapian::termcount kWildcardMaxExpansion = 200;
// Each group recurses through the parser's five levels: thousands of `(` overflowed the stack
// (one GET could kill `cite serve`). Deeper input is not valid syntax, so it is searched as its
// plain words like any other.
constexpr int kMaxGroupDepth = 32;
// Xapian's matcher is quadratic in the subqueries of a long OR (and recurses once per
// subquery): 20,000 words took 45 s. A longer query is searched as its first words, plain.
constexpr std::size_t kMaxQueryWords = 1000;

enum class Kind {
  kWord,
  kPhrase,
  kOpen,
  kClose,
  kAnd,
  kOr,
  kNot,
  kNear,
  kFileFilter,
  kSectionFilter
};

struct Lexeme {
  Kind kind;
  std::string text;
  Xapian::termcount distance = kNearDefaultDistance;
};

struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `"`, `“`, `”` and `„` all open or close a phrase.
std::size_t quote_length(std::string_view s, std::size_t pos) {
  if (s[pos] == '"') return 1;
  for (std::string_view quote : {"\u201C", "\u201D", "\u201E"}) {
    if (s.substr(pos, quote.size()) == quote) return quote.size();
  }
  return 0;
}

std::optional<Kind> field_kind(const std::string& chunk, std::size_t& name_length) {
  for (auto [field, kind] :
       {std::pair{"file:", Kind::kFileFilter}, std::pair{"section:", Kind::kSectionFilter}}) {
    const std::string_view name(field);
    if (chunk.compare(0, name.size(), name) == 0) {
      name_length = name.size();
      return kind;
    }
  }
  return std::nullopt;
}

std::optional<Lexeme> operator_lexeme(const std::string& chunk) {
  if (chunk == "AND") return Lexeme{Kind::kAnd, chunk};
  if (chunk == "OR") return Lexeme{Kind::kOr, chunk};
  if (chunk == "NOT") return Lexeme{Kind::kNot, chunk};
  if (chunk == "NEAR") return Lexeme{Kind::kNear, chunk};
  const bool near_n = chunk.rfind("NEAR/", 0) == 0 && chunk.size() > 5 && chunk.size() < 9 &&
                      std::all_of(chunk.begin() + 5, chunk.end(), ::isdigit);
  if (near_n) {
    return Lexeme{Kind::kNear, chunk, static_cast<Xapian::termcount>(std::stoul(chunk.substr(5)))};
  }
  return std::nullopt;
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
    } else if (s[pos] == '(' || s[pos] == ')') {
      out.push_back({s[pos] == '(' ? Kind::kOpen : Kind::kClose, std::string(1, s[pos])});
      ++pos;
    } else if (std::size_t quote = quote_length(s, pos)) {
      out.push_back({Kind::kPhrase, read_quoted(quote)});
    } else {
      const std::size_t begin = pos;
      while (pos < s.size() && text::whitespace_length(s, pos) == 0 && s[pos] != '(' &&
             s[pos] != ')' && quote_length(s, pos) == 0) {
        ++pos;
      }
      const std::string chunk(s.substr(begin, pos - begin));
      std::size_t name_length = 0;
      if (std::optional<Kind> field = field_kind(chunk, name_length)) {
        std::string value = chunk.substr(name_length);
        if (value.empty() && pos < s.size() && quote_length(s, pos)) {
          value = read_quoted(quote_length(s, pos));
        }
        out.push_back({*field, value});
      } else if (std::optional<Lexeme> op = operator_lexeme(chunk)) {
        out.push_back(*op);
      } else {
        out.push_back({Kind::kWord, chunk});
      }
    }
  }
  return out;
}

// One operand of the query tree, with the words it would highlight. Those words reach the
// result only if the operand is kept: a dropped stopword or a NOT branch highlights nothing.
struct Operand {
  Xapian::Query query;
  MatchedWords words;
  std::vector<std::string> near_term;  // the unstemmed term of a single word, for NEAR
  bool stopword = false;
  Constraint constraint;  // what the passage's words decide, for a phrase or NEAR inside
};

// A plain-word operand's constraint: a passage word matching its words.
Constraint words_constraint(const MatchedWords& words) {
  Constraint constraint;
  constraint.words = words;
  return constraint;
}

Constraint combined(Constraint::Op op, std::vector<Constraint> children) {
  Constraint constraint;
  constraint.op = op;
  constraint.children = std::move(children);
  return constraint;
}

void merge(MatchedWords& into, const MatchedWords& from) {
  into.terms.insert(from.terms.begin(), from.terms.end());
  into.stems.insert(from.stems.begin(), from.stems.end());
  into.prefixes.insert(into.prefixes.end(), from.prefixes.begin(), from.prefixes.end());
  into.keys.insert(from.keys.begin(), from.keys.end());
}

class Parser {
 public:
  Parser(const std::vector<Lexeme>& lexemes, const text::Analyzer& analyzer, KeyScripts keys)
      : lexemes_(lexemes), analyzer_(analyzer), keys_(keys) {}

  std::optional<Operand> parse() {
    std::optional<Operand> result = parse_or();
    if (pos_ != lexemes_.size()) throw SyntaxError("unexpected " + lexemes_[pos_].text);
    return result;
  }

  // Every word and phrase as a plain word (the first kMaxQueryWords), for input that is not
  // valid syntax.
  std::optional<Operand> parse_as_plain_words() {
    std::vector<Operand> items;
    for (const Lexeme& lexeme : lexemes_) {
      if (lexeme.kind == Kind::kFileFilter || lexeme.kind == Kind::kSectionFilter) continue;
      for (const text::Token& token : analyzer_.analyze(lexeme.text)) {
        if (items.size() == kMaxQueryWords) return combine_default(std::move(items));
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
      left = join(Xapian::Query::OP_OR, std::move(left), parse_sequence());
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
    return combine_default(std::move(items));
  }

  std::optional<Operand> parse_and() {
    std::optional<Operand> left = parse_near();
    while (at(Kind::kAnd) || at(Kind::kNot)) {
      const bool negate =
          at(Kind::kNot) || (pos_ + 1 < lexemes_.size() && lexemes_[pos_ + 1].kind == Kind::kNot);
      pos_ += at(Kind::kAnd) && negate ? 2 : 1;
      if (!at_operand_start()) throw SyntaxError("operator without a right-hand side");
      std::optional<Operand> right = parse_near();
      if (!negate) {
        left = join(Xapian::Query::OP_AND, std::move(left), std::move(right));
      } else if (!left) {
        throw SyntaxError("NOT without a left-hand side");
      } else if (right) {
        // Xapian would exclude passages holding a phrase's words anywhere: the phrase itself is
        // excluded by the constraint instead.
        if (!has_positional(right->constraint)) {
          left->query = Xapian::Query(Xapian::Query::OP_AND_NOT, left->query, right->query);
        }
        left->constraint = combined(Constraint::Op::kAndNot,
                                    {std::move(left->constraint), std::move(right->constraint)});
        left->near_term.clear();
        left->stopword = false;
      }
    }
    return left;
  }

  std::optional<Operand> parse_near() {
    std::optional<Operand> first = parse_primary();
    if (!at(Kind::kNear)) return first;
    Operand near;
    Xapian::termcount distance = 0;
    auto take = [&](const std::optional<Operand>& operand) {
      if (!operand || operand->near_term.size() != 1) throw SyntaxError("NEAR joins words");
      near.near_term.push_back(operand->near_term.front());
    };
    take(first);
    while (at(Kind::kNear)) {
      distance = std::max(distance, lexemes_[pos_].distance);
      ++pos_;
      if (!at(Kind::kWord) && !at(Kind::kPhrase)) throw SyntaxError("NEAR joins words");
      take(parse_primary());
    }
    std::vector<std::string>& terms = near.near_term;
    near.words.terms.insert(terms.begin(), terms.end());
    near.query = Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
    near.constraint.op = Constraint::Op::kNear;
    near.constraint.window = distance + terms.size() - 1;
    near.constraint.terms = std::move(terms);
    near.near_term.clear();
    return near;
  }

  std::optional<Operand> parse_primary() {
    if (pos_ >= lexemes_.size()) throw SyntaxError("expected a word");
    const Lexeme& lexeme = lexemes_[pos_++];
    switch (lexeme.kind) {
      case Kind::kOpen: {
        if (depth_ == kMaxGroupDepth) throw SyntaxError("groups nested too deeply");
        ++depth_;
        std::optional<Operand> inner = parse_or();
        --depth_;
        if (!at(Kind::kClose)) throw SyntaxError("unbalanced parenthesis");
        ++pos_;
        return inner;
      }
      case Kind::kPhrase:
        return phrase_operand(analyze(lexeme.text));
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
      const std::vector<text::Token> tokens = analyze(chunk.substr(0, chunk.size() - 1));
      if (tokens.size() == 1) {
        Operand wildcard;
        wildcard.words.prefixes.push_back(tokens.front().term);
        wildcard.query =
            Xapian::Query(Xapian::Query::OP_WILDCARD, tokens.front().term, kWildcardMaxExpansion,
                          Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        wildcard.constraint = words_constraint(wildcard.words);
        return wildcard;
      }
    }
    const std::vector<text::Token> tokens = analyze(chunk);
    if (tokens.size() == 1) return word_operand(tokens.front());
    // `Lvova-Belova`, `e-mail`: one written word that segments into several is a phrase.
    return phrase_operand(tokens);
  }

  // The words of a lexeme, counted against kMaxQueryWords.
  std::vector<text::Token> analyze(std::string_view text) {
    std::vector<text::Token> tokens = analyzer_.analyze(text);
    words_ += tokens.size();
    if (words_ > kMaxQueryWords) throw SyntaxError("too many words");
    return tokens;
  }

  Operand word_operand(const text::Token& token) const {
    Operand word;
    word.query = store::stem_query(token.stem);
    word.words.stems.insert(token.stem);
    const bool cyrillic = token.script == text::Script::kCyrillic;
    if (!token.key.empty() && (cyrillic ? keys_.latin : keys_.cyrillic)) {
      // The same name in the other script, by its transliteration key. Only the other script's:
      // the word's own is found by its stem. Key terms are boolean (weight 0), so they add
      // passages, ranked after those with the word itself, and change no passage's weight.
      const std::string other = store::key_term(token.key, !cyrillic);
      word.query = Xapian::Query(Xapian::Query::OP_OR, word.query, Xapian::Query(other));
      word.words.keys.insert(other);
    }
    word.near_term = {token.term};
    word.stopword = text::is_stopword(token.term);
    word.constraint = words_constraint(word.words);
    return word;
  }

  static std::optional<Operand> phrase_operand(const std::vector<text::Token>& tokens) {
    if (tokens.empty()) return std::nullopt;
    Operand phrase;
    std::vector<std::string> terms;
    for (const text::Token& token : tokens) terms.push_back(token.term);
    phrase.words.terms.insert(terms.begin(), terms.end());
    if (terms.size() == 1) {
      phrase.query = Xapian::Query(terms.front());
      phrase.near_term = terms;
      phrase.constraint = words_constraint(phrase.words);
    } else {
      // The passages holding every word, weighed as Xapian weighs a phrase (the sum of its
      // words'); the order of the words is checked on each one (query/positional.hpp).
      phrase.query = Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
      phrase.constraint.op = Constraint::Op::kPhrase;
      phrase.constraint.terms = std::move(terms);
    }
    return phrase;
  }

  static std::optional<Operand> join(Xapian::Query::op op, std::optional<Operand> left,
                                     std::optional<Operand> right) {
    if (!left) return right;
    if (!right) return left;
    Operand joined;
    joined.query = Xapian::Query(op, left->query, right->query);
    joined.words = std::move(left->words);
    merge(joined.words, right->words);
    joined.constraint =
        combined(op == Xapian::Query::OP_AND ? Constraint::Op::kAnd : Constraint::Op::kOr,
                 {std::move(left->constraint), std::move(right->constraint)});
    return joined;
  }

  static std::optional<Operand> combine_default(std::vector<Operand> items) {
    const bool all_stopwords =
        std::all_of(items.begin(), items.end(), [](const Operand& o) { return o.stopword; });
    std::vector<Operand> kept;
    for (Operand& item : items) {
      if (!item.stopword || all_stopwords) kept.push_back(std::move(item));
    }
    if (kept.empty()) return std::nullopt;
    if (kept.size() == 1) return std::move(kept.front());
    Operand either;
    std::vector<Xapian::Query> queries;
    std::vector<Constraint> constraints;
    for (Operand& item : kept) {
      queries.push_back(item.query);
      merge(either.words, item.words);
      constraints.push_back(std::move(item.constraint));
    }
    either.query = Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
    either.constraint = combined(Constraint::Op::kOr, std::move(constraints));
    return either;
  }

  const std::vector<Lexeme>& lexemes_;
  const text::Analyzer& analyzer_;
  KeyScripts keys_;
  std::size_t pos_ = 0;
  int depth_ = 0;          // groups open around the current lexeme
  std::size_t words_ = 0;  // analysed so far
};

std::optional<Xapian::Query> filter_query(const std::vector<Lexeme>& lexemes,
                                          const text::Analyzer& analyzer) {
  std::vector<Xapian::Query> files;
  std::vector<Xapian::Query> sections;
  for (const Lexeme& lexeme : lexemes) {
    if (files.size() + sections.size() == kMaxQueryWords) break;
    if (lexeme.kind == Kind::kFileFilter && !lexeme.text.empty()) {
      const std::string term = std::string(store::kPathPrefix) + lexeme.text;
      files.push_back(term.back() == '*' ? Xapian::Query(Xapian::Query::OP_WILDCARD,
                                                         term.substr(0, term.size() - 1))
                                         : Xapian::Query(store::path_term(lexeme.text)));
    } else if (lexeme.kind == Kind::kSectionFilter) {
      std::vector<Xapian::Query> words;
      for (const text::Token& token : analyzer.analyze(lexeme.text)) {
        words.emplace_back(store::section_term(token.term));
      }
      if (!words.empty()) sections.emplace_back(Xapian::Query::OP_AND, words.begin(), words.end());
    }
  }
  std::vector<Xapian::Query> groups;
  if (!files.empty()) groups.emplace_back(Xapian::Query::OP_OR, files.begin(), files.end());
  if (!sections.empty())
    groups.emplace_back(Xapian::Query::OP_OR, sections.begin(), sections.end());
  if (groups.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_AND, groups.begin(), groups.end());
}

}  // namespace

bool MatchedWords::matches(const text::Token& token) const {
  if (terms.count(token.term) || stems.count(token.stem)) return true;
  if (!keys.empty() && !token.key.empty() &&
      keys.count(store::key_term(token.key, token.script == text::Script::kCyrillic))) {
    return true;
  }
  if (!token.alternative.empty() &&
      (terms.count(token.alternative) || stems.count(token.alternative))) {
    return true;
  }
  return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
    return token.term.compare(0, prefix.size(), prefix) == 0;
  });
}

ParsedQuery parse_query(std::string_view input, const text::Analyzer& analyzer, KeyScripts keys) {
  const std::vector<Lexeme> lexemes = lex(input);
  ParsedQuery parsed;
  std::optional<Operand> main;
  try {
    main = Parser(lexemes, analyzer, keys).parse();
  } catch (const SyntaxError&) {
    parsed.fell_back = true;
    main = Parser(lexemes, analyzer, keys).parse_as_plain_words();
  }
  if (main) parsed.words = std::move(main->words);
  if (main && has_positional(main->constraint)) {
    parsed.positional = std::make_shared<const Constraint>(std::move(main->constraint));
  }
  const std::optional<Xapian::Query> filter = filter_query(lexemes, analyzer);
  if (main && filter) {
    parsed.query = Xapian::Query(Xapian::Query::OP_FILTER, main->query, *filter);
  } else if (filter) {
    parsed.query = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, *filter);
  } else if (main) {
    parsed.query = main->query;
  }
  return parsed;
}

}  // namespace cite::query
