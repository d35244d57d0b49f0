// Planning des activités: progressive enhancement of the booking forms (SPEC §4.7, §7).
//
// The month is one form (its csrf and child fields once); each "Réserver" / "Annuler" button
// posts its occurrence (name="occurrence" value=ID) to the form's route or its formaction.
// Without this script the server answers a confirmation page. With it, the same question is
// asked in a modal <dialog>; "Oui" posts the form with the button's occurrence and
// confirme=1 through fetch (same origin, session cookie, csrf field), follows the 303 back to
// the planning and swaps in the new table and status message, without reloading; focus then
// lands on the changed slot (#o-ID).
// Anything unexpected falls back to the plain form, so the page always works.
(function () {
  'use strict';

  if (typeof window.fetch !== 'function' || typeof window.DOMParser !== 'function' ||
      typeof window.HTMLDialogElement !== 'function' || typeof window.URLSearchParams !== 'function')
    return; // old browser: the plain forms and the server's confirmation page

  var FORM_SELECTOR = 'form.planning-form';
  var WAITING_PREFIX = "S'inscrire sur la liste d'attente : ";
  var WAITING_WARNING = "Cette journée est complète : votre enfant sera inscrit sur la liste d'attente.";

  var dialog = null;   // built on first use
  var parts = {};      // its elements
  var current = null;  // { form, button } of the action being confirmed
  var busy = false;
  var keepFocus = false; // true when closing after a success (focus goes to the slot)

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function buildDialog() {
    dialog = el('dialog', {
      'class': 'confirm-dialog', id: 'confirmation-dialogue',
      'aria-labelledby': 'confirmation-question', 'aria-describedby': 'confirmation-details',
    });
    parts.question = el('h2', { id: 'confirmation-question', 'class': 'confirm-dialog__question' });
    parts.details = el('div', { id: 'confirmation-details' });
    parts.warning = el('p', { 'class': 'alert alert--warning' });
    parts.error = el('div', { 'class': 'alert alert--error confirm-dialog__error', role: 'alert' });
    parts.progress = el('p', { 'class': 'confirm-dialog__progress' }, 'Enregistrement en cours…');
    parts.warning.hidden = true;
    parts.error.hidden = true;
    parts.progress.hidden = true;
    parts.details.append(parts.warning, parts.error, parts.progress);
    var actions = el('div', { 'class': 'confirm-dialog__actions' });
    parts.yes = el('button', { type: 'button', 'class': 'button' });
    parts.no = el('button', { type: 'button', 'class': 'button button--secondary' }, 'Non');
    actions.append(parts.yes, parts.no);
    dialog.append(parts.question, parts.details, actions);
    document.body.appendChild(dialog);

    parts.yes.addEventListener('click', confirm);
    parts.no.addEventListener('click', function () { dialog.close(); });
    // Escape: the browser fires "cancel" then closes; refuse it while the request runs.
    dialog.addEventListener('cancel', function (event) { if (busy) event.preventDefault(); });
    dialog.addEventListener('close', function () {
      // The event comes in a task of its own: a quick Escape then Enter may have opened the
      // dialog again for the same button before it arrives; then it says nothing any more.
      if (dialog.open) return;
      var opener = current && current.button;
      if (!keepFocus && opener && document.contains(opener)) opener.focus();
      keepFocus = false;
      if (!busy) current = null;
    });
  }

  // Where the button posts: its formaction, else the form's action.
  function actionOf(form, button) {
    return button.getAttribute('formaction') || form.getAttribute('action') || '';
  }

  // The question of the server's confirmation page, e.g. "Réserver Restauration scolaire
  // le jeudi 3 décembre 2026 pour Léa ?": from data-question when the server gives it,
  // else from the button's label.
  function questionOf(form, button) {
    var cancelling = /\/annuler$/.test(actionOf(form, button));
    var label = (button.getAttribute('aria-label') || button.textContent || '').trim();
    var question = (button.getAttribute('data-question') || '').trim();
    var warning = (button.getAttribute('data-avertissement') || '').trim();
    if (!question) {
      if (label.indexOf(WAITING_PREFIX) === 0) {
        question = 'Réserver ' + label.slice(WAITING_PREFIX.length) + ' ?';
        warning = warning || WAITING_WARNING;
      } else {
        question = label + ' ?';
      }
    }
    var yes = (button.getAttribute('data-oui') || '').trim() || (cancelling ? 'Oui, annuler' : 'Oui, réserver');
    return { question: question, warning: warning, yes: yes };
  }

  function setBusy(on) {
    busy = on;
    parts.yes.disabled = on;
    parts.no.disabled = on;
    parts.progress.hidden = !on;
    dialog.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function open(form, button) {
    if (!dialog) buildDialog();
    var q = questionOf(form, button);
    current = { form: form, button: button };
    parts.question.textContent = q.question;
    parts.warning.textContent = q.warning;
    parts.warning.hidden = !q.warning;
    parts.error.textContent = '';
    parts.error.hidden = true;
    parts.yes.textContent = q.yes;
    parts.yes.hidden = false;
    parts.no.textContent = 'Non';
    setBusy(false);
    dialog.showModal();
    parts.yes.focus();
  }

  // The plain way: the form posted by the browser to the button's route, with its occurrence
  // and confirme=1 (the server answers the result or its error page itself).
  // The form is the month's: what is added for this submission is taken away at once (the
  // browser has read it), should the page come back from the history.
  function plainSubmit(form, button) {
    var action = form.getAttribute('action');
    var added = [el('input', { type: 'hidden', name: 'occurrence', value: button.value }),
      el('input', { type: 'hidden', name: 'confirme', value: '1' })];
    form.setAttribute('action', actionOf(form, button));
    added.forEach(function (input) { form.appendChild(input); });
    HTMLFormElement.prototype.submit.call(form);
    added.forEach(function (input) { input.remove(); });
    form.setAttribute('action', action);
  }

  // The French message of an error page of the portal (its h1 and paragraphs).
  function errorMessage(doc) {
    var box = doc.querySelector('.error-page') || doc.querySelector('main') || doc.body;
    if (!box) return '';
    var h1 = box.querySelector('h1');
    var texts = h1 ? [h1.textContent.trim()] : [];
    box.querySelectorAll('p').forEach(function (p) {
      if (p.classList.contains('error-code') || p.querySelector('a')) return;
      var t = p.textContent.trim();
      if (t) texts.push(t);
    });
    return texts.join(' ');
  }

  function showError(message) {
    setBusy(false);
    parts.error.textContent = message;
    parts.error.hidden = false;
    parts.yes.hidden = true;
    parts.no.textContent = 'Fermer';
    parts.no.focus();
  }

  // Swaps the planning table and the status message for those of the page received.
  function apply(doc, occurrenceId) {
    var table = document.querySelector('table.planning');
    var fresh = doc.querySelector('table.planning');
    if (!table || !fresh) return false;
    table.replaceWith(document.importNode(fresh, true));

    var status = document.getElementById('annonce');
    var freshStatus = doc.getElementById('annonce');
    if (status) {
      // The live region stays in place; only its content changes, so it is announced.
      status.textContent = '';
      if (freshStatus)
        Array.prototype.forEach.call(freshStatus.childNodes, function (n) {
          status.appendChild(document.importNode(n, true));
        });
    }

    setBusy(false);
    keepFocus = true;
    dialog.close();
    current = null;
    var slot = document.getElementById('o-' + occurrenceId);
    if (slot) slot.focus();
    return true;
  }

  function confirm() {
    if (!current || busy) return;
    var form = current.form;
    var button = current.button;
    var action = new URL(actionOf(form, button), document.baseURI).href;
    var data = new URLSearchParams(new FormData(form));
    data.set('occurrence', button.value);
    data.set('confirme', '1');
    var occurrenceId = button.value;
    setBusy(true);
    fetch(action, {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      redirect: 'follow',
      headers: { 'Accept': 'text/html' },
    }).then(function (response) {
      return response.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        if (response.ok && apply(doc, occurrenceId)) return;
        var message = errorMessage(doc);
        if (!response.ok && message) {
          showError(message);
          return;
        }
        // Not the planning (e.g. the session ended and the login page came back): show
        // the page the server sent us to; the action itself was handled by the server.
        setBusy(false);
        window.location.assign(response.url || action);
      });
    }).catch(function () {
      // The network failed: try the plain form, which shows the browser's own error.
      setBusy(false);
      keepFocus = true;
      dialog.close();
      current = null;
      plainSubmit(form, button);
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches(FORM_SELECTOR)) return;
    var button = event.submitter;
    if (!button || button.name !== 'occurrence') return;
    event.preventDefault();
    if (busy) return;
    open(form, button);
  });
})();
