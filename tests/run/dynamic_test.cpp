// Array, set and property-bag functions on SQLite and PostgreSQL. The rows are Microsoft's docs
// examples (or follow from the documented rules); where the docs leave the result open the
// query must fail on both databases (an SQL error) or be refused at translation.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;
using kql::run::Engine;

TEST_CASE("array_sort_asc / array_sort_desc") {
  expect_rows(R"(let Names = "John,Paul,Jane,Kao";
print result = strcat_array(array_sort_asc(split(Names, ",")), ","))",
              R"({"rows":[["Jane,John,Kao,Paul"]]})");
  expect_rows(
      R"(print result = strcat_array(array_sort_desc(split("John,Paul,Jane,Kayo", ",")), ","))",
      R"({"rows":[["Paul,Kayo,John,Jane"]]})");
  expect_rows(R"(print result=array_sort_asc(dynamic([null,"blue","yellow","green",null]), false))",
              R"({"rows":[[[null,null,"blue","green","yellow"]]]})");
  expect_rows(R"(print result=array_sort_desc(dynamic([null,"blue","yellow","green",null])))",
              R"({"rows":[[["yellow","green","blue",null,null]]]})");
  expect_rows(
      R"(print result=array_sort_desc(dynamic([null,"blue","yellow","green",null]), false))",
      R"({"rows":[[[null,null,"yellow","green","blue"]]]})");
  // Mixed types ascending: numbers, then strings (documented order).
  expect_rows(R"(print r=array_sort_asc(dynamic(["b", 2, "a", 1.5, 10])))",
              R"({"rows":[[[1.5,2,10,"a","b"]]]})");
  // Several arrays: the others follow the first; picked by index.
  expect_rows(
      R"(datatable(command:string, command_time:datetime, user_id:string)
[
    'chmod',   datetime(2019-07-15),   "user1",
    'ls',      datetime(2019-07-02),   "user1",
    'dir',     datetime(2019-07-22),   "user1",
    'mkdir',   datetime(2019-07-14),   "user1",
    'rm',      datetime(2019-07-27),   "user1",
    'pwd',     datetime(2019-07-25),   "user1",
    'rm',      datetime(2019-07-23),   "user2",
    'pwd',     datetime(2019-07-25),   "user2",
]
| summarize timestamps = make_list(command_time), commands = make_list(command) by user_id
| project user_id, commands_in_chronological_order = array_sort_asc(timestamps, commands)[1]
| sort by user_id asc)",
      R"({"rows":[["user1",["ls","mkdir","chmod","dir","pwd","rm"]],["user2",["rm","pwd"]]]})");
  expect_rows(R"(let array1 = dynamic([1,3,4,5,2]);
let array2 = dynamic(["a","b","c","d","e"]);
print s = array_sort_desc(array1,array2)[1], t = array_sort_asc(array1, dynamic([1]))[1])",
              R"({"rows":[[["d","c","b","e","a"],null]]})");
  // Several results as columns: print names them after the arrays; elsewhere not translated.
  expect_rows(
      R"(let array1 = dynamic([1,3,4,5,2]);
let array2 = dynamic(["a","b","c","d","e"]);
print array_sort_desc(array1,array2))",
      R"({"columns":[{"name":"array1_sorted","type":"dynamic"},{"name":"array2_sorted","type":"dynamic"}],
                 "rows":[[[5,4,3,2,1],["d","c","b","e","a"]]]})");
  expect_rejected(R"(print array_sort_asc(dynamic([2,1]), dynamic(["a","b"])))",
                  "unsupported-construct");
  expect_rejected(R"(print x = array_sort_asc(dynamic([2,1]), dynamic(["a","b"])))",
                  "unsupported-function");
  // Undocumented orders: ties with different companions, bools, mixed types descending,
  // strings that may be timespans.
  expect_fails(R"(print r = array_sort_asc(dynamic([1,1]), dynamic(["a","b"]))[1])");
  expect_fails(R"(print r = array_sort_asc(dynamic([true,false])))");
  expect_fails(R"(print r = array_sort_desc(dynamic([1,"a"])))");
  expect_fails(R"(print r = array_sort_asc(dynamic(["1.00:00:00","02:00:00"])))");
}

