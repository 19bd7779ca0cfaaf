// String, encoding, hashing and unicode functions (family 'strings') on SQLite and PostgreSQL.
// The rows are Microsoft's docs examples; functions whose exact behaviour is not documented
// (or that PostgreSQL cannot compute) must be refused at translation.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;
using kql::run::Engine;

TEST_CASE("base64 encoding and decoding") {
  expect_rows(R"Q(print Quine=base64_decode_tostring("S3VzdG8="), e=base64_encode_tostring("Kusto"),
                    arr=base64_decode_toarray("S3VzdG8="),
                    back=base64_encode_fromarray(base64_decode_toarray("S3VzdG8=")))Q",
              R"({"rows": [["Kusto", "S3VzdG8=", [75,117,115,116,111], "S3VzdG8="]]})");
  // Bytes that are not UTF-8 decode to null (the docs' example); text that is not base64
  // (no padding) decodes to nothing, so re-encoding gives the empty string (docs).
  expect_rows(R"Q(print a=base64_decode_tostring("U3RyaW5n0KHR0tGA0L7Rh9C60LA="),
                    b=base64_encode_fromarray(base64_decode_toarray("U3RyaW5n0KHR0tGA0L7Rh9C60LA")),
                    c=base64_encode_tostring("Строчка"))Q",
              R"({"rows": [["", "", "0KHRgtGA0L7Rh9C60LA="]]})");
}

TEST_CASE("hash_md5, hash_sha256, hash and hash_xxhash64") {
  expect_rows(R"Q(print h1=hash_md5("World"), h2=hash_md5(datetime(2020-01-01)),
                    s1=hash_sha256("World"), s2=hash_sha256(datetime(2020-01-01)))Q",
              R"({"rows": [["f5a7924e621e84c9280a9a27e1bcb7f6", "786c530672d1f8db31fee25ea8a9390b",
               "78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524",
               "ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d"]]})");
  // Two 64-byte blocks (reference values from md5sum / sha256sum).
  expect_rows(
      R"Q(print m=hash_md5("The quick brown fox jumps over the lazy dog and keeps running far beyond the second block"),
                s=hash_sha256("The quick brown fox jumps over the lazy dog and keeps running far beyond the second block"))Q",
      R"({"rows": [["504e8cb5d0d6d1222413babeabd5606c",
                    "7a05de2108ae5783ad2919eb42cfb2a057565277dd0516c0953a714233afb473"]]})");
  // docs: hash("World"), hash("Hello") (hash_combine page), mod 100, a datetime; the long
  // string exercises xxHash64's 32-byte stripes (value from the reference algorithm).
  expect_rows(
      R"Q(print a=hash("World"), b=hash_xxhash64("World", 100), c=hash_xxhash64(datetime("2015-01-01")),
                    d=hash("Hello"), e=hash("The quick brown fox jumps over the lazy dog, twice or more"))Q",
      R"({"rows": [[1846988464401551951, 51, 1380966698541616202, 753694413698530628,
               3449057856527891829]]})");
  // hash("a") is negative: its value modulo 10 is not documented, so the query fails.
  expect_rows(R"Q(print h=hash("a"))Q", R"({"rows": [[-3292477735350538661]]})");
  expect_fails(R"Q(print h=hash("a", 10))Q");
}

