{{! Plain-text mail part: not HTML, so no HTML escaping; values are the parent's own. }}Bonjour {{FIRST_NAME}},

Vous venez de créer votre compte sur le Portail Famille de {{COMMUNE_NAME}}.
Pour le confirmer, ouvrez ce lien (valable 48 heures) :

{{LINK}}

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.

Le service enfance-jeunesse de {{COMMUNE_NAME}}
