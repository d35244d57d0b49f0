#include "media/image.h"

#include "media/sniff.h"

#include <boost/test/unit_test.hpp>

#include <gd.h>
#include <zlib.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace std::string_literals;

namespace
{

const std::string not_an_image = "Le fichier n'est pas une image JPEG ou PNG.";
const std::string unreadable = "L'image est illisible ou incomplète.";
const std::string too_many_pixels = "Les dimensions de l'image sont trop grandes.";

struct ImageDeleter {
    void operator()(gdImagePtr image) const { gdImageDestroy(image); }
};
using ImagePtr = std::unique_ptr<gdImage, ImageDeleter>;

const int red = gdTrueColor(220, 20, 20);
const int white = gdTrueColor(255, 255, 255);

ImagePtr filled(int width, int height, int color)
{
    ImagePtr image(gdImageCreateTrueColor(width, height));
    gdImageAlphaBlending(image.get(), 0);
    gdImageFilledRectangle(image.get(), 0, 0, width - 1, height - 1, color);
    return image;
}

// White, with a red top-left quarter: shows where the image's top-left corner ends up.
ImagePtr marked(int width, int height)
{
    ImagePtr image = filled(width, height, white);
    gdImageFilledRectangle(image.get(), 0, 0, width / 2 - 1, height / 2 - 1, red);
    return image;
}

// Stripes, so that the entropy-coded data is long enough to cut.
ImagePtr striped(int width, int height)
{
    ImagePtr image = filled(width, height, white);
    for (int x = 0; x < width; x += 8) {
        gdImageFilledRectangle(image.get(), x, 0, x + 3, height - 1, gdTrueColor(x % 256, 90, 40));
    }
    return image;
}

std::string taken(void* buffer, int size)
{
    std::string bytes(static_cast<const char*>(buffer), static_cast<std::size_t>(size));
    gdFree(buffer);
    return bytes;
}

std::string png_of(const ImagePtr& image)
{
    int size = 0;
    void* buffer = gdImagePngPtr(image.get(), &size);
    return taken(buffer, size);
}

std::string jpeg_of(const ImagePtr& image)
{
    int size = 0;
    void* buffer = gdImageJpegPtr(image.get(), &size, 90);
    return taken(buffer, size);
}

ImagePtr decoded(const std::string& jpeg)
{
    ImagePtr image(
        gdImageCreateFromJpegPtr(static_cast<int>(jpeg.size()), const_cast<char*>(jpeg.data())));
    BOOST_REQUIRE(image);
    return image;
}

bool looks_red(const ImagePtr& image, int x, int y)
{
    const int pixel = gdImageGetTrueColorPixel(image.get(), x, y);
    return gdTrueColorGetRed(pixel) > 180 && gdTrueColorGetGreen(pixel) < 70 &&
           gdTrueColorGetBlue(pixel) < 70;
}

bool looks_white(const ImagePtr& image, int x, int y)
{
    const int pixel = gdImageGetTrueColorPixel(image.get(), x, y);
    return gdTrueColorGetRed(pixel) > 240 && gdTrueColorGetGreen(pixel) > 240 &&
           gdTrueColorGetBlue(pixel) > 240;
}

std::string be16(std::uint32_t value)
{
    return {static_cast<char>(value >> 8), static_cast<char>(value & 0xFF)};
}

std::string be32(std::uint32_t value)
{
    return be16(value >> 16) + be16(value & 0xFFFF);
}

// EXIF in big-endian order: IFD0 holds the orientation and a pointer to a GPS IFD holding a
// latitude, as a phone writes them.
std::string exif_with_gps(int orientation)
{
    const std::string ifd0 = be16(2) + be16(0x0112) + be16(3) + be32(1) + be16(orientation) +
                             be16(0) + be16(0x8825) + be16(4) + be32(1) + be32(38) + be32(0);
    const std::string gps = be16(2) + be16(0x0001) + be16(2) + be32(2) + "N\0\0\0"s + be16(0x0002) +
                            be16(5) + be32(3) + be32(68) + be32(0);
    const std::string latitude = be32(48) + be32(1) + be32(51) + be32(1) + be32(3030) + be32(100);
    return "MM\x00\x2A"s + be32(8) + ifd0 + gps + latitude;
}

std::string app1(const std::string& tiff)
{
    const std::string payload = "Exif\0\0"s + tiff;
    return "\xFF\xE1"s + be16(payload.size() + 2) + payload;
}

// Splices a segment right after SOI, where cameras put EXIF.
std::string with_segment(const std::string& jpeg, const std::string& segment)
{
    return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

std::string rejection_of(const std::string& bytes, const media::ImageLimits& limits = {})
{
    try {
        media::reencode_photo(bytes, limits);
    } catch (const media::Rejected& rejected) {
        return rejected.message();
    }
    return "accepted";
}

std::string crc_chunk(const std::string& type, const std::string& data)
{
    const std::string body = type + data;
    const auto crc =
        crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    return be32(data.size()) + body + be32(static_cast<std::uint32_t>(crc));
}

enum class Corner { TopLeft, TopRight, BottomLeft, BottomRight };

bool only_corner_is_red(const ImagePtr& image, Corner red_corner)
{
    const int width = gdImageSX(image.get());
    const int height = gdImageSY(image.get());
    const int left = width / 8;
    const int right = width - 1 - width / 8;
    const int top = height / 8;
    const int bottom = height - 1 - height / 8;
    const auto check = [&](Corner corner, int x, int y) {
        return corner == red_corner ? looks_red(image, x, y) : looks_white(image, x, y);
    };
    return check(Corner::TopLeft, left, top) && check(Corner::TopRight, right, top) &&
           check(Corner::BottomLeft, left, bottom) && check(Corner::BottomRight, right, bottom);
}

bool has_marker(const std::string& jpeg, unsigned char marker)
{
    return jpeg.find("\xFF"s + static_cast<char>(marker)) != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(media_image)

// --- accepted images -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(png_is_reencoded_as_jpeg_of_the_same_size)
{
    const media::Image image = media::reencode_photo(png_of(marked(120, 80)));
    BOOST_TEST((media::sniff(image.bytes) == media::Kind::Jpeg));
    BOOST_TEST(image.width == 120);
    BOOST_TEST(image.height == 80);
    const ImagePtr output = decoded(image.bytes);
    BOOST_TEST(gdImageSX(output.get()) == 120);
    BOOST_TEST(gdImageSY(output.get()) == 80);
    BOOST_TEST(only_corner_is_red(output, Corner::TopLeft));
}

BOOST_AUTO_TEST_CASE(jpeg_is_reencoded_as_jpeg)
{
    const media::Image image = media::reencode_photo(jpeg_of(marked(64, 48)));
    BOOST_TEST((media::sniff(image.bytes) == media::Kind::Jpeg));
    BOOST_TEST(image.width == 64);
    BOOST_TEST(image.height == 48);
    BOOST_TEST(only_corner_is_red(decoded(image.bytes), Corner::TopLeft));
}

BOOST_AUTO_TEST_CASE(large_image_is_scaled_down_keeping_its_aspect_ratio)
{
    const media::Image wide = media::reencode_photo(png_of(marked(2000, 1000)));
    BOOST_TEST(wide.width == 800);
    BOOST_TEST(wide.height == 400);
    BOOST_TEST(only_corner_is_red(decoded(wide.bytes), Corner::TopLeft));

    const media::Image tall = media::reencode_photo(jpeg_of(marked(1000, 2000)));
    BOOST_TEST(tall.width == 400);
    BOOST_TEST(tall.height == 800);
}

BOOST_AUTO_TEST_CASE(small_image_is_never_scaled_up)
{
    const media::Image image = media::reencode_photo(png_of(marked(300, 200)));
    BOOST_TEST(image.width == 300);
    BOOST_TEST(image.height == 200);
}

BOOST_AUTO_TEST_CASE(output_size_follows_the_limits)
{
    media::ImageLimits limits;
    limits.out_max_side = 100;
    const media::Image image = media::reencode_photo(png_of(marked(300, 150)), limits);
    BOOST_TEST(image.width == 100);
    BOOST_TEST(image.height == 50);
}

BOOST_AUTO_TEST_CASE(jpeg_with_a_little_padding_after_eoi_is_accepted)
{
    const media::Image image = media::reencode_photo(jpeg_of(marked(40, 30)) + "\0\0\r\n"s);
    BOOST_TEST(image.width == 40);
}

BOOST_AUTO_TEST_CASE(progressive_jpeg_and_interlaced_png_are_accepted)
{
    ImagePtr image = marked(120, 90);
    gdImageInterlace(image.get(), 1);
    const std::string progressive = jpeg_of(image);
    BOOST_REQUIRE(media::jpeg_scan_count(progressive) > 1u);
    BOOST_TEST(
        only_corner_is_red(decoded(media::reencode_photo(progressive).bytes), Corner::TopLeft));
    BOOST_TEST(
        only_corner_is_red(decoded(media::reencode_photo(png_of(image)).bytes), Corner::TopLeft));
}

// --- transparency ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(png_transparency_is_flattened_on_white)
{
    ImagePtr image = filled(60, 40, gdTrueColorAlpha(0, 0, 0, gdAlphaTransparent));
    gdImageFilledRectangle(image.get(), 0, 0, 29, 39, gdTrueColorAlpha(220, 20, 20, 0));
    gdImageSaveAlpha(image.get(), 1);

    const ImagePtr output = decoded(media::reencode_photo(png_of(image)).bytes);
    BOOST_TEST(looks_red(output, 5, 20));
    BOOST_TEST(looks_white(output, 50, 20));
}

BOOST_AUTO_TEST_CASE(half_transparent_png_is_blended_with_white)
{
    ImagePtr image = filled(40, 40, gdTrueColorAlpha(0, 0, 0, 64));
    gdImageSaveAlpha(image.get(), 1);

    const ImagePtr output = decoded(media::reencode_photo(png_of(image)).bytes);
    const int pixel = gdImageGetTrueColorPixel(output.get(), 20, 20);
    BOOST_TEST(gdTrueColorGetRed(pixel) > 110);
    BOOST_TEST(gdTrueColorGetRed(pixel) < 145);
}

BOOST_AUTO_TEST_CASE(palette_png_transparent_colour_becomes_white)
{
    ImagePtr image(gdImageCreate(50, 20));
    const int black = gdImageColorAllocate(image.get(), 0, 0, 0);
    const int blue = gdImageColorAllocate(image.get(), 20, 20, 220);
    gdImageColorTransparent(image.get(), black);
    gdImageFilledRectangle(image.get(), 25, 0, 49, 19, blue);

    const ImagePtr output = decoded(media::reencode_photo(png_of(image)).bytes);
    BOOST_TEST(looks_white(output, 5, 10));
    BOOST_TEST(gdTrueColorGetBlue(gdImageGetTrueColorPixel(output.get(), 40, 10)) > 180);
}

// --- orientation and metadata ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exif_and_gps_are_stripped_and_the_photo_turned_upright)
{
    const std::string photo = with_segment(jpeg_of(marked(200, 100)), app1(exif_with_gps(6)));
    BOOST_REQUIRE(media::exif_orientation(photo) == 6);

    const media::Image image = media::reencode_photo(photo);
    BOOST_TEST(image.width == 100);
    BOOST_TEST(image.height == 200);
    BOOST_TEST(image.bytes.find("Exif") == std::string::npos);
    BOOST_TEST(!has_marker(image.bytes, 0xE1));
    const ImagePtr output = decoded(image.bytes);
    BOOST_TEST(gdImageSX(output.get()) == 100);
    BOOST_TEST(gdImageSY(output.get()) == 200);
    BOOST_TEST(only_corner_is_red(output, Corner::TopRight));
}

BOOST_AUTO_TEST_CASE(every_exif_orientation_is_applied)
{
    struct Case {
        int orientation;
        int width;
        int height;
        Corner red;
    };
    const Case cases[] = {
        {1, 200, 100, Corner::TopLeft},     {2, 200, 100, Corner::TopRight},
        {3, 200, 100, Corner::BottomRight}, {4, 200, 100, Corner::BottomLeft},
        {5, 100, 200, Corner::TopLeft},     {6, 100, 200, Corner::TopRight},
        {7, 100, 200, Corner::BottomRight}, {8, 100, 200, Corner::BottomLeft},
    };
    const std::string jpeg = jpeg_of(marked(200, 100));
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT("orientation " << c.orientation)
        {
            const media::Image image =
                media::reencode_photo(with_segment(jpeg, app1(exif_with_gps(c.orientation))));
            BOOST_TEST(image.width == c.width);
            BOOST_TEST(image.height == c.height);
            BOOST_TEST(only_corner_is_red(decoded(image.bytes), c.red));
        }
    }
}

BOOST_AUTO_TEST_CASE(rotated_photo_is_scaled_to_fit)
{
    const std::string photo = with_segment(jpeg_of(marked(2000, 1000)), app1(exif_with_gps(8)));
    const media::Image image = media::reencode_photo(photo);
    BOOST_TEST(image.width == 400);
    BOOST_TEST(image.height == 800);
    BOOST_TEST(only_corner_is_red(decoded(image.bytes), Corner::BottomLeft));
}

BOOST_AUTO_TEST_CASE(no_comment_icc_or_other_app_segment_survives)
{
    const std::string comment = "\xFF\xFE"s + be16(2 + 13) + "secret note !";
    const std::string icc_payload = "ICC_PROFILE\0\x01\x01profile"s;
    const std::string icc = "\xFF\xE2"s + be16(2 + icc_payload.size()) + icc_payload;
    const std::string photo = with_segment(jpeg_of(marked(40, 30)), comment + icc);

    const media::Image image = media::reencode_photo(photo);
    BOOST_TEST(image.bytes.find("secret") == std::string::npos);
    BOOST_TEST(image.bytes.find("ICC_PROFILE") == std::string::npos);
    BOOST_TEST(image.bytes.find("CREATOR") == std::string::npos); // libgd's own comment
    BOOST_TEST(!has_marker(image.bytes, 0xFE));
    for (unsigned char app = 0xE1; app <= 0xEF; ++app) {
        BOOST_TEST(!has_marker(image.bytes, app));
    }
}

BOOST_AUTO_TEST_CASE(malformed_exif_is_ignored_not_fatal)
{
    const std::string bad_tiff = "MM\x00\x2A"s + be32(0xFFFFFF00) + "junk";
    const std::string photo = with_segment(jpeg_of(marked(200, 100)), app1(bad_tiff));
    const media::Image image = media::reencode_photo(photo);
    BOOST_TEST(image.width == 200);
    BOOST_TEST(image.height == 100);
    BOOST_TEST(image.bytes.find("junk") == std::string::npos);
}

// --- refused uploads -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(php_script_is_refused)
{
    BOOST_TEST(rejection_of("<?php echo 1; ?>") == not_an_image);
}

BOOST_AUTO_TEST_CASE(html_and_pdf_are_not_photos)
{
    BOOST_TEST(rejection_of("<html><script>alert(1)</script></html>") == not_an_image);
    BOOST_TEST(rejection_of("%PDF-1.4\n%%EOF\n") == not_an_image);
    BOOST_TEST(rejection_of("GIF89a\x01\x00\x01\x00"s) == not_an_image);
}

BOOST_AUTO_TEST_CASE(empty_file_is_refused)
{
    BOOST_TEST(rejection_of("") == "Le fichier est vide.");
}

BOOST_AUTO_TEST_CASE(file_over_the_size_limit_is_refused)
{
    const std::string png = png_of(marked(20, 20));
    std::string too_big = png + std::string(5 * 1024 * 1024 - png.size() + 1, '\0');
    BOOST_TEST(rejection_of(too_big) == "L'image est trop grande (5 Mo au plus).");

    media::ImageLimits limits;
    limits.max_bytes = png.size() - 1;
    BOOST_TEST(rejection_of(png, limits) != "accepted");
    limits.max_bytes = png.size();
    BOOST_TEST(rejection_of(png, limits) == "accepted");
}

BOOST_AUTO_TEST_CASE(truncated_jpeg_is_refused)
{
    const std::string jpeg = jpeg_of(striped(400, 300));
    BOOST_TEST(rejection_of(jpeg.substr(0, jpeg.size() / 2)) == unreadable);
    BOOST_TEST(rejection_of(jpeg.substr(0, jpeg.size() - 1)) == unreadable);
}

BOOST_AUTO_TEST_CASE(truncated_jpeg_with_an_eoi_glued_on_is_refused)
{
    // Passes the end-marker check; libjpeg then warns about the missing data.
    const std::string jpeg = jpeg_of(striped(400, 300));
    BOOST_TEST(rejection_of(jpeg.substr(0, jpeg.size() / 2) + "\xFF\xD9"s) == unreadable);
}

BOOST_AUTO_TEST_CASE(jpeg_magic_followed_by_garbage_is_refused)
{
    BOOST_TEST(rejection_of("\xFF\xD8\xFF garbage, not a JPEG <?php echo 1; ?>"s) == unreadable);
    BOOST_TEST(rejection_of("\xFF\xD8\xFF garbage <?php echo 1; ?>\xFF\xD9"s) == unreadable);
}

BOOST_AUTO_TEST_CASE(data_after_the_picture_is_dropped)
{
    // Motion photos and maker trailers: phones append data after the EOI; so can an attacker.
    const std::string jpeg = jpeg_of(marked(40, 30));
    for (const auto& trailer : {"<?php echo 1; ?>"s, "PK\x03\x04<script>alert(1)</script>"s,
                                "\x00\x00\x00\x18"
                                "ftypmp42"s}) {
        BOOST_TEST(rejection_of(jpeg + trailer) == "accepted");
        const auto image = media::reencode_photo(jpeg + trailer);
        BOOST_TEST(image.width == 40);
        BOOST_TEST(image.height == 30);
        BOOST_TEST(image.bytes.find(trailer) == std::string::npos);
        BOOST_TEST(image.bytes.find("script") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(jpeg_with_a_valid_header_and_garbage_data_is_refused)
{
    const std::string jpeg = jpeg_of(striped(400, 300));
    const std::size_t scan = jpeg.find("\xFF\xDA"s);
    BOOST_REQUIRE(scan != std::string::npos);
    std::string garbage = jpeg.substr(0, scan + 14);
    for (std::size_t i = 0; garbage.size() < jpeg.size() - 2; ++i) {
        garbage += static_cast<char>((i * 37 + 11) % 255); // never 0xFF: no marker
    }
    BOOST_TEST(rejection_of(garbage + "\xFF\xD9"s) == unreadable);
}

BOOST_AUTO_TEST_CASE(jpeg_with_too_many_scans_is_refused)
{
    const std::string jpeg = jpeg_of(marked(40, 30));
    const std::string scans_only = "\xFF\xDA"s + be16(2);
    std::string padded = jpeg.substr(0, 2) + "\xFF\xFE"s + be16(2 + 101 * 4);
    for (int i = 0; i < 101; ++i) {
        padded += scans_only;
    }
    BOOST_TEST(rejection_of(padded + jpeg.substr(2)) == unreadable);
}

BOOST_AUTO_TEST_CASE(png_without_iend_is_refused)
{
    const std::string png = png_of(striped(100, 50));
    BOOST_TEST(rejection_of(png.substr(0, png.size() - 12)) == unreadable);
    BOOST_TEST(rejection_of(png.substr(0, png.size() / 2)) == unreadable);
}

BOOST_AUTO_TEST_CASE(png_with_a_corrupt_chunk_is_refused)
{
    std::string png = png_of(striped(100, 50));
    png[png.size() / 2] ^= 0x55;
    BOOST_TEST(rejection_of(png) == unreadable);
}

BOOST_AUTO_TEST_CASE(png_bomb_is_refused_from_its_header)
{
    // 20000 x 20000 RGB would need 1.6 GB once decoded; the file is a few dozen bytes.
    const std::string ihdr = be32(20000) + be32(20000) + "\x08\x02\x00\x00\x00"s;
    const std::string idat = "\x78\x9C\x63\x00\x00\x00\x01\x00\x01"s;
    const std::string bomb = "\x89PNG\r\n\x1A\n"s + crc_chunk("IHDR", ihdr) +
                             crc_chunk("IDAT", idat) + crc_chunk("IEND", "");
    BOOST_REQUIRE(media::png_essentials(bomb).has_value());
    BOOST_TEST(rejection_of(bomb) == too_many_pixels);
}

BOOST_AUTO_TEST_CASE(jpeg_bomb_is_refused_from_its_header)
{
    std::string jpeg = jpeg_of(marked(40, 30));
    const std::size_t frame = jpeg.find("\xFF\xC0"s);
    BOOST_REQUIRE(frame != std::string::npos);
    jpeg.replace(frame + 5, 4, be16(60000) + be16(60000));
    BOOST_TEST(rejection_of(jpeg) == too_many_pixels);
}

BOOST_AUTO_TEST_CASE(declared_size_limits_are_applied)
{
    media::ImageLimits limits;
    limits.max_side = 100;
    BOOST_TEST(rejection_of(png_of(marked(101, 10)), limits) == too_many_pixels);
    BOOST_TEST(rejection_of(png_of(marked(10, 101)), limits) == too_many_pixels);
    BOOST_TEST(rejection_of(png_of(marked(100, 100)), limits) == "accepted");

    limits.max_pixels = 99;
    BOOST_TEST(rejection_of(jpeg_of(marked(10, 10)), limits) == too_many_pixels);
    limits.max_pixels = 100;
    BOOST_TEST(rejection_of(jpeg_of(marked(10, 10)), limits) == "accepted");
}

// --- threads ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(concurrent_decodes_do_not_see_each_other_s_warnings)
{
    const std::string good = jpeg_of(striped(300, 200));
    const std::string bad = good.substr(0, good.size() / 2) + "\xFF\xD9"s;
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 10; ++round) {
                const bool use_good = (t + round) % 2 == 0;
                const std::string verdict = rejection_of(use_good ? good : bad);
                if ((verdict == "accepted") != use_good) {
                    ++wrong;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    BOOST_TEST(wrong.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
