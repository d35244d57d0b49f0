{{%AUTOESCAPE context="HTML"}}
<h1>Factures</h1>
<p><a href="/gestion/paiements">Voir les paiements</a></p>
<section class="card" aria-labelledby="titre-filtre">
  <h2 id="titre-filtre">Rechercher</h2>
  <form method="get" action="/gestion/factures">
    <div class="field">
      <label for="filtre-regie">Régie</label>
      <select id="filtre-regie" name="regie">
        <option value="">Toutes</option>
        {{#CHOICE}}<option value="{{CHOICE_ID}}"{{#CHOICE_SELECTED}} selected{{/CHOICE_SELECTED}}>{{CHOICE_NAME}}</option>{{/CHOICE}}
      </select>
    </div>
    <div class="field">
      <label for="filtre-mois">Mois facturé</label>
      <p class="hint" id="filtre-mois-aide">Au format AAAA-MM ; vide : tous.</p>
      <input id="filtre-mois" name="mois" type="month" value="{{MOIS}}" aria-describedby="filtre-mois-aide">
    </div>
    <div class="field">
      <label for="filtre-famille">Numéro de la famille (famille n°)</label>
      <input id="filtre-famille" name="famille" type="text" inputmode="numeric" value="{{FAMILLE}}">
    </div>
    <button type="submit" class="button">Afficher</button>
  </form>
</section>
<section class="card" aria-labelledby="titre-export">
  <h2 id="titre-export">Exporter (CSV)</h2>
  <p>Les factures émises sur la période, pour un tableur : séparateur point-virgule, montants en euros.</p>
  <form method="get" action="/gestion/exports/factures.csv">
    <div class="field">
      <label for="export-regie">Régie</label>
      <select id="export-regie" name="regie">
        <option value="">Toutes</option>
        {{#CHOICE}}<option value="{{CHOICE_ID}}"{{#CHOICE_SELECTED}} selected{{/CHOICE_SELECTED}}>{{CHOICE_NAME}}</option>{{/CHOICE}}
      </select>
    </div>
    <div class="field">
      <label for="export-du">Émises du</label>
      <input id="export-du" name="du" type="date" value="{{EXPORT_DU}}">
    </div>
    <div class="field">
      <label for="export-au">Au (inclus)</label>
      <input id="export-au" name="au" type="date" value="{{EXPORT_AU}}">
    </div>
    <button type="submit" class="button button--secondary">Télécharger les factures (CSV)</button>
  </form>
  <p><a id="export-paiements" href="{{PAYMENTS_EXPORT_URL}}">Télécharger les paiements de la période (CSV)</a></p>
</section>
<h2 id="titre-factures">{{COUNT}} facture(s)</h2>
{{#NO_INVOICE}}<p>Aucune facture ne correspond.</p>{{/NO_INVOICE}}
{{#HAS_INVOICES}}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-factures">
<table class="table" aria-labelledby="titre-factures">
  <thead>
    <tr>
      <th scope="col">Numéro</th>
      <th scope="col">Date</th>
      <th scope="col">Échéance</th>
      <th scope="col">Émetteur</th>
      <th scope="col">Famille</th>
      <th scope="col">Mois</th>
      <th scope="col">Montant</th>
      <th scope="col">Reste dû</th>
      <th scope="col">Statut</th>
    </tr>
  </thead>
  <tbody>
  {{#INVOICE}}
    <tr>
      <th scope="row"><a href="{{URL}}">{{NUMBER}}</a></th>
      <td>{{ISSUED}}</td>
      <td>{{DUE_ON}}</td>
      <td>{{REGIE}}</td>
      <td>{{FAMILY}}</td>
      <td>{{MONTH}}</td>
      <td>{{TOTAL}}</td>
      <td>{{DUE}}</td>
      <td>{{STATUS}}</td>
    </tr>
  {{/INVOICE}}
  </tbody>
</table>
</div>
{{/HAS_INVOICES}}
