{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Les inscriptions à {{ACTIVITY}} sont closes et les places ont été attribuées :</p>
<ul>{{#LINE}}<li>{{TEXT}}</li>{{/LINE}}</ul>
<p>{{RULES}} Graine du tirage : {{SEED}}.</p>
<p><a href="{{LINK}}">Votre planning</a></p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
