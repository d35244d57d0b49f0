{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Une nouvelle facture est disponible dans votre espace facturation.

Facture n° {{NUMBER}} ({{REGIE}})
Montant : {{AMOUNT}}
À régler avant le {{DUE}}

Vous pouvez la consulter, la télécharger et la payer en ligne : {{LINK}}

Le service enfance-jeunesse de {{COMMUNE_NAME}}
