// `portail settle-payments`: asks the payment service for the result of the operations still
// pending 5 minutes to 3 hours after they were opened (a notification late or lost, a parent
// who never came back), and records it once. Run it every 5 minutes (a systemd timer).
#pragma once

namespace app
{

int run_settle_payments(int argc, const char* const argv[]);

} // namespace app
