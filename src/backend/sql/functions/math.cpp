// Function family 'math' (see families.h): numbers, bits, conversions and datetimes.
//
// Datetimes are exact 100 ns ticks (backend/sql/ticks.h), so the calendar functions are integer
// arithmetic that SQLite and PostgreSQL evaluate alike; the calendar helpers (kql_datetime_add,
// kql_iso_week) have their SQLite twins in run/sqlite_fn_math.cpp. format_datetime() is compiled
// from its (literal) format into a concatenation of zero-padded parts, so both databases build
// the same text from the same integers.
//
// Rejected by name, with the reason: isnan/isinf/isfinite (SQLite stores NaN as null, so NaN
// and null cannot be told apart), beta_cdf/beta_inv/beta_pdf, gamma/loggamma/erf/erfc (Kusto's
// numerical algorithms are not documented),
// todecimal() (decimals are stored as doubles: 34-digit precision is not kept), bin_auto() (needs
// the query_bin_auto_size/at request properties), formats and parts whose output is not
// documented exactly.
#include <algorithm>
#include <cctype>
#include <cstdint>

#include "backend/sql/functions/families.h"
#include "backend/sql/ticks.h"

namespace kql::sql {

namespace {

// Last tick of 9999-12-31, Kusto's (and .NET's) largest datetime.
constexpr int64_t kMaxDateTimeTicks = 3'155'378'975'999'999'999;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The literal string argument i, lower-cased, or nullopt (after rejecting) when it is not a
// string literal: parts and units decide the translation, so they must be known here.
std::optional<std::string> literal_part(FunctionCall& f, size_t i, const char* what) {
  const ast::Literal* l = f.string_literal(i);
  if (!l) {
    f.unsupported(std::string("the ") + what + " must be a string literal");
    return std::nullopt;
  }
  return lower(l->value);
}

// ----- numbers ---------------------------------------------------------------------------------

// degrees(r) = r * 180 / pi and radians(d) = d * pi / 180, the same double operations on both
// engines (neither needs SQLite's optional math functions).
std::optional<SqlExpr> fn_degrees_radians(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  if (!is_numeric(f.a[0].type) || f.a[0].type == KType::Decimal) return f.type_err(0, "a number");
  const std::string x = f.d().cast(f.a[0].sql, KType::Real);
  const std::string pi = f.d().real_literal(3.141592653589793);
  const std::string k180 = f.d().real_literal(180);
  if (f.name() == "degrees") return SqlExpr{"(" + x + " * " + k180 + " / " + pi + ")", KType::Real};
  return SqlExpr{"(" + x + " * " + pi + " / " + k180 + ")", KType::Real};
}

std::optional<SqlExpr> fn_sign(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  KType t = f.a[0].type;
  if (!is_numeric(t) || t == KType::Decimal) return f.type_err(0, "a number");
  const std::string& x = f.a[0].sql;
  // Kusto.Language types sign() as real whatever its argument.
  std::string one = f.d().real_literal(1), zero = f.d().real_literal(0),
              neg = f.d().real_literal(-1);
  return SqlExpr{"(CASE WHEN " + x + " > 0 THEN " + one + " WHEN " + x + " < 0 THEN " + neg +
                     " WHEN " + x + " = 0 THEN " + zero + " END)",
                 KType::Real};
}

// round(x [, precision]) of a real. The reference shows round(2.15, 1) = 2.2 and
// round(21.5, -1) = 20, which fit scaling by 10^precision, rounding to the nearest whole number
// and scaling back. It does not say how a midpoint rounds (to even or away from zero) nor whether
// the scaling is done in doubles or decimals (which differ near midpoints: 1.005 to 2 places). So:
// off midpoints the nearest whole number; at an exact midpoint whose whole part is odd
// (21.5 -> 22) the answer both rules give; at other midpoints, and within 1e-9 (relative) of one
// without being exactly on it, the query fails. The precision must be a literal in -15..15
// (powers of ten exact in a double); a long argument is not translated (its result type is not
// documented).
std::optional<SqlExpr> fn_round(FunctionCall& f) {
  if (!f.nargs(1, 2)) return std::nullopt;
  if (f.a[0].type != KType::Real) return f.type_err(0, "a real");
  long long p = 0;
  if (f.n() == 2) {
    const ast::Expr* e = f.call->args[1];
    bool negative = false;
    if (e->kind == ast::NodeKind::Unary) {
      negative = true;
      e = static_cast<const ast::Unary*>(e)->operand;
    }
    if (e->kind != ast::NodeKind::Literal ||
        (static_cast<const ast::Literal*>(e)->literal_kind != ast::LiteralKind::Int &&
         static_cast<const ast::Literal*>(e)->literal_kind != ast::LiteralKind::Long))
      return f.unsupported("the precision must be a whole-number literal");
    p = static_cast<const ast::Literal*>(e)->int_value * (negative ? -1 : 1);
    if (p < -15 || p > 15) return f.unsupported("a precision outside -15..15");
  }
  const std::string& x = f.a[0].sql;
  std::string scale = "1e" + std::to_string(p < 0 ? -p : p);
  std::string y = p > 0 ? "(" + x + " * " + scale + ")" : p < 0 ? "(" + x + " / " + scale + ")" : x;
  std::string r = f.helper("kql_floor", {y});
  std::string frac = "(" + y + " - " + r + ")";
  std::string odd = "(" + f.d().cast(r, KType::Long) + " % 2 <> 0)";
  std::string undocumented = f.helper(
      "kql_fail_real", {f.lit("round: a midpoint (or within 1e-9 of one) where rounding to even "
                              "and away from zero differ; Kusto's rule is not documented")});
  // At an exact midpoint: y > 0 rounds up from an odd floor; y < 0 keeps an even floor
  // (-21.5: floor -22, |y| = 21.5 whose whole part 21 is odd).
  std::string midpoint = "(CASE WHEN " + y + " > 0 AND " + odd + " THEN " + r + " + 1 WHEN " + y +
                         " < 0 AND NOT " + odd + " THEN " + r + " ELSE " + undocumented + " END)";
  std::string nearest = "(CASE WHEN " + frac + " = 0.5 THEN " + midpoint + " WHEN abs(" + frac +
                        " - 0.5) <= 1e-9 * (1 + abs(" + y + ")) THEN " + undocumented + " WHEN " +
                        frac + " > 0.5 THEN " + r + " + 1 ELSE " + r + " END)";
  std::string back = p > 0   ? "(" + nearest + " / " + scale + ")"
                     : p < 0 ? "(" + nearest + " * " + scale + ")"
                             : nearest;
  return SqlExpr{back, KType::Real};
}

// around(value, center, delta): center - delta <= value <= center + delta.
std::optional<SqlExpr> fn_around(FunctionCall& f) {
  if (!f.nargs(3, 3)) return std::nullopt;
  KType v = f.a[0].type, c = f.a[1].type, d = f.a[2].type;
  bool numbers = is_numeric(v) && is_numeric(c) && is_numeric(d) && v != KType::Decimal &&
                 c != KType::Decimal && d != KType::Decimal;
  bool times = (v == KType::DateTime && c == KType::DateTime && d == KType::TimeSpan) ||
               (v == KType::TimeSpan && c == KType::TimeSpan && d == KType::TimeSpan);
  if (!numbers && !times)
    return f.type_err(0, "numbers, or datetimes/timespans with a timespan delta");
  auto num = [&](size_t i) {
    // Mixed long/real arithmetic in reals, as KQL does.
    bool real =
        f.a[0].type == KType::Real || f.a[1].type == KType::Real || f.a[2].type == KType::Real;
    return real ? f.d().cast(f.a[i].sql, KType::Real) : f.a[i].sql;
  };
  std::string x = num(0), ctr = num(1), dl = num(2);
  return SqlExpr{"(" + x + " BETWEEN " + ctr + " - " + dl + " AND " + ctr + " + " + dl + ")",
                 KType::Bool};
}

// isinf/isfinite/isnan: NaN decides them (isinf(NaN) and isfinite(NaN) are false), and SQLite
// stores NaN as null, so a NaN argument cannot be told from a null one there.
std::optional<SqlExpr> fn_reject_nan_test(FunctionCall& f) {
  return f.unsupported(
      "SQLite stores NaN as null, so a NaN argument cannot be told from a null one");
}
std::optional<SqlExpr> fn_reject_beta(FunctionCall& f) {
  return f.unsupported("Kusto's numerical algorithm for the beta distribution is not documented");
}
// gamma/loggamma/erf/erfc: PostgreSQL 15 has none of them, so both databases would need one
// algorithm of ours, and Kusto's is not documented; its results are not correctly rounded (the
// factorial_fl() docs show gamma(11) as 3628799 where 10! = 3628800), so ours would differ.
std::optional<SqlExpr> fn_reject_special(FunctionCall& f) {
  return f.unsupported(
      "Kusto's numerical algorithm is not documented and is not correctly rounded (the docs show "
      "gamma(11) = 3628799), so no implementation of ours reproduces its results");
}
// convert_*: Kusto converts with the UnitsNet library of some (undocumented) version, whose
// factors are not the exact definitions: the docs' convert_volume(1.2, 'CubicMeter', 'AcreFoot')
// = 0.0009728568 is 1.2 * 0.000810714, not 1.2 / 1233.48183754752 (1 acre-foot).
std::optional<SqlExpr> fn_reject_convert(FunctionCall& f) {
  return f.unsupported(
      "Kusto's unit factors (from an undocumented UnitsNet version) are not documented and "
      "differ from the exact definitions (AcreFoot = 1/0.000810714 m3 in the docs' example)");
}
std::optional<SqlExpr> fn_reject_todecimal(FunctionCall& f) {
  return f.unsupported(
      "decimals are stored as doubles, so decimal's 34-digit precision would not be kept");
}
std::optional<SqlExpr> fn_reject_bin_auto(FunctionCall& f) {
  return f.unsupported("the bin size comes from the query_bin_auto_size request property");
}

// assert(condition, message): true, or the query fails with the message. Kusto requires the
// condition to be a constant of the query analysis: one that reads a column (a quoted identifier
// in the SQL) is rejected here instead. The check runs where the expression is evaluated: a false
// assert that no row reaches does not fail the query here (Kusto fails it at analysis).
std::optional<SqlExpr> fn_assert(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  const ast::Literal* msg = f.string_literal(1);
  if (!msg) return f.unsupported("the message must be a string literal");
  auto cond = f.t.as_bool(f.a[0], f.call->args[0]);
  if (!cond) return std::nullopt;
  if (cond->sql.find('"') != std::string::npos)
    return f.unsupported("the condition must be a constant (it may not read the row)");
  return SqlExpr{"(CASE WHEN " + cond->sql + " THEN " + f.d().bool_literal(true) + " ELSE " +
                     f.helper("kql_fail_bool",
                              {f.lit("assert() has failed with message: '" + msg->value + "'")}) +
                     " END)",
                 KType::Bool};
}

// ----- bits ------------------------------------------------------------------------------------

std::optional<SqlExpr> fn_binary(FunctionCall& f) {
  const std::string& n = f.name();
  bool unary = n == "binary_not";
  if (!f.nargs(unary ? 1 : 2, unary ? 1 : 2)) return std::nullopt;
  for (size_t i = 0; i < f.n(); ++i)
    if (!is_integral(f.a[i].type)) return f.type_err(i, "a long");
  std::string x = f.d().cast(f.a[0].sql, KType::Long);
  if (unary) return SqlExpr{"(~" + x + ")", KType::Long};
  std::string y = f.d().cast(f.a[1].sql, KType::Long);
  if (n == "binary_and") return SqlExpr{"(" + x + " & " + y + ")", KType::Long};
  if (n == "binary_or") return SqlExpr{"(" + x + " | " + y + ")", KType::Long};
  if (n == "binary_xor")
    return SqlExpr{"((" + x + " | " + y + ") & ~(" + x + " & " + y + "))", KType::Long};
  // Shifts: Kusto is .NET, where a long shift counts modulo 64 (`x << 65` is `x << 1`); the
  // right shift is arithmetic (the sign is copied), as in SQLite and PostgreSQL.
  std::string count = "(" + y + " & 63)";
  if (f.postgres()) count = "CAST(" + count + " AS integer)";
  const char* op = n == "binary_shift_left" ? " << " : " >> ";
  return SqlExpr{"(" + x + op + count + ")", KType::Long};
}

// ----- datetimes -------------------------------------------------------------------------------

bool is_period(const std::string& p) {
  static const char* kPeriods[] = {"year", "quarter", "month",  "week",        "day",
                                   "hour", "minute",  "second", "millisecond", "microsecond"};
  for (auto* x : kPeriods)
    if (p == x) return true;
  return false;
}

int64_t period_ticks(const std::string& p) {
  if (p == "week") return 7 * kTicksPerDay;
  if (p == "day") return kTicksPerDay;
  if (p == "hour") return 3600 * kTicksPerSecond;
  if (p == "minute") return 60 * kTicksPerSecond;
  if (p == "second") return kTicksPerSecond;
  if (p == "millisecond") return 10'000;
  if (p == "microsecond") return 10;
  return 0;
}

// datetime_add(period, amount, datetime): months clamp the day to the target month's length
// (2017-01-31 + 1 month = 2017-02-28), as .NET's AddMonths; a result outside 0001..9999 is null.
std::optional<SqlExpr> fn_datetime_add(FunctionCall& f) {
  if (!f.nargs(3, 3)) return std::nullopt;
  auto part = literal_part(f, 0, "period");
  if (!part) return std::nullopt;
  if (*part == "nanosecond")
    return f.unsupported(
        "a nanosecond is below the 100 ns tick; Kusto's rounding is not documented");
  if (!is_period(*part)) return f.unsupported("period '" + *part + "'");
  if (!is_integral(f.a[1].type)) return f.type_err(1, "an integer amount");
  if (f.a[2].type != KType::DateTime) return f.type_err(2, "a datetime");
  return SqlExpr{
      f.helper("kql_datetime_add", {f.lit(*part), f.d().cast(f.a[1].sql, KType::Long), f.a[2].sql}),
      KType::DateTime};
}

// datetime_diff(period, dt1, dt2): the number of period boundaries between the two, as the
// documented examples show (week boundaries are Sundays, as startofweek()).
std::optional<SqlExpr> fn_datetime_diff(FunctionCall& f) {
  if (!f.nargs(3, 3)) return std::nullopt;
  auto part = literal_part(f, 0, "period");
  if (!part) return std::nullopt;
  if (f.a[1].type != KType::DateTime) return f.type_err(1, "a datetime");
  if (f.a[2].type != KType::DateTime) return f.type_err(2, "a datetime");
  const std::string &x = f.a[1].sql, &y = f.a[2].sql;
  auto dp = [&](const char* p, const std::string& t) {
    return f.helper("kql_datepart", {f.lit(p), t});
  };
  std::string out;
  if (*part == "year") {
    out = dp("year", x) + " - " + dp("year", y);
  } else if (*part == "quarter" || *part == "month") {
    const char* k = *part == "month" ? "12" : "4";
    const char* p = *part == "month" ? "month" : "quarter";
    out = "(" + dp("year", x) + " * " + k + " + " + dp(p, x) + ") - (" + dp("year", y) + " * " + k +
          " + " + dp(p, y) + ")";
  } else if (*part == "week") {
    std::string wx = f.helper("kql_startof", {f.lit("week"), x, "0"}),
                wy = f.helper("kql_startof", {f.lit("week"), y, "0"});
    out = "(" + wx + " - " + wy + ") / " + std::to_string(7 * kTicksPerDay);
  } else if (*part == "nanosecond") {
    out = "(" + x + " - " + y + ") * 100";
  } else if (int64_t k = period_ticks(*part)) {
    // Datetimes are never negative ticks: integer division is the floor.
    std::string ks = std::to_string(k);
    out = x + " / " + ks + " - " + y + " / " + ks;
  } else {
    return f.unsupported("period '" + *part + "'");
  }
  return SqlExpr{"(" + out + ")", KType::Long};
}

std::optional<SqlExpr> fn_datetime_part(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  auto part = literal_part(f, 0, "part");
  if (!part) return std::nullopt;
  if (f.a[1].type != KType::DateTime) return f.type_err(1, "a datetime");
  if (*part == "week_of_year") return SqlExpr{f.helper("kql_iso_week", {f.a[1].sql}), KType::Int};
  static const char* kParts[] = {"year",        "quarter",     "month",     "day",
                                 "dayofyear",   "hour",        "minute",    "second",
                                 "millisecond", "microsecond", "nanosecond"};
  for (auto* p : kParts)
    if (*part == p) return SqlExpr{f.helper("kql_datepart", {f.lit(p), f.a[1].sql}), KType::Int};
  if (*part == "weekofyear")
    return f.unsupported(
        "the obsolete 'weekofyear' part (first week with a Wednesday) is not "
        "documented exactly; use 'week_of_year'");
  return f.unsupported("part '" + *part + "'");
}

std::optional<SqlExpr> fn_monthofyear(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  if (f.a[0].type != KType::DateTime) return f.type_err(0, "a datetime");
  return SqlExpr{f.helper("kql_datepart", {f.lit("month"), f.a[0].sql}), KType::Int};
}

std::optional<SqlExpr> fn_week_of_year(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  if (f.a[0].type != KType::DateTime) return f.type_err(0, "a datetime");
  return SqlExpr{f.helper("kql_iso_week", {f.a[0].sql}), KType::Int};
}

// make_timespan(hour, minute), (hour, minute, second) or (day, hour, minute, second). The
// reference gives hour 0-23, minute 0-59 and second 0-59.9999999 (a real), and null when "the
// creation" fails; inside those ranges the value is the sum. Outside them (carried into the
// next unit, or null?) Kusto's behaviour is not documented, so the query fails there, as it
// does for a negative day and for seconds finer than a tick (rounded which way?).
std::optional<SqlExpr> fn_make_timespan(FunctionCall& f) {
  if (!f.nargs(2, 4)) return std::nullopt;
  const size_t n = f.n();
  const size_t first = n == 4 ? 1 : 0;  // the index of the hour
  for (size_t i = 0; i < first + 2; ++i)
    if (!is_integral(f.a[i].type)) return f.type_err(i, "a whole number");
  if (n >= 3 && !is_numeric(f.a[n - 1].type)) return f.type_err(n - 1, "a number");
  std::string day = n == 4 ? f.a[0].sql : "0";
  std::string sec = n >= 3 ? f.d().cast(f.a[n - 1].sql, KType::Real) : f.d().real_literal(0);
  return SqlExpr{f.helper("kql_make_timespan", {day, f.a[first].sql, f.a[first + 1].sql, sec}),
                 KType::TimeSpan};
}

// unixtime_<unit>_todatetime(n): whole numbers only (Kusto's rounding of a fractional count is
// not documented); a result outside 0001..9999 is null.
std::optional<SqlExpr> fn_unixtime(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  if (!is_integral(f.a[0].type))
    return f.unsupported(
        "only whole numbers are translated; the rounding of a fractional "
        "count is not documented");
  const std::string& n = f.name();
  std::string x = f.d().cast(f.a[0].sql, KType::Long);
  const int64_t lo_ticks = -kUnixEpochTicks, hi_ticks = kMaxDateTimeTicks - kUnixEpochTicks;
  std::string ticks;
  int64_t lo, hi;
  if (n == "unixtime_nanoseconds_todatetime") {
    // ticks = n / 100, truncated as .NET's long division; the range check is on the ticks.
    ticks = "(" + x + " / 100)";
    std::string e = std::to_string(kUnixEpochTicks);
    return SqlExpr{"(CASE WHEN " + ticks + " BETWEEN " + std::to_string(lo_ticks) + " AND " +
                       std::to_string(hi_ticks) + " THEN " + e + " + " + ticks + " END)",
                   KType::DateTime};
  }
  int64_t k = n == "unixtime_seconds_todatetime"        ? kTicksPerSecond
              : n == "unixtime_milliseconds_todatetime" ? 10'000
                                                        : 10;
  // Bounds in units so that the multiplication cannot overflow.
  lo = -(kUnixEpochTicks / k);
  hi = hi_ticks / k;
  std::string e = std::to_string(kUnixEpochTicks);
  return SqlExpr{"(CASE WHEN " + x + " BETWEEN " + std::to_string(lo) + " AND " +
                     std::to_string(hi) + " THEN " + e + " + " + x + " * " + std::to_string(k) +
                     " END)",
                 KType::DateTime};
}

// format_datetime(datetime, format): the documented specifiers and delimiters only.
// format_timespan(timespan, format) likewise; a negative timespan raises an error (its format is
// not documented). 'h'/'hh' are the hours as in the docs' own example ('ddd.h:mm:ss').
std::optional<SqlExpr> fn_format_datetime(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  const bool span = f.name() == "format_timespan";
  if (f.a[0].type != (span ? KType::TimeSpan : KType::DateTime))
    return f.type_err(0, span ? "a timespan" : "a datetime");
  const ast::Literal* fl = f.string_literal(1);
  if (!fl) return f.unsupported("the format must be a string literal");
  const std::string& fmt = fl->value;
  const std::string t =
      span ? f.helper("kql_nonneg_ts", {f.a[0].sql, f.lit("format_timespan()")}) : f.a[0].sql;
  bool pg = f.postgres();
  auto pad = [&](const std::string& v, int width) {
    if (width <= 1) return pg ? "CAST(" + v + " AS text)" : "CAST(" + v + " AS TEXT)";
    // lpad cuts a longer text: only days can be longer than their width
    if (pg)
      return "lpad(CAST(" + v + " AS text), greatest(" + std::to_string(width) + ", length(CAST(" +
             v + " AS text))), '0')";
    return "printf('%0" + std::to_string(width) + "d', " + v + ")";
  };
  auto dp = [&](const char* p) { return f.helper("kql_datepart", {f.lit(p), t}); };
  auto mod = [&](int64_t div, int64_t m) {
    return "((" + t + " / " + std::to_string(div) + ") % " + std::to_string(m) + ")";
  };
  std::vector<std::string> parts;
  std::string pending_text;
  auto flush = [&] {
    if (!pending_text.empty()) parts.push_back(f.lit(pending_text));
    pending_text.clear();
  };
  for (size_t i = 0; i < fmt.size();) {
    char c = fmt[i];
    size_t j = i;
    while (j < fmt.size() && fmt[j] == c) ++j;
    size_t len = j - i;
    std::string piece;
    std::string spec(len, c);
    auto bad = [&]() {
      return f.unsupported("format element '" + spec + "' is not among the documented ones");
    };
    switch (c) {
      case 'd':
        if (span) {
          if (len > 8) return bad();
          piece = pad("(" + t + " / " + std::to_string(kTicksPerDay) + ")", static_cast<int>(len));
          break;
        }
        if (len > 2) return bad();
        piece = pad(dp("day"), static_cast<int>(len));
        break;
      case 'M':
        if (span || len > 2) return bad();
        piece = pad(dp("month"), static_cast<int>(len));
        break;
      case 'y':
        if (span) return bad();
        if (len == 1 || len == 2)
          piece = pad("(" + dp("year") + " % 100)", static_cast<int>(len));
        else if (len == 4)
          piece = pad(dp("year"), 4);
        else
          return bad();
        break;
      case 'H':
        if (len > 2) return bad();
        piece = pad(mod(3600 * kTicksPerSecond, 24), static_cast<int>(len));
        break;
      case 'h': {
        if (len > 2) return bad();
        std::string h = mod(3600 * kTicksPerSecond, 24);
        if (span) {
          piece = pad(h, static_cast<int>(len));
          break;
        }
        piece = pad("(CASE WHEN " + h + " % 12 = 0 THEN 12 ELSE " + h + " % 12 END)",
                    static_cast<int>(len));
        break;
      }
      case 'm':
        if (len > 2) return bad();
        piece = pad(mod(60 * kTicksPerSecond, 60), static_cast<int>(len));
        break;
      case 's':
        if (len > 2) return bad();
        piece = pad(mod(kTicksPerSecond, 60), static_cast<int>(len));
        break;
      case 't':
        if (span || len != 2) return bad();
        piece = "(CASE WHEN " + mod(3600 * kTicksPerSecond, 24) + " < 12 THEN 'AM' ELSE 'PM' END)";
        break;
      case 'f':
      case 'F': {
        if (len > 7) return bad();
        int64_t div = 1;
        for (size_t k = len; k < 7; ++k) div *= 10;
        std::string v = mod(div, [&] {
          int64_t m = 1;
          for (size_t k = 0; k < len; ++k) m *= 10;
          return m;
        }());
        if (c == 'f') {
          piece = pad(v, static_cast<int>(len));
        } else {
          // .NET drops a '.' before an all-zero F group; whether Kusto does is not documented.
          if (!pending_text.empty() && pending_text.back() == '.')
            return f.unsupported(
                "an 'F' element after '.': whether the '.' is kept when the "
                "fraction is zero is not documented");
          piece = "(CASE WHEN " + v + " = 0 THEN '' ELSE rtrim(" + pad(v, static_cast<int>(len)) +
                  ", '0') END)";
        }
        break;
      }
      case ' ':
      case '/':
      case '-':
      case ':':
      case ',':
      case '.':
      case '_':
      case '[':
      case ']':
        pending_text += spec;
        i = j;
        continue;
      default:
        return f.unsupported("format character '" + std::string(1, c) +
                             "' is neither a documented element nor a documented delimiter");
    }
    flush();
    parts.push_back(piece);
    i = j;
  }
  flush();
  if (parts.empty()) return SqlExpr{"''", KType::String};
  std::string body;
  for (size_t i = 0; i < parts.size(); ++i) body += (i ? " || " : "") + parts[i];
  return SqlExpr{"(CASE WHEN " + t + " IS NULL THEN '' ELSE " + body + " END)", KType::String};
}

}  // namespace

std::span<const SqlFunction> math_functions() {
  static const SqlFunction kFunctions[] = {
      {"sign", fn_sign},
      {"degrees", fn_degrees_radians},
      {"radians", fn_degrees_radians},
      {"assert", fn_assert},
      {"around", fn_around},
      {"round", fn_round},
      {"isinf", fn_reject_nan_test},
      {"isfinite", fn_reject_nan_test},
      {"isnan", fn_reject_nan_test},
      {"beta_cdf", fn_reject_beta},
      {"beta_inv", fn_reject_beta},
      {"beta_pdf", fn_reject_beta},
      {"gamma", fn_reject_special},
      {"loggamma", fn_reject_special},
      {"erf", fn_reject_special},
      {"erfc", fn_reject_special},
      {"convert_angle", fn_reject_convert},
      {"convert_energy", fn_reject_convert},
      {"convert_force", fn_reject_convert},
      {"convert_length", fn_reject_convert},
      {"convert_mass", fn_reject_convert},
      {"convert_speed", fn_reject_convert},
      {"convert_temperature", fn_reject_convert},
      {"convert_volume", fn_reject_convert},
      {"todecimal", fn_reject_todecimal},
      {"bin_auto", fn_reject_bin_auto},
      {"binary_and", fn_binary},
      {"binary_or", fn_binary},
      {"binary_xor", fn_binary},
      {"binary_not", fn_binary},
      {"binary_shift_left", fn_binary},
      {"binary_shift_right", fn_binary},
      {"datetime_add", fn_datetime_add},
      {"datetime_diff", fn_datetime_diff},
      {"datetime_part", fn_datetime_part},
      {"datepart", fn_datetime_part},
      {"monthofyear", fn_monthofyear},
      {"week_of_year", fn_week_of_year},
      {"unixtime_seconds_todatetime", fn_unixtime},
      {"unixtime_milliseconds_todatetime", fn_unixtime},
      {"unixtime_microseconds_todatetime", fn_unixtime},
      {"unixtime_nanoseconds_todatetime", fn_unixtime},
      {"format_datetime", fn_format_datetime},
      {"format_timespan", fn_format_datetime},
      {"make_timespan", fn_make_timespan},
  };
  return kFunctions;
}

std::string_view math_functions_postgres() {
  return R"SQL(CREATE OR REPLACE FUNCTION pg_temp.kql_make_timespan(d bigint, h bigint, mi bigint, s double precision)
RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE x double precision; r double precision; BEGIN
  IF d IS NULL OR h IS NULL OR mi IS NULL OR s IS NULL THEN RETURN NULL; END IF;
  IF d < 0 OR h < 0 OR h > 23 OR mi < 0 OR mi > 59 OR NOT (s >= 0 AND s < 60) THEN
    RAISE EXCEPTION 'make_timespan: a part outside day >= 0, hour 0-23, minute 0-59, second 0-59.9999999';
  END IF;
  x := s * 10000000; r := floor(x + 0.5);
  IF abs(x - r) > 0.0001 THEN
    RAISE EXCEPTION 'make_timespan: seconds finer than a tick (100 ns)';
  END IF;
  RETURN d * 864000000000 + h * 36000000000 + mi * 600000000 + r::bigint;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_datetime_add(part text, n bigint, t bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE m bigint; k numeric; r numeric; frac bigint; ts timestamp; BEGIN
  IF n IS NULL OR t IS NULL THEN RETURN NULL; END IF;
  m := CASE part WHEN 'year' THEN 12 WHEN 'quarter' THEN 3 WHEN 'month' THEN 1 END;
  IF m IS NOT NULL THEN
    IF abs(n) > 1000000 THEN RETURN NULL; END IF;
    frac := mod(t, 10000000);
    ts := pg_temp.kql_ts(t - frac) + make_interval(months => (n * m)::int);
    IF ts < timestamp '0001-01-01' OR ts >= timestamp '10000-01-01' THEN RETURN NULL; END IF;
    RETURN pg_temp.kql_ticks(ts) + frac;
  END IF;
  k := CASE part WHEN 'week' THEN 6048000000000 WHEN 'day' THEN 864000000000
    WHEN 'hour' THEN 36000000000 WHEN 'minute' THEN 600000000 WHEN 'second' THEN 10000000
    WHEN 'millisecond' THEN 10000 WHEN 'microsecond' THEN 10 END;
  r := t::numeric + n::numeric * k;
  IF r < 0 OR r > 3155378975999999999 THEN RETURN NULL; END IF;
  RETURN r::bigint;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_nonneg_ts(t bigint, fn text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF t < 0 THEN RAISE EXCEPTION '%: a negative timespan''s format is not documented', fn; END IF;
  RETURN t;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_iso_week(t bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT extract(week FROM pg_temp.kql_ts(t))::bigint $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_var_step(s float8[], x float8) RETURNS float8[] LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN x IS NULL THEN s ELSE
     (SELECT ARRAY[a.n, b.m, s[3] + a.d * (x - b.m)]
      FROM (SELECT s[1] + 1 AS n, x - s[2] AS d) a, LATERAL (SELECT s[2] + a.d / a.n AS m) b) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_var_final(s float8[], sample boolean, root boolean, fn text)
RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE v float8; BEGIN
  IF s[1] < (CASE WHEN sample THEN 2 ELSE 1 END) THEN
    RAISE EXCEPTION '%() of % values: KQL''s result is not reproduced', fn, s[1]::bigint;
  END IF;
  v := s[3] / (CASE WHEN sample THEN s[1] - 1 ELSE s[1] END);
  RETURN CASE WHEN root THEN sqrt(v) ELSE v END;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_variance_final(s float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_var_final(s, true, false, 'variance') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_variancep_final(s float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_var_final(s, false, false, 'variancep') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_stdev_final(s float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_var_final(s, true, true, 'stdev') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_stdevp_final(s float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_var_final(s, false, true, 'stdevp') $$;
CREATE OR REPLACE AGGREGATE pg_temp.kql_variance(float8) (SFUNC = pg_temp.kql_var_step, STYPE = float8[],
  INITCOND = '{0,0,0}', FINALFUNC = pg_temp.kql_variance_final);
CREATE OR REPLACE AGGREGATE pg_temp.kql_variancep(float8) (SFUNC = pg_temp.kql_var_step, STYPE = float8[],
  INITCOND = '{0,0,0}', FINALFUNC = pg_temp.kql_variancep_final);
CREATE OR REPLACE AGGREGATE pg_temp.kql_stdev(float8) (SFUNC = pg_temp.kql_var_step, STYPE = float8[],
  INITCOND = '{0,0,0}', FINALFUNC = pg_temp.kql_stdev_final);
CREATE OR REPLACE AGGREGATE pg_temp.kql_stdevp(float8) (SFUNC = pg_temp.kql_var_step, STYPE = float8[],
  INITCOND = '{0,0,0}', FINALFUNC = pg_temp.kql_stdevp_final);
CREATE OR REPLACE FUNCTION pg_temp.kql_covar_step(s float8[], x float8, y float8) RETURNS float8[] LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN x IS NULL OR y IS NULL THEN s ELSE
     (SELECT ARRAY[a.n, b.mx, b.my, s[4] + a.dx * (y - b.my)]
      FROM (SELECT s[1] + 1 AS n, x - s[2] AS dx) a,
           LATERAL (SELECT s[2] + a.dx / a.n AS mx, s[3] + (y - s[3]) / a.n AS my) b) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_covar_final(s float8[], sample boolean, fn text)
RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF s[1] < (CASE WHEN sample THEN 2 ELSE 1 END) THEN
    RAISE EXCEPTION '%() of % pairs: KQL''s result is not reproduced', fn, s[1]::bigint;
  END IF;
  RETURN s[4] / (CASE WHEN sample THEN s[1] - 1 ELSE s[1] END);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_covariance_final(s float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_covar_final(s, true, 'covariance') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_covariancep_final(s float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_covar_final(s, false, 'covariancep') $$;
CREATE OR REPLACE AGGREGATE pg_temp.kql_covariance(float8, float8) (SFUNC = pg_temp.kql_covar_step,
  STYPE = float8[], INITCOND = '{0,0,0,0}', FINALFUNC = pg_temp.kql_covariance_final);
CREATE OR REPLACE AGGREGATE pg_temp.kql_covariancep(float8, float8) (SFUNC = pg_temp.kql_covar_step,
  STYPE = float8[], INITCOND = '{0,0,0,0}', FINALFUNC = pg_temp.kql_covariancep_final);
CREATE OR REPLACE FUNCTION pg_temp.kql_bag_step(s jsonb, v jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(v) = 'object' THEN v || s ELSE s END $$;
CREATE OR REPLACE AGGREGATE pg_temp.kql_make_bag(jsonb) (SFUNC = pg_temp.kql_bag_step, STYPE = jsonb,
  INITCOND = '{}');
)SQL";
}

}  // namespace kql::sql
