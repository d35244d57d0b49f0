{{%AUTOESCAPE context="HTML"}}
<h1>Tarifs de l'activité « {{ACTIVITY}} »</h1>
<p><a href="/gestion/regies">Retour aux régies et activités</a></p>
{{#REGIE}}<p>Facturée par la régie {{REGIE_NAME}}.</p>{{/REGIE}}
{{#NO_REGIE}}<p class="alert alert--warning">Cette activité n'est rattachée à aucune régie : elle n'est pas facturée. Choisissez sa régie sur la page <a href="/gestion/regies">Régies</a>.</p>{{/NO_REGIE}}
{{#SAVED}}<p class="alert alert--ok" role="status">La grille de tarifs est enregistrée.</p>{{/SAVED}}
{{#DELETED}}<p class="alert alert--ok" role="status">La tranche est supprimée.</p>{{/DELETED}}
<p>Le prix d'un jour dépend du quotient familial de la famille à la date du jour facturé (et de sa résidence dans la commune), dans la grille en vigueur à cette date. Une famille sans quotient valide paie la tranche marquée « sans quotient », ou à défaut la tranche la plus haute.</p>

<section class="card" aria-labelledby="titre-grilles">
  <h2 id="titre-grilles">Grilles enregistrées</h2>
  {{#NO_TARIFF}}<p>Aucun tarif n'est encore enregistré : les jours de cette activité ne peuvent pas être facturés.</p>{{/NO_TARIFF}}
  {{#GRID}}
  <h3 id="grille-{{GRID_ID}}">Grille en vigueur à partir du {{GRID_FROM}}</h3>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="grille-{{GRID_ID}}">
  <table class="table" aria-labelledby="grille-{{GRID_ID}}">
    <thead>
      <tr>
        <th scope="col">Familles</th>
        <th scope="col">Quotient familial</th>
        <th scope="col">Prix du jour</th>
        <th scope="col">Présence sans réservation</th>
        <th scope="col">Sans quotient</th>
        <th scope="col">Action</th>
      </tr>
    </thead>
    <tbody>
    {{#ROW}}
      <tr>
        <td>{{AUDIENCE}}</td>
        <th scope="row">{{BAND}}</th>
        <td>{{PRICE}}</td>
        <td>{{PENALTY}}</td>
        <td>{{WITHOUT_QF}}</td>
        <td>
          <form method="post" action="{{DELETE_URL}}">
            <input type="hidden" name="csrf" value="{{CSRF}}">
            <button type="submit" class="button button--small button--secondary">Supprimer<span class="visually-hidden"> la tranche {{BAND}} ({{AUDIENCE}}) de la grille du {{GRID_FROM}}</span></button>
          </form>
        </td>
      </tr>
    {{/ROW}}
    </tbody>
  </table>
  </div>
  {{/GRID}}
</section>

<section class="card" aria-labelledby="titre-nouvelle-grille">
  <h2 id="titre-nouvelle-grille">Ajouter des tranches</h2>
  <p>Une grille est l'ensemble des tranches qui ont la même date de début. Remplissez une ligne par tranche ; les lignes vides sont ignorées. Montants en euros, par exemple 3,20.</p>
  {{#HAS_ERRORS}}
  <div class="alert alert--error" role="alert">
    <p>Le formulaire contient des erreurs ; rien n'a été enregistré. À corriger :</p>
    <ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
  </div>
  {{/HAS_ERRORS}}
  <form method="post" action="{{FORM_ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="valable_du">En vigueur à partir du <span class="required">(obligatoire)</span></label>
      <p class="hint" id="valable_du-aide">Au format AAAA-MM-JJ, par exemple 2026-09-01.</p>
      <input id="valable_du" name="valable_du" type="date" value="{{VALABLE_DU}}" required aria-describedby="valable_du-aide">
    </div>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-nouvelle-grille">
    <table class="table">
      <caption>Tranches de la grille</caption>
      <thead>
        <tr>
          <th scope="col">Tranche</th>
          <th scope="col">Quotient de</th>
          <th scope="col">Quotient jusqu'à (vide : sans limite)</th>
          <th scope="col">Familles</th>
          <th scope="col">Prix du jour (€)</th>
          <th scope="col">Prix d'une présence sans réservation (€, facultatif)</th>
          <th scope="col">Tarif sans quotient</th>
        </tr>
      </thead>
      <tbody>
      {{#NEW_ROW}}
        <tr>
          <th scope="row">{{N}}</th>
          <td><label class="visually-hidden" for="qf_min_{{N}}">Tranche {{N}} : quotient de</label><input id="qf_min_{{N}}" name="qf_min_{{N}}" type="text" inputmode="numeric" size="6" value="{{QF_MIN}}"></td>
          <td><label class="visually-hidden" for="qf_max_{{N}}">Tranche {{N}} : quotient jusqu'à</label><input id="qf_max_{{N}}" name="qf_max_{{N}}" type="text" inputmode="numeric" size="6" value="{{QF_MAX}}"></td>
          <td><label class="visually-hidden" for="public_{{N}}">Tranche {{N}} : familles</label>
            <select id="public_{{N}}" name="public_{{N}}">
              <option value="all"{{#ALL}} selected{{/ALL}}>Toutes</option>
              <option value="resident"{{#RESIDENT}} selected{{/RESIDENT}}>Résidents</option>
              <option value="non_resident"{{#NON_RESIDENT}} selected{{/NON_RESIDENT}}>Non-résidents</option>
            </select></td>
          <td><label class="visually-hidden" for="prix_{{N}}">Tranche {{N}} : prix du jour</label><input id="prix_{{N}}" name="prix_{{N}}" type="text" inputmode="decimal" size="8" value="{{PRIX}}"></td>
          <td><label class="visually-hidden" for="penalite_{{N}}">Tranche {{N}} : prix d'une présence sans réservation</label><input id="penalite_{{N}}" name="penalite_{{N}}" type="text" inputmode="decimal" size="8" value="{{PENALITE}}"></td>
          <td><input id="sans_quotient_{{N}}" name="sans_quotient" type="radio" value="{{N}}"{{#SANS_QF}} checked{{/SANS_QF}}><label for="sans_quotient_{{N}}"><span class="visually-hidden">Tranche {{N}} : </span>tarif des familles sans quotient</label></td>
        </tr>
      {{/NEW_ROW}}
      </tbody>
    </table>
    </div>
    <button type="submit" class="button">Enregistrer les tranches</button>
  </form>
</section>
