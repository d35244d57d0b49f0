#include "web/routes.h"

#include "web/accessibility.h"
#include "web/account.h"
#include "web/billing.h"
#include "web/dossier.h"
#include "web/family_home.h"
#include "web/invoice_detail.h"
#include "web/long_requests.h"
#include "web/my_data.h"
#include "web/payments.h"
#include "web/planning.h"
#include "web/public_pages.h"
#include "web/pwa.h"
#include "web/rules.h"
#include "web/sick_leave.h"

namespace web
{

void add_routes(app::Router& router)
{
    using http::Access;
    router.add({"GET", "/", home, Access::Public});
    router.add({"GET", "/accessibilite", accessibility_statement, Access::Public});
    router.add({"GET", "/manifest.webmanifest", web_manifest, Access::Public});
    router.add({"GET", "/hors-ligne", offline_page, Access::Public});
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
    router.add({"POST", "/compte/rappels", change_reminders, Access::Parent});
    router.add({"POST", "/compte/mot-de-passe", change_password, Access::Parent});
    router.add({"GET", "/famille", family_home, Access::Parent});
    router.add({"GET", "/famille/dossier", dossier_page, Access::Parent});
    router.add({"GET", "/famille/membres/{id}", member_page, Access::Parent});
    router.add({"POST", "/famille/membres/{id}", member_submit, Access::Parent});
    router.add({"GET", "/famille/membres/{id}/photo", member_photo, Access::Parent});
    router.add({"POST", "/famille/membres/{id}/photo", photo_upload, Access::Parent});
    router.add({"POST", "/famille/membres/{id}/supprimer", contact_remove, Access::Parent});
    router.add({"GET", "/famille/contacts/nouveau", contact_new, Access::Parent});
    router.add({"POST", "/famille/contacts/nouveau", contact_create, Access::Parent});
    router.add({"GET", "/famille/foyer", household_page, Access::Parent});
    router.add({"POST", "/famille/foyer", household_submit, Access::Parent});
    router.add({"POST", "/famille/quotient", quotient_submit, Access::Parent});
    router.add({"GET", "/famille/justificatifs", proofs_page, Access::Parent});
    router.add({"POST", "/famille/justificatifs", proof_upload, Access::Parent});
    router.add({"GET", "/famille/justificatifs/{id}", proof_download, Access::Parent});
    router.add({"GET", "/famille/planning", planning_page, Access::Parent});
    router.add({"POST", "/famille/reservations", booking_submit, Access::Parent});
    router.add({"POST", "/famille/reservations/annuler", booking_cancel, Access::Parent});
    router.add({"GET", "/famille/demandes", long_requests_page, Access::Parent});
    router.add({"POST", "/famille/demandes", long_request_submit, Access::Parent});
    router.add({"GET", "/famille/demandes/{id}", long_request_page, Access::Parent});
    router.add({"GET", "/famille/enfant-malade", sick_leave_page, Access::Parent});
    router.add({"POST", "/famille/enfant-malade", sick_leave_submit, Access::Parent});
    router.add({"GET", "/famille/donnees", my_data_page, Access::Parent});
    router.add({"GET", "/famille/donnees/export", my_data_export, Access::Parent});
    router.add({"GET", "/famille/reglements", rules_page, Access::Parent});
    router.add({"POST", "/famille/reglements/{id}/accepter", rules_accept, Access::Parent});
    router.add({"GET", "/famille/reglements/{id}/pdf", rules_pdf_parent, Access::Parent});
    router.add({"GET", "/facturation", billing_page, Access::Parent});
    router.add({"GET", "/facturation/factures/{id}/pdf", invoice_pdf, Access::Parent});
    router.add({"POST", "/facturation/factures/{id}/payer", invoice_pay, Access::Parent});
    router.add({"GET", "/facturation/factures/{id}", invoice_detail, Access::Parent});
    router.add(
        {"POST", "/facturation/factures/{id}/contestations", invoice_contest, Access::Parent});
    router.add({"GET", "/facturation/paiements", payments_page, Access::Parent});
    router.add({"GET", "/facturation/paiements/{id}/recu", payment_receipt, Access::Parent});
    router.add({"GET", "/paiement/retour", payment_return, Access::Parent});
    // Server to server: no session, no CSRF token, no Origin; trusts only the idOp.
    router.add({"POST", "/paiement/notification", payment_notification, Access::Public, false});
}

void add_test_routes(app::Router& router)
{
    using http::Access;
    router.add({"GET", "/_test/bonjour", test_hello, Access::Public});
    router.add({"GET", "/_test/lent", test_slow, Access::Public});
}

} // namespace web
