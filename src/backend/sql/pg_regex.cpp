#include "backend/sql/pg_regex.h"

#include <cctype>
#include <cstdio>
#include <vector>

namespace kql::sql {
namespace {

// One element of the pattern, for the positions check: how often it repeats.
struct Atom {
  int min = 1, max = 1;  // max -1: unbounded
  bool lazy = false;
};

const char* kDigit = "0-9";
const char* kWord = "0-9A-Za-z_";
const char* kSpace = "\\t\\n\\f\\r ";

class Converter {
 public:
  Converter(std::string_view p, bool positions) : p_(p), positions_(positions) {}

  std::optional<std::string> run(std::string& why) {
    if (!leading_flags() || !sequence()) {
      why = why_;
      return std::nullopt;
    }
    if (positions_ && !check_positions()) {
      why = why_;
      return std::nullopt;
    }
    std::string prefix;
    if (fold_ || multiline_)
      prefix = std::string("(?") + (fold_ ? "i" : "") + (multiline_ ? "w" : "") + ")";
    return prefix + out_;
  }

 private:
  bool fail(std::string why) {
    if (why_.empty()) why_ = std::move(why);
    return false;
  }

  // (?i), (?s), (?m) and their combinations at the very start: an ARE takes options only there.
  bool leading_flags() {
    if (p_.compare(0, 2, "(?") != 0) return true;
    size_t j = 2;
    while (j < p_.size() && (p_[j] == 'i' || p_[j] == 's' || p_[j] == 'm')) ++j;
    if (j == 2 || j >= p_.size() || p_[j] != ')') return true;  // not a flag group
    for (size_t k = 2; k < j; ++k) {
      if (p_[k] == 'i') fold_ = true;
      if (p_[k] == 's') dot_all_ = true;
      if (p_[k] == 'm') multiline_ = true;
    }
    i_ = j + 1;
    return true;
  }

  bool sequence() {
    int depth = 0;
    while (i_ < p_.size()) {
      char c = p_[i_];
      if (c == '|') {
        if (positions_)
          return fail("an alternation: PostgreSQL prefers the longest branch, RE2 the first");
        out_ += '|';
        ++i_;
        continue;
      }
      if (c == '(') {
        if (!open_group()) return false;
        ++depth;
        continue;
      }
      if (c == ')') {
        if (depth == 0) return fail("an unbalanced ')'");
        --depth;
        out_ += ')';
        ++i_;
        group_closed_ = true;
        if (!quantifier()) return false;
        continue;
      }
      group_closed_ = false;
      if (c == '^' || c == '$') {
        out_ += c;
        ++i_;
        continue;
      }
      Atom a;
      if (c == '\\') {
        if (!escape(a)) return false;
      } else if (c == '[') {
        if (!bracket()) return false;
      } else if (c == '.') {
        ++i_;
        if (dot_all_) {
          out_ += '.';
        } else {
          out_ += "[^\\n]";
        }
      } else if (c == '*' || c == '+' || c == '?') {
        return fail("a quantifier with nothing to repeat");
      } else if (c == '{' && bound_length(i_) == 0) {
        out_ += "\\{";  // RE2 reads a '{' that starts no bound as itself; an ARE refuses it
        ++i_;
      } else {
        literal();
      }
      atoms_.push_back(a);
      if (!quantifier()) return false;
    }
    if (depth != 0) return fail("an unbalanced '('");
    return true;
  }

  bool open_group() {
    if (p_.compare(i_, 3, "(?:") == 0) {
      out_ += "(?:";
      i_ += 3;
    } else if (p_.compare(i_, 4, "(?P<") == 0 ||
               (p_.compare(i_, 3, "(?<") == 0 && i_ + 3 < p_.size() && p_[i_ + 3] != '=' &&
                p_[i_ + 3] != '!')) {
      size_t close = p_.find('>', i_);
      if (close == std::string_view::npos) return fail("an unterminated group name");
      out_ += '(';  // the ARE has no names; groups keep their numbers
      i_ = close + 1;
    } else if (p_.compare(i_, 2, "(?") == 0) {
      return fail(
          "flags or assertions inside the pattern (an ARE takes options only at its start)");
    } else {
      out_ += '(';
      ++i_;
    }
    return true;
  }

  // The length of a valid bound {n}, {n,} or {n,m} at `at`, or 0.
  size_t bound_length(size_t at) const {
    size_t j = at + 1, start = j;
    while (j < p_.size() && std::isdigit(static_cast<unsigned char>(p_[j]))) ++j;
    if (j == start) return 0;
    if (j < p_.size() && p_[j] == ',') {
      ++j;
      while (j < p_.size() && std::isdigit(static_cast<unsigned char>(p_[j]))) ++j;
    }
    if (j >= p_.size() || p_[j] != '}') return 0;
    return j + 1 - at;
  }

