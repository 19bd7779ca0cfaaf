#pragma once
// The lint rule interface. Each rule lives in src/lint/rules/<name>.cpp, documents itself in
// src/lint/docs/<name>.toml (code, severity, rationale, examples), and is listed once in
// src/lint/registry.cpp. A rule reads the syntax tree, the schema and the query facts, and
// reports through LintContext::report, which stamps the rule's code, name and severity.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "lint/catalogue.h"
#include "schema/schema.h"
#include "sema/semantic_model.h"
#include "source/query.h"
#include "syntax/ast.h"

namespace kql::lint {

struct LintSettings {
  schema::Profile profile = schema::Profile::Mde;
  bool detection = false;  // the query is a custom detection rule (config, YAML kind, header)
};

struct LintContext {
  const Query& query;
  const ast::SyntaxTree& tree;
  const schema::Schema& schema;
  const sema::SemanticModel& model;  // types, row schemas, stages and facts (sema/facts.h)
  const LintSettings& settings;
  QueryDiagnostics& diags;

  // Reports a finding of `rule` (its code, name and default severity) at `span`.
  Diagnostic& report(const RuleDoc& rule, Span span, std::string message) const {
    return diags.report(rule.code, rule.name, rule.severity, span, std::move(message));
  }
  // The query text covered by a span.
  std::string_view text(Span span) const {
    return std::string_view(query.text).substr(span.begin, span.size());
  }
};

class Rule {
 public:
  explicit Rule(std::string_view name);
  virtual ~Rule() = default;
  const RuleDoc& doc() const { return *doc_; }
  virtual void check(const LintContext& ctx) const = 0;

 private:
  const RuleDoc* doc_;
};

// Every implemented rule, in catalogue order.
const std::vector<std::unique_ptr<Rule>>& all_rules();

// Runs every rule that applies to the query (detection-only rules only on detections,
// hunting-only rules only on hunting queries). Config selection happens later, on the output.
void run_lints(const LintContext& ctx);

}  // namespace kql::lint
