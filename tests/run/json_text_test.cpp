// extract_json / extractjson over JSON text on SQLite and PostgreSQL: the reference's example,
// the shapes MDE rules use on AdditionalFields, and the cases the reference leaves open (which
// fail the query) or that are not translated.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;

TEST_CASE("extract_json: the reference's example and typed extraction") {
  expect_rows(R"(let json = '{"name": "John", "age": 30, "city": "New York"}';
print extract_json("$.name", json, typeof(string)))",
              R"([["John"]])");
  expect_rows(
      R"(let json = '{"name": "John", "age": 30, "a": {"b": [1, "2", 2.5, true, "2024-01-02"]}}';
print b = extract_json("$.age", json, typeof(long)), e = extract_json("$.a.b[1]", json, typeof(int)),
      f = extract_json("$['a']['b'][2]", json, typeof(real)), g = extract_json("$.a.b[3]", json, typeof(bool)),
      h = extract_json('$.a["b"][4]', json, typeof(datetime)), i = extract_json("$.a.b[0]", json, typeof(real)))",
      R"([[30, 2, 2.5, true, "2024-01-02T00:00:00.0000000Z", 1.0]])");
}

TEST_CASE("extract_json: a missing element is empty, or null for other types") {
  expect_rows(R"(let json = '{"a": {"b": [1]}}';
print c = extractjson("$.missing", json), d = extract_json("$.missing", json, typeof(long)),
      e = extract_json("$.a.b[5]", json, typeof(real)), f = extract_json("$.a.b.c", json))",
              R"([["", null, null, ""]])");
}

TEST_CASE("extract_json on MDE AdditionalFields") {
  expect_rows(
      R"(DeviceEvents
| where ActionType == "PowerShellCommand"
| project Command = extractjson("$.Command", AdditionalFields, typeof(string)))",
      R"([["Invoke-WebRequest"], [""]])",
      {jsonl(
          "DeviceEvents",
          R"({"ActionType":"PowerShellCommand","AdditionalFields":"{\"Command\":\"Invoke-WebRequest\"}"}
{"ActionType":"PowerShellCommand","AdditionalFields":"{}"}
)")});
}

TEST_CASE("extract_json: what the reference leaves open fails the query") {
  // The text Kusto extracts for a number, bool, null, object or array when a string is wanted.
  expect_fails(R"(print extract_json("$.n", '{"n": 30}'))", "not documented");
  expect_fails(R"(print extract_json("$.o", '{"o": {"x": 1}}', typeof(string)))", "not documented");
  expect_fails(R"(print extract_json("$.n", '{"n": null}'))", "not documented");
  // A number with a fraction or an exponent as a long.
  expect_fails(R"(print extract_json("$.n", '{"n": 2.5}', typeof(long)))", "not documented");
  expect_fails(R"(print extract_json("$.n", '{"n": 1e2}', typeof(long)))", "not documented");
  // A key twice in one object: SQLite would read the first, PostgreSQL the last.
  expect_fails(R"(print extract_json("$.a", '{"a": 1, "a": 2}', typeof(long)))", "more than once");
  // Text that is not JSON.
  expect_fails(R"(print extract_json("$.n", 'not json'))");
}

TEST_CASE("extract_json: paths and types that are not translated") {
  expect_rejected(R"(print extract_json("$..name", '{}'))", "unsupported-function", "JSONPath");
  expect_rejected(R"(print extract_json("$.a[*]", '{}'))", "unsupported-function", "JSONPath");
  expect_rejected(R"(let p = "$.a"; print extract_json(p, '{}'))", "unsupported-function",
                  "literal");
  expect_rejected(R"(print extract_json("$.a", '{}', typeof(dynamic)))", "unsupported-function",
                  "dynamic");
}
