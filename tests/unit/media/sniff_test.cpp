#include "media/sniff.h"

#include <boost/test/unit_test.hpp>

#include <zlib.h>

#include <cstdint>
#include <string>

using namespace std::string_literals;

namespace
{

const std::string soi = "\xFF\xD8"s;
const std::string eoi = "\xFF\xD9"s;
const std::string png_signature = "\x89PNG\r\n\x1A\n"s;

std::string be16(std::uint32_t value)
{
    return {static_cast<char>(value >> 8), static_cast<char>(value & 0xFF)};
}

std::string be32(std::uint32_t value)
{
    return be16(value >> 16) + be16(value & 0xFFFF);
}

std::string segment(unsigned char marker, const std::string& payload)
{
    return "\xFF"s + static_cast<char>(marker) + be16(payload.size() + 2) + payload;
}

// precision 8, three components.
std::string start_of_frame(unsigned char marker, int width, int height)
{
    return segment(marker, "\x08"s + be16(height) + be16(width) +
                               "\x03\x01\x22\x00\x02\x11\x01"
                               "\x03\x11\x01"s);
}

std::string app0_jfif()
{
    return segment(0xE0, "JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00"s);
}

std::string start_of_scan()
{
    return segment(0xDA, "\x03\x01\x00\x02\x11\x03\x11\x00\x3F\x00"s);
}

// A big-endian ("MM") or little-endian ("II") TIFF block, as EXIF stores it.
class Tiff
{
public:
    explicit Tiff(bool little_endian) : little_(little_endian)
    {
        bytes_ = little_ ? "II" : "MM";
        u16(42).u32(8);
    }

    Tiff& u16(std::uint32_t value) { return put(value, 2); }
    Tiff& u32(std::uint32_t value) { return put(value, 4); }
    Tiff& entry(std::uint32_t tag, std::uint32_t type, std::uint32_t count, std::uint32_t value)
    {
        return u16(tag).u16(type).u32(count).u16(value).u16(0);
    }
    std::string bytes() const { return bytes_; }

private:
    Tiff& put(std::uint32_t value, int width)
    {
        for (int i = 0; i < width; ++i) {
            const int shift = 8 * (little_ ? i : width - 1 - i);
            bytes_ += static_cast<char>((value >> shift) & 0xFF);
        }
        return *this;
    }

    bool little_;
    std::string bytes_;
};

std::string exif_segment(const std::string& tiff)
{
    return segment(0xE1, "Exif\0\0"s + tiff);
}

std::string jpeg_with(const std::string& header_segments)
{
    return soi + header_segments + start_of_frame(0xC0, 16, 8) + start_of_scan() + "\x12\x34"s +
           eoi;
}

std::string orientation_tiff(bool little_endian, std::uint32_t orientation)
{
    return Tiff(little_endian).u16(1).entry(0x0112, 3, 1, orientation).u32(0).bytes();
}

std::string chunk(const std::string& type, const std::string& data)
{
    const std::string body = type + data;
    const auto crc =
        crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    return be32(data.size()) + body + be32(static_cast<std::uint32_t>(crc));
}

std::string ihdr(std::uint32_t width, std::uint32_t height)
{
    return chunk("IHDR", be32(width) + be32(height) + "\x08\x02\x00\x00\x00"s);
}

const std::string idat = chunk("IDAT", "\x78\x9C\x63\x00\x00\x00\x01\x00\x01"s);
const std::string iend = chunk("IEND", "");

std::string png_of(const std::string& chunks)
{
    return png_signature + chunks;
}

} // namespace

BOOST_AUTO_TEST_SUITE(media_sniff)

// --- sniff -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(kind_is_read_from_the_magic_bytes)
{
    BOOST_TEST((media::sniff("\xFF\xD8\xFF\xE0 rest"s) == media::Kind::Jpeg));
    BOOST_TEST((media::sniff(png_signature + "rest") == media::Kind::Png));
    BOOST_TEST((media::sniff("%PDF-1.7\n") == media::Kind::Pdf));
}

