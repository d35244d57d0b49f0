{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Le mot de passe de votre compte sur le Portail Famille de {{COMMUNE_NAME}} vient d'être modifié, et vos autres sessions ont été fermées.

Si vous n'êtes pas à l'origine de ce changement, choisissez sans attendre un nouveau mot de passe : {{RESET_LINK}}

Le service enfance-jeunesse de {{COMMUNE_NAME}}
