// ANTLR parse tree -> kqlint syntax tree. One function per grammar rule that carries meaning;
// precedence chains are folded with loops so that building never recurses per operand.
#include "syntax/builder.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace kql::syntax_detail {

using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::tree::ParseTree;
using antlr4::tree::TerminalNode;
using namespace kql::ast;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The text between the first '(' and the last ')' of `datetime(...)`-style tokens.
std::string_view paren_contents(std::string_view tok) {
  size_t open = tok.find('(');
  size_t close = tok.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
  return trim(tok.substr(open + 1, close - open - 1));
}

TerminalNode* as_terminal(ParseTree* n) { return dynamic_cast<TerminalNode*>(n); }

}  // namespace

// ---------------------------------------------------------------------------------------
// Literal decoding

bool timespan_ticks(std::string_view tok, int64_t* ticks) {
  size_t i = 0;
  while (i < tok.size() && ((tok[i] >= '0' && tok[i] <= '9') || tok[i] == '.')) ++i;
  std::string number(tok.substr(0, i));
  std::string_view unit = tok.substr(i);
  char* end = nullptr;
  double value = std::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size()) return false;
  double per = 0;
  if (unit == "d" || unit == "day" || unit == "days")
    per = 864000000000.0;
  else if (unit == "h" || unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours")
    per = 36000000000.0;
  else if (unit == "m" || unit == "min" || unit == "minute" || unit == "minutes")
    per = 600000000.0;
  else if (unit == "s" || unit == "sec" || unit == "second" || unit == "seconds")
    per = 10000000.0;
  else if (unit == "ms" || unit == "milli" || unit == "millis" || unit == "millisecond" ||
           unit == "milliseconds")
    per = 10000.0;
  else if (unit == "microsecond" || unit == "microseconds")
    per = 10.0;
  else if (unit == "tick" || unit == "ticks")
    per = 1.0;
  else
    return false;
  double t = value * per;
  if (!(t < 9.2e18)) return false;
  *ticks = static_cast<int64_t>(std::llround(t));
  return true;
}

// `[d.]hh:mm[:ss[.fffffff]]` inside time(...)/timespan(...).
static bool clock_ticks(std::string_view s, int64_t* ticks) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  int64_t days = 0;
  size_t colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  size_t dot = s.find('.');
  if (dot != std::string_view::npos && dot < colon) {
    std::from_chars(s.data(), s.data() + dot, days);
    s.remove_prefix(dot + 1);
  }
  int64_t parts[3] = {0, 0, 0};
  double seconds = 0;
  int n = 0;
  while (!s.empty() && n < 3) {
    size_t c = s.find(':');
    std::string_view piece = s.substr(0, c);
    if (n == 2) {
      seconds = std::strtod(std::string(piece).c_str(), nullptr);
    } else {
      std::from_chars(piece.data(), piece.data() + piece.size(), parts[n]);
    }
    ++n;
    if (c == std::string_view::npos) break;
    s.remove_prefix(c + 1);
  }
  int64_t t = ((days * 24 + parts[0]) * 60 + parts[1]) * 600000000LL +
              static_cast<int64_t>(std::llround(seconds * 10000000.0));
  *ticks = negative ? -t : t;
  return true;
}

// ---------------------------------------------------------------------------------------
// Spans

Span TreeBuilder::span(Token* tok) const {
  if (!tok) return {};
  if (tok->getType() == Token::EOF) {
    uint32_t end = static_cast<uint32_t>(text_.size());
    return {end, end};
  }
  return {byte(tok->getStartIndex()), byte(tok->getStopIndex() + 1)};
}

Span TreeBuilder::span(ParserRuleContext* c) const {
  if (!c) return {};
  Token* a = c->getStart();
  Token* b = c->getStop();
  if (!a) return {};
  Span first = span(a);
  if (!b || b->getType() == Token::EOF || b->getTokenIndex() < a->getTokenIndex())
    return {first.begin, first.begin};
  return {first.begin, span(b).end};
}

// ---------------------------------------------------------------------------------------
// Statements

Statement* TreeBuilder::statement(P::StatementContext* c) {
  if (auto* let = c->letStatement()) return let_statement(let);
  if (auto* set = c->setStatement()) {
    auto* s = make<SetStatement>(set);
    std::string option;
    for (auto* n : set->anyName()) {
      if (!option.empty()) option += '.';
      option += text(n);
    }
    s->option = option;
    if (set->expression()) s->value = expression(set->expression());
    return s;
  }
  if (auto* decl = c->declareStatement()) {
    auto* s = make<DeclareStatement>(decl);
    for (auto* p : decl->functionParam()) s->params.push_back(function_param(p));
    return s;
  }
  auto* q = make<QueryStatement>(c);
  q->expr = pipe_expr(c->pipeExpr());
  return q;
}

LetStatement* TreeBuilder::let_statement(P::LetStatementContext* c) {
  auto* s = make<LetStatement>(c);
  Name* n = name_decl(c->nameDecl());
  s->name = n->name;
  s->name_span = n->span;
  auto* v = c->letValue();
  if (v->functionDecl())
    s->value = function_decl(v->functionDecl());
  else
    s->value = pipe_expr(v->pipeExpr());
  return s;
}

FunctionDecl* TreeBuilder::function_decl(P::FunctionDeclContext* c) {
  auto* f = make<FunctionDecl>(c);
  for (auto* p : c->functionParam()) f->params.push_back(function_param(p));
  auto* body = c->functionBody();
  for (auto* let : body->letStatement()) f->body.push_back(let_statement(let));
  f->result = pipe_expr(body->pipeExpr());
  return f;
}

ColumnDecl TreeBuilder::function_param(P::FunctionParamContext* c) {
  ColumnDecl d;
  Name* n = name_decl(c->nameDecl());
  d.name = n->name;
  d.name_span = n->span;
  auto* pt = c->paramType();
  d.type_span = span(pt);
  if (pt->typeName()) {
    d.type = type_name(pt->typeName());
  } else {
    d.tabular = true;
    bool open = false;
    for (auto* item : pt->schemaItem()) {
      if (item->STAR())
        open = true;
      else
        d.columns.push_back(column_decl(item->columnDecl()));
    }
    d.type = open && d.columns.empty() ? "(*)" : std::string(source(d.type_span));
  }
  if (c->expression()) d.default_value = expression(c->expression());
  return d;
}

