#include "run/sqlite_functions.h"

#include <re2/re2.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "backend/sql/ticks.h"
#include "run/sqlite_value.h"
#include "run/text_fold.h"

namespace kql::run {
namespace {

using nlohmann::json;
using namespace kql::sql;

// ----- argument helpers ------------------------------------------------------------------

// ----- string predicates -----------------------------------------------------------------

// Case-insensitive work on text with letters whose case mapping text_fold does not reproduce
// fails the query (as kql_upper/kql_lower do on PostgreSQL) instead of comparing them exactly.
bool unmapped_case(sqlite3_context* ctx, std::string_view x, std::string_view y = {}) {
  if (!has_unmapped_cased(x) && !has_unmapped_cased(y)) return false;
  sqlite3_result_error(ctx,
                       "case mapping of letters outside ASCII, Latin-1, Latin Extended-A and "
                       "the basic Greek and Cyrillic alphabets is not reproduced",
                       -1);
  return true;
}

// kql_contains(text, needle, cs)
void fn_contains(sqlite3_context* ctx, int, sqlite3_value** a) {
  bool cs = sqlite3_value_int(a[2]) != 0;
  auto h = text_arg(a[0]), n = text_arg(a[1]);
  if (!cs && unmapped_case(ctx, h, n)) return;
  result_bool(ctx, cs ? h.find(n) != std::string_view::npos
                      : fold_case(h).find(fold_case(n)) != std::string::npos);
}
void fn_startswith(sqlite3_context* ctx, int, sqlite3_value** a) {
  bool cs = sqlite3_value_int(a[2]) != 0;
  std::string h(text_arg(a[0])), n(text_arg(a[1]));
  if (!cs && unmapped_case(ctx, h, n)) return;
  if (!cs) h = fold_case(h), n = fold_case(n);
  result_bool(ctx, h.compare(0, n.size(), n) == 0);
}
void fn_endswith(sqlite3_context* ctx, int, sqlite3_value** a) {
  bool cs = sqlite3_value_int(a[2]) != 0;
  std::string h(text_arg(a[0])), n(text_arg(a[1]));
  if (!cs && unmapped_case(ctx, h, n)) return;
  if (!cs) h = fold_case(h), n = fold_case(n);
  result_bool(ctx, h.size() >= n.size() && h.compare(h.size() - n.size(), n.size(), n) == 0);
}
// kql_eq_ci(a, b): =~
void fn_eq_ci(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (unmapped_case(ctx, text_arg(a[0]), text_arg(a[1]))) return;
  result_bool(ctx, fold_case(text_arg(a[0])) == fold_case(text_arg(a[1])));
}
void fn_has(sqlite3_context* ctx, int, sqlite3_value** a) {
  bool cs = sqlite3_value_int(a[2]) != 0;
  if (!cs && unmapped_case(ctx, text_arg(a[0]), text_arg(a[1]))) return;
  result_bool(ctx, has_term(text_arg(a[0]), text_arg(a[1]), cs));
}
void fn_hasprefix(sqlite3_context* ctx, int, sqlite3_value** a) {
  bool cs = sqlite3_value_int(a[2]) != 0;
  if (!cs && unmapped_case(ctx, text_arg(a[0]), text_arg(a[1]))) return;
  result_bool(ctx, has_prefix_term(text_arg(a[0]), text_arg(a[1]), cs));
}
void fn_hassuffix(sqlite3_context* ctx, int, sqlite3_value** a) {
  bool cs = sqlite3_value_int(a[2]) != 0;
  if (!cs && unmapped_case(ctx, text_arg(a[0]), text_arg(a[1]))) return;
  result_bool(ctx, has_suffix_term(text_arg(a[0]), text_arg(a[1]), cs));
}
void fn_tolower(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (unmapped_case(ctx, text_arg(a[0]))) return;
  result_text(ctx, to_lower(text_arg(a[0])));
}
void fn_toupper(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (unmapped_case(ctx, text_arg(a[0]))) return;
  result_text(ctx, to_upper(text_arg(a[0])));
}
void fn_strlen(sqlite3_context* ctx, int, sqlite3_value** a) {
  sqlite3_result_int64(ctx, count_code_points(text_arg(a[0])));
}

// ----- regular expressions (RE2, as Kusto uses) ------------------------------------------

// Compiled patterns are cached per connection: rules apply one pattern to every row.
struct RegexCache {
  std::mutex mu;
  std::map<std::string, std::unique_ptr<RE2>> cache;
  RE2* get(std::string_view pattern) {
    std::lock_guard lock(mu);
    auto it = cache.find(std::string(pattern));
    if (it != cache.end()) return it->second.get();
    RE2::Options opts;
    opts.set_log_errors(false);
    auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), opts);
    RE2* raw = re.get();
    cache.emplace(std::string(pattern), std::move(re));
    return raw;
  }
};
RegexCache& regex_cache(sqlite3_context* ctx) {
  return *static_cast<RegexCache*>(sqlite3_user_data(ctx));
}
RE2* regex_arg(sqlite3_context* ctx, sqlite3_value* v) {
  RE2* re = regex_cache(ctx).get(text_arg(v));
  if (!re->ok()) {
    std::string msg = "invalid regular expression: " + re->error();
    sqlite3_result_error(ctx, msg.c_str(), -1);
    return nullptr;
  }
  return re;
}
// kql_regex_match(text, pattern)
void fn_regex_match(sqlite3_context* ctx, int, sqlite3_value** a) {
  RE2* re = regex_arg(ctx, a[1]);
  if (!re) return;
  auto t = text_arg(a[0]);
  result_bool(ctx, RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), *re));
}
// kql_extract(pattern, group, text): the group's text, "" when there is no match.
void fn_extract(sqlite3_context* ctx, int, sqlite3_value** a) {
  RE2* re = regex_arg(ctx, a[0]);
  if (!re) return;
  int group = sqlite3_value_int(a[1]);
  auto t = text_arg(a[2]);
  if (group < 0 || group > re->NumberOfCapturingGroups()) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    return;
  }
  std::vector<re2::StringPiece> groups(re->NumberOfCapturingGroups() + 1);
  if (!re->Match(re2::StringPiece(t.data(), t.size()), 0, t.size(), RE2::UNANCHORED, groups.data(),
                 static_cast<int>(groups.size()))) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    return;
  }
  result_text(ctx, std::string(groups[group].data() ? groups[group] : re2::StringPiece()));
}
// kql_replace_regex(text, pattern, rewrite): KQL rewrites use \1 for groups, as RE2 does.
void fn_replace_regex(sqlite3_context* ctx, int, sqlite3_value** a) {
  RE2* re = regex_arg(ctx, a[1]);
  if (!re) return;
  std::string t(text_arg(a[0]));
  RE2::GlobalReplace(&t, *re, re2::StringPiece(text_arg(a[2]).data(), text_arg(a[2]).size()));
  result_text(ctx, t);
}