TEST_CASE("array_slice, array_shift_*, array_rotate_*, array_split") {
  expect_rows(R"(print arr=dynamic([1,2,3,4,5])
| project a=array_slice(arr, 1, 2), b=array_slice(arr, 2, -1), c=array_slice(arr, -3, -2),
          d=array_slice(arr, 3, 1), e=array_slice(arr, 0, 49))",
              R"({"rows":[[[2,3],[3,4,5],[3,4],[],[1,2,3,4,5]]]})");
  expect_rows(R"(print arr=dynamic([1,2,3,4,5])
| project a=array_shift_left(arr, 2), b=array_shift_left(arr, 2, -1), c=array_shift_left(arr, -2),
          d=array_shift_right(arr, 1), e=array_shift_right(arr, 1, -1), f=array_shift_right(arr, -1))",
              R"({"rows":[[[3,4,5,null,null],[3,4,5,-1,-1],[null,null,1,2,3],[null,1,2,3,4],
                          [-1,1,2,3,4],[2,3,4,5,null]]]})");
  expect_rows(R"(print arr=dynamic([1,2,3,4,5])
| project a=array_rotate_left(arr, 2), b=array_rotate_left(arr, -2), c=array_rotate_right(arr, 2),
          d=array_rotate_right(arr, -2), e=array_rotate_left(dynamic([]), 3))",
              R"({"rows":[[[3,4,5,1,2],[4,5,1,2,3],[4,5,1,2,3],[3,4,5,1,2],[]]]})");
  expect_rows(R"(print arr=dynamic([1,2,3,4,5])
| project a=array_split(arr, 2), b=array_split(arr, dynamic([1,3])), c=array_split(arr, -1))",
              R"({"rows":[[[[1,2],[3,4,5]],[[1],[2,3],[4,5]],[[1,2,3,4],[5]]]]})");
  expect_fails(R"(print a=array_split(dynamic([1,2,3]), dynamic([2,1])))");
}

TEST_CASE("array_sum, array_concat, array_iff, array_index_of, zip") {
  expect_rows(
      R"(print arr=dynamic([1,2,3,4]) | extend arr_sum=array_sum(arr), bad=array_sum(dynamic([1,"a"])))",
      R"({"columns":[{"name":"arr","type":"dynamic"},{"name":"arr_sum","type":"real"},
                            {"name":"bad","type":"real"}],
                 "rows":[[[1,2,3,4],10.0,null]]})");
  expect_rows(R"(range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| extend a1 = pack_array(x,y,z), a2 = pack_array(x, y)
| project c = array_concat(a1, a2))",
              R"({"rows":[[[1,2,4,1,2]],[[2,4,8,2,4]],[[3,6,12,3,6]]]})");
  expect_rows(
      R"(print condition=dynamic([true,false,true]), if_true=dynamic([1,2,3]), if_false=dynamic([4,5,6])
| project res= array_iff(condition, if_true, if_false))",
      R"({"rows":[[[1,5,3]]]})");
  expect_rows(R"(print condition=dynamic([1,0,50]), if_true="yes", if_false="no"
| project res= array_iff(condition, if_true, if_false))",
              R"({"rows":[[["yes","no","yes"]]]})");
  expect_rows(R"(print condition=dynamic(["some string value", null]), if_true=1, if_false=0
| project res= array_iif(condition, if_true, if_false))",
              R"({"rows":[[[null,null]]]})");
  expect_rows(
      R"(print condition=dynamic([true,true,true]), if_true=dynamic([1,2]), if_false=dynamic([3,4])
| project res= array_iff(condition, if_true, if_false))",
      R"({"rows":[[[1,2,null]]]})");
  expect_rows(R"(let arr=dynamic(["this", "is", "an", "example", "an", "example"]);
print
 idx1 = array_index_of(arr,"an")
 , idx2 = array_index_of(arr,"example",1,3)
 , idx3 = array_index_of(arr,"example",1,2)
 , idx4 = array_index_of(arr,"is",2,4)
 , idx5 = array_index_of(arr,"example",2,-1)
 , idx6 = array_index_of(arr, "an", 1, -1, 2)
 , idx7 = array_index_of(arr, "an", 1, -1, 3)
 , idx8 = array_index_of(arr, "an", -3)
 , idx9 = array_index_of(arr, "is", -4)
 , idx10 = array_index_of(arr, "is", 0, -2))",
              R"({"rows":[[2,3,-1,-1,3,4,-1,4,-1,null]]})");
  expect_rejected(R"(print i = array_index_of(dynamic([]), datetime(2020-01-01)))",
                  "unsupported-function");
  expect_rows(R"(print arr=dynamic(["this", "is", "an", "example"])
| project Result=set_has_element(arr, "example"), No=set_has_element(dynamic([[1,2]]), 1))",
              R"({"rows":[[true,false]]})");
  expect_rows(
      R"(print a=zip(dynamic([1,3,5]), dynamic([2,4,6])), b=zip(dynamic(["A", 1, 1.5]), dynamic([{}, "B"])))",
      R"({"rows":[[[[1,2],[3,4],[5,6]],[["A",{}],[1,"B"],[1.5,null]]]]})");
}

