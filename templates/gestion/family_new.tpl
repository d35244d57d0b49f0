{{%AUTOESCAPE context="HTML"}}
<h1>Créer une famille</h1>
<p><a href="/gestion/familles">Retour à la liste des familles</a></p>
<p>Les champs marqués « obligatoire » doivent être remplis. Les autres membres (second responsable, enfants, contacts) s'ajoutent ensuite depuis la page de la famille.</p>
{{#FORM_ERRORS}}
<div class="alert alert--error" role="alert">
  <p>Le formulaire contient des erreurs ; rien n'a été enregistré :</p>
  <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
</div>
{{/FORM_ERRORS}}
<form class="card" method="post" action="/gestion/familles/nouvelle" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#FIELDSET}}
  <fieldset>
    <legend>{{LEGEND}}</legend>
    {{#FIELD}}
    <div class="field">
      <label for="{{FIELD_ID}}">{{FIELD_LABEL}}{{#FIELD_REQUIRED}} <span class="required">(obligatoire)</span>{{/FIELD_REQUIRED}}</label>
      {{#FIELD_HINT}}<p class="hint" id="{{FIELD_ID}}-aide">{{HINT_TEXT}}</p>{{/FIELD_HINT}}
      {{#FIELD_ERROR}}<p class="field-error" id="{{FIELD_ID}}-erreur">{{ERROR_TEXT}}</p>{{/FIELD_ERROR}}
      {{#FIELD_INPUT}}<input id="{{FIELD_ID}}" name="{{FIELD_NAME}}" type="{{INPUT_TYPE}}" value="{{INPUT_VALUE}}" autocomplete="off"{{#NUMERIC}} inputmode="numeric"{{/NUMERIC}}{{#FIELD_REQUIRED}} required{{/FIELD_REQUIRED}}{{#FIELD_ERROR}} aria-invalid="true"{{/FIELD_ERROR}}{{#FIELD_DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/FIELD_DESCRIBED}}>{{/FIELD_INPUT}}
      {{#FIELD_SELECT}}<select id="{{FIELD_ID}}" name="{{FIELD_NAME}}"{{#FIELD_REQUIRED}} required{{/FIELD_REQUIRED}}{{#FIELD_ERROR}} aria-invalid="true"{{/FIELD_ERROR}}{{#FIELD_DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/FIELD_DESCRIBED}}>{{#OPTION}}<option value="{{OPTION_VALUE}}"{{#OPTION_SELECTED}} selected{{/OPTION_SELECTED}}>{{OPTION_LABEL}}</option>{{/OPTION}}</select>{{/FIELD_SELECT}}
    </div>
    {{/FIELD}}
  </fieldset>
  {{/FIELDSET}}
  <button type="submit" class="button">Créer la famille</button>
</form>
