{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

{{#GRANTED}}La mairie a accepté votre contestation de la facture {{INVOICE_NUMBER}} ({{LINE}}). L'avoir {{CREDIT_NUMBER}} de {{CREDIT_AMOUNT}} est établi : il diminue d'autant le reste à payer de la facture.{{/GRANTED}}{{#REFUSED}}La mairie n'a pas accepté votre contestation de la facture {{INVOICE_NUMBER}} ({{LINE}}). La facture reste due.{{/REFUSED}}
{{#HAS_ANSWER}}
Réponse de la mairie : {{ANSWER}}
{{/HAS_ANSWER}}
Consultez la facture : {{LINK}}

Le service enfance-jeunesse de {{COMMUNE_NAME}}
