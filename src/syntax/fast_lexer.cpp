#include "syntax/fast_lexer.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "ANTLRInputStream.h"
#include "CommonTokenFactory.h"
#include "KqlLexer.h"
#include "atn/ATN.h"
#include "atn/ATNState.h"
#include "atn/RuleStartState.h"
#include "atn/Transition.h"

namespace kql::syntax_detail {

using L = kqlgen::KqlLexer;

namespace {

constexpr char32_t kEnd = 0xFFFFFFFF;

// Spellings of tokens that have several (the generated vocabulary only knows tokens with a
// single literal). Must match grammar/KqlLexer.g4; a test checks every spelling there.
const std::pair<const char*, size_t> kExtraSpellings[] = {
    {"mv-expand", L::MV_EXPAND},
    {"mvexpand", L::MV_EXPAND},
    {"mv-apply", L::MV_APPLY},
    {"mvapply", L::MV_APPLY},
    {"externaldata", L::EXTERNALDATA},
    {"external_data", L::EXTERNALDATA},
    {"withsource", L::WITHSOURCE},
    {"with_source", L::WITHSOURCE},
    {"true", L::BOOL_TRUE},
    {"True", L::BOOL_TRUE},
    {"TRUE", L::BOOL_TRUE},
    {"false", L::BOOL_FALSE},
    {"False", L::BOOL_FALSE},
    {"FALSE", L::BOOL_FALSE},
    {"real", L::T_REAL},
    {"double", L::T_REAL},
    {"bool", L::T_BOOL},
    {"boolean", L::T_BOOL},
    {"!contains", L::NOT_CONTAINS},
    {"notcontains", L::NOT_CONTAINS},
    {"contains_cs", L::CONTAINS_CS},
    {"containscs", L::CONTAINS_CS},
    {"!contains_cs", L::NOT_CONTAINS_CS},
    {"notcontainscs", L::NOT_CONTAINS_CS},
    {"!=", L::NEQ},
    {"<>", L::NEQ},
};

// The non-ASCII characters of the grammar's WS rule.
bool is_unicode_space(char32_t c) {
  return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}
bool is_word_start(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_word_char(char32_t c) { return is_word_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_hex(char32_t c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_escape(char32_t c) {
  switch (c) {
    case '\\':
    case '"':
    case '\'':
    case 'n':
    case 'r':
    case 't':
    case '0':
    case 'a':
    case 'b':
    case 'f':
    case 'v':
    case 'x':
    case 'u':
    case 'U':
      return true;
  }
  return false;
}

// A set of code points as sorted, disjoint [first, last] ranges.
struct CharSet {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  bool contains(char32_t c) const {
    auto it =
        std::upper_bound(ranges.begin(), ranges.end(), std::make_pair(c, char32_t(0xFFFFFFFF)));
    return it != ranges.begin() && (--it)->second >= c;
  }
};

struct Tables {
  // The IDENTIFIER rule's character classes ([\p{L}_] to start a name, [\p{L}\p{N}_] to
  // continue it), read from the generated lexer's ATN so that Unicode letters are exactly the
  // ones ANTLR's tool knew.
  CharSet name_start, name_part;
  std::vector<std::pair<std::string, size_t>> spellings;  // owns the keys of `words`
  std::unordered_map<std::string_view, size_t> words;     // keywords spelled as names
  // Literals with characters names cannot have (`project-away`, `in~`, `!contains`, `==`).
  std::vector<std::pair<std::u32string, size_t>> symbols;

  Tables() {
    antlr4::ANTLRInputStream empty;
    L lexer(&empty);
    const antlr4::dfa::Vocabulary& v = lexer.getVocabulary();
    auto add = [&](const std::string& text, size_t type) {
      bool word = !text.empty() && is_word_start(static_cast<unsigned char>(text[0]));
      for (char c : text)
        if (!is_word_char(static_cast<unsigned char>(c))) word = false;
      if (word)
        spellings.emplace_back(text, type);
      else
        symbols.emplace_back(std::u32string(text.begin(), text.end()), type);
    };
    for (size_t t = 1; t <= v.getMaxTokenType(); ++t) {
      std::string lit = v.getLiteralName(t);
      if (lit.size() >= 3) add(lit.substr(1, lit.size() - 2), t);
    }
    for (auto& [text, type] : kExtraSpellings) add(text, type);
    for (auto& [text, type] : spellings) words.emplace(text, type);  // no more reallocation
    read_name_classes(lexer);
  }

  void read_name_classes(L& lexer) {
    const auto& names = lexer.getRuleNames();
    size_t rule = std::find(names.begin(), names.end(), "IDENTIFIER") - names.begin();
    const antlr4::atn::ATN& atn = lexer.getATN();
    std::vector<const antlr4::atn::ATNState*> todo{atn.ruleToStartState[rule]};
    std::vector<bool> seen(atn.states.size());
    while (!todo.empty()) {
      const antlr4::atn::ATNState* st = todo.back();
      todo.pop_back();
      if (seen[st->stateNumber]) continue;
      seen[st->stateNumber] = true;
      for (const antlr4::atn::Transition* t : st->transitions) {
        if (t->getSerializationType() == antlr4::atn::Transition::RULE) continue;  // DIGITS
        antlr4::misc::IntervalSet label = t->label();
        if (label.contains(static_cast<size_t>('a'))) {
          CharSet& set = label.contains(static_cast<size_t>('0')) ? name_part : name_start;
          for (const auto& iv : label.getIntervals())
            set.ranges.emplace_back(static_cast<char32_t>(iv.a), static_cast<char32_t>(iv.b));
        }
        todo.push_back(t->target);
      }
    }
    for (CharSet* set : {&name_start, &name_part}) {
      std::sort(set->ranges.begin(), set->ranges.end());
      set->ranges.erase(std::unique(set->ranges.begin(), set->ranges.end()), set->ranges.end());
    }
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

bool is_name_start(char32_t c) {
  return c < 0x80 ? is_word_start(c) : c != kEnd && tables().name_start.contains(c);
}
bool is_name_part(char32_t c) {
  return c < 0x80 ? is_word_char(c) : c != kEnd && tables().name_part.contains(c);
}

const char* const kTimeUnits[] = {
    "d",           "day",          "days",
    "h",           "hr",           "hrs",
    "hour",        "hours",        "m",
    "min",         "minute",       "minutes",
    "s",           "sec",          "second",
    "seconds",     "ms",           "milli",
    "millis",      "millisecond",  "milliseconds",
    "microsecond", "microseconds", "tick",
    "ticks",
};

class Scanner {
 public:
  explicit Scanner(const std::u32string& s) : s_(s), n_(s.size()) {}

  char32_t at(size_t i) const { return i < n_ ? s_[i] : kEnd; }

  bool starts_with(size_t i, const std::u32string& lit) const {
    if (i + lit.size() > n_) return false;
    for (size_t k = 0; k < lit.size(); ++k)
      if (s_[i + k] != lit[k]) return false;
    return true;
  }

  size_t run(size_t i, bool (*pred)(char32_t)) const {
    size_t j = i;
    while (j < n_ && pred(s_[j])) ++j;
    return j - i;
  }

  // "..." / '...' starting with the quote at q; returns {type, end}.
  std::pair<size_t, size_t> quoted(size_t q) const {
    char32_t quote = s_[q];
    size_t j = q + 1;
    for (;;) {
      char32_t c = at(j);
      if (c == kEnd || c == '\r' || c == '\n') return {L::UNTERMINATED_STRING, j};
      if (c == quote) return {L::STRING, j + 1};
      if (c == '\\') {
        char32_t e = at(j + 1);
        if (e == kEnd || e == '\r' || e == '\n') return {L::UNTERMINATED_STRING, j + 1};
        if (!is_escape(e)) return {L::BAD_ESCAPE_STRING, j + 2};
        j += 2;
        continue;
      }
      ++j;
    }
  }

  // @"..." / @'...' with the '@' at a.
  std::pair<size_t, size_t> verbatim(size_t a) const {
    char32_t quote = s_[a + 1];
    size_t j = a + 2;
    for (;;) {
      char32_t c = at(j);
      if (c == kEnd || c == '\r' || c == '\n') return {L::UNTERMINATED_STRING, j};
      if (c == quote) {
        if (at(j + 1) == quote) {
          j += 2;
          continue;
        }
        return {L::STRING, j + 1};
      }
      ++j;
    }
  }

  // A string literal of any form starting at i (after an optional h/H prefix), or {0, 0}.
  std::pair<size_t, size_t> string_at(size_t i) const {
    char32_t c = at(i);
    if (c == '"' || c == '\'') return quoted(i);
    if (c == '@' && (at(i + 1) == '"' || at(i + 1) == '\'')) return verbatim(i);
    return {0, 0};
  }

  // `datetime(...)`-style literal: name [ \t]* '(' ~[()\r\n]* ')' starting after the name.
  size_t paren_literal_end(size_t j) const {
    while (at(j) == ' ' || at(j) == '\t') ++j;
    if (at(j) != '(') return 0;
    ++j;
    for (;;) {
      char32_t c = at(j);
      if (c == ')') return j + 1;
      if (c == kEnd || c == '(' || c == '\r' || c == '\n') return 0;
      ++j;
    }
  }

  size_t time_unit_len(size_t i) const {
    size_t best = 0;
    for (const char* u : kTimeUnits) {
      size_t k = 0;
      while (u[k] && at(i + k) == static_cast<char32_t>(u[k])) ++k;
      if (!u[k] && k > best) best = k;
    }
    return best;
  }

 private:
  const std::u32string& s_;
  size_t n_;
};

}  // namespace

antlr4::TokenFactory<antlr4::CommonToken>* FastLexer::getTokenFactory() {
  return antlr4::CommonTokenFactory::DEFAULT.get();
}

void FastLexer::emit(size_t type, size_t start, size_t stop, size_t line, size_t column) {
  auto tok = std::make_unique<antlr4::CommonToken>(std::make_pair(this, input_), type,
                                                   antlr4::Token::DEFAULT_CHANNEL, start, stop);
  tok->setLine(line);
  tok->setCharPositionInLine(column);
  tokens_.push_back(std::move(tok));
}

std::unique_ptr<antlr4::Token> FastLexer::nextToken() {
  if (next_ < tokens_.size()) return std::move(tokens_[next_++]);
  auto eof = std::make_unique<antlr4::CommonToken>(std::make_pair(this, input_), antlr4::Token::EOF,
                                                   antlr4::Token::DEFAULT_CHANNEL, end_, end_ - 1);
  eof->setLine(line_);
  eof->setCharPositionInLine(column_);
  return eof;
}

bool FastLexer::prepare(const std::u32string& s, antlr4::CharStream* input) {
  const Tables& tab = tables();
  Scanner sc(s);
  input_ = input;
  tokens_.clear();
  next_ = 0;
  end_ = s.size();
  size_t n = s.size();
  size_t line = 1, line_start = 0;
  size_t i = 0;
  char word_buf[64];  // names are ASCII here; longer ones are never keywords
  while (i < n) {
    char32_t c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' ||
        is_unicode_space(c)) {
      if (c == '\n') {
        ++line;
        line_start = i + 1;
      }
      ++i;
      continue;
    }
    if (c == '/' && sc.at(i + 1) == '/') {
      while (i < n && s[i] != '\r' && s[i] != '\n') ++i;
      continue;
    }
    size_t type = L::BAD_CHAR;
    size_t end = i + 1;
    if (is_name_start(c)) {
      size_t len = sc.run(i, is_name_part);
      std::string_view word;
      if (len < sizeof word_buf) {  // keywords are short and ASCII
        size_t k = 0;
        while (k < len && s[i + k] < 0x80) word_buf[k] = static_cast<char>(s[i + k]), ++k;
        if (k == len) word = std::string_view(word_buf, len);
      }
      auto it = word.empty() ? tab.words.end() : tab.words.find(word);
      type = it != tab.words.end() ? it->second : L::IDENTIFIER;
      end = i + len;
      if (len == 1 && (c == 'h' || c == 'H')) {
        auto [t, e] = sc.string_at(i + 1);
        if (t) type = t, end = e;
      }
      if (word == "datetime" || word == "timespan" || word == "time" || word == "guid") {
        if (size_t e = sc.paren_literal_end(i + len)) {
          type = word == "datetime" ? L::DATETIME_LITERAL
                 : word == "guid"   ? L::GUID_LITERAL
                                    : L::TIMESPAN_LITERAL;
          end = e;
        }
      }
      char32_t after = sc.at(i + len);
      if (after == '-' || after == '~') {
        for (auto& [lit, t] : tab.symbols)
          if (i + lit.size() > end && sc.starts_with(i, lit)) type = t, end = i + lit.size();
      }
    } else if (is_digit(c)) {
      size_t d = sc.run(i, is_digit);
      // Candidates in the grammar's rule order; the longest wins, the earliest on a tie.
      size_t best = i + d;
      type = L::INT_NUMBER;
      auto consider = [&](size_t t, size_t e) {
        if (e > best || (e == best && t < type)) type = t, best = e;
      };
      size_t frac =
          (sc.at(i + d) == '.' && is_digit(sc.at(i + d + 1))) ? 1 + sc.run(i + d + 1, is_digit) : 0;
      if (size_t u = sc.time_unit_len(i + d + frac)) consider(L::TIMESPAN, i + d + frac + u);
      if (frac)
        if (size_t u = sc.time_unit_len(i + d)) consider(L::TIMESPAN, i + d + u);
      if (c == '0' && (sc.at(i + 1) == 'x' || sc.at(i + 1) == 'X') && is_hex(sc.at(i + 2)))
        consider(L::HEX_NUMBER, i + 2 + sc.run(i + 2, is_hex));
      auto exponent = [&](size_t j) -> size_t {
        if (sc.at(j) != 'e' && sc.at(j) != 'E') return 0;
        size_t k = j + 1;
        if (sc.at(k) == '+' || sc.at(k) == '-') ++k;
        return is_digit(sc.at(k)) ? k + sc.run(k, is_digit) - j : 0;
      };
      if (frac) consider(L::REAL_NUMBER, i + d + frac + exponent(i + d + frac));
      if (size_t e = exponent(i + d)) consider(L::REAL_NUMBER, i + d + e);
      if (is_name_start(sc.at(i + d))) consider(L::IDENTIFIER, i + d + sc.run(i + d, is_name_part));
      end = best;
    } else if (c == '"' || c == '\'' || c == '@') {
      auto [t, e] = sc.string_at(i);
      if (t) type = t, end = e;
    } else if (c == '`' && sc.at(i + 1) == '`' && sc.at(i + 2) == '`') {
      type = L::UNTERMINATED_STRING;
      end = n;
      for (size_t j = i + 3; j + 2 < n; ++j)
        if (s[j] == '`' && s[j + 1] == '`' && s[j + 2] == '`') {
          type = L::STRING;
          end = j + 3;
          break;
        }
    } else if (c == '~' && sc.at(i + 1) == '~' && sc.at(i + 2) == '~') {
      for (size_t j = i + 3; j + 2 < n; ++j)
        if (s[j] == '~' && s[j + 1] == '~' && s[j + 2] == '~') {
          type = L::STRING;
          end = j + 3;
          break;
        }
    } else if (c == '$' && is_word_start(sc.at(i + 1))) {
      type = L::DOLLAR_NAME;
      end = i + 1 + sc.run(i + 1, is_word_char);
    } else {
      for (auto& [lit, t] : tab.symbols)
        if (i + lit.size() > end - (type == L::BAD_CHAR ? 1 : 0) && sc.starts_with(i, lit))
          type = t, end = i + lit.size();
    }
    emit(type, i, end - 1, line, i - line_start);
    for (size_t j = i; j < end; ++j)  // only ``` strings span lines
      if (s[j] == '\n') {
        ++line;
        line_start = j + 1;
      }
    i = end;
  }
  line_ = line;
  column_ = n - line_start;
  return true;
}

}  // namespace kql::syntax_detail