TEST_CASE("strcmp, string_size, tohex and toguid") {
  expect_rows(
      R"Q(datatable(string1:string, string2:string) ["ABC","ABC", "abc","ABC", "ABC","abc", "abcde","abc"]
                | extend result = strcmp(string1,string2))Q",
      R"({"rows": [["ABC","ABC",0], ["abc","ABC",1], ["ABC","abc",-1], ["abcde","abc",1]]})");
  expect_rows(R"Q(print size = string_size("hello"), s2 = string_size("⒦⒰⒮⒯⒪"))Q",
              R"({"rows": [[5, 15]]})");
  expect_rows(
      R"Q(print a=tohex(256), b=tohex(-256), c=tohex(toint(-256), 8), d=tohex(256, 8), e=tohex(256, 2))Q",
      R"({"rows": [["100", "ffffffffffffff00", "ffffff00", "00000100", "100"]]})");
  expect_rows(
      R"Q(datatable(str: string) ["0123456789abcdef0123456789abcdef",
                "0123456789ab-cdef-0123-456789abcdef", "a string that is not a guid"]
                | extend guid = toguid(str))Q",
      R"({"rows": [["0123456789abcdef0123456789abcdef", "01234567-89ab-cdef-0123-456789abcdef"],
               ["0123456789ab-cdef-0123-456789abcdef", "01234567-89ab-cdef-0123-456789abcdef"],
               ["a string that is not a guid", ""]]})");
}

TEST_CASE("indexof and indexof_regex") {
  expect_rows(R"Q(print
 idx1 = indexof("abcdefg","cde"), idx2 = indexof("abcdefg","cde",1,4), idx3 = indexof("abcdefg","cde",1,2),
 idx4 = indexof("abcdefg","cde",3,4), idx5 = indexof("abcdefg","cde",-5), idx6 = indexof(1234567,5,1,4),
 idx7 = indexof("abcdefg","cde",2,-1), idx8 = indexof("abcdefgabcdefg", "cde", 1, 10, 2),
 idx9 = indexof("abcdefgabcdefg", "cde", 1, -1, 3))Q",
              R"({"rows": [[2, 2, -1, -1, 2, 4, 2, 9, -1]]})");
  expect_rows(R"Q(print
    idx1 = indexof_regex("abcabc", @"a.c"), idx2 = indexof_regex("abcabcdefg", @"a.c", 0, 9, 2),
    idx3 = indexof_regex("abcabc", @"a.c", 1, -1, 2), idx4 = indexof_regex("ababaa", @"a.a", 0, -1, 2),
    idx5 = indexof_regex("abcabc", @"a|ab", -1))Q",
              R"({"rows": [[0, 3, -1, -1, null]]})");
}

TEST_CASE("extract_all") {
  expect_rows(R"Q(print Id="82b8be2d-dfa7-4bd1-8f63-24ad26d31449"
| extend a = extract_all(@"(\w)(\w+)(\w)", Id),
         b = extract_all(@"(?P<first>\w)(?P<middle>\w+)(?P<last>\w)", dynamic(['first',2,'last']), Id),
         c = extract_all(@"(\w)(\w+)(\w)", dynamic([1,3]), Id),
         d = extract_all(@"\d+", "a1b22"), e = extract_all(@"x(\d)", "x1 x2"), f = extract_all(@"z", Id))Q",
              R"({"rows": [["82b8be2d-dfa7-4bd1-8f63-24ad26d31449",
  [["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]],
  [["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]],
  [["8","d"],["d","7"],["4","1"],["8","3"],["2","9"]], ["1","22"], ["1","2"], null]]})");
  expect_rejected(R"Q(print s="a" | extend x = extract_all(strcat("(", "a", ")"), s))Q",
                  "unsupported-function");
}

TEST_CASE("has_any_index") {
  expect_rows(R"Q(print
 idx1 = has_any_index("this is an example", dynamic(['this', 'example'])),
 idx2 = has_any_index("this is an example", dynamic(['not', 'example'])),
 idx3 = has_any_index("this is an example", dynamic(['not', 'found'])),
 idx4 = has_any_index("Example number 2", range(1, 3, 1)),
 idx5 = has_any_index("this is an example", dynamic([])))Q",
              R"({"rows": [[0, 1, -1, 1, -1]]})");
}

