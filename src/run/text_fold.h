#pragma once
// Case folding and term matching with KQL's semantics, shared by the SQLite functions.
//
// KQL's case-insensitive operators compare with ordinal-ignore-case: each UTF-16 unit is
// upper-cased with the invariant culture's simple mapping, no normalisation, no multi-character
// expansions (so "ß" never equals "SS"). fold_case() reproduces that for ASCII, Latin-1,
// Latin Extended-A, Greek and Cyrillic; other scripts compare exactly, as ordinal does.
#include <string>
#include <string_view>

namespace kql::run {

// Upper-cases every code point that has a simple one-to-one mapping in the ranges above.
std::string fold_case(std::string_view utf8);

std::string to_lower(std::string_view utf8);
std::string to_upper(std::string_view utf8);
// True when `utf8` holds a letter of a script with case that the functions above leave as it
// is (Latin Extended-B, accented Greek, Armenian, fullwidth Latin...): Kusto would map it, so
// case-insensitive operations on such text fail rather than compare it exactly.
bool has_unmapped_cased(std::string_view utf8);

// KQL `has`: `term` occurs in `text` and is not part of a longer term, i.e. where `term`
// begins (ends) with a term character, the character before (after) the match is not one.
// Term characters are letters and digits (any non-ASCII code point counts as a letter).
bool has_term(std::string_view text, std::string_view term, bool case_sensitive);
// hasprefix / hassuffix: a term of `text` begins (ends) with `term`.
bool has_prefix_term(std::string_view text, std::string_view term, bool case_sensitive);
bool has_suffix_term(std::string_view text, std::string_view term, bool case_sensitive);

// Number of Unicode code points (KQL strlen counts characters, not bytes).
long long count_code_points(std::string_view utf8);

}  // namespace kql::run
