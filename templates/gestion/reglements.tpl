{{%AUTOESCAPE context="HTML"}}
<h1>Règlements intérieurs</h1>
{{#ADDED}}<p class="alert alert--ok" role="status">La nouvelle version est enregistrée comme brouillon : les familles la verront une fois publiée.</p>{{/ADDED}}
{{#PUBLISHED_OK}}<p class="alert alert--ok" role="status">Le règlement est publié : chaque famille est invitée à l'accepter.</p>{{/PUBLISHED_OK}}
{{#FORM_ERRORS}}
<div class="alert alert--error" role="alert">
  <p>Le formulaire contient des erreurs ; rien n'a été enregistré. À corriger :</p>
  <ul>{{#ERROR_LINK}}<li><a href="{{LINK_TARGET}}">{{LINK_TEXT}}</a></li>{{/ERROR_LINK}}</ul>
</div>
{{/FORM_ERRORS}}
<p class="hint">Publier une nouvelle version d'un règlement demande à chaque famille de l'accepter à nouveau.</p>
{{#NO_RULES}}<p>Aucun règlement n'est encore enregistré.</p>{{/NO_RULES}}
{{#SERVICE}}
<section class="card" aria-labelledby="service-{{SERVICE_INDEX}}">
  <h2 id="service-{{SERVICE_INDEX}}">{{SERVICE_NAME}}</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="service-{{SERVICE_INDEX}}">
  <table class="table">
    <thead>
      <tr>
        <th scope="col">Version</th>
        <th scope="col">Titre</th>
        <th scope="col">Ajoutée le</th>
        <th scope="col">Publication</th>
        <th scope="col">Familles qui l'ont acceptée</th>
        <th scope="col">Actions</th>
      </tr>
    </thead>
    <tbody>
    {{#ROW}}
      <tr>
        <th scope="row">{{VERSION}}</th>
        <td>{{TITLE}}</td>
        <td>{{CREATED}}</td>
        <td>{{#DRAFT}}Brouillon{{/DRAFT}}{{#IS_PUBLISHED}}Publiée le {{PUBLISHED}}{{#IN_FORCE}} <strong>(en vigueur)</strong>{{/IN_FORCE}}{{/IS_PUBLISHED}}</td>
        <td>{{ACCEPTANCES}}</td>
        <td>
          <a href="{{URL}}/pdf">Lire<span class="visually-hidden"> la version {{VERSION}} du règlement {{SERVICE_NAME}}</span></a><br>
          <a href="{{URL}}">Voir les acceptations<span class="visually-hidden"> de la version {{VERSION}} du règlement {{SERVICE_NAME}}</span></a>
          {{#DRAFT}}
          <form method="post" action="{{URL}}/publier">
            <input type="hidden" name="csrf" value="{{CSRF}}">
            <button type="submit" class="button button--small">Publier<span class="visually-hidden"> la version {{VERSION}} du règlement {{SERVICE_NAME}}</span></button>
          </form>
          {{/DRAFT}}
        </td>
      </tr>
    {{/ROW}}
    </tbody>
  </table>
  </div>
</section>
{{/SERVICE}}
<section class="card" aria-labelledby="titre-ajout">
  <h2 id="titre-ajout">Ajouter un règlement ou une nouvelle version</h2>
  <p class="hint">La version est enregistrée comme brouillon ; publiez-la ensuite depuis la liste ci-dessus.</p>
  <form method="post" action="/gestion/reglements" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>FIELDS}}
    <div class="field">
      <label for="reglement-fichier">Fichier PDF <span class="required">(obligatoire)</span></label>
      <p class="hint" id="reglement-fichier-aide">Format PDF uniquement, 10 Mo au plus.</p>
      {{#HAS_FILE_ERROR}}<p class="field-error" id="reglement-fichier-erreur">{{FILE_ERROR}}</p>{{/HAS_FILE_ERROR}}
      <input id="reglement-fichier" name="fichier" type="file" accept="application/pdf,.pdf" required aria-describedby="reglement-fichier-aide{{#HAS_FILE_ERROR}} reglement-fichier-erreur{{/HAS_FILE_ERROR}}"{{#HAS_FILE_ERROR}} aria-invalid="true"{{/HAS_FILE_ERROR}}>
    </div>
    <button type="submit" class="button">Enregistrer le brouillon</button>
  </form>
</section>
