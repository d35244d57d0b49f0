{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Accueil</a></li><li aria-current="page">Espace facturation</li></ol></nav>
<h1>Espace facturation</h1>

<section class="card balance" aria-labelledby="titre-solde">
  <h2 id="titre-solde">Solde restant</h2>
  <p class="balance__amount">Solde : {{BALANCE}}</p>
  <p class="hint">Les factures marquées « Payer en ligne » se règlent par carte bancaire sur le service sécurisé PayFiP de la Direction générale des Finances publiques. Les autres se règlent auprès de la régie.</p>
  <p><a href="/facturation/paiements">Historique de mes paiements et reçus</a></p>
</section>

{{#ESTIMATE}}
<section class="card estimate" aria-labelledby="titre-estimation">
  <h2 id="titre-estimation">Mois en cours</h2>
  <p class="estimate__amount">Estimation du mois en cours : {{ESTIMATE_TOTAL}}</p>
  <p class="hint">Réservations et présences {{ESTIMATE_PERIOD}}, avant facturation. Le montant définitif figurera sur la facture du mois.</p>
  {{#ESTIMATE_UNPRICED}}<p class="hint">Certains jours n'ont pas encore de tarif : ils ne sont pas comptés ici.</p>{{/ESTIMATE_UNPRICED}}
  {{#ESTIMATE_PARTS}}
  <ul class="estimate__parts">
    {{#ESTIMATE_PART}}<li>{{PART_REGIE}} — {{PART_CHILD}} : {{PART_DAYS}} jour(s), {{PART_AMOUNT}}</li>{{/ESTIMATE_PART}}
  </ul>
  {{/ESTIMATE_PARTS}}
</section>
{{/ESTIMATE}}

<section class="card" aria-labelledby="titre-historique">
  <h2 id="titre-historique">Historique des factures ({{COUNT}} Résultats)</h2>
  {{#NO_INVOICE}}<p>Aucune facture pour le moment.</p>{{/NO_INVOICE}}
  {{#HAS_INVOICES}}
  <table class="table invoices">
    <caption class="visually-hidden">Factures de la famille, les plus récentes d'abord (page {{PAGE}} sur {{PAGES}})</caption>
    <thead>
      <tr>
        <th scope="col">Date</th>
        <th scope="col">Nature</th>
        <th scope="col">Numéro</th>
        <th scope="col">Échéance</th>
        <th scope="col">Émetteur</th>
        <th scope="col">Montant</th>
        <th scope="col">Statut</th>
        <th scope="col">Télécharger</th>
      </tr>
    </thead>
    <tbody>
    {{#INVOICE}}
      <tr class="invoice" id="facture-{{ID}}">
        <td data-label="Date">{{DATE}}</td>
        <td data-label="Nature">{{NATURE}}</td>
        <td data-label="Numéro"><a href="/facturation/factures/{{ID}}">{{NUMBER}}</a></td>
        <td data-label="Échéance">{{DUE}}</td>
        <td data-label="Émetteur">{{REGIE}}</td>
        <td data-label="Montant" class="invoice__amount">{{AMOUNT}}</td>
        <td data-label="Statut" class="invoice__status">
          {{#PAYABLE}}<form method="post" action="/facturation/factures/{{ID}}/payer" class="inline-form">
            <input type="hidden" name="csrf" value="{{CSRF}}">
            <button type="submit" class="button button--small" aria-label="Payer en ligne la facture {{NUMBER}} ({{DUE_AMOUNT}})">Payer en ligne</button>
          </form>{{/PAYABLE}}
          {{#PAID}}<span class="status status--paid">Payée</span>{{/PAID}}
          {{#CLOSED}}<span class="status status--closed">{{LABEL}}</span>{{/CLOSED}}
        </td>
        <td data-label="Télécharger"><a href="/facturation/factures/{{ID}}/pdf" download>PDF<span class="visually-hidden"> de la facture {{NUMBER}}</span></a></td>
      </tr>
    {{/INVOICE}}
    </tbody>
  </table>
  {{#PAGINATION}}
  <nav class="pagination" aria-label="Pages de l'historique">
    <ul>
      {{#PREVIOUS}}<li><a href="/facturation?page={{N}}" rel="prev">Page précédente</a></li>{{/PREVIOUS}}
      {{#PAGE_LINK}}<li>{{#CURRENT}}<span aria-current="page">{{N}}</span>{{/CURRENT}}{{#OTHER}}<a href="/facturation?page={{N}}">{{N}}<span class="visually-hidden"> (page)</span></a>{{/OTHER}}</li>{{/PAGE_LINK}}
      {{#NEXT}}<li><a href="/facturation?page={{N}}" rel="next">Page suivante</a></li>{{/NEXT}}
    </ul>
  </nav>
  {{/PAGINATION}}
  {{/HAS_INVOICES}}
</section>
