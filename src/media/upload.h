// What the portal accepts as uploaded files: photos (see media/image.h) and proof documents
// (justificatifs). Every check reads the content; the file name and the declared type sent by
// the browser are never trusted.
#pragma once

#include "media/image.h"
#include "media/sniff.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace media
{

struct Proof {
    std::string bytes;
    std::string mime;      // "application/pdf" or "image/jpeg"
    std::string extension; // "pdf" or "jpg"
};

// A proof document: PDF, JPEG or PNG, at most max_bytes. A PDF must start with "%PDF-1." or
// "%PDF-2." and hold "%%EOF" in its last 1024 bytes; it is kept byte for byte. A JPEG or PNG is
// re-encoded by reencode_photo to fit 2400 px, so its metadata is stripped. Throws Rejected
// with a French message otherwise.
Proof check_proof(std::string_view bytes, std::size_t max_bytes = 10 * 1024 * 1024);

} // namespace media
