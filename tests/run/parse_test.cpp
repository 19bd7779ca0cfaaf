// parse / parse-where (kind=simple), multi-column mv-expand and extract(..., typeof(T)): each
// query runs on SQLite and on PostgreSQL and must give the rows KQL gives.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;
using kql::run::Engine;

namespace {

const char* kTraces = R"K(datatable(EventText: string) [
"Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=invalid_number, lockTime=02/17/2016 08:40:01)",
"Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=20, lockTime=02/17/2016 08:40:01)",
"Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=invalid_number, sliceNumber=16, lockTime=02/17/2016 08:41:00)"
])K";

}  // namespace

// The parse-where docs example without its datetime columns: a long that does not match fails
// the whole row (strict simple mode), `*` skips the junk between.
TEST_CASE("parse: docs example, failed rows get empty strings and null numbers") {
  expect_rows(
      std::string(kTraces) +
          R"K(
| parse EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long * "sliceNumber=" sliceNumber: long * "lockTime=" lockTime ")" *
| project resourceName, totalSlices, sliceNumber, lockTime)K",
      R"K({"columns":[{"name":"resourceName","type":"string"},{"name":"totalSlices","type":"long"},
                  {"name":"sliceNumber","type":"long"},{"name":"lockTime","type":"string"}],
                  "rows":[["",null,null,""],["PipelineScheduler",27,20,"02/17/2016 08:40:01"],["",null,null,""]]})K");
}

TEST_CASE("parse-where keeps only the rows that parse") {
  expect_rows(
      std::string(kTraces) +
          R"K(
| parse-where EventText with * "totalSlices=" totalSlices: long * "sliceNumber=" sliceNumber: int *
| project totalSlices, sliceNumber)K",
      R"K({"columns":[{"name":"totalSlices","type":"long"},{"name":"sliceNumber","type":"int"}],
                  "rows":[[27,20]]})K");
}

// The hunting-rule shapes: a value between two delimiters (lazy: up to the first one), a
// column at the end takes the rest of the line, the pattern is anchored at the start.
TEST_CASE("parse: command-line shapes of hunting rules") {
  expect_rows(
      R"K(datatable(CommandLine:string) [
 "powershell.exe -nop -enc SQBFAFgA -w hidden",
 "powershell.exe -enc AAAA",
 "x -enc a -enc b c",
 "cmd /c echo"
]
| parse CommandLine with * "-enc " Payload " " *
| parse CommandLine with Exe " " Rest
| parse CommandLine with "-enc " NotAtStart)K",
      R"K({"columns":[{"name":"CommandLine","type":"string"},{"name":"Payload","type":"string"},
                  {"name":"Exe","type":"string"},{"name":"Rest","type":"string"},{"name":"NotAtStart","type":"string"}],
                  "rows":[["powershell.exe -nop -enc SQBFAFgA -w hidden","SQBFAFgA","powershell.exe","-nop -enc SQBFAFgA -w hidden",""],
                          ["powershell.exe -enc AAAA","","powershell.exe","-enc AAAA",""],
                          ["x -enc a -enc b c","a","x","-enc a -enc b c",""],
                          ["cmd /c echo","","cmd","/c echo",""]]})K");
}

// RE2's '.' does not match a newline; a string column before `*` is empty (the docs: `*`
// cannot follow a string column); a long takes every digit, with an optional minus sign.
TEST_CASE("parse: newlines, lazy columns, signed numbers, non-ASCII text") {
  expect_rows(
      R"K(datatable(s:string) [
 "a=12 b=-7 c=x",
 "a=1x b=2",
 "line1 a=9\nb=4",
 "é=ü a=3 b=44"
]
| parse s with * "a=" A:long " b=" B:int *
| parse s with * "=" First " " Second
| parse s with "a=" Lazy *)K",
      R"K({"columns":[{"name":"s","type":"string"},{"name":"A","type":"long"},{"name":"B","type":"int"},
                  {"name":"First","type":"string"},{"name":"Second","type":"string"},{"name":"Lazy","type":"string"}],
                  "rows":[["a=12 b=-7 c=x",12,-7,"12","b=-7 c=x",""],
                          ["a=1x b=2",null,null,"1x","b=2",""],
                          ["line1 a=9\nb=4",null,null,"","",""],
                          ["é=ü a=3 b=44",3,44,"ü","a=3 b=44",""]]})K");
}

