{{%AUTOESCAPE context="HTML"}}
<p><a href="/gestion/reglements">Retour aux règlements intérieurs</a></p>
<h1>Règlement {{SERVICE}}, version {{VERSION}}</h1>
<section class="card" aria-labelledby="titre-version">
  <h2 id="titre-version">Cette version</h2>
  <dl class="details">
    <dt>Titre</dt><dd>{{TITLE}}</dd>
    <dt>Ajoutée le</dt><dd>{{CREATED}}</dd>
    <dt>Publication</dt><dd>{{#DRAFT}}Brouillon : les familles ne la voient pas encore.{{/DRAFT}}{{#IS_PUBLISHED}}Publiée le {{PUBLISHED}}{{/IS_PUBLISHED}}</dd>
  </dl>
  <p><a href="/gestion/reglements/{{ID}}/pdf">Lire le règlement (PDF, {{SIZE}})</a></p>
  {{#DRAFT}}
  <form method="post" action="/gestion/reglements/{{ID}}/publier">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="button">Publier cette version</button>
  </form>
  <p class="hint">Publier une nouvelle version d'un règlement demande à chaque famille de l'accepter à nouveau.</p>
  {{/DRAFT}}
</section>
<section class="card" aria-labelledby="titre-acceptations">
  <h2 id="titre-acceptations">Familles qui ont accepté cette version ({{ACCEPTANCE_COUNT}})</h2>
  {{#NO_ACCEPTANCE}}<p>Aucune famille n'a encore accepté cette version.</p>{{/NO_ACCEPTANCE}}
  {{#HAS_ACCEPTANCES}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-acceptations">
  <table class="table">
    <thead>
      <tr><th scope="col">Famille</th><th scope="col">N°</th><th scope="col">Acceptée le</th></tr>
    </thead>
    <tbody>
    {{#ACCEPTANCE}}
      <tr>
        <th scope="row"><a href="{{FAMILY_URL}}">{{FAMILY_NAME}}</a></th>
        <td>{{FAMILY_NUMBER}}</td>
        <td>{{ACCEPTED_AT}}</td>
      </tr>
    {{/ACCEPTANCE}}
    </tbody>
  </table>
  </div>
  {{/HAS_ACCEPTANCES}}
</section>
