#pragma once
// Shared helpers for the input-layer tests: load a fixture, extract it, find positions.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "input/extract.h"
#include "input/read.h"

namespace kql::test {

struct Extracted {
  std::unique_ptr<SourceFile> file;
  std::vector<Query> queries;
  std::vector<Diagnostic> diags;
};

inline std::string fixture_path(const std::string& rel) {
  return std::string(KQ_SOURCE_DIR) + "/fixtures/input/" + rel;
}

inline Extracted extract_fixture(const std::string& rel, SplitMode mode = SplitMode::Auto) {
  Extracted e;
  auto read = read_source_file(fixture_path(rel));
  REQUIRE_MESSAGE(read.file, read.error);
  e.file = std::move(read.file);
  ExtractOptions options;
  options.split = mode;
  e.queries = extract_queries(*e.file, file_kind_for_path(rel), options, e.diags);
  return e;
}

inline Extracted extract_text(const std::string& name, std::string text,
                              SplitMode mode = SplitMode::Auto) {
  Extracted e;
  e.file = std::make_unique<SourceFile>(name, std::move(text));
  ExtractOptions options;
  options.split = mode;
  e.queries = extract_queries(*e.file, file_kind_for_path(name), options, e.diags);
  return e;
}

// File line/column of the first occurrence of `needle` in the query text.
inline LineCol where(const Query& q, const std::string& needle) {
  auto at = q.text.find(needle);
  REQUIRE_MESSAGE(at != std::string::npos, "'" << needle << "' not in query: " << q.text);
  return q.position(static_cast<uint32_t>(at));
}

// Every query byte that is not synthetic must equal the file byte it maps to. `synthetic`
// lists query offsets allowed to differ (fold spaces, decoded escapes, CRLF breaks).
inline size_t count_mismatched_bytes(const Query& q) {
  size_t bad = 0;
  for (uint32_t i = 0; i < q.text.size(); ++i)
    if (q.file->text()[q.file_offset(i)] != q.text[i]) ++bad;
  return bad;
}

inline std::string meta(const Query& q, const std::string& key) {
  for (const auto& [k, v] : q.metadata)
    if (k == key) return v;
  return "<none>";
}

}  // namespace kql::test
