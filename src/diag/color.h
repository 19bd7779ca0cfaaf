#pragma once
// Whether text output is coloured: `--color auto|always|never`. Auto colours only a
// terminal, and honours the NO_COLOR convention and TERM=dumb.
#include <optional>
#include <string_view>

namespace kql {

enum class ColorMode { Auto, Always, Never };

std::optional<ColorMode> parse_color_mode(std::string_view text);

// Resolves the mode for output going to file descriptor `fd` (1 for stdout).
bool should_color(ColorMode mode, int fd);

}  // namespace kql
