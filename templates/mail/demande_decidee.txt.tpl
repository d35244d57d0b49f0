{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

{{#ACCEPTED}}La mairie a accepté votre demande : {{WHAT}}. Elle est maintenant appliquée à votre dossier.{{/ACCEPTED}}{{#REFUSED}}La mairie n'a pas accepté votre demande : {{WHAT}}. Votre dossier n'a pas été modifié.{{/REFUSED}}
{{#HAS_COMMENT}}
Commentaire de la mairie : {{COMMENT}}
{{/HAS_COMMENT}}
Consultez votre dossier : {{LINK}}

Le service enfance-jeunesse de {{COMMUNE_NAME}}
