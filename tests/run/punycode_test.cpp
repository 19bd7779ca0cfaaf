// The 'punycode' family on SQLite and PostgreSQL: RFC 3492 Punycode of strings and of domain
// labels. Rows are Microsoft's docs examples, RFC 3492's own sample strings, the documented empty
// results and the undocumented inputs that fail at run time.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;

TEST_CASE("punycode_from_string / punycode_to_string: docs examples") {
  expect_rows("print encoded = punycode_from_string('académie-française')",
              R"({"columns": [{"name": "encoded", "type": "string"}],
                  "rows": [["acadmie-franaise-npb1a"]]})");
  expect_rows(R"(print domain='艺术.com'
| extend domain_vec = split(domain, '.')
| extend encoded_host = punycode_from_string(tostring(domain_vec[0]))
| extend encoded_domain = strcat('xn--', encoded_host, '.', domain_vec[1]))",
              R"([["艺术.com", ["艺术", "com"], "cqv902d", "xn--cqv902d.com"]])");
  expect_rows("print decoded = punycode_to_string('acadmie-franaise-npb1a')",
              R"([["académie-française"]])");
}

TEST_CASE("punycode: RFC 3492 section 7.1 samples, both ways") {
  // (A) Arabic (Egyptian), (B) Chinese (simplified), (L) 3<nen>B<gumi><kinpachi><sensei>,
  // (Q) <amuro><namie>-with-SUPER-MONKEYS (mixed case kept).
  const char* pairs[][2] = {
      {"ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"},
      {"他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"},
      {"3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"},
      {"安室奈美恵-with-SUPER-MONKEYS", "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"},
  };
  for (auto& p : pairs) {
    expect_rows(std::string("print e = punycode_from_string('") + p[0] + "')",
                std::string(R"([[")") + p[1] + R"("]])");
    expect_rows(std::string("print d = punycode_to_string('") + p[1] + "')",
                std::string(R"([[")") + p[0] + R"("]])");
  }
  // Digits in upper case decode too (RFC 3492 section 5); basic code points keep their case,
  // the decoded ones are what the numbers say.
  expect_rows("print d = punycode_to_string('ACADMIE-FRANAISE-NPB1A')",
              R"([["ACADéMIE-FRANçAISE"]])");
  // ASCII only: the basic code points and the delimiter; the empty string stays empty.
  expect_rows(
      "print e = punycode_from_string('abc'), d = punycode_to_string('abc-'), "
      "z = punycode_from_string(''), y = punycode_to_string('')",
      R"([["abc-", "abc", "", ""]])");
}

TEST_CASE("punycode_to_string: input that is not Punycode gives the empty string") {
  // A character that is no digit, a non-ASCII character, a truncated number, a leading '-'
  // that is no delimiter.
  expect_rows(
      "print a = punycode_to_string('ab!c'), b = punycode_to_string('acadmie-é'), "
      "c = punycode_to_string('a-z'), d = punycode_to_string('-a'), "
      "e = punycode_to_string('é-a')",
      R"([["", "", "", "", ""]])");
}

TEST_CASE("punycode: undocumented inputs fail at run time") {
  // Beyond U+FFFF (code points or UTF-16 units?).
  expect_fails("print e = punycode_from_string('a😀')", "beyond U+FFFF");
  expect_fails("print d = punycode_to_string('e28h')", "beyond U+FFFF");
  // Numbers past 2^31 - 1.
  expect_fails("print d = punycode_to_string('99999999')", "2^31 - 1");
}

TEST_CASE("punycode_domain_to_string: docs example") {
  expect_rows(
      R"(datatable(domain:string )['Lê Lợi。Thuận Thiên。com', 'Riðill｡Skáldskaparmál｡org', "Kaledvoulc'h.Artorījos.edu"]
| extend str=punycode_domain_to_string(domain))",
      R"({"columns": [{"name": "domain", "type": "string"}, {"name": "str", "type": "string"}],
          "rows": [["Lê Lợi。Thuận Thiên。com", "xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com"],
                   ["Riðill｡Skáldskaparmál｡org", "xn--Riill-jta.xn--Skldskaparml-dbbj.org"],
                   ["Kaledvoulc'h.Artorījos.edu", "Kaledvoulc'h.xn--Artorjos-ejb.edu"]]})");
  // ASCII domains unchanged; the fullwidth full stop U+FF0E separates labels too.
  expect_rows(
      "print a = punycode_domain_to_string('Example.COM'), "
      "b = punycode_domain_to_string('艺术．com'), c = punycode_domain_to_string('')",
      R"([["Example.COM", "xn--cqv902d.com", ""]])");
}

TEST_CASE("punycode_domain_from_string: docs example") {
  expect_rows(R"(datatable(encoded:string)
[
    "xn--Ge-mia.Bulg.edu",
    "xn--Lin-8na.Celtchair.org",
    "xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com",
]
| extend domain=punycode_domain_from_string(encoded))",
              R"([["xn--Ge-mia.Bulg.edu", "Gáe.Bulg.edu"],
                  ["xn--Lin-8na.Celtchair.org", "Lúin.Celtchair.org"],
                  ["xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com", "Rúyì.Jīngū.Bàng.com"]])");
  // A label that does not decode: the documented empty result.
  expect_rows(
      "print a = punycode_domain_from_string('xn--ab!c.com'), "
      "b = punycode_domain_from_string('xn--cqv902d.com'), "
      "c = punycode_domain_from_string('')",
      R"([["", "艺术.com", ""]])");
}

TEST_CASE("punycode_domain_*: undocumented inputs fail at run time") {
  // Characters NFC could change (a combining acute accent), or outside the covered blocks.
  expect_fails("print s = punycode_domain_to_string('cafe\u0301.com')", "IDNA normalization");
  expect_fails("print s = punycode_domain_to_string('ελλάδα.gr')", "IDNA normalization");
  expect_fails("print s = punycode_domain_from_string('xn--cafe-yvc.com')", "IDNA normalization");
  expect_fails("print s = punycode_domain_from_string('xn--hxakic4aa.gr')", "IDNA normalization");
  // Empty labels, an upper-case ACE prefix, non-ASCII input to the decoder, an xn-- label that
  // decodes to ASCII only or is not the canonical encoding.
  expect_fails("print s = punycode_domain_to_string('a..b')", "empty label");
  expect_fails("print s = punycode_domain_to_string('example.com.')", "empty label");
  expect_fails("print s = punycode_domain_from_string('XN--cqv902d.com')", "ACE prefix");
  expect_fails("print s = punycode_domain_from_string('艺术.com')", "non-ASCII");
  expect_fails("print s = punycode_domain_from_string('xn--abc-.com')", "ASCII only");
  expect_fails(
      "print s = punycode_domain_from_string('xn--aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      "aaaaaaaaaaaaaa.com')",
      "63 characters");
}

TEST_CASE("punycode: rejected by type") {
  expect_rejected("print s = punycode_from_string(5)", "untranslatable-types");
  expect_rejected("print s = punycode_domain_to_string(dynamic('a'))", "untranslatable-types");
}
