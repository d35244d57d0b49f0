// What an uploaded file is, read from its bytes alone: magic numbers and the JPEG/PNG
// structure, without decoding a pixel. Every read is bounds-checked; nothing here trusts a
// file name, a declared Content-Type or a length field inside the file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace media
{

enum class Kind { Unknown, Jpeg, Png, Pdf };

// By content (magic bytes) only, never by name or declared type.
Kind sniff(std::string_view bytes);

// Width and height from the PNG IHDR or the first JPEG SOFn, without decoding pixels.
// nullopt when the header is malformed or declares a zero side.
std::optional<std::pair<int, int>> declared_size(std::string_view bytes);

// One segment of a JPEG header: its marker and the bytes after its length field.
struct JpegSegment {
    unsigned char marker = 0;
    std::string_view whole;   // from the 0xFF before the marker to the end of the segment
    std::string_view payload; // empty for the standalone markers (TEM, RSTn)
};

// Walks a JPEG from after SOI up to and including SOS, skipping fill bytes.
class JpegSegments
{
public:
    explicit JpegSegments(std::string_view bytes);
    // nullopt after SOS, at EOI, or at the first malformed byte.
    std::optional<JpegSegment> next();
    // Offset just after the last segment returned (after SOS: the start of entropy data).
    std::size_t position() const { return position_; }

private:
    std::optional<JpegSegment> stop();

    std::string_view bytes_;
    std::size_t position_;
    bool done_ = false;
};

// The EXIF orientation (1-8) of a JPEG; 1 when absent or when the EXIF data is malformed.
int exif_orientation(std::string_view jpeg);

// True when the data ends with the EOI marker, after at most a few padding bytes (NUL or
// whitespace). libjpeg decodes a truncated file to a grey-filled image without failing.
bool jpeg_is_complete(std::string_view jpeg);

// Where the picture ends: the offset just after the EOI that closes the last scan, walking the
// entropy-coded data (stuffed bytes, restart markers) and the marker segments between the
// scans of a progressive JPEG. Phones append data after it (motion-photo videos, maker
// trailers); a decoder needs none of it. nullopt when no such EOI is found.
std::optional<std::size_t> jpeg_end(std::string_view jpeg);

// An upper bound on the number of scans (SOS markers) of a JPEG: every FF DA pair counts, as
// entropy-coded data never holds one. Each progressive scan costs a pass over the image.
std::size_t jpeg_scan_count(std::string_view jpeg);

// The JPEG with only the segments a decoder needs: APPn (except the JFIF APP0) and COM
// segments are dropped, so no EXIF, GPS, ICC profile or comment survives. nullopt if the
// header cannot be walked up to SOS.
std::optional<std::string> jpeg_without_metadata(std::string_view jpeg);

// The PNG rebuilt with only the chunks a decoder needs (IHDR, PLTE, tRNS, IDAT, IEND), so no
// text, EXIF or ICC chunk reaches libpng (whose warnings would go to stderr). nullopt unless
// every chunk length and CRC is right, IHDR comes first and IEND ends the file (after at most
// a few padding bytes), and no unknown critical chunk is present.
std::optional<std::string> png_essentials(std::string_view png);

} // namespace media