// ----- datetime / timespan ---------------------------------------------------------------

void fn_dt_str(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  result_text(ctx, format_datetime(sqlite3_value_int64(a[0])));
}
void fn_ts_str(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  result_text(ctx, format_timespan(sqlite3_value_int64(a[0])));
}
void fn_todatetime(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_null(ctx);
  if (auto t = parse_datetime(text_arg(a[0]))) return sqlite3_result_int64(ctx, *t);
  sqlite3_result_null(ctx);
}
void fn_totimespan(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_null(ctx);
  if (auto t = parse_timespan(text_arg(a[0]))) return sqlite3_result_int64(ctx, *t);
  sqlite3_result_null(ctx);
}
// kql_datepart(part, ticks): year, month, day, hour, minute, second, millisecond,
// dayofyear, dayofweek (as timespan ticks since Sunday), dayofmonth, weekofyear is not here.
void fn_datepart(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[1])) return sqlite3_result_null(ctx);
  std::string_view part = text_arg(a[0]);
  int64_t t = sqlite3_value_int64(a[1]);
  CivilTime c = to_civil(t);
  int64_t v = 0;
  if (part == "year")
    v = c.year;
  else if (part == "month")
    v = c.month;
  else if (part == "day" || part == "dayofmonth")
    v = c.day;
  else if (part == "hour")
    v = c.hour;
  else if (part == "minute")
    v = c.minute;
  else if (part == "second")
    v = c.second;
  else if (part == "millisecond")
    v = c.fraction / 10'000;
  else if (part == "microsecond")
    v = c.fraction / 10;
  else if (part == "nanosecond")
    v = c.fraction * 100;
  else if (part == "quarter")
    v = (c.month - 1) / 3 + 1;
  else if (part == "dayofyear")
    v = days_from_civil(c.year, c.month, c.day) - days_from_civil(c.year, 1, 1) + 1;
  else if (part == "dayofweek") {
    // 0001-01-01 was a Monday; KQL returns the timespan since the preceding Sunday.
    int64_t days = days_from_civil(c.year, c.month, c.day);
    v = ((days + 1) % 7) * kTicksPerDay;
  } else {
    std::string msg = "unknown datetime part " + std::string(part);
    return sqlite3_result_error(ctx, msg.c_str(), -1);
  }
  sqlite3_result_int64(ctx, v);
}
// kql_startof(unit, ticks, offset): startofday/week/month/year with an offset in units.
void fn_startof(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[1])) return sqlite3_result_null(ctx);
  std::string_view unit = text_arg(a[0]);
  int64_t t = sqlite3_value_int64(a[1]);
  int64_t off = sqlite3_value_int64(a[2]);
  CivilTime c = to_civil(t);
  int64_t days = days_from_civil(c.year, c.month, c.day);
  int64_t r;
  if (unit == "day") {
    r = (days + off) * kTicksPerDay;
  } else if (unit == "week") {  // weeks start on Sunday
    r = (days - (days + 1) % 7 + 7 * off) * kTicksPerDay;
  } else if (unit == "month") {
    int64_t m = c.year * 12 + (c.month - 1) + off;
    r = from_civil(m / 12, m % 12 + 1, 1);
  } else if (unit == "year") {
    r = from_civil(c.year + off, 1, 1);
  } else {
    return sqlite3_result_error(ctx, "unknown startof unit", -1);
  }
  sqlite3_result_int64(ctx, r);
}
// kql_endof(unit, ticks, offset) = startof(next unit) - 1 tick
void fn_endof(sqlite3_context* ctx, int n, sqlite3_value** a) {
  if (is_null(a[1])) return sqlite3_result_null(ctx);
  std::string_view unit = text_arg(a[0]);
  int64_t t = sqlite3_value_int64(a[1]);
  int64_t off = sqlite3_value_int64(a[2]);
  CivilTime c = to_civil(t);
  int64_t days = days_from_civil(c.year, c.month, c.day);
  int64_t r;
  if (unit == "day")
    r = (days + off + 1) * kTicksPerDay;
  else if (unit == "week")
    r = (days - (days + 1) % 7 + 7 * (off + 1)) * kTicksPerDay;
  else if (unit == "month") {
    int64_t m = c.year * 12 + (c.month - 1) + off + 1;
    r = from_civil(m / 12, m % 12 + 1, 1);
  } else if (unit == "year")
    r = from_civil(c.year + off + 1, 1, 1);
  else
    return fn_startof(ctx, n, a);
  sqlite3_result_int64(ctx, r - 1);
}
// kql_make_datetime(y, m, d [, h, mi, s]): null for a date that does not exist ("if the creation
// is successful, the result is a datetime; otherwise null"). A time of day outside the ranges
// the reference gives (hour 0-23, minute 0-59, second 0-59.9999999) fails the query: whether
// Kusto carries it into the next unit or returns null is not documented. The same steps as
// pg_temp.kql_make_datetime.
void fn_make_datetime(sqlite3_context* ctx, int n, sqlite3_value** a) {
  for (int i = 0; i < n; ++i)
    if (is_null(a[i])) return sqlite3_result_null(ctx);
  int64_t y = sqlite3_value_int64(a[0]), m = sqlite3_value_int64(a[1]),
          d = sqlite3_value_int64(a[2]);
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return sqlite3_result_null(ctx);
  int64_t month_days = (m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1)) -
                       days_from_civil(y, m, 1);
  if (d > month_days) return sqlite3_result_null(ctx);
  int64_t h = n > 3 ? sqlite3_value_int64(a[3]) : 0, mi = n > 4 ? sqlite3_value_int64(a[4]) : 0;
  double sec = n > 5 ? sqlite3_value_double(a[5]) : 0;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || !(sec >= 0 && sec < 60))
    return sqlite3_result_error(
        ctx, "make_datetime: a time of day outside hour 0-23, minute 0-59, second 0-59.9999999",
        -1);
  int64_t t = from_civil(y, m, d) + h * 3600 * kTicksPerSecond + mi * 60 * kTicksPerSecond;
  // floor(x + 0.5), not llround: PostgreSQL's round() of a double may break ties to even.
  sqlite3_result_int64(ctx, t + static_cast<int64_t>(std::floor(sec * kTicksPerSecond + 0.5)));
}
// kql_floor_bin(x, size) for reals: floor(x / size) * size.
void fn_bin_real(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0]) || is_null(a[1])) return sqlite3_result_null(ctx);
  double x = sqlite3_value_double(a[0]), s = sqlite3_value_double(a[1]);
  if (s <= 0) return sqlite3_result_null(ctx);
  sqlite3_result_double(ctx, std::floor(x / s) * s);
}
void fn_floor(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_null(ctx);
  sqlite3_result_double(ctx, std::floor(sqlite3_value_double(a[0])));
}
// kql_math(name, x [, y])
void fn_math(sqlite3_context* ctx, int n, sqlite3_value** a) {
  if (is_null(a[1]) || (n > 2 && is_null(a[2]))) return sqlite3_result_null(ctx);
  std::string_view f = text_arg(a[0]);
  double x = sqlite3_value_double(a[1]);
  double y = n > 2 ? sqlite3_value_double(a[2]) : 0;
  double r;
  if (f == "sqrt")
    r = std::sqrt(x);
  else if (f == "exp")
    r = std::exp(x);
  else if (f == "exp2")
    r = std::exp2(x);
  else if (f == "exp10")
    r = std::pow(10.0, x);
  else if (f == "log")
    r = std::log(x);
  else if (f == "log2")
    r = std::log2(x);
  else if (f == "log10")
    r = std::log10(x);
  else if (f == "pow")
    r = std::pow(x, y);
  else if (f == "sin")
    r = std::sin(x);
  else if (f == "cos")
    r = std::cos(x);
  else if (f == "tan")
    r = std::tan(x);
  else if (f == "asin")
    r = std::asin(x);
  else if (f == "acos")
    r = std::acos(x);
  else if (f == "atan")
    r = std::atan(x);
  else if (f == "atan2")
    r = std::atan2(x, y);
  else if (f == "ceiling")
    r = std::ceil(x);
  else if (f == "cot")
    r = 1.0 / std::tan(x);
  else
    return sqlite3_result_error(ctx, "unknown math function", -1);
  // SQLite has no NaN: it stores null instead (PostgreSQL's kql_math does the same).
  sqlite3_result_double(ctx, r);
}

