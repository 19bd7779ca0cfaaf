// unknown-table: a table name the platform's schema (plus the config's extensions) lacks.
// Legacy names that Microsoft renamed get the new name as help and a safe fix.
#include "lint/rules/resolution.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

class UnknownTable final : public Rule {
 public:
  UnknownTable() : Rule("unknown-table") {}
  void check(const LintContext& ctx) const override {
    const char* platform =
        ctx.settings.profile == schema::Profile::Mde ? "Defender XDR" : "Sentinel";
    for (const auto& p : ctx.model.problems()) {
      if (p.kind != sema::ProblemKind::UnknownTable) continue;
      std::string message = "unknown table '" + p.name + "' in the " + platform + " schema";
      if (p.in_fuzzy_union) message += "; this leg of the fuzzy union yields no rows here";
      Diagnostic& d = ctx.report(doc(), p.span, std::move(message));
      // union isfuzzy=true skips missing tables, so the query runs: not an error
      if (p.in_fuzzy_union && d.severity == Severity::Error) d.severity = Severity::Warning;
      if (const auto* legacy = ctx.schema.find_legacy_table(p.name)) {
        d.help = "'" + p.name + "' was renamed to '" + legacy->replaced_by + "'";
        Fix fix;
        fix.description = "rename '" + p.name + "' to '" + legacy->replaced_by + "'";
        fix.edits.push_back({ctx.diags.to_file(p.span), legacy->replaced_by});
        d.fix = std::move(fix);
        continue;
      }
      add_suggestions(ctx, d, p);
      if (d.help.empty())
        d.help =
            "custom or Sentinel tables can be declared in a schema extension (kqlint.toml: schema)";
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_table() { return std::make_unique<UnknownTable>(); }

}  // namespace kql::lint
