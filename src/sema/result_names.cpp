#include "sema/result_names.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace kql::sema {
namespace {

// Functions whose result column takes the first argument's name (observed with Microsoft's
// binder: `project tostring(B)` -> B, `bin(T, 1h)` -> T, `round(R)` -> R ...).
constexpr std::array<std::string_view, 44> kFirstArgument = {
    "abs",
    "bin",
    "bin_at",
    "bin_auto",
    "binary_and",
    "binary_not",
    "binary_or",
    "binary_shift_left",
    "binary_shift_right",
    "binary_xor",
    "bitset_count_ones",
    "ceiling",
    "exp",
    "exp10",
    "exp2",
    "floor",
    "format_bytes",
    "format_datetime",
    "log",
    "log10",
    "log2",
    "parse_json",
    "parse_xml",
    "parsejson",
    "pow",
    "round",
    "split",
    "sqrt",
    "startofday",
    "tobool",
    "toboolean",
    "todatetime",
    "todecimal",
    "todouble",
    "todynamic",
    "toguid",
    "tohex",
    "toint",
    "tolong",
    "toobject",
    "toreal",
    "tostring",
    "totime",
    "totimespan",
};
// Functions named `<function>_<first argument>` (strlen(A) -> strlen_A).
constexpr std::array<std::string_view, 4> kNameAndFirstArgument = {"dcount_hll", "repeat",
                                                                   "string_size", "strlen"};
// Aggregates named after their first argument alone (take_any(A) -> A).
constexpr std::array<std::string_view, 5> kAggregateFirstArgument = {
    "binary_all_and", "binary_all_or", "binary_all_xor", "take_any", "take_anyif"};
// Aggregates whose prefix is not their own name.
struct Prefix {
  std::string_view function, prefix;
};
constexpr std::array<Prefix, 11> kAggregatePrefix = {{{"make_bag", "bag"},
                                                      {"make_bag_if", "bag"},
                                                      {"make_list", "list"},
                                                      {"make_list_if", "list"},
                                                      {"make_list_with_nulls", "list"},
                                                      {"make_set", "set"},
                                                      {"make_set_if", "set"},
                                                      {"makelist", "list"},
                                                      {"makeset", "set"},
                                                      {"percentiles_array", "percentiles"},
                                                      {"buildschema", "schema"}}};

// Aggregates whose name an enclosing expression takes (tostring(makeset(X)) -> set_X).
constexpr std::array<std::string_view, 31> kAggregates = {
    "any",          "anyif",    "avg",         "avgif",      "count",    "count_distinct",
    "countif",      "dcount",   "dcountif",    "hll",        "make_bag", "make_list",
    "make_list_if", "make_set", "make_set_if", "makelist",   "makeset",  "max",
    "maxif",        "min",      "minif",       "percentile", "stdev",    "stdevif",
    "sum",          "sumif",    "take_any",    "take_anyif", "tdigest",  "variance",
    "varianceif"};

template <size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

const ast::Expr* peel(const ast::Expr* e) {
  while (e && e->kind == ast::NodeKind::Paren) e = static_cast<const ast::Paren*>(e)->inner;
  return e;
}

std::string literal_text(const ast::Expr* e) {
  e = peel(e);
  if (!e || e->kind != ast::NodeKind::Literal) return {};
  auto* l = static_cast<const ast::Literal*>(e);
  switch (l->literal_kind) {
    case ast::LiteralKind::String:
    case ast::LiteralKind::Int:
    case ast::LiteralKind::Long:
    case ast::LiteralKind::Real:
      return l->value;
    default:
      return {};
  }
}

}  // namespace

