#pragma once
// `kqlint parse --ast`: an indented, stable text rendering of a SyntaxTree that golden tests
// compare against. One node per line: its kind, its salient fields, and its span as
// [begin,end) byte offsets.
#include <string>

#include "syntax/ast.h"

namespace kql {
std::string print_tree(const ast::SyntaxTree& tree);
}
