{{%AUTOESCAPE context="HTML"}}
<h1>Demandes à valider</h1>
{{#DONE}}<p class="alert alert--ok" role="status">La décision est enregistrée et la famille est prévenue par email.</p>{{/DONE}}
<section aria-labelledby="titre-demandes">
  <h2 id="titre-demandes">Demandes de modification</h2>
  {{#NO_REQUEST}}<p>Aucune demande de modification en attente.</p>{{/NO_REQUEST}}
  {{#REQUEST}}
  <article class="card request" id="demande-{{REQUEST_ID}}" aria-labelledby="demande-{{REQUEST_ID}}-titre">
    <h3 id="demande-{{REQUEST_ID}}-titre">{{REQUEST_KIND}} — {{REQUEST_MEMBER}}, <a href="{{FAMILY_URL}}">famille {{FAMILY_NAME}}</a></h3>
    <p>Demandée le {{REQUEST_DATE}}</p>
    {{#HEALTH_HIDDEN}}<p>Demande concernant la santé : réservée aux agents du service enfance et aux administrateurs.</p>{{/HEALTH_HIDDEN}}
    {{#REQUEST_BODY}}
    <ul>{{#REQUEST_FIELD}}<li>{{FIELD_LABEL}} : « {{FIELD_BEFORE}} » → « <strong>{{FIELD_AFTER}}</strong> »</li>{{/REQUEST_FIELD}}</ul>
    {{#HAS_PROOF}}<p><a href="{{PROOF_URL}}">Voir le justificatif joint</a></p>{{/HAS_PROOF}}
    <form method="post" action="{{ACTION}}">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <div class="field">
        <label for="demande-{{REQUEST_ID}}-commentaire">Commentaire pour la famille</label>
        <p class="hint" id="demande-{{REQUEST_ID}}-aide">Obligatoire pour un refus : la famille le lit dans son dossier et dans l'email.</p>
        <textarea id="demande-{{REQUEST_ID}}-commentaire" name="commentaire" rows="2" aria-describedby="demande-{{REQUEST_ID}}-aide"></textarea>
      </div>
      <button type="submit" class="button" name="decision" value="accepter">Accepter</button>
      <button type="submit" class="button button--secondary" name="decision" value="refuser">Refuser</button>
    </form>
    {{/REQUEST_BODY}}
  </article>
  {{/REQUEST}}
</section>
<section aria-labelledby="titre-justificatifs">
  <h2 id="titre-justificatifs">Justificatifs</h2>
  {{#NO_DOCUMENT}}<p>Aucun justificatif en attente.</p>{{/NO_DOCUMENT}}
  {{#DOCUMENT}}
  <article class="card request" id="justificatif-{{DOC_ID}}" aria-labelledby="justificatif-{{DOC_ID}}-titre">
    <h3 id="justificatif-{{DOC_ID}}-titre">{{DOC_KIND}} — {{DOC_MEMBER}}, <a href="{{FAMILY_URL}}">famille {{FAMILY_NAME}}</a></h3>
    <p>Envoyé le {{DOC_DATE}}</p>
    {{#HEALTH_HIDDEN}}<p>Justificatif de santé : réservé aux agents du service enfance et aux administrateurs.</p>{{/HEALTH_HIDDEN}}
    {{#DOC_BODY}}
    <p><a href="{{DOC_URL}}">Ouvrir le justificatif<span class="visually-hidden"> {{DOC_KIND}}</span> ({{DOC_KB}} Ko)</a></p>
    <form method="post" action="{{ACTION}}">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <div class="field">
        <label for="justificatif-{{DOC_ID}}-validite">Valable jusqu'au</label>
        <p class="hint" id="justificatif-{{DOC_ID}}-validite-aide">Au format AAAA-MM-JJ ; laissez vide s'il n'y a pas de date de fin.</p>
        <input type="date" id="justificatif-{{DOC_ID}}-validite" name="valable_jusqu_au" value="{{DOC_VALID}}" aria-describedby="justificatif-{{DOC_ID}}-validite-aide">
      </div>
      <div class="field">
        <label for="justificatif-{{DOC_ID}}-commentaire">Commentaire pour la famille</label>
        <p class="hint" id="justificatif-{{DOC_ID}}-aide">Obligatoire pour un refus.</p>
        <textarea id="justificatif-{{DOC_ID}}-commentaire" name="commentaire" rows="2" aria-describedby="justificatif-{{DOC_ID}}-aide"></textarea>
      </div>
      <button type="submit" class="button" name="decision" value="accepter">Accepter</button>
      <button type="submit" class="button button--secondary" name="decision" value="refuser">Refuser</button>
    </form>
    {{/DOC_BODY}}
  </article>
  {{/DOCUMENT}}
</section>
