{{%AUTOESCAPE context="HTML"}}
<p><a href="/gestion/activites">Retour à la liste des activités</a></p>
<h1>{{HEADING}}</h1>
{{#SAVED}}<p class="alert alert--ok" role="status">L'activité est enregistrée : {{OPEN_DAYS}} d'ouverture.</p>{{/SAVED}}
{{#SAVED_CLOSED}}<p class="alert alert--warning" role="status">L'activité est enregistrée, mais elle n'ouvre aucun jour : vérifiez la période, les jours d'ouverture, le choix pour les vacances scolaires et les fermetures.</p>{{/SAVED_CLOSED}}
{{#FORM_ERRORS}}
<div class="alert alert--error" role="alert">
  <p>Le formulaire contient des erreurs ; rien n'a été enregistré. À corriger :</p>
  <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
</div>
{{/FORM_ERRORS}}
<p>Les champs marqués « obligatoire » doivent être remplis. Après l'enregistrement, les jours d'ouverture sont recalculés ; les réservations des jours qui ferment sont conservées.</p>
<form class="card" method="post" action="{{FORM_ACTION}}" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#GROUP}}
  <fieldset>
    <legend>{{LEGEND}}</legend>
    {{#WEEKDAYS}}
    <fieldset class="field field--choice" aria-describedby="activite-jours-aide{{#WEEKDAYS_ERROR}} activite-jours-erreur{{/WEEKDAYS_ERROR}}">
      <legend>Jours d'ouverture <span class="required">(obligatoire)</span></legend>
      <p class="hint" id="activite-jours-aide">Les jours de la semaine où l'activité ouvre ; les jours fériés restent fermés.</p>
      {{#WEEKDAYS_ERROR}}<p class="field-error" id="activite-jours-erreur">{{WEEKDAYS_ERROR_TEXT}}</p>{{/WEEKDAYS_ERROR}}
      {{#DAY}}<span class="radio"><input type="checkbox" id="activite-jours-{{DAY_VALUE}}" name="jours" value="{{DAY_VALUE}}"{{#DAY_CHECKED}} checked{{/DAY_CHECKED}}><label for="activite-jours-{{DAY_VALUE}}">{{DAY_LABEL}}</label></span>
      {{/DAY}}
    </fieldset>
    {{/WEEKDAYS}}
    {{>FIELDS}}
  </fieldset>
  {{/GROUP}}
  <button type="submit" class="button">{{SUBMIT}}</button>
</form>
<p>Les vacances scolaires et les fermetures se gèrent sur la page <a href="/gestion/calendrier">Calendrier et fermetures</a>.</p>
