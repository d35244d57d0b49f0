{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li><a href="/famille/dossier">Dossier de famille</a></li><li aria-current="page">Ajouter un contact</li></ol></nav>
<h1>Ajouter un contact</h1>
<p>Une personne autorisée à venir chercher vos enfants, ou à appeler en cas d'urgence.</p>
{{#FORM_ERRORS}}
<div class="alert alert--error" role="alert">
  <p>Le formulaire contient des erreurs ; rien n'a été enregistré :</p>
  <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
</div>
{{/FORM_ERRORS}}
<form class="card" method="post" action="/famille/contacts/nouveau" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#FIELDSET}}
  <fieldset>
    <legend>{{LEGEND}}</legend>
    {{>FIELDS}}
  </fieldset>
  {{/FIELDSET}}
  <button type="submit" class="button">Ajouter ce contact</button>
</form>
