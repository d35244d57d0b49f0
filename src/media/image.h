// Uploaded photos: checked, decoded with libgd, turned upright, scaled down and re-encoded as
// a JPEG that carries no metadata. Safe to call from several threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace media
{

// A refused upload. message() is a French sentence for the parent.
class Rejected : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
    std::string message() const { return what(); }
};

struct ImageLimits {
    std::size_t max_bytes = 5 * 1024 * 1024; // file size
    int max_side = 10000;                    // declared width/height, checked before decoding
    std::int64_t max_pixels = 40'000'000;    // declared width*height, checked before decoding
    int out_max_side = 800;                  // the re-encoded image fits in out_max_side²
    int jpeg_quality = 85;
};

struct Image {
    std::string bytes; // re-encoded JPEG, no metadata at all (no EXIF/GPS, no comments, no ICC)
    int width = 0;
    int height = 0;
};

// A size limit as the messages show it: "5 Mo", "512 Ko".
std::string size_label(std::size_t bytes);

// Checks the content is a JPEG or PNG within the limits, decodes it, applies the JPEG EXIF
// orientation, scales it down to fit out_max_side (never up), flattens transparency on white
// and re-encodes it as JPEG. Throws Rejected for anything else (wrong content, too big a file,
// too large declared dimensions, truncated or corrupt data, empty input).
Image reencode_photo(std::string_view bytes, const ImageLimits& limits = {});

} // namespace media
