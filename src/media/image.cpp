#include "media/image.h"

#include "media/sniff.h"

#include <gd.h>
#include <gd_errors.h>

#include <algorithm>
#include <climits>
#include <cstdarg>
#include <memory>
#include <mutex>
#include <new>
#include <utility>

namespace media
{

namespace
{

const char* const empty_file = "Le fichier est vide.";
const char* const not_an_image = "Le fichier n'est pas une image JPEG ou PNG.";
const char* const unreadable = "L'image est illisible ou incomplète.";
const char* const too_many_pixels = "Les dimensions de l'image sont trop grandes.";

// Real progressive JPEGs have about ten scans; thousands of them make decoding crawl.
constexpr std::size_t max_jpeg_scans = 100;

struct ImageDeleter {
    void operator()(gdImagePtr image) const { gdImageDestroy(image); }
};
using ImagePtr = std::unique_ptr<gdImage, ImageDeleter>;

struct GdBufferDeleter {
    void operator()(void* buffer) const { gdFree(buffer); }
};

// --- libgd messages --------------------------------------------------------------------------

// libgd reports through one process-wide callback; counting per thread keeps concurrent
// decodes from seeing each other's warnings.
thread_local int gd_complaints = 0;

void count_gd_complaint(int priority, const char*, va_list)
{
    if (priority <= GD_WARNING) {
        ++gd_complaints;
    }
}

void silence_gd()
{
    static std::once_flag once;
    std::call_once(once, [] { gdSetErrorMethod(count_gd_complaint); });
}

// --- checks before decoding ------------------------------------------------------------------

Kind checked_kind(std::string_view bytes, const ImageLimits& limits)
{
    if (bytes.empty()) {
        throw Rejected(empty_file);
    }
    if (bytes.size() > limits.max_bytes || bytes.size() > INT_MAX) {
        throw Rejected("L'image est trop grande (" + size_label(limits.max_bytes) + " au plus).");
    }
    const Kind kind = sniff(bytes);
    if (kind != Kind::Jpeg && kind != Kind::Png) {
        throw Rejected(not_an_image);
    }
    return kind;
}

std::pair<int, int> checked_size(std::string_view bytes, const ImageLimits& limits)
{
    const auto size = declared_size(bytes);
    if (!size) {
        throw Rejected(unreadable);
    }
    const auto [width, height] = *size;
    if (width > limits.max_side || height > limits.max_side ||
        std::int64_t{width} * height > limits.max_pixels) {
        throw Rejected(too_many_pixels);
    }
    return *size;
}

// --- decoding --------------------------------------------------------------------------------

ImagePtr decode_png(std::string_view bytes)
{
    auto essentials = png_essentials(bytes);
    if (!essentials) {
        throw Rejected(unreadable);
    }
    return ImagePtr(
        gdImageCreateFromPngPtr(static_cast<int>(essentials->size()), essentials->data()));
}

ImagePtr decode_jpeg(std::string_view bytes)
{
    // Only the picture is decoded: what a phone (or anyone) appended after its EOI is dropped,
    // and the re-encoding keeps none of it.
    if (const auto end = jpeg_end(bytes)) {
        bytes = bytes.substr(0, *end);
    }
    if (!jpeg_is_complete(bytes) || jpeg_scan_count(bytes) > max_jpeg_scans) {
        throw Rejected(unreadable);
    }
    // A dynamic context opened by libgd with freeOK=0 only reads the buffer.
    void* data = const_cast<char*>(bytes.data());
    // ignore_warning=0: libjpeg's warnings (corrupt or missing data) reach count_gd_complaint.
    return ImagePtr(gdImageCreateFromJpegPtrEx(static_cast<int>(bytes.size()), data, 0));
}

// A libjpeg warning means part of the picture was guessed (grey fill, skipped bytes): refuse
// rather than keep it. libpng errors reach the same count; its warnings are not routed by libgd.
ImagePtr decode(Kind kind, std::string_view bytes, std::pair<int, int> expected_size)
{
    silence_gd();
    const int complaints_before = gd_complaints;
    ImagePtr image = kind == Kind::Png ? decode_png(bytes) : decode_jpeg(bytes);
    if (!image || gd_complaints != complaints_before ||
        std::pair{gdImageSX(image.get()), gdImageSY(image.get())} != expected_size) {
        throw Rejected(unreadable);
    }
    return image;
}

// --- transformations -------------------------------------------------------------------------

ImagePtr create_canvas(int width, int height)
{
    ImagePtr canvas(gdImageCreateTrueColor(width, height));
    if (!canvas) {
        throw std::bad_alloc();
    }
    return canvas;
}

int channel_over_white(int channel, int alpha)
{
    return (channel * (gdAlphaMax - alpha) + 255 * alpha + gdAlphaMax / 2) / gdAlphaMax;
}

int color_over_white(int red, int green, int blue, int alpha)
{
    return gdTrueColor(channel_over_white(red, alpha), channel_over_white(green, alpha),
                       channel_over_white(blue, alpha));
}

// In place, before scaling: averaging a transparent (often black) pixel with its neighbours
// would otherwise darken the edges.
void flatten_on_white(gdImage& image)
{
    if (image.trueColor) {
        for (int y = 0; y < image.sy; ++y) {
            for (int x = 0; x < image.sx; ++x) {
                int& pixel = image.tpixels[y][x];
                const int alpha =
                    pixel == image.transparent ? gdAlphaTransparent : gdTrueColorGetAlpha(pixel);
                pixel = color_over_white(gdTrueColorGetRed(pixel), gdTrueColorGetGreen(pixel),
                                         gdTrueColorGetBlue(pixel), alpha);
            }
        }
        image.transparent = -1;
        return;
    }
    for (int c = 0; c < gdMaxColors; ++c) {
        const int alpha = c == image.transparent ? gdAlphaTransparent : image.alpha[c];
        const int flat = color_over_white(image.red[c], image.green[c], image.blue[c], alpha);
        image.red[c] = gdTrueColorGetRed(flat);
        image.green[c] = gdTrueColorGetGreen(flat);
        image.blue[c] = gdTrueColorGetBlue(flat);
        image.alpha[c] = gdAlphaOpaque;
    }
    image.transparent = -1;
}

std::pair<int, int> fitted_size(int width, int height, int max_side)
{
    const int longest = std::max(width, height);
    if (longest <= max_side) {
        return {width, height};
    }
    const auto scaled = [&](int side) {
        const std::int64_t rounded = (std::int64_t{side} * max_side + longest / 2) / longest;
        return std::max(1, static_cast<int>(rounded));
    };
    return {scaled(width), scaled(height)};
}

// Always a new truecolor image, even at the same size, so what follows never sees a palette.
ImagePtr resampled(gdImage& source, std::pair<int, int> size)
{
    ImagePtr target = create_canvas(size.first, size.second);
    gdImageCopyResampled(target.get(), &source, 0, 0, 0, 0, size.first, size.second, source.sx,
                         source.sy);
    return target;
}

struct Point {
    int x;
    int y;
};

// Where the pixel displayed at (x, y) is stored, for EXIF orientation 1-8 of a stored
// width x height image.
Point stored_position(int orientation, int x, int y, int width, int height)
{
    switch (orientation) {
    case 2: // mirrored
        return {width - 1 - x, y};
    case 3: // upside down
        return {width - 1 - x, height - 1 - y};
    case 4: // mirrored upside down
        return {x, height - 1 - y};
    case 5: // transposed
        return {y, x};
    case 6: // to turn 90° clockwise
        return {y, height - 1 - x};
    case 7: // transversed
        return {width - 1 - y, height - 1 - x};
    case 8: // to turn 90° counter-clockwise
        return {width - 1 - y, x};
    default:
        return {x, y};
    }
}

// Both images are truecolor (see resampled).
ImagePtr upright(ImagePtr stored, int orientation)
{
    if (orientation < 2 || orientation > 8) {
        return stored;
    }
    const int width = gdImageSX(stored.get());
    const int height = gdImageSY(stored.get());
    const bool sideways = orientation >= 5;
    ImagePtr shown = create_canvas(sideways ? height : width, sideways ? width : height);
    for (int y = 0; y < shown->sy; ++y) {
        for (int x = 0; x < shown->sx; ++x) {
            const Point from = stored_position(orientation, x, y, width, height);
            shown->tpixels[y][x] = stored->tpixels[from.y][from.x];
        }
    }
    return shown;
}

// --- encoding --------------------------------------------------------------------------------

Image encode_jpeg(gdImage& image, int quality)
{
    int size = 0;
    const std::unique_ptr<void, GdBufferDeleter> buffer(gdImageJpegPtr(&image, &size, quality));
    if (!buffer || size <= 0) {
        throw std::runtime_error("media: JPEG encoding failed");
    }
    // libgd writes a "CREATOR: gd-jpeg" comment; drop it with anything else not needed.
    auto bare =
        jpeg_without_metadata(std::string_view(static_cast<const char*>(buffer.get()), size));
    if (!bare || !jpeg_is_complete(*bare)) {
        throw std::runtime_error("media: JPEG encoding produced an invalid file");
    }
    return Image{std::move(*bare), image.sx, image.sy};
}

} // namespace

std::string size_label(std::size_t bytes)
{
    constexpr std::size_t kibibyte = 1024;
    constexpr std::size_t mebibyte = kibibyte * kibibyte;
    if (bytes >= mebibyte) {
        return std::to_string(bytes / mebibyte) + " Mo";
    }
    return std::to_string(bytes / kibibyte) + " Ko";
}

Image reencode_photo(std::string_view bytes, const ImageLimits& limits)
{
    const Kind kind = checked_kind(bytes, limits);
    const auto size = checked_size(bytes, limits);
    ImagePtr decoded = decode(kind, bytes, size);
    if (kind == Kind::Png) {
        flatten_on_white(*decoded);
    }
    ImagePtr fitted =
        resampled(*decoded, fitted_size(size.first, size.second, limits.out_max_side));
    decoded.reset();
    const int orientation = kind == Kind::Jpeg ? exif_orientation(bytes) : 1;
    const ImagePtr shown = upright(std::move(fitted), orientation);
    return encode_jpeg(*shown, limits.jpeg_quality);
}

} // namespace media