TEST_CASE("replace_string and replace_strings") {
  expect_rows(R"Q(print Message="A magic trick can turn a cat into a dog"
| extend Outcome = replace_string(Message, "cat", "hamster"))Q",
              R"({"rows": [["A magic trick can turn a cat into a dog",
                           "A magic trick can turn a hamster into a dog"]]})");
  expect_rows(R"Q(print Message="A magic trick can turn a cat into a dog"
| extend O1 = replace_strings(Message, dynamic(['cat', 'dog']), dynamic(['dog', 'pigeon'])),
         O2 = replace_strings(Message, dynamic(['turn', ' into a dog']), dynamic(['disappear', ''])))Q",
              R"({"rows": [["A magic trick can turn a cat into a dog",
                           "A magic trick can turn a dog into a pigeon",
                           "A magic trick can disappear a cat"]]})");
  expect_rows(R"Q(print Message="This is an example of using replace_strings()"
| extend Outcome1 = replace_strings(Message, dynamic(['This', 'is']), dynamic(['This', 'was'])),
         Outcome2 = replace_strings(Message, dynamic(['is', 'This']), dynamic(['was', 'This'])),
         Outcome3 = replace_strings(Message, dynamic(['This', 'is']), dynamic([12345, 'was'])))Q",
              R"J({"rows": [["This is an example of using replace_strings()",
                           "This was an example of using replace_strings()",
                           "Thwas was an example of using replace_strings()",
                           "This was an example of using replace_strings()"]]
})J");
}

TEST_CASE("replace is the deprecated replace_regex(regex, rewrite, text)") {
  expect_rows(R"Q(print r=replace(@"cat(\d)", @"dog\1", "cat1 and cat2"))Q",
              R"({"rows": [["dog1 and dog2"]]})");
}

TEST_CASE("unicode code points and parse_csv") {
  expect_rows(R"Q(print arr = unicode_codepoints_from_string("קוסטו - Kusto"),
                    s1 = unicode_codepoints_to_string(unicode_codepoints_from_string("Kusto")),
                    s2 = unicode_codepoints_to_string(dynamic([75, 117, 115]), 116, 111),
                    s3 = unicode_codepoints_to_string(75, 10, 117))Q",
              R"({"rows": [[[1511, 1493, 1505, 1496, 1493, 32, 45, 32, 75, 117, 115, 116, 111],
                           "Kusto", "Kusto", "K\nu"]]})");
  expect_rows(R"Q(print r1=parse_csv('aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"'),
                    r2=parse_csv('record1,a,b,c\nrecord2,x,y,z'))Q",
              R"({"rows": [[["aa", "b,b,b", "cc", "Escaping quotes: \"Title\"", "line1\nline2"],
                           ["record1", "a", "b", "c"]]]})");
}

TEST_CASE("string functions Kusto does not document exactly are refused") {
  expect_rejected(R"Q(print gzip_compress_to_base64_string("1234567890qwertyuiop"))Q",
                  "unsupported-function");
  expect_rejected(R"Q(print zlib_compress_to_base64_string("1234567890qwertyuiop"))Q",
                  "unsupported-function");
  expect_rejected(R"Q(print hash_combine(hash("Hello"), hash("World")))Q", "unsupported-function");
  expect_rejected(R"Q(print hash_sha1("World"))Q", "unsupported-function");
  expect_rejected(R"Q(print hash(123))Q", "unsupported-function");
  expect_rejected(R"Q(print format_bytes(564))Q", "unsupported-function");
  expect_rejected(R"Q(print parse_version("1.2.3.4"))Q", "unsupported-function");
}

