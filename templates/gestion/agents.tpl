{{%AUTOESCAPE context="HTML"}}
<h1>Agents de la commune</h1>
{{#CREATED}}<p class="alert alert--ok" role="status">L'agent a été créé. Communiquez-lui son mot de passe par un moyen sûr ; il pourra se connecter sur cette page de connexion des agents.</p>{{/CREATED}}
<section class="card" aria-labelledby="titre-liste">
  <h2 id="titre-liste">Comptes</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-liste">
  <table class="table">
    <thead><tr><th scope="col">Nom</th><th scope="col">Email</th><th scope="col">Rôle</th><th scope="col">État</th><th scope="col">Dernière connexion</th><th scope="col">Action</th></tr></thead>
    <tbody>
    {{#AGENT}}<tr>
      <td>{{NAME}}</td><td>{{EMAIL}}</td><td>{{ROLE}}</td><td>{{STATE}}</td><td>{{LAST_LOGIN}}</td>
      <td>{{#OTHER}}<form method="post" action="/gestion/agents/{{ID}}/actif"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="actif" value="{{ACTIVE_VALUE}}"><button type="submit" class="button button--small">{{ACTION_LABEL}}<span class="visually-hidden"> {{NAME}}</span></button></form>{{/OTHER}}{{#SELF}}(vous){{/SELF}}</td>
    </tr>{{/AGENT}}
    </tbody>
  </table>
  </div>
</section>
<section class="card" aria-labelledby="titre-nouvel">
  <h2 id="titre-nouvel">Nouvel agent</h2>
  {{#HAS_ERRORS}}<p class="alert alert--error" role="alert">Le formulaire contient des erreurs : corrigez les champs signalés.</p>{{/HAS_ERRORS}}
  <form method="post" action="/gestion/agents" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field">
      <label for="agent-nom">Nom et prénom</label>
      <input id="agent-nom" name="nom" type="text" value="{{FORM_NOM}}" required{{#NOM_ERROR}} aria-invalid="true" aria-describedby="agent-nom-erreur"{{/NOM_ERROR}}>
      {{#NOM_ERROR}}<p class="field-error" id="agent-nom-erreur">{{MESSAGE}}</p>{{/NOM_ERROR}}
    </div>
    <div class="field">
      <label for="agent-email">Email professionnel</label>
      <input id="agent-email" name="email" type="email" value="{{FORM_EMAIL}}" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="agent-email-erreur"{{/EMAIL_ERROR}}>
      {{#EMAIL_ERROR}}<p class="field-error" id="agent-email-erreur">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
    </div>
    <div class="field">
      <label for="agent-role">Rôle</label>
      <select id="agent-role" name="role"{{#ROLE_ERROR}} aria-invalid="true" aria-describedby="agent-role-erreur"{{/ROLE_ERROR}}>
        <option value="agent">Agent (familles, réservations, pointage)</option>
        <option value="regisseur">Régisseur (factures, paiements)</option>
        <option value="administrateur">Administrateur (activités, réglages, agents)</option>
      </select>
      {{#ROLE_ERROR}}<p class="field-error" id="agent-role-erreur">{{MESSAGE}}</p>{{/ROLE_ERROR}}
    </div>
    <div class="field">
      <label for="agent-mdp">Mot de passe initial (12 caractères au moins)</label>
      <input id="agent-mdp" name="mot_de_passe" type="password" autocomplete="new-password" required{{#MOT_DE_PASSE_ERROR}} aria-invalid="true" aria-describedby="agent-mdp-erreur"{{/MOT_DE_PASSE_ERROR}}>
      {{#MOT_DE_PASSE_ERROR}}<p class="field-error" id="agent-mdp-erreur">{{MESSAGE}}</p>{{/MOT_DE_PASSE_ERROR}}
    </div>
    <button type="submit" class="button">Créer l'agent</button>
  </form>
</section>