std::string inferred_name(const ast::Expr* e) {
  e = peel(e);
  if (!e) return {};
  switch (e->kind) {
    case ast::NodeKind::Name:
      return static_cast<const ast::Name*>(e)->name;
    case ast::NodeKind::Member: {
      auto* m = static_cast<const ast::Member*>(e);
      auto* obj = peel(m->object);
      if (obj && obj->kind == ast::NodeKind::Name) {
        auto& n = static_cast<const ast::Name*>(obj)->name;
        if (n == "$left" || n == "$right") return m->member;
      }
      std::string base = inferred_name(m->object);
      return base.empty() ? std::string() : base + "_" + m->member;
    }
    case ast::NodeKind::Index: {
      auto* ix = static_cast<const ast::Index*>(e);
      std::string base = inferred_name(ix->object);
      std::string key = literal_text(ix->index);
      return base.empty() || key.empty() ? std::string() : base + "_" + key;
    }
    case ast::NodeKind::NamedArgument:  // toint(Compliant = dcountif(...)) -> Compliant
      return static_cast<const ast::NamedArgument*>(e)->name;
    case ast::NodeKind::Assignment: {
      auto* a = static_cast<const ast::Assignment*>(e);
      return a->names.size() == 1 && a->names[0] ? a->names[0]->name : std::string();
    }
    case ast::NodeKind::Call: {
      auto* c = static_cast<const ast::Call*>(e);
      const std::string& f = c->callee;
      if (in(kAggregates, f)) {  // tostring(makeset(X)) -> set_X
        auto names = aggregate_names(*c);
        return names.empty() ? std::string() : names.front();
      }
      if ((f == "column_ifexists" || f == "columnifexists") && !c->args.empty())
        return literal_text(c->args[0]);
      if (f == "ingestion_time") return "$IngestionTime";
      if (c->args.empty()) return {};
      if (in(kFirstArgument, f)) return inferred_name(c->args[0]);
      if (in(kNameAndFirstArgument, f) || f == "gettype") {
        std::string a = inferred_name(c->args[0]);
        if (a.empty()) return {};
        return (f == "gettype" ? std::string("type") : f) + "_" + a;
      }
      if (f == "array_sort_asc" || f == "array_sort_desc") {
        std::string a = inferred_name(c->args[0]);
        return a.empty() ? a : a + "_sorted";
      }
      return {};
    }
    default:
      return {};
  }
}

std::vector<std::string> aggregate_names(const ast::Call& call) {
  const std::string& f = call.callee;
  std::string arg = call.args.empty() ? std::string() : inferred_name(call.args[0]);
  if (f == "arg_max" || f == "arg_min") return {};
  if (in(kAggregateFirstArgument, f)) {
    // take_any(A, B) names each argument; take_any(A) -> A
    std::vector<std::string> out;
    size_t n = f == "take_anyif" ? std::min<size_t>(1, call.args.size()) : call.args.size();
    for (size_t i = 0; i < n; ++i) out.push_back(inferred_name(call.args[i]));
    return out;
  }
  // count(X) is a (legacy) count of rows where X is set: Kusto names it count_X
  if (f == "count" && !arg.empty()) return {"count_" + arg};
  if (f == "count" || f == "countif") return {f + "_"};
  if ((f == "any" || f == "anyif") && call.args.size() > 1) {  // any(A, B) -> any_A, any_B
    std::vector<std::string> out;
    size_t n = f == "anyif" ? 1 : call.args.size();
    for (size_t i = 0; i < n; ++i) out.push_back(f + "_" + inferred_name(call.args[i]));
    return out;
  }
  if (f == "percentile" || f == "percentiles") {
    std::vector<std::string> out;
    for (size_t i = 1; i < call.args.size(); ++i) {
      std::string p = literal_text(call.args[i]);
      std::replace(p.begin(), p.end(), '.', '_');
      out.push_back("percentile_" + arg + "_" + p);
    }
    if (out.empty()) out.push_back("percentile_" + arg);
    return out;
  }
  if (f == "argmax" || f == "argmin") {  // deprecated forms: max_B, max_B_A ...
    std::string pre = f == "argmax" ? "max_" : "min_";
    std::vector<std::string> out{pre + arg};
    for (size_t i = 1; i < call.args.size(); ++i)
      out.push_back(pre + arg + "_" + inferred_name(call.args[i]));
    return out;
  }
  // covariance(x, y) -> covariance_x_y (the docs' covariancep_x_y, covarianceif_x_y)
  if ((f == "covariance" || f == "covariancep" || f == "covarianceif") && call.args.size() >= 2)
    return {f + "_" + arg + "_" + inferred_name(call.args[1])};
  std::string prefix = f;
  for (auto& p : kAggregatePrefix)
    if (p.function == f) prefix = p.prefix;
  return {prefix + "_" + arg};
}

}  // namespace kql::sema
