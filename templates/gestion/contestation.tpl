{{%AUTOESCAPE context="HTML"}}
<h1>Contestation de la facture {{INVOICE_NUMBER}}</h1>
<p><a href="/gestion/contestations">Retour aux contestations</a></p>
{{#DONE}}<p class="alert alert--ok" role="status">La décision est enregistrée et la famille est prévenue par email.</p>{{/DONE}}
{{#HAS_ERROR}}<div class="alert alert--error" role="alert"><p>{{ERROR}}</p></div>{{/HAS_ERROR}}
<section class="card" aria-labelledby="titre-contestation">
  <h2 id="titre-contestation">La demande de la famille</h2>
  <dl class="summary">
    <dt>Statut</dt><dd id="contestation-statut">{{STATUS}}</dd>
    <dt>Famille</dt><dd><a href="{{FAMILY_URL}}">{{FAMILY}}</a> (famille n° {{FAMILY_NUMBER}})</dd>
    <dt>Facture</dt><dd><a href="{{INVOICE_URL}}">{{INVOICE_NUMBER}}</a></dd>
    <dt>Ligne contestée</dt><dd>{{LINE}} — {{LINE_AMOUNT}}</dd>
    <dt>Envoyée le</dt><dd>{{CREATED}}</dd>
    <dt>Commentaire</dt><dd>{{COMMENT}}</dd>
  </dl>
</section>
{{#CAN_DECIDE}}
<section class="card" aria-labelledby="titre-decision">
  <h2 id="titre-decision">Répondre</h2>
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="contestation-reponse">Réponse à la famille</label>
      <p class="hint" id="contestation-reponse-aide">Obligatoire pour un refus (1000 caractères au plus). Accepter émet un avoir de ce qui reste de la ligne.</p>
      <textarea id="contestation-reponse" name="reponse" rows="3" maxlength="1000" aria-describedby="contestation-reponse-aide">{{ANSWER}}</textarea>
    </div>
    <button type="submit" class="button" name="decision" value="accepter">Accepter et émettre un avoir</button>
    <button type="submit" class="button button--secondary" name="decision" value="refuser">Refuser</button>
  </form>
</section>
{{/CAN_DECIDE}}
{{#ANSWERED}}
<section class="card" aria-labelledby="titre-reponse">
  <h2 id="titre-reponse">Réponse</h2>
  <dl class="summary">
    <dt>Répondue le</dt><dd>{{ANSWERED_AT}}</dd>
    <dt>Réponse</dt><dd>{{ANSWER}}</dd>
    {{#HAS_CREDIT}}<dt>Avoir</dt><dd id="contestation-avoir">{{CREDIT_NUMBER}}</dd>{{/HAS_CREDIT}}
  </dl>
</section>
{{/ANSWERED}}
