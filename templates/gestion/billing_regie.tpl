{{%AUTOESCAPE context="HTML"}}
<h1>Régie « {{NAME}} »</h1>
<p><a href="/gestion/regies">Retour aux régies</a></p>
<section class="card" aria-labelledby="titre-regie">
  <h2 id="titre-regie">Modifier la régie</h2>
  <p>Les factures déjà émises gardent le nom et l'adresse de la régie au jour de leur émission.</p>
  {{>REGIE_FORM}}
</section>
