#include "web/accessibility.h"

namespace web
{

http::Response accessibility_statement(app::Context& ctx)
{
    view::Page page("accessibilite.tpl", "Déclaration d'accessibilité");
    auto& d = page.dict();
    if (!ctx.commune.base_url.empty())
        d.SetValueAndShowSection("SITE_URL", ctx.commune.base_url, "HAS_SITE_URL");
    // The address the portal's mails come from, replies included: the commune's contact.
    if (!ctx.commune.mail_from.empty())
        d.SetValueAndShowSection("CONTACT_EMAIL", ctx.commune.mail_from, "HAS_CONTACT_EMAIL");
    return page.render(ctx.layout());
}

} // namespace web
