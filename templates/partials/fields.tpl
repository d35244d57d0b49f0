{{%AUTOESCAPE context="HTML"}}
{{#FIELD}}
{{#FIELD_YES_NO}}
<fieldset class="field field--choice"{{#FIELD_DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/FIELD_DESCRIBED}}>
  <legend>{{FIELD_LABEL}}{{#FIELD_REQUIRED}} <span class="required">(obligatoire)</span>{{/FIELD_REQUIRED}}</legend>
  {{#FIELD_HINT}}<p class="hint" id="{{FIELD_ID}}-aide">{{HINT_TEXT}}</p>{{/FIELD_HINT}}
  {{#FIELD_ERROR}}<p class="field-error" id="{{FIELD_ID}}-erreur">{{ERROR_TEXT}}</p>{{/FIELD_ERROR}}
  <span class="radio"><input type="radio" id="{{FIELD_ID}}-oui" name="{{FIELD_NAME}}" value="oui"{{#YES_CHECKED}} checked{{/YES_CHECKED}}><label for="{{FIELD_ID}}-oui">Oui</label></span>
  <span class="radio"><input type="radio" id="{{FIELD_ID}}-non" name="{{FIELD_NAME}}" value="non"{{#NO_CHECKED}} checked{{/NO_CHECKED}}><label for="{{FIELD_ID}}-non">Non</label></span>
</fieldset>
{{/FIELD_YES_NO}}
{{#FIELD_CHECKBOX}}
<div class="field field--checkbox">
  <input type="checkbox" id="{{FIELD_ID}}" name="{{FIELD_NAME}}" value="1"{{#CHECKED}} checked{{/CHECKED}}{{#FIELD_DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/FIELD_DESCRIBED}}>
  <label for="{{FIELD_ID}}">{{FIELD_LABEL}}</label>
  {{#FIELD_HINT}}<p class="hint" id="{{FIELD_ID}}-aide">{{HINT_TEXT}}</p>{{/FIELD_HINT}}
</div>
{{/FIELD_CHECKBOX}}
{{#FIELD_INPUT}}
<div class="field">
  <label for="{{FIELD_ID}}">{{FIELD_LABEL}}{{#FIELD_REQUIRED}} <span class="required">(obligatoire)</span>{{/FIELD_REQUIRED}}</label>
  {{#FIELD_HINT}}<p class="hint" id="{{FIELD_ID}}-aide">{{HINT_TEXT}}</p>{{/FIELD_HINT}}
  {{#FIELD_ERROR}}<p class="field-error" id="{{FIELD_ID}}-erreur">{{ERROR_TEXT}}</p>{{/FIELD_ERROR}}
  <input id="{{FIELD_ID}}" name="{{FIELD_NAME}}" type="{{INPUT_TYPE}}" value="{{INPUT_VALUE}}" autocomplete="{{AUTOCOMPLETE}}"{{#NUMERIC}} inputmode="numeric"{{/NUMERIC}}{{#FIELD_REQUIRED}} required{{/FIELD_REQUIRED}}{{#FIELD_ERROR}} aria-invalid="true"{{/FIELD_ERROR}}{{#FIELD_DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/FIELD_DESCRIBED}}>
</div>
{{/FIELD_INPUT}}
{{#FIELD_TEXTAREA}}
<div class="field">
  <label for="{{FIELD_ID}}">{{FIELD_LABEL}}{{#FIELD_REQUIRED}} <span class="required">(obligatoire)</span>{{/FIELD_REQUIRED}}</label>
  {{#FIELD_HINT}}<p class="hint" id="{{FIELD_ID}}-aide">{{HINT_TEXT}}</p>{{/FIELD_HINT}}
  {{#FIELD_ERROR}}<p class="field-error" id="{{FIELD_ID}}-erreur">{{ERROR_TEXT}}</p>{{/FIELD_ERROR}}
  <textarea id="{{FIELD_ID}}" name="{{FIELD_NAME}}" rows="3"{{#FIELD_ERROR}} aria-invalid="true"{{/FIELD_ERROR}}{{#FIELD_DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/FIELD_DESCRIBED}}>{{TEXTAREA_VALUE}}</textarea>
</div>
{{/FIELD_TEXTAREA}}
{{#FIELD_SELECT}}
<div class="field">
  <label for="{{FIELD_ID}}">{{FIELD_LABEL}}{{#FIELD_REQUIRED}} <span class="required">(obligatoire)</span>{{/FIELD_REQUIRED}}</label>
  {{#FIELD_HINT}}<p class="hint" id="{{FIELD_ID}}-aide">{{HINT_TEXT}}</p>{{/FIELD_HINT}}
  {{#FIELD_ERROR}}<p class="field-error" id="{{FIELD_ID}}-erreur">{{ERROR_TEXT}}</p>{{/FIELD_ERROR}}
  <select id="{{FIELD_ID}}" name="{{FIELD_NAME}}"{{#FIELD_REQUIRED}} required{{/FIELD_REQUIRED}}{{#FIELD_ERROR}} aria-invalid="true"{{/FIELD_ERROR}}{{#FIELD_DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/FIELD_DESCRIBED}}>{{#OPTION}}<option value="{{OPTION_VALUE}}"{{#OPTION_SELECTED}} selected{{/OPTION_SELECTED}}>{{OPTION_LABEL}}</option>{{/OPTION}}</select>
</div>
{{/FIELD_SELECT}}
{{/FIELD}}
