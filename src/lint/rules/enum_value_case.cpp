// enum-value-case: a case-sensitive comparison (==, !=, in, !in, and the *_cs string operators)
// of an enumerated column with a value that exists only in another letter case, e.g.
// `Protocol == "TCP"` where Defender writes "Tcp". The fix rewrites the literal to the case
// the value list has. Lists whose values occur in several cases are marked case-insensitive in
// the schema and skipped.
#include <set>

#include "lint/rules/mde_support.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

bool is_case_sensitive(std::string_view op) {
  return op == "==" || op == "!=" || op == "in" || op == "!in" || op.ends_with("_cs");
}

class EnumValueCase final : public Rule {
 public:
  EnumValueCase() : Rule("enum-value-case") {}

  void check(const LintContext& ctx) const override {
    std::set<uint32_t> seen;
    for (const auto& c : ctx.model.comparisons()) {
      if (!is_case_sensitive(c.op)) continue;
      const schema::Enumeration* e = mde::enumeration_of(ctx, c);
      if (!e || !e->case_sensitive) continue;
      for (const auto& v : c.values) {
        const std::string* value = mde::string_value(v);
        if (!value) continue;
        auto right = e->case_variant(*value);
        if (!right || !seen.insert(v.span.begin).second) continue;
        const bool negated = c.op.starts_with("!");
        auto& d = ctx.report(doc(), v.span,
                             "'" + *value + "' is not a value of " + e->table + "." + e->column +
                                 ": Defender writes '" + std::string(*right) + "', and '" + c.op +
                                 "' compares case-sensitively, so this comparison " +
                                 (negated ? "excludes nothing" : "never matches"));
        d.help = "write '" + std::string(*right) + "', or compare case-insensitively (=~, in~)";
        Fix fix;
        fix.description = "write '" + std::string(*right) + "'";
        fix.edits.push_back({ctx.diags.to_file(v.span), mde::quoted(*right)});
        d.fix = std::move(fix);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_enum_value_case() { return std::make_unique<EnumValueCase>(); }

}  // namespace kql::lint
