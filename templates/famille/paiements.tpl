{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Accueil</a></li><li><a href="/facturation">Espace facturation</a></li><li aria-current="page">Mes paiements</li></ol></nav>
<h1>Mes paiements</h1>
<section class="card" aria-labelledby="titre-paiements">
  <h2 id="titre-paiements">Historique des paiements ({{COUNT}})</h2>
  {{#NO_PAYMENT}}<p>Aucun paiement enregistré pour le moment.</p>{{/NO_PAYMENT}}
  {{#HAS_PAYMENTS}}
  <table class="table invoices">
    <caption class="visually-hidden">Paiements de la famille, les plus récents d'abord</caption>
    <thead>
      <tr>
        <th scope="col">Date</th>
        <th scope="col">Facture</th>
        <th scope="col">Émetteur</th>
        <th scope="col">Moyen</th>
        <th scope="col">Montant</th>
        <th scope="col">Reçu</th>
      </tr>
    </thead>
    <tbody>
    {{#PAYMENT}}
      <tr>
        <td data-label="Date">{{DATE}}</td>
        <td data-label="Facture">{{INVOICE_NUMBER}}</td>
        <td data-label="Émetteur">{{REGIE}}</td>
        <td data-label="Moyen">{{MEANS}}</td>
        <td data-label="Montant" class="invoice__amount">{{AMOUNT}}</td>
        <td data-label="Reçu"><a href="/facturation/paiements/{{ID}}/recu" download>Reçu {{RECEIPT_NUMBER}}<span class="visually-hidden"> (PDF)</span></a></td>
      </tr>
    {{/PAYMENT}}
    </tbody>
  </table>
  {{/HAS_PAYMENTS}}
</section>
<p><a href="/facturation">Retour à l'espace facturation</a></p>