BOOST_AUTO_TEST_CASE(anything_else_is_unknown)
{
    BOOST_TEST((media::sniff("") == media::Kind::Unknown));
    BOOST_TEST((media::sniff("<?php echo 1; ?>") == media::Kind::Unknown));
    BOOST_TEST((media::sniff("<!DOCTYPE html><html>") == media::Kind::Unknown));
    BOOST_TEST((media::sniff("GIF89a") == media::Kind::Unknown));
    BOOST_TEST((media::sniff("\xFF\xD8"s) == media::Kind::Unknown));
    BOOST_TEST((media::sniff(png_signature.substr(0, 7)) == media::Kind::Unknown));
    BOOST_TEST((media::sniff(" %PDF-1.4") == media::Kind::Unknown));
}

// --- declared_size ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(png_size_is_read_from_ihdr)
{
    const auto size = media::declared_size(png_of(ihdr(123, 45) + idat + iend));
    BOOST_REQUIRE(size.has_value());
    BOOST_TEST(size->first == 123);
    BOOST_TEST(size->second == 45);
}

BOOST_AUTO_TEST_CASE(png_size_needs_ihdr_first)
{
    BOOST_TEST(!media::declared_size(png_of(idat + ihdr(123, 45) + iend)).has_value());
    BOOST_TEST(!media::declared_size(png_signature + ihdr(123, 45).substr(0, 15)).has_value());
    BOOST_TEST(!media::declared_size(png_of(ihdr(0, 45) + iend)).has_value());
    BOOST_TEST(!media::declared_size(png_of(ihdr(0x80000000u, 45) + iend)).has_value());
}

BOOST_AUTO_TEST_CASE(jpeg_size_skips_app_com_and_table_segments)
{
    const std::string dht = segment(0xC4, std::string(29, '\x01'));
    const std::string jpeg = soi + app0_jfif() + segment(0xFE, "a comment") +
                             exif_segment(orientation_tiff(false, 6)) + dht +
                             start_of_frame(0xC0, 640, 480) + start_of_scan() + eoi;
    const auto size = media::declared_size(jpeg);
    BOOST_REQUIRE(size.has_value());
    BOOST_TEST(size->first == 640);
    BOOST_TEST(size->second == 480);
}

BOOST_AUTO_TEST_CASE(jpeg_size_allows_fill_bytes_before_a_marker)
{
    const std::string jpeg = soi + "\xFF\xFF\xFF"s + start_of_frame(0xC0, 32, 16) + eoi;
    const auto size = media::declared_size(jpeg);
    BOOST_REQUIRE(size.has_value());
    BOOST_TEST(size->first == 32);
    BOOST_TEST(size->second == 16);
}

BOOST_AUTO_TEST_CASE(jpeg_size_is_read_from_progressive_and_extended_frames)
{
    for (const unsigned char marker : {0xC1, 0xC2, 0xC3, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}) {
        const auto size = media::declared_size(soi + start_of_frame(marker, 300, 200) + eoi);
        BOOST_REQUIRE(size.has_value());
        BOOST_TEST(size->first == 300);
        BOOST_TEST(size->second == 200);
    }
}

BOOST_AUTO_TEST_CASE(jpeg_dht_jpg_and_dac_are_not_frames)
{
    for (const unsigned char marker : {0xC4, 0xC8, 0xCC}) {
        const std::string not_a_frame = segment(marker, "\x08\x00\x10\x00\x20\x03"s);
        const auto size =
            media::declared_size(soi + not_a_frame + start_of_frame(0xC0, 64, 48) + eoi);
        BOOST_REQUIRE(size.has_value());
        BOOST_TEST(size->first == 64);
        BOOST_TEST(size->second == 48);
    }
}

