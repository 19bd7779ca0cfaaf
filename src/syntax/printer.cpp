// `kqlint parse --ast` and the golden tests: one node per line, indented by depth, with the
// node's kind, its salient fields and its byte span. Labels such as `by:` group the children
// of operators that have several lists. The format is stable: golden files depend on it.
#include "syntax/printer.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace kql {

using namespace ast;

namespace {

const char* literal_kind_name(LiteralKind k) {
  switch (k) {
    case LiteralKind::Bool:
      return "bool";
    case LiteralKind::Int:
      return "int";
    case LiteralKind::Long:
      return "long";
    case LiteralKind::Real:
      return "real";
    case LiteralKind::Decimal:
      return "decimal";
    case LiteralKind::String:
      return "string";
    case LiteralKind::DateTime:
      return "datetime";
    case LiteralKind::TimeSpan:
      return "timespan";
    case LiteralKind::Guid:
      return "guid";
    case LiteralKind::Dynamic:
      return "dynamic";
    case LiteralKind::Null:
      return "null";
    case LiteralKind::TypedNull:
      return "typed-null";
  }
  return "?";
}

// A C-style quoted string, so that golden files stay one line per node.
std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

class Printer {
 public:
  std::string out;

  void statement(const Statement* s, int d) {
    switch (s->kind) {
      case NodeKind::LetStatement: {
        auto* let = static_cast<const LetStatement*>(s);
        line(d, "Let " + let->name, s->span);
        expr(let->value, d + 1);
        break;
      }
      case NodeKind::SetStatement: {
        auto* set = static_cast<const SetStatement*>(s);
        line(d, "Set " + set->option, s->span);
        expr(set->value, d + 1);
        break;
      }
      case NodeKind::DeclareStatement: {
        auto* decl = static_cast<const DeclareStatement*>(s);
        line(d, "DeclareQueryParameters", s->span);
        decls(decl->params, d + 1);
        break;
      }
      default: {
        auto* q = static_cast<const QueryStatement*>(s);
        line(d, "Query", s->span);
        expr(q->expr, d + 1);
      }
    }
  }

 private:
  void line(int d, const std::string& text, Span s) {
    out.append(static_cast<size_t>(d) * 2, ' ');
    out += text;
    out += " [" + std::to_string(s.begin) + "," + std::to_string(s.end) + ")\n";
  }
  void label(int d, const std::string& text) {
    out.append(static_cast<size_t>(d) * 2, ' ');
    out += text + ":\n";
  }
  void list(const std::string& name, const std::vector<Expr*>& v, int d) {
    if (v.empty()) return;
    label(d, name);
    for (auto* e : v) expr(e, d + 1);
  }
  void decls(const std::vector<ColumnDecl>& v, int d) {
    for (auto& c : v) {
      line(d, "Param " + c.name + ": " + c.type, Span::cover(c.name_span, c.type_span));
      if (!c.columns.empty()) decls(c.columns, d + 1);
      if (c.default_value) {
        label(d + 1, "default");
        expr(c.default_value, d + 2);
      }
    }
  }

