{{%AUTOESCAPE context="HTML"}}
<h1>Espace famille</h1>
{{#WELCOME}}<p class="alert alert--ok" role="status">Votre compte est confirmé. Bienvenue sur le Portail Famille !</p>{{/WELCOME}}
<section class="card" aria-labelledby="titre-famille">
  <h2 id="titre-famille">Famille {{FAMILY_NAME}}</h2>
  <ul class="members">
  {{#MEMBER}}<li><strong>{{FIRST_NAME}} {{LAST_NAME}}</strong> — {{ROLE}}</li>{{/MEMBER}}
  </ul>
</section>
<section class="card" aria-labelledby="titre-compte">
  <h2 id="titre-compte">Mon compte</h2>
  <p><a href="/compte">Gérer mon adresse email, mon mot de passe et voir mes connexions récentes</a></p>
</section>
