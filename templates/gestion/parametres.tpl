{{%AUTOESCAPE context="HTML"}}
<h1>Paramètres du dossier famille</h1>
{{#SAVED}}<p class="alert alert--ok" role="status">Les paramètres du dossier famille sont enregistrés.</p>{{/SAVED}}
{{#HAS_ERRORS}}<p class="alert alert--error" role="alert">Le formulaire contient des erreurs ; rien n'a été enregistré. <a href="#duree-conservation">Voir le champ à corriger</a>.</p>{{/HAS_ERRORS}}
<form method="post" action="/gestion/parametres" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <section class="card" aria-labelledby="titre-obligatoires">
    <h2 id="titre-obligatoires">Éléments obligatoires du dossier</h2>
    <p class="hint">Tant qu'un élément coché manque, la famille voit « Des éléments importants sont manquants » dans son dossier.</p>
    {{#SCOPE}}
    <fieldset>
      <legend>{{LEGEND}}</legend>
      {{#REQUIREMENT}}
      <div class="field field--checkbox">
        <input type="checkbox" id="{{BOX_ID}}" name="obligatoire" value="{{KEY}}"{{#CHECKED}} checked{{/CHECKED}}>
        <label for="{{BOX_ID}}">{{LABEL}}</label>
      </div>
      {{/REQUIREMENT}}
    </fieldset>
    {{/SCOPE}}
  </section>
  <section class="card" aria-labelledby="titre-conservation">
    <h2 id="titre-conservation">Conservation des dossiers archivés</h2>
    <div class="field">
      <label for="duree-conservation">Durée de conservation, en mois <span class="required">(obligatoire)</span></label>
      <p class="hint" id="duree-conservation-aide">Nombre entier de 1 à 240. Les dossiers archivés depuis plus longtemps sont supprimés par la commande <code>portail purge-families</code> (les factures sont conservées).</p>
      {{#DUREE_CONSERVATION_ERROR}}<p class="field-error" id="duree-conservation-erreur">{{MESSAGE}}</p>{{/DUREE_CONSERVATION_ERROR}}
      <input id="duree-conservation" name="duree_conservation" type="text" inputmode="numeric" value="{{MONTHS}}" required aria-describedby="duree-conservation-aide{{#DUREE_CONSERVATION_ERROR}} duree-conservation-erreur{{/DUREE_CONSERVATION_ERROR}}"{{#DUREE_CONSERVATION_ERROR}} aria-invalid="true"{{/DUREE_CONSERVATION_ERROR}}>
    </div>
  </section>
  <button type="submit" class="button">Enregistrer les paramètres</button>
</form>
