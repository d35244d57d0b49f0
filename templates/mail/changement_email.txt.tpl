{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Pour que cette adresse devienne l'identifiant de votre compte sur le Portail Famille de {{COMMUNE_NAME}}, ouvrez ce lien (valable 48 heures) :

{{LINK}}

Si vous n'avez rien demandé, ignorez ce message.

Le service enfance-jeunesse de {{COMMUNE_NAME}}