// ----- dynamic (JSON text) ---------------------------------------------------------------

// kql_dyn_get(json, key): member by name (text key) or element by index (integer key,
// negative counts from the end). Missing -> NULL.
void fn_dyn_get(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j) return sqlite3_result_null(ctx);
  if (sqlite3_value_type(a[1]) == SQLITE_INTEGER) {
    if (!j->is_array()) return sqlite3_result_null(ctx);
    int64_t i = sqlite3_value_int64(a[1]);
    int64_t n = static_cast<int64_t>(j->size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return sqlite3_result_null(ctx);
    return result_json(ctx, (*j)[i]);
  }
  if (!j->is_object()) return sqlite3_result_null(ctx);
  auto it = j->find(std::string(text_arg(a[1])));
  if (it == j->end()) return sqlite3_result_null(ctx);
  result_json(ctx, *it);
}
// The text of a number as tolong()/toreal() read it, the same on PostgreSQL (kql_number_text):
// [+-]digits, and for reals also a fraction and an exponent. Text that is something else
// converts to null, as the reference says of a failed conversion; a number with spaces around
// it, "inf"/"NaN" and a number out of range are not documented (.NET's parsers take the
// spaces), so the query fails on them.
enum class NumberText { Number, Padded, Other };
NumberText number_text(std::string_view s, bool real) {
  auto canonical = [real](std::string_view t) {
    size_t i = 0;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    size_t digits = 0, frac = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++digits;
    if (real && i < t.size() && t[i] == '.') {
      ++i;
      while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++frac;
    }
    if (digits + frac == 0) return false;
    if (real && i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
      ++i;
      if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
      size_t exp = 0;
      while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++exp;
      if (exp == 0) return false;
    }
    return i == t.size();
  };
  if (canonical(s)) return NumberText::Number;
  if (real) {  // infinities and NaN spelled out: which spellings Kusto reads is not documented
    std::string t = fold_case(std::string(s));
    if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.erase(0, 1);
    if (t == "INF" || t == "INFINITY" || t == "NAN") return NumberText::Padded;
  }
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  if ((b > 0 || e < s.size()) && canonical(s.substr(b, e - b))) return NumberText::Padded;
  return NumberText::Other;
}
constexpr const char* kPadded =
    "a number with spaces around it, or an infinity or NaN spelled out: whether Kusto converts it "
    "is not documented";
