{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li aria-current="page">Dossier de famille</li></ol></nav>
<h1>Dossier de famille</h1>
<p>Pour compléter ou modifier vos informations, choisissez le membre de la famille à mettre à jour.</p>
{{#CONTACT_ADDED}}<p class="alert alert--ok" role="status">Le contact est ajouté à votre dossier.</p>{{/CONTACT_ADDED}}
{{#CONTACT_REMOVED}}<p class="alert alert--ok" role="status">Le contact est retiré de votre dossier.</p>{{/CONTACT_REMOVED}}

{{#HOUSEHOLD}}
<section class="card" aria-labelledby="titre-foyer">
  <h2 id="titre-foyer"><a href="/famille/foyer">Foyer {{FAMILY_NAME}}</a></h2>
  <p>{{ADDRESS}}<br>{{CITY}}</p>
  <p>Quotient familial : {{QUOTIENT}}</p>
  {{#MISSING}}<div class="missing"><p class="missing__title">Des éléments importants sont manquants</p><ul>{{#MISSING_ITEM}}<li>{{ITEM}}</li>{{/MISSING_ITEM}}</ul></div>{{/MISSING}}
  {{#AWAITING}}<div class="awaiting"><p>En attente de validation par la mairie :</p><ul>{{#AWAITING_ITEM}}<li>{{ITEM}}</li>{{/AWAITING_ITEM}}</ul></div>{{/AWAITING}}
  <p><a class="button button--secondary" href="/famille/foyer">Adresse, téléphone et quotient familial</a> <a class="button button--secondary" href="/famille/justificatifs">Justificatifs</a></p>
</section>
{{/HOUSEHOLD}}

{{#GROUP}}
<section aria-labelledby="titre-{{GROUP_ID}}">
  <h2 id="titre-{{GROUP_ID}}">{{GROUP_TITLE}}</h2>
  {{#GROUP_INTRO}}<p>{{INTRO}}</p>{{/GROUP_INTRO}}
  {{#NONE}}<p>{{NONE_TEXT}}</p>{{/NONE}}
  <ul class="member-cards">
  {{#MEMBER}}
    <li class="card member-card">
      {{#HAS_PHOTO}}<img class="member-card__photo" src="{{PHOTO_URL}}" alt="" width="72" height="72">{{/HAS_PHOTO}}
      {{#NO_PHOTO}}<span class="member-card__photo member-card__photo--none" aria-hidden="true">{{INITIALS}}</span>{{/NO_PHOTO}}
      <div class="member-card__body">
        <h3 class="member-card__name"><a href="{{MEMBER_URL}}">{{MEMBER_NAME}}</a></h3>
        <p class="member-card__role">{{MEMBER_ROLE}}</p>
        {{#MISSING}}<div class="missing"><p class="missing__title">Des éléments importants sont manquants</p><ul>{{#MISSING_ITEM}}<li>{{ITEM}}</li>{{/MISSING_ITEM}}</ul></div>{{/MISSING}}
        {{#AWAITING}}<div class="awaiting"><p>En attente de validation par la mairie :</p><ul>{{#AWAITING_ITEM}}<li>{{ITEM}}</li>{{/AWAITING_ITEM}}</ul></div>{{/AWAITING}}
        <p><a href="{{MEMBER_URL}}#photo">Modifier la photo<span class="visually-hidden"> de {{MEMBER_NAME}}</span></a></p>
      </div>
    </li>
  {{/MEMBER}}
  </ul>
  {{#ADD_CONTACT}}<p><a class="button" href="/famille/contacts/nouveau">Ajouter un contact</a></p>{{/ADD_CONTACT}}
</section>
{{/GROUP}}
