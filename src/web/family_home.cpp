#include "web/family_home.h"

#include "db/families.h"
#include "http/error.h"

namespace web {

http::Response family_home(app::Context& ctx)
{
    const auto family = db::load_family(ctx.db(), ctx.commune.id, ctx.family_id());
    if (!family)
        throw http::Error(404);
    view::Page page("famille/espace.tpl", "Espace famille");
    auto& d = page.dict();
    d.SetValue("FAMILY_NAME", family->name);
    if (ctx.req.query().get("bienvenue") == "1")
        d.ShowSection("WELCOME");
    for (const auto& m : family->members) {
        auto* row = d.AddSectionDictionary("MEMBER");
        row->SetValue("FIRST_NAME", m.first_name);
        row->SetValue("LAST_NAME", m.last_name);
        row->SetValue("ROLE", db::member_role_label(m.role));
    }
    return page.render(ctx.layout());
}

} // namespace web
