{{%AUTOESCAPE context="HTML"}}
<h1>Créer un compte</h1>
<p>Renseignez les informations demandées : elles doivent correspondre à celles de votre dossier famille. Le <strong>code abonné</strong> vous a été remis par la mairie (exemple : BLENFANCE-27026-XXXXXXXX).</p>
{{#GENERAL_ERROR}}<p class="alert alert--error" role="alert">{{MESSAGE}}</p>{{/GENERAL_ERROR}}
{{#HAS_ERRORS}}<p class="alert alert--error" role="alert">Le formulaire contient des erreurs : corrigez les champs signalés.</p>{{/HAS_ERRORS}}
<form class="card" method="post" action="/compte/creer" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="field">
    <label for="email">Email (il sera votre identifiant)</label>
    <input id="email" name="email" type="email" autocomplete="email" value="{{EMAIL}}" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-erreur"{{/EMAIL_ERROR}}>
    {{#EMAIL_ERROR}}<p class="field-error" id="email-erreur">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
  </div>
  <div class="field">
    <label for="nom">Nom du responsable légal</label>
    <input id="nom" name="nom" type="text" autocomplete="family-name" value="{{NOM}}" required{{#NOM_ERROR}} aria-invalid="true" aria-describedby="nom-erreur"{{/NOM_ERROR}}>
    {{#NOM_ERROR}}<p class="field-error" id="nom-erreur">{{MESSAGE}}</p>{{/NOM_ERROR}}
  </div>
  <div class="field">
    <label for="prenom">Prénom</label>
    <input id="prenom" name="prenom" type="text" autocomplete="given-name" value="{{PRENOM}}" required{{#PRENOM_ERROR}} aria-invalid="true" aria-describedby="prenom-erreur"{{/PRENOM_ERROR}}>
    {{#PRENOM_ERROR}}<p class="field-error" id="prenom-erreur">{{MESSAGE}}</p>{{/PRENOM_ERROR}}
  </div>
  <div class="field">
    <label for="code_abonne">Code abonné</label>
    <input id="code_abonne" name="code_abonne" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" value="{{CODE_ABONNE}}" required{{#CODE_ABONNE_ERROR}} aria-invalid="true" aria-describedby="code-erreur"{{/CODE_ABONNE_ERROR}}>
    {{#CODE_ABONNE_ERROR}}<p class="field-error" id="code-erreur">{{MESSAGE}}</p>{{/CODE_ABONNE_ERROR}}
  </div>
  <div class="field">
    <label for="mot_de_passe">Mot de passe (12 caractères au moins ; une phrase facile à retenir convient très bien)</label>
    <input id="mot_de_passe" name="mot_de_passe" type="password" autocomplete="new-password" required{{#MOT_DE_PASSE_ERROR}} aria-invalid="true" aria-describedby="mdp-erreur"{{/MOT_DE_PASSE_ERROR}}>
    {{#MOT_DE_PASSE_ERROR}}<p class="field-error" id="mdp-erreur">{{MESSAGE}}</p>{{/MOT_DE_PASSE_ERROR}}
  </div>
  <div class="field">
    <label for="mot_de_passe_confirmation">Mot de passe, une seconde fois</label>
    <input id="mot_de_passe_confirmation" name="mot_de_passe_confirmation" type="password" autocomplete="new-password" required>
  </div>
  <button type="submit" class="button">Créer mon compte</button>
</form>
<p>Vous avez déjà un compte ? <a href="/connexion">Connectez-vous</a>.</p>
