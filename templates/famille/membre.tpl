{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li><a href="/famille/dossier">Dossier de famille</a></li><li aria-current="page">{{MEMBER_NAME}}</li></ol></nav>
<h1>{{MEMBER_NAME}} <span class="subtitle">{{MEMBER_ROLE}}</span></h1>
{{#SAVED}}<p class="alert alert--ok" role="status">Vos modifications sont enregistrées.</p>{{/SAVED}}
{{#REQUESTED}}<p class="alert alert--ok" role="status">Vos modifications sont enregistrées. Les changements qui doivent être vérifiés (santé, identité d'un responsable légal) ont été transmis à la mairie : ils seront appliqués après sa validation, et vous recevrez un email.</p>{{/REQUESTED}}
{{#PHOTO_SAVED}}<p class="alert alert--ok" role="status">La photo est enregistrée.</p>{{/PHOTO_SAVED}}
{{#FORM_ERRORS}}
<div class="alert alert--error" role="alert">
  <p>Le formulaire contient des erreurs ; rien n'a été enregistré :</p>
  <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
</div>
{{/FORM_ERRORS}}
{{#MISSING}}<div class="missing card"><p class="missing__title">Des éléments importants sont manquants</p><ul>{{#MISSING_ITEM}}<li>{{ITEM}}</li>{{/MISSING_ITEM}}</ul></div>{{/MISSING}}
{{#AWAITING}}<div class="awaiting card"><p>En attente de validation par la mairie :</p><ul>{{#AWAITING_ITEM}}<li>{{ITEM}}</li>{{/AWAITING_ITEM}}</ul></div>{{/AWAITING}}

<section class="card photo-card" id="photo" aria-labelledby="titre-photo">
  <h2 id="titre-photo">Photo</h2>
  {{#HAS_PHOTO}}<img class="member-photo" src="{{PHOTO_URL}}" alt="Photo de {{MEMBER_NAME}}" width="160">{{/HAS_PHOTO}}
  {{#NO_PHOTO}}<p>Aucune photo pour le moment.</p>{{/NO_PHOTO}}
  {{#PHOTO_FAILED}}<p class="alert alert--error" role="alert">La photo n'a pas été enregistrée : <a href="#photo-fichier">{{PHOTO_ERROR}}</a></p>{{/PHOTO_FAILED}}
  <form method="post" action="{{MEMBER_URL}}/photo" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="photo-fichier">Modifier la photo</label>
      <p class="hint" id="photo-aide">Une photo JPEG ou PNG de 5 Mo au plus. Elle n'est visible que par votre famille et les agents de la mairie ; ses métadonnées (lieu, appareil) sont supprimées.</p>
      {{#PHOTO_FAILED}}<p class="field-error" id="photo-erreur">{{PHOTO_ERROR}}</p>{{/PHOTO_FAILED}}
      <input type="file" id="photo-fichier" name="photo" accept="image/jpeg,image/png" aria-describedby="photo-aide{{#PHOTO_ERROR_ATTR}} photo-erreur{{/PHOTO_ERROR_ATTR}}"{{#PHOTO_ERROR_ATTR}} aria-invalid="true"{{/PHOTO_ERROR_ATTR}}>
    </div>
    <button type="submit" class="button">Enregistrer la photo</button>
  </form>
</section>

{{#HAS_REQUESTS}}
<section class="card" aria-labelledby="titre-demandes">
  <h2 id="titre-demandes">Demandes de modification</h2>
  <ul class="requests">
  {{#REQUEST}}
    <li class="request request--{{REQUEST_STATUS_CLASS}}">
      <p><strong>{{REQUEST_KIND}}</strong> — demandée le {{REQUEST_DATE}} — <strong>{{REQUEST_STATUS}}</strong>{{#DECIDED}} le {{DECIDED_AT}}{{/DECIDED}}</p>
      <ul>{{#REQUEST_FIELD}}<li>{{FIELD_LABEL}} : « {{FIELD_BEFORE}} » → « {{FIELD_AFTER}} »</li>{{/REQUEST_FIELD}}</ul>
      {{#HAS_COMMENT}}<p>Réponse de la mairie : {{COMMENT}}</p>{{/HAS_COMMENT}}
    </li>
  {{/REQUEST}}
  </ul>
</section>
{{/HAS_REQUESTS}}

<section aria-labelledby="titre-fiche">
  <h2 id="titre-fiche">Informations</h2>
  {{#CHILD_NOTE}}<p class="hint">Les changements d'allergies et de PAI sont vérifiés par la mairie avant d'être appliqués ; les autres sont enregistrés tout de suite.</p>{{/CHILD_NOTE}}
  {{#GUARDIAN_NOTE}}<p class="hint">Un changement de nom ou de prénom est vérifié par la mairie avant d'être appliqué ; les coordonnées sont enregistrées tout de suite.</p>{{/GUARDIAN_NOTE}}
  {{#SHOWS_PENDING}}<p class="awaiting">Le formulaire montre les changements que vous avez demandés ; ils seront appliqués après la validation de la mairie.</p>{{/SHOWS_PENDING}}
  <form class="card" method="post" action="{{MEMBER_URL}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#FIELDSET}}
    <fieldset>
      <legend>{{LEGEND}}</legend>
      {{>FIELDS}}
    </fieldset>
    {{/FIELDSET}}
    <button type="submit" class="button">Enregistrer</button>
  </form>
</section>
{{#REMOVABLE}}
<form method="post" action="{{MEMBER_URL}}/supprimer" class="danger-zone">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <button type="submit" class="button button--secondary">Retirer ce contact du dossier</button>
</form>
{{/REMOVABLE}}
