{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Le mot de passe de votre compte sur le Portail Famille de {{COMMUNE_NAME}} vient d'être modifié, et vos autres sessions ont été fermées.</p>
<p>Si vous n'êtes pas à l'origine de ce changement, <a href="{{RESET_LINK}}">choisissez sans attendre un nouveau mot de passe</a>.</p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
