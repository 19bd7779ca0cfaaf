// Random inputs built from the characters that matter to YAML, Markdown and KQL: extraction
// must never crash, and every query byte must map inside its file. Where no approximation was
// reported, mapped bytes must be the file's own (except the ones YAML synthesises).
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include "input/extract.h"

using namespace kql;

namespace {

std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> atoms = {"query",   ":",
                                                 " ",       "  ",
                                                 "\n",      "\r\n",
                                                 "|",       ">",
                                                 "-",       "+",
                                                 "2",       "\"",
                                                 "'",       "\\",
                                                 "\\n",     "#",
                                                 "//",      "```",
                                                 "~~~",     "kql",
                                                 "(",       ")",
                                                 "[",       "]",
                                                 "{",       "}",
                                                 ",",       "let",
                                                 ";",       "T",
                                                 "where",   "\t",
                                                 "é",       "\xEF\xBB\xBF",
                                                 "---",     "name",
                                                 "\\u00e9", "''",
                                                 "and",     "\n\n"};
  std::uniform_int_distribution<size_t> pick(0, atoms.size() - 1);
  std::uniform_int_distribution<int> length(0, 60);
  std::string out;
  for (int n = length(rng); n > 0; --n) out += atoms[pick(rng)];
  return out;
}

}  // namespace

TEST_CASE("random rule files never crash extraction and always map inside the file") {
  std::mt19937 rng(20261128);
  size_t queries = 0;
  for (int i = 0; i < 6000; ++i) {
    std::string text = random_text(rng);
    if (i % 3 == 0) text = "query: " + text;  // reach the scalar mapper more often
    for (const char* name : {"r.yaml", "r.md", "r.kql"}) {
      SourceFile file(name, text);
      std::vector<Diagnostic> diags;
      ExtractOptions options;
      options.split = static_cast<SplitMode>(i % 3);
      auto qs = extract_queries(file, file_kind_for_path(name), options, diags);
      for (const auto& d : diags) {
        CHECK(d.range.begin <= text.size());
        CHECK(d.range.end <= text.size());
        CHECK(d.range.begin <= d.range.end);
      }
      for (const auto& q : qs) {
        ++queries;
        REQUIRE(q.line_origins.size() ==
                static_cast<size_t>(std::count(q.text.begin(), q.text.end(), '\n')) + 1);
        for (uint32_t k = 0; k < q.text.size(); ++k) {
          uint32_t at = q.file_offset(k);
          REQUIRE(at < text.size());
          if (std::string(name) != "r.yaml") REQUIRE(text[at] == q.text[k]);
        }
      }
    }
  }
  CHECK(queries > 1000);
}
