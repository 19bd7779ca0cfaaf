// SQLite side of function family 'series' (backend/sql/functions/series.cpp translates the calls;
// the PostgreSQL twins of these helpers are in the same file and must agree with these to the bit).
//
// A series is a JSON array; a numeric argument in its place is a scalar broadcast to the other
// series' length. An element is a long (JSON integer), a real (JSON number with a fraction or
// exponent) or missing (null, a non-number, or past the end of the shorter array).
// Situations whose KQL result we cannot reproduce exactly raise an SQL error instead of guessing:
// long and real elements mixed where KQL's result element type is not documented, NaN or
// infinite results (KQL's JSON spelling of them is not reproduced), long overflow.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

using nlohmann::json;

struct Elem {
  enum Kind { Missing, Long, Real } kind = Missing;
  int64_t l = 0;
  double d = 0;
};

Elem elem_of(const json& e) {
  Elem x;
  if (e.is_number_integer() && !e.is_number_unsigned()) {
    x.kind = Elem::Long;
    x.l = e.get<int64_t>();
    x.d = static_cast<double>(x.l);
  } else if (e.is_number_unsigned()) {
    uint64_t u = e.get<uint64_t>();
    if (u <= static_cast<uint64_t>(INT64_MAX)) {
      x.kind = Elem::Long;
      x.l = static_cast<int64_t>(u);
      x.d = static_cast<double>(x.l);
    } else {
      x.kind = Elem::Real;
      x.d = static_cast<double>(u);
    }
  } else if (e.is_number_float()) {
    x.kind = Elem::Real;
    x.d = e.get<double>();
  }
  return x;
}

// A series argument: its elements, or one broadcast scalar (`scalar`), or nothing (not an
// array or a number: the call yields null).
struct Series {
  std::vector<Elem> e;
  bool scalar = false;
  size_t size() const { return scalar ? 0 : e.size(); }
  Elem at(size_t i) const {
    if (scalar) return e[0];
    return i < e.size() ? e[i] : Elem{};
  }
  bool has(Elem::Kind k) const {
    for (auto& x : e)
      if (x.kind == k) return true;
    return false;
  }
};

std::optional<Series> series_arg(sqlite3_value* v, bool allow_scalar) {
  auto j = json_arg(v);
  if (!j) return std::nullopt;
  Series s;
  if (j->is_array()) {
    for (auto& e : *j) s.e.push_back(elem_of(e));
    return s;
  }
  if (allow_scalar && j->is_number()) {
    s.scalar = true;
    s.e.push_back(elem_of(*j));
    return s;
  }
  return std::nullopt;
}

// Thrown to abort the call with an SQL error.
struct SeriesError {
  std::string msg;
};

json real_json(double d, const char* fn) {
  if (std::isnan(d) || std::isinf(d))
    throw SeriesError{std::string(fn) +
                      "(): a NaN or infinite element; KQL's JSON form of it is not reproduced"};
  return json(d == 0 ? 0.0 : d);  // no negative zero: PostgreSQL's jsonb cannot hold one
}

void finish(sqlite3_context* ctx, const std::function<json()>& body) {
  try {
    result_json(ctx, body());
  } catch (const SeriesError& e) {
    sqlite3_result_error(ctx, e.msg.c_str(), -1);
  }
}

// kql_series_real(x): a real scalar as the JSON number a series holds (1.0, not 1, and every
// digit, which json_quote's 15 significant digits would cut); NaN and infinities are an error.
void fn_series_real(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return result_text(ctx, "null");
  try {
    result_text(ctx, real_json(sqlite3_value_double(a[0]), "series").dump());
  } catch (const SeriesError& e) {
    sqlite3_result_error(ctx, e.msg.c_str(), -1);
  }
}

