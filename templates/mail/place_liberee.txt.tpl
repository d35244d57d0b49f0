{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,
{{#BOOKED}}
Une place s'est libérée : la réservation {{WHAT}} est confirmée (votre enfant était sur la liste d'attente).

Si vous n'en avez plus besoin, pensez à l'annuler dans le planning : {{LINK}}
{{/BOOKED}}{{#OFFERED}}
Une place s'est libérée : {{WHAT}} (votre enfant était sur la liste d'attente).

Le délai de réservation étant passé, la place vous est proposée : confirmez-la avant le {{BEFORE}} dans le planning : {{LINK}}
Sans réponse de votre part, elle sera proposée à l'enfant suivant.
{{/OFFERED}}
Le service enfance-jeunesse de {{COMMUNE_NAME}}
