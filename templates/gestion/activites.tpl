{{%AUTOESCAPE context="HTML"}}
<h1>Activités</h1>
<p><a class="button" href="/gestion/activites/nouvelle">Créer une activité</a></p>
<p>Les vacances scolaires et les jours de fermeture se gèrent sur la page <a href="/gestion/calendrier">Calendrier et fermetures</a>.</p>
<h2 id="liste-activites">Activités de la commune</h2>
{{#NO_ACTIVITY}}<p>Aucune activité n'est encore enregistrée.</p>{{/NO_ACTIVITY}}
{{#HAS_ACTIVITIES}}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="liste-activites">
<table class="table" aria-labelledby="liste-activites">
  <thead>
    <tr>
      <th scope="col">Activité</th>
      <th scope="col">Service et régie</th>
      <th scope="col">Site</th>
      <th scope="col">Jours</th>
      <th scope="col">Période</th>
      <th scope="col">Vacances scolaires</th>
      <th scope="col">Capacité par jour</th>
      <th scope="col">Liste d'attente</th>
      <th scope="col">Délai de réservation</th>
      <th scope="col">Délai d'annulation</th>
      <th scope="col">Active</th>
    </tr>
  </thead>
  <tbody>
  {{#ACTIVITY}}
    <tr>
      <th scope="row"><a href="{{URL}}">{{NAME}}</a></th>
      <td>{{SERVICE}}{{#HAS_REGIE}}<br>Régie : {{REGIE}}{{/HAS_REGIE}}</td>
      <td>{{SITE}}</td>
      <td>{{DAYS}}</td>
      <td>{{PERIOD}}</td>
      <td>{{HOLIDAYS}}</td>
      <td>{{CAPACITY}}</td>
      <td>{{WAITING}}</td>
      <td>{{BOOKING_RULE}}</td>
      <td>{{CANCEL_RULE}}</td>
      <td>{{ACTIVE}}</td>
    </tr>
  {{/ACTIVITY}}
  </tbody>
</table>
</div>
{{/HAS_ACTIVITIES}}