  void expr(const Expr* e, int d) {
    if (!e) {
      out.append(static_cast<size_t>(d) * 2, ' ');
      out += "<none>\n";
      return;
    }
    switch (e->kind) {
      case NodeKind::Literal: {
        auto* l = static_cast<const Literal*>(e);
        std::string text = std::string("Literal ") + literal_kind_name(l->literal_kind);
        if (l->literal_kind == LiteralKind::TimeSpan)
          text += " " + l->value + " ticks=" + std::to_string(l->timespan_ticks);
        else if (l->literal_kind != LiteralKind::Null)
          text += " " + quote(l->value);
        if (l->verbatim) text += " verbatim";
        if (l->obfuscated) text += " obfuscated";
        line(d, text, e->span);
        break;
      }
      case NodeKind::Name: {
        auto* n = static_cast<const Name*>(e);
        line(d, "Name " + (n->bracketed ? "['" + n->name + "']" : n->name), e->span);
        break;
      }
      case NodeKind::Star:
        line(d, "Star", e->span);
        break;
      case NodeKind::Wildcard:
        line(d, "Wildcard " + static_cast<const Wildcard*>(e)->pattern, e->span);
        break;
      case NodeKind::Unary: {
        auto* u = static_cast<const Unary*>(e);
        line(d, std::string("Unary ") + u->op, e->span);
        expr(u->operand, d + 1);
        break;
      }
      case NodeKind::Binary: {
        auto* b = static_cast<const Binary*>(e);
        line(d, std::string("Binary ") + binary_op_text(b->op), e->span);
        expr(b->left, d + 1);
        expr(b->right, d + 1);
        break;
      }
      case NodeKind::Between: {
        auto* b = static_cast<const Between*>(e);
        line(d, b->negated ? "Between !between" : "Between between", e->span);
        expr(b->operand, d + 1);
        expr(b->low, d + 1);
        expr(b->high, d + 1);
        break;
      }
      case NodeKind::InList: {
        auto* in = static_cast<const InList*>(e);
        line(d, std::string("InList ") + in_op_text(in->op), e->span);
        expr(in->operand, d + 1);
        list("items", in->items, d + 1);
        break;
      }
      case NodeKind::Call: {
        auto* c = static_cast<const Call*>(e);
        line(d, "Call " + c->callee, e->span);
        for (auto* a : c->args) expr(a, d + 1);
        break;
      }
      case NodeKind::Member: {
        auto* m = static_cast<const Member*>(e);
        line(d, "Member ." + m->member, e->span);
        expr(m->object, d + 1);
        break;
      }
      case NodeKind::Index: {
        auto* ix = static_cast<const Index*>(e);
        line(d, "Index", e->span);
        expr(ix->object, d + 1);
        expr(ix->index, d + 1);
        break;
      }
      case NodeKind::Paren:
        line(d, "Paren", e->span);
        expr(static_cast<const Paren*>(e)->inner, d + 1);
        break;
      case NodeKind::Assignment: {
        auto* a = static_cast<const Assignment*>(e);
        std::string names;
        for (auto* n : a->names) names += (names.empty() ? "" : ", ") + n->name;
        line(d, "Assign " + names, e->span);
        expr(a->value, d + 1);
        break;
      }
      case NodeKind::NamedArgument: {
        auto* n = static_cast<const NamedArgument*>(e);
        line(d, "NamedArg " + n->name, e->span);
        expr(n->value, d + 1);
        break;
      }
      case NodeKind::FunctionDecl: {
        auto* f = static_cast<const FunctionDecl*>(e);
        line(d, "Function", e->span);
        decls(f->params, d + 1);
        for (auto* s : f->body) statement(s, d + 1);
        label(d + 1, "result");
        expr(f->result, d + 2);
        break;
      }
      case NodeKind::SchemaLiteral:
        line(d, "Schema", e->span);
        decls(static_cast<const SchemaLiteral*>(e)->columns, d + 1);
        break;
      case NodeKind::Pipe: {
        auto* p = static_cast<const Pipe*>(e);
        line(d, "Pipe", e->span);
        if (p->input)
          expr(p->input, d + 1);
        else
          label(d + 1, "implicit input");
        op(p->op, d + 1);
        break;
      }
      case NodeKind::OperatorExpr:
        op(static_cast<const OperatorExpr*>(e)->op, d);
        break;
      case NodeKind::Ordered: {
        auto* o = static_cast<const Ordered*>(e);
        std::string text = "Ordered";
        if (o->ascending) text += *o->ascending ? " asc" : " desc";
        if (o->nulls_first) text += *o->nulls_first ? " nulls-first" : " nulls-last";
        line(d, text, e->span);
        expr(o->expr, d + 1);
        break;
      }
      case NodeKind::TypeofExpr:
        line(d, "Typeof " + static_cast<const TypeofExpr*>(e)->type, e->span);
        break;
      default:
        line(d, "?", e->span);
    }
  }