  bool quantifier() {
    if (i_ >= p_.size()) return true;
    char c = p_[i_];
    int min = 1, max = 1;
    size_t len = 0;
    if (c == '*') min = 0, max = -1, len = 1;
    if (c == '+') min = 1, max = -1, len = 1;
    if (c == '?') min = 0, max = 1, len = 1;
    if (c == '{' && (len = bound_length(i_)) > 0) {
      std::string body(p_.substr(i_ + 1, len - 2));
      size_t comma = body.find(',');
      if (body.size() > 8) return fail("a repeat count above 255");
      min = std::stoi(body.substr(0, comma));
      max = comma == std::string::npos ? min
            : comma + 1 == body.size() ? -1
                                       : std::stoi(body.substr(comma + 1));
      if (min > 255 || max > 255) return fail("a repeat count above 255 (PostgreSQL's limit)");
    }
    if (len == 0) return true;
    out_ += std::string(p_.substr(i_, len));
    i_ += len;
    bool lazy = i_ < p_.size() && p_[i_] == '?';
    if (lazy) {
      if (positions_ && group_closed_)
        return fail("a lazy quantifier on a group: PostgreSQL gives it another meaning");
      out_ += '?';
      ++i_;
    }
    if (i_ < p_.size() && (p_[i_] == '*' || p_[i_] == '+' || p_[i_] == '?'))
      return fail("a repeated quantifier");
    if (positions_ && group_closed_ && min != max)
      return fail("a repeated or optional group: PostgreSQL may split the text differently");
    if (!group_closed_ && !atoms_.empty()) {
      atoms_.back().min = min;
      atoms_.back().max = max;
      atoms_.back().lazy = lazy;
    }
    return true;
  }

  // One literal character (a whole UTF-8 sequence).
  void literal() {
    unsigned char c = static_cast<unsigned char>(p_[i_]);
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    out_ += std::string(p_.substr(i_, n));
    i_ += n;
  }

  // \xHH or \x{H...}: the code point, written as an ARE \U escape (an ARE's \x takes every
  // hex digit that follows, RE2's exactly two).
  bool hex_escape(unsigned& cp) {
    size_t j = i_ + 2;
    std::string digits;
    if (j < p_.size() && p_[j] == '{') {
      size_t close = p_.find('}', j);
      if (close == std::string_view::npos) return fail("an unterminated \\x{...}");
      digits = std::string(p_.substr(j + 1, close - j - 1));
      i_ = close + 1;
    } else {
      digits = std::string(p_.substr(j, 2));
      i_ = j + 2;
    }
    if (digits.empty() || digits.size() > 6) return fail("a malformed \\x escape");
    for (char d : digits)
      if (!std::isxdigit(static_cast<unsigned char>(d))) return fail("a malformed \\x escape");
    cp = static_cast<unsigned>(std::stoul(digits, nullptr, 16));
    return true;
  }

  static std::string u_escape(unsigned cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\U%08X", cp);
    return buf;
  }

  bool escape(Atom& a) {
    if (i_ + 1 >= p_.size()) return fail("a trailing backslash");
    char k = p_[i_ + 1];
    switch (k) {
      case 'd':
      case 'w':
      case 's':
        out_ += std::string("[") + (k == 'd' ? kDigit : k == 'w' ? kWord : kSpace) + "]";
        i_ += 2;
        return true;
      case 'D':
      case 'W':
      case 'S': {
        char lower = static_cast<char>(std::tolower(k));
        out_ += std::string("[^") + (lower == 'd' ? kDigit : lower == 'w' ? kWord : kSpace) + "]";
        i_ += 2;
        return true;
      }
      case 'A':
        out_ += "\\A";
        i_ += 2;
        a.min = a.max = 0;
        return true;
      case 'z':
        out_ += "\\Z";
        i_ += 2;
        a.min = a.max = 0;
        return true;
      case 'x': {
        unsigned cp = 0;
        if (!hex_escape(cp)) return false;
        out_ += u_escape(cp);
        return true;
      }
      case 'n':
      case 't':
      case 'r':
      case 'f':
      case 'v':
      case 'a':
        out_ += std::string("\\") + k;
        i_ += 2;
        return true;
      case 'b':
      case 'B':
        return fail("\\b or \\B (a backspace in PostgreSQL, whose word boundary is \\y)");
      default:
        break;
    }
    if (std::isalnum(static_cast<unsigned char>(k))) return fail(std::string("the escape \\") + k);
    out_ += std::string("\\") + k;  // escaped punctuation stands for itself in both
    i_ += 2;
    return true;
  }

