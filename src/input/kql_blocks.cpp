#include "input/kql_blocks.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "input/kql_scan.h"

namespace kql {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// A block starting with one of these continues the previous one: no KQL statement can start so.
bool starts_as_continuation(std::string_view text, const scan::Token& first) {
  std::string_view tok = text.substr(first.begin, first.end - first.begin);
  if (first.kind == scan::Token::Punct)
    // Not ".": a block starting with a dot is a control command, which stands alone.
    return one_of(tok,
                  {"|", ",", ")", "]", "}", "=", "<", ">", "+", "*", "/", "%", "~", ":", "!", "-"});
  if (first.kind != scan::Token::Word) return false;
  return one_of(lower(tok),
                {"and",     "or",         "on",        "by",          "with",    "asc",
                 "desc",    "nulls",      "$left",     "$right",      "has",     "contains",
                 "in",      "startswith", "endswith",  "matches",     "between", "has_any",
                 "has_all", "hasprefix",  "hassuffix", "notcontains", "like"});
}

// A block ending with one of these cannot end a query: the next block must continue it.
bool ends_as_continuation(std::string_view text, const scan::Token& last) {
  std::string_view tok = text.substr(last.begin, last.end - last.begin);
  if (last.kind == scan::Token::Punct)
    return one_of(tok, {"|", ",", "(", "[", "{", "=", "~", "<", ">", "+", "!", "."});
  if (last.kind != scan::Token::Word) return false;
  return one_of(lower(tok), {"and", "or", "by", "on", "not", "with"});
}

// True when every top-level statement of the block is a declaration (let, set, declare...):
// such a block only prepares the query that follows it.
bool only_declarations(std::string_view text, const std::vector<const scan::Token*>& tokens) {
  bool at_statement_start = true;
  int statements = 0;
  for (const scan::Token* t : tokens) {
    std::string_view tok = text.substr(t->begin, t->end - t->begin);
    if (at_statement_start) {
      if (t->kind != scan::Token::Word ||
          !one_of(lower(tok), {"let", "set", "declare", "alias", "pattern", "restrict"}))
        return false;
      ++statements;
      at_statement_start = false;
    }
    if (t->kind == scan::Token::Punct && tok == ";" && t->depth == 0) at_statement_start = true;
  }
  return statements > 0;
}

struct RawBlock {
  Block range;
  std::vector<const scan::Token*> tokens;  // the significant tokens inside
};

}  // namespace

std::vector<Block> split_blocks(std::string_view text, SplitMode mode) {
  scan::Scan s = scan::scan(text);

  // 1. Cut at blank lines (outside multi-line strings; in Auto also outside brackets).
  std::vector<RawBlock> raw;
  bool open = false;
  for (const auto& line : s.lines) {
    bool cut = line.blank && (mode == SplitMode::BlankLines || line.depth == 0);
    if (mode == SplitMode::Never) cut = false;
    if (line.blank && !open) continue;  // leading blank lines belong to no block
    if (cut) {
      open = false;
      continue;
    }
    if (!open) {
      raw.push_back({{line.begin, line.end}, {}});
      open = true;
    }
    if (!line.blank) raw.back().range.end = line.end;
  }
  size_t next = 0;
  for (auto& b : raw) {
    while (next < s.tokens.size() && s.tokens[next].begin < b.range.begin) ++next;
    while (next < s.tokens.size() && s.tokens[next].begin < b.range.end)
      b.tokens.push_back(&s.tokens[next++]);
  }

  std::vector<Block> out;
  if (mode != SplitMode::Auto) {
    for (const auto& b : raw)
      if (!b.tokens.empty()) out.push_back(b.range);
    return out;
  }

  // 2. Auto: re-join blocks that cannot stand alone.
  std::vector<const RawBlock*> joined_last;  // the raw block that ended each output block
  std::optional<uint32_t> pending_comment_begin;
  for (const auto& b : raw) {
    if (b.tokens.empty()) {  // comments only: a description of what follows
      if (!pending_comment_begin) pending_comment_begin = b.range.begin;
      continue;
    }
    bool join = false;
    if (!out.empty()) {
      const RawBlock& prev = *joined_last.back();
      join = starts_as_continuation(text, *b.tokens.front()) ||
             ends_as_continuation(text, *prev.tokens.back()) ||
             only_declarations(text, prev.tokens);
    }
    if (join) {
      out.back().end = b.range.end;
      joined_last.back() = &b;
    } else {
      out.push_back({pending_comment_begin.value_or(b.range.begin), b.range.end});
      joined_last.push_back(&b);
    }
    pending_comment_begin.reset();
  }
  // Trailing comments belong to the last query.
  if (pending_comment_begin && !out.empty()) out.back().end = raw.back().range.end;
  return out;
}

}  // namespace kql
