#include "config/suppressions.h"

#include <fmt/format.h>

#include <algorithm>

#include "config/config_diagnostics.h"
#include "config/rule_selector.h"

namespace kql {
namespace {

constexpr std::string_view kNextLine = "kqlint-disable-next-line";
constexpr std::string_view kFile = "kqlint-disable-file";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Where each `//` comment of `text` starts, skipping string literals. KQL strings: "..."
// and '...' with backslash escapes, ending at a line break when unterminated; @"..." and
// @'...' verbatim with doubled quotes; ```...``` across lines.
std::vector<size_t> comment_starts(std::string_view text) {
  std::vector<size_t> out;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    char c = text[i];
    if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      out.push_back(i);
      while (i < n && text[i] != '\n') ++i;
    } else if (text.substr(i, 3) == "```") {
      size_t end = text.find("```", i + 3);
      i = end == std::string_view::npos ? n : end + 3;
    } else if (c == '@' && i + 1 < n && (text[i + 1] == '"' || text[i + 1] == '\'')) {
      char quote = text[i + 1];
      i += 2;
      while (i < n && text[i] != '\n') {
        if (text[i] == quote) {
          if (i + 1 < n && text[i + 1] == quote) {
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        ++i;
      }
    } else if (c == '"' || c == '\'') {
      ++i;
      while (i < n && text[i] != '\n') {
        if (text[i] == '\\') {
          i += 2;
          continue;
        }
        if (text[i++] == c) break;
      }
    } else {
      ++i;
    }
  }
  return out;
}

// Offset of the first code of the first line after `from`'s line that is neither blank
// nor only a comment; npos when the query ends first.
size_t next_code_line(std::string_view text, size_t from) {
  size_t line = text.find('\n', from);
  while (line != std::string_view::npos) {
    size_t start = line + 1;
    size_t i = start;
    while (i < text.size() && is_space(text[i])) ++i;
    bool blank = i >= text.size() || text[i] == '\n';
    bool comment = text.substr(i, 2) == "//";
    if (!blank && !comment) return i;
    line = text.find('\n', i);
  }
  return std::string_view::npos;
}

class SuppressionReader {
 public:
  explicit SuppressionReader(const Query& q) : q_(q) {}

  // Reads the comment starting at `start` ("//..."); returns false when it is no directive.
  bool read(size_t start, Suppression& s) {
    std::string_view text = q_.text;
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    while (end > start && is_space(text[end - 1])) --end;
    size_t i = start + 2;
    while (i < end && is_space(text[i])) ++i;
    std::string_view body = text.substr(i, end - i);
    if (body.substr(0, 7) != "kqlint-") return false;

    s.file = q_.file;
    s.comment = range(start, end);
    size_t word_end = i;
    while (word_end < end && !is_space(text[word_end])) ++word_end;
    std::string_view directive = text.substr(i, word_end - i);
    if (directive == kNextLine) {
      s.scope = Suppression::Scope::NextLine;
    } else if (directive == kFile) {
      s.scope = Suppression::Scope::File;
    } else {
      s.problem = fmt::format("unknown directive '{}'; kqlint understands {} and {}", directive,
                              kNextLine, kFile);
      return true;
    }

    // Names up to "--", the reason after it.
    size_t names_end = end;
    if (size_t dashes = text.substr(word_end, end - word_end).find("--");
        dashes != std::string_view::npos) {
      names_end = word_end + dashes;
      size_t r = names_end + 2;
      while (r < end && is_space(text[r])) ++r;
      s.reason = std::string(text.substr(r, end - r));
    }
    size_t names_begin = word_end;
    while (names_begin < names_end && is_space(text[names_begin])) ++names_begin;
    size_t names_last = names_end;
    while (names_last > names_begin && is_space(text[names_last - 1])) --names_last;
    s.names = range(names_begin, names_last);
    for (size_t p = names_begin; p < names_last;) {
      if (text[p] == ',' || is_space(text[p])) {
        ++p;
        continue;
      }
      size_t q = p;
      while (q < names_last && text[q] != ',' && !is_space(text[q])) ++q;
      s.rules.push_back({std::string(text.substr(p, q - p)), range(p, q)});
      p = q;
    }
    if (s.rules.empty()) {
      s.problem = fmt::format("'{}' names no rule", directive);
      return true;
    }
    if (s.scope == Suppression::Scope::NextLine) {
      size_t target = next_code_line(text, start);
      if (target != std::string_view::npos)
        s.target_line = q_.position(static_cast<uint32_t>(target)).line;
    }
    return true;
  }

 private:
  // The comment lies on one line of the query, so both ends map through that line.
  FileRange range(size_t begin, size_t end) const {
    return {q_.file_offset(static_cast<uint32_t>(begin)),
            q_.file_offset(static_cast<uint32_t>(end))};
  }

