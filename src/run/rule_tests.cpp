#include "run/rule_tests.h"

#include <toml++/toml.h>

#include <filesystem>
#include <sstream>

#include "backend/sql/ticks.h"
#include "run/event_files.h"
#include "run/result_table.h"

namespace kql::run {

namespace {

std::string where(const std::string& path, const toml::source_region& r) {
  return path + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
}

// A TOML value as the text Kusto would print for the same cell.
std::optional<std::string> expected_text(const toml::node& n) {
  if (auto s = n.value<std::string>()) return *s;
  if (n.is_boolean()) return *n.value<bool>() ? "true" : "false";
  if (n.is_integer()) return std::to_string(*n.value<int64_t>());
  if (n.is_floating_point()) {
    nlohmann::json j = *n.value<double>();
    return cell_to_text(Cell(*n.value<double>()), sql::KType::Real);
  }
  return std::nullopt;
}

// Does `row` of `table` match every column listed in `want`?
bool row_matches(const ResultTable& table, const std::vector<Cell>& row, const toml::table& want,
                 std::string& why) {
  for (auto& [key, value] : want) {
    size_t i = 0;
    while (i < table.columns.size() && table.columns[i].name != key.str()) ++i;
    if (i == table.columns.size()) {
      why = "the result has no column '" + std::string(key.str()) + "'";
      return false;
    }
    auto text = expected_text(value);
    if (!text || cell_to_text(row[i], table.columns[i].type) != *text) return false;
  }
  return true;
}

std::string describe(const toml::table& t) {
  std::ostringstream os;
  os << toml::json_formatter{t};
  std::string s = os.str();
  for (auto& c : s)
    if (c == '\n') c = ' ';
  return s;
}

}  // namespace

std::string rule_for_test_file(const std::string& test_path) {
  const std::string suffix = ".test.toml";
  if (test_path.size() <= suffix.size() ||
      test_path.compare(test_path.size() - suffix.size(), suffix.size(), suffix) != 0)
    return "";
  std::string stem = test_path.substr(0, test_path.size() - suffix.size());
  for (const char* ext : {".kql", ".csl", ".kusto", ".yaml", ".yml", ".md"})
    if (std::filesystem::exists(stem + ext)) return stem + ext;
  return "";
}

std::vector<RuleTestCase> run_rule_tests(const Query& query, const std::string& test_path,
                                         const std::string& test_text, const RunRequest& base) {
  std::vector<RuleTestCase> out;
  auto broken = [&](std::string why) {
    out.push_back({"<file>", false, {std::move(why)}});
    return out;
  };
  toml::table doc;
  try {
    doc = toml::parse(test_text, test_path);
  } catch (const toml::parse_error& e) {
    return broken(where(test_path, e.source()) + ": " + std::string(e.description()));
  }
  RunRequest defaults = base;
  if (auto now = doc["now"].value<std::string>()) {
    defaults.now_ticks = sql::parse_datetime(*now);
    if (!defaults.now_ticks) return broken(test_path + ": `now` must be an ISO 8601 datetime");
  }
  auto* cases = doc["case"].as_array();
  if (!cases || cases->empty()) return broken(test_path + ": no [[case]] tables");
  for (auto& node : *cases) {
    auto* c = node.as_table();
    RuleTestCase result;
    result.name = c ? c->get_as<std::string>("name") ? **c->get_as<std::string>("name") : "" : "";
    if (!c) {
      out.push_back({"?", false, {where(test_path, node.source()) + ": a case must be a table"}});
      continue;
    }
    if (result.name.empty()) result.name = "case at line " + std::to_string(c->source().begin.line);
    RunRequest req = defaults;
    if (auto now = (*c)["now"].value<std::string>()) req.now_ticks = sql::parse_datetime(*now);
    if (auto* events = (*c)["events"].as_table()) {
      for (auto& [table, text] : *events) {
        TableData d;
        d.table = std::string(table.str());
        std::string error;
        auto s = text.value<std::string>();
        if (!s || !parse_jsonl(*s, where(test_path, text.source()), d.rows, error)) {
          result.failures.push_back(
              s ? error : where(test_path, text.source()) + ": events must be a JSONL string");
          continue;
        }
        req.data.push_back(std::move(d));
      }
    }
    if (!result.failures.empty()) {
      out.push_back(std::move(result));
      continue;
    }
    std::vector<Diagnostic> diags;
    RunOutcome run = run_query(query, diags, req);
    if (run.status != RunOutcome::Status::Ok) {
      std::string why = run.error;
      for (auto& d : diags) why += (why.empty() ? "" : "; ") + d.name + ": " + d.message;
      result.failures.push_back("the rule did not run: " + why);
      out.push_back(std::move(result));
      continue;
    }
    if (auto n = (*c)["row_count"].value<int64_t>();
        n && *n != static_cast<int64_t>(run.table.rows.size()))
      result.failures.push_back("expected " + std::to_string(*n) + " rows, got " +
                                std::to_string(run.table.rows.size()));
    for (const char* key : {"must_return", "must_not_return"}) {
      bool must = std::string(key) == "must_return";
      auto* rows = (*c)[key].as_array();
      if (!rows) continue;
      for (auto& r : *rows) {
        auto* want = r.as_table();
        if (!want) {
          result.failures.push_back(where(test_path, r.source()) +
                                    ": rows are inline tables { Column = value }");
          continue;
        }
        bool found = false;
        std::string why;
        for (auto& row : run.table.rows)
          if (row_matches(run.table, row, *want, why)) found = true;
        if (!why.empty())
          result.failures.push_back(why);
        else if (found != must)
          result.failures.push_back(std::string(must ? "missing row " : "unexpected row ") +
                                    describe(*want));
      }
    }
    result.passed = result.failures.empty();
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace kql::run