BOOST_AUTO_TEST_CASE(jpeg_size_refuses_malformed_headers)
{
    const std::string frame = start_of_frame(0xC0, 64, 48);
    // Truncated in the middle of the frame header.
    BOOST_TEST(!media::declared_size(soi + frame.substr(0, 7)).has_value());
    // A segment length running past the end.
    BOOST_TEST(!media::declared_size(soi + "\xFF\xE1\xFF\xF0"s + "Exif").has_value());
    // A length below 2.
    BOOST_TEST(!media::declared_size(soi + "\xFF\xE1\x00\x01"s + frame).has_value());
    // Scan data before any frame.
    BOOST_TEST(!media::declared_size(soi + start_of_scan() + frame).has_value());
    // A byte that is not a marker where one is expected.
    BOOST_TEST(!media::declared_size(soi + "\xFF\x42\x00\x04"s + "ab" + frame).has_value());
    BOOST_TEST(!media::declared_size(soi + "garbage" + frame).has_value());
    // A frame declaring a zero height (DNL) or width.
    BOOST_TEST(!media::declared_size(soi + start_of_frame(0xC0, 64, 0)).has_value());
    BOOST_TEST(!media::declared_size(soi + start_of_frame(0xC0, 0, 48)).has_value());
    // A frame payload too short to hold the size.
    BOOST_TEST(!media::declared_size(soi + segment(0xC0, "\x08\x00\x10"s)).has_value());
    BOOST_TEST(!media::declared_size("\xFF\xD8\xFF"s).has_value());
    BOOST_TEST(!media::declared_size("<?php echo 1; ?>").has_value());
}

// --- exif_orientation ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(orientation_is_read_in_both_byte_orders)
{
    BOOST_TEST(media::exif_orientation(jpeg_with(exif_segment(orientation_tiff(false, 6)))) == 6);
    BOOST_TEST(media::exif_orientation(jpeg_with(exif_segment(orientation_tiff(true, 8)))) == 8);
}

BOOST_AUTO_TEST_CASE(orientation_is_found_after_other_tags_and_an_xmp_segment)
{
    const std::string tiff = Tiff(true)
                                 .u16(3)
                                 .entry(0x010F, 2, 4, 0)
                                 .entry(0x0110, 2, 4, 0)
                                 .entry(0x0112, 3, 1, 3)
                                 .u32(0)
                                 .bytes();
    const std::string xmp = segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"s);
    BOOST_TEST(media::exif_orientation(jpeg_with(app0_jfif() + xmp + exif_segment(tiff))) == 3);
}

BOOST_AUTO_TEST_CASE(absent_orientation_is_one)
{
    BOOST_TEST(media::exif_orientation(jpeg_with(app0_jfif())) == 1);
    const std::string other_tag = Tiff(false).u16(1).entry(0x010F, 2, 4, 0).u32(0).bytes();
    BOOST_TEST(media::exif_orientation(jpeg_with(exif_segment(other_tag))) == 1);
    BOOST_TEST(media::exif_orientation("not a jpeg") == 1);
}

BOOST_AUTO_TEST_CASE(malformed_exif_is_ignored)
{
    const auto orientation_of = [](const std::string& tiff) {
        return media::exif_orientation(jpeg_with(exif_segment(tiff)));
    };
    // IFD0 offset past the end.
    BOOST_TEST(orientation_of("MM\x00\x2A\xFF\xFF\xFF\xF0"s) == 1);
    // More entries announced than present.
    BOOST_TEST(orientation_of(Tiff(false).u16(500).entry(0x010F, 2, 4, 0).bytes()) == 1);
    // An entry cut in the middle.
    BOOST_TEST(orientation_of(orientation_tiff(false, 6).substr(0, 16)) == 1);
    // Out-of-range value, wrong type, wrong count.
    BOOST_TEST(orientation_of(orientation_tiff(false, 9)) == 1);
    BOOST_TEST(orientation_of(orientation_tiff(false, 0)) == 1);
    BOOST_TEST(orientation_of(Tiff(false).u16(1).entry(0x0112, 4, 1, 6).u32(0).bytes()) == 1);
    BOOST_TEST(orientation_of(Tiff(false).u16(1).entry(0x0112, 3, 2, 6).u32(0).bytes()) == 1);
    // Bad byte order mark or magic number.
    BOOST_TEST(orientation_of("XX" + orientation_tiff(false, 6).substr(2)) == 1);
    BOOST_TEST(orientation_of("MM\x00\x2B" + orientation_tiff(false, 6).substr(4)) == 1);
    // Too short to hold a TIFF header.
    BOOST_TEST(orientation_of("MM") == 1);
    BOOST_TEST(orientation_of("") == 1);
}

