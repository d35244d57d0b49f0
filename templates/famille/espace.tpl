{{%AUTOESCAPE context="HTML"}}
<h1>Espace famille</h1>
<p class="lead">Famille {{FAMILY_NAME}}</p>
{{#WELCOME}}<p class="alert alert--ok" role="status">Votre compte est confirmé. Bienvenue sur le Portail Famille !</p>{{/WELCOME}}
<section class="alerts" aria-labelledby="titre-alertes">
  <h2 id="titre-alertes">À faire</h2>
  <ul class="alert-list">
    {{#MISSING_ONE}}<li class="alert alert--warning"><a href="/famille/dossier">Votre dossier de famille : 1 élément important est manquant</a></li>{{/MISSING_ONE}}
    {{#MISSING_MANY}}<li class="alert alert--warning"><a href="/famille/dossier">Votre dossier de famille : {{MISSING_COUNT}} éléments importants sont manquants</a></li>{{/MISSING_MANY}}
    {{#RULES_TO_ACCEPT}}<li class="alert alert--warning"><a href="/famille/reglements">Règlement « {{SERVICE}} » à lire et accepter</a></li>{{/RULES_TO_ACCEPT}}
    {{#PENDING}}<li class="alert">{{PENDING_COUNT}} demande(s) de modification en attente de validation par la mairie</li>{{/PENDING}}
    {{#REFUSED}}<li class="alert alert--error"><a href="{{URL}}">Demande non acceptée : {{WHAT}}</a> — {{COMMENT}}</li>{{/REFUSED}}
    {{#NO_ALERT}}<li class="alert alert--ok">Rien à faire pour le moment : votre dossier est complet.</li>{{/NO_ALERT}}
  </ul>
</section>
<nav class="entries" aria-label="Espace famille">
  <ul>
    <li><a class="entry" href="/famille/dossier"><span class="entry__title">Dossier de famille</span><span class="entry__text">Les informations de chaque membre, les photos, les justificatifs</span></a></li>
    <li><a class="entry" href="/famille/planning"><span class="entry__title">Planning des activités</span><span class="entry__text">Réserver la cantine, le périscolaire, les mercredis et les vacances</span></a></li>
    <li><a class="entry" href="/famille/reglements"><span class="entry__title">Règlement(s) intérieur(s)</span><span class="entry__text">Lire et accepter les règlements des services</span></a></li>
    <li><a class="entry" href="/facturation"><span class="entry__title">Espace facturation</span><span class="entry__text">Consulter, télécharger et payer vos factures en ligne</span></a></li>
    <li><a class="entry" href="/famille/donnees"><span class="entry__title">Mes données</span><span class="entry__text">Télécharger toutes vos données, voir l'historique des modifications et des connexions</span></a></li>
  </ul>
</nav>
