#include "diag/format_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "diag/describe_fix.h"
#include "diag/file_position.h"
#include "diag/ordering.h"

namespace kql {
namespace {

// ANSI styles, close to clang's palette.
struct Style {
  bool on = false;
  std::string_view bold() const { return on ? "\x1b[1m" : ""; }
  std::string_view reset() const { return on ? "\x1b[0m" : ""; }
  std::string_view gutter() const { return on ? "\x1b[1;34m" : ""; }
  std::string_view caret() const { return on ? "\x1b[1;32m" : ""; }
  std::string_view fix() const { return on ? "\x1b[32m" : ""; }
  std::string_view help() const { return on ? "\x1b[1;36m" : ""; }
  std::string_view note() const { return on ? "\x1b[1;30m" : ""; }
  std::string_view severity(Severity s) const {
    if (!on) return "";
    switch (s) {
      case Severity::Error:
        return "\x1b[1;31m";
      case Severity::Warning:
        return "\x1b[1;35m";
      case Severity::Info:
        return "\x1b[1;36m";
    }
    return "";
  }
};

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

uint32_t code_points(std::string_view s) {
  return static_cast<uint32_t>(std::count_if(s.begin(), s.end(), starts_code_point));
}

// Control characters would move the terminal's cursor; show them as U+FFFD, still one column.
std::string printable(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (char c : line) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7F)
      out += "\xEF\xBF\xBD";
    else
      out += c;
  }
  return out;
}

class TextWriter {
 public:
  TextWriter(std::ostream& out, Style style) : out_(out), s_(style) {}

  void diagnostic(const Diagnostic& d) {
    if (d.file == nullptr) {
      header("kqlint", d.severity,
             fmt::format("{}[{} {}]", severity_name(d.severity), d.code, d.name), d.message);
    } else {
      LineCol at = d.file->position(d.range.begin);
      header(fmt::format("{}:{}:{}", d.file->path(), at.line, at.column), d.severity,
             fmt::format("{}[{} {}]", severity_name(d.severity), d.code, d.name), d.message);
      excerpt(*d.file, d.range);
    }
    if (!d.help.empty()) out_ << s_.help() << "help" << s_.reset() << ": " << d.help << '\n';
    for (const Note& n : d.notes) note(d, n);
    if (d.fix && d.file) fix(*d.file, *d.fix);
  }

 private:
  void header(const std::string& where, Severity sev, const std::string& label,
              const std::string& message) {
    out_ << s_.bold() << where << ": " << s_.reset() << s_.severity(sev) << label << s_.reset()
         << s_.bold() << ": " << message << s_.reset() << '\n';
  }

  void note(const Diagnostic& d, const Note& n) {
    if (n.range && d.file) {
      LineCol at = d.file->position(n.range->begin);
      out_ << s_.bold() << d.file->path() << ':' << at.line << ':' << at.column << ": "
           << s_.reset() << s_.note() << "note" << s_.reset() << ": " << n.message << '\n';
      excerpt(*d.file, *n.range);
    } else {
      out_ << s_.note() << "note" << s_.reset() << ": " << n.message << '\n';
    }
  }

  void source_line(uint32_t number, int width, std::string_view text) {
    out_ << s_.gutter() << fmt::format("{:>{}} | ", number, width) << s_.reset() << printable(text)
         << '\n';
  }

