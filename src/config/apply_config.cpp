#include "config/apply_config.h"

#include <algorithm>

#include "config/glob.h"
#include "config/rule_selector.h"

namespace kql {
namespace {

int best_match(const std::vector<std::string>& selectors, std::string_view code,
               std::string_view name) {
  int best = 0;
  for (const std::string& s : selectors) best = std::max(best, selector_specificity(s, code, name));
  return best;
}

// `glob_path` is null for a diagnostic about no file in particular.
bool enabled_for_path(const Config& config, std::string_view code, std::string_view name,
                      const std::string* glob_path) {
  if (is_protected_code(code)) return true;
  int selected = config.select ? best_match(*config.select, code, name) : 1;
  int ignored = best_match(config.ignore, code, name);
  if (selected == 0 || ignored >= selected) return false;
  for (const PerFileIgnore& entry : config.per_file_ignores)
    if (glob_path && best_match(entry.rules, code, name) > 0 && glob_match(entry.glob, *glob_path))
      return false;
  return true;
}

}  // namespace

bool rule_enabled(const Config& config, std::string_view code, std::string_view name,
                  const std::filesystem::path& file) {
  std::string glob_path = path_for_globs(config, file);
  return enabled_for_path(config, code, name, &glob_path);
}

std::optional<Severity> effective_severity(const Config& config, std::string_view code,
                                           std::string_view name, Severity reported) {
  if (is_protected_code(code)) return reported;
  int best = 0;
  std::optional<Severity> result = reported;
  for (const SeveritySetting& setting : config.severity) {
    int score = selector_specificity(setting.selector, code, name);
    if (score > 0 && score >= best) {  // of equally specific entries, the later one wins
      best = score;
      result = setting.severity;
    }
  }
  return result;
}

void apply_config(std::vector<Diagnostic>& diags, const Config& config) {
  std::vector<Diagnostic> kept;
  kept.reserve(diags.size());
  for (Diagnostic& d : diags) {
    std::string glob_path = d.file ? path_for_globs(config, d.file->path()) : std::string();
    if (!enabled_for_path(config, d.code, d.name, d.file ? &glob_path : nullptr)) continue;
    std::optional<Severity> severity = effective_severity(config, d.code, d.name, d.severity);
    if (!severity) continue;
    d.severity = *severity;
    kept.push_back(std::move(d));
  }
  diags = std::move(kept);
}

bool fails_run(const Diagnostic& diag, Severity fail_on) {
  if (diag.severity == Severity::Error) return true;
  return fail_on == Severity::Warning && diag.severity == Severity::Warning;
}

}  // namespace kql
