{{%AUTOESCAPE context="HTML"}}
<h1>Je n'arrive pas à me connecter</h1>
<p>Saisissez l'adresse email de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
<form class="card" method="post" action="/compte/mot-de-passe-oublie" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="field">
    <label for="email">Email (identifiant)</label>
    <input id="email" name="email" type="email" autocomplete="email" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-erreur"{{/EMAIL_ERROR}}>
    {{#EMAIL_ERROR}}<p class="field-error" id="email-erreur">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
  </div>
  <button type="submit" class="button">Recevoir le lien</button>
</form>
<p>Vous n'avez pas encore de compte ? <a href="/compte/creer">Créer un compte</a> avec le code abonné remis par la mairie.</p>
