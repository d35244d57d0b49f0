{{%AUTOESCAPE context="HTML"}}
{{#HAS_ERRORS}}
<div class="alert alert--error" role="alert">
  <p>Le formulaire contient des erreurs ; rien n'a été enregistré. À corriger :</p>
  <ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
</div>
{{/HAS_ERRORS}}
<form method="post" action="{{FORM_ACTION}}" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="field">
    <label for="regie-nom">Nom de la régie <span class="required">(obligatoire)</span></label>
    <p class="hint" id="regie-nom-aide">L'émetteur tel qu'il figure sur les factures, par exemple « MAIRIE DE CAUMONT SUR DURANCE » ou « Service Jeunesse ».</p>
    <input id="regie-nom" name="nom" type="text" maxlength="120" value="{{NOM}}" required aria-describedby="regie-nom-aide">
  </div>
  <div class="field">
    <label for="regie-adresse">Adresse</label>
    <textarea id="regie-adresse" name="adresse" rows="3" maxlength="500">{{ADRESSE}}</textarea>
  </div>
  <div class="field">
    <label for="regie-numcli">Numéro client PayFiP</label>
    <p class="hint" id="regie-numcli-aide">Six chiffres, donnés par la DGFiP ; vide si la régie n'encaisse pas en ligne.</p>
    <input id="regie-numcli" name="numcli" type="text" inputmode="numeric" maxlength="6" value="{{NUMCLI}}" aria-describedby="regie-numcli-aide">
  </div>
  <div class="field">
    <label for="regie-prefixe">Préfixe des numéros de facture <span class="required">(obligatoire)</span></label>
    <p class="hint" id="regie-prefixe-aide">1 à 12 lettres majuscules, chiffres ou tirets : « FAC » donne FAC-2026-000001.</p>
    <input id="regie-prefixe" name="prefixe_facture" type="text" maxlength="12" value="{{PREFIXE_FACTURE}}" required aria-describedby="regie-prefixe-aide">
  </div>
  <div class="field">
    <label for="regie-prefixe_avoir">Préfixe des numéros d'avoir <span class="required">(obligatoire)</span></label>
    <p class="hint" id="regie-prefixe_avoir-aide">Même forme, par exemple « AV ».</p>
    <input id="regie-prefixe_avoir" name="prefixe_avoir" type="text" maxlength="12" value="{{PREFIXE_AVOIR}}" required aria-describedby="regie-prefixe_avoir-aide">
  </div>
  <div class="field">
    <label for="regie-delai">Délai de paiement, en jours <span class="required">(obligatoire)</span></label>
    <p class="hint" id="regie-delai-aide">L'échéance est la date d'émission plus ce délai (0 à 365).</p>
    <input id="regie-delai" name="delai_paiement" type="text" inputmode="numeric" maxlength="3" value="{{DELAI_PAIEMENT}}" required aria-describedby="regie-delai-aide">
  </div>
  <div class="field">
    <label for="regie-guichet">Payer à la régie : adresse et horaires du guichet</label>
    <textarea id="regie-guichet" name="guichet" rows="3" maxlength="1000">{{GUICHET}}</textarea>
  </div>
  <button type="submit" class="button">{{SUBMIT}}</button>
</form>
