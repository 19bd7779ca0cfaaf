// Values: names in scope, DeviceNetworkEvents columns, AdditionalFields keys as Zeek record
// fields, literals and scalar functions.
#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <set>

#include "backend/zeek/codes.h"
#include "backend/zeek/regex_convert.h"
#include "backend/zeek/rule_translator.h"
#include "backend/zeek/zeek_text.h"

namespace kql::zeek::detail {

std::string RuleTranslator::kql_string(const ZValue& v) {
  switch (v.type) {
    case ZType::String:
      return v.code;
    case ZType::Bool:
      return v.defined.empty()
                 ? "(" + v.code + " ? \"true\" : \"false\")"
                 : "(" + v.defined + " ? (" + v.code + " ? \"true\" : \"false\") : \"\")";
    case ZType::Number:
    case ZType::Addr:
    case ZType::Time:
      return v.defined.empty() ? "cat(" + v.code + ")"
                               : "(" + v.defined + " ? cat(" + v.code + ") : \"\")";
    case ZType::Vector:
      reject(codes::kUnsupportedExpression, v.origin,
             "a whole split() array has no exact Zeek text (KQL writes it as JSON); index it "
             "with a constant, e.g. tostring(split(x, \".\")[0])");
    default:
      return "\"\"";
  }
}

// Zeek's cat() writes a time as epoch seconds and a double with at most 6 decimals and a
// trailing ".0" when whole (src/Desc.cc ODesc::Add(double): modp_dtoa2(d, tmp, 6), then
// Add(".0") "to disambiguate from integer"); KQL's tostring() writes a datetime as
// 2024-05-01T10:00:00Z and the real 2.0 as "2". Text computed from them would be compared or
// matched wrongly, so it is rejected; counts, ports and integer literals print alike.
std::string RuleTranslator::exact_text(const ZValue& v, Span span) {
  if (v.type == ZType::Time)
    reject(codes::kUnsupportedFunction, span,
           "the text of a datetime (KQL writes 2024-05-01T10:00:00Z, Zeek epoch seconds) has "
           "no exact Zeek equivalent");
  if (v.type == ZType::Number && !v.integral && !v.is_count)
    reject(codes::kUnsupportedFunction, span,
           "the text of a real number (KQL writes 2.0 as \"2\", Zeek as \"2.0\", and rounds "
           "to 6 decimals) has no exact Zeek equivalent");
  return kql_string(v);
}

Binding RuleTranslator::lookup(const Name* n) {
  auto it = env_->find(n->name);
  if (it != env_->end()) {
    if (it->second.kind == Binding::Poisoned) throw Reject{{}, {}, {}, {}, true};
    if (it->second.kind == Binding::Dropped)
      reject(codes::kUnsupportedColumn, n->span,
             "column '" + n->name + "' has no Zeek equivalent: " + it->second.reason);
    return it->second;
  }
  if (columns_visible_) {
    if (auto* col = mapping_.find_column(n->name)) {
      Binding b;
      ZValue& v = b.value;
      std::string id = "rec$id";
      bool inbound_view = action_->view == View::Direction;
      auto side = [&](bool local, const char* h_or_p) {
        std::string orig = id + "$orig_" + h_or_p, resp = id + "$resp_" + h_or_p;
        if (inbound_view) {
          uses_inbound_ = true;
          return "(inbound(" + id + ") ? " + (local ? resp : orig) + " : " + (local ? orig : resp) +
                 ")";
        }
        bool device_is_orig = action_->view == View::Orig;
        return (local == device_is_orig) ? orig : resp;
      };
      const std::string& m = col->maps_to;
      if (m == "ts") {
        v.type = ZType::Time;
        v.code = "rec$ts";
      } else if (m == "action_type") {
        v.type = ZType::String;
        v.str_const = action_->action_type;
        v.code = string_literal(action_->action_type);
      } else if (m == "local_ip" || m == "remote_ip") {
        v.type = ZType::Addr;
        v.code = side(m == "local_ip", "h");
      } else if (m == "local_port" || m == "remote_port") {
        v.type = ZType::Number;
        v.is_count = true;
        v.integral = true;
        v.code = "port_to_count(" + side(m == "local_port", "p") + ")";
      } else if (m == "protocol") {
        uses_protocol_ = true;
        v.type = ZType::String;
        v.code = "protocol_name(" + id + "$resp_p)";
      } else if (m == "additional_fields") {
        b.kind = Binding::Bag;
      } else {
        b.kind = Binding::Dropped;
        b.reason = col->reason;
      }
      if (b.kind == Binding::Dropped)
        reject(codes::kUnsupportedColumn, n->span,
               "column '" + n->name + "' has no Zeek equivalent: " + col->reason);
      return b;
    }
  }
  auto let = lets_.find(n->name);
  if (let != lets_.end() && let->second && !expanding_lets_.count(n->name)) {
    if (let->second->kind == NodeKind::FunctionDecl || let->second->kind == NodeKind::Pipe)
      reject(codes::kUnsupportedExpression, n->span,
             "'" + n->name + "' is a tabular or function let; only scalar lets translate");
    expanding_lets_.insert(n->name);
    Binding b;
    try {
      b = binding_of(let->second);
    } catch (...) {
      expanding_lets_.erase(n->name);
      throw;
    }
    expanding_lets_.erase(n->name);
    return b;
  }
  reject(codes::kUnsupportedColumn, n->span, "'" + n->name + "' is not a column in scope here");
}

// A name, a bag (parsed AdditionalFields) or a value.
Binding RuleTranslator::binding_of(const Expr* e) {
  const Expr* s = strip_parens(e);
  if (s->kind == NodeKind::Name) return lookup(static_cast<const Name*>(s));
  if ((is_call(s, "todynamic", 1) || is_call(s, "parse_json", 1) || is_call(s, "todynamic", 1))) {
    Binding inner = binding_of(static_cast<const Call*>(s)->args[0]);
    if (inner.kind == Binding::Bag) return inner;
  }
  Binding b;
  b.value = value(e);
  return b;
}

ZValue RuleTranslator::field_value(const std::string& key, Span span) {
  if (action_->view != View::Direction)
    reject(codes::kUnknownField, span,
           action_->action_type + " events carry no Zeek log fields in AdditionalFields",
           "AdditionalFields holds Zeek log fields only for the *ConnectionInspected and "
           "NtlmAuthenticationInspected ActionTypes");
  ZValue v;
  if (key == "direction") {
    uses_inbound_ = true;
    v.type = ZType::String;
    v.code = "(inbound(rec$id) ? \"In\" : \"Out\")";
    return v;
  }
  if (auto* pkg = mapping_.find_package_field(key))
    reject(codes::kFieldNeedsPackage, span,
           "AdditionalFields." + key + " is not a core Zeek field; it comes from the " +
               pkg->package + " package",
           "install the package on the sensor and extend the mapping data, or drop the test");
  const LogField* f = log_->find_field(key);
  if (!f)
    reject(codes::kUnknownField, span,
           log_->name + ".log (" + action_->action_type + ") has no field '" + key + "'");
  std::string access = "rec$" + f->name;
  std::string defined = f->optional ? "rec?$" + f->name : "";
  const std::string& t = f->zeek_type;
  if (t == "string") {
    v.type = ZType::String;
    // A missing key reads as "" through tostring(), as in KQL.
    v.code = f->optional ? "(" + defined + " ? " + access + " : \"\")" : access;
  } else if (t == "count") {
    v.type = ZType::Number;
    v.is_count = true;
    v.integral = true;
    v.code = access;
    v.defined = defined;
  } else if (t == "bool") {
    v.type = ZType::Bool;
    v.code = access;
    v.defined = defined;
  } else if (t == "interval") {
    v.type = ZType::Number;  // MDE writes Zeek intervals as seconds
    v.code = "interval_to_double(" + access + ")";
    v.defined = defined;
  } else if (t == "time") {
    v.type = ZType::Number;  // epoch seconds in MDE's JSON
    v.code = "time_to_double(" + access + ")";
    v.defined = defined;
  } else if (t == "addr") {
    v.type = ZType::Addr;
    v.code = access;
    v.defined = defined;
  } else {
    reject(codes::kUnsupportedFieldType, span,
           "AdditionalFields." + key + " is a Zeek " + t +
               "; only string, count, bool, interval, time and addr fields translate");
  }
  return v;
}

ZValue RuleTranslator::value(const Expr* e) {
  switch (e->kind) {
    case NodeKind::Paren: {
      ZValue v = value(static_cast<const Paren*>(e)->inner);
      return v;
    }
    case NodeKind::Literal: {
      auto* l = static_cast<const Literal*>(e);
      ZValue v;
      switch (l->literal_kind) {
        case LiteralKind::String:
          v.type = ZType::String;
          v.str_const = l->value;
          v.code = string_literal(l->value);
          return v;
        case LiteralKind::Int:
        case LiteralKind::Long:
          v.type = ZType::Number;
          v.integral = true;
          v.num_const = static_cast<double>(l->int_value);
          v.code = std::to_string(l->int_value);
          return v;
        case LiteralKind::Real:
          v.type = ZType::Number;
          v.num_const = l->real_value;
          v.code = fmt_double(l->real_value);
          return v;
        case LiteralKind::Bool:
          v.type = ZType::Bool;
          v.code = l->int_value ? "T" : "F";
          return v;
        case LiteralKind::TimeSpan:
          v.type = ZType::Interval;
          v.ticks = l->timespan_ticks;
          v.code = interval_literal(l->timespan_ticks);
          return v;
        case LiteralKind::DateTime:
          v.type = ZType::Time;  // only ever rejected: see comparison()
          v.code = "0.0";
          return v;
        case LiteralKind::Dynamic:
          return dynamic_literal(l);
        default:
          reject(codes::kUnsupportedExpression, e->span,
                 "this literal has no Zeek equivalent in a rule");
      }
    }
    case NodeKind::Name: {
      Binding b = lookup(static_cast<const Name*>(e));
      if (b.kind == Binding::Bag)
        reject(codes::kUnsupportedExpression, e->span,
               "AdditionalFields as a whole has no Zeek equivalent; read single keys "
               "(AdditionalFields.uri, tostring(AdditionalFields.host), ...)");
      return b.value;
    }
    case NodeKind::Member:
    case NodeKind::Index: {
      const Expr* object;
      std::string key;
      Span key_span = e->span;
      if (e->kind == NodeKind::Member) {
        auto* m = static_cast<const Member*>(e);
        object = m->object;
        key = m->member;
      } else {
        auto* ix = static_cast<const Index*>(e);
        object = ix->object;
        if (Binding ob = binding_of(object);
            ob.kind == Binding::Value && ob.value.type == ZType::Vector)
          return split_element(ob.value, ix->index, e->span);
        if (binding_of(object).kind != Binding::Bag)
          reject(codes::kUnsupportedExpression, e->span,
                 "indexing anything but AdditionalFields has no Zeek equivalent");
        const Expr* k = strip_parens(ix->index);
        if (k->kind != NodeKind::Literal ||
            static_cast<const Literal*>(k)->literal_kind != LiteralKind::String)
          reject(codes::kUnsupportedExpression, e->span,
                 "only constant keys of AdditionalFields translate");
        key = static_cast<const Literal*>(k)->value;
      }
      Binding b = binding_of(object);
      if (b.kind != Binding::Bag)
        reject(codes::kUnsupportedExpression, e->span,
               "member access on anything but AdditionalFields has no Zeek equivalent");
      return field_value(key, key_span);
    }
    case NodeKind::Call:
      return call_value(static_cast<const Call*>(e));
    case NodeKind::Binary: {
      auto* b = static_cast<const Binary*>(e);
      if (b->op == BinaryOp::Add || b->op == BinaryOp::Mul) {
        ZValue l = value(b->left), r = value(b->right);
        if (l.type != ZType::Number || r.type != ZType::Number)
          reject(codes::kUnsupportedExpression, e->span,
                 "only numeric + and * translate in expressions");
        ZValue v;
        v.type = ZType::Number;
        v.is_count = l.is_count && r.is_count;
        v.integral = l.integral && r.integral;
        v.code = "(" + l.code + (b->op == BinaryOp::Add ? " + " : " * ") + r.code + ")";
        v.defined = z_and(l.defined, r.defined);
        if (v.defined == "T") v.defined.clear();
        return v;
      }
      if (b->op == BinaryOp::Sub || b->op == BinaryOp::Div || b->op == BinaryOp::Mod)
        reject(codes::kUnsupportedExpression, b->op_span.empty() ? e->span : b->op_span,
               std::string("'") + binary_op_text(b->op) +
                   "' differs between KQL and Zeek counts (underflow, division); not translated");
      ZPred p = predicate(e);
      ZValue v;
      v.type = ZType::Bool;
      v.code = p.when_true;  // a boolean value used as a value: true, or false/null
      v.defined = z_or(p.when_true, p.when_false);
      if (v.defined == "T") v.defined.clear();
      return v;
    }
    case NodeKind::InList:
    case NodeKind::Between: {
      ZPred p = predicate(e);
      ZValue v;
      v.type = ZType::Bool;
      v.code = p.when_true;
      v.defined = z_or(p.when_true, p.when_false);
      if (v.defined == "T") v.defined.clear();
      return v;
    }
    default:
      reject(codes::kUnsupportedExpression, e->span,
             "this expression has no Zeek equivalent in the translator");
  }
}

// dynamic([...]) with constant strings and numbers, as written in IOC lists. The literal's
// text is what stands between the parentheses.
ZValue RuleTranslator::dynamic_literal(const Literal* l) {
  const std::string& t = l->value;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
  };
  auto fail = [&]() -> ZValue {
    reject(codes::kUnsupportedExpression, l->span,
           "only dynamic arrays of string and number constants translate");
  };
  ZValue list;
  list.type = ZType::List;
  skip_space();
  if (i >= t.size() || t[i] != '[') return fail();
  ++i;
  skip_space();
  if (i < t.size() && t[i] == ']') return list;
  while (i < t.size()) {
    skip_space();
    ZValue item;
    bool verbatim = false;
    if (t[i] == '@') {
      verbatim = true;
      ++i;
    }
    if (i < t.size() && (t[i] == '"' || t[i] == '\'')) {
      char quote = t[i++];
      std::string text;
      while (i < t.size() && t[i] != quote) {
        if (!verbatim && t[i] == '\\' && i + 1 < t.size()) {
          char c = t[++i];
          text += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
        } else if (verbatim && t[i] == quote && i + 1 < t.size() && t[i + 1] == quote) {
          text += quote;
          ++i;
        } else {
          text += t[i];
        }
        ++i;
      }
      if (i >= t.size()) return fail();
      ++i;
      item.type = ZType::String;
      item.str_const = text;
      item.code = string_literal(text);
    } else {
      size_t start = i;
      while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '-')) ++i;
      if (start == i) return fail();
      item.type = ZType::Number;
      item.code = t.substr(start, i - start);
      item.num_const = std::stod(item.code);
    }
    list.items.push_back(item);
    skip_space();
    if (i < t.size() && t[i] == ',') {
      ++i;
      continue;
    }
    if (i < t.size() && t[i] == ']') return list;
    return fail();
  }
  return fail();
}

