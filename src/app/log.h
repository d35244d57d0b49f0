// Log lines on stderr (the journal in production). Never pass a password, token or code.
#pragma once

#include <string_view>

namespace app::log {

enum class Level { Debug, Info, Warn, Error };

void set_level(Level level);
bool parse_level(std::string_view text, Level& out);
bool enabled(Level level);
// One line, written atomically: "<time> <level> <text>".
void write(Level level, std::string_view text);

inline void info(std::string_view text) { write(Level::Info, text); }
inline void warn(std::string_view text) { write(Level::Warn, text); }
inline void error(std::string_view text) { write(Level::Error, text); }

} // namespace app::log
