{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li aria-current="page">Planning des activités</li></ol></nav>
<h1>Planning des activités</h1>
<p class="planning-links"><a class="button button--secondary" href="/famille/demandes">Réserver sur une longue période</a> <a class="button button--secondary" href="/famille/enfant-malade">Enfant malade</a></p>
{{#NO_CHILD}}<p>Aucun enfant n'est enregistré dans votre dossier : adressez-vous à la mairie.</p>{{/NO_CHILD}}
<nav class="child-tabs" aria-label="Enfants">
  <ul>{{#CHILD_TAB}}<li><a href="{{TAB_URL}}"{{#TAB_CURRENT}} aria-current="page"{{/TAB_CURRENT}}>{{TAB_NAME}}</a></li>{{/CHILD_TAB}}</ul>
</nav>
<div class="planning-status" role="status" id="annonce">{{#HAS_RESULT}}<p class="alert alert--ok" id="resultat">{{RESULT}}</p>{{/HAS_RESULT}}</div>
<div class="month-nav">
  <a class="button button--secondary" href="{{PREV_URL}}" rel="prev">‹ <span class="visually-hidden">Mois précédent : </span>{{PREV_LABEL}}</a>
  <h2 id="titre-mois" class="month-nav__title">{{CHILD_NAME}} — {{MONTH_TITLE}}</h2>
  <a class="button button--secondary" href="{{NEXT_URL}}" rel="next"><span class="visually-hidden">Mois suivant : </span>{{NEXT_LABEL}} ›</a>
</div>
<form method="post" action="/famille/reservations" class="planning-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="enfant" value="{{CHILD_ID}}">
<table class="planning" aria-labelledby="titre-mois">
  <thead>
    <tr><th scope="col">Lundi</th><th scope="col">Mardi</th><th scope="col">Mercredi</th><th scope="col">Jeudi</th><th scope="col">Vendredi</th><th scope="col">Samedi</th><th scope="col">Dimanche</th></tr>
  </thead>
  <tbody>
{{CALENDAR:none}}
  </tbody>
</table>
</form>
<section class="legend" aria-labelledby="titre-legende">
  <h2 id="titre-legende">Légende</h2>
  <ul>
    <li><svg class="state-icon state-icon--reserve" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-reserve"/></svg>Réservé</li>
    <li><svg class="state-icon state-icon--attente" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-attente"/></svg>Liste d'attente</li>
    <li><svg class="state-icon state-icon--propose" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-propose"/></svg>Place proposée (à accepter avant l'heure indiquée)</li>
    <li><svg class="state-icon state-icon--demande" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-demande"/></svg>Demandé (en attente de la mairie)</li>
    <li><svg class="state-icon state-icon--refuse" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-refuse"/></svg>Refusé</li>
    <li><svg class="state-icon state-icon--annule" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-annule"/></svg>Annulé</li>
    <li><svg class="state-icon state-icon--present" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-present"/></svg>Présent</li>
    <li><svg class="state-icon state-icon--absent" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-absent"/></svg>Absent</li>
    <li><svg class="state-icon state-icon--excuse" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-excuse"/></svg>Absence excusée</li>
    <li><svg class="state-icon state-icon--ferme" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-ferme"/></svg>Fermé</li>
    <li><svg class="state-icon state-icon--delai" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-delai"/></svg>Délai dépassé</li>
    <li><svg class="state-icon state-icon--complet" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-complet"/></svg>Complet</li>
    <li><svg class="state-icon state-icon--indisponible" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-indisponible"/></svg>Non disponible pour cet enfant (conditions d'inscription de l'activité)</li>
    <li><svg class="state-icon state-icon--disponible" aria-hidden="true" width="20" height="20"><use href="/static/icons/etats.svg?v={{STATIC_VERSION}}#etat-disponible"/></svg>Disponible : bouton « Réserver »</li>
  </ul>
</section>
<script src="/static/js/planning.js?v={{STATIC_VERSION}}" defer></script>