TEST_CASE("array_reverse (docs example)") {
  expect_rows(R"(print arr=dynamic(["this", "is", "an", "example"])
| project Result=array_reverse(arr), Empty=array_reverse(dynamic([])), NotArray=array_reverse(dynamic(1)))",
              R"({"rows":[[["example","an","is","this"],[],null]]})");
}

TEST_CASE("sets and jaccard_index") {
  expect_rows(
      R"(range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| extend w = z * 2
| extend a1 = pack_array(x,y,x,z), a2 = pack_array(x, y), a3 = pack_array(x,y,w)
| project d = set_difference(a1, a2, a3), u = set_union(a1, a2, a3), i = set_intersect(a1, a2, a3))",
      R"({"rows":[[[4],[1,2,4,8],[1,2]],[[8],[2,4,8,16],[2,4]],[[12],[3,6,12,24],[3,6]]]})");
  expect_rows(
      R"(datatable (Arr1: dynamic)
[
    dynamic(['A4', 'A2', 'A7', 'A2']),
    dynamic(['C4', 'C7', 'C1', 'C4'])
]
| extend Out=set_union(Arr1, Arr1))",
      R"({"rows":[[["A4","A2","A7","A2"],["A4","A2","A7"]],[["C4","C7","C1","C4"],["C4","C7","C1"]]]})");
  expect_rows(R"(print set1=dynamic([1,2,3]), set2=dynamic([1,2,3,4])
| project jaccard=jaccard_index(set1, set2))",
              R"({"columns":[{"name":"jaccard","type":"real"}],"rows":[[0.75]]})");
  expect_fails(R"(print j = jaccard_index(dynamic([]), dynamic([])))");
}

