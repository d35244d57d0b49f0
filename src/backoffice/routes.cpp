#include "backoffice/routes.h"

#include "backoffice/login.h"

namespace backoffice {

void add_routes(app::Router& router)
{
    using http::Access;
    router.add({"GET", "/gestion/connexion", login_form, Access::Public});
    router.add({"POST", "/gestion/connexion", login_submit, Access::Public});
    router.add({"POST", "/gestion/deconnexion", logout, Access::Agent});
    router.add({"GET", "/gestion", dashboard, Access::Agent});
}

} // namespace backoffice
