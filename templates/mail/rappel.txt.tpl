{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Vous n'avez encore rien réservé pour {{ACTIVITY}} la semaine du {{WEEK}} ({{CHILDREN}}). Les réservations de cette semaine ferment le {{DEADLINE}}.

Réserver dans le planning : {{LINK}}

Si votre enfant n'en a pas besoin cette semaine, ne tenez pas compte de ce message. Vous pouvez ne plus recevoir ces rappels depuis la page Mon compte : {{OPT_OUT}}

Le service enfance-jeunesse de {{COMMUNE_NAME}}
