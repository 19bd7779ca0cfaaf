#include "cli/check_driver.h"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <thread>

#include "config/apply_config.h"
#include "config/config_diagnostics.h"
#include "config/file_policy.h"
#include "input/input_codes.h"
#include "input/read.h"
#include "input/walk.h"
#include "lint/catalogue.h"
#include "lint/rule.h"
#include "sema/binder.h"
#include "syntax/parser.h"

namespace kql::cli {
namespace {

// A query is a custom detection when its config lists the file, or its own metadata says so
// (a `// kind: detection` header, or a Sentinel YAML `kind: Scheduled`/`NRT` rule).
bool is_detection_query(const Query& q, const Config& config, const std::string& path) {
  if (is_detection(config, path)) return true;
  for (const auto& [key, value] : q.metadata) {
    if (key != "kind") continue;
    std::string v;
    for (char c : value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v == "detection" || v == "scheduled" || v == "nrt") return true;
  }
  return false;
}

}  // namespace

size_t CheckResult::query_count() const {
  size_t n = 0;
  for (const auto& f : files) n += f.queries.size();
  return n;
}

const std::vector<RuleDescriptor>& all_rule_descriptors() {
  static const std::vector<RuleDescriptor> rules = [] {
    std::vector<RuleDescriptor> v;
    v.push_back({"KQL0001", "syntax-error", "The query does not parse as KQL",
                 "Kusto rejects a query that does not parse; the rule never runs.", "",
                 Severity::Error});
    // The input layer's codes with the severity it reports them at.
    const std::pair<const input_codes::Code*, Severity> input[] = {
        {&input_codes::kInvalidUtf8, Severity::Error},
        {&input_codes::kNulByte, Severity::Error},
        {&input_codes::kInvalidYaml, Severity::Error},
        {&input_codes::kNoQuery, Severity::Info},
        {&input_codes::kInvalidQueryField, Severity::Error},
        {&input_codes::kUnterminatedFence, Severity::Warning},
        {&input_codes::kFoldedComment, Severity::Warning},
        {&input_codes::kUnmappedYamlScalar, Severity::Warning}};
    for (const auto& [c, severity] : input)
      v.push_back(
          {c->code, c->name, "A problem reading or extracting the rule file", "", "", severity});
    for (const auto& d : lint::catalogue())
      v.push_back({d.code, d.name, d.summary, d.rationale, "", d.severity});
    for (const auto& r : config_rule_descriptors()) v.push_back(r);
    return v;
  }();
  return rules;
}

CheckDriver::CheckDriver(CheckOptions options)
    : options_(std::move(options)),
      resolver_(all_rule_descriptors(),
                options_.config_path ? std::optional<std::filesystem::path>(*options_.config_path)
                                     : std::nullopt) {}

CheckResult CheckDriver::load() {
  CheckResult result;
  WalkResult walk = collect_rule_files(options_.paths);
  for (const auto& e : walk.errors) result.path_errors.push_back(e.path + ": " + e.message);
  for (const auto& path : walk.files) {
    const std::string display = path == "-" ? options_.stdin_filename : path;
    const Config& config = resolver_.for_file(display, result.diagnostics);
    ReadResult read = path == "-" ? read_source_stream(std::cin, display) : read_source_file(path);
    if (!read.file) {
      result.path_errors.push_back(read.error);
      continue;
    }
    LoadedFile loaded;
    loaded.file = std::move(read.file);
    loaded.config = &config;
    ExtractOptions extract;
    if (auto s = options_.split ? options_.split : parse_split_mode(config.split))
      extract.split = *s;
    // stdin has no extension: treat it by the name it is given, defaulting to KQL.
    FileKind kind = file_kind_for_path(loaded.file->path());
    if (kind == FileKind::Unknown) kind = FileKind::Kql;
    loaded.queries = extract_queries(*loaded.file, kind, extract, result.diagnostics);
    result.files.push_back(std::move(loaded));
  }
  if (!resolver_.ok()) result.config_error = true;
  return result;
}

schema::Profile CheckDriver::profile_for(const Config& config) const {
  const std::string& name = options_.platform ? *options_.platform : config.platform;
  return schema::parse_profile(name).value_or(schema::Profile::Mde);
}

const schema::Schema& CheckDriver::schema_for(const Config& config, std::vector<Diagnostic>& diags,
                                              bool& failed) {
  auto it = schemas_.find(&config);
  if (it != schemas_.end()) return *it->second;
  auto schema = std::make_unique<schema::Schema>(profile_for(config));
  for (const auto& ext : config.schema) {
    for (auto& d : schema->load_extension(ext.string())) {
      if (d.severity == Severity::Error) failed = true;
      diags.push_back(std::move(d));
    }
  }
  return *schemas_.emplace(&config, std::move(schema)).first->second;
}

// One file's queries: parse, bind and lint each, then apply the file's suppressions and policy.
// Reads only shared immutable state (the schema's lazy parts are loaded under its own locks,
// the parser keeps one engine per thread), so files are checked on several threads.
void CheckDriver::check_file(const LoadedFile& f, const schema::Schema* schema,
                             std::vector<Diagnostic>& own) const {
  const Config& config = *f.config;
  lint::LintSettings settings;
  if (schema) settings.profile = schema->profile();
  for (const auto& q : f.queries) {
    QueryDiagnostics diags(q, own);
    ParseResult parsed = parse_query(q, diags);
    if (!schema || !parsed.ok) continue;
    settings.detection = is_detection_query(q, config, f.file->path());
    sema::SemanticModel model = sema::bind(*parsed.tree, *schema);
    lint::LintContext ctx{q, *parsed.tree, *schema, model, settings, diags};
    lint::run_lints(ctx);
  }
  // Syntax-only runs skip the rules, so suppressions would all look unused: no policy then.
  if (!options_.syntax_only)
    apply_file_policy(*f.file, f.queries, own, config, all_rule_descriptors());
}

void CheckDriver::check(CheckResult& result) {
  // Input and config diagnostics collected while loading; each file takes its own.
  std::vector<Diagnostic> pending = std::move(result.diagnostics);
  result.diagnostics.clear();
  std::vector<bool> taken(pending.size(), false);
  const size_t n = result.files.size();
  std::vector<std::vector<Diagnostic>> own(n);
  std::vector<const schema::Schema*> schemas(n, nullptr);
  for (size_t k = 0; k < n; ++k) {
    auto& f = result.files[k];
    for (size_t i = 0; i < pending.size(); ++i) {
      if (!taken[i] && pending[i].file == f.file.get()) {
        own[k].push_back(std::move(pending[i]));
        taken[i] = true;
      }
    }
    // Schemas (and their extension files) are resolved here, in file order, before any thread
    // starts: their diagnostics stay deterministic and the map is never written concurrently.
    if (!options_.syntax_only) schemas[k] = &schema_for(*f.config, own[k], result.config_error);
  }

  // Files are handed out one at a time from a shared counter; results land in their file's
  // slot, so the output order does not depend on scheduling.
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t k = next++; k < n; k = next++) check_file(result.files[k], schemas[k], own[k]);
  };
  unsigned jobs = options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, n));
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  for (size_t k = 0; k < n; ++k) {
    const Config& config = *result.files[k].config;
    Severity fail_on = options_.fail_on ? *options_.fail_on : config.fail_on;
    for (auto& d : own[k]) {
      if (fails_run(d, fail_on)) result.failed = true;
      result.diagnostics.push_back(std::move(d));
    }
  }
  // What no file took: config problems, which fail the run (exit 2) when they are errors.
  for (size_t i = 0; i < pending.size(); ++i) {
    if (taken[i]) continue;
    if (pending[i].severity == Severity::Error) result.config_error = true;
    result.diagnostics.push_back(std::move(pending[i]));
  }
}

}  // namespace kql::cli
