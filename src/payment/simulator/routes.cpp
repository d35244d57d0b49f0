#include "payment/simulator/routes.h"

#include "http/form.h"
#include "http/parse.h"
#include "payment/xml.h"

#include <charconv>

namespace payment::sim
{

namespace
{

const std::string envelope_open = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                              "<S:Envelope xmlns:S=\"") +
                                  soap_envelope_ns + "\"><S:Body>";
const std::string envelope_close = "</S:Body></S:Envelope>";

std::string el(const std::string& name, const std::string& value)
{
    return "<" + name + ">" + xml::escape(value) + "</" + name + ">";
}

std::string operation_answer(const std::string& operation, const std::string& inner)
{
    return envelope_open + "<ns2:" + operation + "Response xmlns:ns2=\"" + payfip_ns + "\">" +
           inner + "</ns2:" + operation + "Response>" + envelope_close;
}

Response xml_response(int status, std::string body)
{
    Response r;
    r.status = status;
    r.content_type = "text/xml; charset=utf-8";
    r.body = std::move(body);
    return r;
}

Response text(int status, std::string body)
{
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

// "1 234,56 €" (no-break spaces).
std::string euros(std::int64_t cents)
{
    auto units = std::to_string(cents / 100);
    for (int i = static_cast<int>(units.size()) - 3; i > 0; i -= 3)
        units.insert(static_cast<std::size_t>(i), "\u00a0");
    const auto c = cents % 100;
    return units + "," + (c < 10 ? "0" : "") + std::to_string(c) + "\u00a0€";
}

Response page(int status, const std::string& title, const std::string& main)
{
    Response r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    r.headers = {{"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
                 {"X-Content-Type-Options", "nosniff"},
                 {"Referrer-Policy", "no-referrer"},
                 {"Cache-Control", "no-store"}};
    r.body = "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
             xml::escape(title) + " — PayFiP (simulateur)</title>\n</head>\n<body>\n<main>\n<h1>" +
             xml::escape(title) + "</h1>\n" + main + "</main>\n</body>\n</html>\n";
    return r;
}

Response error_page(int status, const std::string& message)
{
    return page(status, "Paiement impossible",
                "<p>" + xml::escape(message) +
                    "</p>\n<p>Retournez sur le site de votre commune pour recommencer.</p>\n");
}

std::string choice_form(const std::string& idop, const std::string& action,
                        const std::string& label, const std::string& hint)
{
    return "<form method=\"post\" action=\"/tpa/paiementws.web\">\n"
           "<input type=\"hidden\" name=\"idop\" value=\"" +
           xml::escape(idop) + "\">\n<input type=\"hidden\" name=\"action\" value=\"" + action +
           "\">\n<button type=\"submit\" aria-describedby=\"aide-" + action + "\">" + label +
           "</button>\n<p id=\"aide-" + action + "\">" + hint + "</p>\n</form>\n";
}

Response payment_page(Simulator& sim, const std::string& idop)
{
    Operation op;
    switch (sim.find(idop, op)) {
    case Simulator::Lookup::Unknown:
        return error_page(404, "Cette opération de paiement est inconnue.");
    case Simulator::Lookup::Expired:
        return error_page(
            410, "Cette opération de paiement a expiré : le délai de paiement est dépassé.");
    case Simulator::Lookup::Decided:
        return error_page(409, "Cette opération de paiement est déjà terminée.");
    case Simulator::Lookup::Found:
        break;
    }
    const auto& r = op.request;
    std::string main =
        "<p>Simulateur de test : aucune carte n'est demandée et aucun paiement réel n'a "
        "lieu.</p>\n<dl>\n<dt>Montant</dt><dd>" +
        xml::escape(euros(r.montant)) + "</dd>\n<dt>Objet</dt><dd>" + xml::escape(r.objet) +
        "</dd>\n<dt>Référence</dt><dd>" + xml::escape(r.refdet) + "</dd>\n<dt>Courriel</dt><dd>" +
        xml::escape(r.mel) + "</dd>\n</dl>\n";
    main += choice_form(idop, "pay", "Payer", "Le paiement est accepté.");
    main += choice_form(idop, "refuse", "Refuser", "La banque refuse le paiement.");
    main += choice_form(idop, "abandon", "Abandonner", "Vous renoncez à payer.");
    return page(200, "Paiement de " + euros(r.montant), main);
}

std::optional<char> action_code(std::string_view action)
{
    if (action == "pay")
        return 'P';
    if (action == "refuse")
        return 'R';
    if (action == "abandon")
        return 'A';
    if (action == "debit")
        return 'V';
    if (action == "debit_refuse")
        return 'Z';
    return std::nullopt;
}

std::string param(const http::Params& p, std::string_view name)
{
    const auto v = p.get(name);
    return v ? std::string(*v) : std::string{};
}

// Query and urlencoded body together (body wins); nullopt when malformed.
std::optional<http::Params> params_of(const Request& req)
{
    auto query = http::parse_urlencoded(req.query);
    auto body = http::parse_urlencoded(req.body);
    if (!query || !body)
        return std::nullopt;
    for (const auto& [n, v] : query->items())
        body->add(n, v);
    return body;
}

Response choose_page(Simulator& sim, const Request& req)
{
    const auto p = params_of(req);
    if (!p)
        return error_page(400, "La demande est mal formée.");
    const auto idop = param(*p, "idop");
    const auto code = action_code(param(*p, "action"));
    if (!code)
        return error_page(400, "Choix inconnu.");
    std::string redirect;
    switch (sim.choose(idop, *code, redirect)) {
    case Simulator::Lookup::Unknown:
        return error_page(404, "Cette opération de paiement est inconnue.");
    case Simulator::Lookup::Expired:
        return error_page(
            410, "Cette opération de paiement a expiré : le délai de paiement est dépassé.");
    case Simulator::Lookup::Decided:
        return error_page(409, "Cette opération de paiement est déjà terminée.");
    case Simulator::Lookup::Found:
        break;
    }
    Response r = page(303, "Retour vers votre commune",
                      "<p><a href=\"" + xml::escape(redirect) + "\">Retour au site</a></p>\n");
    r.headers.emplace_back("Location", redirect);
    return r;
}

Response sim_pay(Simulator& sim, const Request& req)
{
    const auto p = params_of(req);
    if (!p)
        return text(400, "malformed parameters\n");
    const auto code = action_code(param(*p, "action"));
    if (!code)
        return text(400, "action must be pay, refuse, abandon, debit or debit_refuse\n");
    std::string redirect;
    switch (sim.choose(param(*p, "idop"), *code, redirect)) {
    case Simulator::Lookup::Unknown:
        return text(404, "unknown idop\n");
    case Simulator::Lookup::Expired:
        return text(410, "expired\n");
    case Simulator::Lookup::Decided:
        return text(409, "already decided\n");
    case Simulator::Lookup::Found:
        break;
    }
    return text(200, redirect + "\n");
}

template <class T> bool read_number(const http::Params& p, std::string_view name, T& out)
{
    const auto v = p.get(name);
    if (!v)
        return true;
    T value{};
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
    if (v->empty() || ec != std::errc{} || end != v->data() + v->size())
        return false;
    out = value;
    return true;
}

bool read_bool(const http::Params& p, std::string_view name, bool& out)
{
    const auto v = p.get(name);
    if (!v)
        return true;
    if (*v == "1" || *v == "true" || *v == "on")
        out = true;
    else if (*v == "0" || *v == "false" || *v == "off" || v->empty())
        out = false;
    else
        return false;
    return true;
}

Response sim_config(Simulator& sim, const Request& req)
{
    const auto p = params_of(req);
    if (!p)
        return text(400, "malformed parameters\n");
    auto s = sim.switches();
    if (!read_number(*p, "notify_delay_ms", s.notify_delay_ms) ||
        !read_number(*p, "notify_repeat", s.notify_repeat) ||
        !read_bool(*p, "notify_drop", s.notify_drop) ||
        !read_bool(*p, "notify_reorder", s.notify_reorder) ||
        !read_number(*p, "tamper_amount_cents", s.tamper_amount_cents) ||
        !read_number(*p, "result_delay", s.result_delay) ||
        !read_number(*p, "lifetime_seconds", s.lifetime_seconds))
        return text(400, "invalid switch value\n");
    sim.configure(s);
    s = sim.switches();
    return text(200, "notify_delay_ms=" + std::to_string(s.notify_delay_ms) +
                         "\nnotify_repeat=" + std::to_string(s.notify_repeat) +
                         "\nnotify_drop=" + std::to_string(s.notify_drop) +
                         "\nnotify_reorder=" + std::to_string(s.notify_reorder) +
                         "\ntamper_amount_cents=" + std::to_string(s.tamper_amount_cents) +
                         "\nresult_delay=" + std::to_string(s.result_delay) +
                         "\nlifetime_seconds=" + std::to_string(s.lifetime_seconds) + "\n");
}

Response soap(Simulator& sim, const Request& req)
{
    std::string why;
    const auto doc = xml::parse(req.body, &why);
    const xml::Element* body = doc ? doc->find("Body") : nullptr;
    if (!body || body->children.empty())
        return xml_response(
            500, soap_fault("TechProtocolaireErreur", Fault{"T1", "Requête SOAP illisible"}));
    const auto& op = body->children.front();
    const auto* arg0 = op.child("arg0");
    auto field = [arg0](const char* name) {
        const auto* e = arg0 ? arg0->child(name) : nullptr;
        return e ? e->text : std::string{};
    };
    if (op.name == "creerPaiementSecurise") {
        Simulator::CreateFields f{field("exer"),   field("mel"),      field("montant"),
                                  field("numcli"), field("objet"),    field("refdet"),
                                  field("saisie"), field("urlnotif"), field("urlredirect")};
        const auto result = sim.create(f);
        if (const auto* fault = std::get_if<Fault>(&result))
            return xml_response(500, soap_fault("FonctionnelleErreur", *fault));
        return xml_response(200, soap_create_answer(std::get<std::string>(result)));
    }
    if (op.name == "recupererDetailPaiementSecurise") {
        const auto result = sim.detail(field("idOp"));
        if (const auto* fault = std::get_if<Fault>(&result))
            return xml_response(500, soap_fault("FonctionnelleErreur", *fault));
        return xml_response(200, soap_detail_answer(std::get<PaymentResult>(result)));
    }
    if (op.name == "recupererDetailClient") {
        const auto numcli = field("numCli");
        if (const auto fault = sim.check_client(numcli))
            return xml_response(500, soap_fault("FonctionnelleErreur", *fault));
        return xml_response(200, soap_client_answer(numcli));
    }
    return xml_response(
        500, soap_fault("TechProtocolaireErreur", Fault{"T2", "Opération inconnue : " + op.name}));
}

Response sink_listing(Simulator& sim)
{
    std::string out;
    for (const auto& r : sim.received())
        out += r.content_type + "\t" + r.body + "\n";
    return text(200, out);
}

} // namespace

std::string soap_create_answer(const std::string& idop)
{
    return operation_answer("creerPaiementSecurise", "<return>" + el("idOp", idop) + "</return>");
}

std::string soap_detail_answer(const PaymentResult& r)
{
    std::string inner = "<return>";
    inner += el("dattrans", r.dattrans);
    inner += el("exer", r.exer);
    inner += el("heurtrans", r.heurtrans);
    inner += el("idOp", r.idop);
    inner += el("mel", r.mel);
    inner += el("montant", std::to_string(r.montant));
    if (!r.numauto.empty())
        inner += el("numauto", r.numauto);
    inner += el("numcli", r.numcli);
    inner += el("objet", r.objet);
    inner += el("refdet", r.refdet);
    inner += el("resultrans", std::string(1, r.resultrans));
    inner += el("saisie", r.saisie);
    inner += "</return>";
    return operation_answer("recupererDetailPaiementSecurise", inner);
}

std::string soap_client_answer(const std::string& numcli)
{
    return operation_answer("recupererDetailClient",
                            "<return>" + el("libelleN1", "RÉGIE DE TEST (SIMULATEUR)") +
                                el("numcli", numcli) + "</return>");
}

std::string soap_fault(const std::string& kind, const Fault& fault)
{
    return envelope_open + "<S:Fault><faultcode>S:Server</faultcode><faultstring>" +
           xml::escape(fault.libelle) + "</faultstring><detail><ns2:" + kind + " xmlns:ns2=\"" +
           payfip_ns + "\">" + el("code", fault.code) + el("descriptif", fault.libelle) +
           el("libelle", fault.libelle) + el("severite", "2") + "</ns2:" + kind +
           "></detail></S:Fault>" + envelope_close;
}

Response handle(Simulator& sim, const Request& req)
{
    const auto& path = req.path;
    const bool get = req.method == "GET" || req.method == "HEAD";
    const bool post = req.method == "POST";
    if (path == "/tpa/services/securite" && post)
        return soap(sim, req);
    if (path == "/tpa/paiementws.web" && get) {
        const auto p = http::parse_urlencoded(req.query);
        if (!p)
            return error_page(400, "La demande est mal formée.");
        return payment_page(sim, param(*p, "idop"));
    }
    if (path == "/tpa/paiementws.web" && post)
        return choose_page(sim, req);
    if (path == "/_sim/pay" && post)
        return sim_pay(sim, req);
    if (path == "/_sim/config" && post)
        return sim_config(sim, req);
    if (path == "/_sim/reset" && post) {
        sim.reset();
        return text(200, "reset\n");
    }
    if (path == "/_sim/release" && post)
        return text(200, "released " + std::to_string(sim.release()) + "\n");
    if (path == "/_sim/operations" && get) {
        const auto p = http::parse_urlencoded(req.query);
        Response r = text(200, sim.operations_json(p ? param(*p, "idop") : std::string{}));
        r.content_type = "application/json";
        return r;
    }
    if (path == "/_sim/sink" && post) {
        sim.record_received(Received{req.header("content-type"), req.body});
        return text(200, "ok\n");
    }
    if (path == "/_sim/sink" && get)
        return sink_listing(sim);
    for (const char* known :
         {"/tpa/services/securite", "/tpa/paiementws.web", "/_sim/pay", "/_sim/config",
          "/_sim/reset", "/_sim/release", "/_sim/operations", "/_sim/sink"})
        if (path == known)
            return text(405, "method not allowed\n");
    return error_page(404, "Cette page n'existe pas.");
}

} // namespace payment::sim
