#include "lint/rules/mde_support.h"

namespace kql::lint::mde {

Span value_span(const LintContext& ctx, Span literal, std::string_view value) {
  std::string_view text = ctx.text(literal);
  if (value.empty()) return literal;
  // The literal is exactly one string: keep its whole span (quotes included).
  for (char q : {'"', '\''}) {
    size_t at = 0;
    while ((at = text.find(value, at)) != std::string_view::npos) {
      size_t end = at + value.size();
      if (at > 0 && end < text.size() && text[at - 1] == q && text[end] == q) {
        Span s{static_cast<uint32_t>(literal.begin + at - 1),
               static_cast<uint32_t>(literal.begin + end + 1)};
        // A lone string literal (possibly @-verbatim or h-obfuscated): its whole span.
        if (s.end == literal.end && literal.begin + 2 >= s.begin) return literal;
        return s;
      }
      at = end;
    }
  }
  return literal;
}

std::string quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string quoted_list(const std::vector<std::string_view>& names, size_t max) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < max; ++i) {
    if (i) out += ", ";
    out += "'" + std::string(names[i]) + "'";
  }
  if (names.size() > max) out += " and " + std::to_string(names.size() - max) + " more";
  return out;
}

const schema::Enumeration* enumeration_of(const LintContext& ctx, const sema::Comparison& c) {
  if (!c.af_key.empty()) {
    const sema::Stage* stage = ctx.model.stage(c.stage);
    const schema::Table* t = c.origin ? c.origin : stage ? stage->table : nullptr;
    if (!t) return nullptr;
    return ctx.schema.find_enumeration(t->name, "AdditionalFields." + std::string(c.af_key));
  }
  if (c.column.empty() || !c.origin) return nullptr;
  return ctx.schema.find_enumeration(c.origin->name, c.column);
}

const std::string* string_value(const sema::Comparison::Value& v) {
  if (!v.literal || v.literal->literal_kind != ast::LiteralKind::String) return nullptr;
  return &v.literal->value;
}

std::vector<std::string_view> names_of(const std::vector<const schema::ActionType*>& ats) {
  std::vector<std::string_view> out;
  out.reserve(ats.size());
  for (const auto* at : ats) out.push_back(at->name);
  return out;
}

}  // namespace kql::lint::mde
