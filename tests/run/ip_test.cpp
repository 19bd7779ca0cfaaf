// IPv4/IPv6 functions on SQLite and PostgreSQL: the rows are Microsoft's docs examples (or follow
// from the documented rules: a failed conversion is null, or "" for format_ipv4 and parse_ipv6);
// forms whose result the docs leave open raise an error on both databases instead of a guess.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;
using kql::run::Engine;

TEST_CASE("parse_ipv4 and parse_ipv4_mask: docs examples, invalid text is null") {
  expect_rows(R"(datatable(ip_string: string)
['192.168.1.1', '192.168.1.1/24', '255.255.255.255/31', 'abc', '', '127.0.0.256', '::1', '1.2.3.4/x']
| extend ip_long = parse_ipv4(ip_string), m = parse_ipv4_mask(ip_string, 24))",
              R"([["192.168.1.1",3232235777,3232235776],["192.168.1.1/24",3232235776,3232235776],
                ["255.255.255.255/31",4294967294,4294967040],["abc",null,null],["",null,null],
                ["127.0.0.256",null,null],["::1",null,null],["1.2.3.4/x",null,null]])");
  expect_rows(R"(print a = parse_ipv4_mask("127.0.0.1", 24), b = parse_ipv4("127.0.0.1"))",
              R"([[2130706432,2130706433]])");
}

TEST_CASE("format_ipv4 and format_ipv4_mask: docs example, numbers, failures are empty") {
  expect_rows(R"(datatable(address:string, mask:long)
[
 '192.168.1.1', 24,
 '192.168.1.1', 32,
 '192.168.1.1/24', 32,
 '192.168.1.1/24', long(-1),
 'x', 24,
]
| extend result = format_ipv4(address, mask),
         result_mask = format_ipv4_mask(address, mask))",
              R"([["192.168.1.1",24,"192.168.1.0","192.168.1.0/24"],
                ["192.168.1.1",32,"192.168.1.1","192.168.1.1/32"],
                ["192.168.1.1/24",32,"192.168.1.0","192.168.1.0/24"],
                ["192.168.1.1/24",-1,"",""],["x",24,"",""]])");
  expect_rows(
      R"(print a = format_ipv4(3232235777), b = format_ipv4_mask(3232235777, 16), c = format_ipv4('10.1.2.3'))",
      R"([["192.168.1.1","192.168.0.0/16","10.1.2.3"]])");
}

TEST_CASE("ipv4_compare and ipv4_is_match: docs examples, prefixes, nulls") {
  expect_rows(R"(datatable(ip1_string:string, ip2_string:string)
[
 '192.168.1.0',    '192.168.1.0',
 '192.168.1.1/24', '192.168.1.255',
 '192.168.1.1',    '192.168.1.255/24',
 '192.168.1.1/30', '192.168.1.255/24',
 '192.168.1.1',    '192.168.1.255',
 '192.168.1.9',    '192.168.1.2',
 'nonsense',       '192.168.1.2',
]
| extend result = ipv4_compare(ip1_string, ip2_string), m = ipv4_is_match(ip1_string, ip2_string))",
              R"([["192.168.1.0","192.168.1.0",0,true],["192.168.1.1/24","192.168.1.255",0,true],
                ["192.168.1.1","192.168.1.255/24",0,true],["192.168.1.1/30","192.168.1.255/24",0,true],
                ["192.168.1.1","192.168.1.255",-1,false],["192.168.1.9","192.168.1.2",1,false],
                ["nonsense","192.168.1.2",null,null]])");
  expect_rows(
      R"(datatable(ip1_string:string, ip2_string:string, prefix:long)
[
 '192.168.1.1',    '192.168.1.0',   31,
 '192.168.1.1/24', '192.168.1.255', 31,
 '192.168.1.1',    '192.168.1.255', 24,
]
| extend result = ipv4_is_match(ip1_string, ip2_string, prefix), c = ipv4_compare(ip1_string, ip2_string, prefix))",
      R"([["192.168.1.1","192.168.1.0",31,true,0],["192.168.1.1/24","192.168.1.255",31,true,0],
                ["192.168.1.1","192.168.1.255",24,true,0]])");
}

