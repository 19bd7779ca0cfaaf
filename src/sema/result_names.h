#pragma once
// The column names KQL gives to unnamed expressions in extend/project/summarize, as
// Microsoft's binder infers them (checked against Kusto.Language with kqlcheck -r):
// `tostring(X)` -> X, `strlen(X)` -> strlen_X, `D.a` -> D_a, `dcount(X)` -> dcount_X,
// `make_set(X)` -> set_X, `count()` -> count_, `bin(T, 1h)` -> T, else Column1, Column2 ...
#include <string>
#include <vector>

#include "syntax/ast.h"

namespace kql::sema {

// The name inferred from a scalar expression, empty when it has none (-> ColumnN).
std::string inferred_name(const ast::Expr* e);

// The output column names of one aggregate call (several for percentiles(X, 50, 95));
// empty for arg_max/arg_min (the binder expands those) and for unknown calls.
std::vector<std::string> aggregate_names(const ast::Call& call);

}  // namespace kql::sema