  const Query& q_;
};

Diagnostic warning(const char* code, const char* name, const SourceFile* file, FileRange range,
                   std::string message) {
  Diagnostic d;
  d.code = code;
  d.name = name;
  d.severity = Severity::Warning;
  d.message = std::move(message);
  d.file = file;
  d.range = range;
  return d;
}

// The edit removing a stale directive: its whole line when the comment stands alone there,
// otherwise the comment and the blanks before it.
Edit removal(const Suppression& s) {
  const SourceFile& f = *s.file;
  LineCol at = f.position(s.comment.begin);
  uint32_t line_begin = f.line_start(at.line);
  const std::string& text = f.text();
  uint32_t before = s.comment.begin;
  while (before > line_begin && is_space(text[before - 1])) --before;
  if (before == line_begin) {
    uint32_t next =
        at.line < f.line_count() ? f.line_start(at.line + 1) : static_cast<uint32_t>(text.size());
    return {{line_begin, next}, ""};
  }
  uint32_t end = s.comment.end;
  return {{before, end}, ""};
}

std::string directive_name(const Suppression& s) {
  return std::string(s.scope == Suppression::Scope::File ? kFile : kNextLine);
}

}  // namespace

std::vector<Suppression> find_suppressions(const Query& query) {
  std::vector<Suppression> out;
  SuppressionReader reader(query);
  for (size_t start : comment_starts(query.text)) {
    Suppression s;
    if (reader.read(start, s)) out.push_back(std::move(s));
  }
  return out;
}

void apply_suppressions(const std::vector<Query>& queries, std::vector<Diagnostic>& diags,
                        const RuleNamePredicate& is_known_rule) {
  if (queries.empty()) return;
  const SourceFile* file = queries.front().file;
  std::vector<Suppression> all;
  for (const Query& q : queries) {
    auto found = find_suppressions(q);
    std::move(found.begin(), found.end(), std::back_inserter(all));
  }
  if (all.empty()) return;

  // used[i][j]: rule j of suppression i silenced something; known likewise.
  std::vector<std::vector<bool>> used(all.size()), known(all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    used[i].assign(all[i].rules.size(), false);
    for (const auto& rule : all[i].rules) known[i].push_back(is_known_rule(rule.selector));
  }

  std::vector<Diagnostic> kept;
  kept.reserve(diags.size());
  for (Diagnostic& d : diags) {
    bool suppressed = false;
    if (d.file == file && !is_protected_code(d.code)) {
      uint32_t line = file->position(d.range.begin).line;
      for (size_t i = 0; i < all.size(); ++i) {
        const Suppression& s = all[i];
        if (!s.problem.empty()) continue;
        if (s.scope == Suppression::Scope::NextLine && s.target_line != line) continue;
        for (size_t j = 0; j < s.rules.size(); ++j) {
          if (known[i][j] && selector_specificity(s.rules[j].selector, d.code, d.name) > 0) {
            used[i][j] = true;  // every directive covering it counts as used
            suppressed = true;
          }
        }
      }
    }
    if (!suppressed) kept.push_back(std::move(d));
  }

  for (size_t i = 0; i < all.size(); ++i) {
    const Suppression& s = all[i];
    if (!s.problem.empty()) {
      Diagnostic d = warning(config_codes::kInvalidSuppression, "invalid-suppression", file,
                             s.comment, s.problem);
      d.help = "write `// kqlint-disable-next-line RULE[, RULE] -- reason`";
      kept.push_back(std::move(d));
      continue;
    }
    std::vector<std::string> keep_names;
    std::vector<size_t> unused;
    for (size_t j = 0; j < s.rules.size(); ++j) {
      if (!known[i][j]) {
        Diagnostic d = warning(
            config_codes::kInvalidSuppression, "invalid-suppression", file, s.rules[j].range,
            fmt::format("'{}' is not a kqlint rule; this suppresses nothing", s.rules[j].selector));
        d.help = "`kqlint rules` lists the rule names and codes";
        kept.push_back(std::move(d));
      } else if (used[i][j]) {
        keep_names.push_back(s.rules[j].selector);
      } else {
        unused.push_back(j);
      }
    }
    if (unused.empty()) continue;
    std::string names;
    for (size_t j : unused) names += (names.empty() ? "'" : ", '") + s.rules[j].selector + "'";
    FileRange where = unused.size() == 1 ? s.rules[unused.front()].range : s.comment;
    std::string message =
        s.scope == Suppression::Scope::NextLine && s.target_line == 0
            ? fmt::format("{} {}: no line of the query follows it", directive_name(s), names)
            : fmt::format("{} {} suppressed nothing", directive_name(s), names);
    Diagnostic d = warning(config_codes::kUnusedSuppression, "unused-suppression", file, where,
                           std::move(message));
    bool all_stale = keep_names.empty() && unused.size() == s.rules.size();
    if (all_stale) {
      d.fix = Fix{"remove the suppression", {removal(s)}, true};
    } else if (keep_names.size() + unused.size() == s.rules.size()) {
      std::string list;
      for (const std::string& n : keep_names) list += (list.empty() ? "" : ", ") + n;
      d.fix = Fix{fmt::format("keep only {}", list), {{s.names, list}}, true};
    }
    kept.push_back(std::move(d));
  }
  diags = std::move(kept);
}

}  // namespace kql
