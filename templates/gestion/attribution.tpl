{{%AUTOESCAPE context="HTML"}}
<p><a href="{{ACTIVITY_URL}}">Retour à l'activité</a></p>
<h1>Attribution des places — {{ACTIVITY}}</h1>
{{#FIRST_COME}}<p>Cette activité attribue ses places au fil des réservations (premier arrivé, premier servi). Pour une attribution équitable à l'ouverture des inscriptions, choisissez « tirage au sort selon les priorités » dans la fiche de l'activité, avec un délai de réservation de type période d'inscription.</p>{{/FIRST_COME}}
{{#NO_WINDOW}}<p>Le tirage au sort suppose une période d'inscription : réglez le délai de réservation de l'activité sur « fenetre:… ».</p>{{/NO_WINDOW}}
<section class="card" aria-labelledby="titre-regles">
  <h2 id="titre-regles">Règles publiées</h2>
  <p>{{RULES}}</p>
</section>
{{#OPEN}}<p>Les inscriptions sont ouvertes jusqu'au {{CLOSES}} : les demandes des familles sont enregistrées ; l'attribution se fait après la clôture.</p>{{/OPEN}}
{{#READY}}
<p>Les inscriptions sont closes depuis le {{CLOSES}}. L'attribution décide toutes les demandes d'un coup et prévient chaque famille par email ; elle ne peut être faite qu'une fois.</p>
<form method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <button type="submit" class="button">Attribuer les places</button>
</form>
{{/READY}}
{{#DONE}}
<section class="card" aria-labelledby="titre-resultat">
  <h2 id="titre-resultat">Résultat</h2>
  <p>Attribution faite le {{RUN_AT}} : {{BOOKED}} place(s) attribuée(s), {{WAITING}} en liste d'attente, {{REFUSED}} sans place.</p>
  <p>Graine du tirage (publiée) : <code>{{SEED}}</code></p>
</section>
{{/DONE}}
