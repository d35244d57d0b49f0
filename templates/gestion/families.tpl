{{%AUTOESCAPE context="HTML"}}
<h1>Familles</h1>
<p><a class="button" href="/gestion/familles/nouvelle">Créer une famille</a></p>
<form class="card search-form" method="get" action="/gestion/familles" role="search">
  <div class="field">
    <label for="q">Rechercher une famille</label>
    <p class="hint" id="q-aide">Nom de la famille, nom ou prénom d'un responsable ou d'un enfant, numéro de famille ou code abonné.</p>
    <input id="q" name="q" type="search" value="{{QUERY}}" aria-describedby="q-aide">
  </div>
  <button type="submit" class="button">Rechercher</button>
</form>
<h2 id="resultats">{{RESULTS_HEADING}}</h2>
{{#NO_RESULT}}<p>Aucune famille ne correspond à cette recherche.</p>{{/NO_RESULT}}
{{#HAS_RESULTS}}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="resultats">
<table class="table" aria-labelledby="resultats">
  <thead>
    <tr>
      <th scope="col">N°</th>
      <th scope="col">Famille</th>
      <th scope="col">Responsables légaux</th>
      <th scope="col">Enfants</th>
      <th scope="col">Dossier</th>
      <th scope="col">Code abonné</th>
      <th scope="col">Comptes</th>
    </tr>
  </thead>
  <tbody>
  {{#FAMILY}}
    <tr>
      <td>{{ROW_NUMBER}}</td>
      <th scope="row"><a href="{{ROW_URL}}">{{ROW_NAME}}</a></th>
      <td>{{ROW_GUARDIANS}}</td>
      <td>{{ROW_CHILDREN}}</td>
      <td>{{ROW_VALIDATED}}</td>
      <td>{{ROW_CODE}}</td>
      <td>{{ROW_ACCOUNTS}}</td>
    </tr>
  {{/FAMILY}}
  </tbody>
</table>
</div>
{{/HAS_RESULTS}}
