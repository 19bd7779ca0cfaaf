#include "lint_harness.h"

#include "diag/apply_fixes.h"
#include "sema/binder.h"
#include "syntax/parser.h"

namespace kql::lint::test {

std::vector<const Diagnostic*> LintRun::of(std::string_view rule) const {
  std::vector<const Diagnostic*> out;
  for (const auto& d : all)
    if (d.name == rule || d.code == rule) out.push_back(&d);
  return out;
}

std::string LintRun::text(const Diagnostic& d) const {
  return file->text().substr(d.range.begin, d.range.end - d.range.begin);
}

LineCol LintRun::position(const Diagnostic& d) const { return file->position(d.range.begin); }

std::string LintRun::fixed(std::string_view rule) const {
  std::vector<Diagnostic> selected;
  for (const auto* d : of(rule)) selected.push_back(*d);
  return apply_fixes(*file, selected).text;
}

LintRun lint_text(const std::string& text, LintSettings settings, const schema::Schema* schema) {
  LintRun run;
  run.file = std::make_unique<SourceFile>("test.kql", text);
  run.query = Query::whole_file(*run.file);
  const schema::Schema& s = schema ? *schema : schema::Schema::builtin(settings.profile);
  settings.profile = s.profile();
  QueryDiagnostics diags(run.query, run.all);
  ParseResult parsed = parse_query(run.query, diags);
  run.parsed = parsed.ok;
  if (!parsed.ok) return run;  // the check driver lints only queries that parse
  sema::SemanticModel model = sema::bind(*parsed.tree, s);
  LintContext ctx{run.query, *parsed.tree, s, model, settings, diags};
  run_lints(ctx);
  return run;
}

}  // namespace kql::lint::test
