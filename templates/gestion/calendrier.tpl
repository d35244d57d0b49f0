{{%AUTOESCAPE context="HTML"}}
<h1>Calendrier et fermetures</h1>
{{#IMPORTED}}<p class="alert alert--ok" role="status">{{IMPORTED_TEXT}} Les jours d'ouverture des activités sont recalculés.</p>{{/IMPORTED}}
{{#IMPORTED_NONE}}<p class="alert alert--ok" role="status">Aucune nouvelle période de vacances : toutes celles du fichier étaient déjà enregistrées.</p>{{/IMPORTED_NONE}}
{{#CLOSURE_ADDED}}<p class="alert alert--ok" role="status">La fermeture est enregistrée ; les jours concernés sont fermés aux réservations (les réservations déjà faites sont conservées).</p>{{/CLOSURE_ADDED}}
{{#CLOSURE_DELETED}}<p class="alert alert--ok" role="status">La fermeture est supprimée ; les jours concernés rouvrent.</p>{{/CLOSURE_DELETED}}
<p>Les activités ouvrent les jours choisis sur leur page, sauf les jours fériés, les fermetures ci-dessous et, selon leur réglage, les vacances scolaires. <a href="/gestion/activites">Voir les activités</a>.</p>

<section class="card" aria-labelledby="titre-vacances">
  <h2 id="titre-vacances">Vacances scolaires de la zone {{ZONE}}</h2>
  {{#NO_HOLIDAY}}<p>Aucune période de vacances n'est encore importée pour la zone {{ZONE}}.</p>{{/NO_HOLIDAY}}
  {{#HAS_HOLIDAYS}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-vacances">
  <table class="table" aria-labelledby="titre-vacances">
    <thead>
      <tr>
        <th scope="col">Vacances</th>
        <th scope="col">Année scolaire</th>
        <th scope="col">Premier jour</th>
        <th scope="col">Dernier jour</th>
      </tr>
    </thead>
    <tbody>
    {{#HOLIDAY}}
      <tr>
        <th scope="row">{{HOLIDAY_NAME}}</th>
        <td>{{HOLIDAY_YEAR}}</td>
        <td>{{HOLIDAY_FIRST}}</td>
        <td>{{HOLIDAY_LAST}}</td>
      </tr>
    {{/HOLIDAY}}
    </tbody>
  </table>
  </div>
  {{/HAS_HOLIDAYS}}
  <h3 id="titre-import">Importer le calendrier scolaire officiel</h3>
  {{#IMPORT_ERROR}}
  <div class="alert alert--error" role="alert">
    <p>Le fichier n'a pas été importé ; rien n'a été enregistré :</p>
    <ul><li><a href="#import-fichier">{{IMPORT_ERROR_TEXT}}</a></li></ul>
  </div>
  {{/IMPORT_ERROR}}
  <form method="post" action="/gestion/calendrier/vacances" enctype="multipart/form-data" novalidate aria-labelledby="titre-import">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="import-fichier">Fichier CSV <span class="required">(obligatoire)</span></label>
      <p class="hint" id="import-fichier-aide">L'export CSV du jeu de données « Calendrier scolaire » (fr-en-calendrier-scolaire) publié par le ministère de l'Éducation nationale sur data.education.gouv.fr ; 2 Mo au plus. Seules les vacances de la zone {{ZONE}} sont gardées ; les périodes déjà importées ne sont pas dupliquées.</p>
      {{#IMPORT_ERROR}}<p class="field-error" id="import-fichier-erreur">{{IMPORT_ERROR_TEXT}}</p>{{/IMPORT_ERROR}}
      <input id="import-fichier" name="fichier" type="file" accept=".csv,text/csv" required aria-describedby="import-fichier-aide{{#IMPORT_ERROR}} import-fichier-erreur{{/IMPORT_ERROR}}"{{#IMPORT_ERROR}} aria-invalid="true"{{/IMPORT_ERROR}}>
    </div>
    <button type="submit" class="button">Importer les vacances</button>
  </form>
</section>

<section class="card" aria-labelledby="titre-fermetures">
  <h2 id="titre-fermetures">Fermetures</h2>
  {{#NO_CLOSURE}}<p>Aucune fermeture n'est enregistrée.</p>{{/NO_CLOSURE}}
  {{#HAS_CLOSURES}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-fermetures">
  <table class="table" aria-labelledby="titre-fermetures">
    <thead>
      <tr>
        <th scope="col">Activité</th>
        <th scope="col">Du</th>
        <th scope="col">Au</th>
        <th scope="col">Motif</th>
        <th scope="col">Action</th>
      </tr>
    </thead>
    <tbody>
    {{#CLOSURE}}
      <tr>
        <th scope="row">{{CLOSURE_ACTIVITY}}</th>
        <td>{{CLOSURE_FIRST}}</td>
        <td>{{CLOSURE_LAST}}</td>
        <td>{{CLOSURE_REASON}}</td>
        <td>
          <form method="post" action="{{CLOSURE_DELETE_URL}}">
            <input type="hidden" name="csrf" value="{{CSRF}}">
            <button type="submit" class="button button--small button--secondary">Supprimer<span class="visually-hidden"> la fermeture {{CLOSURE_LABEL}}</span></button>
          </form>
        </td>
      </tr>
    {{/CLOSURE}}
    </tbody>
  </table>
  </div>
  {{/HAS_CLOSURES}}
  {{#CLOSURE_FORM}}
  <h3 id="titre-ajout-fermeture">Ajouter une fermeture</h3>
  {{#CLOSURE_ERRORS}}
  <div class="alert alert--error" role="alert">
    <p>Le formulaire contient des erreurs ; rien n'a été enregistré. À corriger :</p>
    <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
  </div>
  {{/CLOSURE_ERRORS}}
  <form method="post" action="/gestion/calendrier/fermetures" novalidate aria-labelledby="titre-ajout-fermeture">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>FIELDS}}
    <button type="submit" class="button">Ajouter la fermeture</button>
  </form>
  {{/CLOSURE_FORM}}
</section>
