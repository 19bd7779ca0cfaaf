#include "backend/zeek/regex_convert.h"

#include <cctype>

#include "backend/zeek/zeek_text.h"

namespace kql::zeek {

namespace {

struct Failure {
  std::string message;
  uint32_t offset;
};

// A recursive-descent reader over the RE2 text that writes the Zeek body as it goes.
class Converter {
 public:
  explicit Converter(std::string_view re) : re_(re) {}

  RegexConversion run() {
    RegexConversion result;
    try {
      std::string body;
      // A leading (?i) applies to the whole pattern.
      if (re_.substr(0, 4) == "(?i)") {
        pos_ = 4;
        case_insensitive_ = true;
        body = "(?i:" + alternation() + ")";
      } else {
        body = alternation();
      }
      if (pos_ < re_.size()) fail("unbalanced ')'", pos_);
      result.ok = true;
      result.body = std::move(body);
    } catch (const Failure& f) {
      result.error = f.message;
      result.offset = f.offset;
    }
    return result;
  }

 private:
  [[noreturn]] void fail(std::string message, size_t at) {
    throw Failure{std::move(message), static_cast<uint32_t>(at)};
  }
  bool at_end() const { return pos_ >= re_.size(); }
  char peek(size_t ahead = 0) const { return pos_ + ahead < re_.size() ? re_[pos_ + ahead] : '\0'; }

  std::string alternation() {
    std::string out = sequence();
    while (!at_end() && peek() == '|') {
      ++pos_;
      out += '|';
      out += sequence();
    }
    return out;
  }

  std::string sequence() {
    std::string out;
    while (!at_end() && peek() != '|' && peek() != ')') {
      size_t start = pos_;
      std::string atom_text = atom();
      out += atom_text + quantifier(start);
    }
    return out;
  }

  // At most one quantifier per atom (RE2 rejects `a**` as well).
  std::string quantifier(size_t atom_start) {
    std::string out;
    char c = peek();
    if (c == '*' || c == '+' || c == '?') {
      ++pos_;
      out += c;
    } else if (c == '{' && repetition_ahead()) {
      out = repetition();
    } else {
      return out;
    }
    if (peek() == '?') ++pos_;  // lazy: same answer to "is there a match"
    char next = peek();
    if (next == '*' || next == '+' || next == '?' || (next == '{' && repetition_ahead()))
      fail("a repeated quantifier", atom_start);
    return out;
  }

  // RE2 reads `{` as a repetition only in the forms {n}, {n,}, {n,m}; anything else is a
  // literal brace.
  bool repetition_ahead() const {
    size_t i = pos_ + 1;
    size_t digits = 0;
    while (i < re_.size() && std::isdigit(static_cast<unsigned char>(re_[i]))) ++i, ++digits;
    if (i < re_.size() && re_[i] == ',' && digits == 0) return false;
    if (digits == 0) return false;
    if (i < re_.size() && re_[i] == '}') return true;
    if (i >= re_.size() || re_[i] != ',') return false;
    ++i;
    while (i < re_.size() && std::isdigit(static_cast<unsigned char>(re_[i]))) ++i;
    return i < re_.size() && re_[i] == '}';
  }

  std::string repetition() {
    size_t close = re_.find('}', pos_);
    std::string text(re_.substr(pos_, close - pos_ + 1));
    pos_ = close + 1;
    return text;
  }

  std::string atom() {
    size_t start = pos_;
    char c = peek();
    switch (c) {
      case '(':
        return group();
      case '[':
        return char_class();
      case '.':
        ++pos_;
        return ".";
      case '^':
        ++pos_;
        return "^";
      case '$':
        ++pos_;
        return "$";
      case '\\':
        return escape(/*in_class=*/false);
      case '*':
      case '+':
      case '?':
        fail("a quantifier with nothing to repeat", start);
      case '{':
        ++pos_;
        return pattern_byte('{');
      default: {
        // One UTF-8 character, literal.
        auto b = static_cast<unsigned char>(c);
        size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : 4;
        if (pos_ + len > re_.size()) len = re_.size() - pos_;
        std::string_view ch = re_.substr(pos_, len);
        pos_ += len;
        if (case_insensitive_ && len > 1)
          fail("case-insensitive matching of a non-ASCII character", start);
        return pattern_text(ch);
      }
    }
  }

