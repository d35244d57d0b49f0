{{%AUTOESCAPE context="HTML"}}
<h1>Demandes sur une longue période</h1>
{{#DONE}}<p class="alert alert--ok" role="status">La décision est enregistrée ; la famille voit le résultat jour par jour.</p>{{/DONE}}
{{#NO_REQUEST}}<p>Aucune demande en attente.</p>{{/NO_REQUEST}}
{{#REQUEST}}
<article class="card request" id="demande-longue-{{ID}}" aria-labelledby="demande-longue-{{ID}}-titre">
  <h2 id="demande-longue-{{ID}}-titre">{{ACTIVITY}} — {{CHILD}}, <a href="{{FAMILY_URL}}">famille {{FAMILY}}</a></h2>
  <p>Du {{PERIOD}} : {{DAYS}} jour(s) demandés.</p>
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="demande-longue-{{ID}}-commentaire">Commentaire pour la famille</label>
      <p class="hint" id="demande-longue-{{ID}}-aide">Obligatoire pour un refus. En cas d'acceptation, chaque jour est réservé selon les places disponibles.</p>
      <textarea id="demande-longue-{{ID}}-commentaire" name="commentaire" rows="2" aria-describedby="demande-longue-{{ID}}-aide"></textarea>
    </div>
    <button type="submit" class="button" name="decision" value="accepter">Accepter</button>
    <button type="submit" class="button button--secondary" name="decision" value="refuser">Refuser</button>
  </form>
</article>
{{/REQUEST}}