constexpr const char* kOutOfRange =
    "a number out of the type's range: what Kusto converts it to is not documented";

// tostring(dynamic): strings unquoted, null/missing "", everything else as compact JSON.
void fn_dyn_tostring(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j || j->is_null()) return sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  if (j->is_string()) return result_text(ctx, j->get<std::string>());
  result_text(ctx, j->dump());
}
void fn_dyn_tolong(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j) return sqlite3_result_null(ctx);
  if (j->is_number_integer()) return sqlite3_result_int64(ctx, j->get<int64_t>());
  if (j->is_number_float()) {
    // Truncated toward zero; beyond a long's range PostgreSQL fails too (C++ would be undefined).
    double d = j->get<double>();
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
      return sqlite3_result_error(ctx, kOutOfRange, -1);
    return sqlite3_result_int64(ctx, static_cast<int64_t>(d));
  }
  if (j->is_boolean()) return sqlite3_result_int64(ctx, j->get<bool>() ? 1 : 0);
  if (j->is_string()) {
    std::string s = j->get<std::string>();
    switch (number_text(s, false)) {
      case NumberText::Number: {
        long long v = 0;
        const char* first = s.data() + (s[0] == '+' ? 1 : 0);
        auto [end, ec] = std::from_chars(first, s.data() + s.size(), v);
        if (ec == std::errc() && end == s.data() + s.size()) return sqlite3_result_int64(ctx, v);
        return sqlite3_result_error(ctx, kOutOfRange, -1);
      }
      case NumberText::Padded:
        return sqlite3_result_error(ctx, kPadded, -1);
      case NumberText::Other:
        break;
    }
  }
  sqlite3_result_null(ctx);
}
void fn_dyn_toreal(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j) return sqlite3_result_null(ctx);
  if (j->is_number()) return sqlite3_result_double(ctx, j->get<double>());
  if (j->is_boolean()) return sqlite3_result_double(ctx, j->get<bool>() ? 1 : 0);
  if (j->is_string()) {
    std::string s = j->get<std::string>();
    switch (number_text(s, true)) {
      case NumberText::Number: {
        double v = std::strtod(s.c_str(), nullptr);
        if (std::isfinite(v)) return sqlite3_result_double(ctx, v);
        return sqlite3_result_error(ctx, kOutOfRange, -1);
      }
      case NumberText::Padded:
        return sqlite3_result_error(ctx, kPadded, -1);
      case NumberText::Other:
        break;
    }
  }
  sqlite3_result_null(ctx);
}
void fn_dyn_tobool(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j) return sqlite3_result_null(ctx);
  if (j->is_boolean()) return result_bool(ctx, j->get<bool>());
  if (j->is_number_integer()) return result_bool(ctx, j->get<int64_t>() != 0);
  if (j->is_string()) {
    std::string s = fold_case(j->get<std::string>());
    if (s == "TRUE" || s == "1") return result_bool(ctx, true);
    if (s == "FALSE" || s == "0") return result_bool(ctx, false);
  }
  sqlite3_result_null(ctx);
}
void fn_dyn_todatetime(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j || !j->is_string()) return sqlite3_result_null(ctx);
  if (auto t = parse_datetime(j->get<std::string>())) return sqlite3_result_int64(ctx, *t);
  sqlite3_result_null(ctx);
}
void fn_dyn_totimespan(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j || !j->is_string()) return sqlite3_result_null(ctx);
  if (auto t = parse_timespan(j->get<std::string>())) return sqlite3_result_int64(ctx, *t);
  sqlite3_result_null(ctx);
}
// parse_json(string): the parsed JSON; text that is not JSON becomes a JSON string.
void fn_parse_json(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_null(ctx);
  auto t = text_arg(a[0]);
  json j = json::parse(t.begin(), t.end(), nullptr, false);
  if (j.is_discarded()) j = json(std::string(t));
  result_json(ctx, j);
}
void fn_array_length(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j || !j->is_array()) return sqlite3_result_null(ctx);
  sqlite3_result_int64(ctx, static_cast<int64_t>(j->size()));
}
// kql_dyn_kind(json): "null", "array", "object", "string", "long", "real", "bool" (for gettype).
void fn_dyn_eq(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto x = json_arg(a[0]), y = json_arg(a[1]);
  if (!x || !y) return sqlite3_result_null(ctx);
  result_bool(ctx, *x == *y);
}
// kql_set_contains(array_json, value_json)
void fn_array_contains(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto arr = json_arg(a[0]), v = json_arg(a[1]);
  if (!arr || !arr->is_array() || !v) return result_bool(ctx, false);
  for (auto& e : *arr)
    if (e == *v) return result_bool(ctx, true);
  result_bool(ctx, false);
}
// kql_split(text, delimiter) -> JSON array of strings
void fn_split(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string_view s = text_arg(a[0]), d = text_arg(a[1]);
  json out = json::array();
  if (d.empty()) {
    out.push_back(std::string(s));
  } else {
    size_t start = 0;
    for (size_t p = s.find(d); p != std::string_view::npos; p = s.find(d, start)) {
      out.push_back(std::string(s.substr(start, p - start)));
      start = p + d.size();
    }
    out.push_back(std::string(s.substr(start)));
  }
  result_json(ctx, out);
}
// The JSON string's text, or NULL when the value is not a string (dynamic == string compares).
void fn_dyn_str(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j || !j->is_string()) return sqlite3_result_null(ctx);
  result_text(ctx, j->get<std::string>());
}
// The JSON number, or NULL when the value is not a number (dynamic < number compares).
void fn_dyn_num(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j || !j->is_number()) return sqlite3_result_null(ctx);
  if (j->is_number_integer()) return sqlite3_result_int64(ctx, j->get<int64_t>());
  sqlite3_result_double(ctx, j->get<double>());
}
// The items mv-expand produces from one value: an array's elements, a property bag's
// {"key": value} pairs, a scalar itself; nothing for null.
void fn_mv_items(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j || j->is_null()) return result_text(ctx, "[]");
  if (j->is_array()) return result_json(ctx, *j);
  json out = json::array();
  if (j->is_object()) {
    for (auto& [k, v] : j->items()) out.push_back(json{{k, v}});
  } else {
    out.push_back(*j);
  }
  result_json(ctx, out);
}
// kql_range(start, stop, step): the dynamic array range() returns (longs when all are whole).
void fn_range(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0]) || is_null(a[1]) || is_null(a[2])) return sqlite3_result_null(ctx);
  bool integral =
      sqlite3_value_type(a[0]) == SQLITE_INTEGER && sqlite3_value_type(a[2]) == SQLITE_INTEGER;
  json out = json::array();
  if (integral) {
    int64_t x = sqlite3_value_int64(a[0]), step = sqlite3_value_int64(a[2]);
    double stop = sqlite3_value_double(a[1]);
    if (step == 0) return result_json(ctx, out);
    for (int64_t n = 0; n < 1'000'000 && (step > 0 ? x <= stop : x >= stop); ++n, x += step)
      out.push_back(x);
  } else {
    double x0 = sqlite3_value_double(a[0]), stop = sqlite3_value_double(a[1]),
           step = sqlite3_value_double(a[2]);
    if (step == 0) return result_json(ctx, out);
    for (int64_t n = 0; n < 1'000'000; ++n) {
      double x = x0 + n * step;
      if (step > 0 ? x > stop : x < stop) break;
      out.push_back(x);
    }
  }
  result_json(ctx, out);
}
// kql_range_dt(start, stop, step): range() over datetimes (ticks) with a timespan step, as the
// JSON array of datetime strings a dynamic holds.
void fn_range_dt(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0]) || is_null(a[1]) || is_null(a[2])) return sqlite3_result_null(ctx);
  const int64_t start = sqlite3_value_int64(a[0]), stop = sqlite3_value_int64(a[1]),
                step = sqlite3_value_int64(a[2]);
  json out = json::array();
  if (step != 0)
    for (int64_t n = 0, x = start; n < 1'000'000 && (step > 0 ? x <= stop : x >= stop);
         ++n, x += step)
      out.push_back(format_datetime(x));
  result_json(ctx, out);
}
// tostring(real) as Kusto prints it: shortest round-trip digits, no trailing ".0".
void fn_real_str(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  double v = sqlite3_value_double(a[0]);
  if (std::isnan(v)) return result_text(ctx, "NaN");
  if (std::isinf(v)) return result_text(ctx, v > 0 ? "Infinity" : "-Infinity");
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  result_text(ctx, std::string(buf, r.ptr));
}
// kql_now(): the current time in ticks, used when no --now reference time was given.
// kql_fail_long/_real/_bool(message): fail the query where KQL raises an error.
void fn_fail(sqlite3_context* ctx, int, sqlite3_value** a) {
  sqlite3_result_error(ctx, std::string(text_arg(a[0])).c_str(), -1);
}
void fn_now(sqlite3_context* ctx, int, sqlite3_value**) {
  auto since = std::chrono::system_clock::now().time_since_epoch();
  int64_t ticks = std::chrono::duration_cast<std::chrono::microseconds>(since).count() * 10;
  sqlite3_result_int64(ctx, kUnixEpochTicks + ticks);
}

