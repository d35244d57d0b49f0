{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour {{FIRST_NAME}},</p>
<p>Vous venez de créer votre compte sur le Portail Famille de {{COMMUNE_NAME}}. Pour le confirmer, cliquez sur ce lien (valable 48 heures) :</p>
<p><a href="{{LINK}}">Confirmer mon compte</a></p>
<p>Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.</p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
