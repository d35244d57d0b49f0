{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li><a href="/famille/planning">Planning des activités</a></li><li aria-current="page">Longue période</li></ol></nav>
<h1>Réservation sur une longue période</h1>
<p>Réservez les mêmes jours de la semaine sur toute une période (par exemple la cantine le lundi, mardi, jeudi et vendredi jusqu'aux vacances). Chaque jour est vérifié comme une réservation ponctuelle : la réponse indique, jour par jour, ce qui est réservé, en liste d'attente ou refusé, et pourquoi.</p>
{{#FORM_ERRORS}}
<div class="alert alert--error" role="alert">
  <p>La demande n'a pas été enregistrée :</p>
  <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
</div>
{{/FORM_ERRORS}}
<form class="card" method="post" action="/famille/demandes" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="field">
    <label for="demande-enfant">Enfant <span class="required">(obligatoire)</span></label>
    {{#CHILD_ERROR}}<p class="field-error" id="demande-enfant-erreur">{{CHILD_ERROR_TEXT}}</p>{{/CHILD_ERROR}}
    <select id="demande-enfant" name="enfant"{{#CHILD_ERROR}} aria-invalid="true" aria-describedby="demande-enfant-erreur"{{/CHILD_ERROR}}>{{#CHILD_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/CHILD_OPTION}}</select>
  </div>
  <div class="field">
    <label for="demande-activite">Activité <span class="required">(obligatoire)</span></label>
    {{#ACTIVITY_ERROR}}<p class="field-error" id="demande-activite-erreur">{{ACTIVITY_ERROR_TEXT}}</p>{{/ACTIVITY_ERROR}}
    <select id="demande-activite" name="activite"{{#ACTIVITY_ERROR}} aria-invalid="true" aria-describedby="demande-activite-erreur"{{/ACTIVITY_ERROR}}>{{#ACTIVITY_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/ACTIVITY_OPTION}}</select>
  </div>
  <div class="field">
    <label for="demande-debut">Premier jour <span class="required">(obligatoire)</span></label>
    <p class="hint" id="demande-debut-aide">Au format AAAA-MM-JJ.</p>
    {{#FIRST_ERROR}}<p class="field-error" id="demande-debut-erreur">{{FIRST_ERROR_TEXT}}</p>{{/FIRST_ERROR}}
    <input type="date" id="demande-debut" name="debut" value="{{FIRST}}" aria-describedby="demande-debut-aide{{#FIRST_ERROR}} demande-debut-erreur{{/FIRST_ERROR}}"{{#FIRST_ERROR}} aria-invalid="true"{{/FIRST_ERROR}}>
  </div>
  <div class="field">
    <label for="demande-fin">Dernier jour <span class="required">(obligatoire)</span></label>
    <p class="hint" id="demande-fin-aide">Au format AAAA-MM-JJ ; un an au plus après le premier jour.</p>
    {{#LAST_ERROR}}<p class="field-error" id="demande-fin-erreur">{{LAST_ERROR_TEXT}}</p>{{/LAST_ERROR}}
    <input type="date" id="demande-fin" name="fin" value="{{LAST}}" aria-describedby="demande-fin-aide{{#LAST_ERROR}} demande-fin-erreur{{/LAST_ERROR}}"{{#LAST_ERROR}} aria-invalid="true"{{/LAST_ERROR}}>
  </div>
  <fieldset class="field field--choice" id="demande-jours"{{#DAYS_ERROR}} aria-describedby="demande-jours-erreur"{{/DAYS_ERROR}}>
    <legend>Jours de la semaine</legend>
    {{#DAYS_ERROR}}<p class="field-error" id="demande-jours-erreur">{{DAYS_ERROR_TEXT}}</p>{{/DAYS_ERROR}}
    {{#WEEKDAY}}<span class="radio"><input type="checkbox" id="demande-jour-{{VALUE}}" name="jours" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}><label for="demande-jour-{{VALUE}}">{{LABEL}}</label></span>{{/WEEKDAY}}
  </fieldset>
  <button type="submit" class="button">Envoyer la demande</button>
</form>
<section aria-labelledby="titre-historique">
  <h2 id="titre-historique">Mes demandes</h2>
  {{#NO_REQUEST}}<p>Aucune demande pour le moment.</p>{{/NO_REQUEST}}
  <ul class="requests">
  {{#REQUEST}}<li class="request"><a href="{{URL}}">{{ACTIVITY}} — {{CHILD}}, du {{PERIOD}}</a> — {{STATUS}} (envoyée le {{CREATED}})</li>{{/REQUEST}}
  </ul>
</section>