TEST_CASE("bag_keys, bag_has_key, bag_remove_keys, bag_set_key, bag_merge") {
  expect_rows(R"(datatable(index:long, d:dynamic) [
    1, dynamic({'a':'b', 'c':123}),
    2, dynamic({'a':'b', 'c':{'d':123}}),
    4, dynamic(null),
    5, dynamic({}),
    6, dynamic('a'),
    7, dynamic([])
]
| project keys = bag_keys(d))",
              R"({"rows":[[["a","c"]],[["a","c"]],[null],[[]],[null],[null]]})");
  expect_rows(R"(datatable(input: dynamic)
[
    dynamic({'key1' : 123, 'key2': 'abc'}),
    dynamic({'key1' : 123, 'key3': {'x': 1}}),
]
| project a = bag_has_key(input, 'key2'), b = bag_has_key(input, '$.key3.x'), c = bag_has_key(input, "$['key3']"))",
              R"({"rows":[[true,false,false],[false,true,true]]})");
  expect_rows(R"(datatable(input:dynamic)
[
    dynamic({'key1' : 123,     'key2': 'abc'}),
    dynamic({'key1' : 'value', 'key3': 42.0}),
]
| extend result=bag_remove_keys(input, dynamic(['key2', 'key4'])))",
              R"({"rows":[[{"key1":123,"key2":"abc"},{"key1":123}],
                         [{"key1":"value","key3":42.0},{"key1":"value","key3":42.0}]]})");
  expect_rows(R"(datatable(input:dynamic)
[
    dynamic({'key1': 123, 'key2': {'prop1' : 'abc', 'prop2': 'xyz'}, 'key3': [100, 200]}),
]
| project result=bag_remove_keys(input, dynamic(['$.key2.prop1', 'key3'])))",
              R"({"rows":[[{"key1":123,"key2":{"prop2":"xyz"}}]]})");
  expect_rows(R"(datatable(input: dynamic) [
    dynamic({'key1': 1, 'key2': 2}),
    dynamic({'key1': 1, 'key3': 'abc'}),
]
| project result = bag_set_key(input, 'key3', 3))",
              R"({"rows":[[{"key1":1,"key2":2,"key3":3}],[{"key1":1,"key3":3}]]})");
  expect_rows(R"(datatable(input: dynamic)[
    dynamic({'key1': 123, 'key2': {'prop1': 123, 'prop2': 'xyz'}}),
    dynamic({'key1': 123})
]
| project result = bag_set_key(input, '$.key2.prop1', 'abc'))",
              R"({"rows":[[{"key1":123,"key2":{"prop1":"abc","prop2":"xyz"}}],
                         [{"key1":123,"key2":{"prop1":"abc"}}]]})");
  expect_fails(R"(print r = bag_set_key(dynamic({'a': 1}), '$.a.b', 2))");
  expect_rows(R"(print result = bag_merge(
    dynamic({'A1':12, 'B1':2, 'C1':3}),
    dynamic({'A2':81, 'B2':82, 'A1':1})))",
              R"({"rows":[[{"A1":12,"B1":2,"C1":3,"A2":81,"B2":82}]]})");
}

TEST_CASE("pack_all and dynamic_to_json") {
  expect_rows(R"(datatable(Source:string,Target:string,CharsCount:long)
[
'555-1234','555-1212',46,
'555-1313','',42,
'','555-3456',74
]
| extend Packed=pack_all(), PackedIgnoreNullEmpty=pack_all(true)
| project Packed, PackedIgnoreNullEmpty)",
              R"({"rows":[[{"Source":"555-1234","Target":"555-1212","CharsCount":46},
                          {"Source":"555-1234","Target":"555-1212","CharsCount":46}],
                         [{"Source":"555-1313","Target":"","CharsCount":42},
                          {"Source":"555-1313","CharsCount":42}],
                         [{"Source":"","Target":"555-3456","CharsCount":74},
                          {"Target":"555-3456","CharsCount":74}]]})");
  expect_rows(
      R"(datatable(t:datetime, n:long)[datetime(null), long(null)] | project p = pack_all(), q = pack_all(true))",
      R"({"rows":[[{"t":null,"n":null},{}]]})");
  expect_rows(
      R"(print j = dynamic_to_json(dynamic({'c': dynamic(1), 'A1': [2, {'d': 'x', 'c': true}], 'B1': {}})))",
      R"({"columns":[{"name":"j","type":"string"}],
                 "rows":[["{\"A1\":[2,{\"c\":true,\"d\":\"x\"}],\"B1\":{},\"c\":1}"]]})");
  expect_fails(R"(print j = dynamic_to_json(dynamic({'a': 1.5})))");
  expect_fails(R"(print j = dynamic_to_json(dynamic({'a': 1, 'B': 2})))");
}