  std::string group() {
    size_t start = pos_;
    ++pos_;  // (
    std::string open = "(";
    bool saved_ci = case_insensitive_;
    if (peek() == '?') {
      if (peek(1) == ':') {
        pos_ += 2;
      } else if (peek(1) == 'P' && peek(2) == '<') {
        skip_group_name(pos_ + 3);
      } else if (peek(1) == '<' && peek(2) != '=' && peek(2) != '!') {
        skip_group_name(pos_ + 2);
      } else if (peek(1) == 'i' && peek(2) == ':') {
        pos_ += 3;
        open = "(?i:";
        case_insensitive_ = true;
      } else if (peek(1) == '=' || peek(1) == '!' || peek(1) == '<') {
        fail("lookaround assertions have no Zeek equivalent", start);
      } else {
        fail("regex flags other than a leading (?i) or (?i:...) have no Zeek equivalent", start);
      }
    }
    std::string inner = alternation();
    if (peek() != ')') fail("missing ')'", start);
    ++pos_;
    case_insensitive_ = saved_ci;
    return open + inner + ")";
  }

  void skip_group_name(size_t from) {
    size_t close = re_.find('>', from);
    if (close == std::string_view::npos) fail("unterminated group name", pos_);
    pos_ = close + 1;
  }

  // The class members written by \d \w \s, usable inside a Zeek class.
  static const char* shorthand_members(char c) {
    switch (c) {
      case 'd':
      case 'D':
        return "0-9";
      case 'w':
      case 'W':
        return "0-9A-Za-z_";
      case 's':
      case 'S':
        return "\\x09\\x0a\\x0c\\x0d\\x20";
      default:
        return nullptr;
    }
  }

  // An escape outside a class returns a complete atom; inside a class (class_member) it
  // returns class members.
  std::string escape(bool in_class) {
    size_t start = pos_;
    ++pos_;  // backslash
    if (at_end()) fail("trailing backslash", start);
    char c = re_[pos_++];
    if (const char* members = shorthand_members(c)) {
      bool negated = std::isupper(static_cast<unsigned char>(c));
      if (in_class) {
        if (negated) fail("a negated shorthand (\\D \\W \\S) inside a class", start);
        return members;
      }
      return std::string(negated ? "[^" : "[") + members + "]";
    }
    switch (c) {
      case 'n':
        return pattern_byte('\n');
      case 't':
        return pattern_byte('\t');
      case 'r':
        return pattern_byte('\r');
      case 'f':
        return pattern_byte('\f');
      case 'v':
        return pattern_byte('\v');
      case 'a':
        return pattern_byte('\a');
      case 'A':
        if (in_class) break;
        return "^";
      case 'z':
        if (in_class) break;
        return "$";
      case 'x': {
        if (peek() == '{') fail("\\x{...} escapes have no exact Zeek equivalent", start);
        if (!std::isxdigit(static_cast<unsigned char>(peek())) ||
            !std::isxdigit(static_cast<unsigned char>(peek(1))))
          fail("malformed \\x escape", start);
        int v = std::stoi(std::string(re_.substr(pos_, 2)), nullptr, 16);
        pos_ += 2;
        if (v >= 0x80) fail("\\x escapes above 7F mean a code point, not a byte", start);
        return pattern_byte(static_cast<unsigned char>(v));
      }
      case 'b':
      case 'B':
        fail("word boundaries (\\b, \\B) have no Zeek equivalent", start);
      case 'p':
      case 'P':
        fail("Unicode classes (\\p, \\P) have no Zeek equivalent", start);
      case 'Q':
        fail("\\Q...\\E quoting is not supported; escape the characters instead", start);
      case 'C':
        fail("\\C has no Zeek equivalent", start);
      default:
        break;
    }
    if (std::isdigit(static_cast<unsigned char>(c)))
      fail("back-references and octal escapes have no Zeek equivalent", start);
    if (std::isalnum(static_cast<unsigned char>(c)))
      fail(std::string("unknown escape \\") + c, start);
    return pattern_byte(static_cast<unsigned char>(c));  // escaped punctuation: itself
  }

