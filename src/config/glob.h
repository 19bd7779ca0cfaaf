#pragma once
// Path globs for per-file ignores and detection lists, matched against a path relative to the
// config file's directory, with '/' separators:
//   *      any run of characters within one path segment
//   ?      one character (code point) within a segment
//   [abc] [a-z] [!a-z]   one character from (or not from) a set
//   **     as a whole segment: any number of segments, also none ("rules/**/*.kql")
//   \x     x literally
// A pattern without '/' matches any single segment, so "*.yaml" matches YAML files at any
// depth and "legacy" everything under any directory named legacy. A pattern with '/' is
// anchored at the config's directory and matches a path or any directory above it, so
// "rules/legacy" covers "rules/legacy/old.kql".
#include <string_view>

namespace kql {

bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace kql
