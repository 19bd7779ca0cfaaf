// Structural checks on every generated golden script, independent of its exact text: brackets
// balance, and no &optional field is read on a line that does not test it with ?$ first
// (reading an unset optional field is a Zeek runtime error).
#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <set>

#include "backend/zeek/mapping.h"
#include "golden_support.h"

using namespace kql;

namespace {

// Field names that are &optional in every log that has them.
std::set<std::string> always_optional_fields() {
  std::map<std::string, bool> optional;
  for (auto& log : zeek::Mapping::builtin().logs())
    for (auto& f : log.fields) {
      auto it = optional.find(f.name);
      optional[f.name] = (it == optional.end() ? true : it->second) && f.optional;
    }
  std::set<std::string> out;
  for (auto& [name, opt] : optional)
    if (opt) out.insert(name);
  return out;
}

bool balanced(const std::string& line) {
  std::string stack;
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '"') in_string = !in_string;
    if (in_string) continue;
    if (c == '(' || c == '[' || c == '{') stack += c;
    if (c == ')' || c == ']' || c == '}') {
      char open = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (stack.empty() || stack.back() != open) return false;
      stack.pop_back();
    }
  }
  return stack.empty() && !in_string;
}

}  // namespace

TEST_CASE("generated scripts balance their brackets and guard optional fields") {
  auto optional = always_optional_fields();
  REQUIRE(optional.count("user_agent"));
  std::regex read(R"(rec\$([A-Za-z_]+))");
  int scripts = 0;
  for (auto& e : std::filesystem::directory_iterator(test::zeek_fixtures())) {
    if (e.path().extension() != ".zeek") continue;
    ++scripts;
    std::string text = test::read_file(e.path());
    CAPTURE(e.path().filename().string());
    std::string code_text;  // the script without its comment lines
    std::istringstream lines(text);
    std::string line;
    std::string guard;  // an `if ( ... )` line guards the statement on the next line
    while (std::getline(lines, line)) {
      size_t first = line.find_first_not_of("\t ");
      if (first == std::string::npos || line[first] == '#') continue;
      code_text += line + "\n";
      CAPTURE(line);
      for (auto it = std::sregex_iterator(line.begin(), line.end(), read);
           it != std::sregex_iterator(); ++it) {
        std::string field = (*it)[1];
        if (!optional.count(field)) continue;
        size_t at = static_cast<size_t>(it->position());
        CAPTURE(field);  // read on this line without a ?$ test before it
        CHECK((line.rfind("rec?$" + field, at) != std::string::npos ||
               guard.find("rec?$" + field) != std::string::npos));
      }
      bool is_if = line.compare(first, 4, "if (") == 0 && line.back() == ')';
      guard = is_if ? line : "";
    }
    CHECK(balanced(code_text));
  }
  CHECK(scripts >= 15);
}
