{{%AUTOESCAPE context="HTML"}}
<h1>Connectez-vous au Portail</h1>
<section class="card login-card">
  {{#LOGIN_ERROR}}<p class="alert alert--error" role="alert">{{MESSAGE}}</p>{{/LOGIN_ERROR}}
  <form method="post" action="/connexion" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="email">Email (identifiant)</label>
      <input id="email" name="email" type="email" autocomplete="username" value="{{EMAIL}}" required>
    </div>
    <div class="field">
      <label for="mot_de_passe">Mot de passe</label>
      <input id="mot_de_passe" name="mot_de_passe" type="password" autocomplete="current-password" required>
    </div>
    <button type="submit" class="button">Se connecter</button>
  </form>
  <p><a href="/compte/mot-de-passe-oublie">Je n'arrive pas à me connecter</a></p>
  <p><a href="/compte/creer">Créer un compte</a></p>
</section>
