#pragma once
// Diagnostic codes and names of the input layer (reading and extracting rule files).
// Codes are stable: tools and suppressions refer to them.
namespace kql::input_codes {

struct Code {
  const char* code;
  const char* name;
};

inline constexpr Code kInvalidUtf8{"KQL0002", "invalid-utf8"};
inline constexpr Code kNulByte{"KQL0003", "nul-byte"};
inline constexpr Code kInvalidYaml{"KQL0004", "invalid-yaml"};
// A file with nothing to check: empty .kql, YAML without a `query:` field (info).
inline constexpr Code kNoQuery{"KQL0005", "no-query"};
// A YAML `query:` field that is empty or not a string.
inline constexpr Code kInvalidQueryField{"KQL0006", "invalid-query-field"};
inline constexpr Code kUnterminatedFence{"KQL0007", "unterminated-fence"};
// A `//` comment inside a folded or plain YAML scalar: folding turns the line breaks after it
// into spaces, so the comment swallows the lines that follow it.
inline constexpr Code kFoldedComment{"KQL0008", "folded-comment"};
// The YAML scalar could not be mapped back to file lines; positions are approximate.
inline constexpr Code kUnmappedYamlScalar{"KQL0009", "unmapped-yaml-scalar"};

}  // namespace kql::input_codes
