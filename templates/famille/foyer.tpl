{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li><a href="/famille/dossier">Dossier de famille</a></li><li aria-current="page">Foyer</li></ol></nav>
<h1>Foyer {{FAMILY_NAME}}</h1>
{{#SAVED}}<p class="alert alert--ok" role="status">Vos modifications sont enregistrées.</p>{{/SAVED}}
{{#REQUESTED}}<p class="alert alert--ok" role="status">Votre nouveau quotient familial et son justificatif ont été transmis à la mairie : il sera appliqué après sa validation, et vous recevrez un email.</p>{{/REQUESTED}}
{{#MISSING}}<div class="missing card"><p class="missing__title">Des éléments importants sont manquants</p><ul>{{#MISSING_ITEM}}<li>{{ITEM}}</li>{{/MISSING_ITEM}}</ul></div>{{/MISSING}}
{{#AWAITING}}<div class="awaiting card"><p>En attente de validation par la mairie :</p><ul>{{#AWAITING_ITEM}}<li>{{ITEM}}</li>{{/AWAITING_ITEM}}</ul></div>{{/AWAITING}}

{{#HOUSEHOLD_FORM}}
<section aria-labelledby="titre-coordonnees">
  <h2 id="titre-coordonnees">Adresse et téléphone</h2>
  {{#FORM_ERRORS}}
  <div class="alert alert--error" role="alert">
    <p>Le formulaire contient des erreurs ; rien n'a été enregistré :</p>
    <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
  </div>
  {{/FORM_ERRORS}}
  <form class="card" method="post" action="/famille/foyer" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>FIELDS}}
    <button type="submit" class="button">Enregistrer l'adresse et le téléphone</button>
  </form>
</section>
{{/HOUSEHOLD_FORM}}

<section aria-labelledby="titre-quotient">
  <h2 id="titre-quotient">Quotient familial</h2>
  <p>Quotient familial actuel : <strong>{{QUOTIENT}}</strong>.</p>
  {{#HAS_REQUESTS}}
  <ul class="requests">
  {{#REQUEST}}
    <li class="request request--{{REQUEST_STATUS_CLASS}}">
      <p><strong>{{REQUEST_KIND}}</strong> — demandé le {{REQUEST_DATE}} — <strong>{{REQUEST_STATUS}}</strong>{{#DECIDED}} le {{DECIDED_AT}}{{/DECIDED}}</p>
      <ul>{{#REQUEST_FIELD}}<li>{{FIELD_LABEL}} : « {{FIELD_BEFORE}} » → « {{FIELD_AFTER}} »</li>{{/REQUEST_FIELD}}</ul>
      {{#HAS_COMMENT}}<p>Réponse de la mairie : {{COMMENT}}</p>{{/HAS_COMMENT}}
    </li>
  {{/REQUEST}}
  </ul>
  {{/HAS_REQUESTS}}
  {{#QUOTIENT_FORM}}
  {{#FORM_ERRORS}}
  <div class="alert alert--error" role="alert">
    <p>Le formulaire contient des erreurs ; rien n'a été envoyé :</p>
    <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
  </div>
  {{/FORM_ERRORS}}
  <form class="card" method="post" action="/famille/quotient" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <p>Le nouveau quotient familial est appliqué à vos prochaines factures une fois vérifié par la mairie.</p>
    {{>FIELDS}}
    <div class="field">
      <label for="quotient-justificatif">Attestation de quotient familial <span class="required">(obligatoire)</span></label>
      <p class="hint" id="quotient-justificatif-aide">PDF, JPEG ou PNG, 10 Mo au plus (attestation CAF ou MSA).</p>
      {{#PROOF_FAILED}}<p class="field-error" id="quotient-justificatif-erreur">{{PROOF_ERROR}}</p>{{/PROOF_FAILED}}
      <input type="file" id="quotient-justificatif" name="justificatif" accept="application/pdf,image/jpeg,image/png" aria-describedby="quotient-justificatif-aide{{#PROOF_ERROR_ATTR}} quotient-justificatif-erreur{{/PROOF_ERROR_ATTR}}"{{#PROOF_ERROR_ATTR}} aria-invalid="true"{{/PROOF_ERROR_ATTR}}>
    </div>
    <button type="submit" class="button">Envoyer le nouveau quotient familial</button>
  </form>
  {{/QUOTIENT_FORM}}
</section>
<p><a href="/famille/justificatifs">Envoyer un autre justificatif (assurance, vaccinations…)</a></p>
