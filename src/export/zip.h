// An in-memory ZIP writer for the family data export (RGPD): PKZIP 2.0 only — local
// headers, central directory, end record — so every unzip tool and OS can open it.
// No ZIP64: an export never comes near its limits, and refusing is better than a
// corrupt archive.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace archive
{

// Builds a ZIP archive in memory. Every entry is a regular file (mode 0644) whose
// name is UTF-8 (general-purpose bit 11); all entries share one modification time.
class ZipWriter
{
public:
    // Adds a file. `name` is relative, '/' separated, valid UTF-8: an empty name, a
    // leading or trailing '/', an empty, "." or ".." component, a backslash, a NUL or any
    // control character, or invalid UTF-8 throws std::invalid_argument, and so does a
    // name already added. `compress`: raw deflate (zlib level 6), kept only when smaller
    // than the data, stored otherwise (JPEG, PDF). Past 65535 entries, or when a size or
    // offset reaches 4 GiB, throws std::length_error. After finish(): std::logic_error.
    void add(std::string_view name, std::string_view data, bool compress = true);

    // Sets every entry's modification time (also those already added), local time as
    // DOS stores it: years 1980..2107, seconds rounded down to even. Default 1980-01-01
    // 00:00:00. An invalid date or time throws std::invalid_argument.
    void set_time(int year, int month, int day, int hour, int minute, int second);

    // The finished archive. Callable once; then add() and finish() throw std::logic_error.
    std::string finish();

private:
    struct Entry {
        std::string name;
        std::uint32_t crc = 0;
        std::uint32_t compressed_size = 0;
        std::uint32_t size = 0;
        std::uint16_t method = 0;
        std::uint32_t header_offset = 0;
    };

    std::vector<Entry> entries_;
    std::set<std::string, std::less<>> names_;
    std::string body_;                 // local headers and data, in order
    std::uint64_t directory_size_ = 0; // of the central directory finish() will write
    std::uint16_t dos_time_ = 0;
    std::uint16_t dos_date_ = (1 << 5) | 1; // 1980-01-01
    bool finished_ = false;
};

} // namespace archive
