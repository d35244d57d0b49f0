#include "backoffice/routes.h"

#include "backoffice/families.h"
#include "backoffice/agents.h"
#include "backoffice/login.h"

namespace backoffice {

void add_routes(app::Router& router)
{
    using http::Access;
    router.add({"GET", "/gestion/connexion", login_form, Access::Public});
    router.add({"POST", "/gestion/connexion", login_submit, Access::Public});
    router.add({"POST", "/gestion/deconnexion", logout, Access::Agent});
    router.add({"GET", "/gestion", dashboard, Access::Agent});
    router.add({"GET", "/gestion/agents", agents_list, Access::Administrateur});
    router.add({"POST", "/gestion/agents", agent_create, Access::Administrateur});
    router.add({"POST", "/gestion/agents/{id}/actif", agent_set_active, Access::Administrateur});
    router.add({"GET", "/gestion/familles", families_list, Access::Agent});
    router.add({"GET", "/gestion/familles/nouvelle", family_new_form, Access::Agent});
    router.add({"POST", "/gestion/familles/nouvelle", family_create, Access::Agent});
    router.add({"GET", "/gestion/familles/{id}", family_page, Access::Agent});
    router.add({"POST", "/gestion/familles/{id}", family_update, Access::Agent});
    router.add({"POST", "/gestion/familles/{id}/membres", member_add, Access::Agent});
    router.add({"POST", "/gestion/familles/{id}/membres/{membre}", member_update, Access::Agent});
    router.add({"POST", "/gestion/familles/{id}/valider", family_validate, Access::Agent});
    router.add({"POST", "/gestion/familles/{id}/code", family_code, Access::Agent});
    router.add({"POST", "/gestion/familles/{id}/comptes/{compte}/delier", account_unlink,
                Access::Agent});
}

} // namespace backoffice