TEST_CASE("parse: constructs whose Kusto semantics the translation cannot reproduce are rejected") {
  expect_rejected(std::string(kTraces) + R"K(| parse kind=relaxed EventText with * "a=" x:long)K",
                  "unsupported-construct", "kind=relaxed");
  expect_rejected(std::string(kTraces) + R"K(| parse EventText with * "lockTime=" t:datetime ")")K",
                  "unsupported-construct", "datetime");
  expect_rejected(std::string(kTraces) + R"K(| parse EventText with * "x=" r:real ",")K",
                  "unsupported-construct", "real");
  expect_rejected(std::string(kTraces) + R"K(| parse EventText with * "x=" EventText ",")K",
                  "unsupported-construct", "existing column");
}

// mv-expand-operator.md: several columns expand side by side, the shorter padded with null.
TEST_CASE("mv-expand of two columns at once (docs example)") {
  expect_rows(
      R"K(datatable (a: int, b: dynamic, c: dynamic)[
    1, dynamic({"prop1": "a", "prop2": "b"}), dynamic([5, 4, 3])
]
| mv-expand b, c)K",
      R"K({"columns":[{"name":"a","type":"int"},{"name":"b","type":"dynamic"},{"name":"c","type":"dynamic"}],
                  "rows":[[1,{"prop1":"a"},5],[1,{"prop2":"b"},4],[1,null,3]]})K");
}

TEST_CASE("mv-expand limit, typed items and the item index") {
  expect_rows(
      R"K(datatable (a: int, b: dynamic, c: dynamic)[
    1, dynamic([10, 20, 30]), dynamic(["x", "y"]),
    2, dynamic([]), dynamic(["z"])
]
| mv-expand with_itemindex=i b to typeof(long), c to typeof(string) limit 2)K",
      R"K({"columns":[{"name":"a","type":"int"},{"name":"b","type":"long"},{"name":"c","type":"string"},{"name":"i","type":"long"}],
                  "rows":[[1,10,"x",0],[1,20,"y",1],[2,null,"z",0]]})K");
}

// extract-function.md: the fourth argument converts the captured text.
TEST_CASE("extract with typeof(int) (docs example)") {
  expect_rows(
      R"K(datatable(DateString: string) ["15-12-2024", "21-07-2023", "10-03-2022", "nothing"]
| extend Month = extract(@"-(\d{2})-", 1, DateString, typeof(int))
| project DateString, Month)K",
      R"K({"columns":[{"name":"DateString","type":"string"},{"name":"Month","type":"int"}],
                  "rows":[["15-12-2024",12],["21-07-2023",7],["10-03-2022",3],["nothing",null]]})K");
}

// parse-kv-operator.md, specified delimiters: the docs' examples.
TEST_CASE("parse-kv with pair and key/value delimiters (docs examples)") {
  expect_rows(
      R"K(print str="ThreadId:458745723, Machine:Node001, Text: The service is up, Level: Info"
| parse-kv str as (Text: string, ThreadId:long, Machine: string) with (pair_delimiter=',', kv_delimiter=':')
| project-away str)K",
      R"K({"columns":[{"name":"Text","type":"string"},{"name":"ThreadId","type":"long"},{"name":"Machine","type":"string"}],
          "rows":[["The service is up",458745723,"Node001"]]})K");
  expect_rows(
      R"K(print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure=(connection aborted) (event time)=(2021-01-01 10:00:54)'
| parse-kv str as (['event time']:datetime, src:string, dst:string, bytes:long, failure:string) with (pair_delimiter=' ', kv_delimiter='=', quote='()')
| project-away str)K",
      R"K({"columns":[{"name":"event time","type":"datetime"},{"name":"src","type":"string"},{"name":"dst","type":"string"},
          {"name":"bytes","type":"long"},{"name":"failure","type":"string"}],
          "rows":[["2021-01-01T10:00:54.0000000Z","10.1.1.123","10.1.1.124",125,"connection aborted"]]})K");
  expect_rows(
      R"K(print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="the remote host sent \\"bye!\\"" time=2021-01-01T10:00:54'
| parse-kv str as (['time']:datetime, src:string, dst:string, bytes:long, failure:string) with (pair_delimiter=' ', kv_delimiter='=', quote='"', escape='\\')
| project-away str)K",
      R"K({"columns":[{"name":"time","type":"datetime"},{"name":"src","type":"string"},{"name":"dst","type":"string"},
          {"name":"bytes","type":"long"},{"name":"failure","type":"string"}],
          "rows":[["2021-01-01T10:00:54.0000000Z","10.1.1.123","10.1.1.124",125,"the remote host sent \"bye!\""]]})K");
  // Without greedy=true a value ends at the next pair delimiter.
  expect_rows(
      R"K(print str='name=John Doe phone=555 5555 city=New York'
| parse-kv str as (name:string, phone:string, city:string, zip:long) with (pair_delimiter=' ', kv_delimiter='=')
| project-away str)K",
      R"K({"columns":[{"name":"name","type":"string"},{"name":"phone","type":"string"},{"name":"city","type":"string"},{"name":"zip","type":"long"}],
          "rows":[["John","555","New",null]]})K");
}