TEST_CASE("summarize: a named expression over aggregates and by-keys") {
  expect_rows(R"(datatable(k:string, v:long)["a",1,"a",2,"b",5]
| summarize s = array_sum(make_list(v)), n = count() + 1, x = strcat(k, "-", tostring(count())) by k
| sort by k asc)",
              R"({"columns":[{"name":"k","type":"string"},{"name":"s","type":"real"},
                            {"name":"n","type":"long"},{"name":"x","type":"string"}],
                 "rows":[["a",3.0,3,"a-2"],["b",5.0,2,"b-1"]]})");
  expect_rows(R"(datatable(k:string, v:long)["a",3,"a",2,"a",1,"b",5]
| summarize l = array_slice(array_sort_asc(make_list(v)), 0, 1) by k
| sort by k asc)",
              R"({"rows":[["a",[1,2]],["b",[5]]]})");
  // Only the by-keys may be named outside the aggregates; an unnamed expression has no name.
  expect_rejected(R"(datatable(k:string, v:long)["a",1] | summarize x = v + count() by k)",
                  "unknown-name");
  expect_rejected(R"(datatable(k:string, v:long)["a",1] | summarize array_sum(make_list(v)))",
                  "unsupported-construct");
  expect_rejected(R"(datatable(k:string, v:long)["a",1] | summarize x = strlen(k) by k)",
                  "unsupported-construct");
}

TEST_CASE("array and bag functions: empty, null and nested inputs") {
  expect_rows(
      R"(print a = array_sort_asc(dynamic([])), b = array_sort_asc(dynamic(null)),
  c = array_slice(dynamic(null), 0, 1), d = array_sort_asc(dynamic([2, 1.5, 1, 3]), dynamic([1, 2]))[1],
  e = set_union(dynamic([[1,2], {"a": 1}]), dynamic([{"a": 1}, [1], [1,2]])),
  f = set_intersect(dynamic([{"a": 1, "b": 2}, [1]]), dynamic([{"a": 1}, [1]])),
  g = bag_merge(dynamic(null), dynamic({"a": 1})),
  h = array_index_of(dynamic([[1], 1, "1"]), "1"),
  i = array_sort_asc(dynamic([3, null, 1]), dynamic(["c", "n", "a"]), false)[1])",
      R"({"rows":[[[],null,null,null,[[1,2],{"a":1},[1]],[[1]],{"a":1},2,["n","a","c"]]]})");
  expect_fails(R"(print a = array_sort_asc(dynamic([1, 1.0])))");
}

TEST_CASE("bag_zip (docs examples)") {
  expect_rows(R"(let Data = datatable(KeysArray: dynamic, ValuesArray: dynamic) [
    dynamic(['a', 'b', 'c']), dynamic([1, '2', 3.4]),
    dynamic(['a', 'b', 'c']), dynamic([1, '2']),
    dynamic(['a', 'b']), dynamic([1, '2', 2.5]),
    dynamic(['a', 8, 'b']), dynamic([1, '2', 2.5]),
    dynamic(['a', 8, 'b']), dynamic(1),
    dynamic('a'), dynamic([1, '2', 2.5])
];
Data
| project NewBag = bag_zip(KeysArray, ValuesArray), IsNewBagEmpty=isnull(bag_zip(KeysArray, ValuesArray)))",
              R"({"rows":[[{"a":1,"b":"2","c":3.4},false],[{"a":1,"b":"2","c":null},false],
                         [{"a":1,"b":"2"},false],[{"a":1,"b":2.5},false],[{"a":null,"b":null},false],
                         [null,true]]})");
  expect_fails(R"(print b = bag_zip(dynamic(['a', 'a']), dynamic([1, 2])))");
}

TEST_CASE("the text of parsed JSON numbers is the same on both engines") {
  // jsonb keeps the source's digits (12.50); SQLite's JSON prints the shortest double text.
  expect_rows(
      R"(print a = tostring(parse_json("12.50")), b = tostring(parse_json("[1.0, 12.50, 5, 1e-5]")),
                 c = tostring(parse_json("100000000000000000000")))",
      R"([["12.5", "[1.0,12.5,5,1e-05]", "1e+20"]])");
}