// reverse(s): the code points in reverse order.
void fn_reverse(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string_view s = text_arg(a[0]);
  std::vector<std::string_view> cps;
  for (size_t i = 0; i < s.size();) {
    size_t start = i++;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    cps.push_back(s.substr(start, i - start));
  }
  std::string out;
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += *it;
  result_text(ctx, out);
}
// strcat_array(arr, delim): the elements as tostring() prints them, joined.
void fn_strcat_array(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j || !j->is_array()) return sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  std::string d(text_arg(a[1])), out;
  bool first = true;
  for (auto& e : *j) {
    if (!first) out += d;
    first = false;
    if (e.is_string())
      out += e.get<std::string>();
    else if (!e.is_null())
      out += e.dump();
  }
  result_text(ctx, out);
}

// make_set aggregate: distinct JSON values in first-seen order, skipping nulls.
void agg_make_set_step(sqlite3_context* ctx, int n, sqlite3_value** a) {
  auto** state = static_cast<json**>(sqlite3_aggregate_context(ctx, sizeof(json*)));
  if (!state) return;
  if (!*state) *state = new json(json::array());
  auto v = json_arg(a[0]);
  if (!v || v->is_null()) return;
  int64_t limit = n > 1 ? sqlite3_value_int64(a[1]) : 1048576;
  if (static_cast<int64_t>((*state)->size()) >= limit) return;
  for (auto& e : **state)
    if (e == *v) return;
  (*state)->push_back(std::move(*v));
}
void agg_make_list_step(sqlite3_context* ctx, int n, sqlite3_value** a) {
  auto** state = static_cast<json**>(sqlite3_aggregate_context(ctx, sizeof(json*)));
  if (!state) return;
  if (!*state) *state = new json(json::array());
  auto v = json_arg(a[0]);
  if (!v || v->is_null()) return;
  int64_t limit = n > 1 ? sqlite3_value_int64(a[1]) : 1048576;
  if (static_cast<int64_t>((*state)->size()) >= limit) return;
  (*state)->push_back(std::move(*v));
}
void agg_json_final(sqlite3_context* ctx) {
  auto** state = static_cast<json**>(sqlite3_aggregate_context(ctx, 0));
  if (!state || !*state) return result_text(ctx, "[]");
  result_text(ctx, (*state)->dump());
  delete *state;
  *state = nullptr;
}

