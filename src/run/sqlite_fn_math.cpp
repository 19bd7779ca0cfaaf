// SQLite side of function family 'math' (backend/sql/functions/math.cpp translates the calls and
// holds the PostgreSQL twins). The aggregates use the same floating-point steps, in the same
// order, as their PostgreSQL definitions, so both databases compute the same doubles.
#include <cmath>
#include <cstdint>
#include <string>

#include "backend/sql/ticks.h"
#include "run/sqlite_value.h"

namespace kql::run {

namespace {

using namespace kql::sql;

constexpr int64_t kMaxDateTimeTicks = 3'155'378'975'999'999'999;

int64_t days_in_month(int64_t y, int64_t m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// kql_make_timespan(day, hour, minute, second): see math.cpp; the same steps as its PostgreSQL
// twin (floor(x + 0.5), not llround, whose ties PostgreSQL's round() may break to even).
void fn_make_timespan(sqlite3_context* ctx, int, sqlite3_value** a) {
  for (int i = 0; i < 4; ++i)
    if (is_null(a[i])) return sqlite3_result_null(ctx);
  int64_t d = sqlite3_value_int64(a[0]), h = sqlite3_value_int64(a[1]),
          mi = sqlite3_value_int64(a[2]);
  double s = sqlite3_value_double(a[3]);
  if (d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || !(s >= 0 && s < 60))
    return sqlite3_result_error(ctx,
                                "make_timespan: a part outside day >= 0, hour 0-23, minute 0-59, "
                                "second 0-59.9999999",
                                -1);
  double x = s * kTicksPerSecond, r = std::floor(x + 0.5);
  if (std::fabs(x - r) > 0.0001)
    return sqlite3_result_error(ctx, "make_timespan: seconds finer than a tick (100 ns)", -1);
  sqlite3_result_int64(
      ctx, d * 864'000'000'000 + h * 36'000'000'000 + mi * 600'000'000 + static_cast<int64_t>(r));
}

// kql_datetime_add(part, amount, ticks): see math.cpp.
void fn_datetime_add(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[1]) || is_null(a[2])) return sqlite3_result_null(ctx);
  std::string_view part = text_arg(a[0]);
  int64_t n = sqlite3_value_int64(a[1]), t = sqlite3_value_int64(a[2]);
  int64_t months = part == "year" ? 12 : part == "quarter" ? 3 : part == "month" ? 1 : 0;
  if (months) {
    if (n > 1'000'000 || n < -1'000'000) return sqlite3_result_null(ctx);
    CivilTime c = to_civil(t);
    int64_t tod = t - from_civil(c.year, c.month, c.day);
    int64_t total = c.year * 12 + (c.month - 1) + n * months;
    if (total < 12 || total >= 10000 * 12) return sqlite3_result_null(ctx);
    int64_t y = total / 12, m = total % 12 + 1;
    int64_t d = std::min(c.day, days_in_month(y, m));
    return sqlite3_result_int64(ctx, from_civil(y, m, d) + tod);
  }
  int64_t k = part == "week"          ? 7 * kTicksPerDay
              : part == "day"         ? kTicksPerDay
              : part == "hour"        ? 3600 * kTicksPerSecond
              : part == "minute"      ? 60 * kTicksPerSecond
              : part == "second"      ? kTicksPerSecond
              : part == "millisecond" ? 10'000
              : part == "microsecond" ? 10
                                      : 0;
  if (!k) return sqlite3_result_error(ctx, "kql_datetime_add: unknown period", -1);
  __int128 r = static_cast<__int128>(t) + static_cast<__int128>(n) * k;
  if (r < 0 || r > kMaxDateTimeTicks) return sqlite3_result_null(ctx);
  sqlite3_result_int64(ctx, static_cast<int64_t>(r));
}

// ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday), as
// PostgreSQL's extract(week ...).
int64_t iso_weeks_in_year(int64_t y) {
  auto p = [](int64_t x) { return (x + x / 4 - x / 100 + x / 400) % 7; };
  return p(y) == 4 || p(y - 1) == 3 ? 53 : 52;
}
void fn_iso_week(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_null(ctx);
  CivilTime c = to_civil(sqlite3_value_int64(a[0]));
  int64_t days = days_from_civil(c.year, c.month, c.day);
  int64_t iso_dow = days % 7 + 1;  // 0001-01-01 was a Monday
  int64_t doy = days - days_from_civil(c.year, 1, 1) + 1;
  int64_t w = (doy - iso_dow + 10) / 7;
  if (w < 1)
    w = iso_weeks_in_year(c.year - 1);
  else if (w > iso_weeks_in_year(c.year))
    w = 1;
  sqlite3_result_int64(ctx, w);
}

// kql_nonneg_ts(ticks, fn): the timespan, or an error when it is negative.
void fn_nonneg_ts(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_null(ctx);
  int64_t t = sqlite3_value_int64(a[0]);
  if (t < 0) {
    std::string msg =
        std::string(text_arg(a[1])) + ": a negative timespan's format is not documented";
    return sqlite3_result_error(ctx, msg.c_str(), -1);
  }
  sqlite3_result_int64(ctx, t);
}

// ----- aggregates ----------------------------------------------------------------------------

// Variance by Welford's update, step for step as pg_temp.kql_var_step.
struct VarState {
  double n, mean, m2;
};
void var_step(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto* s = static_cast<VarState*>(sqlite3_aggregate_context(ctx, sizeof(VarState)));
  if (!s || is_null(a[0])) return;
  double x = sqlite3_value_double(a[0]);
  double n = s->n + 1;
  double d = x - s->mean;
  double m = s->mean + d / n;
  s->m2 = s->m2 + d * (x - m);
  s->mean = m;
  s->n = n;
}
void var_final(sqlite3_context* ctx, bool sample, bool root, const char* fn) {
  auto* s = static_cast<VarState*>(sqlite3_aggregate_context(ctx, 0));
  double n = s ? s->n : 0;
  if (n < (sample ? 2 : 1)) {
    std::string msg = std::string(fn) + "() of " + std::to_string(static_cast<int64_t>(n)) +
                      " values: KQL's result is not reproduced";
    return sqlite3_result_error(ctx, msg.c_str(), -1);
  }
  double v = s->m2 / (sample ? n - 1 : n);
  sqlite3_result_double(ctx, root ? std::sqrt(v) : v);
}
void variance_final(sqlite3_context* ctx) { var_final(ctx, true, false, "variance"); }
void variancep_final(sqlite3_context* ctx) { var_final(ctx, false, false, "variancep"); }
void stdev_final(sqlite3_context* ctx) { var_final(ctx, true, true, "stdev"); }
void stdevp_final(sqlite3_context* ctx) { var_final(ctx, false, true, "stdevp"); }

// Covariance by the co-moment update of pg_temp.kql_covar_step.
struct CovarState {
  double n, mx, my, c;
};
void covar_step(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto* s = static_cast<CovarState*>(sqlite3_aggregate_context(ctx, sizeof(CovarState)));
  if (!s || is_null(a[0]) || is_null(a[1])) return;
  double x = sqlite3_value_double(a[0]), y = sqlite3_value_double(a[1]);
  double n = s->n + 1;
  double dx = x - s->mx;
  double mx = s->mx + dx / n;
  double my = s->my + (y - s->my) / n;
  s->c = s->c + dx * (y - my);
  s->mx = mx;
  s->my = my;
  s->n = n;
}
void covar_final(sqlite3_context* ctx, bool sample, const char* fn) {
  auto* s = static_cast<CovarState*>(sqlite3_aggregate_context(ctx, 0));
  double n = s ? s->n : 0;
  if (n < (sample ? 2 : 1)) {
    std::string msg = std::string(fn) + "() of " + std::to_string(static_cast<int64_t>(n)) +
                      " pairs: KQL's result is not reproduced";
    return sqlite3_result_error(ctx, msg.c_str(), -1);
  }
  sqlite3_result_double(ctx, s->c / (sample ? n - 1 : n));
}
void covariance_final(sqlite3_context* ctx) { covar_final(ctx, true, "covariance"); }
void covariancep_final(sqlite3_context* ctx) { covar_final(ctx, false, "covariancep"); }

// binary_all_and/or/xor: nulls skipped, null when there is no value (as PostgreSQL's bit_and).
struct BitState {
  int64_t v;
  bool any;
};
template <int Op>
void bits_step(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto* s = static_cast<BitState*>(sqlite3_aggregate_context(ctx, sizeof(BitState)));
  if (!s || is_null(a[0])) return;
  int64_t x = sqlite3_value_int64(a[0]);
  if (!s->any)
    s->v = x;
  else
    s->v = Op == 0 ? (s->v & x) : Op == 1 ? (s->v | x) : (s->v ^ x);
  s->any = true;
}
void bits_final(sqlite3_context* ctx) {
  auto* s = static_cast<BitState*>(sqlite3_aggregate_context(ctx, 0));
  if (!s || !s->any) return sqlite3_result_null(ctx);
  sqlite3_result_int64(ctx, s->v);
}

// make_bag: the union of the property bags; a key seen again keeps its first value (KQL picks an
// arbitrary one); values that are not property bags are skipped.
void bag_step(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto** state =
      static_cast<nlohmann::json**>(sqlite3_aggregate_context(ctx, sizeof(nlohmann::json*)));
  if (!state) return;
  if (!*state) *state = new nlohmann::json(nlohmann::json::object());
  auto v = json_arg(a[0]);
  if (!v || !v->is_object()) return;
  for (auto& [k, x] : v->items())
    if (!(*state)->contains(k)) (**state)[k] = x;
}
void bag_final(sqlite3_context* ctx) {
  auto** state = static_cast<nlohmann::json**>(sqlite3_aggregate_context(ctx, 0));
  if (!state || !*state) return result_text(ctx, "{}");
  result_text(ctx, (*state)->dump());
  delete *state;
  *state = nullptr;
}

}  // namespace

std::span<const SqliteScalar> sqlite_math_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_datetime_add", 3, fn_datetime_add},
      {"kql_make_timespan", 4, fn_make_timespan},
      {"kql_iso_week", 1, fn_iso_week},
      {"kql_nonneg_ts", 2, fn_nonneg_ts},
  };
  return kFunctions;
}

std::span<const SqliteAggregate> sqlite_math_aggregates() {
  static const SqliteAggregate kAggregates[] = {
      {"kql_variance", 1, var_step, variance_final},
      {"kql_variancep", 1, var_step, variancep_final},
      {"kql_stdev", 1, var_step, stdev_final},
      {"kql_stdevp", 1, var_step, stdevp_final},
      {"kql_covariance", 2, covar_step, covariance_final},
      {"kql_covariancep", 2, covar_step, covariancep_final},
      {"kql_binary_all_and", 1, bits_step<0>, bits_final},
      {"kql_binary_all_or", 1, bits_step<1>, bits_final},
      {"kql_binary_all_xor", 1, bits_step<2>, bits_final},
      {"kql_make_bag", 1, bag_step, bag_final},
  };
  return kAggregates;
}

}  // namespace kql::run