TEST_CASE("ipv4 ranges, private networks and netmask suffixes") {
  expect_rows(R"(datatable(ip_address:string, ip_range:string)
[
 '192.168.1.1',    '192.168.1.1',
 '192.168.1.1',    '192.168.1.255/24',
 '192.168.2.1',    '192.168.1.255/24',
 'x',              '192.168.1.255/24',
]
| extend result = ipv4_is_in_range(ip_address, ip_range))",
              R"([["192.168.1.1","192.168.1.1",true],["192.168.1.1","192.168.1.255/24",true],
                ["192.168.2.1","192.168.1.255/24",false],["x","192.168.1.255/24",null]])");
  expect_rows(
      R"(print a = ipv4_is_in_any_range('192.168.1.6', '192.168.1.1/24', '10.0.0.1/8', '127.1.0.1/16'),
         b = ipv4_is_in_any_range("127.0.0.1", dynamic(["127.0.0.1", "192.168.1.1"])),
         c = ipv4_is_in_any_range("127.0.0.2", dynamic(["127.0.0.1", "192.168.1.1"])))",
      R"([[true,true,false]])");
  expect_rows(
      R"(let LocalNetworks=dynamic(["192.168.1.1/16", "127.0.0.1/8", "10.0.0.1/8"]);
datatable(IP:string) ["10.1.2.3", "192.168.1.5", "123.1.11.21", "1.1.1.1"]
| extend IsLocal=ipv4_is_in_any_range(IP, LocalNetworks))",
      R"([["10.1.2.3",true],["192.168.1.5",true],["123.1.11.21",false],["1.1.1.1",false]])");
  expect_rows(R"(datatable(ip_string:string)
['10.1.2.3', '192.168.1.1/24', '127.0.0.1', '10.1.2.3/24', '202.1.2.3', '172.16.0.1', '172.32.0.1', 'fe80::1']
| extend result = ipv4_is_private(ip_string), suffix = ipv4_netmask_suffix(ip_string))",
              R"([["10.1.2.3",true,32],["192.168.1.1/24",true,24],["127.0.0.1",false,32],
                ["10.1.2.3/24",true,24],["202.1.2.3",false,32],["172.16.0.1",true,32],
                ["172.32.0.1",false,32],["fe80::1",null,null]])");
}

TEST_CASE("parse_ipv6 and parse_ipv6_mask: canonical text, IPv4 as mapped addresses") {
  expect_rows(R"(datatable(ipv4: string)
['192.168.255.255', '192.168.255.255/24', '255.255.255.255', 'x', 'fe80::1::2']
| extend ipv6 = parse_ipv6(ipv4))",
              R"([["192.168.255.255","0000:0000:0000:0000:0000:ffff:c0a8:ffff"],
                ["192.168.255.255/24","0000:0000:0000:0000:0000:ffff:c0a8:ff00"],
                ["255.255.255.255","0000:0000:0000:0000:0000:ffff:ffff:ffff"],["x",""],["fe80::1::2",""]])");
  expect_rows(R"(datatable(ip_string: string, netmask: long)
[
    '192.168.255.255', 120,
    '192.168.255.255/24', 124,
    '255.255.255.255', 128,
    'fe80::85d:e82c:9446:7994', 128,
    'fe80::85d:e82c:9446:7994/120', 124,
    '::192.168.255.255', 128,
    '::192.168.255.255/24', 128,
]
| extend ip6_canonical = parse_ipv6_mask(ip_string, netmask))",
              R"([["192.168.255.255",120,"0000:0000:0000:0000:0000:ffff:c0a8:ff00"],
                ["192.168.255.255/24",124,"0000:0000:0000:0000:0000:ffff:c0a8:ff00"],
                ["255.255.255.255",128,"0000:0000:0000:0000:0000:ffff:ffff:ffff"],
                ["fe80::85d:e82c:9446:7994",128,"fe80:0000:0000:0000:085d:e82c:9446:7994"],
                ["fe80::85d:e82c:9446:7994/120",124,"fe80:0000:0000:0000:085d:e82c:9446:7900"],
                ["::192.168.255.255",128,"0000:0000:0000:0000:0000:ffff:c0a8:ffff"],
                ["::192.168.255.255/24",128,"0000:0000:0000:0000:0000:ffff:c0a8:ff00"]])");
}

TEST_CASE("ipv6_compare, ipv6_is_match and IPv6 ranges") {
  expect_rows(R"(datatable(ip1_string:string, ip2_string:string, prefix:long)
[
 '192.168.1.1',    '192.168.1.0',   31,
 'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995',     127,
 'fe80::85d:e82c:9446:7994/127', 'fe80::85d:e82c:9446:7998', 120,
 '192.168.1.1/24',   '::ffff:c0a8:01ff', 127,
 '::192.168.1.1/30', '192.168.1.255/24', 127,
 'fe80::1', 'fe80::2', 128,
 'fe80::3', 'fe80::2', 128,
 'fe80::1', 'bad', 128,
]
| extend result = ipv6_compare(ip1_string, ip2_string, prefix), m = ipv6_is_match(ip1_string, ip2_string, prefix))",
              R"([["192.168.1.1","192.168.1.0",31,0,true],
                ["fe80::85d:e82c:9446:7994","fe80::85d:e82c:9446:7995",127,0,true],
                ["fe80::85d:e82c:9446:7994/127","fe80::85d:e82c:9446:7998",120,0,true],
                ["192.168.1.1/24","::ffff:c0a8:01ff",127,0,true],
                ["::192.168.1.1/30","192.168.1.255/24",127,0,true],
                ["fe80::1","fe80::2",128,-1,false],["fe80::3","fe80::2",128,1,false],
                ["fe80::1","bad",128,null,null]])");
  expect_rows(
      R"(datatable(ip_address:string, ip_range:string)
[
 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd',    'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112',
 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd',    'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd',
 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd',    '0:0:0:0:0:ffff:c0a8:ac/60',
]
| extend result = ipv6_is_in_range(ip_address, ip_range),
         any = ipv6_is_in_any_range(ip_address, '2001:db8::/32', ip_range))",
      R"([["a5e:f127:8a9d:146d:e102:b5d3:c755:abcd","a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112",true,true],
                ["a5e:f127:8a9d:146d:e102:b5d3:c755:abcd","a5e:f127:8a9d:146d:e102:b5d3:c755:abcd",true,true],
                ["a5e:f127:8a9d:146d:e102:b5d3:c755:abcd","0:0:0:0:0:ffff:c0a8:ac/60",false,false]])");
}

