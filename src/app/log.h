// Log lines on stderr (the journal in production). Never pass a password, token or code.
#pragma once

#include <string>
#include <string_view>

namespace app::log
{

enum class Level { Debug, Info, Warn, Error };

void set_level(Level level);
bool parse_level(std::string_view text, Level& out);
bool enabled(Level level);
// One line, written atomically: "<time> <level> <text>".
// Writes one line; control characters in `text` are written as \xNN, so that nothing a
// client sent (a path, a header) can start a forged line or move a terminal's cursor.
void write(Level level, std::string_view text);
// `text` with its control characters (below 0x20, and 0x7F) written as \xNN.
std::string one_line(std::string_view text);

inline void info(std::string_view text)
{
    write(Level::Info, text);
}
inline void warn(std::string_view text)
{
    write(Level::Warn, text);
}
inline void error(std::string_view text)
{
    write(Level::Error, text);
}

} // namespace app::log
