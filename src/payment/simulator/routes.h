// The simulator's HTTP routes: the SOAP web service, the payment page for the browser, and the
// /_sim/ controls for tests (switches, listing, direct choice, a notification sink).
#pragma once

#include "payment/simulator/http_server.h"
#include "payment/simulator/simulator.h"

namespace payment::sim
{

Response handle(Simulator& sim, const Request& request);

// SOAP answers as the real service writes them (prefixed elements: S:, ns2:).
std::string soap_create_answer(const std::string& idop);
std::string soap_detail_answer(const PaymentResult& result);
std::string soap_client_answer(const std::string& numcli);
std::string soap_fault(const std::string& kind, const Fault& fault);

} // namespace payment::sim
