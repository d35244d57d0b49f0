{{%AUTOESCAPE context="HTML"}}
<h1>Mon compte</h1>
{{#HAS_NOTICE}}<p class="alert alert--ok" role="status">{{NOTICE}}</p>{{/HAS_NOTICE}}
<section class="card" aria-labelledby="titre-identite">
  <h2 id="titre-identite">{{NAME}}</h2>
  <p>Adresse email (identifiant) : <strong>{{EMAIL}}</strong></p>
</section>
<section class="card" aria-labelledby="titre-email">
  <h2 id="titre-email">Changer d'adresse email</h2>
  <form method="post" action="/compte/email" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="nouvel_email">Nouvelle adresse email</label>
      <input id="nouvel_email" name="nouvel_email" type="email" autocomplete="email" required{{#NOUVEL_EMAIL_ERROR}} aria-invalid="true" aria-describedby="nouvel-email-erreur"{{/NOUVEL_EMAIL_ERROR}}>
      {{#NOUVEL_EMAIL_ERROR}}<p class="field-error" id="nouvel-email-erreur">{{MESSAGE}}</p>{{/NOUVEL_EMAIL_ERROR}}
    </div>
    <div class="field">
      <label for="email_mot_de_passe">Votre mot de passe</label>
      <input id="email_mot_de_passe" name="mot_de_passe" type="password" autocomplete="current-password" required{{#EMAIL_MOT_DE_PASSE_ERROR}} aria-invalid="true" aria-describedby="email-mdp-erreur"{{/EMAIL_MOT_DE_PASSE_ERROR}}>
      {{#EMAIL_MOT_DE_PASSE_ERROR}}<p class="field-error" id="email-mdp-erreur">{{MESSAGE}}</p>{{/EMAIL_MOT_DE_PASSE_ERROR}}
    </div>
    <button type="submit" class="button">Changer d'adresse</button>
  </form>
</section>
<section class="card" aria-labelledby="titre-mdp">
  <h2 id="titre-mdp">Changer de mot de passe</h2>
  <form method="post" action="/compte/mot-de-passe" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="mot_de_passe_actuel">Mot de passe actuel</label>
      <input id="mot_de_passe_actuel" name="mot_de_passe_actuel" type="password" autocomplete="current-password" required{{#MOT_DE_PASSE_ACTUEL_ERROR}} aria-invalid="true" aria-describedby="mdp-actuel-erreur"{{/MOT_DE_PASSE_ACTUEL_ERROR}}>
      {{#MOT_DE_PASSE_ACTUEL_ERROR}}<p class="field-error" id="mdp-actuel-erreur">{{MESSAGE}}</p>{{/MOT_DE_PASSE_ACTUEL_ERROR}}
    </div>
    <div class="field">
      <label for="mot_de_passe">Nouveau mot de passe (12 caractères au moins)</label>
      <input id="mot_de_passe" name="mot_de_passe" type="password" autocomplete="new-password" required{{#NOUVEAU_MOT_DE_PASSE_ERROR}} aria-invalid="true" aria-describedby="mdp-nouveau-erreur"{{/NOUVEAU_MOT_DE_PASSE_ERROR}}>
      {{#NOUVEAU_MOT_DE_PASSE_ERROR}}<p class="field-error" id="mdp-nouveau-erreur">{{MESSAGE}}</p>{{/NOUVEAU_MOT_DE_PASSE_ERROR}}
    </div>
    <div class="field">
      <label for="mot_de_passe_confirmation">Nouveau mot de passe, une seconde fois</label>
      <input id="mot_de_passe_confirmation" name="mot_de_passe_confirmation" type="password" autocomplete="new-password" required>
    </div>
    <button type="submit" class="button">Changer de mot de passe</button>
  </form>
</section>
<section class="card" aria-labelledby="titre-rappels">
  <h2 id="titre-rappels">Rappels par email</h2>
  <form method="post" action="/compte/rappels">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#REMINDERS_ON}}<p>Vous recevez un rappel deux jours avant la fermeture des réservations quand rien n'est réservé pour la semaine suivante.</p>
    <input type="hidden" name="rappels" value="0">
    <button type="submit" class="button button--secondary">Ne plus recevoir les rappels</button>{{/REMINDERS_ON}}
    {{#REMINDERS_OFF}}<p>Vous ne recevez pas les rappels avant la fermeture des réservations.</p>
    <input type="hidden" name="rappels" value="1">
    <button type="submit" class="button button--secondary">Recevoir les rappels</button>{{/REMINDERS_OFF}}
  </form>
</section>
<section class="card" aria-labelledby="titre-connexions">
  <h2 id="titre-connexions">Connexions récentes</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-connexions">
  <table class="table">
    <thead><tr><th scope="col">Date</th><th scope="col">Adresse IP</th><th scope="col">Navigateur</th></tr></thead>
    <tbody>
    {{#LOGIN}}<tr><td>{{WHEN}}</td><td>{{IP}}</td><td>{{AGENT}}</td></tr>{{/LOGIN}}
    </tbody>
  </table>
  </div>
</section>
