{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Pour choisir un nouveau mot de passe sur le Portail Famille de {{COMMUNE_NAME}}, cliquez sur ce lien (valable 1 heure, une seule fois) :</p>
<p><a href="{{LINK}}">Choisir un nouveau mot de passe</a></p>
<p>Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.</p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
