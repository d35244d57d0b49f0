{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Vous n'avez encore rien réservé pour {{ACTIVITY}} la semaine du {{WEEK}} ({{CHILDREN}}). Les réservations de cette semaine ferment le {{DEADLINE}}.</p>
<p><a href="{{LINK}}">Réserver dans le planning</a></p>
<p>Si votre enfant n'en a pas besoin cette semaine, ne tenez pas compte de ce message. Vous pouvez ne plus recevoir ces rappels depuis <a href="{{OPT_OUT}}">la page Mon compte</a>.</p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
