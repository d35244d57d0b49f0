{{%AUTOESCAPE context="HTML"}}
<h1>Paiements</h1>
<p>Les paiements par carte ou par prélèvement reçus par PayFiP, les opérations en ligne en cours, refusées ou abandonnées, et les paiements enregistrés au guichet de la régie (espèces, chèque, CESU, chèques vacances, virement ; datés du jour de réception). Les heures sont celles de Paris.</p>
<section class="card" aria-labelledby="titre-filtre">
  <h2 id="titre-filtre">Rechercher</h2>
  <form method="get" action="/gestion/paiements">
    <div class="field">
      <label for="filtre-regie">Régie</label>
      <select id="filtre-regie" name="regie">
        <option value="">Toutes</option>
        {{#REGIE_CHOICE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/REGIE_CHOICE}}
      </select>
    </div>
    <div class="field">
      <label for="filtre-du">Du</label>
      <input id="filtre-du" name="du" type="date" value="{{DU}}">
    </div>
    <div class="field">
      <label for="filtre-au">Au (inclus)</label>
      <input id="filtre-au" name="au" type="date" value="{{AU}}">
    </div>
    <div class="field">
      <label for="filtre-mode">Mode de paiement</label>
      <select id="filtre-mode" name="mode">
        <option value="">Tous</option>
        {{#MEANS_CHOICE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/MEANS_CHOICE}}
      </select>
    </div>
    <div class="field">
      <label for="filtre-etat">État</label>
      <select id="filtre-etat" name="etat">
        <option value="">Tous</option>
        {{#STATE_CHOICE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATE_CHOICE}}
      </select>
    </div>
    <button type="submit" class="button">Afficher</button>
  </form>
</section>
<h2 id="titre-paiements">Période {{PERIOD}}</h2>
<p id="total-paiements">{{PAID_COUNT}} paiement(s) reçu(s), total {{PAID_TOTAL}}.</p>
<p><a id="export-paiements" href="{{EXPORT_URL}}">Exporter tous les paiements de la période, en ligne et au guichet (CSV)</a> · <a href="{{INVOICES_EXPORT_URL}}">Exporter les factures émises sur la période (CSV)</a></p>
{{#TRUNCATED}}<p>Seules les {{LIMIT}} opérations les plus récentes sont affichées : réduisez la période pour voir les autres.</p>{{/TRUNCATED}}
{{#NO_PAYMENT}}<p>Aucun paiement sur cette période.</p>{{/NO_PAYMENT}}
{{#HAS_PAYMENTS}}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-paiements">
<table class="table payments">
  <caption>Paiements, les plus récents d'abord</caption>
  <thead>
    <tr>
      <th scope="col">Date</th>
      <th scope="col">Régie</th>
      <th scope="col">Famille</th>
      <th scope="col">Facture</th>
      <th scope="col">Montant</th>
      <th scope="col">Mode</th>
      <th scope="col">Opération PayFiP (idOp)</th>
      <th scope="col">Référence</th>
      <th scope="col">N° d'autorisation ou de chèque</th>
      <th scope="col">Reçu</th>
      <th scope="col">État</th>
    </tr>
  </thead>
  <tbody>
  {{#PAYMENT}}
    <tr class="payment payment--{{STATE_CLASS}}">
      <td>{{AT}}</td>
      <td>{{REGIE}}</td>
      <td><a href="{{FAMILY_URL}}">{{FAMILY}}</a> (n° {{FAMILY_NUMBER}})</td>
      <td><a href="{{INVOICE_URL}}">{{INVOICE_NUMBER}}</a></td>
      <td>{{AMOUNT}}</td>
      <td>{{MEANS}}</td>
      <td>{{IDOP}}</td>
      <td>{{REFDET}}</td>
      <td>{{NUMAUTO}}</td>
      <td>{{RECEIPT}}</td>
      <td>{{STATE}}</td>
    </tr>
  {{/PAYMENT}}
  </tbody>
</table>
</div>
{{/HAS_PAYMENTS}}