ColumnDecl TreeBuilder::column_decl(P::ColumnDeclContext* c) {
  ColumnDecl d;
  Name* n = name_decl(c->nameDecl());
  d.name = n->name;
  d.name_span = n->span;
  d.type = type_name(c->typeName());
  d.type_span = span(c->typeName());
  return d;
}

std::string TreeBuilder::type_name(P::TypeNameContext* c) {
  std::string s = text(c);
  for (auto& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

// ---------------------------------------------------------------------------------------
// Pipelines

Expr* TreeBuilder::append_stage(Expr* input, Operator* op) {
  auto* p = t_.make<Pipe>(input ? Span::cover(input->span, op->span) : op->span);
  p->input = input;
  p->op = op;
  return p;
}

Expr* TreeBuilder::pipe_expr(P::PipeExprContext* c) {
  auto* head = c->pipeHead();
  Expr* cur;
  if (auto* src = head->sourceOperator()) {
    auto* oe = make<OperatorExpr>(src);
    oe->op = source_operator(src);
    cur = oe;
  } else {
    cur = expression(head->expression());
  }
  for (auto* op : c->pipeOperator()) cur = append_stage(cur, pipe_operator(op));
  return cur;
}

Expr* TreeBuilder::sub_pipe(P::SubPipeContext* c) {
  Expr* cur = nullptr;
  for (auto* op : c->pipeOperator()) cur = append_stage(cur, pipe_operator(op));
  return cur;
}

void TreeBuilder::params(Operator* op, const std::vector<P::OpParamContext*>& ps) {
  for (auto* p : ps) {
    OperatorParam param;
    param.name = text(p->paramName());
    param.name_span = span(p->paramName());
    param.value_span = span(p->paramValue());
    param.value = std::string(source(param.value_span));
    op->params.push_back(std::move(param));
  }
}

std::vector<Expr*> TreeBuilder::named_list(P::NamedExprListContext* c) {
  std::vector<Expr*> out;
  if (!c) return out;
  for (auto* n : c->namedExpr()) out.push_back(named_expr(n));
  return out;
}

Expr* TreeBuilder::named_expr(P::NamedExprContext* c) {
  if (!c->assignTarget()) return expression(c->expression());
  auto* a = make<Assignment>(c);
  for (auto* n : c->assignTarget()->nameDecl()) a->names.push_back(name_decl(n));
  a->value = expression(c->expression());
  return a;
}

Name* TreeBuilder::name_decl(P::NameDeclContext* c) {
  auto* n = make<Name>(c);
  if (c->STRING()) {
    bool v, o;
    n->name = decode_string_literal(c->STRING()->getText(), &v, &o);
    n->bracketed = true;
  } else {
    n->name = text(c->identifier());
  }
  return n;
}

Expr* TreeBuilder::column_pattern(P::ColumnPatternContext* c) {
  if (c->STRING()) {
    auto* n = make<Name>(c);
    bool v, o;
    n->name = decode_string_literal(c->STRING()->getText(), &v, &o);
    n->bracketed = true;
    return n;
  }
  // The parts of `Account*Name` are separate tokens; they must touch to form one pattern.
  uint32_t prev_end = 0;
  bool first = true;
  for (auto* child : c->children) {
    TerminalNode* term = as_terminal(child);
    Span s = term ? span(term) : span(static_cast<ParserRuleContext*>(child));
    if (!first && s.begin != prev_end) {
      on_error_(Span{prev_end, s.begin}, "expected ',' between column names");
      break;
    }
    first = false;
    prev_end = s.end;
  }
  if (c->STAR().empty()) {
    auto* n = make<Name>(c);
    n->name = c->getText();
    return n;
  }
  auto* w = make<Wildcard>(c);
  w->pattern = std::string(source(w->span));
  return w;
}

Ordered* TreeBuilder::sort_item(P::SortItemContext* c) {
  auto* o = make<Ordered>(c);
  o->expr = expression(c->expression());
  if (c->ASC()) o->ascending = true;
  if (c->DESC()) o->ascending = false;
  if (c->NULLS()) o->nulls_first = c->FIRST() != nullptr;
  return o;
}

MvExpandItem TreeBuilder::mv_item(P::MvItemContext* c) {
  MvExpandItem item;
  item.expr = named_expr(c->namedExpr());
  if (c->typeName()) item.to_type = type_name(c->typeName());
  return item;
}

Operator* TreeBuilder::list_op(OperatorKind k, ParserRuleContext* c,
                               P::NamedExprListContext* list) {
  auto* op = make_op<ListOp>(k, c);
  op->items = named_list(list);
  return op;
}

Operator* TreeBuilder::pattern_op(OperatorKind k, ParserRuleContext* c,
                                  const std::vector<P::ColumnPatternContext*>& items) {
  auto* op = make_op<ListOp>(k, c);
  for (auto* p : items) op->items.push_back(column_pattern(p));
  return op;
}

Operator* TreeBuilder::join_op(OperatorKind k, ParserRuleContext* c,
                               const std::vector<P::OpParamContext*>& ps,
                               const std::vector<P::ExpressionContext*>& exprs) {
  auto* op = make_op<JoinOp>(k, c);
  params(op, ps);
  if (!exprs.empty()) op->right = expression(exprs[0]);
  for (size_t i = 1; i < exprs.size(); ++i) op->on.push_back(expression(exprs[i]));
  return op;
}

Operator* TreeBuilder::union_op(P::UnionOpContext* c) {
  auto* op = make_op<UnionOp>(OperatorKind::Union, c);
  params(op, c->opParam());
  for (auto* item : c->unionItem())
    op->tables.push_back(item->expression() ? expression(item->expression())
                                            : column_pattern(item->columnPattern()));
  return op;
}

Operator* TreeBuilder::parse_op(P::ParseOpContext* c) {
  auto* op = make_op<ParseOp>(c->PARSE() ? OperatorKind::Parse : OperatorKind::ParseWhere, c);
  params(op, c->opParam());
  op->source = expression(c->expression());
  for (auto* part : c->parsePart()) {
    ParsePart p;
    if (part->STAR()) {
      p.is_star = true;
    } else if (!part->STRING().empty()) {
      p.is_literal = true;
      auto* lit = make<Literal>(part);
      lit->literal_kind = LiteralKind::String;
      for (auto* s : part->STRING()) {
        bool v, o;
        lit->value += decode_string_literal(s->getText(), &v, &o);
        lit->verbatim = lit->verbatim || v;
      }
      p.literal = lit;
    } else {
      Name* n = name_decl(part->nameDecl());
      p.column = n->name;
      p.column_span = n->span;
      if (part->typeName()) p.type = type_name(part->typeName());
    }
    op->parts.push_back(std::move(p));
  }
  return op;
}

// Operators whose details the binder does not model keep their child expressions in order.
Operator* TreeBuilder::generic(OperatorKind k, ParserRuleContext* c) {
  auto* op = make_op<GenericOp>(k, c);
  for (auto* child : c->children) collect_children(child, op);
  return op;
}

void TreeBuilder::collect_children(ParseTree* node, GenericOp* op) {
  if (auto* e = dynamic_cast<P::ExpressionContext*>(node)) {
    op->children.push_back(expression(e));
  } else if (auto* n = dynamic_cast<P::NamedExprContext*>(node)) {
    op->children.push_back(named_expr(n));
  } else if (auto* s = dynamic_cast<P::SubPipeContext*>(node)) {
    op->subqueries.push_back(sub_pipe(s));
  } else if (auto* pe = dynamic_cast<P::PipeExprContext*>(node)) {
    op->subqueries.push_back(pipe_expr(pe));
  } else if (auto* p = dynamic_cast<P::OpParamContext*>(node)) {
    params(op, {p});
  } else if (auto* nd = dynamic_cast<P::NameDeclContext*>(node)) {
    op->children.push_back(name_decl(nd));
  } else if (auto* si = dynamic_cast<P::SortItemContext*>(node)) {
    op->children.push_back(sort_item(si));
  } else if (dynamic_cast<P::FunctionParamContext*>(node) ||
             dynamic_cast<P::IdentifierContext*>(node)) {
    // declarations and step names: not expressions
  } else if (auto* rc = dynamic_cast<ParserRuleContext*>(node)) {
    for (auto* child : rc->children) collect_children(child, op);
  }
}

Operator* TreeBuilder::search_op(P::SearchOpContext* o) {
  auto* op = make_op<SearchOp>(OperatorKind::Search, o);
  params(op, o->opParam());
  for (auto* item : o->unionItem())
    op->tables.push_back(item->expression() ? expression(item->expression())
                                            : column_pattern(item->columnPattern()));
  if (o->STAR())
    op->predicate = t_.make<Star>(span(o->STAR()));
  else
    op->predicate = expression(o->expression());
  return op;
}

Operator* TreeBuilder::source_operator(P::SourceOperatorContext* c) {
  if (auto* o = c->printOp()) return list_op(OperatorKind::Print, o, o->namedExprList());
  if (auto* o = c->rangeOp()) {
    auto* op = make_op<RangeOp>(OperatorKind::Range, o);
    op->column = text(o->identifier());
    op->column_span = span(o->identifier());
    op->from = expression(o->expression(0));
    op->to = expression(o->expression(1));
    op->step = expression(o->expression(2));
    return op;
  }
  if (auto* o = c->unionOp()) return union_op(o);
  if (auto* o = c->datatableOp()) {
    auto* op = make_op<DataTableOp>(OperatorKind::Datatable, o);
    params(op, o->opParam());
    for (auto* d : o->columnDecl()) op->columns.push_back(column_decl(d));
    for (auto* e : o->expression()) op->values.push_back(expression(e));
    return op;
  }
  if (auto* o = c->externaldataOp()) {
    auto* op = make_op<DataTableOp>(OperatorKind::Externaldata, o);
    params(op, o->opParam());
    for (auto* d : o->columnDecl()) op->columns.push_back(column_decl(d));
    for (auto* e : o->expression()) op->values.push_back(expression(e));
    for (auto* n : o->namedExpr()) op->with_properties.push_back(named_expr(n));
    return op;
  }
  if (auto* o = c->evaluateOp()) {
    auto* op = make_op<CallOp>(OperatorKind::Evaluate, o);
    params(op, o->opParam());
    Expr* e = expression(o->expression());
    op->call = dynamic_cast<Call*>(e);
    if (!op->call) on_error_(e->span, "expected a plugin call such as 'bag_unpack(Column)'");
    return op;
  }
  if (auto* o = c->searchOp()) return search_op(o);
  auto* o = c->findOp();
  auto* op = make_op<SearchOp>(OperatorKind::Find, o);
  params(op, o->opParam());
  for (auto* item : o->unionItem())
    op->tables.push_back(item->expression() ? expression(item->expression())
                                            : column_pattern(item->columnPattern()));
  op->predicate = expression(o->expression());
  return op;
}

Operator* TreeBuilder::pipe_operator(P::PipeOperatorContext* c) {
  auto* child = static_cast<ParserRuleContext*>(c->children[0]);
  switch (child->getRuleIndex()) {
    case P::RuleWhereOp: {
      auto* o = static_cast<P::WhereOpContext*>(child);
      auto* op = make_op<WhereOp>(OperatorKind::Where, o);
      op->predicate = expression(o->expression());
      return op;
    }
    case P::RuleExtendOp: {
      auto* o = static_cast<P::ExtendOpContext*>(child);
      return list_op(OperatorKind::Extend, o, o->namedExprList());
    }
    case P::RuleProjectOp: {
      auto* o = static_cast<P::ProjectOpContext*>(child);
      return list_op(OperatorKind::Project, o, o->namedExprList());
    }
    case P::RuleProjectAwayOp: {
      auto* o = static_cast<P::ProjectAwayOpContext*>(child);

      return pattern_op(OperatorKind::ProjectAway, o, o->columnPattern());
    }
    case P::RuleProjectKeepOp: {
      auto* o = static_cast<P::ProjectKeepOpContext*>(child);

      return pattern_op(OperatorKind::ProjectKeep, o, o->columnPattern());
    }
    case P::RuleProjectRenameOp: {
      auto* o = static_cast<P::ProjectRenameOpContext*>(child);
      auto* op = make_op<ListOp>(OperatorKind::ProjectRename, o);
      for (auto* r : o->renameItem()) {
        if (!r->nameDecl()) {
          op->items.push_back(expression(r->expression()));
          continue;
        }
        auto* a = make<Assignment>(r);
        a->names.push_back(name_decl(r->nameDecl()));
        a->value = expression(r->expression());
        op->items.push_back(a);
      }
      return op;
    }
    case P::RuleProjectReorderOp: {
      auto* o = static_cast<P::ProjectReorderOpContext*>(child);
      auto* op = make_op<ListOp>(OperatorKind::ProjectReorder, o);
      for (auto* r : o->reorderItem()) {
        auto* ord = make<Ordered>(r);
        ord->expr = column_pattern(r->columnPattern());
        if (r->ASC()) ord->ascending = true;
        if (r->DESC()) ord->ascending = false;
        op->items.push_back(ord);
      }
      return op;
    }
    case P::RuleSummarizeOp: {
      auto* o = static_cast<P::SummarizeOpContext*>(child);
      auto* op = make_op<SummarizeOp>(OperatorKind::Summarize, o);
      params(op, o->opParam());
      auto lists = o->namedExprList();
      if (o->BY()) {
        op->by_span = span(o->BY());
        if (lists.size() == 2) {
          op->aggregates = named_list(lists[0]);
          op->by = named_list(lists[1]);
        } else if (lists.size() == 1) {
          op->by = named_list(lists[0]);
        }
      } else if (!lists.empty()) {
        op->aggregates = named_list(lists[0]);
      }
      return op;
    }
    case P::RuleDistinctOp: {
      auto* o = static_cast<P::DistinctOpContext*>(child);
      auto* op = make_op<ListOp>(OperatorKind::Distinct, o);
      params(op, o->opParam());
      if (o->STAR())
        op->items.push_back(t_.make<Star>(span(o->STAR())));
      else
        op->items = named_list(o->namedExprList());
      return op;
    }
    case P::RuleCountOp: {
      auto* o = static_cast<P::CountOpContext*>(child);
      auto* op = make_op<CountOp>(OperatorKind::Count, o);
      if (o->identifier()) op->as_name = text(o->identifier());
      return op;
    }
    case P::RuleTakeOp: {
      auto* o = static_cast<P::TakeOpContext*>(child);
      auto* op = make_op<TakeOp>(OperatorKind::Take, o);
      params(op, o->opParam());
      op->count = expression(o->expression());
      return op;
    }
    case P::RuleTopOp: {
      auto* o = static_cast<P::TopOpContext*>(child);
      auto* op = make_op<SortOp>(OperatorKind::Top, o);
      params(op, o->opParam());
      op->count = expression(o->expression());
      op->by.push_back(sort_item(o->sortItem()));
      return op;
    }
    case P::RuleSortOp: {
      auto* o = static_cast<P::SortOpContext*>(child);
      auto* op = make_op<SortOp>(OperatorKind::Sort, o);
      params(op, o->opParam());
      for (auto* s : o->sortItem()) op->by.push_back(sort_item(s));
      return op;
    }
    case P::RuleJoinOp: {
      auto* o = static_cast<P::JoinOpContext*>(child);
      return join_op(OperatorKind::Join, o, o->opParam(), o->expression());
    }
    case P::RuleLookupOp: {
      auto* o = static_cast<P::LookupOpContext*>(child);

      return join_op(OperatorKind::Lookup, o, o->opParam(), o->expression());
    }
    case P::RuleUnionOp: {
      auto* o = static_cast<P::UnionOpContext*>(child);
      return union_op(o);
    }
    case P::RuleMvExpandOp: {
      auto* o = static_cast<P::MvExpandOpContext*>(child);
      auto* op = make_op<MvExpandOp>(OperatorKind::MvExpand, o);
      params(op, o->opParam());
      for (auto* i : o->mvItem()) op->items.push_back(mv_item(i));
      if (o->expression()) op->limit = expression(o->expression());
      return op;
    }
    case P::RuleMvApplyOp: {
      auto* o = static_cast<P::MvApplyOpContext*>(child);
      auto* op = make_op<MvApplyOp>(OperatorKind::MvApply, o);
      params(op, o->opParam());
      for (auto* i : o->mvItem()) op->items.push_back(mv_item(i));
      if (o->expression()) op->limit = expression(o->expression());
      op->subquery = sub_pipe(o->subPipe());
      return op;
    }
    case P::RuleParseOp: {
      auto* o = static_cast<P::ParseOpContext*>(child);
      return parse_op(o);
    }
    case P::RuleRenderOp: {
      auto* o = static_cast<P::RenderOpContext*>(child);
      auto* op = make_op<RenderOp>(OperatorKind::Render, o);
      op->chart = text(o->identifier());
      for (auto* p : o->renderProperty()) {
        auto* a = make<Assignment>(p);
        auto* n = make<Name>(p->anyName());
        n->name = text(p->anyName());
        a->names.push_back(n);
        a->value = expression(p->expression());
        op->with_properties.push_back(a);
      }
      return op;
    }
    case P::RuleAsOp: {
      auto* o = static_cast<P::AsOpContext*>(child);
      auto* op = make_op<AsOp>(OperatorKind::As, o);
      params(op, o->opParam());
      op->name = text(o->identifier());
      return op;
    }
    case P::RuleInvokeOp: {
      auto* o = static_cast<P::InvokeOpContext*>(child);
      auto* op = make_op<CallOp>(OperatorKind::Invoke, o);
      Expr* e = expression(o->expression());
      op->call = dynamic_cast<Call*>(e);
      if (!op->call) on_error_(e->span, "expected a function call after 'invoke'");
      return op;
    }
    case P::RuleSerializeOp: {
      auto* o = static_cast<P::SerializeOpContext*>(child);
      return list_op(OperatorKind::Serialize, o, o->namedExprList());
    }
    case P::RuleSampleOp: {
      auto* o = static_cast<P::SampleOpContext*>(child);
      auto* op = make_op<TakeOp>(OperatorKind::Sample, o);
      params(op, o->opParam());
      op->count = expression(o->expression());
      return op;
    }
    case P::RuleSampleDistinctOp: {
      auto* o = static_cast<P::SampleDistinctOpContext*>(child);
      auto* op = make_op<TakeOp>(OperatorKind::SampleDistinct, o);
      params(op, o->opParam());
      op->count = expression(o->expression(0));
      op->of = expression(o->expression(1));
      return op;
    }
    case P::RuleEvaluateOp: {
      auto* o = static_cast<P::EvaluateOpContext*>(child);
      auto* op = make_op<CallOp>(OperatorKind::Evaluate, o);
      params(op, o->opParam());
      Expr* e = expression(o->expression());
      op->call = dynamic_cast<Call*>(e);
      if (!op->call) on_error_(e->span, "expected a plugin call such as 'bag_unpack(Column)'");
      return op;
    }
    case P::RuleSearchOp: {
      auto* o = static_cast<P::SearchOpContext*>(child);
      return search_op(o);
    }
    case P::RuleFindOp: {
      auto* o = static_cast<P::FindOpContext*>(child);
      auto* op = make_op<SearchOp>(OperatorKind::Find, o);
      params(op, o->opParam());
      for (auto* item : o->unionItem())
        op->tables.push_back(item->expression() ? expression(item->expression())
                                                : column_pattern(item->columnPattern()));
      op->predicate = expression(o->expression());
      return op;
    }
    case P::RuleGetschemaOp: {
      auto* o = static_cast<P::GetschemaOpContext*>(child);
      return make_op<GenericOp>(OperatorKind::GetSchema, o);
    }
    case P::RuleParseKvOp: {
      auto* o = static_cast<P::ParseKvOpContext*>(child);
      auto* op = make_op<GenericOp>(OperatorKind::ParseKv, o);
      op->children.push_back(expression(o->expression()));
      for (auto* d : o->columnDecl()) {
        auto* n = name_decl(d->nameDecl());
        op->children.push_back(n);
        // The key's type follows its name (the SQL backend converts the values to it).
        auto* t = make<TypeofExpr>(d->typeName());
        t->type = type_name(d->typeName());
        op->children.push_back(t);
      }
      for (auto* n : named_list(o->namedExprList())) op->children.push_back(n);
      return op;
    }
    case P::RuleMakeSeriesOp: {
      auto* o = static_cast<P::MakeSeriesOpContext*>(child);
      auto* op = static_cast<GenericOp*>(generic(OperatorKind::MakeSeries, o));
      for (auto* a : o->seriesAggregate())
        op->series_aggregates.push_back(
            {named_expr(a->namedExpr()), a->expression() ? expression(a->expression()) : nullptr});
      op->series_axis = expression(o->expression());
      if (auto* r = o->seriesRange()) {
        auto es = r->expression();
        size_t i = 0;
        op->series_in_range = r->IN() != nullptr;
        if (op->series_in_range && es.size() == 3) {
          op->series_from = expression(es[0]);
          op->series_to = expression(es[1]);
          op->series_step = expression(es[2]);
        } else if (!op->series_in_range) {
          if (r->FROM() && i < es.size()) op->series_from = expression(es[i++]);
          if (r->TO() && i < es.size()) op->series_to = expression(es[i++]);
          if (i < es.size()) op->series_step = expression(es[i++]);
        }
      }
      if (o->namedExprList()) op->series_by = named_list(o->namedExprList());
      return op;
    }
    case P::RuleTopHittersOp: {
      auto* o = static_cast<P::TopHittersOpContext*>(child);
      return generic(OperatorKind::TopHitters, o);
    }
    case P::RuleTopNestedOp: {
      auto* o = static_cast<P::TopNestedOpContext*>(child);
      return generic(OperatorKind::TopNested, o);
    }
    case P::RuleFacetOp: {
      auto* o = static_cast<P::FacetOpContext*>(child);
      return generic(OperatorKind::Facet, o);
    }
    case P::RuleForkOp: {
      auto* o = static_cast<P::ForkOpContext*>(child);
      return generic(OperatorKind::Fork, o);
    }
    case P::RulePartitionOp: {
      auto* o = static_cast<P::PartitionOpContext*>(child);
      return generic(OperatorKind::Partition, o);
    }
    case P::RuleScanOp: {
      auto* o = static_cast<P::ScanOpContext*>(child);
      auto* op = static_cast<GenericOp*>(generic(OperatorKind::Scan, o));
      for (auto* p : o->functionParam()) op->scan_declare.push_back(function_param(p));
      for (auto* st : o->scanStep()) {
        GenericOp::ScanStep step;
        step.name = text(st->identifier(0));
        if (st->OUTPUT()) step.output = text(st->identifier(1));
        step.predicate = expression(st->expression());
        for (auto* n : st->namedExpr()) step.assignments.push_back(named_expr(n));
        op->scan_steps.push_back(std::move(step));
      }
      return op;
    }
    case P::RuleConsumeOp: {
      auto* o = static_cast<P::ConsumeOpContext*>(child);
      return generic(OperatorKind::Consume, o);
    }
    case P::RuleReduceOp:
      return generic(OperatorKind::Reduce, child);
    case P::RuleProjectByNamesOp:
      return generic(OperatorKind::ProjectByNames, child);
    case P::RuleMakeGraphOp:
      return generic(OperatorKind::MakeGraph, child);
    case P::RuleGraphMatchOp: {
      auto* o = static_cast<P::GraphMatchOpContext*>(child);
      return generic(o->GRAPH_MATCH() ? OperatorKind::GraphMatch : OperatorKind::GraphShortestPaths,
                     o);
    }
    case P::RuleGraphToTableOp:
      return generic(OperatorKind::GraphToTable, child);
    case P::RuleGraphMarkComponentsOp:
      return generic(OperatorKind::GraphMarkComponents, child);
    default:
      return generic(OperatorKind::Reduce, child);
  }
}

// ---------------------------------------------------------------------------------------
// Expressions

Binary* TreeBuilder::binary(BinaryOp op, Span op_span, Expr* l, Expr* r) {
  auto* b = t_.make<Binary>(Span::cover(l->span, r->span));
  b->op = op;
  b->op_span = op_span;
  b->left = l;
  b->right = r;
  return b;
}

static BinaryOp compare_op(size_t type) {
  using L = kqlgen::KqlParser;
  switch (type) {
    case L::OR:
      return BinaryOp::Or;
    case L::AND:
      return BinaryOp::And;
    case L::COLON:  // `Col:"text"`, Kusto's shorthand for has
      return BinaryOp::Has;
    case L::EQEQ:
      return BinaryOp::Eq;
    case L::NEQ:
      return BinaryOp::Ne;
    case L::EQ_TILDE:
      return BinaryOp::EqTilde;
    case L::NEQ_TILDE:
      return BinaryOp::NeTilde;
    case L::CONTAINS:
      return BinaryOp::Contains;
    case L::NOT_CONTAINS:
      return BinaryOp::NotContains;
    case L::CONTAINS_CS:
      return BinaryOp::ContainsCs;
    case L::NOT_CONTAINS_CS:
      return BinaryOp::NotContainsCs;
    case L::HAS:
      return BinaryOp::Has;
    case L::NOT_HAS:
      return BinaryOp::NotHas;
    case L::HAS_CS:
      return BinaryOp::HasCs;
    case L::NOT_HAS_CS:
      return BinaryOp::NotHasCs;
    case L::HASPREFIX:
      return BinaryOp::HasPrefix;
    case L::NOT_HASPREFIX:
      return BinaryOp::NotHasPrefix;
    case L::HASPREFIX_CS:
      return BinaryOp::HasPrefixCs;
    case L::NOT_HASPREFIX_CS:
      return BinaryOp::NotHasPrefixCs;
    case L::HASSUFFIX:
      return BinaryOp::HasSuffix;
    case L::NOT_HASSUFFIX:
      return BinaryOp::NotHasSuffix;
    case L::HASSUFFIX_CS:
      return BinaryOp::HasSuffixCs;
    case L::NOT_HASSUFFIX_CS:
      return BinaryOp::NotHasSuffixCs;
    case L::STARTSWITH:
      return BinaryOp::StartsWith;
    case L::NOT_STARTSWITH:
      return BinaryOp::NotStartsWith;
    case L::STARTSWITH_CS:
      return BinaryOp::StartsWithCs;
    case L::NOT_STARTSWITH_CS:
      return BinaryOp::NotStartsWithCs;
    case L::ENDSWITH:
      return BinaryOp::EndsWith;
    case L::NOT_ENDSWITH:
      return BinaryOp::NotEndsWith;
    case L::ENDSWITH_CS:
      return BinaryOp::EndsWithCs;
    case L::NOT_ENDSWITH_CS:
      return BinaryOp::NotEndsWithCs;
    case L::MATCHES:
      return BinaryOp::MatchesRegex;
    case L::LIKE:
      return BinaryOp::Like;
    case L::NOT_LIKE:
      return BinaryOp::NotLike;
    case L::LIKE_CS:
      return BinaryOp::LikeCs;
    case L::NOT_LIKE_CS:
      return BinaryOp::NotLikeCs;
    case L::LT:
      return BinaryOp::Lt;
    case L::LE:
      return BinaryOp::Le;
    case L::GT:
      return BinaryOp::Gt;
    case L::GE:
      return BinaryOp::Ge;
    case L::PLUS:
      return BinaryOp::Add;
    case L::MINUS:
      return BinaryOp::Sub;
    case L::STAR:
      return BinaryOp::Mul;
    case L::SLASH:
      return BinaryOp::Div;
    case L::PERCENT:
      return BinaryOp::Mod;
  }
  return BinaryOp::Eq;
}

static InOp in_op(size_t type) {
  using L = kqlgen::KqlParser;
  switch (type) {
    case L::NOT_IN:
      return InOp::NotIn;
    case L::IN_CI:
      return InOp::InCi;
    case L::NOT_IN_CI:
      return InOp::NotInCi;
    case L::HAS_ANY:
      return InOp::HasAny;
    case L::HAS_ALL:
      return InOp::HasAll;
  }
  return InOp::In;
}

namespace {

int precedence(size_t type) {
  switch (type) {
    case P::OR:
      return 1;
    case P::AND:
      return 2;
    case P::LT:
    case P::LE:
    case P::GT:
    case P::GE:
      return 4;
    case P::PLUS:
    case P::MINUS:
      return 5;
    case P::STAR:
    case P::SLASH:
    case P::PERCENT:
      return 6;
    default:
      return 3;  // comparisons, string operators, in, between
  }
}

bool is_list_tail(size_t type) {
  switch (type) {
    case P::IN:
    case P::NOT_IN:
    case P::IN_CI:
    case P::NOT_IN_CI:
    case P::HAS_ANY:
    case P::HAS_ALL:
    case P::BETWEEN:
    case P::NOT_BETWEEN:
      return true;
  }
  return false;
}

}  // namespace

// The grammar gives `a + b * c and d` as a flat list: operand, then (operator operand) tails.
// Precedence climbing groups it; recursion depth is bounded by the number of levels, not by
// the length of the chain.
Expr* TreeBuilder::expression(P::ExpressionContext* c) {
  Expr* first = operand(static_cast<P::OperandContext*>(c->children[0]));
  if (c->children.size() == 1) return first;
  std::vector<Step> steps;
  steps.reserve(c->children.size() - 1);
  for (size_t i = 1; i < c->children.size(); ++i) {
    auto* tail = static_cast<P::ExpressionTailContext*>(c->children[i]);
    size_t type = tail->getStart()->getType();
    Step step{precedence(type), tail, nullptr};
    if (!is_list_tail(type))
      step.rhs = operand(static_cast<P::OperandContext*>(tail->children.back()));
    steps.push_back(step);
  }
  size_t next = 0;
  return climb(first, steps, next, 1);
}

Expr* TreeBuilder::climb(Expr* lhs, const std::vector<Step>& steps, size_t& next, int min_prec) {
  while (next < steps.size() && steps[next].prec >= min_prec) {
    const Step& s = steps[next++];
    if (!s.rhs) {
      lhs = apply_list_tail(lhs, s.tail);
      continue;
    }
    Expr* rhs = s.rhs;
    while (next < steps.size() && steps[next].prec > s.prec)
      rhs = climb(rhs, steps, next, s.prec + 1);
    Token* op = s.tail->getStart();
    Span op_span = span(op);
    if (op->getType() == P::MATCHES)  // `matches regex` is two tokens
      op_span.end = span(static_cast<TerminalNode*>(s.tail->children[1])).end;
    lhs = binary(compare_op(op->getType()), op_span, lhs, rhs);
  }
  return lhs;
}

Expr* TreeBuilder::apply_list_tail(Expr* lhs, P::ExpressionTailContext* t) {
  size_t type = t->getStart()->getType();
  Span whole = Span::cover(lhs->span, span(t));
  auto exprs = t->expression();
  if (type == P::BETWEEN || type == P::NOT_BETWEEN) {
    auto* b = t_.make<Between>(whole);
    b->negated = type == P::NOT_BETWEEN;
    b->operand = lhs;
    b->low = expression(exprs[0]);
    b->high = expression(exprs[1]);
    return b;
  }
  auto* in = t_.make<InList>(whole);
  in->op = in_op(type);
  in->op_span = span(t->getStart());
  in->operand = lhs;
  for (auto* item : exprs) in->items.push_back(expression(item));
  if (auto* piped = t->pipedExpr()) in->items.push_back(piped_expr(piped));
  return in;
}

Expr* TreeBuilder::operand(P::OperandContext* c) {
  size_t k = 0;
  Token* sign = nullptr;
  size_t first = c->getStart()->getType();
  if (first == P::MINUS || first == P::PLUS) {
    sign = c->getStart();
    k = 1;
  }
  Expr* cur = primary(static_cast<P::PrimaryContext*>(c->children[k]));
  for (size_t i = k + 1; i < c->children.size(); ++i) {
    auto* tail = static_cast<P::PostfixTailContext*>(c->children[i]);
    Span whole = Span::cover(cur->span, span(tail));
    auto* name = tail->anyName();
    if (name) {
      if (auto* args = tail->argList()) {
        auto* call = t_.make<Call>(whole);
        call->callee_span = Span::cover(cur->span, span(name));
        call->callee = std::string(source(call->callee_span));
        call_args(args, call->args);
        cur = call;
      } else {
        auto* m = t_.make<Member>(whole);
        m->object = cur;
        m->member = text(name);
        m->member_span = span(name);
        cur = m;
      }
    } else {
      auto* ix = t_.make<Index>(whole);
      ix->object = cur;
      ix->index = expression(tail->expression());
      cur = ix;
    }
  }
  if (!sign) return cur;
  auto* u = t_.make<Unary>(Span::cover(span(sign), cur->span));
  u->op = sign->getType() == P::MINUS ? '-' : '+';
  u->operand = cur;
  return u;
}

Expr* TreeBuilder::primary(P::PrimaryContext* c) {
  Token* first = c->getStart();
  switch (first->getType()) {
    case P::LPAREN:
    case P::PIPED_LPAREN: {
      auto* paren = make<Paren>(c);
      paren->inner = pipe_expr(static_cast<P::PipeExprContext*>(c->children[1]));
      return paren;
    }
    case P::TYPEOF: {
      if (c->children.size() == 1) break;  // a column called typeof: a name below
      auto* t = make<TypeofExpr>(c);
      t->type = type_name(static_cast<P::TypeNameContext*>(c->children[2]));
      return t;
    }
    case P::DOLLAR_NAME: {
      auto* n = make<Name>(c);
      n->name = text(c);
      return n;
    }
    case P::LBRACK: {
      auto* n = make<Name>(c);
      bool v, o;
      n->name =
          decode_string_literal(static_cast<TerminalNode*>(c->children[1])->getText(), &v, &o);
      n->bracketed = true;
      return n;
    }
  }
  switch (first->getType()) {
    case P::STRING:
    case P::INT_NUMBER:
    case P::REAL_NUMBER:
    case P::HEX_NUMBER:
    case P::TIMESPAN:
    case P::DATETIME_LITERAL:
    case P::TIMESPAN_LITERAL:
    case P::GUID_LITERAL:
    case P::BOOL_TRUE:
    case P::BOOL_FALSE:
    case P::NULL_LITERAL:
    case P::DYNAMIC:
      return literal(static_cast<P::LiteralContext*>(c->children[0]));
    case P::T_INT:
    case P::T_LONG:
    case P::T_REAL:
    case P::T_DECIMAL:
    case P::T_BOOL:
      return typed_literal(static_cast<P::TypedLiteralContext*>(c->children[0]));
  }
  // A name, or a call when an argument list follows.
  Span name_span = span(first);
  if (c->children.size() == 1) {
    auto* n = make<Name>(c);
    n->name = std::string(source(name_span));
    return n;
  }
  auto* call = make<Call>(c);
  call->callee = std::string(source(name_span));
  call->callee_span = name_span;
  call_args(static_cast<P::ArgListContext*>(c->children[1]), call->args);
  return call;
}

void TreeBuilder::call_args(P::ArgListContext* list, std::vector<Expr*>& out) {
  std::vector<P::CallArgContext*> plain;
  P::PipedArgContext* piped = nullptr;
  if (auto* args = list->callArgs()) {
    plain = args->callArg();
  } else if (auto* src = list->sourceOperator()) {
    auto* oe = make<OperatorExpr>(src);
    oe->op = source_operator(src);
    out.push_back(oe);
  } else if (auto* args = list->pipedArgs()) {
    plain = args->callArg();
    piped = args->pipedArg();
  }
  for (auto* a : plain) {
    if (a->STAR()) {
      out.push_back(make<Star>(a));
    } else if (a->identifier()) {
      auto* na = make<NamedArgument>(a);
      na->name = text(a->identifier());
      na->name_span = span(a->identifier());
      na->value = expression(a->expression());
      out.push_back(na);
    } else {
      out.push_back(expression(a->expression()));
    }
  }
  if (auto* a = piped) {
    if (a->identifier()) {
      auto* na = make<NamedArgument>(a);
      na->name = text(a->identifier());
      na->name_span = span(a->identifier());
      na->value = piped_expr(a->pipedExpr());
      out.push_back(na);
    } else {
      out.push_back(piped_expr(a->pipedExpr()));
    }
  }
}

Expr* TreeBuilder::piped_expr(P::PipedExprContext* c) {
  Expr* cur;
  if (auto* src = c->sourceOperator()) {
    auto* oe = make<OperatorExpr>(src);
    oe->op = source_operator(src);
    cur = oe;
  } else {
    cur = expression(c->expression());
  }
  for (auto* op : c->pipeOperator()) cur = append_stage(cur, pipe_operator(op));
  return cur;
}

Literal* TreeBuilder::literal(P::LiteralContext* c) {
  auto* lit = make<Literal>(c);
  if (auto* d = c->dynamicLiteral()) {
    std::string_view inner = trim(source(span(d->dynamicValue())));
    if (inner == "null") {
      lit->literal_kind = LiteralKind::TypedNull;
      lit->value = "dynamic";
    } else {
      lit->literal_kind = LiteralKind::Dynamic;
      lit->value = std::string(inner);
    }
    return lit;
  }
  auto strings = c->STRING();
  if (!strings.empty()) {
    lit->literal_kind = LiteralKind::String;
    for (auto* s : strings) {
      bool v, o;
      lit->value += decode_string_literal(s->getText(), &v, &o);
      lit->verbatim = lit->verbatim || v;
      lit->obfuscated = lit->obfuscated || o;
    }
    return lit;
  }
  Token* tok = c->getStart();
  std::string text(source(span(tok)));
  switch (tok->getType()) {
    case P::INT_NUMBER: {
      lit->literal_kind = LiteralKind::Long;
      lit->value = text;
      auto r = std::from_chars(text.data(), text.data() + text.size(), lit->int_value);
      if (r.ec != std::errc()) {  // too big for long: Kusto reads it as real
        lit->literal_kind = LiteralKind::Real;
        lit->real_value = std::strtod(text.c_str(), nullptr);
      }
      break;
    }
    case P::HEX_NUMBER:
      lit->literal_kind = LiteralKind::Long;
      lit->value = text;
      lit->int_value = static_cast<int64_t>(std::strtoull(text.c_str() + 2, nullptr, 16));
      break;
    case P::REAL_NUMBER:
      lit->literal_kind = LiteralKind::Real;
      lit->value = text;
      lit->real_value = std::strtod(text.c_str(), nullptr);
      break;
    case P::TIMESPAN:
      lit->literal_kind = LiteralKind::TimeSpan;
      lit->value = text;
      timespan_ticks(text, &lit->timespan_ticks);
      break;
    case P::DATETIME_LITERAL: {
      std::string_view inner = paren_contents(text);
      lit->literal_kind = inner == "null" ? LiteralKind::TypedNull : LiteralKind::DateTime;
      lit->value = inner == "null" ? "datetime" : std::string(inner);
      break;
    }
    case P::TIMESPAN_LITERAL: {
      std::string_view inner = paren_contents(text);
      if (inner == "null") {
        lit->literal_kind = LiteralKind::TypedNull;
        lit->value = "timespan";
      } else {
        lit->literal_kind = LiteralKind::TimeSpan;
        lit->value = std::string(inner);
        if (!timespan_ticks(inner, &lit->timespan_ticks)) clock_ticks(inner, &lit->timespan_ticks);
      }
      break;
    }
    case P::GUID_LITERAL: {
      std::string_view inner = paren_contents(text);
      lit->literal_kind = inner == "null" ? LiteralKind::TypedNull : LiteralKind::Guid;
      lit->value = inner == "null" ? "guid" : std::string(inner);
      break;
    }
    case P::BOOL_TRUE:
    case P::BOOL_FALSE:
      lit->literal_kind = LiteralKind::Bool;
      lit->int_value = tok->getType() == P::BOOL_TRUE;
      lit->value = lit->int_value ? "true" : "false";
      break;
    default:
      lit->literal_kind = LiteralKind::Null;
      break;
  }
  return lit;
}

Literal* TreeBuilder::typed_literal(P::TypedLiteralContext* c) {
  auto* lit = make<Literal>(c);
  std::string type = c->getStart()->getText();
  if (type == "double") type = "real";
  if (type == "boolean") type = "bool";
  auto* v = c->typedValue();
  std::string text(trim(source(span(v))));
  if (v->NULL_LITERAL()) {
    lit->literal_kind = LiteralKind::TypedNull;
    lit->value = type;
    return lit;
  }
  lit->value = text;
  if (type == "bool") {
    lit->literal_kind = LiteralKind::Bool;
    lit->int_value = v->BOOL_TRUE() != nullptr || text == "1";
    lit->value = lit->int_value ? "true" : "false";
  } else if (type == "int" || type == "long") {
    lit->literal_kind = type == "int" ? LiteralKind::Int : LiteralKind::Long;
    if (v->HEX_NUMBER())
      lit->int_value = static_cast<int64_t>(std::strtoull(text.c_str() + 2, nullptr, 16));
    else
      lit->int_value = std::strtoll(text.c_str(), nullptr, 10);
  } else if (type == "decimal") {
    lit->literal_kind = LiteralKind::Decimal;
  } else {
    lit->literal_kind = LiteralKind::Real;
    if (text == "nan")
      lit->real_value = NAN;
    else if (text == "inf" || text == "+inf")
      lit->real_value = INFINITY;
    else if (text == "-inf")
      lit->real_value = -INFINITY;
    else
      lit->real_value = std::strtod(text.c_str(), nullptr);
  }
  return lit;
}

}  // namespace kql::syntax_detail
