#pragma once
// Writes a RulePlan as one self-contained Zeek script, in the layout of Zeek's own scripts:
// header comment, @loads, module, exported Notice::Type, helpers, zeek_init, handlers.
#include <string>

#include "backend/zeek/plan.h"

namespace kql::zeek {

std::string write_script(const RulePlan& plan);

}  // namespace kql::zeek