TEST_CASE("has_ipv4, has_ipv4_prefix, has_any_ipv4, has_any_ipv4_prefix: docs examples") {
  expect_rows(R"(print a = has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1'),
      b = has_ipv4('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.0.256'),
      c = has_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1'),
      d = has_ipv4('These requests came from: 192.168.1.1, 10.1.1.115 and 10.1.1.201', '10.1.1.115'),
      e = has_ipv4('host10.1.1.115 x', '10.1.1.115'))",
              R"([[true,false,false,true,false]])");
  expect_rows(R"(print a = has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.'),
      b = has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0'),
      c = has_ipv4_prefix('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.'),
      d = has_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.'),
      e = has_ipv4_prefix('x 192.168.1.11 y', '192.168.1.1'))",
              R"([[true,false,false,false,false]])");
  expect_rows(
      R"(print a = has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '127.0.0.2'),
      b = has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', dynamic(['127.0.0.1', '127.0.0.2'])),
      c = has_any_ipv4('05:04:54 127.0.0.256 GET /favicon.ico 404', dynamic(["127.0.0.256", "192.168.1.1"])),
      d = has_any_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '192.168.1.1'))",
      R"([[true,true,false,false]])");
  expect_rows(
      R"(print a = has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.', '192.168.'),
      b = has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', dynamic(['127.0.', '192.168.'])),
      c = has_any_ipv4_prefix('05:04:54 127.0.0.256 GET /favicon.ico 404', dynamic(["127.0.", "192.168."])),
      d = has_any_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.', '192.'))",
      R"([[true,true,false,false]])");
}

TEST_CASE("forms the docs leave open raise an error on both databases") {
  expect_fails(R"(print r = parse_ipv4('010.1.1.1'))", "not documented");
  expect_fails(R"(print r = parse_ipv4('1.2.3'))", "not documented");
  expect_fails(R"(print r = parse_ipv4(' 1.2.3.4'))", "not documented");
  expect_fails(R"(print r = parse_ipv4('1.2.3.4/33'))", "not documented");
  expect_fails(R"(print r = parse_ipv4_mask('1.2.3.4', 40))", "not documented");
  expect_fails(R"(print r = ipv4_is_private('10.1.2.3/4'))", "not documented");
  expect_fails(R"(print r = ipv4_is_in_range('10.1.2.3/16', '10.1.0.0/24'))", "not documented");
  expect_fails(R"(print r = ipv4_is_in_any_range('10.1.2.3', dynamic(['10.0.0.0/8', 'x'])))",
               "not documented");
  expect_fails(R"(print r = parse_ipv6('fe80::1%eth0'))", "not documented");
  expect_fails(R"(print r = parse_ipv6('1.2.3.4:80'))", "not documented");
  expect_fails(R"(print r = ipv4_is_private('10.1.2.3:443'))", "not documented");
  expect_fails(R"(print r = parse_ipv6('::ffff:c0a8:0101/24'))", "not documented");
  expect_fails(R"(print r = parse_ipv6_mask('::1', 200))", "not documented");
  expect_fails(R"(print r = has_ipv4('requests from 10.1.1.201.', '10.1.1.201'))",
               "not documented");
  expect_fails(R"(print r = has_ipv4('a_10.1.1.201', '10.1.1.201'))", "not documented");
  expect_fails(R"(print r = has_ipv4('x 10.1.1.201 y', '10.1.1.201/32'))", "not documented");
  // ... but a clearly delimited occurrence decides, whatever else the text holds.
  expect_rows(R"(print r = has_ipv4('10.1.1.201. and 10.1.1.201', '10.1.1.201'))", R"([[true]])");
}

TEST_CASE("ip calls that are not translated are rejected by name") {
  expect_rejected(R"(print r = format_ipv4(dynamic([1])))", "untranslatable-types");
  expect_rejected(R"(print r = has_any_ipv4('x', dynamic(['1.2.3.4']), '1.2.3.5'))",
                  "unsupported-function");
}
