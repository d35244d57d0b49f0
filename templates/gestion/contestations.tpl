{{%AUTOESCAPE context="HTML"}}
<h1>Contestations</h1>
<p>Les familles contestent une ligne de facture depuis leur espace facturation. Accorder une contestation émet un avoir du montant de la ligne ; la famille reçoit la réponse par email.</p>
{{#FILTERED}}<p>Contestations de la facture {{INVOICE_NUMBER}} — <a href="/gestion/contestations">voir toutes les contestations</a></p>{{/FILTERED}}
<p id="contestations-a-traiter">{{OPEN_COUNT}} contestation(s) à traiter.</p>
{{#NO_DISPUTE}}<p>Aucune contestation.</p>{{/NO_DISPUTE}}
{{#HAS_DISPUTES}}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-contestations">
<table class="table disputes">
  <caption id="titre-contestations">Contestations, celles à traiter d'abord</caption>
  <thead>
    <tr>
      <th scope="col">Statut</th>
      <th scope="col">Date</th>
      <th scope="col">Famille</th>
      <th scope="col">Facture</th>
      <th scope="col">Ligne</th>
      <th scope="col">Commentaire</th>
      <th scope="col">Action</th>
    </tr>
  </thead>
  <tbody>
  {{#DISPUTE}}
    <tr class="dispute dispute--{{STATUS_CLASS}}" id="contestation-{{DISPUTE_ID}}">
      <td>{{STATUS}}</td>
      <td>{{CREATED}}</td>
      <td><a href="{{FAMILY_URL}}">{{FAMILY}}</a> (n° {{FAMILY_NUMBER}})</td>
      <td><a href="{{INVOICE_URL}}">{{INVOICE_NUMBER}}</a></td>
      <td>{{LINE}} — {{LINE_AMOUNT}}</td>
      <td>{{COMMENT}}</td>
      <td><a href="{{DISPUTE_URL}}">Ouvrir<span class="visually-hidden"> la contestation de la facture {{INVOICE_NUMBER}} ({{LINE}})</span></a></td>
    </tr>
  {{/DISPUTE}}
  </tbody>
</table>
</div>
{{/HAS_DISPUTES}}