  // A bracket expression, RE2's shorthands written out; POSIX [:classes:] follow the server's
  // locale on PostgreSQL and are refused.
  bool bracket() {
    size_t j = i_ + 1;
    std::string body;
    bool negated = false;
    if (j < p_.size() && p_[j] == '^') negated = true, ++j;
    bool first = true;
    bool after_char = false;  // a '-' here starts a range
    while (j < p_.size() && (p_[j] != ']' || first)) {
      first = false;
      char c = p_[j];
      if (c == '[' && j + 1 < p_.size() &&
          (p_[j + 1] == ':' || p_[j + 1] == '=' || p_[j + 1] == '.'))
        return fail("a [:class:] (PostgreSQL's follow the server's locale)");
      if (c == '-' && after_char && j + 1 < p_.size() && p_[j + 1] != ']') {
        if (p_[j + 1] == '\\') {
          if (j + 2 >= p_.size() || std::isalnum(static_cast<unsigned char>(p_[j + 2])))
            return fail("a range ending in an escape");
          body += "-\\";
          body += p_[j + 2];
          j += 3;
        } else {
          if (static_cast<unsigned char>(p_[j + 1]) >= 0x80)
            return fail("a range of non-ASCII characters");
          body += '-';
          body += p_[j + 1];
          j += 2;
        }
        after_char = false;
        continue;
      }
      if (c == '\\') {
        if (j + 1 >= p_.size()) return fail("a trailing backslash");
        char k = p_[j + 1];
        after_char = true;
        if (k == 'd' || k == 'w' || k == 's') {
          body += k == 'd' ? kDigit : k == 'w' ? kWord : kSpace;
          after_char = false;
        } else if (std::string_view("ntrfva").find(k) != std::string_view::npos ||
                   !std::isalnum(static_cast<unsigned char>(k))) {
          body += std::string("\\") + k;
        } else {
          return fail(std::string("the escape \\") + k + " in a bracket expression");
        }
        j += 2;
        continue;
      }
      unsigned char u = static_cast<unsigned char>(c);
      size_t n = u < 0x80 ? 1 : u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
      body += std::string(p_.substr(j, n));
      after_char = u < 0x80;
      j += n;
    }
    if (j >= p_.size()) return fail("an unterminated bracket expression");
    out_ += std::string("[") + (negated ? "^" : "") + body + "]";
    i_ = j + 1;
    return true;
  }

  // Where matches start and end, and what groups capture: RE2 takes the first match in its
  // priority order (leftmost-first), PostgreSQL the longest (POSIX leftmost-longest, then the
  // longest leftmost groups). They differ through alternation, lazy quantifiers and repeated
  // or optional multi-character groups ((ab)?(abcd)? on "abcd": "ab" against "abcd"), all
  // refused above. What remains is a sequence of one-character atoms under greedy
  // quantifiers, for which the greediest first choice is also the longest match: RE2 backs off
  // an atom only as far as the rest needs, and a later start can always follow the same runs
  // of characters. A pattern that matches the empty string is refused too: the two engines step
  // past empty matches differently in global replacement.
  //
  // A lazy quantifier is taken when it is the pattern's only repeat: RE2 then stops at the
  // shortest match, and PostgreSQL, whose first quantifier sets the whole pattern's preference,
  // takes the shortest too ("name":"(.*?)" reads up to the first quote in both).
  bool check_positions() {
    int repeats = 0;
    bool lazy = false, nullable = true;
    for (const Atom& a : atoms_) {
      if (a.min > 0) nullable = false;
      if (a.min != a.max) ++repeats;
      lazy |= a.lazy;
    }
    if (lazy && repeats > 1)
      return fail("a lazy quantifier beside other repeats: PostgreSQL gives it another meaning");
    if (nullable) return fail("a pattern that matches the empty string");
    return true;
  }

  std::string_view p_;
  bool positions_;
  size_t i_ = 0;
  std::string out_;
  std::string why_;
  bool fold_ = false, dot_all_ = false, multiline_ = false;
  bool group_closed_ = false;  // the last element was a group, which a quantifier repeats
  std::vector<Atom> atoms_;
};

}  // namespace

std::optional<std::string> re2_to_postgres(std::string_view re2, bool positions, std::string& why) {
  return Converter(re2, positions).run(why);
}

}  // namespace kql::sql