struct Fn {
  const char* name;
  int nargs;
  void (*f)(sqlite3_context*, int, sqlite3_value**);
};

// kql_limit(array, n): the array's first n items. Over its size limit KQL keeps an
// arbitrary n of the values (make_set(x, n)); the first n is one of the results KQL may give.
void fn_limit(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  const sqlite3_int64 n = std::max<sqlite3_int64>(0, sqlite3_value_int64(a[1]));
  if (j && j->is_array() && static_cast<sqlite3_int64>(j->size()) > n) {
    j->erase(j->begin() + n, j->end());
    return result_json(ctx, *j);
  }
  sqlite3_result_value(ctx, a[0]);
}
// kql_exact_up_to(count, n, what): a distinct count while KQL's estimate is exact (n values).
void fn_exact_up_to(sqlite3_context* ctx, int, sqlite3_value** a) {
  const sqlite3_int64 n = sqlite3_value_int64(a[1]);
  if (!is_null(a[0]) && sqlite3_value_int64(a[0]) > n) {
    std::string msg = std::string(text_arg(a[2])) + " counts more than " + std::to_string(n) +
                      " distinct values, where KQL's result is a HyperLogLog estimate";
    return sqlite3_result_error(ctx, msg.c_str(), -1);
  }
  sqlite3_result_value(ctx, a[0]);
}

