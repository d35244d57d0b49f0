#include "export/zip.h"

#include <zlib.h>

#include <chrono>
#include <stdexcept>

namespace archive
{

namespace
{

constexpr std::uint32_t local_header_signature = 0x04034b50;
constexpr std::uint32_t central_header_signature = 0x02014b50;
constexpr std::uint32_t end_record_signature = 0x06054b50;
constexpr std::size_t local_header_size = 30;
constexpr std::size_t central_header_size = 46;
constexpr std::size_t end_record_size = 22;
// Offsets of the DOS time and date in a local header, written by finish().
constexpr std::size_t local_time_offset = 10;

constexpr std::uint16_t version_needed = 20;       // 2.0: deflate
constexpr std::uint16_t version_made_by = 0x031E;  // Unix, spec 3.0
constexpr std::uint16_t flag_utf8_name = 1u << 11; // general-purpose bit 11
constexpr std::uint16_t method_stored = 0;
constexpr std::uint16_t method_deflated = 8;
constexpr std::uint32_t regular_file_0644 = 0100644u << 16; // st_mode in the high half

constexpr std::size_t max_entries = 0xFFFF;
// 0xFFFFFFFF in a 32-bit field means "look in the ZIP64 extra field", so it is excluded.
constexpr std::uint64_t max_32 = 0xFFFFFFFE;
constexpr std::size_t max_name_size = 0xFFFF;

constexpr int deflate_level = 6;
constexpr int raw_deflate_window_bits = -15; // negative: no zlib header, as ZIP wants
constexpr int deflate_mem_level = 8;

void put16(std::string& out, std::uint16_t v)
{
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>(v >> 8);
}

void put32(std::string& out, std::uint32_t v)
{
    put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
    put16(out, static_cast<std::uint16_t>(v >> 16));
}

void patch16(std::string& out, std::size_t at, std::uint16_t v)
{
    out[at] = static_cast<char>(v & 0xFF);
    out[at + 1] = static_cast<char>(v >> 8);
}

bool is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

// True when `s` is well-formed UTF-8 (no overlong form, surrogate or code point above
// U+10FFFF) without any C0 or C1 control character or DEL.
bool valid_utf8_without_controls(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            low = c == 0xE0 ? 0xA0 : 0x80;
            high = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            low = c == 0xF0 ? 0x90 : 0x80;
            high = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (s.size() - i < length) {
            return false;
        }
        const auto second = static_cast<unsigned char>(s[i + 1]);
        if (second < low || second > high) {
            return false;
        }
        for (std::size_t k = 2; k < length; ++k) {
            if (!is_continuation(static_cast<unsigned char>(s[i + k]))) {
                return false;
            }
        }
        if (c == 0xC2 && second <= 0x9F) { // U+0080..U+009F, the C1 controls
            return false;
        }
        i += length;
    }
    return true;
}

// Throws std::invalid_argument unless `name` is a safe relative path: extracting it
// must never write outside the target folder, on Unix or on Windows.
void check_name(std::string_view name)
{
    if (name.empty()) {
        throw std::invalid_argument("zip: empty entry name");
    }
    if (name.size() > max_name_size) {
        throw std::length_error("zip: entry name too long");
    }
    if (name.find('\\') != std::string_view::npos) {
        throw std::invalid_argument("zip: backslash in entry name");
    }
    if (!valid_utf8_without_controls(name)) {
        throw std::invalid_argument("zip: entry name is not UTF-8 or has a control character");
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = name.find('/', start);
        const std::string_view part = name.substr(start, slash - start);
        if (part.empty() || part == "." || part == "..") {
            throw std::invalid_argument("zip: entry name is absolute or has an empty, '.' or "
                                        "'..' component");
        }
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
}

class Deflater
{
public:
    Deflater()
    {
        if (deflateInit2(&stream_, deflate_level, Z_DEFLATED, raw_deflate_window_bits,
                         deflate_mem_level, Z_DEFAULT_STRATEGY) != Z_OK) {
            throw std::runtime_error("zip: deflateInit2 failed");
        }
    }
    ~Deflater() { deflateEnd(&stream_); }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    // The raw deflate stream of `data` when it is strictly shorter than `data`, else "".
    // `data` is below 4 GiB, so its size fits zlib's 32-bit counters.
    std::string compress_if_smaller(std::string_view data)
    {
        if (data.size() < 2) {
            return {};
        }
        std::string out(data.size() - 1, '\0');
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        stream_.avail_in = static_cast<uInt>(data.size());
        stream_.next_out = reinterpret_cast<Bytef*>(out.data());
        stream_.avail_out = static_cast<uInt>(out.size());
        const int status = deflate(&stream_, Z_FINISH);
        if (status == Z_STREAM_END) {
            out.resize(stream_.total_out);
            return out;
        }
        if (status == Z_OK || status == Z_BUF_ERROR) { // ran out of room: not smaller
            return {};
        }
        throw std::runtime_error("zip: deflate failed");
    }

private:
    z_stream stream_{};
};

} // namespace

void ZipWriter::add(std::string_view name, std::string_view data, bool compress)
{
    if (finished_) {
        throw std::logic_error("zip: add() after finish()");
    }
    check_name(name);
    if (names_.find(name) != names_.end()) {
        throw std::invalid_argument("zip: duplicate entry name");
    }
    if (entries_.size() >= max_entries) {
        throw std::length_error("zip: more than 65535 entries needs ZIP64");
    }
    if (data.size() > max_32) {
        throw std::length_error("zip: entry of 4 GiB or more needs ZIP64");
    }

    Entry entry;
    entry.name = std::string(name);
    entry.size = static_cast<std::uint32_t>(data.size());
    entry.crc = static_cast<std::uint32_t>(crc32(crc32(0L, Z_NULL, 0),
                                                 reinterpret_cast<const Bytef*>(data.data()),
                                                 static_cast<uInt>(data.size())));
    std::string deflated = compress ? Deflater().compress_if_smaller(data) : std::string();
    const bool deflate_kept = !deflated.empty();
    const std::string_view stored = deflate_kept ? std::string_view(deflated) : data;
    entry.method = deflate_kept ? method_deflated : method_stored;
    entry.compressed_size = static_cast<std::uint32_t>(stored.size());

    // Everything the archive will hold once this entry is in, central directory included,
    // must stay addressable by 32-bit offsets.
    const std::uint64_t entry_directory_size = central_header_size + name.size();
    const std::uint64_t total = body_.size() + local_header_size + name.size() + stored.size() +
                                directory_size_ + entry_directory_size + end_record_size;
    if (total > max_32) {
        throw std::length_error("zip: archive of 4 GiB or more needs ZIP64");
    }
    entry.header_offset = static_cast<std::uint32_t>(body_.size());

    // Strong guarantee: a failed add() leaves the writer as it was.
    entries_.push_back(std::move(entry));
    const Entry& added = entries_.back();
    const std::size_t old_size = body_.size();
    try {
        names_.emplace(added.name);
        put32(body_, local_header_signature);
        put16(body_, version_needed);
        put16(body_, flag_utf8_name);
        put16(body_, added.method);
        put16(body_, 0); // time, written by finish()
        put16(body_, 0); // date, written by finish()
        put32(body_, added.crc);
        put32(body_, added.compressed_size);
        put32(body_, added.size);
        put16(body_, static_cast<std::uint16_t>(name.size()));
        put16(body_, 0); // extra field length
        body_.append(name);
        body_.append(stored);
    } catch (...) {
        body_.resize(old_size);
        names_.erase(added.name);
        entries_.pop_back();
        throw;
    }
    directory_size_ += entry_directory_size;
}

void ZipWriter::set_time(int year, int month, int day, int hour, int minute, int second)
{
    if (year < 1980 || year > 2107 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 ||
        hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        throw std::invalid_argument("zip: date or time out of the DOS range");
    }
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        throw std::invalid_argument("zip: no such date");
    }
    dos_date_ = static_cast<std::uint16_t>(((year - 1980) << 9) | (month << 5) | day);
    dos_time_ = static_cast<std::uint16_t>((hour << 11) | (minute << 5) | (second / 2));
}

