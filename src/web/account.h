// Parent accounts (SPEC §4.2–4.4): create with a code abonné, confirm by mail, log in and
// out, reset a forgotten password, and "Mon compte".
#pragma once

#include "app/context.h"

namespace web {

http::Response login_form(app::Context& ctx);
http::Response login_submit(app::Context& ctx);
http::Response logout(app::Context& ctx);

http::Response create_form(app::Context& ctx);
http::Response create_submit(app::Context& ctx);
http::Response confirm(app::Context& ctx);
http::Response resend_confirmation(app::Context& ctx);

http::Response forgot_form(app::Context& ctx);
http::Response forgot_submit(app::Context& ctx);
http::Response reset_form(app::Context& ctx);
http::Response reset_submit(app::Context& ctx);

http::Response my_account(app::Context& ctx);
http::Response change_email(app::Context& ctx);
// POST /compte/rappels: `rappels` = 1 (receive the reminders before booking deadlines) or 0.
http::Response change_reminders(app::Context& ctx);
http::Response confirm_email_change(app::Context& ctx);
http::Response change_password(app::Context& ctx);

} // namespace web
