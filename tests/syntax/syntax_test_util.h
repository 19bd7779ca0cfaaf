#pragma once
// Helpers shared by the syntax tests: parse a text as one query and look at the result.
#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "source/query.h"
#include "source/source_file.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace kql::test {

struct Parsed {
  std::unique_ptr<SourceFile> file;
  Query query;
  std::vector<Diagnostic> diags;
  ParseResult result;

  bool ok() const { return result.ok && diags.empty(); }
  std::string tree() const { return print_tree(*result.tree); }
  // "line:col: message" of each diagnostic, for compact assertions.
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (auto& d : diags) {
      LineCol lc = file->position(d.range.begin);
      out.push_back(std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " + d.message);
    }
    return out;
  }
  std::string first_message() const {
    auto m = messages();
    return m.empty() ? std::string("<no diagnostic>") : m.front();
  }
};

inline std::unique_ptr<Parsed> parse(const std::string& text, const std::string& path = "q.kql") {
  auto p = std::make_unique<Parsed>();
  p->file = std::make_unique<SourceFile>(path, text);
  p->query = Query::whole_file(*p->file);
  QueryDiagnostics qd(p->query, p->diags);
  p->result = parse_query(p->query, qd);
  return p;
}

inline std::string read_file(const std::string& path) {
  FILE* f = fopen(path.c_str(), "rb");
  if (!f) return {};
  std::string s;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
  fclose(f);
  return s;
}

}  // namespace kql::test
