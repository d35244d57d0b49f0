{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Votre demande de réservation : {{WHAT}}.</p>
{{#APPLIED}}<p>Résultat : {{BOOKED}} jour(s) réservé(s), {{WAITING}} en liste d'attente, {{REFUSED}} refusé(s).</p>{{/APPLIED}}
{{#PENDING}}<p>Elle est transmise à la mairie, qui l'examinera : {{REQUESTED}} jour(s) en attente de sa décision. Vous recevrez sa réponse par email.</p>{{/PENDING}}
{{#HAS_COMMENT}}<p>Réponse de la mairie : {{COMMENT}}</p>{{/HAS_COMMENT}}
<ul>{{#REFUSAL}}<li>{{DAY}} : refusé. {{REASON}}</li>{{/REFUSAL}}</ul>
<p><a href="{{LINK}}">Le détail, jour par jour</a></p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
