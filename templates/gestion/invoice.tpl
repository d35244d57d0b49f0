{{%AUTOESCAPE context="HTML"}}
<h1>Facture {{NUMBER}}</h1>
<p><a href="/gestion/factures">Retour aux factures</a></p>
<p><a href="/gestion/contestations?facture={{NUMBER}}">Contestations de cette facture</a></p>
{{#CREDITED}}<p class="alert alert--ok" role="status">L'avoir {{CREDIT_NUMBER}} est émis ; le reste à payer est diminué d'autant.</p>{{/CREDITED}}
{{#RECORDED}}<p class="alert alert--ok" role="status">Le paiement est enregistré : reçu n° {{RECORDED_RECEIPT}}.</p>{{/RECORDED}}
{{#TRANSMITTED}}<p class="alert alert--ok" role="status">La facture est transmise au Trésor public pour recouvrement ; elle n'est plus payable en ligne.</p>{{/TRANSMITTED}}
<section class="card" aria-labelledby="titre-facture">
  <h2 id="titre-facture">Résumé</h2>
  <dl class="summary">
    <dt>Émetteur</dt><dd>{{REGIE}}</dd>
    <dt>Famille</dt><dd>{{FAMILY}} (famille n° {{FAMILY_NUMBER}})</dd>
    <dt>Adresse</dt><dd>{{FAMILY_ADDRESS}}</dd>
    <dt>Mois facturé</dt><dd>{{MONTH}}</dd>
    <dt>Date</dt><dd>{{ISSUED}}</dd>
    <dt>Échéance</dt><dd>{{DUE_ON}}</dd>
    <dt>Montant</dt><dd id="facture-total">{{TOTAL}}</dd>
    <dt>Payé</dt><dd>{{PAID}}</dd>
    <dt>Avoirs</dt><dd>{{CREDITS}}</dd>
    <dt>Reste à payer</dt><dd id="facture-reste">{{DUE}}</dd>
    <dt>Statut</dt><dd id="facture-statut">{{STATUS}}</dd>
  </dl>
</section>
<section class="card" aria-labelledby="titre-lignes">
  <h2 id="titre-lignes">Détail</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-lignes">
  <table class="table" aria-labelledby="titre-lignes">
    <thead>
      <tr>
        <th scope="col">Enfant</th>
        <th scope="col">Activité</th>
        <th scope="col">Dates</th>
        <th scope="col">Quantité</th>
        <th scope="col">Prix unitaire</th>
        <th scope="col">Montant</th>
      </tr>
    </thead>
    <tbody>
    {{#GROUP}}
      <tr>
        <th scope="row">{{CHILD}}</th>
        <td>{{ACTIVITY}}{{#PENALTY}} (présence sans réservation){{/PENALTY}}</td>
        <td>{{DAYS}}</td>
        <td>{{QUANTITY}}</td>
        <td>{{UNIT}}</td>
        <td>{{AMOUNT}}</td>
      </tr>
    {{/GROUP}}
    </tbody>
  </table>
  </div>
</section>
{{#HAS_CREDITS}}
<section class="card" aria-labelledby="titre-avoirs">
  <h2 id="titre-avoirs">Avoirs</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-avoirs">
  <table class="table" aria-labelledby="titre-avoirs">
    <thead><tr><th scope="col">Numéro</th><th scope="col">Date</th><th scope="col">Montant</th><th scope="col">Motif</th></tr></thead>
    <tbody>
    {{#CREDIT}}<tr><th scope="row">{{CREDIT_NUMBER}}</th><td>{{CREDIT_DATE}}</td><td>{{CREDIT_AMOUNT}}</td><td>{{CREDIT_REASON}}</td></tr>{{/CREDIT}}
    </tbody>
  </table>
  </div>
</section>
{{/HAS_CREDITS}}
{{#HAS_PAYMENTS}}
<section class="card" aria-labelledby="titre-paiements">
  <h2 id="titre-paiements">Paiements</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-paiements">
  <table class="table" aria-labelledby="titre-paiements">
    <thead><tr><th scope="col">Reçu</th><th scope="col">Date</th><th scope="col">Mode de paiement</th><th scope="col">Montant</th></tr></thead>
    <tbody>
    {{#PAYMENT}}<tr><th scope="row"><a href="{{PAYMENT_RECEIPT_URL}}">Reçu {{PAYMENT_RECEIPT}} (PDF)</a></th><td>{{PAYMENT_DATE}}</td><td>{{PAYMENT_MEANS}}</td><td>{{PAYMENT_AMOUNT}}</td></tr>{{/PAYMENT}}
    </tbody>
  </table>
  </div>
</section>
{{/HAS_PAYMENTS}}
{{#CAN_PAY}}
<section class="card" aria-labelledby="titre-guichet">
  <h2 id="titre-guichet">Enregistrer un paiement reçu à la régie</h2>
  <p>Espèces, chèque, CESU, chèques vacances ou virement. Un paiement partiel est possible ; jamais plus que le reste à payer ({{DUE}}). Un reçu est établi, que la famille retrouve dans ses paiements.</p>
  {{#PAY_HAS_ERRORS}}
  <div class="alert alert--error" role="alert">
    <p>Le paiement n'a pas été enregistré :</p>
    <ul>{{#PAY_ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/PAY_ERROR}}</ul>
  </div>
  {{/PAY_HAS_ERRORS}}
  <form method="post" action="{{PAY_URL}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="paiement-montant">Montant reçu, en euros <span class="required">(obligatoire)</span></label>
      <input id="paiement-montant" name="montant" type="text" inputmode="decimal" value="{{PAY_AMOUNT}}" required>
    </div>
    <div class="field">
      <label for="paiement-mode">Mode de paiement</label>
      <select id="paiement-mode" name="mode">
        {{#MEANS}}<option value="{{MEANS_VALUE}}"{{#MEANS_SELECTED}} selected{{/MEANS_SELECTED}}>{{MEANS_LABEL}}</option>{{/MEANS}}
      </select>
    </div>
    <div class="field">
      <label for="paiement-date">Date de réception</label>
      <input id="paiement-date" name="date" type="date" value="{{PAY_DATE}}">
    </div>
    <div class="field">
      <label for="paiement-reference">Référence (numéro de chèque…)</label>
      <input id="paiement-reference" name="reference" type="text" maxlength="20" value="{{PAY_REFERENCE}}">
    </div>
    <div class="field">
      <label for="paiement-commentaire">Commentaire</label>
      <textarea id="paiement-commentaire" name="commentaire" rows="2" maxlength="500">{{PAY_COMMENT}}</textarea>
    </div>
    <button type="submit" class="button">Enregistrer le paiement</button>
  </form>
</section>
{{/CAN_PAY}}
{{#CAN_CREDIT}}
<section class="card" aria-labelledby="titre-avoir">
  <h2 id="titre-avoir">Émettre un avoir</h2>
  <p>Cochez les jours à annuler, ou indiquez un montant ; sans l'un ni l'autre, l'avoir annule tout le reste à payer ({{DUE}}).</p>
  {{#HAS_ERRORS}}
  <div class="alert alert--error" role="alert">
    <p>L'avoir n'a pas été émis :</p>
    <ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
  </div>
  {{/HAS_ERRORS}}
  <form method="post" action="{{CREDIT_URL}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <fieldset id="avoir-lignes">
      <legend>Jours annulés</legend>
      {{#LINE}}
      <div class="checkbox">
        <input id="ligne-{{LINE_ID}}" name="lignes" type="checkbox" value="{{LINE_ID}}"{{#LINE_DONE}} disabled{{/LINE_DONE}}>
        <label for="ligne-{{LINE_ID}}">{{LINE_DAY}} — {{LINE_CHILD}}, {{LINE_ACTIVITY}} : {{LINE_AMOUNT}}{{#LINE_DONE}} (déjà annulé){{/LINE_DONE}}</label>
      </div>
      {{/LINE}}
    </fieldset>
    <div class="field">
      <label for="avoir-montant">Ou un montant, en euros</label>
      <input id="avoir-montant" name="montant" type="text" inputmode="decimal" value="{{MONTANT}}">
    </div>
    <div class="field">
      <label for="avoir-motif">Motif <span class="required">(obligatoire)</span></label>
      <textarea id="avoir-motif" name="motif" rows="3" maxlength="1000" required>{{MOTIF}}</textarea>
    </div>
    <button type="submit" class="button">Émettre l'avoir</button>
  </form>
</section>
{{/CAN_CREDIT}}
{{#CAN_TRANSMIT}}
<section class="card" aria-labelledby="titre-tresor">
  <h2 id="titre-tresor">Recouvrement</h2>
  <p>Après l'échéance, une facture impayée peut être transmise au Trésor public pour recouvrement. Elle n'est alors plus payable en ligne.</p>
  <form method="post" action="{{TRANSMIT_URL}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="button button--secondary">Marquer « transmise au Trésor public »</button>
  </form>
</section>
{{/CAN_TRANSMIT}}
