#include "syntax/walk.h"

#include <utility>
#include <vector>

namespace kql::ast {

namespace {

template <class F>
void visit(const Node* n, F& fn) {
  if (n) fn(*n);
}

template <class F>
void visit_all(const std::vector<Expr*>& v, F& fn) {
  for (auto* e : v) visit(e, fn);
}

template <class F>
void visit_decls(const std::vector<ColumnDecl>& v, F& fn) {
  for (auto& d : v) {
    visit_decls(d.columns, fn);
    visit(d.default_value, fn);
  }
}

template <class F>
void visit_operator(const Operator& op, F& fn) {
  switch (op.op_kind) {
    case OperatorKind::Where:
      visit(static_cast<const WhereOp&>(op).predicate, fn);
      return;
    case OperatorKind::Extend:
    case OperatorKind::Project:
    case OperatorKind::ProjectAway:
    case OperatorKind::ProjectKeep:
    case OperatorKind::ProjectRename:
    case OperatorKind::ProjectReorder:
    case OperatorKind::Distinct:
    case OperatorKind::Serialize:
    case OperatorKind::Print:
      visit_all(static_cast<const ListOp&>(op).items, fn);
      return;
    case OperatorKind::Summarize: {
      auto& s = static_cast<const SummarizeOp&>(op);
      visit_all(s.aggregates, fn);
      visit_all(s.by, fn);
      return;
    }
    case OperatorKind::Count:
      return;
    case OperatorKind::Take:
    case OperatorKind::Sample:
    case OperatorKind::SampleDistinct: {
      auto& t = static_cast<const TakeOp&>(op);
      visit(t.count, fn);
      visit(t.of, fn);
      return;
    }
    case OperatorKind::Top:
    case OperatorKind::Sort: {
      auto& s = static_cast<const SortOp&>(op);
      visit(s.count, fn);
      for (auto* o : s.by) visit(o, fn);
      return;
    }
    case OperatorKind::Join:
    case OperatorKind::Lookup: {
      auto& j = static_cast<const JoinOp&>(op);
      visit(j.right, fn);
      visit_all(j.on, fn);
      visit(j.where, fn);
      return;
    }
    case OperatorKind::Union:
      visit_all(static_cast<const UnionOp&>(op).tables, fn);
      return;
    case OperatorKind::MvExpand: {
      auto& m = static_cast<const MvExpandOp&>(op);
      for (auto& i : m.items) visit(i.expr, fn);
      visit(m.limit, fn);
      return;
    }
    case OperatorKind::MvApply: {
      auto& m = static_cast<const MvApplyOp&>(op);
      for (auto& i : m.items) visit(i.expr, fn);
      visit(m.limit, fn);
      visit(m.subquery, fn);
      return;
    }
    case OperatorKind::Parse:
    case OperatorKind::ParseWhere: {
      auto& p = static_cast<const ParseOp&>(op);
      visit(p.source, fn);
      for (auto& part : p.parts) visit(part.literal, fn);
      return;
    }
    case OperatorKind::Render:
      visit_all(static_cast<const RenderOp&>(op).with_properties, fn);
      return;
    case OperatorKind::As:
      return;
    case OperatorKind::Invoke:
    case OperatorKind::Evaluate:
      visit(static_cast<const CallOp&>(op).call, fn);
      return;
    case OperatorKind::Range: {
      auto& r = static_cast<const RangeOp&>(op);
      visit(r.from, fn);
      visit(r.to, fn);
      visit(r.step, fn);
      return;
    }
    case OperatorKind::Datatable:
    case OperatorKind::Externaldata: {
      auto& d = static_cast<const DataTableOp&>(op);
      visit_all(d.values, fn);
      visit_all(d.with_properties, fn);
      return;
    }
    case OperatorKind::Search:
    case OperatorKind::Find: {
      auto& s = static_cast<const SearchOp&>(op);
      visit_all(s.tables, fn);
      visit(s.predicate, fn);
      return;
    }
    default: {
      auto& g = static_cast<const GenericOp&>(op);
      visit_all(g.children, fn);
      visit_all(g.subqueries, fn);
      return;
    }
  }
}

template <class F>
void children(const Node& node, F& fn) {
  switch (node.kind) {
    case NodeKind::Literal:
    case NodeKind::Name:
    case NodeKind::Star:
    case NodeKind::Wildcard:
    case NodeKind::TypeofExpr:
      return;
    case NodeKind::Unary:
      visit(static_cast<const Unary&>(node).operand, fn);
      return;
    case NodeKind::Binary: {
      auto& b = static_cast<const Binary&>(node);
      visit(b.left, fn);
      visit(b.right, fn);
      return;
    }
    case NodeKind::Between: {
      auto& b = static_cast<const Between&>(node);
      visit(b.operand, fn);
      visit(b.low, fn);
      visit(b.high, fn);
      return;
    }
    case NodeKind::InList: {
      auto& in = static_cast<const InList&>(node);
      visit(in.operand, fn);
      visit_all(in.items, fn);
      return;
    }
    case NodeKind::Call:
      visit_all(static_cast<const Call&>(node).args, fn);
      return;
    case NodeKind::Member:
      visit(static_cast<const Member&>(node).object, fn);
      return;
    case NodeKind::Index: {
      auto& ix = static_cast<const Index&>(node);
      visit(ix.object, fn);
      visit(ix.index, fn);
      return;
    }
    case NodeKind::Paren:
      visit(static_cast<const Paren&>(node).inner, fn);
      return;
    case NodeKind::Assignment: {
      auto& a = static_cast<const Assignment&>(node);
      for (auto* n : a.names) visit(n, fn);
      visit(a.value, fn);
      return;
    }
    case NodeKind::NamedArgument:
      visit(static_cast<const NamedArgument&>(node).value, fn);
      return;
    case NodeKind::FunctionDecl: {
      auto& f = static_cast<const FunctionDecl&>(node);
      visit_decls(f.params, fn);
      for (auto* s : f.body) visit(s, fn);
      visit(f.result, fn);
      return;
    }
    case NodeKind::SchemaLiteral:
      visit_decls(static_cast<const SchemaLiteral&>(node).columns, fn);
      return;
    case NodeKind::Pipe: {
      auto& p = static_cast<const Pipe&>(node);
      visit(p.input, fn);
      visit(p.op, fn);
      return;
    }
    case NodeKind::OperatorExpr:
      visit(static_cast<const OperatorExpr&>(node).op, fn);
      return;
    case NodeKind::Ordered:
      visit(static_cast<const Ordered&>(node).expr, fn);
      return;
    case NodeKind::LetStatement:
      visit(static_cast<const LetStatement&>(node).value, fn);
      return;
    case NodeKind::QueryStatement:
      visit(static_cast<const QueryStatement&>(node).expr, fn);
      return;
    case NodeKind::SetStatement:
      visit(static_cast<const SetStatement&>(node).value, fn);
      return;
    case NodeKind::DeclareStatement:
      visit_decls(static_cast<const DeclareStatement&>(node).params, fn);
      return;
    case NodeKind::Operator:
      visit_operator(static_cast<const Operator&>(node), fn);
      return;
  }
}

}  // namespace

void for_each_child(const Node& node, const std::function<void(const Node&)>& fn) {
  auto call = [&](const Node& n) { fn(n); };
  children(node, call);
}

size_t tree_depth(const Node& root) {
  size_t deepest = 0;
  std::vector<std::pair<const Node*, size_t>> stack{{&root, 1}};
  while (!stack.empty()) {
    const Node* n = stack.back().first;
    size_t depth = stack.back().second;
    stack.pop_back();
    if (depth > deepest) deepest = depth;
    auto push = [&](const Node& child) { stack.emplace_back(&child, depth + 1); };
    children(*n, push);
  }
  return deepest;
}

}  // namespace kql::ast
