{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
{{#BOOKED}}<p>Une place s'est libérée : la réservation {{WHAT}} est confirmée (votre enfant était sur la liste d'attente).</p>
<p>Si vous n'en avez plus besoin, pensez à l'annuler dans <a href="{{LINK}}">le planning</a>.</p>{{/BOOKED}}
{{#OFFERED}}<p>Une place s'est libérée : {{WHAT}} (votre enfant était sur la liste d'attente).</p>
<p>Le délai de réservation étant passé, la place vous est proposée : <strong>confirmez-la avant le {{BEFORE}}</strong> dans <a href="{{LINK}}">le planning</a>. Sans réponse de votre part, elle sera proposée à l'enfant suivant.</p>{{/OFFERED}}
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
