{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Votre demande de réservation : {{WHAT}}.
{{#APPLIED}}
Résultat : {{BOOKED}} jour(s) réservé(s), {{WAITING}} en liste d'attente, {{REFUSED}} refusé(s).
{{/APPLIED}}{{#PENDING}}
Elle est transmise à la mairie, qui l'examinera : {{REQUESTED}} jour(s) en attente de sa décision. Vous recevrez sa réponse par email.
{{/PENDING}}{{#HAS_COMMENT}}
Réponse de la mairie : {{COMMENT}}
{{/HAS_COMMENT}}{{#REFUSAL}}
- {{DAY}} : refusé. {{REASON}}{{/REFUSAL}}

Le détail, jour par jour : {{LINK}}

Le service enfance-jeunesse de {{COMMUNE_NAME}}