const Fn kScalars[] = {
    {"kql_contains", 3, fn_contains},
    {"kql_startswith", 3, fn_startswith},
    {"kql_endswith", 3, fn_endswith},
    {"kql_eq_ci", 2, fn_eq_ci},
    {"kql_has", 3, fn_has},
    {"kql_hasprefix", 3, fn_hasprefix},
    {"kql_hassuffix", 3, fn_hassuffix},
    {"kql_tolower", 1, fn_tolower},
    {"kql_toupper", 1, fn_toupper},
    {"kql_strlen", 1, fn_strlen},
    {"kql_dt_str", 1, fn_dt_str},
    {"kql_ts_str", 1, fn_ts_str},
    {"kql_todatetime", 1, fn_todatetime},
    {"kql_totimespan", 1, fn_totimespan},
    {"kql_datepart", 2, fn_datepart},
    {"kql_startof", 3, fn_startof},
    {"kql_endof", 3, fn_endof},
    {"kql_make_datetime", -1, fn_make_datetime},
    {"kql_bin_real", 2, fn_bin_real},
    {"kql_floor", 1, fn_floor},
    {"kql_math", -1, fn_math},
    {"kql_dyn_get", 2, fn_dyn_get},
    {"kql_dyn_at", 2, fn_dyn_get},
    {"kql_dyn_str", 1, fn_dyn_str},
    {"kql_dyn_num", 1, fn_dyn_num},
    {"kql_mv_items", 1, fn_mv_items},
    {"kql_range", 3, fn_range},
    {"kql_range_dt", 3, fn_range_dt},
    {"kql_fail_long", 1, fn_fail},
    {"kql_fail_real", 1, fn_fail},
    {"kql_fail_bool", 1, fn_fail},
    {"kql_real_str", 1, fn_real_str},
    {"kql_reverse", 1, fn_reverse},
    {"kql_strcat_array", 2, fn_strcat_array},
    {"kql_dyn_tostring", 1, fn_dyn_tostring},
    {"kql_dyn_tolong", 1, fn_dyn_tolong},
    {"kql_dyn_toreal", 1, fn_dyn_toreal},
    {"kql_dyn_tobool", 1, fn_dyn_tobool},
    {"kql_dyn_todatetime", 1, fn_dyn_todatetime},
    {"kql_dyn_totimespan", 1, fn_dyn_totimespan},
    {"kql_dyn_eq", 2, fn_dyn_eq},
    {"kql_parse_json", 1, fn_parse_json},
    {"kql_array_length", 1, fn_array_length},
    {"kql_array_contains", 2, fn_array_contains},
    {"kql_split", 2, fn_split},
    {"kql_limit", 2, fn_limit},
    {"kql_exact_up_to", 3, fn_exact_up_to},
};

}  // namespace

