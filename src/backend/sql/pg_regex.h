#pragma once
// Kusto's regular expressions are RE2; PostgreSQL's are its own "advanced" (ARE) dialect. The
// two agree on much of the syntax but not on the meaning: `.` matches a newline in an ARE,
// `\b` is a backspace there, `\w` and `[[:alpha:]]` follow the server's locale, an ARE accepts
// embedded options only at its start, and where a match starts and what its groups capture
// follow POSIX's leftmost-longest rule rather than RE2's leftmost-first. (SQLite runs RE2
// itself, so only PostgreSQL needs this.)
#include <optional>
#include <string>
#include <string_view>

namespace kql::sql {

// The ARE that matches exactly the strings the RE2 pattern `re2` matches, or nullopt with
// `why` set when the pattern uses what has no exact ARE form. With `positions`, the pattern
// must also match at the same places and capture the same groups (extract, replace_regex,
// ...): it then may not hold alternation, optional or lazy quantifiers, or a repeated atom
// that the next one could continue (RE2 and PostgreSQL would split the text differently).
std::optional<std::string> re2_to_postgres(std::string_view re2, bool positions, std::string& why);

}  // namespace kql::sql