BOOST_AUTO_TEST_CASE(exif_segment_running_past_the_end_is_ignored)
{
    const std::string segment = exif_segment(orientation_tiff(false, 6));
    BOOST_TEST(media::exif_orientation(soi + segment.substr(0, segment.size() - 3)) == 1);
}

// --- jpeg_end --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(jpeg_end_is_after_the_eoi_closing_the_scans)
{
    // 0 when there is no end.
    const auto end = [](const std::string& s) { return media::jpeg_end(s).value_or(0); };
    const std::string jpeg = jpeg_with(app0_jfif());
    BOOST_TEST(end(jpeg) == jpeg.size());
    // What phones append after the picture, and a script riding on it.
    BOOST_TEST(end(jpeg + "ftypmp42 video data"s) == jpeg.size());
    BOOST_TEST(end(jpeg + "<?php ?>\xFF\xD9"s) == jpeg.size());
    // Stuffed bytes, restart markers and fill bytes in the scan are not the end.
    const std::string scan = "\x12\xFF\x00\x34\xFF\xD3\x56\xFF\xFF\xD9"s;
    const std::string stuffed = soi + start_of_frame(0xC0, 16, 8) + start_of_scan() + scan;
    BOOST_TEST(end(stuffed + "trailer"s) == stuffed.size());
    // A progressive JPEG: a table and a second scan between the scans are skipped.
    const std::string dht = "\xFF\xC4"s + be16(6) + "\x00\xFF\xD9\x00"s;
    const std::string progressive = soi + start_of_frame(0xC2, 16, 8) + start_of_scan() +
                                    "\x01\x02"s + dht + start_of_scan() + "\x03"s + eoi;
    BOOST_TEST(end(progressive + "x"s) == progressive.size());
    // No end: truncated, header only, a segment length running past the data, not a JPEG.
    BOOST_TEST(!media::jpeg_end(jpeg.substr(0, jpeg.size() - 1)).has_value());
    BOOST_TEST(!media::jpeg_end(soi + start_of_frame(0xC0, 16, 8)).has_value());
    BOOST_TEST(
        !media::jpeg_end(soi + start_of_frame(0xC0, 16, 8) + start_of_scan() + "\x01\xFF\xC4\x00"s)
             .has_value());
    BOOST_TEST(!media::jpeg_end("%PDF-1.4"s).has_value());
    BOOST_TEST(!media::jpeg_end(""s).has_value());
}

// --- jpeg_is_complete ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(complete_jpeg_ends_with_eoi)
{
    const std::string jpeg = jpeg_with(app0_jfif());
    BOOST_TEST(media::jpeg_is_complete(jpeg));
    BOOST_TEST(media::jpeg_is_complete(jpeg + "\0\0\r\n"s));
    BOOST_TEST(!media::jpeg_is_complete(jpeg.substr(0, jpeg.size() / 2)));
    BOOST_TEST(!media::jpeg_is_complete(jpeg.substr(0, jpeg.size() - 1)));
    BOOST_TEST(!media::jpeg_is_complete(jpeg + "<?php ?>"));
    BOOST_TEST(!media::jpeg_is_complete(jpeg + std::string(17, '\0')));
    BOOST_TEST(!media::jpeg_is_complete("\xFF\xD8\xFF\xD9"s + std::string(17, '\n')));
    BOOST_TEST(!media::jpeg_is_complete(""));
}

// --- jpeg_scan_count -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(every_start_of_scan_is_counted)
{
    BOOST_TEST(media::jpeg_scan_count(jpeg_with("")) == 1u);
    std::string progressive = soi + start_of_frame(0xC2, 16, 8);
    for (int scan = 0; scan < 12; ++scan) {
        progressive += start_of_scan() + "\x12\xFF\x00\x34"s;
    }
    BOOST_TEST(media::jpeg_scan_count(progressive + eoi) == 12u);
}

