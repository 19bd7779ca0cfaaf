// `kqlint rules [--format text|json]` lists the lint catalogue; `kqlint rule NAME` explains one
// rule with its rationale, evidence and examples (the same text the docs carry).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "lint/catalogue.h"

namespace kql::cli {
namespace {

nlohmann::json rule_json(const lint::RuleDoc& d) {
  return {{"code", d.code},
          {"name", d.name},
          {"severity", severity_name(d.severity)},
          {"category", d.category},
          {"summary", d.summary},
          {"rationale", d.rationale},
          {"evidence", d.evidence},
          {"fixable", d.fixable},
          {"detection_only", d.detection_only},
          {"hunting_only", d.hunting_only},
          {"bad", d.bad},
          {"good", d.good}};
}

void indent(std::ostream& out, const std::string& text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out << "    " << text.substr(start, end - start) << "\n";
    start = end + 1;
  }
}

}  // namespace

void register_rules(CLI::App& app, int& exit_code) {
  auto* list = app.add_subcommand("rules", "List the lint rules");
  auto format = std::make_shared<std::string>("text");
  list->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  list->callback([format] {
    if (*format == "json") {
      nlohmann::json all = nlohmann::json::array();
      for (const auto& d : lint::catalogue()) all.push_back(rule_json(d));
      std::cout << all.dump(2) << "\n";
      return;
    }
    for (const auto& d : lint::catalogue())
      std::cout << d.code << "  " << d.name << "  [" << severity_name(d.severity)
                << (d.fixable ? ", fixable" : "") << "]\n    " << d.summary << "\n";
  });

  auto* one = app.add_subcommand("rule", "Explain one lint rule");
  auto name = std::make_shared<std::string>();
  one->add_option("name", *name, "Rule name or code, e.g. enum-value-case or KQL1105")->required();
  one->callback([name, &exit_code] {
    const lint::RuleDoc* d = lint::find_rule(*name);
    if (!d) {
      std::cerr << "kqlint: no rule named '" << *name << "' (see `kqlint rules`)\n";
      exit_code = kUsage;
      return;
    }
    std::cout << d->code << " " << d->name << " (" << severity_name(d->severity) << ", "
              << d->category << (d->fixable ? ", fixable" : "") << ")\n\n"
              << d->summary << ".\n\n"
              << d->rationale << "\n\n";
    if (d->detection_only) std::cout << "Applies to rules marked as custom detections.\n\n";
    if (d->hunting_only) std::cout << "Off for rules marked as custom detections.\n\n";
    std::cout << "Evidence: " << d->evidence << "\n\nExample that triggers it:\n";
    indent(std::cout, d->bad);
    std::cout << "\nInstead:\n";
    indent(std::cout, d->good);
  });
}

}  // namespace kql::cli
