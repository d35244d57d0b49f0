{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
{{#ACCEPTED}}<p>La mairie a accepté votre demande : {{WHAT}}. Elle est maintenant appliquée à votre dossier.</p>{{/ACCEPTED}}
{{#REFUSED}}<p>La mairie n'a pas accepté votre demande : {{WHAT}}. Votre dossier n'a pas été modifié.</p>{{/REFUSED}}
{{#HAS_COMMENT}}<p>Commentaire de la mairie : {{COMMENT}}</p>{{/HAS_COMMENT}}
<p><a href="{{LINK}}">Consulter votre dossier</a></p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
