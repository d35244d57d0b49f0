{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li><a href="/famille/dossier">Dossier de famille</a></li><li aria-current="page">Justificatifs</li></ol></nav>
<h1>Justificatifs</h1>
{{#SENT}}<p class="alert alert--ok" role="status">Votre justificatif est envoyé : la mairie le vérifiera.</p>{{/SENT}}
<section aria-labelledby="titre-envoyes">
  <h2 id="titre-envoyes">Justificatifs envoyés</h2>
  {{#NO_DOCUMENT}}<p>Vous n'avez encore envoyé aucun justificatif.</p>{{/NO_DOCUMENT}}
  {{#HAS_DOCUMENTS}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-envoyes">
  <table class="table">
    <thead><tr><th scope="col">Justificatif</th><th scope="col">Pour</th><th scope="col">Envoyé le</th><th scope="col">Valable jusqu'au</th><th scope="col">État</th><th scope="col">Fichier</th></tr></thead>
    <tbody>
    {{#DOCUMENT}}
      <tr>
        <th scope="row">{{DOC_KIND}}</th>
        <td>{{DOC_MEMBER}}</td>
        <td>{{DOC_DATE}}</td>
        <td>{{DOC_VALID}}</td>
        <td><span class="status status--{{DOC_STATUS_CLASS}}">{{DOC_STATUS}}</span>{{#HAS_DOC_COMMENT}}<br>{{DOC_COMMENT}}{{/HAS_DOC_COMMENT}}</td>
        <td><a href="{{DOC_URL}}">Télécharger<span class="visually-hidden"> {{DOC_KIND}}</span> ({{DOC_KB}} Ko)</a></td>
      </tr>
    {{/DOCUMENT}}
    </tbody>
  </table>
  </div>
  {{/HAS_DOCUMENTS}}
</section>
<section aria-labelledby="titre-envoyer">
  <h2 id="titre-envoyer">Envoyer un justificatif</h2>
  <p>Pour le quotient familial, utilisez le formulaire de la page <a href="/famille/foyer">Foyer</a>.</p>
  {{#FORM_ERRORS}}
  <div class="alert alert--error" role="alert">
    <p>Le justificatif n'a pas été envoyé :</p>
    <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
  </div>
  {{/FORM_ERRORS}}
  <form class="card" method="post" action="/famille/justificatifs" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>FIELDS}}
    <div class="field">
      <label for="justificatif-membre">Concerne</label>
      <select id="justificatif-membre" name="membre">
        <option value="">Tout le foyer</option>
        {{#MEMBER_OPTION}}<option value="{{OPTION_ID}}"{{#OPTION_SELECTED}} selected{{/OPTION_SELECTED}}>{{OPTION_NAME}}</option>{{/MEMBER_OPTION}}
      </select>
    </div>
    <div class="field">
      <label for="justificatif-fichier">Fichier <span class="required">(obligatoire)</span></label>
      <p class="hint" id="justificatif-fichier-aide">PDF, JPEG ou PNG, 10 Mo au plus.</p>
      {{#FILE_FAILED}}<p class="field-error" id="justificatif-fichier-erreur">{{FILE_ERROR}}</p>{{/FILE_FAILED}}
      <input type="file" id="justificatif-fichier" name="fichier" accept="application/pdf,image/jpeg,image/png" aria-describedby="justificatif-fichier-aide{{#FILE_ERROR_ATTR}} justificatif-fichier-erreur{{/FILE_ERROR_ATTR}}"{{#FILE_ERROR_ATTR}} aria-invalid="true"{{/FILE_ERROR_ATTR}}>
    </div>
    <button type="submit" class="button">Envoyer le justificatif</button>
  </form>
</section>
