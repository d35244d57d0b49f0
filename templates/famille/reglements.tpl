{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li aria-current="page">Règlement(s) intérieur(s)</li></ol></nav>
<h1>Règlement(s) intérieur(s)</h1>
{{#ACCEPTED}}<p class="alert alert--ok" role="status">Merci : votre acceptation du règlement est enregistrée.</p>{{/ACCEPTED}}
<p class="lead">Chaque service de la commune a son règlement intérieur. Lisez-le puis acceptez-le : l'acceptation peut être demandée pour réserver les activités du service.</p>
{{#NO_RULES}}<p>Aucun règlement n'est publié pour le moment.</p>{{/NO_RULES}}
{{#RULES}}
<section class="card" aria-labelledby="reglement-{{ID}}">
  <h2 id="reglement-{{ID}}">{{SERVICE}}</h2>
  <dl class="details">
    <dt>Titre</dt><dd>{{TITLE}}</dd>
    <dt>Version</dt><dd>{{VERSION}}</dd>
    <dt>Publié le</dt><dd>{{PUBLISHED}}</dd>
  </dl>
  <p><a href="/famille/reglements/{{ID}}/pdf">Lire le règlement {{SERVICE}} (PDF, {{SIZE}})</a></p>
  {{#IS_ACCEPTED}}<p><strong>Accepté le {{ACCEPTED_AT}}</strong></p>{{/IS_ACCEPTED}}
  {{#TO_ACCEPT}}
  {{#NEW_VERSION}}<p class="alert">Une nouvelle version a été publiée : merci de la lire et de l'accepter.</p>{{/NEW_VERSION}}
  <form method="post" action="/famille/reglements/{{ID}}/accepter">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="button">J'ai lu et j'accepte le règlement {{SERVICE}}</button>
  </form>
  {{/TO_ACCEPT}}
</section>
{{/RULES}}
