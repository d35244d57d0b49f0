{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Pour que cette adresse devienne l'identifiant de votre compte sur le Portail Famille de {{COMMUNE_NAME}}, cliquez sur ce lien (valable 48 heures) :</p>
<p><a href="{{LINK}}">Confirmer ma nouvelle adresse</a></p>
<p>Si vous n'avez rien demandé, ignorez ce message.</p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