TEST_CASE("parse-kv: the first appearance of a key counts, values keep the kv delimiter") {
  expect_rows(
      R"K(datatable(s:string) ["a=1;b=x=y;a=2", "", "b = spaced ;junk;a"]
| parse-kv s as (a:long, b:string) with (pair_delimiter=';', kv_delimiter='='))K",
      R"K({"columns":[{"name":"s","type":"string"},{"name":"a","type":"long"},{"name":"b","type":"string"}],
          "rows":[["a=1;b=x=y;a=2",1,"x=y"],["",null,""],["b = spaced ;junk;a",null,"spaced"]]})K");
}

TEST_CASE("parse-kv forms whose Kusto semantics are not documented precisely are rejected") {
  expect_rejected(R"K(print str="2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001"
| parse-kv str as (ThreadId:long, Machine: string))K",
                  "unsupported-construct", "without pair_delimiter");
  expect_rejected(R"K(print str='name=John Doe phone=555 5555'
| parse-kv str as (name:string) with (pair_delimiter=' ', kv_delimiter='=', greedy=true))K",
                  "unsupported-construct", "greedy");
  expect_rejected(R"K(print str='"a": "b"'
| parse-kv str as (a:string) with (regex=@'"(\w+)"\s*:\s*"([^"]*)"'))K",
                  "unsupported-construct", "regex");
}

// mv-apply-operator.md: the subquery runs once per input row over its expanded values; the
// row's other columns come back beside the subquery's result.
TEST_CASE("mv-apply with top and summarize (docs examples)") {
  expect_rows(
      R"K(let data = datatable (index: int, Arr: dynamic)
[
    0, dynamic([5, 1, 3]),
    1, dynamic([4, 10, 8, 7])
];
data
| mv-apply Arr2=Arr to typeof(long) on
    (
    top 2 by Arr2
    | summarize Top2=make_list(Arr2)
    )
| sort by index asc)K",
      R"K({"columns":[{"name":"index","type":"int"},{"name":"Arr","type":"dynamic"},{"name":"Top2","type":"dynamic"}],
                  "rows":[[0,[5,1,3],[5,3]],[1,[4,10,8,7],[10,8]]]})K");
  expect_rows(
      R"K(datatable (index: int, Arr: dynamic) [0, dynamic([1, 5, 3]), 1, dynamic([10, 2, 5, 7])]
| mv-apply topElem=Arr to typeof(long) on (top 1 by topElem)
| sort by index asc)K",
      R"K({"columns":[{"name":"index","type":"int"},{"name":"Arr","type":"dynamic"},{"name":"topElem","type":"long"}],
                  "rows":[[0,[1,5,3],5],[1,[10,2,5,7],10]]})K");
}