  std::string char_class() {
    size_t start = pos_;
    ++pos_;  // [
    std::string out = "[";
    if (peek() == '^') {
      ++pos_;
      out += '^';
    }
    bool first = true;
    bool any = false;
    while (true) {
      if (at_end()) fail("missing ']'", start);
      char c = peek();
      if (c == ']' && !first) {
        ++pos_;
        break;
      }
      first = false;
      if (c == '[' && peek(1) == ':') {
        size_t close = re_.find(":]", pos_ + 2);
        if (close == std::string_view::npos) fail("malformed [:class:]", pos_);
        std::string name(re_.substr(pos_ + 2, close - pos_ - 2));
        static const char* known[] = {"alnum", "alpha", "blank", "cntrl", "digit", "graph",
                                      "lower", "print", "punct", "space", "upper", "xdigit"};
        bool ok = false;
        for (auto* k : known) ok = ok || name == k;
        if (!ok) fail("unknown class [:" + name + ":]", pos_);
        if (case_insensitive_ && (name == "lower" || name == "upper"))
          fail("[:lower:]/[:upper:] under (?i) differ between RE2 and Zeek", pos_);
        out += "[:" + name + ":]";
        pos_ = close + 2;
        any = true;
        continue;
      }
      size_t item_start = pos_;
      int lo = class_char(out);
      if (lo >= 0 && peek() == '-' && peek(1) != ']' && peek(1) != '\0') {
        ++pos_;
        std::string ignored;
        int hi = class_char(ignored);
        if (hi < 0) fail("a range ending in a shorthand class", item_start);
        if (hi < lo) fail("a negative range in a class", item_start);
        if (case_insensitive_ && (std::isalpha(lo) || std::isalpha(hi)) &&
            !(std::isalpha(lo) && std::isalpha(hi) && !!std::isupper(lo) == !!std::isupper(hi)))
          fail("a case-insensitive range mixing letters and other characters", item_start);
        out += '-';
        out += pattern_byte(static_cast<unsigned char>(hi));
      }
      any = true;
    }
    if (!any) fail("an empty class", start);
    return out + "]";
  }

  // Reads one class member; appends its Zeek spelling to `out`. Returns the byte value for a
  // single character (so that it can start a range), -1 for a shorthand.
  int class_char(std::string& out) {
    size_t start = pos_;
    char c = peek();
    if (static_cast<unsigned char>(c) >= 0x80) fail("a non-ASCII character in a class", start);
    if (c == '\\') {
      char next = peek(1);
      if (shorthand_members(next)) {
        out += escape(/*in_class=*/true);
        return -1;
      }
      std::string text = escape(/*in_class=*/true);
      // text is one pattern byte: a letter/digit, "\p" or "\xHH"
      int value;
      if (text.size() == 1)
        value = static_cast<unsigned char>(text[0]);
      else if (text.size() == 2)
        value = static_cast<unsigned char>(text[1]);
      else
        value = std::stoi(text.substr(2), nullptr, 16);
      out += text;
      return value;
    }
    ++pos_;
    out += pattern_byte(static_cast<unsigned char>(c));
    return static_cast<unsigned char>(c);
  }

  std::string_view re_;
  size_t pos_ = 0;
  bool case_insensitive_ = false;
};

}  // namespace

RegexConversion convert_re2(std::string_view re2) { return Converter(re2).run(); }

}  // namespace kql::zeek
