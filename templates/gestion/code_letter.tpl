{{%AUTOESCAPE context="HTML"}}
<div class="no-print">
  <div class="alert alert--ok" role="status">
    <p>Un nouveau code abonné a été émis pour la famille {{FAMILY_NAME}}. <strong>Il n'est affiché que sur cette page</strong> et n'est pas conservé en clair : imprimez la lettre maintenant.</p>
  </div>
  <p><strong>Imprimer :</strong> utilisez la commande « Imprimer » du navigateur (Ctrl + P) ; seule la lettre est imprimée, sans les menus du portail ni ce message.</p>
  <p><a href="{{FAMILY_URL}}">Retour à la page de la famille</a></p>
</div>
<article class="letter">
  <div class="letter__head">
    <p class="letter__from"><strong>Mairie de {{COMMUNE_NAME}}</strong><br>Service enfance-jeunesse</p>
    <address class="letter__to">
      Famille {{FAMILY_NAME}}<br>
      {{ADDRESS1}}<br>
      {{#HAS_ADDRESS2}}{{ADDRESS2}}<br>{{/HAS_ADDRESS2}}
      {{POSTAL_CODE}} {{CITY}}
    </address>
    <p class="letter__date">{{COMMUNE_NAME}}, le {{TODAY}}</p>
  </div>
  <h1>Votre code abonné au Portail Famille</h1>
  <p>À l'attention de {{#GUARDIAN}}{{GUARDIAN_NAME}}{{#GUARDIAN_separator}}, {{/GUARDIAN_separator}}{{/GUARDIAN}}</p>
  <p>Madame, Monsieur,</p>
  <p>Le Portail Famille de {{COMMUNE_NAME}} vous permet de tenir à jour le dossier de votre famille, de réserver la restauration scolaire et l'accueil de loisirs pour vos enfants, et de consulter et payer vos factures en ligne.</p>
  <p>Pour créer votre compte, vous aurez besoin de ce code abonné :</p>
  <p class="letter__code" id="code-abonne">{{CODE}}</p>
  <p>Ce code est valable jusqu'au <strong>{{EXPIRY}}</strong>. Chaque responsable légal de la famille l'utilise une seule fois, pour créer son propre compte.</p>
  <h2>Créer votre compte en trois étapes</h2>
  <ol class="letter__steps">
    <li>Rendez-vous sur <strong><a href="{{PORTAL_URL}}">{{PORTAL_URL}}</a></strong> et choisissez « Créer un compte ».</li>
    <li>Saisissez votre adresse email, un mot de passe d'au moins 12 caractères (deux fois), vos nom et prénom tels qu'ils figurent sur cette lettre, et le code abonné ci-dessus.</li>
    <li>Ouvrez le message que vous recevez alors et cliquez sur le lien de confirmation, valable 48 heures. Pensez à regarder dans vos courriers indésirables (spam).</li>
  </ol>
  <p>Vous pourrez ensuite vous connecter au portail avec votre adresse email et votre mot de passe.</p>
  <p>Ce code est personnel : ne le communiquez à personne. S'il est perdu ou expiré, demandez-en un nouveau à la mairie ; l'ancien cessera alors de fonctionner.</p>
  <p>Veuillez agréer, Madame, Monsieur, nos salutations distinguées.</p>
  <p class="letter__signature">Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</article>