  // The source line, then a caret line: tabs copied from the source so the caret lines up,
  // '^' under the first code point and '~' under the rest; a range running past its first
  // line is underlined to the end of that line.
  void excerpt(const SourceFile& file, FileRange range) {
    RangePosition pos = range_position(file, range);
    std::string_view line = file.line_text(pos.begin.line);
    uint32_t line_columns = code_points(line);
    uint32_t end_column = pos.end.line == pos.begin.line ? pos.end.column : line_columns + 1;
    uint32_t width = end_column > pos.begin.column ? end_column - pos.begin.column : 1;

    int gutter = static_cast<int>(std::to_string(pos.begin.line).size());
    source_line(pos.begin.line, gutter, line);
    std::string marks;
    uint32_t column = 1;
    for (size_t i = 0; i < line.size() && column < pos.begin.column; ++i) {
      if (!starts_code_point(line[i])) continue;
      marks += line[i] == '\t' ? '\t' : ' ';
      ++column;
    }
    for (; column < pos.begin.column; ++column) marks += ' ';
    marks += s_.caret();
    marks += '^';
    marks.append(width - 1, '~');
    marks += s_.reset();
    out_ << s_.gutter() << std::string(gutter, ' ') << " | " << s_.reset() << marks << '\n';
  }

  // The fix in words, then the lines it touches as they read after the fix.
  void fix(const SourceFile& file, const Fix& f) {
    std::string description = describe_fix(file, f);
    out_ << s_.fix() << (f.safe ? "fix" : "fix (unsafe)") << s_.reset() << ": " << description
         << '\n';
    if (f.edits.empty()) return;
    std::vector<Edit> edits = f.edits;
    std::sort(edits.begin(), edits.end(),
              [](const Edit& a, const Edit& b) { return a.range.begin < b.range.begin; });
    uint32_t first_line = file.position(edits.front().range.begin).line;
    uint32_t last_line = first_line;
    for (const Edit& e : edits) last_line = std::max(last_line, file.position(e.range.end).line);
    uint32_t from = file.line_start(first_line);
    uint32_t to =
        file.line_start(last_line) + static_cast<uint32_t>(file.line_text(last_line).size());
    const std::string& text = file.text();
    std::string fixed;
    uint32_t cursor = from;
    for (const Edit& e : edits) {
      uint32_t b = std::clamp(e.range.begin, cursor, to);
      uint32_t en = std::clamp(e.range.end, b, std::max(to, b));
      fixed.append(text, cursor, b - cursor);
      fixed += e.replacement;
      cursor = std::max(cursor, en);
    }
    if (cursor < to) fixed.append(text, cursor, to - cursor);

    int gutter = static_cast<int>(std::to_string(last_line).size());
    uint32_t number = first_line;
    size_t start = 0;
    while (true) {
      size_t nl = fixed.find('\n', start);
      std::string_view piece(fixed.data() + start,
                             (nl == std::string::npos ? fixed.size() : nl) - start);
      if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
      source_line(number++, gutter, piece);
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }

  std::ostream& out_;
  Style s_;
};

std::string plural(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string summary_line(const std::vector<Diagnostic>& diags, const RunCounts& counts) {
  size_t errors = 0, warnings = 0, infos = 0, fixable = 0;
  for (const Diagnostic& d : diags) {
    if (d.severity == Severity::Error) ++errors;
    if (d.severity == Severity::Warning) ++warnings;
    if (d.severity == Severity::Info) ++infos;
    if (d.fix && d.fix->safe) ++fixable;
  }
  std::string found;
  auto add = [&](size_t n, std::string_view one, std::string_view many) {
    if (n == 0) return;
    if (!found.empty()) found += ", ";
    found += plural(n, one, many);
  };
  add(errors, "error", "errors");
  add(warnings, "warning", "warnings");
  add(infos, "info", "infos");
  if (found.empty()) found = "no problems";
  std::string line = fmt::format("{} in {} ({})", found, plural(counts.files, "file", "files"),
                                 plural(counts.queries, "query", "queries"));
  if (fixable > 0) line += fmt::format("; {} fixable with --fix", fixable);
  return line;
}

void write_text(std::ostream& out, const std::vector<Diagnostic>& diags, const RunCounts& counts,
                const TextOptions& options) {
  TextWriter writer(out, Style{options.color});
  for (const Diagnostic* d : in_output_order(diags)) writer.diagnostic(*d);
  if (options.summary) {
    if (!diags.empty()) out << '\n';
    out << summary_line(diags, counts) << '\n';
  }
}

}  // namespace kql
