#include "media/upload.h"

#include <algorithm>

namespace media
{

namespace
{

const char* const empty_file = "Le fichier est vide.";
const char* const broken_pdf = "Le fichier PDF est illisible ou incomplet.";

// A scanned A4 page at 200 dpi stays legible.
constexpr int proof_max_side = 2400;
constexpr std::size_t pdf_trailer_window = 1024;

bool is_complete_pdf(std::string_view pdf)
{
    const bool known_version = pdf.starts_with("%PDF-1.") || pdf.starts_with("%PDF-2.");
    const std::string_view tail = pdf.substr(pdf.size() - std::min(pdf.size(), pdf_trailer_window));
    return known_version && tail.find("%%EOF") != std::string_view::npos;
}

Proof checked_pdf(std::string_view bytes)
{
    if (!is_complete_pdf(bytes)) {
        throw Rejected(broken_pdf);
    }
    return Proof{std::string(bytes), "application/pdf", "pdf"};
}

Proof reencoded_scan(std::string_view bytes, std::size_t max_bytes)
{
    ImageLimits limits;
    limits.max_bytes = max_bytes;
    limits.out_max_side = proof_max_side;
    return Proof{reencode_photo(bytes, limits).bytes, "image/jpeg", "jpg"};
}

} // namespace

Proof check_proof(std::string_view bytes, std::size_t max_bytes)
{
    if (bytes.empty()) {
        throw Rejected(empty_file);
    }
    const std::string expected =
        "un fichier PDF, JPEG ou PNG de " + size_label(max_bytes) + " au plus";
    if (bytes.size() > max_bytes) {
        throw Rejected("Le justificatif est trop volumineux : " + expected + " est attendu.");
    }
    switch (sniff(bytes)) {
    case Kind::Pdf:
        return checked_pdf(bytes);
    case Kind::Jpeg:
    case Kind::Png:
        return reencoded_scan(bytes, max_bytes);
    default:
        throw Rejected("Le justificatif doit être " + expected + ".");
    }
}

} // namespace media
