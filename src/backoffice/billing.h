// Invoicing in the back office: régies and the activities they bill, tariff grids
// (administrateur); monthly runs with their preview, invoices, credit notes, transmission
// to the Trésor public and online payments (régisseur and administrateur).
#pragma once

#include "app/context.h"

namespace backoffice
{

// GET /gestion/regies
http::Response regies_list(app::Context& ctx);
// POST /gestion/regies (nom, adresse, numcli, prefixe_facture, prefixe_avoir, delai_paiement,
// guichet)
http::Response regie_create(app::Context& ctx);
// GET /gestion/regies/{id}
http::Response regie_page(app::Context& ctx);
// POST /gestion/regies/{id} (same fields)
http::Response regie_update(app::Context& ctx);
// POST /gestion/activites/{id}/regie (regie: id or empty)
http::Response activity_regie_set(app::Context& ctx);
// GET /gestion/activites/{id}/tarifs
http::Response tariffs_page(app::Context& ctx);
// POST /gestion/activites/{id}/tarifs (valable_du; per row N = 1..6: qf_min_N, qf_max_N,
// public_N, prix_N, penalite_N; sans_quotient = N)
http::Response tariffs_add(app::Context& ctx);
// POST /gestion/activites/{id}/tarifs/{tarif}/supprimer
http::Response tariff_delete(app::Context& ctx);

// GET /gestion/facturation?regie=&mois=YYYY-MM (preview when both are given)
http::Response billing_page(app::Context& ctx);
// POST /gestion/facturation (regie, mois): issues the invoices
http::Response billing_issue(app::Context& ctx);
// GET /gestion/factures?regie=&mois=&famille=
http::Response invoices_list(app::Context& ctx);
// GET /gestion/factures/{id}
http::Response invoice_page(app::Context& ctx);
// POST /gestion/factures/{id}/avoir (lignes repeated, or montant; motif)
http::Response invoice_credit(app::Context& ctx);
// POST /gestion/factures/{id}/transmettre
http::Response invoice_transmit(app::Context& ctx);
// POST /gestion/factures/{id}/paiements (montant, mode, date, reference, commentaire): a payment
// received at the régie's counter; 409 when more than what is still due.
http::Response invoice_counter_payment(app::Context& ctx);
// GET /gestion/paiements/{id}/recu: the payment's receipt, as the family downloads it.
http::Response payment_receipt_agent(app::Context& ctx);
// GET /gestion/exports/factures.csv?regie=&du=&au=: invoices issued in the period (Paris days).
http::Response invoices_csv(app::Context& ctx);
// GET /gestion/exports/paiements.csv?regie=&du=&au=: every payment received in the period.
http::Response payments_csv(app::Context& ctx);

// GET /gestion/paiements?regie=&du=&au=&mois=&mode=&etat=: the payments (online through PayFiP
// and at the counter) and the online operations still pending, refused or abandoned, per régie and
// period (Paris days; this month by default), with the totals of what was paid.
http::Response payments_list(app::Context& ctx);

} // namespace backoffice
