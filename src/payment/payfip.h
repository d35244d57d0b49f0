// Card payment providers. `Provider` is what the portal uses; `PayfipProvider` speaks the web
// service of PayFiP, the public treasury's payment service for communes' régies (SOAP 1.1 over
// HTTPS, SPEC Appendix A). The building and parsing functions below it are pure, so they are
// tested without a network; only PayfipProvider talks to a server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace payment
{

// An operation to create: one invoice paid by one family.
struct PaymentRequest {
    std::string numcli;       // the régie's client number, 6 digits
    int exer = 0;             // year of the invoice
    std::string refdet;       // invoice reference, [A-Za-z0-9]{1,30}
    std::string objet;        // [A-Za-z0-9 ]{0,100}; see make_objet()
    std::int64_t montant = 0; // cents, > 0
    std::string mel;          // payer's email
    std::string urlnotif;     // server-to-server notification, http(s)
    std::string urlredirect;  // where the browser comes back, http(s)
    char saisie = 'T';        // T test, X activation, W production
};

// What the service reports about an operation (recupererDetailPaiementSecurise).
struct PaymentResult {
    std::string idop;
    char resultrans = 0; // P paid by card, V paid by debit, R refused, Z debit refused, A abandoned
    std::int64_t montant = 0; // cents
    std::string refdet;
    std::string numcli;
    std::string exer;
    std::string numauto;   // authorisation number, when paid
    std::string dattrans;  // DDMMYYYY
    std::string heurtrans; // HHMM
    std::string mel;
    std::string objet;
    std::string saisie;

    bool paid() const { return resultrans == 'P' || resultrans == 'V'; }
};

enum class Outcome {
    Ok,
    NotYet,           // fault P5: the payer has not finished, ask again later
    UnknownOperation, // fault P1: no such idOp
    Invalid,          // refused before sending: the request is not valid
    Fault,            // any other fault of the service, or an answer that cannot be read
    Transport,        // no answer: connection, TLS, timeout, HTTP error without a SOAP body
};

struct Error {
    std::string code;    // the service's code ("P1", "P5"…), empty for local errors
    std::string message; // for logs, never shown to parents as is
};

struct CreateResult {
    Outcome outcome = Outcome::Transport;
    std::string idop; // when Ok
    Error error;
};

struct FetchResult {
    Outcome outcome = Outcome::Transport;
    PaymentResult result; // when Ok
    Error error;
};

// A payment service: creates operations and reads their results. Implementations are safe to
// call from several threads at once.
class Provider
{
public:
    virtual ~Provider() = default;
    // Creates an operation; on Ok, the browser goes to payment_url(idop).
    virtual CreateResult create(const PaymentRequest& request) = 0;
    // Reads the result of an operation. Called on each notification, return and poll: the
    // notification itself carries no trusted data.
    virtual FetchResult fetch(std::string_view idop) = 0;
    // Where to send the payer's browser for this operation.
    virtual std::string payment_url(std::string_view idop) const = 0;
};

// --- Validation ----------------------------------------------------------------------------

// Why the request would be refused by the service (English, for logs), or nullopt if valid.
std::optional<std::string> validate(const PaymentRequest& request);
bool valid_numcli(std::string_view numcli);
bool valid_refdet(std::string_view refdet);
bool valid_objet(std::string_view objet);
bool valid_idop(std::string_view idop); // [A-Za-z0-9-]{1,64}
bool valid_mel(std::string_view mel);
bool valid_url(std::string_view url); // http:// or https://, no spaces or controls, ≤ 250
// Any UTF-8 text turned into a valid objet: accents dropped ("é" → "e", "œ" → "oe"), other
// characters turned into spaces, spaces collapsed and trimmed, cut at 100 characters.
std::string make_objet(std::string_view text);

// --- Wire format (pure) ----------------------------------------------------------------------

inline constexpr const char* soap_envelope_ns = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr const char* payfip_ns =
    "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
    "contrat_paiement_securise/PaiementSecuriseService";

std::string create_envelope(const PaymentRequest& request);
std::string fetch_envelope(std::string_view idop);
std::string client_envelope(std::string_view numcli);

// Reads an answer body (whatever the HTTP status: faults come with 500).
CreateResult parse_create_answer(std::string_view body);
FetchResult parse_fetch_answer(std::string_view body);
// Ok when the answer to recupererDetailClient is not a fault.
Outcome parse_client_answer(std::string_view body, Error* error = nullptr);

// "{base}/tpa/services/securite"
std::string service_url(std::string_view base);
// "{base}/tpa/paiementws.web?idop=…"
std::string payment_page_url(std::string_view base, std::string_view idop);

// --- The client ------------------------------------------------------------------------------

class PayfipProvider : public Provider
{
public:
    // `base` is "https://www.payfip.gouv.fr" in production, the simulator in dev.
    explicit PayfipProvider(std::string base, long timeout_seconds = 10);

    CreateResult create(const PaymentRequest& request) override;
    FetchResult fetch(std::string_view idop) override;
    std::string payment_url(std::string_view idop) const override;
    // Checks a régie's client number with the service (recupererDetailClient).
    Outcome check_client(std::string_view numcli, Error* error = nullptr);

private:
    struct Answer {
        bool received = false; // an HTTP answer arrived
        long status = 0;
        std::string body;
        std::string error; // transport error when not received
    };
    Answer post(const std::string& envelope) const;

    std::string base_;
    long timeout_seconds_;
};

} // namespace payment
