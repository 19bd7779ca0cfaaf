#pragma once
// KQL datetime and timespan values as 100 ns ticks (datetimes count from 0001-01-01T00:00:00Z,
// as Kusto and .NET do), with parsing of the text forms KQL accepts and formatting in Kusto's
// canonical output forms.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kql::sql {

inline constexpr int64_t kTicksPerSecond = 10'000'000;
inline constexpr int64_t kTicksPerDay = 86'400 * kTicksPerSecond;
// Ticks at 1970-01-01T00:00:00Z.
inline constexpr int64_t kUnixEpochTicks = 621'355'968'000'000'000;

// ISO 8601 forms as KQL's datetime() accepts them: `2023-01-01`, `2023-01-01 10:20`,
// `2023-01-01T10:20:30.1234567Z`, with an optional `Z` or `+hh:mm` offset (converted to UTC).
// Returns nullopt for anything else rather than guessing.
std::optional<int64_t> parse_datetime(std::string_view text);

// `[-][d.]hh:mm[:ss[.fffffff]]`, as Kusto prints timespans and as they appear in event data.
std::optional<int64_t> parse_timespan(std::string_view text);

// "2023-01-01T00:00:00.0000000Z" (always seven fraction digits).
std::string format_datetime(int64_t ticks);
// "[-][d.]hh:mm:ss[.fffffff]": the fraction only when non-zero, days only when non-zero.
std::string format_timespan(int64_t ticks);

// Calendar helpers shared by the SQLite functions.
struct CivilTime {
  int64_t year, month, day, hour, minute, second, fraction;  // fraction in ticks
};
CivilTime to_civil(int64_t ticks);
int64_t from_civil(int64_t year, int64_t month, int64_t day);  // ticks at midnight
int64_t days_from_civil(int64_t y, int64_t m, int64_t d);      // days since 0001-01-01

}  // namespace kql::sql