std::string ZipWriter::finish()
{
    if (finished_) {
        throw std::logic_error("zip: finish() called twice");
    }
    finished_ = true;

    std::string out = std::move(body_);
    body_.clear();
    for (const Entry& e : entries_) {
        patch16(out, e.header_offset + local_time_offset, dos_time_);
        patch16(out, e.header_offset + local_time_offset + 2, dos_date_);
    }

    const auto directory_offset = static_cast<std::uint32_t>(out.size());
    for (const Entry& e : entries_) {
        put32(out, central_header_signature);
        put16(out, version_made_by);
        put16(out, version_needed);
        put16(out, flag_utf8_name);
        put16(out, e.method);
        put16(out, dos_time_);
        put16(out, dos_date_);
        put32(out, e.crc);
        put32(out, e.compressed_size);
        put32(out, e.size);
        put16(out, static_cast<std::uint16_t>(e.name.size()));
        put16(out, 0); // extra field length
        put16(out, 0); // comment length
        put16(out, 0); // disk number start
        put16(out, 0); // internal attributes
        put32(out, regular_file_0644);
        put32(out, e.header_offset);
        out.append(e.name);
    }
    const auto directory_size = static_cast<std::uint32_t>(out.size() - directory_offset);

    put32(out, end_record_signature);
    put16(out, 0); // this disk
    put16(out, 0); // disk where the central directory starts
    put16(out, static_cast<std::uint16_t>(entries_.size()));
    put16(out, static_cast<std::uint16_t>(entries_.size()));
    put32(out, directory_size);
    put32(out, directory_offset);
    put16(out, 0); // comment length
    return out;
}

} // namespace archive
