{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Pour choisir un nouveau mot de passe sur le Portail Famille de {{COMMUNE_NAME}}, ouvrez ce lien (valable 1 heure, une seule fois) :

{{LINK}}

Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.

Le service enfance-jeunesse de {{COMMUNE_NAME}}
