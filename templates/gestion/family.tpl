{{%AUTOESCAPE context="HTML"}}
<p><a href="/gestion/familles">Retour à la liste des familles</a></p>
<h1>Famille {{FAMILY_NAME}} <span class="family-number">n° {{FAMILY_NUMBER}}</span></h1>
{{#PAGE_ERRORS}}<p class="alert alert--error" role="alert">Le formulaire contient des erreurs ; rien n'a été enregistré. <a href="{{FAILED_FORM}}">Voir les champs à corriger</a>.</p>{{/PAGE_ERRORS}}
{{#ARCHIVED}}<p class="alert">Ce dossier est archivé.</p>{{/ARCHIVED}}

<section class="card" aria-labelledby="titre-dossier">
  <h2 id="titre-dossier">Dossier</h2>
  <dl class="details">
    <dt>Adresse</dt>
    <dd>{{ADDRESS1}}<br>{{#HAS_ADDRESS2}}{{ADDRESS2}}<br>{{/HAS_ADDRESS2}}{{POSTAL_CODE}} {{CITY}}</dd>
    <dt>Téléphone</dt><dd>{{PHONE}}</dd>
    <dt>Email</dt><dd>{{EMAIL}}</dd>
    <dt>Quotient familial</dt><dd>{{QUOTIENT}}</dd>
    <dt>État du dossier</dt>
    <dd>{{#VALIDATED}}<strong>Validé</strong>{{/VALIDATED}}{{#NOT_VALIDATED}}<strong>À valider</strong>{{/NOT_VALIDATED}}</dd>
  </dl>
  <form method="post" action="{{FAMILY_URL}}/valider">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#NOT_VALIDATED}}<input type="hidden" name="valide" value="1">
    <button type="submit" class="button">Marquer le dossier comme validé</button>{{/NOT_VALIDATED}}
    {{#VALIDATED}}<input type="hidden" name="valide" value="0">
    <button type="submit" class="button button--secondary">Retirer la validation</button>{{/VALIDATED}}
  </form>
</section>

<section class="card" aria-labelledby="titre-membres">
  <h2 id="titre-membres">Membres de la famille</h2>
  {{#NO_MEMBER}}<p>Aucun membre n'est enregistré.</p>{{/NO_MEMBER}}
  {{#HAS_MEMBERS}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-membres">
  <table class="table" aria-labelledby="titre-membres">
    <thead>
      <tr>
        <th scope="col">Nom</th>
        <th scope="col">Rôle</th>
        <th scope="col">Date de naissance</th>
        <th scope="col">École</th>
        <th scope="col">Classe</th>
        <th scope="col">Téléphone</th>
        <th scope="col">Email</th>
        <th scope="col">Action</th>
      </tr>
    </thead>
    <tbody>
    {{#MEMBER}}
      <tr>
        <th scope="row">{{MEMBER_NAME}}</th>
        <td>{{MEMBER_ROLE}}</td>
        <td>{{MEMBER_BIRTH}}</td>
        <td>{{MEMBER_SCHOOL}}</td>
        <td>{{MEMBER_CLASS}}</td>
        <td>{{MEMBER_PHONE}}</td>
        <td>{{MEMBER_EMAIL}}</td>
        <td><a href="{{MEMBER_URL}}">Fiche<span class="visually-hidden"> de {{MEMBER_NAME}}</span></a> · <a href="{{MEMBER_ANCHOR}}">Modifier<span class="visually-hidden"> {{MEMBER_NAME}}</span></a></td>
      </tr>
    {{/MEMBER}}
    </tbody>
  </table>
  </div>
  {{/HAS_MEMBERS}}
</section>

<section class="card" aria-labelledby="titre-a-valider">
  <h2 id="titre-a-valider">À valider</h2>
  {{#NO_PENDING}}<p>Aucune demande ni aucun justificatif en attente.</p>{{/NO_PENDING}}
  <ul>{{#PENDING_ITEM}}<li><a href="{{PENDING_URL}}">{{PENDING_TEXT}}</a></li>{{/PENDING_ITEM}}</ul>
  <p>Éléments importants manquants dans le dossier : {{MISSING_COUNT}}.</p>
  <ul>{{#HOUSEHOLD_MISSING}}<li>Foyer : {{ITEM}}</li>{{/HOUSEHOLD_MISSING}}</ul>
</section>

<section class="card" aria-labelledby="titre-code">
  <h2 id="titre-code">Code abonné</h2>
  <p>{{CODE_STATUS}}</p>
  <p>Le code n'est affiché qu'une seule fois, sur la lettre à imprimer : il n'est pas conservé en clair.{{#CODE_WILL_REVOKE}} <strong>Régénérer le code annule l'ancien</strong> : il ne permettra plus de créer un compte.{{/CODE_WILL_REVOKE}}</p>
  <form method="post" action="{{FAMILY_URL}}/code">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="button">{{CODE_BUTTON}}</button>
  </form>
</section>

<section class="card" aria-labelledby="titre-comptes">
  <h2 id="titre-comptes">Comptes parents liés</h2>
  {{#NO_ACCOUNT}}<p>Aucun compte parent n'est lié à cette famille.</p>{{/NO_ACCOUNT}}
  {{#HAS_ACCOUNTS}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-comptes">
  <table class="table" aria-labelledby="titre-comptes">
    <thead>
      <tr>
        <th scope="col">Responsable légal</th>
        <th scope="col">Email</th>
        <th scope="col">Adresse confirmée</th>
        <th scope="col">Dernière connexion</th>
        <th scope="col">Action</th>
      </tr>
    </thead>
    <tbody>
    {{#ACCOUNT}}
      <tr>
        <th scope="row">{{ACCOUNT_GUARDIAN}}</th>
        <td>{{ACCOUNT_EMAIL}}</td>
        <td>{{ACCOUNT_CONFIRMED}}</td>
        <td>{{ACCOUNT_LAST_LOGIN}}</td>
        <td>
          <form method="post" action="{{UNLINK_ACTION}}">
            <input type="hidden" name="csrf" value="{{CSRF}}">
            <button type="submit" class="button button--secondary">Délier<span class="visually-hidden"> le compte de {{ACCOUNT_GUARDIAN}}</span></button>
          </form>
        </td>
      </tr>
    {{/ACCOUNT}}
    </tbody>
  </table>
  </div>
  {{/HAS_ACCOUNTS}}
  <p class="hint">Délier un compte le désactive et ferme ses sessions ; la famille et son dossier restent inchangés.</p>
</section>

<section aria-labelledby="titre-modifier">
  <h2 id="titre-modifier">Modifier le dossier</h2>
  {{#FORM}}
  <details class="card form-card" id="{{FORM_ID}}"{{#FORM_OPEN}} open{{/FORM_OPEN}}>
    <summary>{{FORM_SUMMARY}}</summary>
    {{#FORM_ERRORS}}
    <div class="alert alert--error">
      <p>À corriger :</p>
      <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
    </div>
    {{/FORM_ERRORS}}
    <form method="post" action="{{FORM_ACTION}}" novalidate>
      <input type="hidden" name="csrf" value="{{CSRF}}">
      {{>FIELDS}}
      <button type="submit" class="button">{{FORM_SUBMIT}}</button>
    </form>
  </details>
  {{/FORM}}
</section>

<section class="card" aria-labelledby="titre-journal">
  <h2 id="titre-journal">Journal</h2>
  {{#NO_JOURNAL}}<p>Aucune action n'est encore enregistrée.</p>{{/NO_JOURNAL}}
  {{#HAS_JOURNAL_ROWS}}
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-journal">
  <table class="table" aria-labelledby="titre-journal">
    <thead>
      <tr>
        <th scope="col">Date</th>
        <th scope="col">Par</th>
        <th scope="col">Action</th>
        <th scope="col">Détail</th>
        <th scope="col">Avant → après</th>
      </tr>
    </thead>
    <tbody>
    {{#JOURNAL}}
      <tr>
        <th scope="row">{{JOURNAL_WHEN}}</th>
        <td>{{JOURNAL_ACTOR}}</td>
        <td>{{JOURNAL_ACTION}}</td>
        <td>{{JOURNAL_DETAIL}}</td>
        <td>{{#JOURNAL_VALUES}}« {{BEFORE}} » → « {{AFTER}} »{{/JOURNAL_VALUES}}{{#JOURNAL_HIDDEN}}(donnée de santé){{/JOURNAL_HIDDEN}}</td>
      </tr>
    {{/JOURNAL}}
    </tbody>
  </table>
  </div>
  {{/HAS_JOURNAL_ROWS}}
</section>

<section class="card" aria-labelledby="titre-rgpd">
  <h2 id="titre-rgpd">Données personnelles</h2>
  {{#CAN_EXPORT}}<p><a class="button button--secondary" href="{{FAMILY_URL}}/export">Exporter toutes les données de la famille (ZIP)</a></p>{{/CAN_EXPORT}}
  <form method="post" action="{{FAMILY_URL}}/archiver">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#CAN_ARCHIVE}}<input type="hidden" name="archive" value="1">
    <p class="hint">Un dossier archivé (famille partie de la commune) est supprimé après la durée de conservation fixée dans les paramètres ; les factures sont conservées.</p>
    <button type="submit" class="button button--secondary">Archiver le dossier</button>{{/CAN_ARCHIVE}}
    {{#CAN_UNARCHIVE}}<input type="hidden" name="archive" value="0">
    <button type="submit" class="button button--secondary">Désarchiver le dossier</button>{{/CAN_UNARCHIVE}}
  </form>
</section>
