{{%AUTOESCAPE context="HTML"}}
<h1>Réservations du {{DAY_LONG}}</h1>
<div class="month-nav no-print">
  <a class="button button--secondary" href="{{PREV_URL}}">‹ Jour précédent</a>
  <form method="get" action="/gestion/reservations" class="inline-form">
    <label for="jour">Aller au</label>
    <input type="date" id="jour" name="jour" value="{{DAY}}">
    <button type="submit" class="button button--secondary">Afficher</button>
  </form>
  <a class="button button--secondary" href="{{NEXT_URL}}">Jour suivant ›</a>
</div>
<section aria-labelledby="titre-jour">
  <h2 id="titre-jour">Activités du jour</h2>
  {{#NO_OCCURRENCE}}<p>Aucune activité ce jour-là.</p>{{/NO_OCCURRENCE}}
  <ul class="requests">
  {{#OCCURRENCE}}<li><a href="{{URL}}">{{ACTIVITY}}</a> — {{BOOKED}} inscrit(s) sur {{CAPACITY}} places, {{WAITING}} en liste d'attente{{#CLOSED}} — <strong>fermé</strong>{{/CLOSED}}</li>{{/OCCURRENCE}}
  </ul>
</section>
<section aria-labelledby="titre-semaine">
  <h2 id="titre-semaine">La semaine, pour la cuisine</h2>
  {{#NO_WEEK}}<p>Aucune activité cette semaine.</p>{{/NO_WEEK}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-semaine">
  <table class="table">
    <thead><tr><th scope="col">Activité</th>{{#WEEK_DAY}}<th scope="col">{{LABEL}}</th>{{/WEEK_DAY}}<th scope="col">Total</th></tr></thead>
    <tbody>
    {{#WEEK_ROW}}<tr><th scope="row">{{ACTIVITY}}</th>{{#CELL}}<td>{{VALUE}}</td>{{/CELL}}<td><strong>{{TOTAL}}</strong></td></tr>{{/WEEK_ROW}}
    </tbody>
  </table>
  </div>
</section>
