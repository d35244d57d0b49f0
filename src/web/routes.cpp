#include "web/routes.h"

#include "web/public_pages.h"

namespace web {

void add_routes(app::Router& router)
{
    using http::Access;
    router.add({"GET", "/", home, Access::Public});
}

void add_test_routes(app::Router& router)
{
    using http::Access;
    router.add({"GET", "/_test/bonjour", test_hello, Access::Public});
    router.add({"GET", "/_test/lent", test_slow, Access::Public});
}

} // namespace web
