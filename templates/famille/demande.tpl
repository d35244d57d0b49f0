{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li><a href="/famille/demandes">Longue période</a></li><li aria-current="page">Demande</li></ol></nav>
<h1>{{ACTIVITY}} pour {{CHILD}}</h1>
<p>{{PERIOD}}, le {{WEEKDAYS}}.</p>
<p class="alert" role="status"><strong>{{STATUS}}</strong> : {{BOOKED}} jour(s) réservé(s), {{WAITING}} en liste d'attente, {{REQUESTED}} en attente de la mairie, {{REFUSED}} refusé(s).</p>
{{#HAS_COMMENT}}<p>Réponse de la mairie : {{COMMENT}}</p>{{/HAS_COMMENT}}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-jours">
<table class="table">
  <caption id="titre-jours">Le détail, jour par jour</caption>
  <thead><tr><th scope="col">Jour</th><th scope="col">Résultat</th><th scope="col">Raison</th></tr></thead>
  <tbody>
  {{#DAY}}<tr><th scope="row">{{DAY}}</th><td><span class="status status--{{OUTCOME_CLASS}}">{{OUTCOME}}</span></td><td>{{REASON}}</td></tr>{{/DAY}}
  </tbody>
</table>
</div>
<p><a class="button" href="{{PLANNING_URL}}">Voir le planning</a> <a class="button button--secondary" href="/famille/demandes">Faire une autre demande</a></p>
