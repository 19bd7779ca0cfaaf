#include "backend/sql/ticks.h"

#include <cctype>
#include <cstdio>

namespace kql::sql {

// Howard Hinnant's days_from_civil, shifted so that day 0 is 0001-01-01.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days_since_1970 = era * 146097 + doe - 719468;
  return days_since_1970 + 719162;
}

int64_t from_civil(int64_t year, int64_t month, int64_t day) {
  return days_from_civil(year, month, day) * kTicksPerDay;
}

CivilTime to_civil(int64_t ticks) {
  int64_t days = ticks / kTicksPerDay;
  int64_t rem = ticks % kTicksPerDay;
  if (rem < 0) {
    rem += kTicksPerDay;
    --days;
  }
  const int64_t z = days - 719162 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  CivilTime c{};
  c.year = y;
  c.month = m;
  c.day = d;
  c.hour = rem / (3600 * kTicksPerSecond);
  rem %= 3600 * kTicksPerSecond;
  c.minute = rem / (60 * kTicksPerSecond);
  rem %= 60 * kTicksPerSecond;
  c.second = rem / kTicksPerSecond;
  c.fraction = rem % kTicksPerSecond;
  return c;
}

namespace {

struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  // Exactly n digits (n == 0: one or more).
  std::optional<int64_t> digits(size_t min, size_t max) {
    size_t start = i;
    int64_t v = 0;
    while (!done() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < max) {
      v = v * 10 + (s[i] - '0');
      ++i;
    }
    if (i - start < min) return std::nullopt;
    return v;
  }
  // A fraction after the '.', up to 7 digits significant, returned in ticks; extra digits are
  // accepted only when they are zeros (anything else would need rounding).
  std::optional<int64_t> fraction() {
    size_t start = i;
    int64_t v = 0;
    size_t n = 0;
    while (!done() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (n < 7) {
        v = v * 10 + (s[i] - '0');
      } else if (s[i] != '0') {
        return std::nullopt;
      }
      ++n;
      ++i;
    }
    if (i == start) return std::nullopt;
    for (; n < 7; ++n) v *= 10;
    return v;
  }
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

int days_in_month(int64_t y, int64_t m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<int64_t> parse_datetime(std::string_view text) {
  Cursor c{trim(text)};
  auto y = c.digits(4, 4);
  if (!y || !c.eat('-')) return std::nullopt;
  auto mo = c.digits(1, 2);
  if (!mo || !c.eat('-')) return std::nullopt;
  auto d = c.digits(1, 2);
  if (!d || *mo < 1 || *mo > 12 || *d < 1 || *d > days_in_month(*y, *mo) || *y < 1)
    return std::nullopt;
  int64_t ticks = from_civil(*y, *mo, *d);
  if (c.done()) return ticks;
  if (!c.eat('T') && !c.eat(' ')) return std::nullopt;
  auto h = c.digits(1, 2);
  if (!h || !c.eat(':')) return std::nullopt;
  auto mi = c.digits(2, 2);
  if (!mi || *h > 23 || *mi > 59) return std::nullopt;
  int64_t sec = 0, frac = 0;
  if (c.eat(':')) {
    auto s = c.digits(2, 2);
    if (!s || *s > 59) return std::nullopt;
    sec = *s;
    if (c.eat('.')) {
      auto f = c.fraction();
      if (!f) return std::nullopt;
      frac = *f;
    }
  }
  ticks += ((*h * 60 + *mi) * 60 + sec) * kTicksPerSecond + frac;
  if (c.done() || c.eat('Z')) return c.done() ? std::optional<int64_t>(ticks) : std::nullopt;
  char sign = c.peek();
  if (sign != '+' && sign != '-') return std::nullopt;
  ++c.i;
  auto oh = c.digits(2, 2);
  if (!oh) return std::nullopt;
  c.eat(':');
  auto om = c.digits(2, 2);
  if (!om || !c.done()) return std::nullopt;
  int64_t offset = (*oh * 60 + *om) * 60 * kTicksPerSecond;
  return sign == '+' ? ticks - offset : ticks + offset;
}

std::optional<int64_t> parse_timespan(std::string_view text) {
  Cursor c{trim(text)};
  bool negative = c.eat('-');
  auto first = c.digits(1, 9);
  if (!first) return std::nullopt;
  int64_t days = 0, hours = 0;
  if (c.eat('.')) {
    days = *first;
    auto h = c.digits(1, 2);
    if (!h) return std::nullopt;
    hours = *h;
  } else {
    hours = *first;
  }
  if (!c.eat(':')) return std::nullopt;
  auto mi = c.digits(2, 2);
  if (!mi || hours > 23 || *mi > 59) return std::nullopt;
  int64_t sec = 0, frac = 0;
  if (c.eat(':')) {
    auto s = c.digits(2, 2);
    if (!s || *s > 59) return std::nullopt;
    sec = *s;
    if (c.eat('.')) {
      auto f = c.fraction();
      if (!f) return std::nullopt;
      frac = *f;
    }
  }
  if (!c.done()) return std::nullopt;
  int64_t ticks = (((days * 24 + hours) * 60 + *mi) * 60 + sec) * kTicksPerSecond + frac;
  return negative ? -ticks : ticks;
}

std::string format_datetime(int64_t ticks) {
  CivilTime t = to_civil(ticks);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%07lldZ",
                (long long)t.year, (long long)t.month, (long long)t.day, (long long)t.hour,
                (long long)t.minute, (long long)t.second, (long long)t.fraction);
  return buf;
}

std::string format_timespan(int64_t ticks) {
  std::string out;
  uint64_t v;
  if (ticks < 0) {
    out += '-';
    v = static_cast<uint64_t>(-(ticks + 1)) + 1;  // no overflow at INT64_MIN
  } else {
    v = static_cast<uint64_t>(ticks);
  }
  const uint64_t tps = kTicksPerSecond;
  uint64_t days = v / (86400 * tps);
  uint64_t rem = v % (86400 * tps);
  char buf[64];
  if (days) {
    std::snprintf(buf, sizeof buf, "%llu.", (unsigned long long)days);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "%02llu:%02llu:%02llu", (unsigned long long)(rem / (3600 * tps)),
                (unsigned long long)(rem / (60 * tps) % 60), (unsigned long long)(rem / tps % 60));
  out += buf;
  if (rem % tps) {
    std::snprintf(buf, sizeof buf, ".%07llu", (unsigned long long)(rem % tps));
    out += buf;
  }
  return out;
}

}  // namespace kql::sql
