{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Nous avons bien reçu votre paiement de {{AMOUNT}} par carte bancaire le {{PAID_AT}} pour la facture {{INVOICE_NUMBER}} ({{REGIE}}).

Reçu n° {{RECEIPT_NUMBER}} — numéro d'autorisation {{NUMAUTO}}.

Le reçu est téléchargeable dans votre espace facturation : {{LINK}}

Le service enfance-jeunesse de {{COMMUNE_NAME}}