  void op(const Operator* o, int d) {
    std::string head = std::string("Op ") + operator_name(o->op_kind);
    for (auto& p : o->params) head += " " + p.name + "=" + p.value;
    switch (o->op_kind) {
      case OperatorKind::Count: {
        auto* c = static_cast<const CountOp*>(o);
        if (c->as_name) head += " as " + *c->as_name;
        break;
      }
      case OperatorKind::As:
        head += " " + static_cast<const AsOp*>(o)->name;
        break;
      case OperatorKind::Render:
        head += " " + static_cast<const RenderOp*>(o)->chart;
        break;
      case OperatorKind::Range:
        head += " " + static_cast<const RangeOp*>(o)->column;
        break;
      default:
        break;
    }
    line(d, head, o->span);
    ++d;
    switch (o->op_kind) {
      case OperatorKind::Where:
        expr(static_cast<const WhereOp*>(o)->predicate, d);
        break;
      case OperatorKind::Extend:
      case OperatorKind::Project:
      case OperatorKind::ProjectAway:
      case OperatorKind::ProjectKeep:
      case OperatorKind::ProjectRename:
      case OperatorKind::ProjectReorder:
      case OperatorKind::Distinct:
      case OperatorKind::Serialize:
      case OperatorKind::Print:
        for (auto* e : static_cast<const ListOp*>(o)->items) expr(e, d);
        break;
      case OperatorKind::Summarize: {
        auto* s = static_cast<const SummarizeOp*>(o);
        list("aggregates", s->aggregates, d);
        list("by", s->by, d);
        break;
      }
      case OperatorKind::Count:
      case OperatorKind::As:
        break;
      case OperatorKind::Take:
      case OperatorKind::Sample:
      case OperatorKind::SampleDistinct: {
        auto* t = static_cast<const TakeOp*>(o);
        expr(t->count, d);
        if (t->of) {
          label(d, "of");
          expr(t->of, d + 1);
        }
        break;
      }
      case OperatorKind::Top:
      case OperatorKind::Sort: {
        auto* s = static_cast<const SortOp*>(o);
        if (s->count) expr(s->count, d);
        label(d, "by");
        for (auto* b : s->by) expr(b, d + 1);
        break;
      }
      case OperatorKind::Join:
      case OperatorKind::Lookup: {
        auto* j = static_cast<const JoinOp*>(o);
        expr(j->right, d);
        list("on", j->on, d);
        break;
      }
      case OperatorKind::Union:
        for (auto* t : static_cast<const UnionOp*>(o)->tables) expr(t, d);
        break;
      case OperatorKind::MvExpand:
      case OperatorKind::MvApply: {
        const std::vector<MvExpandItem>& items = o->op_kind == OperatorKind::MvExpand
                                                     ? static_cast<const MvExpandOp*>(o)->items
                                                     : static_cast<const MvApplyOp*>(o)->items;
        for (auto& i : items) {
          if (i.to_type) label(d, "to typeof(" + *i.to_type + ")");
          expr(i.expr, i.to_type ? d + 1 : d);
        }
        const Expr* limit = o->op_kind == OperatorKind::MvExpand
                                ? static_cast<const MvExpandOp*>(o)->limit
                                : static_cast<const MvApplyOp*>(o)->limit;
        if (limit) {
          label(d, "limit");
          expr(limit, d + 1);
        }
        if (o->op_kind == OperatorKind::MvApply) {
          label(d, "on");
          expr(static_cast<const MvApplyOp*>(o)->subquery, d + 1);
        }
        break;
      }
      case OperatorKind::Parse:
      case OperatorKind::ParseWhere: {
        auto* p = static_cast<const ParseOp*>(o);
        expr(p->source, d);
        label(d, "with");
        for (auto& part : p->parts) {
          if (part.is_star)
            label(d + 1, "*");
          else if (part.is_literal)
            expr(part.literal, d + 1);
          else
            line(d + 1, "Capture " + part.column + (part.type.empty() ? "" : ":" + part.type),
                 part.column_span);
        }
        break;
      }
      case OperatorKind::Render:
        list("with", static_cast<const RenderOp*>(o)->with_properties, d);
        break;
      case OperatorKind::Invoke:
      case OperatorKind::Evaluate:
        expr(static_cast<const CallOp*>(o)->call, d);
        break;
      case OperatorKind::Range: {
        auto* r = static_cast<const RangeOp*>(o);
        expr(r->from, d);
        expr(r->to, d);
        expr(r->step, d);
        break;
      }
      case OperatorKind::Datatable:
      case OperatorKind::Externaldata: {
        auto* t = static_cast<const DataTableOp*>(o);
        decls(t->columns, d);
        list("values", t->values, d);
        list("with", t->with_properties, d);
        break;
      }
      case OperatorKind::Search:
      case OperatorKind::Find: {
        auto* s = static_cast<const SearchOp*>(o);
        list("in", s->tables, d);
        expr(s->predicate, d);
        break;
      }
      default: {
        auto* g = static_cast<const GenericOp*>(o);
        for (auto* c : g->children) expr(c, d);
        list("subqueries", g->subqueries, d);
      }
    }
  }
};

}  // namespace

std::string print_tree(const SyntaxTree& tree) {
  Printer p;
  for (auto* s : tree.statements) p.statement(s, 0);
  return p.out;
}

}  // namespace kql
