#pragma once
// Internal to src/syntax: turns ANTLR parse-tree contexts into our SyntaxTree nodes with byte
// spans. Only the parser driver includes this (nothing outside src/syntax sees ANTLR types).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "KqlParser.h"
#include "syntax/ast.h"
#include "syntax/string_literal.h"

namespace kql::syntax_detail {

using P = kqlgen::KqlParser;

class TreeBuilder {
 public:
  // `cp_to_byte[i]` is the byte offset in `text` of code point i (size: code points + 1).
  // `on_error` receives syntax errors the grammar leaves to the builder (e.g. a wildcard
  // `Account *Name` whose parts do not touch).
  TreeBuilder(ast::SyntaxTree& tree, std::string_view text, const std::vector<uint32_t>& cp_to_byte,
              std::function<void(Span, std::string)> on_error)
      : t_(tree), text_(text), cp_(cp_to_byte), on_error_(std::move(on_error)) {}

  ast::Statement* statement(P::StatementContext* c);
  ast::Operator* pipe_operator(P::PipeOperatorContext* c);
  // Adds `op` as a new pipe stage after `input` (which may be null for an implicit input).
  ast::Expr* append_stage(ast::Expr* input, ast::Operator* op);

 private:
  // spans
  uint32_t byte(size_t cp) const { return cp < cp_.size() ? cp_[cp] : cp_.back(); }
  Span span(antlr4::Token* tok) const;
  Span span(antlr4::tree::TerminalNode* n) const { return n ? span(n->getSymbol()) : Span{}; }
  Span span(antlr4::ParserRuleContext* c) const;
  std::string_view source(Span s) const { return text_.substr(s.begin, s.size()); }
  // The source text of a rule (cheaper than ANTLR's getText, which walks the children).
  std::string text(antlr4::ParserRuleContext* c) const { return std::string(source(span(c))); }

  template <class T>
  T* make(antlr4::ParserRuleContext* c) {
    return t_.make<T>(span(c));
  }
  template <class T>
  T* make_op(ast::OperatorKind k, antlr4::ParserRuleContext* c) {
    T* op;
    if constexpr (std::is_constructible_v<T, ast::OperatorKind>)
      op = t_.make_op<T>(k, span(c));
    else
      op = t_.make<T>(span(c));  // operators with a fixed kind
    op->keyword_span = span(c->getStart());
    return op;
  }

  // statements
  ast::LetStatement* let_statement(P::LetStatementContext* c);
  ast::FunctionDecl* function_decl(P::FunctionDeclContext* c);
  ast::ColumnDecl function_param(P::FunctionParamContext* c);
  ast::ColumnDecl column_decl(P::ColumnDeclContext* c);
  std::string type_name(P::TypeNameContext* c);

  // pipelines and operators
  ast::Expr* pipe_expr(P::PipeExprContext* c);
  ast::Expr* piped_expr(P::PipedExprContext* c);
  ast::Expr* sub_pipe(P::SubPipeContext* c);
  ast::Operator* source_operator(P::SourceOperatorContext* c);
  void params(ast::Operator* op, const std::vector<P::OpParamContext*>& ps);
  std::vector<ast::Expr*> named_list(P::NamedExprListContext* c);
  ast::Expr* named_expr(P::NamedExprContext* c);
  ast::Name* name_decl(P::NameDeclContext* c);
  ast::Expr* column_pattern(P::ColumnPatternContext* c);
  ast::Ordered* sort_item(P::SortItemContext* c);
  ast::MvExpandItem mv_item(P::MvItemContext* c);
  ast::Operator* list_op(ast::OperatorKind k, antlr4::ParserRuleContext* c,
                         P::NamedExprListContext* list);
  ast::Operator* pattern_op(ast::OperatorKind k, antlr4::ParserRuleContext* c,
                            const std::vector<P::ColumnPatternContext*>& items);
  ast::Operator* join_op(ast::OperatorKind k, antlr4::ParserRuleContext* c,
                         const std::vector<P::OpParamContext*>& ps,
                         const std::vector<P::ExpressionContext*>& exprs);
  ast::Operator* union_op(P::UnionOpContext* c);
  ast::Operator* search_op(P::SearchOpContext* c);
  ast::Operator* parse_op(P::ParseOpContext* c);
  ast::Operator* generic(ast::OperatorKind k, antlr4::ParserRuleContext* c);
  void collect_children(antlr4::tree::ParseTree* node, ast::GenericOp* op);

  // expressions
  struct Step {  // one `operator operand` (or in/between tail) of a flat expression
    int prec;
    P::ExpressionTailContext* tail;
    ast::Expr* rhs;  // null for in/between tails
  };
  ast::Expr* expression(P::ExpressionContext* c);
  ast::Expr* climb(ast::Expr* lhs, const std::vector<Step>& steps, size_t& next, int min_prec);
  ast::Expr* apply_list_tail(ast::Expr* lhs, P::ExpressionTailContext* t);
  ast::Expr* operand(P::OperandContext* c);
  ast::Expr* primary(P::PrimaryContext* c);
  void call_args(P::ArgListContext* list, std::vector<ast::Expr*>& out);
  ast::Literal* literal(P::LiteralContext* c);
  ast::Literal* typed_literal(P::TypedLiteralContext* c);
  ast::Binary* binary(ast::BinaryOp op, Span op_span, ast::Expr* l, ast::Expr* r);

  ast::SyntaxTree& t_;
  std::string_view text_;
  const std::vector<uint32_t>& cp_;
  std::function<void(Span, std::string)> on_error_;
};

// Ticks (100 ns) of a timespan token such as `1d`, `2.5h`, `100ms`; false when malformed.
bool timespan_ticks(std::string_view token, int64_t* ticks);

}  // namespace kql::syntax_detail
