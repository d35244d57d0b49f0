{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}}</title>
<meta name="theme-color" content="#0b4f8a">
<link rel="stylesheet" href="/static/css/portail.css?v={{STATIC_VERSION}}">
<link rel="icon" href="/static/favicon.ico?v={{STATIC_VERSION}}" sizes="16x16">
<link rel="icon" href="/static/icons/icone.svg?v={{STATIC_VERSION}}" type="image/svg+xml">
<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png?v={{STATIC_VERSION}}">
<link rel="manifest" href="/manifest.webmanifest">
<script src="/static/js/portail.js?v={{STATIC_VERSION}}" defer></script>
</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header" role="banner">
  <div class="site-header__inner">
    <a class="site-title" href="/"><span class="site-title__small">Portail Famille</span> {{COMMUNE_NAME}}</a>
    {{#USER}}
    <form class="logout" method="post" action="{{LOGOUT_URL}}">
      <span class="user-name">{{USER_NAME}}</span>
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="button button--quiet">Se déconnecter</button>
    </form>
    {{/USER}}
  </div>
  <nav class="site-nav" aria-label="Navigation principale">
    <ul>
    {{#NAV_PUBLIC}}
      <li><a href="/">Accueil</a></li>
    {{/NAV_PUBLIC}}
    {{#NAV_PARENT}}
      <li><a href="/famille">Espace famille</a></li>
      <li><a href="/famille/dossier">Dossier de famille</a></li>
      <li><a href="/famille/planning">Planning</a></li>
      <li><a href="/facturation">Facturation</a></li>
      <li><a href="/famille/reglements">Règlements</a></li>
      <li><a href="/compte">Mon compte</a></li>
    {{/NAV_PARENT}}
    {{#NAV_AGENT}}
      <li><a href="/gestion">Tableau de bord</a></li>
      <li><a href="/gestion/familles">Familles</a></li>
      <li><a href="/gestion/reservations">Réservations</a></li>
      <li><a href="/gestion/demandes-longues">Demandes</a></li>
      <li><a href="/gestion/validations">À valider</a></li>
      <li><a href="/gestion/exports">Exports</a></li>
      {{#NAV_BILLING}}<li><a href="/gestion/facturation">Facturation</a></li>
      <li><a href="/gestion/factures">Factures</a></li>
      <li><a href="/gestion/paiements">Paiements</a></li>
      <li><a href="/gestion/contestations">Contestations</a></li>{{/NAV_BILLING}}
      {{#NAV_ADMIN}}<li><a href="/gestion/regies">Régies</a></li>
      <li><a href="/gestion/activites">Activités</a></li>
      <li><a href="/gestion/calendrier">Calendrier</a></li>
      <li><a href="/gestion/reglements">Règlements</a></li>
      <li><a href="/gestion/parametres">Paramètres</a></li>
      <li><a href="/gestion/agents">Agents</a></li>{{/NAV_ADMIN}}
    {{/NAV_AGENT}}
    </ul>
  </nav>
</header>
<main id="contenu" class="site-main" tabindex="-1">
{{>CONTENT}}
</main>
<footer class="site-footer" role="contentinfo">
  <p>{{COMMUNE_NAME}} — Portail Famille</p>
  <ul class="site-footer__links">
    <li><a href="/accessibilite">Accessibilité : non conforme</a></li>
  </ul>
</footer>
</body>
</html>
