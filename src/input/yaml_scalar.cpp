#include "input/yaml_scalar.h"

#include <string>
#include <string_view>

#include "input/query_builder.h"

namespace kql {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// One physical line of the file: [begin, end) without its terminator; `next` starts the next.
struct FileLine {
  uint32_t begin, end, next;
  bool crlf;
};

FileLine line_at(const std::string& s, uint32_t begin) {
  size_t nl = s.find('\n', begin);
  uint32_t next = nl == std::string::npos ? static_cast<uint32_t>(s.size()) : uint32_t(nl + 1);
  uint32_t end = nl == std::string::npos ? static_cast<uint32_t>(s.size()) : uint32_t(nl);
  bool crlf = end > begin && s[end - 1] == '\r';
  if (crlf) --end;
  return {begin, end, next, crlf};
}

// Appends the line break ending `line` ("\n"; a CRLF reads as "\n", as in YAML).
void append_break(QueryBuilder& b, const FileLine& line) {
  if (line.crlf)
    b.append_synthetic("\n", line.end);
  else
    b.append_file(line.end, line.end + 1);
}

bool has_break(const std::string& s, const FileLine& line) { return line.end < s.size(); }

uint32_t count_spaces(const std::string& s, uint32_t from, uint32_t end) {
  uint32_t n = 0;
  while (from + n < end && s[from + n] == ' ') ++n;
  return n;
}

// ---- block scalars (| and >) ----

std::optional<MappedScalar> block_scalar(const SourceFile& file, uint32_t p, uint32_t parent) {
  const std::string& s = file.text();
  MappedScalar out;
  out.style = s[p] == '|' ? ScalarStyle::Literal : ScalarStyle::Folded;
  char chomp = 'c';  // clip, '-' strip, '+' keep
  uint32_t explicit_indent = 0;
  FileLine header = line_at(s, p);
  for (uint32_t i = p + 1; i < header.end && i < p + 3; ++i) {
    if (s[i] == '-' || s[i] == '+')
      chomp = s[i];
    else if (s[i] >= '1' && s[i] <= '9')
      explicit_indent = static_cast<uint32_t>(s[i] - '0');
    else
      break;
  }
  struct Content {
    FileLine line;
    uint32_t text_begin;
    bool empty;
    bool spaced;  // starts with white space past the indentation (folding keeps its breaks)
  };
  std::vector<Content> lines;
  uint32_t n = explicit_indent ? parent + explicit_indent : 0;
  for (uint32_t at = header.next; at < s.size();) {
    FileLine l = line_at(s, at);
    uint32_t spaces = count_spaces(s, l.begin, l.end);
    bool empty = l.begin + spaces == l.end;
    if (!empty && n == 0) {
      n = spaces;
      if (n <= parent) break;  // no content: the scalar is empty
    }
    if (!empty && spaces < n) break;
    if (empty && n != 0 && spaces > n) empty = false;  // white space past the indentation is text
    uint32_t tb = l.begin + std::min(spaces, n == 0 ? spaces : n);
    lines.push_back({l, tb, empty, !empty && tb < l.end && is_blank(s[tb])});
    at = l.next;
  }
  // Lines before the first text line that have more spaces than its indentation would be an
  // error in YAML; they map as empty lines here and the caller's comparison catches surprises.
  int last_text = -1;
  for (int i = 0; i < static_cast<int>(lines.size()); ++i)
    if (!lines[i].empty) last_text = i;

  QueryBuilder b(file);
  if (out.style == ScalarStyle::Literal) {
    for (int i = 0; i <= last_text; ++i) {
      const Content& c = lines[i];
      if (!c.empty) b.append_file(c.text_begin, c.line.end);
      if (i < last_text || (chomp != '-' && has_break(s, c.line))) append_break(b, c.line);
    }
  } else {
    int prev = -1;  // last text line written
    for (int i = 0; i <= last_text; ++i) {
      const Content& c = lines[i];
      if (c.empty) continue;
      if (prev < 0) {
        for (int k = 0; k < i; ++k) append_break(b, lines[k].line);  // leading empty lines
      } else {
        int empties = i - prev - 1;
        const Content& pc = lines[prev];
        if (!pc.spaced && !c.spaced) {
          if (empties == 0) {
            out.folds.push_back(b.size());
            b.append_synthetic(" ", pc.line.end);
          }
        } else {
          append_break(b, pc.line);
        }
        for (int k = prev + 1; k < i; ++k) append_break(b, lines[k].line);
      }
      b.append_file(c.text_begin, c.line.end);
      prev = i;
    }
    if (last_text >= 0 && chomp != '-' && has_break(s, lines[last_text].line))
      append_break(b, lines[last_text].line);
  }
  if (chomp == '+') {
    for (int i = last_text + 1; i < static_cast<int>(lines.size()); ++i)
      if (has_break(s, lines[i].line)) append_break(b, lines[i].line);
  }
  out.query = b.finish();
  return out;
}

// ---- flow scalars (plain and quoted): lines are trimmed and folded ----

// Folding between two flow lines: no empty line between them gives a space, otherwise one
// "\n" per empty line.
void fold(QueryBuilder& b, MappedScalar& out, const FileLine& before,
          const std::vector<FileLine>& empties) {
  if (empties.empty()) {
    out.folds.push_back(b.size());
    b.append_synthetic(" ", before.end);
  } else {
    for (const auto& e : empties) b.append_synthetic("\n", e.begin);
  }
}

// The end of a plain scalar's text on the line [from, end): before a " #" comment, trimmed.
uint32_t plain_line_end(const std::string& s, uint32_t from, uint32_t end) {
  uint32_t e = end;
  for (uint32_t i = from; i < end; ++i)
    if (s[i] == '#' && i > from && is_blank(s[i - 1])) {
      e = i;
      break;
    }
  while (e > from && is_blank(s[e - 1])) --e;
  return e;
}

std::optional<MappedScalar> plain_scalar(const SourceFile& file, uint32_t p, uint32_t parent) {
  const std::string& s = file.text();
  MappedScalar out;
  out.style = ScalarStyle::Plain;
  QueryBuilder b(file);
  FileLine first = line_at(s, p);
  uint32_t first_end = plain_line_end(s, p, first.end);
  b.append_file(p, first_end);
  while (first_end < first.end && is_blank(s[first_end])) ++first_end;
  bool ended_by_comment = first_end < first.end && s[first_end] == '#';
  FileLine prev = first;
  std::vector<FileLine> empties;
  for (uint32_t at = first.next; at < s.size() && !ended_by_comment;) {
    FileLine l = line_at(s, at);
    uint32_t spaces = count_spaces(s, l.begin, l.end);
    uint32_t tb = l.begin + spaces;
    while (tb < l.end && is_blank(s[tb])) ++tb;
    if (tb == l.end) {
      empties.push_back(l);
      at = l.next;
      continue;
    }
    if (spaces <= parent || s[tb] == '#') break;
    uint32_t te = plain_line_end(s, tb, l.end);
    fold(b, out, prev, empties);
    empties.clear();
    b.append_file(tb, te);
    if (te < l.end) {  // a comment ends the scalar
      while (te < l.end && is_blank(s[te])) ++te;
      if (te < l.end && s[te] == '#') break;
    }
    prev = l;
    at = l.next;
  }
  out.query = b.finish();
  return out;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the double-quoted escape at s[i] == '\\'; returns the bytes consumed (0 if invalid).
uint32_t decode_escape(const std::string& s, uint32_t i, uint32_t end, std::string& out) {
  if (i + 1 >= end) return 0;
  char c = s[i + 1];
  static const std::string_view simple_from = "0abtnvfre \"/\\\t";
  static const char simple_to[] = {'\0', '\a',   '\b', '\t', '\n', '\v', '\f',
                                   '\r', '\x1b', ' ',  '"',  '/',  '\\', '\t'};
  if (auto k = simple_from.find(c); k != std::string_view::npos) {
    out += simple_to[k];
    return 2;
  }
  uint32_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (c == 'N') return append_utf8(out, 0x85), 2;
  if (c == '_') return append_utf8(out, 0xA0), 2;
  if (c == 'L') return append_utf8(out, 0x2028), 2;
  if (c == 'P') return append_utf8(out, 0x2029), 2;
  if (digits == 0 || i + 2 + digits > end) return 0;
  uint32_t cp = 0;
  for (uint32_t k = 0; k < digits; ++k) {
    char h = s[i + 2 + k];
    uint32_t v = h >= '0' && h <= '9'   ? h - '0'
                 : h >= 'a' && h <= 'f' ? h - 'a' + 10
                 : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                        : 16;
    if (v == 16) return 0;
    cp = cp * 16 + v;
  }
  append_utf8(out, cp);
  return 2 + digits;
}

std::optional<MappedScalar> quoted_scalar(const SourceFile& file, uint32_t p) {
  const std::string& s = file.text();
  MappedScalar out;
  char quote = s[p];
  out.style = quote == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
  QueryBuilder b(file);
  uint32_t i = p + 1;
  FileLine line = line_at(s, p);
  bool first_line = true;
  while (true) {
    // Content of this line: from i; leading white space is trimmed on continuation lines.
    if (!first_line)
      while (i < line.end && is_blank(s[i])) ++i;
    // Find the closing quote or the line end, copying text (and decoding escapes) as we go.
    uint32_t last_nonblank_size = b.size();  // query size after the last non-blank byte
    bool escaped_break = false;
    while (i < line.end) {
      char c = s[i];
      if (c == quote) {
        if (quote == '\'' && i + 1 < line.end && s[i + 1] == '\'') {
          b.append_file(i, i + 1);
          i += 2;
          last_nonblank_size = b.size();
          continue;
        }
        out.query = b.finish();
        return out;
      }
      if (quote == '"' && c == '\\') {
        if (i + 1 == line.end) {  // an escaped line break joins the lines without a space
          escaped_break = true;
          ++i;
          break;
        }
        std::string decoded;
        uint32_t used = decode_escape(s, i, line.end, decoded);
        if (used == 0) return std::nullopt;
        b.append_synthetic(decoded, i);
        i += used;
        last_nonblank_size = b.size();
        continue;
      }
      b.append_file(i, i + 1);
      ++i;
      if (!is_blank(c)) last_nonblank_size = b.size();
    }
    if (line.next >= s.size() && line.end == s.size()) return std::nullopt;  // unterminated
    if (!escaped_break) b.truncate(last_nonblank_size);  // trailing white space is folded away
    // Count the empty lines that follow, then fold.
    FileLine prev = line;
    std::vector<FileLine> empties;
    FileLine next = line_at(s, line.next);
    while (next.next < s.size()) {
      uint32_t k = next.begin;
      while (k < next.end && is_blank(s[k])) ++k;
      if (k < next.end) break;
      empties.push_back(next);
      next = line_at(s, next.next);
    }
    if (!escaped_break)
      fold(b, out, prev, empties);
    else
      for (const auto& e : empties) b.append_synthetic("\n", e.begin);
    line = next;
    i = next.begin;
    first_line = false;
  }
}

}  // namespace

std::optional<MappedScalar> map_yaml_scalar(const SourceFile& file, uint32_t value_offset,
                                            uint32_t parent_indent) {
  const std::string& s = file.text();
  uint32_t p = value_offset;
  // Skip a tag (!!str) or an anchor (&a) in front of the scalar.
  while (p < s.size() && (s[p] == '!' || s[p] == '&')) {
    while (p < s.size() && !is_blank(s[p]) && s[p] != '\n') ++p;
    while (p < s.size() && is_blank(s[p])) ++p;
  }
  if (p >= s.size()) return std::nullopt;
  switch (s[p]) {
    case '|':
    case '>':
      return block_scalar(file, p, parent_indent);
    case '"':
    case '\'':
      return quoted_scalar(file, p);
    case '\n':
    case '\r':
      return std::nullopt;
    default:
      return plain_scalar(file, p, parent_indent);
  }
}

}  // namespace kql
