// adjacent-strings: KQL joins string literals that follow each other ("a" "b" is "ab"). In a
// list - in/has_any items, a dynamic array, datatable values, pack_array arguments - that is
// almost always a missing comma, and the list silently loses two entries for one that matches
// nothing: an IOC list or a sensitive-group list stops matching without any error. The fix inserts
// the comma; it is not applied by --fix because it changes what the query matches.
#include <cctype>
#include <functional>
#include <optional>

#include "lint/rules/row_flow.h"
#include "lint/rules/rules.h"
#include "syntax/string_literal.h"

namespace kql::lint {
namespace {

// Calls `found(first, second)` for each pair of string tokens in `text` separated only by
// whitespace and // comments. Spans are offsets in the query (text starts at `base`).
void adjacent_string_tokens(std::string_view text, uint32_t base,
                            const std::function<void(Span, Span)>& found) {
  std::optional<Span> prev;  // the last string token, while nothing else has followed it
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    // An h right after a letter or digit ends an identifier; elsewhere it may prefix h"..".
    bool prefix_ok =
        (c != 'h' && c != 'H') || i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
    size_t n = prefix_ok ? syntax_detail::string_literal_length(text.substr(i)) : 0;
    if (n > 0) {
      Span tok{base + static_cast<uint32_t>(i), base + static_cast<uint32_t>(i + n)};
      if (prev) found(*prev, tok);
      prev = tok;
      i += n;
      continue;
    }
    prev.reset();
    ++i;
  }
}

class AdjacentStrings final : public Rule {
 public:
  AdjacentStrings() : Rule("adjacent-strings") {}

  void check(const LintContext& ctx) const override {
    for (const auto* stmt : ctx.tree.statements) {
      walk_tree(*stmt, [&](const ast::Node& n) {
        if (n.kind == ast::NodeKind::InList) {
          for (const ast::Expr* item : static_cast<const ast::InList&>(n).items)
            check_item(ctx, item);
        } else if (n.kind == ast::NodeKind::Call) {
          const auto& call = static_cast<const ast::Call&>(n);
          if (call.callee == "pack_array" || call.callee == "set_union" ||
              call.callee == "array_concat")
            for (const ast::Expr* arg : call.args) check_item(ctx, arg);
        } else if (n.kind == ast::NodeKind::Operator &&
                   static_cast<const ast::Operator&>(n).op_kind == ast::OperatorKind::Datatable) {
          for (const ast::Expr* v : static_cast<const ast::DataTableOp&>(n).values)
            check_item(ctx, v);
        } else if (n.kind == ast::NodeKind::Literal &&
                   static_cast<const ast::Literal&>(n).literal_kind == ast::LiteralKind::Dynamic) {
          check_literal_text(ctx, n.span);
        }
      });
    }
  }

 private:
  void check_item(const LintContext& ctx, const ast::Expr* item) const {
    if (!item || item->kind != ast::NodeKind::Literal) return;
    if (static_cast<const ast::Literal*>(item)->literal_kind != ast::LiteralKind::String) return;
    check_literal_text(ctx, item->span);
  }

  void check_literal_text(const LintContext& ctx, Span span) const {
    adjacent_string_tokens(ctx.text(span), span.begin, [&](Span first, Span second) {
      auto& d = ctx.report(doc(), second,
                           "this string follows " + std::string(ctx.text(first)) +
                               " with no comma: KQL joins adjacent strings into one, so the "
                               "list holds their concatenation instead of two entries");
      d.help = "add the missing comma; if one string was meant, write it as one literal";
      Fix fix;
      fix.description = "insert a comma after " + std::string(ctx.text(first));
      fix.safe = false;  // it changes which rows the query matches
      fix.edits.push_back({ctx.diags.to_file(Span{first.end, first.end}), ","});
      d.fix = std::move(fix);
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_adjacent_strings() { return std::make_unique<AdjacentStrings>(); }

}  // namespace kql::lint
