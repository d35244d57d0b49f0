{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Une place s'est libérée : la réservation {{WHAT}} est confirmée (votre enfant était sur la liste d'attente).

Si vous n'en avez plus besoin, pensez à l'annuler dans le planning : {{LINK}}

Le service enfance-jeunesse de {{COMMUNE_NAME}}