ZValue RuleTranslator::call_value(const Call* c) {
  std::string f = lower_name(c->callee);
  auto arg = [&](size_t i) { return value(c->args[i]); };
  auto want = [&](size_t n) {
    if (c->args.size() != n)
      reject(codes::kUnsupportedFunction, c->span,
             c->callee + "() with " + std::to_string(c->args.size()) + " arguments");
  };
  ZValue v;
  if (f == "tostring") {
    want(1);
    ZValue a = arg(0);
    v.type = ZType::String;
    v.code = exact_text(a, c->args[0]->span);
    v.str_const = a.str_const;
    return v;
  }
  if (f == "toint" || f == "tolong" || f == "toreal" || f == "todouble") {
    want(1);
    ZValue a = arg(0);
    if (a.type != ZType::Number)
      reject(codes::kUnsupportedFunction, c->span,
             c->callee + "() of a non-numeric value has no exact Zeek equivalent");
    // KQL's toint()/tolong() keep only the integer part of a real ("If the input includes a
    // decimal value, the result truncate to only the integer portion", toint() reference;
    // docs case toint-function__2: toint(2.3) is 2), and toint() is 32-bit. Handing on the
    // real unchanged (an interval or time field in seconds, a real literal or product) would
    // compare and print 2.5 where KQL has 2.
    if ((f == "toint" || f == "tolong") && !a.integral && !a.is_count)
      reject(codes::kUnsupportedFunction, c->span,
             c->callee +
                 "() of a real number (it truncates in KQL) has no exact Zeek "
                 "equivalent; compare the real itself");
    return a;
  }
  if (f == "tobool") {
    want(1);
    ZValue a = arg(0);
    if (a.type != ZType::Bool)
      reject(codes::kUnsupportedFunction, c->span,
             "tobool() of a non-boolean value has no exact Zeek equivalent");
    return a;
  }
  if (f == "todynamic" || f == "parse_json") {
    want(1);
    return arg(0);
  }
  if (f == "strlen") {
    want(1);
    ZValue a = arg(0);
    if (a.type != ZType::String || !a.defined.empty())
      reject(codes::kUnsupportedFunction, c->span,
             a.type == ZType::String ? "strlen() of a split() element (null past the end); "
                                       "use strlen(tostring(...))"
                                     : "strlen() of a non-string");
    v.type = ZType::Number;
    v.is_count = true;
    v.integral = true;
    v.code = "|" + a.code + "|";
    return v;
  }
  if (f == "tolower" || f == "toupper") {
    want(1);
    ZValue a = arg(0);
    if (a.type != ZType::String)
      reject(codes::kUnsupportedFunction, c->span, c->callee + "() of a non-string");
    v.type = ZType::String;
    v.code = std::string(f == "tolower" ? "to_lower(" : "to_upper(") + a.code + ")";
    return v;
  }
  if (f == "isempty" || f == "isnotempty") {
    want(1);
    ZValue a = arg(0);
    bool empty = f == "isempty";
    v.type = ZType::Bool;
    if (a.type == ZType::String)
      v.code = "|" + a.code + (empty ? "| == 0" : "| > 0");
    else
      v.code = a.defined.empty() ? (empty ? "F" : "T") : (empty ? z_not(a.defined) : a.defined);
    return v;
  }
  if (f == "ipv4_is_private" || f == "ipv4_is_in_range") {
    want(f == "ipv4_is_private" ? 1 : 2);
    ZValue a = arg(0);
    if (a.type != ZType::Addr)
      reject(codes::kUnsupportedFunction, c->span,
             c->callee + "() translates only on LocalIP/RemoteIP or an address field");
    std::vector<std::string> nets;
    if (f == "ipv4_is_private") {
      nets = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"};
    } else {
      ZValue r = arg(1);
      unsigned char buf[16];
      std::string cidr = r.str_const.value_or("");
      size_t slash = cidr.find('/');
      std::string ip = cidr.substr(0, slash);
      int bits = slash == std::string::npos ? 32 : std::atoi(cidr.c_str() + slash + 1);
      if (!r.str_const || inet_pton(AF_INET, ip.c_str(), buf) != 1 || bits < 0 || bits > 32 ||
          (slash != std::string::npos &&
           cidr.find_first_not_of("0123456789", slash + 1) != std::string::npos))
        reject(codes::kUnsupportedFunction, c->args[1]->span,
               "the range must be a constant IPv4 CIDR such as \"10.0.0.0/8\"");
      nets = {ip + "/" + std::to_string(bits)};
    }
    std::string any;
    for (auto& n : nets) any = z_or(any.empty() ? "F" : any, a.code + " in " + n);
    v.type = ZType::Bool;
    v.code = nets.size() > 1 ? "(" + any + ")" : any;
    // KQL answers null (not false) for an address that is not IPv4.
    v.defined = z_and(a.defined, "is_v4_addr(" + a.code + ")");
    return v;
  }
  if (f == "split") {
    if (c->args.size() == 3)
      reject(codes::kUnsupportedFunction, c->args[2]->span,
             "split()'s requested index is not translated; index the array instead "
             "(split(x, d)[i])");
    want(2);
    ZValue text = arg(0);
    ZValue delimiter = arg(1);
    if (text.type != ZType::String)
      reject(codes::kUnsupportedFunction, c->args[0]->span, "split() of a non-string");
    if (!delimiter.str_const || delimiter.str_const->empty())
      reject(codes::kUnsupportedFunction, c->args[1]->span,
             "split()'s delimiter must be a non-empty string constant");
    // split_string() cuts at every match of the pattern, left to right, and keeps empty
    // pieces (at the ends too): KQL's split() with a literal delimiter.
    v.type = ZType::Vector;
    std::string pattern = pattern_literal(pattern_text(*delimiter.str_const), false);
    v.code = "split_string(" + text.code + ", " + pattern + ")";
    ZValue part;
    part.code = text.code;
    v.items.push_back(part);
    part.code = pattern;
    v.items.push_back(part);
    v.origin = c->span;
    return v;
  }
  if (f == "strcat") {
    if (c->args.empty()) reject(codes::kUnsupportedFunction, c->span, "strcat() needs arguments");
    v.type = ZType::String;
    v.code = "cat(";
    for (size_t i = 0; i < c->args.size(); ++i)
      v.code += (i ? ", " : "") + exact_text(arg(i), c->args[i]->span);
    v.code += ")";
    return v;
  }
  if (f == "not") {
    want(1);
    ZPred p = p_not(predicate(c->args[0]));
    v.type = ZType::Bool;
    v.code = p.when_true;
    v.defined = z_or(p.when_true, p.when_false);
    if (v.defined == "T") v.defined.clear();
    return v;
  }
  if (f == "dynamic") {
    // dynamic([...]) literals of constants: a list for in/has_any.
    v.type = ZType::List;
    for (auto* a : c->args) {
      const Expr* s = strip_parens(a);
      if (s->kind == NodeKind::Call &&
          lower_name(static_cast<const Call*>(s)->callee) == "pack_array")
        for (auto* x : static_cast<const Call*>(s)->args) v.items.push_back(value(x));
      else
        v.items.push_back(value(a));
    }
    return v;
  }
  if (f == "ago" || f == "now" || f == "bin")
    reject(codes::kUnsupportedTimeFilter, c->span,
           c->callee +
               "() translates only in `Timestamp > ago(...)` lookbacks and "
               "`summarize ... by bin(Timestamp, ...)`");
  reject(codes::kUnsupportedFunction, c->callee_span.empty() ? c->span : c->callee_span,
         c->callee + "() has no Zeek equivalent in the translator");
}