// --- jpeg_without_metadata -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(metadata_segments_are_dropped_and_the_rest_kept)
{
    const std::string dqt = segment(0xDB, std::string(65, '\x01'));
    const std::string icc = segment(0xE2, "ICC_PROFILE\0\x01\x01"s);
    const std::string adobe = segment(0xEE, "Adobe\x00\x64\x00\x00\x00\x00\x01"s);
    const std::string scan = start_of_scan() + "\x12\xFF\x00\x34\xFF\xD0\x56"s + eoi;
    const std::string jpeg = soi + app0_jfif() + exif_segment(orientation_tiff(false, 6)) +
                             segment(0xFE, "CREATOR: secret") + icc + adobe + dqt +
                             start_of_frame(0xC0, 16, 8) + scan;

    const auto bare = media::jpeg_without_metadata(jpeg);
    BOOST_REQUIRE(bare.has_value());
    BOOST_TEST(*bare == soi + app0_jfif() + adobe + dqt + start_of_frame(0xC0, 16, 8) + scan);
}

BOOST_AUTO_TEST_CASE(header_without_scan_cannot_be_stripped)
{
    BOOST_TEST(!media::jpeg_without_metadata(soi + start_of_frame(0xC0, 16, 8) + eoi).has_value());
    BOOST_TEST(!media::jpeg_without_metadata("<?php").has_value());
}

// --- png_essentials --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(ancillary_chunks_are_dropped)
{
    const std::string text = chunk("tEXt", "Comment\0secret"s);
    const std::string exif = chunk("eXIf", orientation_tiff(false, 6));
    const std::string trns = chunk("tRNS", "\x00\x00\x00\x00\x00\x00"s);
    const auto essentials =
        media::png_essentials(png_of(ihdr(1, 1) + text + trns + exif + idat + iend));
    BOOST_REQUIRE(essentials.has_value());
    BOOST_TEST(*essentials == png_of(ihdr(1, 1) + trns + idat + iend));
}

BOOST_AUTO_TEST_CASE(png_padding_after_iend_is_tolerated)
{
    const auto essentials = media::png_essentials(png_of(ihdr(1, 1) + idat + iend) + "\n\0"s);
    BOOST_REQUIRE(essentials.has_value());
    BOOST_TEST(*essentials == png_of(ihdr(1, 1) + idat + iend));
}

BOOST_AUTO_TEST_CASE(broken_png_structure_is_refused)
{
    const std::string good = ihdr(1, 1) + idat + iend;
    BOOST_TEST(media::png_essentials(png_of(good)).has_value());
    // No IEND, or truncated.
    BOOST_TEST(!media::png_essentials(png_of(ihdr(1, 1) + idat)).has_value());
    BOOST_TEST(!media::png_essentials(png_of(good).substr(0, 30)).has_value());
    // Something after IEND.
    BOOST_TEST(!media::png_essentials(png_of(good) + "<?php ?>").has_value());
    BOOST_TEST(!media::png_essentials(png_of(good + idat)).has_value());
    // IHDR missing, late or repeated.
    BOOST_TEST(!media::png_essentials(png_of(idat + ihdr(1, 1) + iend)).has_value());
    BOOST_TEST(!media::png_essentials(png_of(ihdr(1, 1) + ihdr(1, 1) + idat + iend)).has_value());
    // A wrong CRC.
    std::string bad_crc = png_of(good);
    bad_crc[png_signature.size() + 8 + 13] ^= 0x01;
    BOOST_TEST(!media::png_essentials(bad_crc).has_value());
    // A chunk length running past the end.
    BOOST_TEST(!media::png_essentials(png_of(be32(0x7FFFFFFF) + "IDAT" + iend)).has_value());
    // An unknown critical chunk, a chunk type that is not letters.
    BOOST_TEST(
        !media::png_essentials(png_of(ihdr(1, 1) + chunk("ABCD", "") + idat + iend)).has_value());
    BOOST_TEST(
        !media::png_essentials(png_of(ihdr(1, 1) + chunk("a1cd", "") + idat + iend)).has_value());
    BOOST_TEST(!media::png_essentials(png_signature).has_value());
    BOOST_TEST(!media::png_essentials("").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
