#pragma once
// Test helper for the lint rules: parses a query text, binds it over a schema and runs every
// lint rule the settings enable, the way `kqlint check` does for one query (without config
// selection or suppressions). Assertions then pick the findings of the rule under test.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "lint/rule.h"
#include "schema/schema.h"
#include "source/query.h"
#include "source/source_file.h"

namespace kql::lint::test {

struct LintRun {
  std::unique_ptr<SourceFile> file;
  Query query;
  bool parsed = false;          // no syntax error
  std::vector<Diagnostic> all;  // syntax errors and every rule's findings, in report order

  // The findings of one rule, by name ("join-without-kind") or code ("KQL1301").
  std::vector<const Diagnostic*> of(std::string_view rule) const;
  // The text a diagnostic's range covers.
  std::string text(const Diagnostic& d) const;
  // 1-based line and column (code points) where a diagnostic starts.
  LineCol position(const Diagnostic& d) const;
  // The query text after applying the safe fixes of every finding of `rule`.
  std::string fixed(std::string_view rule) const;
};

// Lints `text` as one query over the built-in schema of settings.profile, or over `schema`.
LintRun lint_text(const std::string& text, LintSettings settings = {},
                  const schema::Schema* schema = nullptr);

// Shorthand for a custom detection on the mde profile.
inline LintRun lint_detection(const std::string& text) {
  LintSettings s;
  s.detection = true;
  return lint_text(text, s);
}

}  // namespace kql::lint::test
