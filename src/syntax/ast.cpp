// The KQL spellings of the syntax tree's operator enums, used by the printer, by diagnostics
// and by backends that quote the source construct.
#include "syntax/ast.h"

namespace kql::ast {

const char* binary_op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add:
      return "+";
    case BinaryOp::Sub:
      return "-";
    case BinaryOp::Mul:
      return "*";
    case BinaryOp::Div:
      return "/";
    case BinaryOp::Mod:
      return "%";
    case BinaryOp::Eq:
      return "==";
    case BinaryOp::Ne:
      return "!=";
    case BinaryOp::Lt:
      return "<";
    case BinaryOp::Le:
      return "<=";
    case BinaryOp::Gt:
      return ">";
    case BinaryOp::Ge:
      return ">=";
    case BinaryOp::EqTilde:
      return "=~";
    case BinaryOp::NeTilde:
      return "!~";
    case BinaryOp::And:
      return "and";
    case BinaryOp::Or:
      return "or";
    case BinaryOp::Contains:
      return "contains";
    case BinaryOp::NotContains:
      return "!contains";
    case BinaryOp::ContainsCs:
      return "contains_cs";
    case BinaryOp::NotContainsCs:
      return "!contains_cs";
    case BinaryOp::Has:
      return "has";
    case BinaryOp::NotHas:
      return "!has";
    case BinaryOp::HasCs:
      return "has_cs";
    case BinaryOp::NotHasCs:
      return "!has_cs";
    case BinaryOp::HasPrefix:
      return "hasprefix";
    case BinaryOp::NotHasPrefix:
      return "!hasprefix";
    case BinaryOp::HasPrefixCs:
      return "hasprefix_cs";
    case BinaryOp::NotHasPrefixCs:
      return "!hasprefix_cs";
    case BinaryOp::HasSuffix:
      return "hassuffix";
    case BinaryOp::NotHasSuffix:
      return "!hassuffix";
    case BinaryOp::HasSuffixCs:
      return "hassuffix_cs";
    case BinaryOp::NotHasSuffixCs:
      return "!hassuffix_cs";
    case BinaryOp::StartsWith:
      return "startswith";
    case BinaryOp::NotStartsWith:
      return "!startswith";
    case BinaryOp::StartsWithCs:
      return "startswith_cs";
    case BinaryOp::NotStartsWithCs:
      return "!startswith_cs";
    case BinaryOp::EndsWith:
      return "endswith";
    case BinaryOp::NotEndsWith:
      return "!endswith";
    case BinaryOp::EndsWithCs:
      return "endswith_cs";
    case BinaryOp::NotEndsWithCs:
      return "!endswith_cs";
    case BinaryOp::MatchesRegex:
      return "matches regex";
    case BinaryOp::Like:
      return "like";
    case BinaryOp::NotLike:
      return "notlike";
    case BinaryOp::LikeCs:
      return "likecs";
    case BinaryOp::NotLikeCs:
      return "notlikecs";
  }
  return "?";
}

const char* in_op_text(InOp op) {
  switch (op) {
    case InOp::In:
      return "in";
    case InOp::NotIn:
      return "!in";
    case InOp::InCi:
      return "in~";
    case InOp::NotInCi:
      return "!in~";
    case InOp::HasAny:
      return "has_any";
    case InOp::HasAll:
      return "has_all";
    case InOp::HasAnyCs:
      return "has_any_cs";
    case InOp::HasAllCs:
      return "has_all_cs";
  }
  return "?";
}

const char* operator_name(OperatorKind k) {
  switch (k) {
    case OperatorKind::Where:
      return "where";
    case OperatorKind::Extend:
      return "extend";
    case OperatorKind::Project:
      return "project";
    case OperatorKind::ProjectAway:
      return "project-away";
    case OperatorKind::ProjectKeep:
      return "project-keep";
    case OperatorKind::ProjectRename:
      return "project-rename";
    case OperatorKind::ProjectReorder:
      return "project-reorder";
    case OperatorKind::Summarize:
      return "summarize";
    case OperatorKind::Distinct:
      return "distinct";
    case OperatorKind::Count:
      return "count";
    case OperatorKind::Take:
      return "take";
    case OperatorKind::Top:
      return "top";
    case OperatorKind::Sort:
      return "sort";
    case OperatorKind::Join:
      return "join";
    case OperatorKind::Lookup:
      return "lookup";
    case OperatorKind::Union:
      return "union";
    case OperatorKind::MvExpand:
      return "mv-expand";
    case OperatorKind::MvApply:
      return "mv-apply";
    case OperatorKind::Parse:
      return "parse";
    case OperatorKind::ParseWhere:
      return "parse-where";
    case OperatorKind::ParseKv:
      return "parse-kv";
    case OperatorKind::MakeSeries:
      return "make-series";
    case OperatorKind::Render:
      return "render";
    case OperatorKind::As:
      return "as";
    case OperatorKind::Invoke:
      return "invoke";
    case OperatorKind::Serialize:
      return "serialize";
    case OperatorKind::Sample:
      return "sample";
    case OperatorKind::SampleDistinct:
      return "sample-distinct";
    case OperatorKind::Evaluate:
      return "evaluate";
    case OperatorKind::Search:
      return "search";
    case OperatorKind::Find:
      return "find";
    case OperatorKind::GetSchema:
      return "getschema";
    case OperatorKind::TopHitters:
      return "top-hitters";
    case OperatorKind::TopNested:
      return "top-nested";
    case OperatorKind::Facet:
      return "facet";
    case OperatorKind::Fork:
      return "fork";
    case OperatorKind::Partition:
      return "partition";
    case OperatorKind::Scan:
      return "scan";
    case OperatorKind::Print:
      return "print";
    case OperatorKind::Range:
      return "range";
    case OperatorKind::Datatable:
      return "datatable";
    case OperatorKind::Externaldata:
      return "externaldata";
    case OperatorKind::Consume:
      return "consume";
    case OperatorKind::Reduce:
      return "reduce";
    case OperatorKind::Extract:
      return "extract";
  }
  return "?";
}

}  // namespace kql::ast
