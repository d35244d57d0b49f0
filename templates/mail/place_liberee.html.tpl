{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Une place s'est libérée : la réservation {{WHAT}} est confirmée (votre enfant était sur la liste d'attente).</p>
<p>Si vous n'en avez plus besoin, pensez à l'annuler dans <a href="{{LINK}}">le planning</a>.</p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
