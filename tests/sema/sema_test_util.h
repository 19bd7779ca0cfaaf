#pragma once
// Helpers for the binder tests: parse a text as one query and bind it over the built-in
// schema of a profile.
#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "schema/schema.h"
#include "sema/binder.h"
#include "source/query.h"
#include "source/source_file.h"
#include "syntax/parser.h"

namespace kql::test {

struct Bound {
  std::unique_ptr<SourceFile> file;
  Query query;
  std::vector<Diagnostic> syntax;
  ParseResult parsed;
  std::unique_ptr<sema::SemanticModel> model;

  std::string result() const {
    return model->result() ? model->result()->to_string() : std::string("<scalar>");
  }
  // "kind name -> suggestion" for each problem, compact for assertions.
  std::vector<std::string> problems() const {
    std::vector<std::string> out;
    for (auto& p : model->problems()) {
      std::string s = std::string(sema::problem_kind_name(p.kind)) + " " + p.name;
      if (!p.suggestions.empty()) s += " -> " + p.suggestions.front();
      out.push_back(s);
    }
    return out;
  }
  // The query text a span covers.
  std::string text(Span s) const { return query.text.substr(s.begin, s.size()); }
};

inline std::unique_ptr<Bound> bind_text(const std::string& text,
                                        schema::Profile profile = schema::Profile::Mde) {
  auto b = std::make_unique<Bound>();
  b->file = std::make_unique<SourceFile>("q.kql", text);
  b->query = Query::whole_file(*b->file);
  QueryDiagnostics qd(b->query, b->syntax);
  b->parsed = parse_query(b->query, qd);
  b->model = std::make_unique<sema::SemanticModel>(
      sema::bind(*b->parsed.tree, schema::Schema::builtin(profile)));
  return b;
}

}  // namespace kql::test
