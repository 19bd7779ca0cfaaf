// Glob semantics for per-file-ignores and detections.
#include "config/glob.h"

#include <doctest/doctest.h>

#include <string>

using kql::glob_match;

TEST_CASE("'*' and '?' stay within one path segment") {
  CHECK(glob_match("rules/*.kql", "rules/a.kql"));
  CHECK_FALSE(glob_match("rules/*.kql", "rules/sub/a.kql"));
  CHECK(glob_match("rules/?.kql", "rules/a.kql"));
  CHECK_FALSE(glob_match("rules/?.kql", "rules/ab.kql"));
  CHECK(glob_match("rules/a*b*c.kql", "rules/aXbYbZc.kql"));
  CHECK_FALSE(glob_match("rules/a*b*c.kql", "rules/aXbYbZ.kql"));
  CHECK(glob_match("rules/?.kql", "rules/é.kql"));  // one code point, two bytes
}

TEST_CASE("'**' spans any number of segments, also none") {
  CHECK(glob_match("detections/**/*.yaml", "detections/a.yaml"));
  CHECK(glob_match("detections/**/*.yaml", "detections/x/y/z/a.yaml"));
  CHECK_FALSE(glob_match("detections/**/*.yaml", "hunting/x/a.yaml"));
  CHECK(glob_match("legacy/**", "legacy/a.kql"));
  CHECK(glob_match("legacy/**", "legacy/deep/er/a.kql"));
  CHECK(glob_match("**/tests/*.kql", "tests/a.kql"));
  CHECK(glob_match("**/tests/*.kql", "x/y/tests/a.kql"));
  CHECK(glob_match("a/**/b/**/c.kql", "a/1/b/2/3/c.kql"));
  CHECK_FALSE(glob_match("a/**/b/**/c.kql", "a/1/2/3/c.kql"));
}

TEST_CASE("a pattern without '/' matches a segment at any depth") {
  CHECK(glob_match("*.md", "README.md"));
  CHECK(glob_match("*.md", "docs/hunting/README.md"));
  CHECK(glob_match("legacy", "rules/legacy/old.kql"));
  CHECK_FALSE(glob_match("*.md", "docs/a.kql"));
}

TEST_CASE("a pattern with '/' is anchored and also matches the directories above a file") {
  CHECK(glob_match("rules/legacy", "rules/legacy/old.kql"));
  CHECK(glob_match("rules/legacy/", "rules/legacy/old.kql"));
  CHECK_FALSE(glob_match("rules/legacy", "other/rules/legacy/old.kql"));
  CHECK(glob_match("./rules/*.kql", "rules/a.kql"));
  CHECK_FALSE(glob_match("rules/leg", "rules/legacy/old.kql"));
}

TEST_CASE("character classes, negation, ranges and escapes") {
  CHECK(glob_match("q[0-9].kql", "q7.kql"));
  CHECK_FALSE(glob_match("q[0-9].kql", "qx.kql"));
  CHECK(glob_match("q[!0-9].kql", "qx.kql"));
  CHECK(glob_match("q[ab].kql", "qb.kql"));
  CHECK(glob_match("q\\*.kql", "q*.kql"));
  CHECK_FALSE(glob_match("q\\*.kql", "qq.kql"));
  CHECK(glob_match("q[.kql", "q[.kql"));  // an unclosed '[' is literal
}

TEST_CASE("many stars on a long name finish quickly") {
  std::string name(200, 'a');
  CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*b", name));
  CHECK(glob_match("**/**/**/**/x", "a/b/c/d/e/f/g/x"));
}
