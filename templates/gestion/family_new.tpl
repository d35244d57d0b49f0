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
      {{>FIELDS}}
  </fieldset>
  {{/FIELDSET}}
  <button type="submit" class="button">Créer la famille</button>
</form>