TEST_CASE("countof: plain matches overlap, one-character regex matches are counted") {
  // The reference's examples.
  expect_rows(R"Q(print a = countof("aaa", "a"), b = countof("aaaa", "aa"),
                    c = countof("ababa", "ab", "normal"), d = countof("ababa", "aba"))Q",
              R"([[3, 3, 2, 2]])");
  // Plain matching is exact (no case folding), counts characters beyond ASCII, and a null
  // source is the empty string.
  expect_rows(R"Q(print a = countof("AaA", "a"), b = countof("éé-é", "é"), c = countof("", "x"),
                    d = countof(tostring(dynamic(null)), "x"))Q",
              R"([[1, 3, 0, 0]])");
  // A corpus hunt counts the non-alphanumeric characters of a user name.
  expect_rows(R"Q(print a = countof("j.doe-adm_1", '[^0-9A-Za-z]', "regex"),
                    b = countof("a.b.c", @"\.", "regex"), c = countof("x+y", "+", "normal"))Q",
              R"([[3, 2, 1]])");
  expect_fails(R"Q(print countof("abc", ""))Q", "empty search string");
  // Longer regex matches start where the engine's matching rule puts them.
  expect_rejected(R"Q(print countof("ababa", "aba", "regex"))Q", "unsupported-function",
                  "one character");
  expect_rejected(R"Q(print countof("abcabc", "a.c", "regex"))Q", "unsupported-function");
  expect_rejected(R"Q(print countof("a1", @"\d", "regex"))Q", "unsupported-function");
  expect_rejected(R"Q(let k = "regex"; print countof("a", "a", k))Q", "unsupported-function",
                  "literal");
}

TEST_CASE("regular expressions mean on PostgreSQL what they mean in Kusto (RE2)") {
  // RE2's dot stops at a newline; PostgreSQL's would not.
  expect_rows(R"(print a = extract("x.y", 0, "x\ny"), b = "x\ny" matches regex "x.y",
                    c = "x\ny" matches regex "(?s)x.y", d = extract(@"Email: (\S+),", 1, "Email: a@b.c, Age"),
                    e = replace_regex("a1b22", @"\d+", "#"), f = "AbC" matches regex "(?i)abc")",
              R"([["", false, true, "a@b.c", "a#b#", true]])");
  // A lazy repeat that is the pattern's only one stops at the first quote in both engines.
  expect_rows(R"q(print t = extract('"name":"(.*?)"', 1, '{"name":"a","x":"b"}'))q", R"([["a"]])");
  // Where PostgreSQL would pick another match than RE2's leftmost-first, it is refused there
  // (SQLite runs RE2 itself).
  auto pg = run_kql(R"q(print extract("(a|ab)", 1, "abc"))q", kql::run::Engine::Postgres);
  CHECK(pg.status == kql::run::RunOutcome::Status::Untranslatable);
  auto lite = run_kql(R"q(print extract("(a|ab)", 1, "abc"))q", kql::run::Engine::Sqlite);
  REQUIRE(lite.status == kql::run::RunOutcome::Status::Ok);
  CHECK(lite.result["rows"] == json::parse(R"([["a"]])"));
}

TEST_CASE("url_decode: percent escapes as UTF-8; what the reference leaves open fails") {
  expect_rows(R"(let url = @'https%3a%2f%2fwww.bing.com%2f';
print original = url, decoded = url_decode(url), u = url_decode("caf%C3%A9%20x"), e = url_decode(""))",
              R"([["https%3a%2f%2fwww.bing.com%2f", "https://www.bing.com/", "café x", ""]])");
  expect_fails(R"(print url_decode("a+b"))", "+");
  expect_fails(R"(print url_decode("100%"))", "malformed");
  expect_fails(R"(print url_decode("%zz"))", "malformed");
  expect_fails(R"(print url_decode("%C3"))");  // not UTF-8
  expect_fails(R"(print url_decode("%00"))", "NUL");
}

TEST_CASE("regex options and rewrites mean the same on both engines") {
  expect_rows(R"q(print a = extract("(?i)ABC", 0, "xabcx"), b = extract_all("(?i)(A)", "aA"),
                 c = replace_regex("Hello World", @"(\w+) (\w+)", @"\2 \1"),
                 d = replace_regex("a.b", @"\.", @"\\"))q",
              R"([["abc", ["a", "A"], "World Hello", "a\\b"]])");
  // A lone backslash: RE2 refuses the rewrite, PostgreSQL would insert it.
  expect_rejected(R"q(print replace_regex("aaa", "a", "\\"))q", "unsupported-function", "rewrite");
}
