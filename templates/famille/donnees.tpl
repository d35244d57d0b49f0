{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li aria-current="page">Mes données</li></ol></nav>
<h1>Mes données</h1>

<section class="card" aria-labelledby="titre-conservees">
  <h2 id="titre-conservees">Ce que le portail conserve, et pourquoi</h2>
  <ul>
    <li><strong>Le dossier de la famille</strong> (adresse, téléphone, email, quotient familial) : pour vous joindre et calculer vos tarifs.</li>
    <li><strong>Les membres de la famille</strong> (identité, coordonnées, école et classe, autorisations) : pour inscrire les enfants, savoir qui prévenir et qui peut venir les chercher.</li>
    <li><strong>La santé des enfants</strong> (allergies, régime alimentaire, PAI, médecin, vaccinations) : pour leur sécurité pendant les activités. Seuls les agents qui en ont besoin peuvent la consulter.</li>
    <li><strong>Les photos et les justificatifs</strong> déposés : pour reconnaître les enfants et vérifier le dossier.</li>
    <li><strong>Le journal des modifications et l'historique des connexions</strong> : pour la sécurité de votre compte. Ils sont affichés ci-dessous.</li>
  </ul>
  <p>Lorsque le dossier est archivé, ces données sont supprimées {{RETENTION_MONTHS}} mois plus tard. Pour corriger une information, <a href="/famille/dossier">modifiez votre dossier</a> ; pour toute autre demande (effacement, opposition, limitation), adressez-vous à la mairie.</p>
</section>

<section class="card" aria-labelledby="titre-export">
  <h2 id="titre-export">Télécharger mes données</h2>
  <p>Un fichier ZIP réunit toutes les données de la famille : le dossier au format JSON, les photos, les justificatifs et un fichier LISEZMOI qui les décrit. Il contient des données de santé : conservez-le en lieu sûr.</p>
  <p><a class="button" href="/famille/donnees/export">Télécharger toutes mes données (ZIP)</a></p>
</section>

<section class="card" aria-labelledby="titre-journal">
  <h2 id="titre-journal">Journal des modifications</h2>
  {{#NO_JOURNAL}}<p>Aucune modification n'est encore enregistrée.</p>{{/NO_JOURNAL}}
  {{#HAS_JOURNAL}}
  <p class="hint">Jusqu'à {{JOURNAL_ROWS}} modifications, les plus récentes d'abord ; le fichier ZIP contient tout l'historique.</p>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-journal">
  <table class="table">
    <thead>
      <tr>
        <th scope="col">Date</th>
        <th scope="col">Par</th>
        <th scope="col">Action</th>
        <th scope="col">Détail</th>
        <th scope="col">Avant</th>
        <th scope="col">Après</th>
      </tr>
    </thead>
    <tbody>
    {{#JOURNAL}}
      <tr>
        <td>{{WHEN}}</td>
        <td>{{ACTOR}}</td>
        <td>{{ACTION}}</td>
        <td>{{DETAIL}}</td>
        <td>{{BEFORE}}</td>
        <td>{{AFTER}}</td>
      </tr>
    {{/JOURNAL}}
    </tbody>
  </table>
  </div>
  {{/HAS_JOURNAL}}
</section>

<section class="card" aria-labelledby="titre-connexions">
  <h2 id="titre-connexions">Historique des connexions</h2>
  {{#NO_LOGIN}}<p>Aucune connexion n'est encore enregistrée.</p>{{/NO_LOGIN}}
  {{#HAS_LOGINS}}
  <p class="hint">Jusqu'à {{LOGIN_ROWS}} connexions des comptes de la famille, les plus récentes d'abord.</p>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-connexions">
  <table class="table">
    <thead>
      <tr>
        <th scope="col">Date</th>
        <th scope="col">Compte</th>
        <th scope="col">Adresse IP</th>
        <th scope="col">Navigateur</th>
      </tr>
    </thead>
    <tbody>
    {{#LOGIN}}
      <tr>
        <td>{{WHEN}}</td>
        <td>{{WHO}}</td>
        <td>{{IP}}</td>
        <td>{{AGENT}}</td>
      </tr>
    {{/LOGIN}}
    </tbody>
  </table>
  </div>
  {{/HAS_LOGINS}}
</section>
