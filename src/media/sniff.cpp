#include "media/sniff.h"

#include <zlib.h>

#include <climits>
#include <cstdint>

namespace media
{

namespace
{

constexpr std::string_view jpeg_magic{"\xFF\xD8\xFF", 3};
constexpr std::string_view jpeg_soi{"\xFF\xD8", 2};
constexpr std::string_view jpeg_eoi{"\xFF\xD9", 2};
constexpr std::string_view jpeg_sos{"\xFF\xDA", 2};
constexpr std::string_view png_signature{"\x89PNG\r\n\x1A\n", 8};
constexpr std::string_view pdf_magic{"%PDF-"};
constexpr std::string_view exif_header{"Exif\0\0", 6};
constexpr std::string_view jfif_header{"JFIF\0", 5};
constexpr std::string_view adobe_header{"Adobe"};

constexpr unsigned char marker_tem = 0x01;
constexpr unsigned char marker_soi = 0xD8;
constexpr unsigned char marker_eoi = 0xD9;
constexpr unsigned char marker_sos = 0xDA;
constexpr unsigned char marker_app0 = 0xE0;
constexpr unsigned char marker_app1 = 0xE1;
constexpr unsigned char marker_app14 = 0xEE;
constexpr unsigned char marker_app15 = 0xEF;
constexpr unsigned char marker_com = 0xFE;

constexpr std::uint32_t tiff_magic = 42;
constexpr std::uint32_t tiff_orientation_tag = 0x0112;
constexpr std::uint32_t tiff_short_type = 3;
constexpr std::size_t tiff_entry_size = 12;

constexpr std::size_t png_chunk_overhead = 12; // length, type, CRC
constexpr std::size_t max_padding = 16;

unsigned byte_at(std::string_view bytes, std::size_t offset)
{
    return static_cast<unsigned char>(bytes[offset]);
}

// The caller has checked that offset + 2 <= bytes.size().
std::uint32_t be16(std::string_view bytes, std::size_t offset)
{
    return (byte_at(bytes, offset) << 8) | byte_at(bytes, offset + 1);
}

// The caller has checked that offset + 4 <= bytes.size().
std::uint32_t be32(std::string_view bytes, std::size_t offset)
{
    return (be16(bytes, offset) << 16) | be16(bytes, offset + 2);
}

bool is_padding(char c)
{
    return c == '\0' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Some uploaders and editors append a few NUL or newline bytes after the end marker.
std::string_view without_padding(std::string_view bytes)
{
    for (std::size_t stripped = 0; stripped < max_padding && !bytes.empty(); ++stripped) {
        if (!is_padding(bytes.back())) {
            break;
        }
        bytes.remove_suffix(1);
    }
    return bytes;
}

std::optional<std::pair<int, int>> positive_size(std::uint32_t width, std::uint32_t height)
{
    if (width == 0 || height == 0 || width > INT_MAX || height > INT_MAX) {
        return std::nullopt;
    }
    return std::pair{static_cast<int>(width), static_cast<int>(height)};
}

// --- JPEG ----------------------------------------------------------------------------------

bool is_standalone_marker(unsigned marker)
{
    return marker == marker_tem || (marker >= 0xD0 && marker <= 0xD7); // TEM, RST0-7
}

bool is_segment_marker(unsigned marker)
{
    return marker >= 0xC0 && marker != marker_soi && marker != marker_eoi &&
           !is_standalone_marker(marker);
}

// SOF0..SOF15 share the C0-CF range with DHT (C4), JPG (C8) and DAC (CC).
bool is_start_of_frame(unsigned marker)
{
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

std::optional<std::pair<int, int>> jpeg_declared_size(std::string_view jpeg)
{
    JpegSegments segments(jpeg);
    while (const auto segment = segments.next()) {
        if (!is_start_of_frame(segment->marker)) {
            continue;
        }
        // SOFn payload: precision (1 byte), height (2), width (2), components...
        if (segment->payload.size() < 5) {
            return std::nullopt;
        }
        return positive_size(be16(segment->payload, 3), be16(segment->payload, 1));
    }
    return std::nullopt;
}

bool is_metadata(const JpegSegment& segment)
{
    if (segment.marker == marker_com) {
        return true;
    }
    if (segment.marker < marker_app0 || segment.marker > marker_app15) {
        return false;
    }
    // JFIF carries the pixel density; Adobe APP14 the colour transform the decoder needs.
    const bool jfif = segment.marker == marker_app0 && segment.payload.starts_with(jfif_header);
    const bool adobe = segment.marker == marker_app14 && segment.payload.starts_with(adobe_header);
    return !jfif && !adobe;
}

// --- EXIF (a TIFF structure inside APP1) -----------------------------------------------------

class TiffReader
{
public:
    TiffReader(std::string_view tiff, bool little_endian) : bytes_(tiff), little_(little_endian) {}

    std::optional<std::uint32_t> u16(std::size_t offset) const { return read(offset, 2); }
    std::optional<std::uint32_t> u32(std::size_t offset) const { return read(offset, 4); }

private:
    std::optional<std::uint32_t> read(std::size_t offset, std::size_t width) const
    {
        if (offset > bytes_.size() || bytes_.size() - offset < width) {
            return std::nullopt;
        }
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            value = (value << 8) | byte_at(bytes_, offset + (little_ ? width - 1 - i : i));
        }
        return value;
    }

    std::string_view bytes_;
    bool little_;
};

std::optional<int> tiff_orientation(std::string_view tiff)
{
    const std::string_view byte_order = tiff.substr(0, 2);
    if (byte_order != "II" && byte_order != "MM") {
        return std::nullopt;
    }
    const TiffReader reader(tiff, byte_order == "II");
    const auto ifd0 = reader.u32(4);
    const auto count = ifd0 ? reader.u16(*ifd0) : std::nullopt;
    if (reader.u16(2) != tiff_magic || !count) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < *count; ++i) {
        const std::size_t entry = std::size_t{*ifd0} + 2 + i * tiff_entry_size;
        const auto tag = reader.u16(entry);
        if (!tag) {
            return std::nullopt;
        }
        if (*tag != tiff_orientation_tag) {
            continue;
        }
        const auto value = reader.u16(entry + 8);
        if (reader.u16(entry + 2) != tiff_short_type || reader.u32(entry + 4) != 1u || !value ||
            *value < 1 || *value > 8) {
            return std::nullopt;
        }
        return static_cast<int>(*value);
    }
    return std::nullopt;
}

// --- PNG -----------------------------------------------------------------------------------

bool is_ascii_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool is_valid_chunk_type(std::string_view type)
{
    for (const char c : type) {
        if (!is_ascii_letter(c)) {
            return false;
        }
    }
    return true;
}

// An upper-case first letter marks a chunk a decoder may not skip.
bool is_critical_chunk(std::string_view type)
{
    return type[0] >= 'A' && type[0] <= 'Z';
}

bool is_needed_chunk(std::string_view type)
{
    return type == "IHDR" || type == "PLTE" || type == "tRNS" || type == "IDAT" || type == "IEND";
}

bool has_valid_crc(std::string_view type_and_data, std::uint32_t expected)
{
    const auto* data = reinterpret_cast<const Bytef*>(type_and_data.data());
    return crc32(0L, data, static_cast<uInt>(type_and_data.size())) == expected;
}

std::optional<std::pair<int, int>> png_declared_size(std::string_view png)
{
    // Signature, then the IHDR chunk: length 13, "IHDR", width, height.
    constexpr std::size_t ihdr = png_signature.size();
    if (png.size() < ihdr + 16 || be32(png, ihdr) != 13 || png.substr(ihdr + 4, 4) != "IHDR") {
        return std::nullopt;
    }
    return positive_size(be32(png, ihdr + 8), be32(png, ihdr + 12));
}

} // namespace

Kind sniff(std::string_view bytes)
{
    if (bytes.starts_with(jpeg_magic)) {
        return Kind::Jpeg;
    }
    if (bytes.starts_with(png_signature)) {
        return Kind::Png;
    }
    if (bytes.starts_with(pdf_magic)) {
        return Kind::Pdf;
    }
    return Kind::Unknown;
}

std::optional<std::pair<int, int>> declared_size(std::string_view bytes)
{
    switch (sniff(bytes)) {
    case Kind::Jpeg:
        return jpeg_declared_size(bytes);
    case Kind::Png:
        return png_declared_size(bytes);
    default:
        return std::nullopt;
    }
}

JpegSegments::JpegSegments(std::string_view bytes)
    : bytes_(bytes), position_(jpeg_soi.size()), done_(!bytes.starts_with(jpeg_soi))
{
}

std::optional<JpegSegment> JpegSegments::stop()
{
    done_ = true;
    return std::nullopt;
}

std::optional<JpegSegment> JpegSegments::next()
{
    if (done_ || position_ >= bytes_.size() || byte_at(bytes_, position_) != 0xFF) {
        return stop();
    }
    std::size_t at = position_;
    while (at < bytes_.size() && byte_at(bytes_, at) == 0xFF) {
        ++at; // fill bytes
    }
    if (at >= bytes_.size()) {
        return stop();
    }
    const std::size_t start = at - 1;
    const unsigned char marker = static_cast<unsigned char>(byte_at(bytes_, at++));
    if (is_standalone_marker(marker)) {
        position_ = at;
        return JpegSegment{marker, bytes_.substr(start, at - start), {}};
    }
    if (!is_segment_marker(marker) || bytes_.size() - at < 2) {
        return stop();
    }
    const std::size_t length = be16(bytes_, at); // counts itself
    if (length < 2 || length > bytes_.size() - at) {
        return stop();
    }
    position_ = at + length;
    done_ = marker == marker_sos;
    return JpegSegment{marker, bytes_.substr(start, position_ - start),
                       bytes_.substr(at + 2, length - 2)};
}

int exif_orientation(std::string_view jpeg)
{
    JpegSegments segments(jpeg);
    while (const auto segment = segments.next()) {
        if (segment->marker == marker_app1 && segment->payload.starts_with(exif_header)) {
            return tiff_orientation(segment->payload.substr(exif_header.size())).value_or(1);
        }
    }
    return 1;
}

bool jpeg_is_complete(std::string_view jpeg)
{
    const std::string_view data = without_padding(jpeg);
    return data.size() >= jpeg_soi.size() + jpeg_eoi.size() && data.starts_with(jpeg_soi) &&
           data.ends_with(jpeg_eoi);
}

std::optional<std::size_t> jpeg_end(std::string_view jpeg)
{
    JpegSegments segments(jpeg);
    bool scanning = false;
    while (const auto segment = segments.next()) {
        if (segment->marker == marker_sos) {
            scanning = true;
            break;
        }
    }
    if (!scanning) {
        return std::nullopt;
    }
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(jpeg[i]); };
    std::size_t i = segments.position();
    while (i + 1 < jpeg.size()) {
        if (byte(i) != 0xFF) {
            ++i;
            continue;
        }
        const unsigned char marker = byte(i + 1);
        if (marker == 0x00 || (marker >= 0xD0 && marker <= 0xD7)) {
            i += 2; // a stuffed 0xFF or a restart marker: still scan data
        } else if (marker == 0xFF) {
            ++i; // fill byte
        } else if (marker == 0xD9) {
            return i + 2;
        } else {
            // A segment between two scans (DHT, SOS, DQT, DRI…): skip it by its length.
            if (i + 3 >= jpeg.size()) {
                return std::nullopt;
            }
            const std::size_t length = (std::size_t{byte(i + 2)} << 8) | byte(i + 3);
            if (length < 2) {
                return std::nullopt;
            }
            i += 2 + length;
        }
    }
    return std::nullopt;
}

