{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<div class="card">
  <p>{{MESSAGE}}</p>
  {{#RESEND}}
  <form method="post" action="{{ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="email">Votre adresse email</label>
      <input id="email" name="email" type="email" autocomplete="email" required>
    </div>
    <button type="submit" class="button">Recevoir un nouveau lien</button>
  </form>
  {{/RESEND}}
  <p><a href="/connexion">Se connecter</a></p>
</div>