TEST_CASE("mv-apply with an item index, where, and two arrays side by side (docs examples)") {
  expect_rows(
      R"K(datatable (row: int, Arr: dynamic) [0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])]
| mv-apply with_itemindex=index value=Arr to typeof(long) on (where index >= 2)
| sort by row asc, index asc)K",
      R"K({"columns":[{"name":"row","type":"int"},{"name":"Arr","type":"dynamic"},{"name":"value","type":"long"},{"name":"index","type":"long"}],
                  "rows":[[0,[5,1,3],3,2],[1,[4,10,8,7],8,2],[1,[4,10,8,7],7,3]]})K");
  expect_rows(
      R"K(datatable (Val: int, Arr1: dynamic, Arr2: dynamic)
[
    1, dynamic(['A1', 'A2']), dynamic(['B1', 'B2', 'B3']),
    5, dynamic(['C1', 'C2']), dynamic(['D1'])
]
| mv-apply T1=Arr1, T2=Arr2 on (
    extend Out = strcat(T1, "_", T2)
    | summarize Out= make_list(Out)
  )
| sort by Val asc)K",
      R"K({"columns":[{"name":"Val","type":"int"},{"name":"Arr1","type":"dynamic"},{"name":"Arr2","type":"dynamic"},{"name":"Out","type":"dynamic"}],
                  "rows":[[1,["A1","A2"],["B1","B2","B3"],["A1_B1","A2_B2","_B3"]],[5,["C1","C2"],["D1"],["C1_D1","C2_"]]]})K");
}

TEST_CASE("mv-apply subqueries with other operators are rejected") {
  expect_rejected(R"K(datatable (index: int, Arr: dynamic) [0, dynamic([7])]
| mv-apply Arr2=Arr to typeof(long) on (take 100))K",
                  "unsupported-construct", "subquery operator take");
}

// parse-operator.md "Regex mode with regex flags": columns are greedy in regex mode, flag U
// makes them lazy, flag i ignores case (RE2 folds k with U+212A KELVIN SIGN).
TEST_CASE("parse kind=regex with plain-text delimiters and flags U, i, s") {
  expect_rows(R"K(datatable(EventText:string) [
 "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23)",
 "x RESOURCENAME=A, b, c"
]
| parse kind=regex EventText with * "resourceName=" greedy ',' *
| parse kind=regex flags=Ui EventText with * "RESOURCENAME=" lazy ',' *
| project greedy, lazy)K",
              R"K({"columns":[{"name":"greedy","type":"string"},{"name":"lazy","type":"string"}],
                  "rows":[["PipelineScheduler, totalSlices=27","PipelineScheduler"],["","A"]]})K");
  expect_rows(
      R"K(datatable(s:string) ["id=7;\nkey=ab", "KEY=1", "\u212Aey=2"]
| parse kind=regex flags=i s with * "key=" v:long
| parse kind=regex flags=s s with "id=" all
| parse kind=regex s with "id=" line)K",
      R"K({"columns":[{"name":"s","type":"string"},{"name":"v","type":"long"},{"name":"all","type":"string"},{"name":"line","type":"string"}],
                  "rows":[["id=7;\nkey=ab",null,"7;\nkey=ab","7;"],["KEY=1",1,"",""],["\u212Aey=2",2,"",""]]})K");
  expect_rows(
      std::string(kTraces) + R"K(
| parse-where kind = regex flags=i EventText with * "RESOURCENAME=" resourceName "," * "totalSlices=" totalSlices: long "," *
| project resourceName, totalSlices)K",
      R"K({"columns":[{"name":"resourceName","type":"string"},{"name":"totalSlices","type":"long"}],
                  "rows":[["PipelineScheduler",27],["PipelineScheduler",27]]})K");
}

TEST_CASE("parse kind=regex with regular-expression delimiters or other flags is rejected") {
  expect_rejected(std::string(kTraces) + R"K(| parse kind=regex EventText with "(.*?)=" x)K",
                  "unsupported-construct", "plain text");
  expect_rejected(std::string(kTraces) + R"K(| parse kind=regex flags=m EventText with * "=" x)K",
                  "unsupported-construct", "flag 'm'");
  expect_rejected(std::string(kTraces) + R"K(| parse flags=i EventText with * "=" x)K",
                  "unsupported-construct", "only with kind=regex");
}

// The subquery sees the row's other columns too (fl_percentiles-linear-fl's mv-apply reads n).
TEST_CASE("mv-apply subqueries read the row's unexpanded columns") {
  expect_rows(
      R"K(datatable (n: long, Arr: dynamic) [10, dynamic([1, 2]), 20, dynamic([3])]
| mv-apply v = Arr to typeof(long) on (extend w = v * n | summarize s = sum(w))
| sort by n asc)K",
      R"K({"columns":[{"name":"n","type":"long"},{"name":"Arr","type":"dynamic"},{"name":"s","type":"long"}],
                  "rows":[[10,[1,2],30],[20,[3],60]]})K");
}
