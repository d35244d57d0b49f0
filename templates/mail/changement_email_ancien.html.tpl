{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Une demande de changement d'adresse email a été faite sur votre compte du Portail Famille de {{COMMUNE_NAME}}, vers l'adresse {{NEW_EMAIL}}. Elle ne prendra effet que lorsque le lien envoyé à cette nouvelle adresse aura été ouvert.</p>
<p>Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe et prévenez la mairie.</p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
