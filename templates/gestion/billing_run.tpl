{{%AUTOESCAPE context="HTML"}}
<h1>Facturation</h1>
{{#ISSUED}}<p class="alert alert--ok" role="status">{{ISSUED_TEXT}}</p>{{/ISSUED}}
<p>Choisissez une régie et un mois : l'aperçu montre, famille par famille, ce qui sera facturé. Rien n'est enregistré avant « Émettre les factures ». Relancer un mois ne facture jamais deux fois le même jour ; un jour pointé après coup part dans la facturation suivante.</p>
<section class="card" aria-labelledby="titre-choix">
  <h2 id="titre-choix">Régie et mois</h2>
  {{#NO_REGIE}}<p>Aucune régie n'est enregistrée : un administrateur les crée sur la page <a href="/gestion/regies">Régies</a>.</p>{{/NO_REGIE}}
  {{#HAS_REGIES}}
  <form method="get" action="/gestion/facturation">
    <div class="field">
      <label for="choix-regie">Régie</label>
      <select id="choix-regie" name="regie">
        {{#CHOICE}}<option value="{{CHOICE_ID}}"{{#CHOICE_SELECTED}} selected{{/CHOICE_SELECTED}}>{{CHOICE_NAME}}</option>{{/CHOICE}}
      </select>
    </div>
    <div class="field">
      <label for="choix-mois">Mois</label>
      <p class="hint" id="choix-mois-aide">Au format AAAA-MM, par exemple 2026-11.</p>
      <input id="choix-mois" name="mois" type="month" value="{{MOIS}}" aria-describedby="choix-mois-aide">
    </div>
    <button type="submit" class="button">Voir l'aperçu</button>
  </form>
  {{/HAS_REGIES}}
</section>

{{#PREVIEW}}
<section class="card" aria-labelledby="titre-apercu">
  <h2 id="titre-apercu">Aperçu : {{REGIE_NAME}}, {{MONTH_LABEL}}</h2>
  <p>Jours examinés : du {{FIRST_DAY}} au {{LAST_DAY}} (les jours non encore facturés des mois précédents sont repris).</p>
  {{#MONTH_OPEN}}<p class="alert alert--warning">Le mois n'est pas terminé : les jours à partir d'aujourd'hui ne sont pas facturés ; ils le seront à la prochaine facturation.</p>{{/MONTH_OPEN}}
  <ul>
    <li id="apercu-factures">{{INVOICE_COUNT}} facture(s) à émettre, {{LINE_COUNT}} ligne(s), total {{TOTAL}}</li>
    <li>{{ANOMALY_COUNT}} anomalie(s)</li>
  </ul>
  {{#HAS_NOT_BILLED}}
  <h3 id="titre-non-factures">Jours non facturés du mois</h3>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-non-factures">
  <table class="table" aria-labelledby="titre-non-factures">
    <thead><tr><th scope="col">Motif</th><th scope="col">Jours</th></tr></thead>
    <tbody>
    {{#NOT_BILLED}}<tr><th scope="row">{{REASON}}</th><td>{{COUNT}}</td></tr>{{/NOT_BILLED}}
    </tbody>
  </table>
  </div>
  {{/HAS_NOT_BILLED}}
  {{#NOTHING}}<p id="apercu-vide">Rien à facturer pour ce mois : tous les jours facturables sont déjà sur une facture.</p>{{/NOTHING}}
  {{#FAMILY}}
  <h3 id="famille-{{FAMILY_ID}}">{{FAMILY_NAME}} (famille n° {{FAMILY_NUMBER}}) : {{FAMILY_TOTAL}}</h3>
  {{#ANOMALY}}<p class="alert alert--warning">{{ANOMALY_TEXT}}</p>{{/ANOMALY}}
  {{#HAS_LINES}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="famille-{{FAMILY_ID}}">
  <table class="table" aria-labelledby="famille-{{FAMILY_ID}}">
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
    {{#LINE}}
      <tr>
        <th scope="row">{{CHILD}}</th>
        <td>{{ACTIVITY}}{{#PENALTY}} (présence sans réservation){{/PENALTY}}</td>
        <td>{{DAYS}}</td>
        <td>{{QUANTITY}}</td>
        <td>{{UNIT}}</td>
        <td>{{AMOUNT}}</td>
      </tr>
    {{/LINE}}
    </tbody>
  </table>
  </div>
  {{/HAS_LINES}}
  {{/FAMILY}}
  {{#MORE}}<p>{{MORE_TEXT}}</p>{{/MORE}}
  {{#CAN_ISSUE}}
  <form method="post" action="/gestion/facturation">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="regie" value="{{REGIE_ID}}">
    <input type="hidden" name="mois" value="{{MOIS}}">
    <button type="submit" class="button">Émettre les factures</button>
  </form>
  {{/CAN_ISSUE}}
</section>
{{/PREVIEW}}

<section class="card" aria-labelledby="titre-executions">
  <h2 id="titre-executions">Dernières facturations</h2>
  {{#NO_RUN}}<p>Aucune facturation n'a encore été lancée.</p>{{/NO_RUN}}
  {{#HAS_RUNS}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-executions">
  <table class="table" aria-labelledby="titre-executions">
    <thead>
      <tr>
        <th scope="col">Lancée le</th>
        <th scope="col">Régie</th>
        <th scope="col">Mois</th>
        <th scope="col">État</th>
        <th scope="col">Factures</th>
        <th scope="col">Numéros</th>
        <th scope="col">Total</th>
      </tr>
    </thead>
    <tbody>
    {{#RUN}}
      <tr>
        <th scope="row">{{RUN_AT}}</th>
        <td>{{RUN_REGIE}}</td>
        <td><a href="{{RUN_INVOICES_URL}}">{{RUN_MONTH}}</a></td>
        <td>{{RUN_STATUS}}</td>
        <td>{{RUN_COUNT}}</td>
        <td>{{RUN_NUMBERS}}</td>
        <td>{{RUN_TOTAL}}</td>
      </tr>
    {{/RUN}}
    </tbody>
  </table>
  </div>
  {{/HAS_RUNS}}
</section>
