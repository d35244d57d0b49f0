{{%AUTOESCAPE context="HTML"}}
<h1>Choisissez un nouveau mot de passe</h1>
<form class="card" method="post" action="/compte/reinitialiser?jeton={{JETON}}" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="field">
    <label for="mot_de_passe">Nouveau mot de passe (12 caractères au moins)</label>
    <input id="mot_de_passe" name="mot_de_passe" type="password" autocomplete="new-password" required{{#MOT_DE_PASSE_ERROR}} aria-invalid="true" aria-describedby="mdp-erreur"{{/MOT_DE_PASSE_ERROR}}>
    {{#MOT_DE_PASSE_ERROR}}<p class="field-error" id="mdp-erreur">{{MESSAGE}}</p>{{/MOT_DE_PASSE_ERROR}}
  </div>
  <div class="field">
    <label for="mot_de_passe_confirmation">Nouveau mot de passe, une seconde fois</label>
    <input id="mot_de_passe_confirmation" name="mot_de_passe_confirmation" type="password" autocomplete="new-password" required>
  </div>
  <button type="submit" class="button">Enregistrer</button>
</form>
