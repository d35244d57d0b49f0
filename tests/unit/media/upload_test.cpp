#include "media/upload.h"

#include <boost/test/unit_test.hpp>

#include <gd.h>

#include <memory>
#include <string>

using namespace std::string_literals;

namespace
{

const std::string minimal_pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n"
                                "<< /Root 1 0 R >>\n%%EOF\n";

struct ImageDeleter {
    void operator()(gdImagePtr image) const { gdImageDestroy(image); }
};
using ImagePtr = std::unique_ptr<gdImage, ImageDeleter>;

ImagePtr scan(int width, int height)
{
    ImagePtr image(gdImageCreateTrueColor(width, height));
    gdImageFilledRectangle(image.get(), 0, 0, width - 1, height - 1, gdTrueColor(250, 250, 250));
    gdImageFilledRectangle(image.get(), 10, 10, width / 2, height / 3, gdTrueColor(20, 20, 20));
    return image;
}

std::string encoded(const ImagePtr& image, bool png)
{
    int size = 0;
    void* buffer = png ? gdImagePngPtr(image.get(), &size) : gdImageJpegPtr(image.get(), &size, 90);
    std::string bytes(static_cast<const char*>(buffer), static_cast<std::size_t>(size));
    gdFree(buffer);
    return bytes;
}

std::string rejection_of(const std::string& bytes, std::size_t max_bytes = 10 * 1024 * 1024)
{
    try {
        media::check_proof(bytes, max_bytes);
    } catch (const media::Rejected& rejected) {
        return rejected.message();
    }
    return "accepted";
}

bool mentions(const std::string& message, const std::string& part)
{
    return message.find(part) != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(media_upload)

BOOST_AUTO_TEST_CASE(pdf_is_kept_byte_for_byte)
{
    const media::Proof proof = media::check_proof(minimal_pdf);
    BOOST_TEST(proof.bytes == minimal_pdf);
    BOOST_TEST(proof.mime == "application/pdf");
    BOOST_TEST(proof.extension == "pdf");
}

BOOST_AUTO_TEST_CASE(pdf_2_and_eof_without_newline_are_accepted)
{
    BOOST_TEST(rejection_of("%PDF-2.0\n...\n%%EOF") == "accepted");
    BOOST_TEST(rejection_of("%PDF-1.7\n...\n%%EOF\r\n") == "accepted");
}

BOOST_AUTO_TEST_CASE(pdf_with_eof_in_its_last_kilobyte_is_accepted)
{
    const std::string trailing(1024 - 6, ' ');
    BOOST_TEST(rejection_of("%PDF-1.4\n...%%EOF\n" + trailing) == "accepted");
}

BOOST_AUTO_TEST_CASE(incomplete_pdf_is_refused)
{
    const std::string broken = "Le fichier PDF est illisible ou incomplet.";
    BOOST_TEST(rejection_of("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n") == broken);
    BOOST_TEST(rejection_of(minimal_pdf.substr(0, minimal_pdf.size() / 2)) == broken);
    BOOST_TEST(rejection_of("%PDF-1.4\n%%EOF\n" + std::string(2000, ' ')) == broken);
    BOOST_TEST(rejection_of("%PDF-3.0\n%%EOF\n") == broken);
    BOOST_TEST(rejection_of("%PDF-\n%%EOF\n") == broken);
}

BOOST_AUTO_TEST_CASE(html_and_scripts_are_refused)
{
    const std::string html =
        rejection_of("<!DOCTYPE html><html><body>%PDF-1.4 %%EOF</body></html>");
    BOOST_TEST(html == "Le justificatif doit être un fichier PDF, JPEG ou PNG de 10 Mo au plus.");
    BOOST_TEST(mentions(rejection_of("<?php echo 1; ?>"), "PDF, JPEG ou PNG"));
    BOOST_TEST(mentions(rejection_of("PK\x03\x04 a zip"s), "PDF, JPEG ou PNG"));
}

BOOST_AUTO_TEST_CASE(empty_proof_is_refused)
{
    BOOST_TEST(rejection_of("") == "Le fichier est vide.");
}

BOOST_AUTO_TEST_CASE(proof_over_the_size_limit_is_refused)
{
    const std::string big = minimal_pdf + std::string(10 * 1024 * 1024, ' ');
    BOOST_TEST(rejection_of(big) == "Le justificatif est trop volumineux : un fichier PDF, JPEG "
                                    "ou PNG de 10 Mo au plus est attendu.");
    BOOST_TEST(mentions(rejection_of(minimal_pdf, minimal_pdf.size() - 1), "trop volumineux"));
    BOOST_TEST(rejection_of(minimal_pdf, minimal_pdf.size()) == "accepted");
}

BOOST_AUTO_TEST_CASE(png_scan_becomes_a_jpeg)
{
    const media::Proof proof = media::check_proof(encoded(scan(600, 800), true));
    BOOST_TEST((media::sniff(proof.bytes) == media::Kind::Jpeg));
    BOOST_TEST(proof.mime == "image/jpeg");
    BOOST_TEST(proof.extension == "jpg");
    const auto size = media::declared_size(proof.bytes);
    BOOST_REQUIRE(size.has_value());
    BOOST_TEST(size->first == 600);
    BOOST_TEST(size->second == 800);
}

BOOST_AUTO_TEST_CASE(large_scan_is_scaled_to_2400_pixels)
{
    const media::Proof proof = media::check_proof(encoded(scan(3000, 1500), false));
    const auto size = media::declared_size(proof.bytes);
    BOOST_REQUIRE(size.has_value());
    BOOST_TEST(size->first == 2400);
    BOOST_TEST(size->second == 1200);
}

BOOST_AUTO_TEST_CASE(jpeg_scan_loses_its_metadata)
{
    const std::string jpeg = encoded(scan(200, 100), false);
    const std::string comment = "\xFF\xFE\x00\x10"s + "GPS 48.85,2.35";
    const media::Proof proof = media::check_proof(jpeg.substr(0, 2) + comment + jpeg.substr(2));
    BOOST_TEST(proof.bytes.find("GPS") == std::string::npos);
    BOOST_TEST(proof.bytes.find("CREATOR") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(broken_images_are_refused_as_proofs)
{
    const std::string jpeg = encoded(scan(200, 100), false);
    BOOST_TEST(rejection_of(jpeg.substr(0, jpeg.size() / 2)) ==
               "L'image est illisible ou incomplète.");
    BOOST_TEST(rejection_of("\xFF\xD8\xFF<?php echo 1; ?>"s) ==
               "L'image est illisible ou incomplète.");
}

BOOST_AUTO_TEST_SUITE_END()