// split(...)[i] with a constant index: KQL counts a negative index from the end and gives
// null (tostring(): "") for an index out of range.
ZValue RuleTranslator::split_element(const ZValue& vec, const Expr* index, Span span) {
  const Expr* ix = strip_parens(index);
  bool negative = false;
  if (ix->kind == NodeKind::Unary && static_cast<const Unary*>(ix)->op == '-') {
    negative = true;
    ix = strip_parens(static_cast<const Unary*>(ix)->operand);
  }
  if (ix->kind != NodeKind::Literal ||
      (static_cast<const Literal*>(ix)->literal_kind != LiteralKind::Int &&
       static_cast<const Literal*>(ix)->literal_kind != LiteralKind::Long))
    reject(codes::kUnsupportedExpression, index->span,
           "only a constant integer index of a split() array translates");
  long long i = static_cast<const Literal*>(ix)->int_value;
  if (negative) i = -i;
  ZValue v;
  v.type = ZType::String;
  uses_split_ = true;
  const std::string& text = vec.items[0].code;
  const std::string& pattern = vec.items[1].code;
  if (i >= 0) {
    std::string n = std::to_string(i);
    v.defined = "|" + vec.code + "| > " + n;
    v.code = "split_piece(" + text + ", " + pattern + ", " + n + ")";
  } else {
    std::string k = std::to_string(-i);
    v.defined = "|" + vec.code + "| >= " + k;
    v.code = "split_piece_from_end(" + text + ", " + pattern + ", " + k + ")";
  }
  v.origin = span;
  return v;
}

}  // namespace kql::zeek::detail
