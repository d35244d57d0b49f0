{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Accueil</a></li><li><a href="/facturation">Espace facturation</a></li><li aria-current="page">Facture {{NUMBER}}</li></ol></nav>
<h1>Facture {{NUMBER}}</h1>
{{#SENT}}<p class="alert alert--ok" role="status">Contestation envoyée : la mairie l'examine et vous répondra par email. Vous pouvez payer la facture en attendant ; si la contestation est accordée, un avoir est établi.</p>{{/SENT}}
{{#FAILED}}<div class="alert alert--error" role="alert"><p>Contestation non envoyée : {{FAILED_MESSAGE}}</p></div>{{/FAILED}}

<section class="card" aria-labelledby="titre-facture">
  <h2 id="titre-facture">Résumé</h2>
  <dl class="summary">
    <dt>Nature</dt><dd>{{NATURE}}</dd>
    <dt>Émetteur</dt><dd>{{REGIE}}</dd>
    <dt>Date</dt><dd>{{ISSUED}}</dd>
    <dt>Échéance</dt><dd>{{DUE_ON}}</dd>
    <dt>Montant</dt><dd>{{TOTAL}}</dd>
    <dt>Déjà payé</dt><dd>{{PAID}}</dd>
    <dt>Avoirs</dt><dd>{{CREDITED}}</dd>
    <dt>Reste à payer</dt><dd class="invoice__due">{{DUE}}</dd>
  </dl>
  {{#PAYABLE}}<form method="post" action="/facturation/factures/{{ID}}/payer" class="inline-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="button" aria-label="Payer en ligne la facture {{NUMBER}} ({{DUE_AMOUNT}})">Payer en ligne</button>
  </form>{{/PAYABLE}}
  {{#NOT_PAYABLE}}<p>Statut : <span class="status">{{STATUS}}</span></p>{{/NOT_PAYABLE}}
  <p><a href="/facturation/factures/{{ID}}/pdf" download>Télécharger la facture en PDF<span class="visually-hidden"> ({{NUMBER}})</span></a></p>
</section>

<section class="card" aria-labelledby="titre-lignes">
  <h2 id="titre-lignes">Détail</h2>
  <p class="hint">Une ligne vous semble fausse ? Choisissez « Contester » sur cette ligne et expliquez pourquoi : la mairie vous répond par email.</p>
  <table class="table invoices invoice-lines">
    <caption class="visually-hidden">Lignes de la facture {{NUMBER}}</caption>
    <thead>
      <tr>
        <th scope="col">Date</th>
        <th scope="col">Activité</th>
        <th scope="col">Enfant</th>
        <th scope="col">Quantité</th>
        <th scope="col">Prix unitaire</th>
        <th scope="col">Montant</th>
        <th scope="col">Contestation</th>
      </tr>
    </thead>
    <tbody>
    {{#LINE}}
      <tr class="invoice-line" id="ligne-{{LINE_ID}}">
        <td data-label="Date">{{LINE_DAY}}</td>
        <td data-label="Activité">{{LINE_ACTIVITY}}{{#LINE_PENALTY}} (présence sans réservation){{/LINE_PENALTY}}</td>
        <td data-label="Enfant">{{LINE_CHILD}}</td>
        <td data-label="Quantité">{{LINE_QUANTITY}}</td>
        <td data-label="Prix unitaire">{{LINE_UNIT}}</td>
        <td data-label="Montant">{{LINE_AMOUNT}}{{#HAS_LINE_CREDIT}}<br><span class="hint">dont {{LINE_CREDITED}} annulés par avoir</span>{{/HAS_LINE_CREDIT}}</td>
        <td data-label="Contestation">
          {{#LINE_DISPUTED}}<span class="status">Contestation en cours</span>{{/LINE_DISPUTED}}
          {{#CAN_CONTEST}}<details class="contest"{{#FORM_OPEN}} open{{/FORM_OPEN}}>
            <summary>Contester<span class="visually-hidden"> la ligne du {{LINE_DAY}} ({{LINE_ACTIVITY}}, {{LINE_CHILD}})</span></summary>
            <form method="post" action="{{ACTION}}">
              <input type="hidden" name="csrf" value="{{CSRF}}">
              <input type="hidden" name="ligne" value="{{LINE_ID}}">
              <div class="field">
                <label for="contestation-{{LINE_ID}}-commentaire">Pourquoi contestez-vous cette ligne ?</label>
                <p class="hint" id="contestation-{{LINE_ID}}-aide">1000 caractères au plus.</p>
                {{#HAS_ERROR}}<p class="field-error" id="contestation-{{LINE_ID}}-erreur">{{ERROR}}</p>{{/HAS_ERROR}}
                <textarea id="contestation-{{LINE_ID}}-commentaire" name="commentaire" rows="3" maxlength="1000" required aria-describedby="contestation-{{LINE_ID}}-aide{{#HAS_ERROR}} contestation-{{LINE_ID}}-erreur{{/HAS_ERROR}}">{{COMMENT}}</textarea>
              </div>
              <button type="submit" class="button button--small">Envoyer la contestation</button>
            </form>
          </details>{{/CAN_CONTEST}}
        </td>
      </tr>
    {{/LINE}}
    </tbody>
  </table>
</section>

{{#HAS_CREDITS}}
<section class="card" aria-labelledby="titre-avoirs">
  <h2 id="titre-avoirs">Avoirs</h2>
  <ul>
    {{#CREDIT}}<li>Avoir {{CREDIT_NUMBER}} du {{CREDIT_DATE}} : {{CREDIT_AMOUNT}} — {{CREDIT_REASON}}</li>{{/CREDIT}}
  </ul>
</section>
{{/HAS_CREDITS}}

{{#HAS_DISPUTES}}
<section class="card" aria-labelledby="titre-contestations">
  <h2 id="titre-contestations">Mes contestations</h2>
  {{#DISPUTE}}
  <article class="dispute dispute--{{DISPUTE_STATUS_CLASS}}" id="contestation-{{DISPUTE_ID}}">
    <h3>{{DISPUTE_LINE}} — <span class="status">{{DISPUTE_STATUS}}</span></h3>
    <p>Envoyée le {{DISPUTE_DATE}} : « {{DISPUTE_COMMENT}} »</p>
    {{#HAS_ANSWER}}<p>Réponse de la mairie : {{DISPUTE_ANSWER}}</p>{{/HAS_ANSWER}}
    {{#HAS_CREDIT}}<p>Avoir {{DISPUTE_CREDIT}} établi.</p>{{/HAS_CREDIT}}
  </article>
  {{/DISPUTE}}
</section>
{{/HAS_DISPUTES}}