bool register_kql_functions(sqlite3* db) {
  for (const Fn& f : kScalars) {
    if (sqlite3_create_function_v2(db, f.name, f.nargs, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                   f.f, nullptr, nullptr, nullptr) != SQLITE_OK)
      return false;
  }
  // The function families (backend/sql/functions/families.h), one per line.
  using Family = std::span<const SqliteScalar> (*)();
  static constexpr Family kFamilies[] = {
      sqlite_string_functions,       // sqlite_fn_strings.cpp
      sqlite_ip_functions,           // sqlite_fn_ip.cpp
      sqlite_dynamic_functions,      // sqlite_fn_dynamic.cpp
      sqlite_series_functions,       // sqlite_fn_series.cpp
      sqlite_math_functions,         // sqlite_fn_math.cpp
      sqlite_parse_functions,        // sqlite_fn_parse.cpp
      sqlite_geo_sphere_functions,   // sqlite_fn_geo_sphere.cpp
      sqlite_geo_shapes_functions,   // sqlite_fn_geo_shapes.cpp
      sqlite_geo_s2_functions,       // sqlite_fn_geo_s2.cpp
      sqlite_geo_geohash_functions,  // sqlite_fn_geo_geohash.cpp
      sqlite_punycode_functions,     // sqlite_fn_punycode.cpp
      sqlite_geo_lines_functions,    // sqlite_fn_geo_lines.cpp
  };
  for (Family family : kFamilies)
    for (const SqliteScalar& f : family())
      if (sqlite3_create_function_v2(db, f.name, f.nargs, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                     nullptr, f.fn, nullptr, nullptr, nullptr) != SQLITE_OK)
        return false;
  auto* cache = new RegexCache;
  auto destroy = [](void* p) { delete static_cast<RegexCache*>(p); };
  // The cache is owned by the first function; the others share it without a destructor.
  // kql_now is not deterministic: registered without SQLITE_DETERMINISTIC.
  if (sqlite3_create_function_v2(db, "kql_now", 0, SQLITE_UTF8, nullptr, fn_now, nullptr, nullptr,
                                 nullptr) != SQLITE_OK)
    return false;
  if (sqlite3_create_function_v2(db, "kql_regex_match", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                 cache, fn_regex_match, nullptr, nullptr, destroy) != SQLITE_OK)
    return false;
  if (sqlite3_create_function_v2(db, "kql_extract", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, cache,
                                 fn_extract, nullptr, nullptr, nullptr) != SQLITE_OK ||
      sqlite3_create_function_v2(db, "kql_replace_regex", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                 cache, fn_replace_regex, nullptr, nullptr, nullptr) != SQLITE_OK)
    return false;
  for (int n : {1, 2}) {
    if (sqlite3_create_function_v2(db, "kql_make_set", n, SQLITE_UTF8, nullptr, nullptr,
                                   agg_make_set_step, agg_json_final, nullptr) != SQLITE_OK ||
        sqlite3_create_function_v2(db, "kql_make_list", n, SQLITE_UTF8, nullptr, nullptr,
                                   agg_make_list_step, agg_json_final, nullptr) != SQLITE_OK)
      return false;
  }
  for (const SqliteAggregate& g : sqlite_math_aggregates())
    if (sqlite3_create_function_v2(db, g.name, g.nargs, SQLITE_UTF8, nullptr, nullptr, g.step,
                                   g.final, nullptr) != SQLITE_OK)
      return false;
  return true;
}

}  // namespace kql::run
