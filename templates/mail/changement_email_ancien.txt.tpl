{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Une demande de changement d'adresse email a été faite sur votre compte du Portail Famille de {{COMMUNE_NAME}}, vers l'adresse {{NEW_EMAIL}}.
Elle ne prendra effet que lorsque le lien envoyé à cette nouvelle adresse aura été ouvert.

Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe et prévenez la mairie.

Le service enfance-jeunesse de {{COMMUNE_NAME}}
