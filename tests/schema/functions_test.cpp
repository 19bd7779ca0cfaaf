// The built-in function catalogue (src/schema/data/functions.toml).
#include "schema/functions.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "schema/embedded.h"

using namespace kql::schema;

TEST_CASE("the catalogue knows the functions hunting queries call") {
  const FunctionCatalogue& cat = FunctionCatalogue::builtin();
  CHECK(cat.all().size() > 400);
  for (const char* name : {"tostring", "ago", "parse_json", "isnotempty", "extract", "count",
                           "column_ifexists", "iff", "make_set", "split", "arg_max", "bin",
                           "geo_info_from_ip_address", "ipv4_is_private", "bag_unpack"}) {
    CHECK_MESSAGE(cat.find(name) != nullptr, name);
  }
  CHECK(cat.find("ToString") == nullptr);  // case-sensitive
  CHECK(cat.find("no_such_function") == nullptr);
}

TEST_CASE("arity, including optional and variadic arguments") {
  const FunctionCatalogue& cat = FunctionCatalogue::builtin();
  const BuiltinFunction* substring = cat.find("substring");
  REQUIRE(substring);
  CHECK(substring->min_args == 2);
  CHECK(substring->max_args == 3);
  CHECK_FALSE(substring->accepts_count(1));
  CHECK(substring->accepts_count(3));
  CHECK_FALSE(substring->accepts_count(4));

  const BuiltinFunction* strcat = cat.find("strcat");
  REQUIRE(strcat);
  CHECK(strcat->min_args == 1);
  CHECK(strcat->max_args == kVariadic);
  CHECK(strcat->accepts_count(20));
  REQUIRE(strcat->arg(19));
  CHECK(strcat->arg(19)->kind == ArgSpec::Kind::Any);

  const BuiltinFunction* ago = cat.find("ago");
  REQUIRE(ago);
  CHECK(ago->min_args == 1);
  CHECK(ago->max_args == 1);
  CHECK(ago->arg(0)->kind == ArgSpec::Kind::Fixed);
  CHECK(ago->arg(0)->type == Type::TimeSpan);
  CHECK(ago->arg(1) == nullptr);
  CHECK(ago->result.kind == ResultSpec::Kind::Fixed);
  CHECK(ago->result.type == Type::DateTime);

  const BuiltinFunction* count = cat.find("count");
  REQUIRE(count);
  CHECK(count->kind == FunctionKind::Aggregate);
  CHECK(count->accepts_count(0));
  CHECK(count->result.type == Type::Long);
}

TEST_CASE("argument and result kinds") {
  const FunctionCatalogue& cat = FunctionCatalogue::builtin();
  const BuiltinFunction* iff = cat.find("iff");
  REQUIRE(iff);
  CHECK(iff->arg(0)->type == Type::Bool);
  CHECK(iff->arg(0)->name == "if");
  CHECK(iff->arg(2)->kind == ArgSpec::Kind::SameAs);
  CHECK(iff->arg(2)->same_as == 1);
  CHECK(iff->result.kind == ResultSpec::Kind::SameAs);
  CHECK(iff->result.arg == 1);

  const BuiltinFunction* sum = cat.find("sum");
  REQUIRE(sum);
  CHECK(sum->arg(0)->kind == ArgSpec::Kind::NumericOrTime);  // sum(timespan) is valid
  const BuiltinFunction* avg = cat.find("avg");
  REQUIRE(avg);
  CHECK(avg->result.kind == ResultSpec::Kind::RealOrTime);
  CHECK(cat.find("round")->arg(0)->kind == ArgSpec::Kind::Numeric);
  CHECK(sum->result.kind == ResultSpec::Kind::Widened);
  CHECK(sum->result.arg == 0);

  CHECK(cat.find("strlen")->arg(0)->kind == ArgSpec::Kind::StringLike);
  CHECK(cat.find("tolower")->arg(0)->kind == ArgSpec::Kind::Any);  // tolower(1) is valid KQL
  CHECK(cat.find("materialize")->kind == FunctionKind::Tabular);
  CHECK(cat.find("materialize")->arg(0)->kind == ArgSpec::Kind::Tabular);
  CHECK(cat.find("materialize")->result.kind == ResultSpec::Kind::Tabular);
  CHECK(cat.find("bag_unpack")->kind == FunctionKind::Plugin);
  CHECK(cat.find("toscalar")->result.type == Type::Unknown);
}

