#include "input/kql_scan.h"

namespace kql::scan {

namespace {

bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_word_char(char c) { return is_word_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  Scan run() {
    start_line(0);
    while (i_ < t_.size()) step();
    if (multiline_close_)  // unterminated: the string runs to the end of the text
      out_.tokens.push_back({static_cast<uint32_t>(multiline_begin_),
                             static_cast<uint32_t>(t_.size()), Token::String, token_depth_});
    finish_line(static_cast<uint32_t>(t_.size()));
    return std::move(out_);
  }

 private:
  void start_line(uint32_t at) {
    Line line;
    line.begin = at;
    line.in_string = multiline_close_ != 0;
    line.depth = depth_;
    line.blank = !line.in_string;  // until a non-blank byte shows up
    out_.lines.push_back(line);
  }
  void finish_line(uint32_t newline_at) {
    Line& line = out_.lines.back();
    line.end = newline_at > line.begin && t_[newline_at - 1] == '\r' ? newline_at - 1 : newline_at;
  }
  void newline() {  // t_[i_] == '\n'
    finish_line(static_cast<uint32_t>(i_));
    ++i_;
    start_line(static_cast<uint32_t>(i_));
  }
  void mark_nonblank() { out_.lines.back().blank = false; }
  void token(size_t begin, Token::Kind kind) {
    out_.tokens.push_back(
        {static_cast<uint32_t>(begin), static_cast<uint32_t>(i_), kind, token_depth_});
  }

  void step() {
    char c = t_[i_];
    if (c == '\n') return newline();
    if (multiline_close_) return in_multiline_string();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++i_;
      return;
    }
    mark_nonblank();
    token_depth_ = depth_;
    size_t begin = i_;
    if (c == '/' && i_ + 1 < t_.size() && t_[i_ + 1] == '/') {
      while (i_ < t_.size() && t_[i_] != '\n') ++i_;
      uint32_t end = static_cast<uint32_t>(i_);
      if (end > begin && t_[end - 1] == '\r') --end;
      out_.comments.push_back({static_cast<uint32_t>(begin), end});
      return;
    }
    if ((c == '`' || c == '~') && t_.substr(i_, 3) == std::string_view(c == '`' ? "```" : "~~~")) {
      i_ += 3;
      multiline_close_ = c;
      multiline_begin_ = begin;
      return;
    }
    if (c == '@' && i_ + 1 < t_.size() && (t_[i_ + 1] == '"' || t_[i_ + 1] == '\'')) {
      ++i_;
      return quoted_string(begin, /*verbatim=*/true);
    }
    if ((c == 'h' || c == 'H') && i_ + 1 < t_.size() && (t_[i_ + 1] == '"' || t_[i_ + 1] == '\'')) {
      ++i_;
      return quoted_string(begin, false);
    }
    if (c == '"' || c == '\'') return quoted_string(begin, false);
    if (is_digit(c)) {
      while (i_ < t_.size() && (is_word_char(t_[i_]) || t_[i_] == '.')) ++i_;
      return token(begin, Token::Number);
    }
    if (is_word_start(c)) {
      while (i_ < t_.size() && is_word_char(t_[i_])) ++i_;
      return token(begin, Token::Word);
    }
    if (c == '(' || c == '[' || c == '{') ++depth_;
    if ((c == ')' || c == ']' || c == '}') && depth_ > 0) --depth_;
    ++i_;
    token(begin, Token::Punct);
  }

  // A "..." or '...' string; a verbatim @"..." doubles its quote instead of escaping it.
  // Strings cannot span lines: an unterminated one ends at the line end.
  void quoted_string(size_t begin, bool verbatim) {
    char quote = t_[i_++];
    while (i_ < t_.size() && t_[i_] != '\n') {
      char c = t_[i_];
      if (!verbatim && c == '\\' && i_ + 1 < t_.size() && t_[i_ + 1] != '\n') {
        i_ += 2;
        continue;
      }
      ++i_;
      if (c == quote) {
        if (verbatim && i_ < t_.size() && t_[i_] == quote) {
          ++i_;
          continue;
        }
        break;
      }
    }
    token(begin, Token::String);
  }

  void in_multiline_string() {
    char c = t_[i_];
    if (c != ' ' && c != '\t' && c != '\r') mark_nonblank();
    if (c == multiline_close_ && t_.substr(i_, 3) == std::string_view(c == '`' ? "```" : "~~~")) {
      i_ += 3;
      multiline_close_ = 0;
      out_.tokens.push_back({static_cast<uint32_t>(multiline_begin_), static_cast<uint32_t>(i_),
                             Token::String, token_depth_});
      return;
    }
    ++i_;
  }

  std::string_view t_;
  size_t i_ = 0;
  int depth_ = 0;
  int token_depth_ = 0;
  char multiline_close_ = 0;  // '`' or '~' while inside a multi-line string
  size_t multiline_begin_ = 0;
  Scan out_;
};

}  // namespace

Scan scan(std::string_view text) { return Scanner(text).run(); }

}  // namespace kql::scan
