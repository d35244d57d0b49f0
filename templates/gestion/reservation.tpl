{{%AUTOESCAPE context="HTML"}}
<p class="no-print"><a href="{{DAY_URL}}">Retour aux réservations du jour</a></p>
<h1>{{ACTIVITY}} — {{DAY_LONG}}</h1>
<p>{{BOOKED}} inscrit(s) sur {{CAPACITY}} places ; {{WAITING}} en liste d'attente.</p>
{{#SAVED}}<p class="alert alert--ok" role="status">Le pointage est enregistré.</p>{{/SAVED}}
{{#IS_LOCKED}}<p class="alert">{{LOCKED}}</p>{{/IS_LOCKED}}
{{#HEALTH_HIDDEN}}<p class="hint">Les allergies, régimes et PAI ne sont visibles que des agents du service enfance et des administrateurs.</p>{{/HEALTH_HIDDEN}}
{{#NO_CHILD}}<p>Aucun enfant inscrit.</p>{{/NO_CHILD}}
<form method="post" action="{{ACTION}}/pointage">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-liste">
  <table class="table roster">
    <caption id="titre-liste">Enfants attendus ({{EXPECTED}})</caption>
    <thead><tr><th scope="col">Enfant</th><th scope="col">Classe</th><th scope="col">Famille</th>{{#HEALTH_COLUMNS}}<th scope="col">Allergies</th><th scope="col">Régime</th><th scope="col">PAI</th>{{/HEALTH_COLUMNS}}<th scope="col">Présence</th></tr></thead>
    <tbody>
    {{#ROW}}
      <tr>
        <th scope="row">{{NAME}}{{#WITHOUT_BOOKING}} <span class="tag">sans réservation</span>{{/WITHOUT_BOOKING}}</th>
        <td>{{CLASS}}</td>
        <td><a href="{{FAMILY_URL}}">{{FAMILY}}</a></td>
        {{#HEALTH}}<td>{{#ALERT}}<strong>{{/ALERT}}{{ALLERGIES}}{{#ALERT}}</strong>{{/ALERT}}</td><td>{{DIET}}</td><td>{{PAI}}</td>{{/HEALTH}}
        <td>
          <fieldset class="attendance">
            <legend class="visually-hidden">Présence de {{NAME}}</legend>
            <span class="radio"><input type="radio" id="p-{{CHILD_ID}}-present" name="presence-{{CHILD_ID}}" value="present"{{#CHECKED_present}} checked{{/CHECKED_present}}{{#DISABLED}} disabled{{/DISABLED}}><label for="p-{{CHILD_ID}}-present">Présent</label></span>
            <span class="radio"><input type="radio" id="p-{{CHILD_ID}}-absent" name="presence-{{CHILD_ID}}" value="absent"{{#CHECKED_absent}} checked{{/CHECKED_absent}}{{#DISABLED}} disabled{{/DISABLED}}><label for="p-{{CHILD_ID}}-absent">Absent</label></span>
            <span class="radio"><input type="radio" id="p-{{CHILD_ID}}-excuse" name="presence-{{CHILD_ID}}" value="excuse"{{#CHECKED_excuse}} checked{{/CHECKED_excuse}}{{#DISABLED}} disabled{{/DISABLED}}><label for="p-{{CHILD_ID}}-excuse">Excusé</label></span>
          </fieldset>
        </td>
      </tr>
    {{/ROW}}
    </tbody>
  </table>
  </div>
  {{#CAN_SAVE}}<button type="submit" class="button no-print">Enregistrer le pointage</button>{{/CAN_SAVE}}
</form>
{{#HAS_WAITING}}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-attente">
<table class="table">
  <caption id="titre-attente">Liste d'attente</caption>
  <thead><tr><th scope="col">Rang</th><th scope="col">Enfant</th><th scope="col">Classe</th><th scope="col">Famille</th></tr></thead>
  <tbody>
  {{#WAITING_ROW}}<tr><td>{{POSITION}}</td><th scope="row">{{NAME}}</th><td>{{CLASS}}</td><td><a href="{{FAMILY_URL}}">{{FAMILY}}</a></td></tr>{{/WAITING_ROW}}
  </tbody>
</table>
</div>
{{/HAS_WAITING}}
{{#CAN_ADD}}
<form class="card no-print" method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="field">
    <label for="ajout-enfant">Enfant présent sans réservation</label>
    <p class="hint" id="ajout-enfant-aide">Il sera facturé au tarif de pénalité de l'activité s'il y en a un.</p>
    <select id="ajout-enfant" name="enfant" aria-describedby="ajout-enfant-aide">{{#CHILD_OPTION}}<option value="{{ID}}">{{NAME}}</option>{{/CHILD_OPTION}}</select>
  </div>
  <button type="submit" class="button button--secondary">Ajouter comme présent</button>
</form>
{{/CAN_ADD}}
