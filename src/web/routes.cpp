#include "web/routes.h"

#include "web/account.h"
#include "web/family_home.h"
#include "web/public_pages.h"

namespace web {

void add_routes(app::Router& router)
{
    using http::Access;
    router.add({"GET", "/", home, Access::Public});
    router.add({"GET", "/connexion", login_form, Access::Public});
    router.add({"POST", "/connexion", login_submit, Access::Public});
    router.add({"POST", "/deconnexion", logout, Access::Parent});
    router.add({"GET", "/compte/creer", create_form, Access::Public});
    router.add({"POST", "/compte/creer", create_submit, Access::Public});
    router.add({"GET", "/compte/confirmer", confirm, Access::Public});
    router.add({"POST", "/compte/confirmer/renvoyer", resend_confirmation, Access::Public});
    router.add({"GET", "/compte/mot-de-passe-oublie", forgot_form, Access::Public});
    router.add({"POST", "/compte/mot-de-passe-oublie", forgot_submit, Access::Public});
    router.add({"GET", "/compte/reinitialiser", reset_form, Access::Public});
    router.add({"POST", "/compte/reinitialiser", reset_submit, Access::Public});
    router.add({"GET", "/compte/email/confirmer", confirm_email_change, Access::Public});
    router.add({"GET", "/compte", my_account, Access::Parent});
    router.add({"POST", "/compte/email", change_email, Access::Parent});
    router.add({"POST", "/compte/mot-de-passe", change_password, Access::Parent});
    router.add({"GET", "/famille", family_home, Access::Parent});
}

void add_test_routes(app::Router& router)
{
    using http::Access;
    router.add({"GET", "/_test/bonjour", test_hello, Access::Public});
    router.add({"GET", "/_test/lent", test_slow, Access::Public});
}

} // namespace web