TEST_CASE("deprecated names point at their replacement") {
  const FunctionCatalogue& cat = FunctionCatalogue::builtin();
  CHECK(cat.find("parsejson")->deprecated_by == "parse_json");
  CHECK(cat.find("makeset")->deprecated_by == "make_set");
  CHECK(cat.find("makelist")->deprecated_by == "make_list");
  CHECK(cat.find("any")->deprecated_by == "take_any");
  CHECK(cat.find("columnifexists")->deprecated_by == "column_ifexists");
  CHECK(cat.find("make_string")->deprecated_by == "unicode_codepoints_to_string");
  CHECK(cat.find("parse_json")->deprecated_by.empty());
  // Every replacement is itself in the catalogue and current.
  for (const BuiltinFunction* f : cat.all()) {
    if (f->deprecated_by.empty()) continue;
    const BuiltinFunction* r = cat.find(f->deprecated_by);
    REQUIRE_MESSAGE(r, f->name, " -> ", f->deprecated_by);
    CHECK_MESSAGE(r->deprecated_by.empty(), f->name);
    CHECK_MESSAGE(r->kind == f->kind, f->name);
  }
}

TEST_CASE("Defender XDR functions are marked") {
  const FunctionCatalogue& cat = FunctionCatalogue::builtin();
  for (const char* name : {"FileProfile", "DeviceFromIP", "AssignedIPAddresses", "SeenBy"}) {
    const BuiltinFunction* f = cat.find(name);
    REQUIRE_MESSAGE(f, name);
    CHECK(f->mde_only);
    CHECK(f->kind == FunctionKind::Tabular);
  }
  CHECK_FALSE(cat.find("strlen")->mde_only);
}

TEST_CASE("a malformed catalogue is rejected with its position") {
  CHECK_THROWS_WITH_AS(
      FunctionCatalogue::parse("[scalar]\nf = { args = [\"strnig\"], result = \"long\" }\n",
                               "bad.toml"),
      doctest::Contains("bad.toml:2:"), std::runtime_error);
  CHECK_THROWS_WITH_AS(
      FunctionCatalogue::parse("[scalar]\nf = { args = [], result = \"lng\" }\n", "bad.toml"),
      doctest::Contains("unknown result type `lng`"), std::runtime_error);
  CHECK_THROWS_WITH_AS(FunctionCatalogue::parse("[scalar\n", "bad.toml"),
                       doctest::Contains("bad.toml:1:"), std::runtime_error);
  auto ok = FunctionCatalogue::parse(
      "[aggregate]\nf = { args = [\"numeric\", \"long?\"], result = \"widen1\" }\n", "ok.toml");
  REQUIRE(ok.find("f"));
  CHECK(ok.find("f")->min_args == 1);
  CHECK(ok.find("f")->max_args == 2);
}

TEST_CASE("the embedded catalogue validates completely") {
  bool found = false;
  for (const EmbeddedFile& f : embedded_files()) {
    if (f.name != "functions.toml") continue;
    found = true;
    auto cat = FunctionCatalogue::parse(f.contents, f.name);  // throws on any bad entry
    CHECK(cat.names().size() == FunctionCatalogue::builtin().names().size());
    CHECK(std::is_sorted(cat.names().begin(), cat.names().end()));
  }
  CHECK(found);
}

TEST_CASE("entries must be one per line, unique, inside a section") {
  CHECK_THROWS_WITH_AS(
      FunctionCatalogue::parse("[scalar]\nf = { args = [],\n result = \"long\" }\n", "m.toml"),
      doctest::Contains("m.toml:2:1: expected `name = {"), std::runtime_error);
  CHECK_THROWS_WITH_AS(
      FunctionCatalogue::parse("[scalar]\nf = { result = \"long\" }\nf = { result = \"int\" }\n",
                               "m.toml"),
      doctest::Contains("m.toml:3:1: `f` is declared twice"), std::runtime_error);
  CHECK_THROWS_WITH_AS(FunctionCatalogue::parse("f = { result = \"long\" }\n", "m.toml"),
                       doctest::Contains("before any [section]"), std::runtime_error);
  CHECK_THROWS_WITH_AS(FunctionCatalogue::parse("[scalars]\n", "m.toml"),
                       doctest::Contains("unknown section `[scalars]`"), std::runtime_error);
}
