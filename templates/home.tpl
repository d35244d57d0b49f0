{{%AUTOESCAPE context="HTML"}}
<h1>Bienvenue sur le Portail Famille de {{COMMUNE_NAME}}</h1>
<p class="lead">Réservez la cantine et le centre de loisirs, tenez votre dossier à jour et réglez vos factures, depuis votre ordinateur, votre tablette ou votre téléphone.</p>
{{#LOGGED_IN}}<section class="card"><h2>Vous êtes connecté</h2><p><a class="button" href="/famille">Accéder à mon Espace famille</a></p></section>{{/LOGGED_IN}}
{{#LOGIN_FORM}}<section class="card login-card" aria-labelledby="titre-connexion">
  <h2 id="titre-connexion">Connectez-vous au Portail</h2>
  <form method="post" action="/connexion" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="email">Email (identifiant)</label>
      <input id="email" name="email" type="email" autocomplete="username" required>
    </div>
    <div class="field">
      <label for="mot_de_passe">Mot de passe</label>
      <input id="mot_de_passe" name="mot_de_passe" type="password" autocomplete="current-password" required>
    </div>
    <button type="submit" class="button">Se connecter</button>
  </form>
  <p><a href="/compte/mot-de-passe-oublie">Je n'arrive pas à me connecter</a></p>
  <p><a href="/compte/creer">Créer un compte</a></p>
</section>{{/LOGIN_FORM}}
<section class="services" aria-labelledby="titre-services">
  <h2 id="titre-services">Le portail famille</h2>
  <ul>
    <li>Restauration scolaire</li>
    <li>Centre de loisirs : Périscolaire, Mercredis, Vacances</li>
  </ul>
</section>