// kql_real_json(x): a real as dynamic (the dialects' to_dynamic): shortest round-trip digits
// with ".0" when integral, as PostgreSQL's pg_temp.kql_real_json writes it; NaN and infinities
// become the strings PostgreSQL's to_jsonb gives them; NULL is 'null', as json_quote gave it.
void fn_real_json(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return result_text(ctx, "null");
  double d = sqlite3_value_double(a[0]);
  if (std::isnan(d)) return result_text(ctx, "\"NaN\"");
  if (std::isinf(d)) return result_text(ctx, d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  result_text(ctx, json(d == 0 ? 0.0 : d).dump());
}

// kql_series_unary(op, series)
void fn_series_unary(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string op(text_arg(a[0]));
  auto s = series_arg(a[1], false);
  if (!s) return sqlite3_result_null(ctx);
  finish(ctx, [&] {
    const std::string fn = "series_" + op;
    bool keep_type = op == "abs" || op == "sign";
    bool longs = keep_type && !s->has(Elem::Real);
    if (keep_type && s->has(Elem::Real) && s->has(Elem::Long))
      throw SeriesError{fn + "(): the series mixes long and real elements"};
    json out = json::array();
    for (auto& x : s->e) {
      if (x.kind == Elem::Missing) {
        out.push_back(nullptr);
        continue;
      }
      if (longs) {
        if (op == "abs") {
          if (x.l == INT64_MIN) throw SeriesError{fn + "(): long overflow"};
          out.push_back(x.l < 0 ? -x.l : x.l);
        } else {
          out.push_back(x.l > 0 ? 1 : x.l < 0 ? -1 : 0);
        }
        continue;
      }
      double d = x.d, r;
      if (op == "abs")
        r = std::fabs(d);
      else if (op == "sign")
        r = d > 0 ? 1.0 : d < 0 ? -1.0 : 0.0;
      else if (op == "acos")
        r = std::acos(d);
      else if (op == "asin")
        r = std::asin(d);
      else if (op == "atan")
        r = std::atan(d);
      else if (op == "cos")
        r = std::cos(d);
      else if (op == "sin")
        r = std::sin(d);
      else if (op == "tan")
        r = std::tan(d);
      else if (op == "exp")
        r = std::exp(d);
      else if (op == "log")
        r = std::log(d);
      else if (op == "floor")
        r = std::floor(d);
      else if (op == "ceiling")
        r = std::ceil(d);
      else
        throw SeriesError{"unknown series operation " + op};
      out.push_back(real_json(r, fn.c_str()));
    }
    return out;
  });
}

// kql_series_binary(op, series1, series2): either may be a broadcast number.
void fn_series_binary(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string op(text_arg(a[0]));
  auto s1 = series_arg(a[1], true), s2 = series_arg(a[2], true);
  if (!s1 || !s2 || (s1->scalar && s2->scalar)) return sqlite3_result_null(ctx);
  finish(ctx, [&] {
    const std::string fn = "series_" + op;
    size_t n = std::max(s1->size(), s2->size());
    bool arith = op == "add" || op == "subtract" || op == "multiply";
    bool any_real = s1->has(Elem::Real) || s2->has(Elem::Real);
    bool any_long = s1->has(Elem::Long) || s2->has(Elem::Long);
    if (arith && any_real && any_long)
      throw SeriesError{fn + "(): the series mix long and real elements"};
    json out = json::array();
    for (size_t i = 0; i < n; ++i) {
      Elem x = s1->at(i), y = s2->at(i);
      if (x.kind == Elem::Missing || y.kind == Elem::Missing) {
        out.push_back(nullptr);
        continue;
      }
      bool both_long = x.kind == Elem::Long && y.kind == Elem::Long;
      if (arith && both_long) {
        int64_t r;
        bool ovf = op == "add"        ? __builtin_add_overflow(x.l, y.l, &r)
                   : op == "subtract" ? __builtin_sub_overflow(x.l, y.l, &r)
                                      : __builtin_mul_overflow(x.l, y.l, &r);
        if (ovf) throw SeriesError{fn + "(): long overflow"};
        out.push_back(r);
        continue;
      }
      if (arith) {
        double r = op == "add" ? x.d + y.d : op == "subtract" ? x.d - y.d : x.d * y.d;
        out.push_back(real_json(r, fn.c_str()));
        continue;
      }
      if (op == "divide") {
        out.push_back(real_json(x.d / y.d, fn.c_str()));
        continue;
      }
      if (op == "pow") {
        out.push_back(real_json(std::pow(x.d, y.d), fn.c_str()));
        continue;
      }
      // comparisons: longs exactly, otherwise as reals
      int c = both_long ? (x.l < y.l   ? -1
                           : x.l > y.l ? 1
                                       : 0)
                        : (x.d < y.d   ? -1
                           : x.d > y.d ? 1
                                       : 0);
      bool r;
      if (op == "greater")
        r = c > 0;
      else if (op == "greater_equals")
        r = c >= 0;
      else if (op == "less")
        r = c < 0;
      else if (op == "less_equals")
        r = c <= 0;
      else if (op == "equals")
        r = c == 0;
      else if (op == "not_equals")
        r = c != 0;
      else
        throw SeriesError{"unknown series operation " + op};
      out.push_back(r);
    }
    return out;
  });
}

// kql_series_reduce(op, series [, series2]): sum, magnitude, dot_product, cosine_similarity.
// A real, or NULL where KQL documents null (an empty input).
void fn_series_reduce(sqlite3_context* ctx, int n, sqlite3_value** a) {
  std::string op(text_arg(a[0]));
  bool pair = op == "dot_product" || op == "cosine_similarity";
  auto s1 = series_arg(a[1], pair);
  auto s2 = pair && n > 2 ? series_arg(a[2], true) : std::optional<Series>();
  if (!s1 || (pair && (!s2 || (s1->scalar && s2->scalar)))) return sqlite3_result_null(ctx);
  const std::string fn = "series_" + op;
  double acc = 0, aa = 0, bb = 0;
  if (!pair) {
    if (s1->e.empty()) {
      if (op == "sum") {
        std::string msg = fn + "() of an empty series is not reproduced";
        return sqlite3_result_error(ctx, msg.c_str(), -1);
      }
      return sqlite3_result_null(ctx);
    }
    for (auto& x : s1->e)
      if (x.kind != Elem::Missing) acc += op == "sum" ? x.d : x.d * x.d;
    if (op == "magnitude") acc = std::sqrt(acc);
  } else {
    // The longer series is cut to the shorter one's length; a scalar takes the other's.
    size_t len = s1->scalar   ? s2->size()
                 : s2->scalar ? s1->size()
                              : std::min(s1->size(), s2->size());
    if (len == 0) return sqlite3_result_null(ctx);
    for (size_t i = 0; i < len; ++i) {
      Elem x = s1->at(i), y = s2->at(i);
      if (x.kind == Elem::Missing || y.kind == Elem::Missing) continue;
      acc += x.d * y.d;
      aa += x.d * x.d;
      bb += y.d * y.d;
    }
    if (op == "cosine_similarity") acc = acc / (std::sqrt(aa) * std::sqrt(bb));
  }
  if (std::isnan(acc) || std::isinf(acc)) {
    std::string msg = fn + "(): a NaN or infinite result is not reproduced";
    return sqlite3_result_error(ctx, msg.c_str(), -1);
  }
  sqlite3_result_double(ctx, acc == 0 ? 0.0 : acc);
}

// kql_series_fill(op, series, constant, fill_edges): forward, backward, const, linear. Missing
// values are JSON nulls; any other non-number is not reproduced.
void fn_series_fill(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string op(text_arg(a[0]));
  auto j = json_arg(a[1]);
  if (!j || !j->is_array()) return sqlite3_result_null(ctx);
  auto c = json_arg(a[2]);
  bool edges = !is_null(a[3]) && sqlite3_value_int(a[3]) != 0;
  finish(ctx, [&] {
    const std::string fn = "series_fill_" + op;
    std::vector<Elem> e;
    for (auto& x : *j) {
      if (!x.is_null() && !x.is_number())
        throw SeriesError{fn + "(): a non-numeric element is not reproduced"};
      e.push_back(elem_of(x));
    }
    const size_t n = e.size();
    json out = *j;
    if (op == "forward") {
      for (size_t i = 1; i < n; ++i)
        if (out[i].is_null()) out[i] = out[i - 1];
      return out;
    }
    if (op == "backward") {
      for (size_t i = n; i-- > 1;)
        if (out[i - 1].is_null()) out[i - 1] = out[i];
      return out;
    }
    if (op == "const") {
      Series all{e};
      Elem k = c && c->is_number() ? elem_of(*c) : Elem{};
      if (k.kind != Elem::Missing && all.has(Elem::Missing) &&
          all.has(k.kind == Elem::Long ? Elem::Real : Elem::Long))
        throw SeriesError{fn + "(): the constant's type differs from the elements' type"};
      for (auto& x : out)
        if (x.is_null()) x = c && c->is_number() ? *c : json(nullptr);
      return out;
    }
    // linear
    Series all{e};
    if (!all.has(Elem::Long) && !all.has(Elem::Real)) {
      // Only missing values: filled with the constant (default 0), as a real.
      Elem k = c ? elem_of(*c) : Elem{};
      if (k.kind == Elem::Missing) return out;  // constant_value null keeps the nulls
      if (k.kind == Elem::Long)
        throw SeriesError{fn + "(): a long constant_value is not reproduced"};
      for (auto& x : out) x = real_json(k.d, fn.c_str());
      return out;
    }
    bool longs = !all.has(Elem::Real);
    size_t first = 0, last = n - 1;
    while (e[first].kind == Elem::Missing) ++first;
    while (e[last].kind == Elem::Missing) --last;
    auto put = [&](size_t i, const Elem& base) {
      if (longs)
        out[i] = base.l;
      else
        out[i] = real_json(base.d, fn.c_str());
    };
    for (size_t i = 0; i < n; ++i)
      if (e[i].kind != Elem::Missing && !longs) out[i] = real_json(e[i].d, fn.c_str());
    if (edges) {
      for (size_t i = 0; i < first; ++i) put(i, e[first]);
      for (size_t i = last + 1; i < n; ++i) put(i, e[last]);
    }
    for (size_t i = first; i < last;) {
      size_t k = i + 1;
      while (e[k].kind == Elem::Missing) ++k;
      double x0 = e[i].d, x1 = e[k].d, span = static_cast<double>(k - i);
      for (size_t m = i + 1; m < k; ++m) {
        double v = x0 + (x1 - x0) * static_cast<double>(m - i) / span;
        if (longs) {
          // KQL cuts interpolated longs (73.5 -> 73 in the docs); below zero the direction
          // is not documented.
          if (v < 0 && v != std::trunc(v))
            throw SeriesError{fn + "(): a negative interpolated long is not reproduced"};
          out[m] = static_cast<int64_t>(std::trunc(v));
        } else {
          out[m] = real_json(v, fn.c_str());
        }
      }
      i = k;
    }
    return out;
  });
}

// kql_series_iir(x, numerators b, denominators a):
// y[i] = (b0 x[i] + ... + b(nb-1) x[i-nb+1] - a1 y[i-1] - ... - a(na-1) y[i-na+1]) / a0
void fn_series_iir(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto x = series_arg(a[0], false), b = series_arg(a[1], false), den = series_arg(a[2], false);
  if (!x || !b || !den) return sqlite3_result_null(ctx);
  finish(ctx, [&] {
    for (auto* s : {&*x, &*b, &*den})
      if (s->has(Elem::Missing))
        throw SeriesError{"series_iir(): a missing or non-numeric element is not reproduced"};
    if (den->e.empty() || b->e.empty() || den->e[0].d == 0)
      throw SeriesError{"series_iir(): needs coefficients and a non-zero a[0]"};
    std::vector<double> y(x->e.size());
    json out = json::array();
    for (size_t i = 0; i < y.size(); ++i) {
      double acc = 0;
      for (size_t k = 0; k < b->e.size() && k <= i; ++k) acc += b->e[k].d * x->e[i - k].d;
      for (size_t k = 1; k < den->e.size() && k <= i; ++k) acc -= den->e[k].d * y[i - k];
      y[i] = acc / den->e[0].d;
      out.push_back(real_json(y[i], "series_iir"));
    }
    return out;
  });
}

}  // namespace

std::span<const SqliteScalar> sqlite_series_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_series_unary", 2, fn_series_unary},    {"kql_series_binary", 3, fn_series_binary},
      {"kql_series_reduce", -1, fn_series_reduce}, {"kql_series_fill", 4, fn_series_fill},
      {"kql_series_iir", 3, fn_series_iir},        {"kql_series_real", 1, fn_series_real},
      {"kql_real_json", 1, fn_real_json},
  };
  return kFunctions;
}

}  // namespace kql::run