std::size_t jpeg_scan_count(std::string_view jpeg)
{
    std::size_t count = 0;
    for (std::size_t at = jpeg.find(jpeg_sos); at != std::string_view::npos;
         at = jpeg.find(jpeg_sos, at + jpeg_sos.size())) {
        ++count;
    }
    return count;
}

std::optional<std::string> jpeg_without_metadata(std::string_view jpeg)
{
    JpegSegments segments(jpeg);
    std::string kept(jpeg_soi);
    while (const auto segment = segments.next()) {
        if (segment->marker == marker_sos) {
            kept.append(jpeg.substr(segments.position() - segment->whole.size()));
            return kept;
        }
        if (!is_metadata(*segment)) {
            kept.append(segment->whole);
        }
    }
    return std::nullopt;
}

std::optional<std::string> png_essentials(std::string_view png)
{
    if (!png.starts_with(png_signature)) {
        return std::nullopt;
    }
    const std::string_view chunks = without_padding(png.substr(png_signature.size()));
    std::string kept(png_signature);
    std::size_t at = 0;
    while (chunks.size() - at >= png_chunk_overhead) {
        const std::size_t length = be32(chunks, at);
        if (length > chunks.size() - at - png_chunk_overhead) {
            return std::nullopt;
        }
        const std::string_view type = chunks.substr(at + 4, 4);
        const std::string_view whole = chunks.substr(at, length + png_chunk_overhead);
        const bool first = at == 0;
        at += whole.size();
        if (!is_valid_chunk_type(type) || first != (type == "IHDR") ||
            !has_valid_crc(whole.substr(4, 4 + length), be32(whole, 8 + length))) {
            return std::nullopt;
        }
        if (type == "IEND") {
            if (at != chunks.size()) {
                return std::nullopt;
            }
            kept.append(whole);
            return kept;
        }
        if (is_needed_chunk(type)) {
            kept.append(whole);
        } else if (is_critical_chunk(type)) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

} // namespace media
