{{%AUTOESCAPE context="HTML"}}
<h1>Exports</h1>
<section class="card" aria-labelledby="titre-export-reservations">
  <h2 id="titre-export-reservations">Réservations et pointage</h2>
  <p>Un fichier CSV (séparateur point-virgule, lisible par un tableur) : une ligne par enfant et par jour d'activité, avec la réservation, l'annulation tardive éventuelle et la présence.</p>
  <form method="get" action="/gestion/exports/reservations.csv">
    <div class="field">
      <label for="export-du">Du</label>
      <input type="date" id="export-du" name="du" value="{{FIRST}}" required>
    </div>
    <div class="field">
      <label for="export-au">Au</label>
      <p class="hint" id="export-au-aide">Un an au plus.</p>
      <input type="date" id="export-au" name="au" value="{{LAST}}" aria-describedby="export-au-aide" required>
    </div>
    <button type="submit" class="button">Télécharger le fichier CSV</button>
  </form>
</section>
