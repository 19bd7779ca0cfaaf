#pragma once
// Internal to the Zeek backend: the translator of one rule's syntax tree into a RulePlan.
// Split by concern: rule_structure.cpp (statements, pipeline, ActionTypes, lookback),
// rule_values.cpp (names, fields, functions), rule_predicates.cpp (comparisons, string
// operators, lists), rule_handlers.cpp (one handler per ActionType, SumStats).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "backend/zeek/codes.h"
#include "backend/zeek/mapping.h"
#include "backend/zeek/plan.h"
#include "backend/zeek/translate.h"
#include "backend/zeek/values.h"
#include "diag/diagnostic.h"
#include "syntax/ast.h"

namespace kql::zeek::detail {

using namespace kql::ast;

// Thrown at the first construct of a stage that cannot be translated; caught per stage item.
struct Reject {
  Code code;
  Span span;
  std::string message;
  std::string help;
  bool silent = false;  // a consequence of an error already reported
};

[[noreturn]] void reject(Code code, Span span, std::string message, std::string help = "");

// Syntax-tree helpers (tree_helpers.cpp).
std::string fmt_double(double d);
const Expr* strip_parens(const Expr* e);
void for_each_name(const Expr* e, const std::function<void(const Name*)>& fn);
void conjuncts(const Expr* e, std::vector<const Expr*>& out);
bool is_call(const Expr* e, std::string_view name, size_t args);
std::string lower_name(std::string s);
bool is_time_column(const Expr* e);
std::string module_name(const std::string& title);
std::string operand(const std::string& code);

struct Binding {
  enum Kind { Value, Bag, Dropped, Poisoned } kind = Value;
  ZValue value;
  std::string reason;  // Dropped: why the column has no Zeek equivalent
};

// One output column of project/distinct/summarize, for the notice message.
struct OutputColumn {
  std::string label;
  Span span;
  Binding binding;
};

class RuleTranslator {
 public:
  RuleTranslator(const Query& query, const SyntaxTree& tree, const Mapping& mapping,
                 QueryDiagnostics& diags)
      : query_(query), tree_(tree), mapping_(mapping), diags_(diags) {}

  std::optional<RulePlan> run(const ZeekOptions& options);

 private:
  // -- reporting
  void report(const Reject& r) {
    if (r.silent) return;
    if (!reported_.insert({std::string(r.code.code), r.span.begin, r.span.end}).second) return;
    auto& d = diags_.report(std::string(r.code.code), std::string(r.code.name), Severity::Error,
                            r.span, r.message);
    d.help = r.help;
    failed_ = true;
  }
  void warn(Code code, Span span, std::string message) {
    if (!reported_.insert({std::string(code.code), span.begin, span.end}).second) return;
    diags_.report(std::string(code.code), std::string(code.name), Severity::Warning, span,
                  std::move(message));
  }
  std::string source_text(Span span) const {
    std::string out;
    bool space = false;
    for (uint32_t i = span.begin; i < span.end && i < query_.text.size(); ++i) {
      char c = query_.text[i];
      if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    if (out.size() > 110) out = out.substr(0, 107) + "...";
    return out;
  }

  // -- structure
  void collect_statements();
  void flatten(const Expr* e, std::vector<const Operator*>& ops, int depth);
  void find_candidates();
  bool is_action_type_only(const Expr* conjunct);
  std::optional<int64_t> window_of(const Expr* conjunct);
  HandlerPlan translate_handler(const ActionMapping& action);
  void translate_aggregate(const SummarizeOp* op, size_t op_index, HandlerPlan& handler,
                           std::map<std::string, Binding>& env);

  // -- expressions (per handler)
  Binding lookup(const Name* name);
  Binding binding_of(const Expr* e);
  ZValue value(const Expr* e);
  ZValue field_value(const std::string& key, Span span);
  ZValue call_value(const Call* c);
  ZValue split_element(const ZValue& vec, const Expr* index, Span span);
  ZValue dynamic_literal(const Literal* l);
  ZPred predicate(const Expr* e);
  ZPred comparison(const Binary* b);
  ZPred string_operator(const Binary* b, const ZValue& lhs, const ZValue& rhs);
  ZPred in_list(const InList* l);
  std::vector<ZValue> list_items(const InList* l);
  std::string kql_string(const ZValue& v);  // tostring() semantics: "" for null
  // kql_string() for text a rule computes with (tostring(), strcat()): rejects the values whose
  // Zeek text differs from KQL's (datetimes, reals); the notice message may still show them.
  std::string exact_text(const ZValue& v, Span span);
  std::string literal_for(const ZValue& like, const ZValue& constant, Span span);
  int64_t timespan_of(const Expr* e);

  const Query& query_;
  const SyntaxTree& tree_;
  const Mapping& mapping_;
  QueryDiagnostics& diags_;
  std::set<std::tuple<std::string, uint32_t, uint32_t>> reported_;
  bool failed_ = false;

  std::map<std::string, const Expr*> lets_;
  std::set<std::string> expanding_lets_;
  const Expr* table_ = nullptr;
  std::vector<const Operator*> ops_;
  std::vector<const ActionMapping*> candidates_;
  std::set<const Expr*> action_conjuncts_;  // where-conjuncts the candidates already satisfy
  std::set<const Expr*> window_conjuncts_;
  std::optional<int64_t> window_;  // the rule's lookback, from Timestamp > ago(x)

  // per handler
  const ActionMapping* action_ = nullptr;
  const LogInfo* log_ = nullptr;
  std::map<std::string, Binding>* env_ = nullptr;
  bool columns_visible_ = true;  // the table's columns are in scope (no project yet)
  bool uses_inbound_ = false;
  bool uses_protocol_ = false;
  bool uses_split_ = false;

  // results shared by all handlers
  std::string module_;  // the Zeek module: SumStats stream names start with it
  std::optional<AggregatePlan> aggregate_;
  bool distinct_ = false;
};

}  // namespace kql::zeek::detail
