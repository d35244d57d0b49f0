{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Quelqu'un a demandé à créer un compte sur le Portail Famille de {{COMMUNE_NAME}} avec cette adresse email, qui a déjà un compte.

Si c'est vous : connectez-vous sur {{LOGIN_LINK}}
Mot de passe oublié ? {{RESET_LINK}}

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre compte n'a pas été modifié.

Le service enfance-jeunesse de {{COMMUNE_NAME}}
