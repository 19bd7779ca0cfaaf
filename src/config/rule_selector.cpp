#include "config/rule_selector.h"

#include <algorithm>
#include <cctype>

namespace kql {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

constexpr int kExact = 1000;

}  // namespace

int selector_specificity(std::string_view selector, std::string_view code, std::string_view name) {
  if (selector.empty()) return 0;
  if (iequals(selector, code) || selector == name) return kExact;
  if (iequals(selector, "all")) return 1;
  if (selector.size() >= 3 && istarts_with(selector, "KQL") && istarts_with(code, selector))
    return 1 + static_cast<int>(selector.size());
  std::string_view stem =
      selector.back() == '-' ? selector.substr(0, selector.size() - 1) : selector;
  if (!stem.empty() && name.size() > stem.size() && name.substr(0, stem.size()) == stem &&
      name[stem.size()] == '-')
    return 1 + static_cast<int>(stem.size());
  return 0;
}

bool selector_is_known(std::string_view selector, const std::vector<RuleDescriptor>& rules) {
  if (iequals(selector, "all")) return true;
  return std::any_of(rules.begin(), rules.end(), [&](const RuleDescriptor& r) {
    return selector_specificity(selector, r.code, r.name) > 0;
  });
}

bool is_protected_code(std::string_view code) { return istarts_with(code, "KQL00"); }

}  // namespace kql
