{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Quelqu'un a demandé à créer un compte sur le Portail Famille de {{COMMUNE_NAME}} avec cette adresse email, qui a déjà un compte.</p>
<p>Si c'est vous : <a href="{{LOGIN_LINK}}">connectez-vous</a>, ou <a href="{{RESET_LINK}}">choisissez un nouveau mot de passe</a>.</p>
<p>Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre compte n'a pas été modifié.</p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
