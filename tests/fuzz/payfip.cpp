// PayFiP SOAP answers (payment::parse_create_answer, parse_fetch_answer, parse_client_answer)
// and the text the portal sends (make_objet, the envelopes).
#include "fuzz_check.h"

#include "http/parse.h"
#include "payment/payfip.h"
#include "payment/xml.h"

#include <string>

namespace
{

bool all_digits(std::string_view s)
{
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

void answers(std::string_view body)
{
    // Nothing read from the service is trusted: an Ok answer has passed every check.
    const auto created = payment::parse_create_answer(body);
    if (created.outcome == payment::Outcome::Ok)
        FUZZ_CHECK(payment::valid_idop(created.idop));
    else
        FUZZ_CHECK(created.outcome == payment::Outcome::Fault && created.idop.empty() &&
                   !created.error.message.empty());

    const auto fetched = payment::parse_fetch_answer(body);
    switch (fetched.outcome) {
    case payment::Outcome::Ok: {
        const auto& r = fetched.result;
        FUZZ_CHECK(std::string_view("PVRZA").find(r.resultrans) != std::string_view::npos &&
                   r.resultrans != 0);
        FUZZ_CHECK(r.montant >= 0 && r.montant < 1'000'000'000'000'000);
        FUZZ_CHECK(fetched.error.code.empty() && fetched.error.message.empty());
        break;
    }
    case payment::Outcome::NotYet:
        FUZZ_CHECK(fetched.error.code == "P5");
        break;
    case payment::Outcome::UnknownOperation:
        FUZZ_CHECK(fetched.error.code == "P1");
        break;
    case payment::Outcome::Fault:
        FUZZ_CHECK(!fetched.error.message.empty());
        break;
    default:
        FUZZ_CHECK(!"a parsed answer is never Invalid nor Transport");
    }

    payment::Error error;
    const auto client = payment::parse_client_answer(body, &error);
    FUZZ_CHECK(client == payment::Outcome::Ok || client == payment::Outcome::Fault);
    // "Not yet" and "unknown operation" come from faults only.
    if (client == payment::Outcome::Ok)
        FUZZ_CHECK(fetched.outcome == payment::Outcome::Ok ||
                   fetched.outcome == payment::Outcome::Fault);
}

void outgoing(std::string_view text)
{
    // Any text becomes a valid objet, and a valid one is left as it is.
    const auto objet = payment::make_objet(text);
    FUZZ_CHECK(payment::valid_objet(objet));
    if (payment::valid_objet(text) && text.find("  ") == std::string_view::npos &&
        !text.starts_with(' ') && !text.ends_with(' '))
        FUZZ_CHECK(objet == text);

    // What goes into an envelope comes out of it unchanged.
    if (!http::is_valid_utf8(text))
        return;
    const auto envelope = payment::fetch_envelope(text);
    const auto parsed = payment::xml::parse(envelope);
    FUZZ_CHECK(parsed);
    const auto* idop = parsed->find("idOp");
    FUZZ_CHECK(idop && idop->text == text);
    if (all_digits(text))
        FUZZ_CHECK(payment::xml::parse(payment::client_envelope(text)));
    (void)payment::payment_page_url("https://www.payfip.gouv.fr/", text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto in = fuzz::as_text(data, size);
    answers(in);
    outgoing(in);
    return 0;
}
