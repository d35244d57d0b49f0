#include "backoffice/routes.h"

#include "backoffice/activities.h"
#include "backoffice/agents.h"
#include "backoffice/allocation.h"
#include "backoffice/billing.h"
#include "backoffice/bookings.h"
#include "backoffice/disputes.h"
#include "backoffice/exports.h"
#include "backoffice/families.h"
#include "backoffice/family_export.h"
#include "backoffice/login.h"
#include "backoffice/rules.h"
#include "backoffice/settings.h"
#include "backoffice/validations.h"

namespace backoffice
{

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
    router.add(
        {"POST", "/gestion/familles/{id}/comptes/{compte}/delier", account_unlink, Access::Agent});
    router.add({"GET", "/gestion/familles/{id}/membres/{membre}", member_file_page, Access::Agent});
    router.add({"GET", "/gestion/familles/{id}/membres/{membre}/photo", member_photo_agent,
                Access::Agent});
    router.add({"POST", "/gestion/familles/{id}/archiver", family_archive, Access::Agent});
    router.add({"GET", "/gestion/familles/{id}/export", family_export_agent, Access::Agent});
    router.add({"GET", "/gestion/reservations", bookings_day, Access::Agent});
    router.add({"GET", "/gestion/reservations/{id}", occurrence_roster, Access::Agent});
    router.add({"POST", "/gestion/reservations/{id}/pointage", attendance_submit, Access::Agent});
    router.add({"POST", "/gestion/reservations/{id}/ajout", attendance_add, Access::Agent});
    router.add({"GET", "/gestion/exports", exports_page, Access::Agent});
    router.add({"GET", "/gestion/exports/reservations.csv", bookings_csv, Access::Agent});
    router.add({"GET", "/gestion/demandes-longues", long_requests_queue, Access::Agent});
    router.add({"POST", "/gestion/demandes-longues/{id}", long_request_decide, Access::Agent});
    router.add({"GET", "/gestion/validations", validations_page, Access::Agent});
    router.add(
        {"POST", "/gestion/validations/demandes/{id}", change_request_decide, Access::Agent});
    router.add({"POST", "/gestion/validations/justificatifs/{id}", proof_decide, Access::Agent});
    router.add({"GET", "/gestion/justificatifs/{id}", proof_file, Access::Agent});
    router.add({"GET", "/gestion/reglements", rules_admin, Access::Administrateur});
    router.add({"POST", "/gestion/reglements", rules_upload, Access::Administrateur});
    router.add({"GET", "/gestion/reglements/{id}", rules_detail, Access::Administrateur});
    router.add({"GET", "/gestion/reglements/{id}/pdf", rules_pdf_agent, Access::Administrateur});
    router.add({"POST", "/gestion/reglements/{id}/publier", rules_publish, Access::Administrateur});
    router.add({"GET", "/gestion/activites", activities_list, Access::Administrateur});
    router.add({"GET", "/gestion/activites/nouvelle", activity_new_form, Access::Administrateur});
    router.add({"POST", "/gestion/activites/nouvelle", activity_create, Access::Administrateur});
    router.add({"GET", "/gestion/activites/{id}", activity_page, Access::Administrateur});
    router.add({"POST", "/gestion/activites/{id}", activity_update, Access::Administrateur});
    router.add({"GET", "/gestion/activites/{id}/attribution", allocation_page,
                Access::Administrateur});
    router.add({"POST", "/gestion/activites/{id}/attribution", allocation_run,
                Access::Administrateur});
    router.add({"GET", "/gestion/calendrier", calendar_page, Access::Administrateur});
    router.add({"POST", "/gestion/calendrier/vacances", holidays_import, Access::Administrateur});
    router.add({"POST", "/gestion/calendrier/fermetures", closure_add, Access::Administrateur});
    router.add({"POST", "/gestion/calendrier/fermetures/{id}/supprimer", closure_delete,
                Access::Administrateur});
    router.add({"GET", "/gestion/parametres", file_settings_page, Access::Administrateur});
    router.add({"POST", "/gestion/parametres", file_settings_submit, Access::Administrateur});
    router.add({"GET", "/gestion/regies", regies_list, Access::Administrateur});
    router.add({"POST", "/gestion/regies", regie_create, Access::Administrateur});
    router.add({"GET", "/gestion/regies/{id}", regie_page, Access::Administrateur});
    router.add({"POST", "/gestion/regies/{id}", regie_update, Access::Administrateur});
    router.add(
        {"POST", "/gestion/activites/{id}/regie", activity_regie_set, Access::Administrateur});
    router.add({"GET", "/gestion/activites/{id}/tarifs", tariffs_page, Access::Administrateur});
    router.add({"POST", "/gestion/activites/{id}/tarifs", tariffs_add, Access::Administrateur});
    router.add({"POST", "/gestion/activites/{id}/tarifs/{tarif}/supprimer", tariff_delete,
                Access::Administrateur});
    router.add({"GET", "/gestion/facturation", billing_page, Access::Regisseur});
    router.add({"POST", "/gestion/facturation", billing_issue, Access::Regisseur});
    router.add({"GET", "/gestion/factures", invoices_list, Access::Regisseur});
    router.add({"GET", "/gestion/factures/{id}", invoice_page, Access::Regisseur});
    router.add({"POST", "/gestion/factures/{id}/avoir", invoice_credit, Access::Regisseur});
    router.add({"POST", "/gestion/factures/{id}/transmettre", invoice_transmit, Access::Regisseur});
    router.add(
        {"POST", "/gestion/factures/{id}/paiements", invoice_counter_payment, Access::Regisseur});
    router.add({"GET", "/gestion/paiements/{id}/recu", payment_receipt_agent, Access::Regisseur});
    router.add({"GET", "/gestion/exports/factures.csv", invoices_csv, Access::Regisseur});
    router.add({"GET", "/gestion/exports/paiements.csv", payments_csv, Access::Regisseur});
    router.add({"GET", "/gestion/paiements", payments_list, Access::Regisseur});
    router.add({"GET", "/gestion/contestations", disputes_list, Access::Regisseur});
    router.add({"GET", "/gestion/contestations/{id}", dispute_page, Access::Regisseur});
    router.add({"POST", "/gestion/contestations/{id}", dispute_decide, Access::Regisseur});
}

} // namespace backoffice
