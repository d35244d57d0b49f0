{{%AUTOESCAPE context="HTML"}}
<h1>Régies</h1>
{{#SAVED}}<p class="alert alert--ok" role="status">La régie est enregistrée.</p>{{/SAVED}}
{{#ATTACHED}}<p class="alert alert--ok" role="status">La régie de l'activité est enregistrée.</p>{{/ATTACHED}}
<p>Chaque régie (émetteur des factures) a sa propre numérotation, sans trou, par année. Les factures se préparent sur la page <a href="/gestion/facturation">Facturation</a>.</p>
<section class="card" aria-labelledby="titre-regies">
  <h2 id="titre-regies">Régies de la commune</h2>
  {{#NO_REGIE}}<p>Aucune régie n'est encore enregistrée.</p>{{/NO_REGIE}}
  {{#HAS_REGIES}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-regies">
  <table class="table" aria-labelledby="titre-regies">
    <thead>
      <tr>
        <th scope="col">Régie</th>
        <th scope="col">Adresse</th>
        <th scope="col">Numéro client PayFiP</th>
        <th scope="col">Numéros des factures</th>
        <th scope="col">Numéros des avoirs</th>
        <th scope="col">Délai de paiement</th>
      </tr>
    </thead>
    <tbody>
    {{#REGIE}}
      <tr>
        <th scope="row"><a href="{{URL}}">{{NAME}}</a></th>
        <td>{{ADDRESS}}</td>
        <td>{{NUMCLI}}</td>
        <td>{{INVOICE_EXAMPLE}}</td>
        <td>{{CREDIT_EXAMPLE}}</td>
        <td>{{DAYS}} jours</td>
      </tr>
    {{/REGIE}}
    </tbody>
  </table>
  </div>
  {{/HAS_REGIES}}
</section>

<section class="card" aria-labelledby="titre-activites-regies">
  <h2 id="titre-activites-regies">Activités facturées par chaque régie</h2>
  {{#NO_ACTIVITY}}<p>Aucune activité n'est encore enregistrée.</p>{{/NO_ACTIVITY}}
  {{#HAS_ACTIVITIES}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-activites-regies">
  <table class="table" aria-labelledby="titre-activites-regies">
    <thead>
      <tr>
        <th scope="col">Activité</th>
        <th scope="col">Régie</th>
        <th scope="col">Tarifs</th>
      </tr>
    </thead>
    <tbody>
    {{#ACTIVITY}}
      <tr>
        <th scope="row">{{ACTIVITY_NAME}}</th>
        <td>
          <form method="post" action="{{ACTIVITY_REGIE_URL}}" class="inline-form">
            <input type="hidden" name="csrf" value="{{CSRF}}">
            <label for="regie-activite-{{ACTIVITY_ID}}" class="visually-hidden">Régie de l'activité {{ACTIVITY_NAME}}</label>
            <select id="regie-activite-{{ACTIVITY_ID}}" name="regie">
              <option value="">Aucune régie</option>
              {{#CHOICE}}<option value="{{CHOICE_ID}}"{{#CHOICE_SELECTED}} selected{{/CHOICE_SELECTED}}>{{CHOICE_NAME}}</option>{{/CHOICE}}
            </select>
            <button type="submit" class="button button--small">Enregistrer<span class="visually-hidden"> la régie de {{ACTIVITY_NAME}}</span></button>
          </form>
        </td>
        <td><a href="{{TARIFFS_URL}}">Grille de tarifs<span class="visually-hidden"> de {{ACTIVITY_NAME}}</span></a></td>
      </tr>
    {{/ACTIVITY}}
    </tbody>
  </table>
  </div>
  {{/HAS_ACTIVITIES}}
</section>

<section class="card" aria-labelledby="titre-nouvelle-regie">
  <h2 id="titre-nouvelle-regie">Nouvelle régie</h2>
  {{>REGIE_FORM}}
</section>
