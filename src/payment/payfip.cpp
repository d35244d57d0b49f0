#include "payment/payfip.h"

#include "http/parse.h"
#include "payment/xml.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <stdexcept>

namespace payment
{

namespace
{

constexpr std::size_t max_url = 250;
constexpr std::size_t max_mel = 254;
constexpr std::int64_t max_montant = 10'000'000'000; // cents: 100 million euros

bool is_alnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

// Latin-1 letters U+00C0..U+00FF without their accents; "" for × and ÷.
constexpr const char* latin1_letters[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",
    "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// The plain letters of a code point, "" when it has none.
std::string_view plain_letters(std::uint32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xFF)
        return latin1_letters[cp - 0xC0];
    switch (cp) {
    case 0x152:
        return "OE";
    case 0x153:
        return "oe";
    case 0x178:
        return "Y";
    default:
        return "";
    }
}

// Decodes one UTF-8 sequence at `i`; advances `i`; 0xFFFFFFFF for an invalid byte.
std::uint32_t next_code_point(std::string_view s, std::size_t& i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    int len = b0 < 0x80           ? 1
              : (b0 >> 5) == 0x6  ? 2
              : (b0 >> 4) == 0xE  ? 3
              : (b0 >> 3) == 0x1E ? 4
                                  : 0;
    if (len == 0 || i + len > s.size() || !http::is_valid_utf8(s.substr(i, len))) {
        ++i;
        return 0xFFFFFFFF;
    }
    std::uint32_t cp = len == 1 ? b0 : b0 & (0x7F >> len);
    for (int k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

std::string element(std::string_view name, std::string_view value)
{
    std::string out = "<";
    out += name;
    out += '>';
    out += xml::escape(value);
    out += "</";
    out += name;
    out += '>';
    return out;
}

std::string envelope(std::string_view operation, const std::string& arg0)
{
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                      "<soapenv:Envelope xmlns:soapenv=\"";
    out += soap_envelope_ns;
    out += "\" xmlns:pai=\"";
    out += payfip_ns;
    out += "\"><soapenv:Header/><soapenv:Body><pai:";
    out += operation;
    out += "><arg0>";
    out += arg0;
    out += "</arg0></pai:";
    out += operation;
    out += "></soapenv:Body></soapenv:Envelope>";
    return out;
}

std::string text_of(const xml::Element& parent, std::string_view name)
{
    const auto* e = parent.child(name);
    if (!e)
        e = parent.find(name);
    return e ? std::string(trim(e->text)) : std::string{};
}

// The root of an answer, or an Error saying why it cannot be read.
struct Analysed {
    std::optional<xml::Element> root;
    bool fault = false;
    Error error; // the fault's, or why the answer is unreadable
};

Analysed analyse(std::string_view body)
{
    Analysed a;
    std::string why;
    a.root = xml::parse(body, &why);
    if (!a.root) {
        a.error.message = "unreadable answer: " + why;
        return a;
    }
    const auto* fault = a.root->find("Fault");
    if (!fault)
        return a;
    a.fault = true;
    const auto* detail = fault->find("detail");
    if (detail && !detail->children.empty()) {
        const auto& kind = detail->children.front();
        a.error.code = text_of(kind, "code");
        const auto libelle = text_of(kind, "libelle");
        const auto descriptif = text_of(kind, "descriptif");
        a.error.message = kind.name + ": " + (libelle.empty() ? descriptif : libelle);
        if (!libelle.empty() && !descriptif.empty() && descriptif != libelle)
            a.error.message += " (" + descriptif + ")";
    } else {
        a.error.message = "SOAP fault: " + text_of(*fault, "faultstring");
    }
    return a;
}

Outcome fault_outcome(const Error& error)
{
    if (error.code == "P5")
        return Outcome::NotYet;
    if (error.code == "P1")
        return Outcome::UnknownOperation;
    return Outcome::Fault;
}

std::optional<std::int64_t> parse_cents(std::string_view text)
{
    if (text.empty() || text.size() > 15 || !std::all_of(text.begin(), text.end(), is_digit))
        return std::nullopt;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

CreateResult create_from(const Analysed& a)
{
    CreateResult r;
    r.outcome = Outcome::Fault;
    r.error = a.error;
    if (!a.root || a.fault)
        return r;
    auto idop = text_of(*a.root, "idOp");
    if (idop.empty())
        idop = text_of(*a.root, "idop");
    if (!valid_idop(idop)) {
        r.error.message = idop.empty() ? "answer without idOp" : "answer with an invalid idOp";
        return r;
    }
    r.outcome = Outcome::Ok;
    r.idop = std::move(idop);
    return r;
}

FetchResult fetch_from(const Analysed& a)
{
    FetchResult r;
    r.outcome = Outcome::Fault;
    r.error = a.error;
    if (!a.root)
        return r;
    if (a.fault) {
        r.outcome = fault_outcome(a.error);
        return r;
    }
    const auto* ret = a.root->find("return");
    if (!ret) {
        r.error.message = "answer without a return element";
        return r;
    }
    auto& p = r.result;
    const auto resultrans = text_of(*ret, "resultrans");
    if (resultrans.size() != 1 ||
        std::string_view("PVRZA").find(resultrans[0]) == std::string_view::npos) {
        r.error.message = "answer with an invalid resultrans";
        return r;
    }
    p.resultrans = resultrans[0];
    const auto montant = parse_cents(text_of(*ret, "montant"));
    if (!montant) {
        r.error.message = "answer with an invalid montant";
        return r;
    }
    p.montant = *montant;
    p.idop = text_of(*ret, "idOp");
    p.refdet = text_of(*ret, "refdet");
    p.numcli = text_of(*ret, "numcli");
    p.exer = text_of(*ret, "exer");
    p.numauto = text_of(*ret, "numauto");
    p.dattrans = text_of(*ret, "dattrans");
    p.heurtrans = text_of(*ret, "heurtrans");
    p.mel = text_of(*ret, "mel");
    p.objet = text_of(*ret, "objet");
    p.saisie = text_of(*ret, "saisie");
    r.outcome = Outcome::Ok;
    r.error = {};
    return r;
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user)
{
    auto* out = static_cast<std::string*>(user);
    if (out->size() + size * n > xml::max_document)
        return 0; // aborts the transfer
    out->append(data, size * n);
    return size * n;
}

std::once_flag curl_once;

} // namespace

// --- Validation ----------------------------------------------------------------------------

bool valid_numcli(std::string_view numcli)
{
    return numcli.size() == 6 && std::all_of(numcli.begin(), numcli.end(), is_digit);
}

bool valid_refdet(std::string_view refdet)
{
    return !refdet.empty() && refdet.size() <= 30 &&
           std::all_of(refdet.begin(), refdet.end(), is_alnum);
}

bool valid_objet(std::string_view objet)
{
    return objet.size() <= 100 &&
           std::all_of(objet.begin(), objet.end(), [](char c) { return is_alnum(c) || c == ' '; });
}

bool valid_idop(std::string_view idop)
{
    return !idop.empty() && idop.size() <= 64 &&
           std::all_of(idop.begin(), idop.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

bool valid_mel(std::string_view mel)
{
    if (mel.empty() || mel.size() > max_mel)
        return false;
    const auto at = mel.find('@');
    if (at == 0 || at == std::string_view::npos || mel.find('@', at + 1) != std::string_view::npos)
        return false;
    const auto domain = mel.substr(at + 1);
    if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
        domain.back() == '.')
        return false;
    return std::all_of(mel.begin(), mel.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7F && c != '<' && c != '>' && c != '"' && c != '\\' && c != ',';
    });
}

bool valid_url(std::string_view url)
{
    std::string_view rest;
    if (url.starts_with("https://"))
        rest = url.substr(8);
    else if (url.starts_with("http://"))
        rest = url.substr(7);
    else
        return false;
    if (rest.empty() || rest.front() == '/' || url.size() > max_url)
        return false;
    return std::all_of(url.begin(), url.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7F && c != '"' && c != '<' && c != '>' && c != '\\';
    });
}

std::optional<std::string> validate(const PaymentRequest& r)
{
    if (!valid_numcli(r.numcli))
        return "numcli must be 6 digits";
    if (r.exer < 1900 || r.exer > 9999)
        return "exer must be a year";
    if (!valid_refdet(r.refdet))
        return "refdet must be 1 to 30 letters or digits";
    if (!valid_objet(r.objet))
        return "objet must be at most 100 letters, digits or spaces";
    if (r.montant <= 0 || r.montant > max_montant)
        return "montant must be a positive number of cents";
    if (!valid_mel(r.mel))
        return "mel must be an email address";
    if (!valid_url(r.urlnotif))
        return "urlnotif must be an http(s) URL";
    if (!valid_url(r.urlredirect))
        return "urlredirect must be an http(s) URL";
    if (r.saisie != 'T' && r.saisie != 'X' && r.saisie != 'W')
        return "saisie must be T, X or W";
    return std::nullopt;
}

std::string make_objet(std::string_view text)
{
    std::string out;
    std::size_t i = 0;
    auto add_space = [&out] {
        if (!out.empty() && out.back() != ' ')
            out += ' ';
    };
    while (i < text.size()) {
        const auto cp = next_code_point(text, i);
        if (cp < 0x80 && is_alnum(static_cast<char>(cp))) {
            out += static_cast<char>(cp);
            continue;
        }
        const auto letters = plain_letters(cp);
        if (letters.empty())
            add_space();
        else
            out += letters;
    }
    if (out.size() > 100)
        out.resize(100);
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

// --- Wire format ---------------------------------------------------------------------------

std::string create_envelope(const PaymentRequest& r)
{
    std::string arg0;
    arg0 += element("exer", std::to_string(r.exer));
    arg0 += element("mel", r.mel);
    arg0 += element("montant", std::to_string(r.montant));
    arg0 += element("numcli", r.numcli);
    arg0 += element("objet", r.objet);
    arg0 += element("refdet", r.refdet);
    arg0 += element("saisie", std::string(1, r.saisie));
    arg0 += element("urlnotif", r.urlnotif);
    arg0 += element("urlredirect", r.urlredirect);
    return envelope("creerPaiementSecurise", arg0);
}

std::string fetch_envelope(std::string_view idop)
{
    return envelope("recupererDetailPaiementSecurise", element("idOp", idop));
}

std::string client_envelope(std::string_view numcli)
{
    return envelope("recupererDetailClient", element("numCli", numcli));
}

CreateResult parse_create_answer(std::string_view body)
{
    return create_from(analyse(body));
}

FetchResult parse_fetch_answer(std::string_view body)
{
    return fetch_from(analyse(body));
}

Outcome parse_client_answer(std::string_view body, Error* error)
{
    const auto a = analyse(body);
    if (error)
        *error = a.error;
    return a.root && !a.fault ? Outcome::Ok : Outcome::Fault;
}

std::string service_url(std::string_view base)
{
    while (base.ends_with('/'))
        base.remove_suffix(1);
    return std::string(base) + "/tpa/services/securite";
}

std::string payment_page_url(std::string_view base, std::string_view idop)
{
    while (base.ends_with('/'))
        base.remove_suffix(1);
    return std::string(base) + "/tpa/paiementws.web?idop=" + http::url_encode(idop);
}

// --- The client ------------------------------------------------------------------------------

PayfipProvider::PayfipProvider(std::string base, long timeout_seconds)
    : base_(std::move(base)), timeout_seconds_(std::clamp(timeout_seconds, 1L, 10L))
{
    while (base_.ends_with('/'))
        base_.pop_back();
    if (!valid_url(base_))
        throw std::invalid_argument("the PayFiP URL must be an http(s) URL");
    std::call_once(curl_once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("curl_global_init failed");
    });
}

PayfipProvider::Answer PayfipProvider::post(const std::string& envelope) const
{
    Answer answer;
    CURL* c = curl_easy_init();
    if (!c) {
        answer.error = "curl_easy_init failed";
        return answer;
    }
    const auto url = service_url(base_);
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: text/xml; charset=utf-8");
    headers = curl_slist_append(headers, "SOAPAction: \"\"");
    headers = curl_slist_append(headers, "Accept: text/xml");
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, envelope.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(envelope.size()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer.body);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(timeout_seconds_, 5L));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_seconds_);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "portail-famille");
    const auto rc = curl_easy_perform(c);
    if (rc == CURLE_OK) {
        answer.received = true;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
    } else {
        answer.error = curl_easy_strerror(rc);
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return answer;
}

namespace
{
// An HTTP error that is not a SOAP fault is a transport problem (proxy page, 404, 503…).
bool transport_failure(long status, const Analysed& a)
{
    return status != 200 && !a.fault;
}
} // namespace

CreateResult PayfipProvider::create(const PaymentRequest& request)
{
    CreateResult r;
    if (const auto why = validate(request)) {
        r.outcome = Outcome::Invalid;
        r.error.message = *why;
        return r;
    }
    const auto answer = post(create_envelope(request));
    if (!answer.received) {
        r.error.message = answer.error;
        return r;
    }
    const auto a = analyse(answer.body);
    if (transport_failure(answer.status, a)) {
        r.error.message = "HTTP status " + std::to_string(answer.status);
        return r;
    }
    return create_from(a);
}

FetchResult PayfipProvider::fetch(std::string_view idop)
{
    FetchResult r;
    if (!valid_idop(idop)) {
        r.outcome = Outcome::Invalid;
        r.error.message = "invalid idOp";
        return r;
    }
    const auto answer = post(fetch_envelope(idop));
    if (!answer.received) {
        r.error.message = answer.error;
        return r;
    }
    const auto a = analyse(answer.body);
    if (transport_failure(answer.status, a)) {
        r.error.message = "HTTP status " + std::to_string(answer.status);
        return r;
    }
    r = fetch_from(a);
    if (r.outcome == Outcome::Ok) {
        if (r.result.idop.empty())
            r.result.idop = std::string(idop);
        else if (r.result.idop != idop) {
            r.outcome = Outcome::Fault;
            r.error.message = "answer about another idOp";
        }
    }
    return r;
}

std::string PayfipProvider::payment_url(std::string_view idop) const
{
    return payment_page_url(base_, idop);
}

Outcome PayfipProvider::check_client(std::string_view numcli, Error* error)
{
    if (!valid_numcli(numcli)) {
        if (error)
            *error = Error{"", "numcli must be 6 digits"};
        return Outcome::Invalid;
    }
    const auto answer = post(client_envelope(numcli));
    if (!answer.received) {
        if (error)
            *error = Error{"", answer.error};
        return Outcome::Transport;
    }
    const auto a = analyse(answer.body);
    if (error)
        *error = a.error;
    if (transport_failure(answer.status, a)) {
        if (error)
            *error = Error{"", "HTTP status " + std::to_string(answer.status)};
        return Outcome::Transport;
    }
    return a.root && !a.fault ? Outcome::Ok : Outcome::Fault;
}

} // namespace payment
