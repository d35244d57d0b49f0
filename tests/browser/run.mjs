// Browser journeys of the Portail Famille in headless Chromium (Debian's, driven by
// playwright-core), with axe-core on every page visited.
//
//   cd tests/browser && node run.mjs [word…]     (only the tests whose name has every word)
//
// Starts its own throwaway stack (scripts/stack, free ports, temp folder), seeds the demo
// commune, runs every journey on a phone and a desktop viewport, and always stops the
// stack. Prints "ok - name" / "not ok - name: error" per test and ends with
// "browser: N passed, M failed"; exits 1 when a test failed. Screenshots of every page go
// to tests/browser/screenshots/. KEEP_STACK=1 keeps the temp folder (logs, Maildir).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const SCREENSHOTS = path.join(HERE, 'screenshots');
const AXE_PATH = path.join(HERE, 'node_modules/axe-core/axe.min.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT = 15_000;
const MAIL_TIMEOUT = 20_000;

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

const VIEWPORTS = {
  phone: {
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  },
  desktop: {
    viewport: { width: 1280, height: 800 },
    isMobile: false,
    hasTouch: false,
    deviceScaleFactor: 1,
  },
};

// --- small assertions --------------------------------------------------------------------

class AssertionError extends Error {}

function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

function randomLetters(n) {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ';
  return Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
}

function newPassword() {
  return `velo rouge ${randomBytes(6).toString('hex')} matin`;
}

// --- the stack ---------------------------------------------------------------------------

const stack = { dir: null, up: false, port: 0, base: '', adminPassword: '', parentPassword: '', codes: [] };

function stackDown() {
  if (!stack.dir || !stack.up) return;
  stack.up = false;
  try {
    execFileSync(path.join(ROOT, 'scripts/stack'), ['down', stack.dir], { cwd: ROOT, stdio: 'inherit' });
  } catch (e) {
    console.error(`# scripts/stack down failed: ${e.message}`);
  }
  if (process.env.KEEP_STACK) console.log(`# stack kept in ${stack.dir}`);
  else fs.rmSync(stack.dir, { recursive: true, force: true });
}

function stackUp() {
  stack.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-browser-'));
  stack.up = true; // from here on, always run "down" (it only stops what was started)
  try {
    execFileSync(path.join(ROOT, 'scripts/stack'), ['up', stack.dir], {
      cwd: ROOT,
      env: { ...process.env, PORTS: 'auto', AUTH_RATE: '2000r/s', MODE: 'release' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    let logs = '';
    try {
      logs = execFileSync('bash', ['-c', `tail -n 20 ${stack.dir}/log/*.log`]).toString();
    } catch {}
    throw new Error(`scripts/stack up failed: ${e.stderr || e.message}\n${logs}`);
  }
  const env = Object.fromEntries(
    fs.readFileSync(path.join(stack.dir, 'stack.env'), 'utf8')
      .split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  stack.port = Number(env.HTTP_PORT);
  stack.base = `http://localhost:${stack.port}`;
  stack.adminPassword = randomBytes(12).toString('hex');
  stack.parentPassword = randomBytes(12).toString('hex');
  const adminFile = path.join(stack.dir, 'admin-password');
  const parentFile = path.join(stack.dir, 'parent-password');
  fs.writeFileSync(adminFile, stack.adminPassword + '\n', { mode: 0o600 });
  fs.writeFileSync(parentFile, stack.parentPassword + '\n', { mode: 0o600 });
  const codesFile = path.join(stack.dir, 'demo-codes.txt');
  execFileSync(path.join(ROOT, 'build/release/portail'), [
    'seed-demo', '--config', path.join(stack.dir, 'portail.conf'),
    '--admin-password-file', adminFile, '--parent-password-file', parentFile,
    '--codes-file', codesFile,
  ], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  stack.codes = fs.readFileSync(codesFile, 'utf8').split('\n').filter(Boolean).map((line) => {
    const [code, lastName, firstName] = line.split(';');
    return { code, lastName, firstName };
  });
}

function demoCode(firstName, lastName) {
  const c = stack.codes.find((x) => x.firstName === firstName && x.lastName === lastName);
  if (!c) throw new Error(`no demo code for ${firstName} ${lastName} in demo-codes.txt`);
  return c;
}

const ADMIN_EMAIL = 'admin@caumont-sur-durance.fr';
const ROLF_EMAIL = 'rolf.fictif@example.org';
// Rolf's password changes with the reset journeys; every test reads the current one here.
const accounts = new Map();

// --- mail (Maildir written by the SMTP sink) -----------------------------------------------

const seenMail = new Set();

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

// Splits a message into its text parts, decoded (quoted-printable or base64 or plain).
function mailTextParts(raw) {
  const parts = [];
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const chunks = boundary ? raw.split(`--${boundary}`).slice(1) : [raw.slice(raw.search(/\r?\n\r?\n/))];
  for (const chunk of chunks) {
    const sep = chunk.search(/\r?\n\r?\n/);
    if (sep < 0) continue;
    const head = chunk.slice(0, sep);
    const body = chunk.slice(sep).trim();
    if (/quoted-printable/i.test(head)) parts.push(decodeQuotedPrintable(body));
    else if (/base64/i.test(head)) parts.push(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8'));
    else parts.push(body);
  }
  return parts;
}

function mailRecipient(raw) {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/));
  const to = /^To:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1] ?? '';
  return to.toLowerCase();
}

// Waits for an unread mail to `to` holding a link to `linkPath`; returns the link.
async function waitForMailLink(to, linkPath) {
  const dir = path.join(stack.dir, 'mail/new');
  const re = new RegExp(`http://localhost:${stack.port}${linkPath.replace(/[?]/g, '\\?')}[A-Za-z0-9_\\-]+`);
  const deadline = Date.now() + MAIL_TIMEOUT;
  while (Date.now() < deadline) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (seenMail.has(name)) continue;
      const raw = fs.readFileSync(path.join(dir, name), 'utf8');
      if (!mailRecipient(raw).includes(to.toLowerCase())) continue;
      for (const text of mailTextParts(raw)) {
        const m = re.exec(text);
        if (m) {
          seenMail.add(name);
          return m[0];
        }
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new AssertionError(`no mail to ${to} with a link ${linkPath}… within ${MAIL_TIMEOUT / 1000} s`);
}

// --- the browser and the checks of every page ------------------------------------------------

let browser;
let axeSource;
let axeInjection = null; // 'addScriptTag' or 'evaluate', found on the first page
let axeInjectionNote = 'axe was not defined after it'; // why page.addScriptTag did not work

async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe !== 'undefined')) return;
  if (axeInjection !== 'evaluate') {
    try {
      await page.addScriptTag({ path: AXE_PATH });
      if (await page.evaluate(() => typeof window.axe !== 'undefined')) {
        axeInjection = 'addScriptTag';
        return;
      }
    } catch (e) {
      axeInjectionNote = e.message.split('\n')[0];
    }
    // The site's CSP (no inline script) blocks the injected <script> element; evaluating
    // the source through the DevTools protocol is not subject to the page's CSP.
    axeInjection = 'evaluate';
  }
  await page.evaluate(axeSource);
  assert(await page.evaluate(() => typeof window.axe !== 'undefined'), 'axe-core could not be injected');
}

// A journey on one viewport: its browser context(s), page count and the problems found by
// the checks of every page (collected, so one page's problem does not hide the next ones).
class Run {
  constructor(journey, viewportName) {
    this.journey = journey;
    this.viewportName = viewportName;
    this.shot = 0;
    this.problems = [];
    this.contexts = [];
    this.scriptless = new WeakSet(); // pages of contexts without JavaScript
  }

  async newPage(options = {}) {
    const context = await browser.newContext({
      ...VIEWPORTS[this.viewportName],
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      ...options,
    });
    context.setDefaultTimeout(STEP_TIMEOUT);
    context.setDefaultNavigationTimeout(STEP_TIMEOUT);
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => this.problems.push(`${page.url()}: script error ${e.message}`));
    if (options.javaScriptEnabled === false) this.scriptless.add(page);
    return page;
  }

  async close() {
    for (const c of this.contexts) await c.close().catch(() => {});
  }

  // A page with JavaScript, its scripts blocked, showing the HTML of a page without it.
  async twinOf(page) {
    if (!this.twin) {
      const context = await browser.newContext({
        ...VIEWPORTS[this.viewportName], locale: 'fr-FR', timezoneId: 'Europe/Paris',
      });
      context.setDefaultTimeout(STEP_TIMEOUT);
      this.contexts.push(context);
      await context.route((url) => url.pathname.endsWith('.js'), (route) => route.abort());
      this.twin = await context.newPage();
    }
    const html = await page.content();
    const address = new URL(page.url());
    address.hash = '';
    await this.twin.unrouteAll();
    await this.twin.route((url) => url.href === address.href,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await this.twin.goto(address.href);
    await this.twin.waitForLoadState('load');
    return this.twin;
  }

  // The checks run on every page visited.
  async check(page, what) {
    await page.waitForLoadState('load');
    const where = `${what} (${new URL(page.url()).pathname})`;
    const facts = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      h1: document.querySelectorAll('h1').length,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    if (process.env.DEBUG_CHECKS) console.log('# check', where, JSON.stringify(facts));
    if (facts.lang !== 'fr') this.problems.push(`${where}: <html lang="${facts.lang}">, expected "fr"`);
    if (facts.h1 !== 1) this.problems.push(`${where}: ${facts.h1} h1 elements, expected exactly one`);
    // With isMobile, content wider than the device widens the layout viewport (innerWidth
    // grows with it, the page is zoomed out): compare with the device width too.
    const deviceWidth = VIEWPORTS[this.viewportName].viewport.width;
    if (this.viewportName === 'phone' && (facts.scrollWidth > facts.innerWidth || facts.scrollWidth > deviceWidth)) {
      const wide = await page.evaluate((limit) => [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > limit + 1)
        .filter((el) => ['absolute', 'fixed'].includes(getComputedStyle(el).position) ||
          (el.parentElement.getBoundingClientRect().right <= limit + 1 && getComputedStyle(el.parentElement).overflowX === 'visible'))
        .slice(0, 5)
        .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> "${(el.textContent || '').trim().slice(0, 30)}"`), deviceWidth);
      this.problems.push(`${where}: horizontal scroll on the phone (scrollWidth ${facts.scrollWidth}, innerWidth ${facts.innerWidth}, device ${deviceWidth}); widest: ${wide.join(', ')}`);
    }

    const t0 = Date.now();
    // Without JavaScript the page's timers never fire and axe.run would wait for ever (and
    // letting scripts run again through the DevTools protocol does not help): axe checks the
    // same HTML, served at the same address to a twin page of the same size whose scripts
    // are blocked, so it sees what the page without JavaScript shows.
    const axePage = this.scriptless.has(page) ? await this.twinOf(page) : page;
    await injectAxe(axePage);
    const t1 = Date.now();
    const result = await axePage.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    });
    for (const v of result) {
      if (v.impact === 'serious' || v.impact === 'critical')
        this.problems.push(`${where}: axe ${v.impact} ${v.id} (${v.help}) on ${v.targets.join(', ')}`);
    }

    const t2 = Date.now();
    this.shot += 1;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${this.journey}-${this.viewportName}-${this.shot}.png`),
      fullPage: true,
    });
    if (process.env.DEBUG_CHECKS) console.log(`# ${where}: inject ${t1 - t0} ms, axe ${t2 - t1} ms, screenshot ${Date.now() - t2} ms`);
  }

  finish() {
    if (this.problems.length)
      throw new AssertionError(`${this.problems.length} page check(s) failed:\n    ${this.problems.join('\n    ')}`);
  }
}

async function expectHeading(page, text) {
  const h1 = page.locator('h1');
  try {
    await h1.filter({ hasText: text }).first().waitFor({ state: 'visible' });
  } catch {
    const got = await h1.allInnerTexts().catch(() => []);
    throw new AssertionError(`expected the h1 "${text}" on ${page.url()}, got ${JSON.stringify(got)}`);
  }
}

async function expectText(page, text) {
  try {
    await page.getByText(text).first().waitFor({ state: 'visible' });
  } catch {
    throw new AssertionError(`expected the text ${text} on ${page.url()}`);
  }
}

// --- steps shared by the journeys --------------------------------------------------------------

async function logout(run, page) {
  await page.getByRole('banner').getByRole('button', { name: /^Se déconnect(er|ion)$/ }).click();
  await page.waitForLoadState('load');
  assert(!(await page.getByRole('button', { name: /^Se déconnect/ }).count()),
    `still logged in after "Se déconnecter" on ${page.url()}`);
  await run.check(page, 'after logout');
}

async function loginFromHome(run, page, email, password) {
  await page.goto(stack.base + '/');
  await expectHeading(page, 'Bienvenue sur le Portail Famille');
  await run.check(page, 'home');
  const form = page.locator('form[action="/connexion"]');
  await form.getByLabel('Email (identifiant)').fill(email);
  await form.getByLabel('Mot de passe').fill(password);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, 'Espace famille');
  await run.check(page, 'espace famille after login');
}

// "Créer un compte" from the home page, then the confirmation link of the mail.
async function createAccount(run, page, { email, lastName, firstName, code, password, familyName }) {
  await page.goto(stack.base + '/');
  await expectHeading(page, 'Bienvenue sur le Portail Famille');
  await run.check(page, 'home');
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await expectHeading(page, 'Créer un compte');
  await run.check(page, 'créer un compte');
  await page.getByLabel('Email (il sera votre identifiant)').fill(email);
  await page.getByLabel('Nom du responsable légal').fill(lastName);
  await page.getByLabel('Prénom', { exact: true }).fill(firstName);
  await page.getByLabel('Code abonné').fill(code);
  await page.getByLabel(/^Mot de passe \(12 caractères/).fill(password);
  await page.getByLabel('Mot de passe, une seconde fois').fill(password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expectHeading(page, 'Vérifiez votre boîte mail');
  await run.check(page, 'vérifiez votre boîte mail');

  const link = await waitForMailLink(email, '/compte/confirmer?jeton=');
  await page.goto(link);
  await expectHeading(page, 'Espace famille');
  await expectText(page, `Famille ${familyName}`);
  await run.check(page, 'espace famille after confirmation');
}

// --- the journeys ------------------------------------------------------------------------------

// Brochure steps 3–4: create the account, confirm it by mail, Mon compte, log out, log in.
async function journeySignup(run) {
  const person = run.viewportName === 'phone' ? demoCode('Élodie', 'DUPONT-MARTIN') : demoCode('Karim', 'BERNARD');
  const email = `${person.firstName.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.${run.viewportName}@example.org`;
  const password = newPassword();
  const page = await run.newPage();
  await createAccount(run, page, {
    email, lastName: person.lastName, firstName: person.firstName, code: person.code, password,
    familyName: person.lastName,
  });
  await expectText(page, `${person.firstName} ${person.lastName}`);

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon compte' }).click();
  await expectHeading(page, 'Mon compte');
  await run.check(page, 'mon compte');
  const logins = page.locator('section[aria-labelledby="titre-connexions"] tbody tr');
  assert(await page.getByRole('heading', { name: 'Connexions récentes' }).count() === 1,
    'Mon compte has no "Connexions récentes" heading');
  assert(await logins.count() >= 1, 'Mon compte: "Connexions récentes" lists no login after the confirmation');

  // The home page knows a logged-in parent.
  await page.getByRole('link', { name: /Portail Famille/ }).first().click();
  await expectHeading(page, 'Bienvenue sur le Portail Famille');
  assert(await page.getByRole('link', { name: 'Accéder à mon Espace famille' }).count() === 1,
    'the home page of a logged-in parent has no link "Accéder à mon Espace famille"');
  assert(await page.locator('form[action="/connexion"]').count() === 0,
    'the home page of a logged-in parent still shows the login form');
  await run.check(page, 'home, logged in');

  await logout(run, page);
  await loginFromHome(run, page, email, password);
  await logout(run, page);
}

// "Je n'arrive pas à me connecter": reset by mail, then log in with the new password.
async function journeyForgotPassword(run) {
  const email = ROLF_EMAIL;
  const password = newPassword();
  const page = await run.newPage();
  await page.goto(stack.base + '/');
  await expectHeading(page, 'Bienvenue sur le Portail Famille');
  await run.check(page, 'home');
  await page.getByRole('link', { name: "Je n'arrive pas à me connecter" }).click();
  await expectHeading(page, "Je n'arrive pas à me connecter");
  await run.check(page, 'mot de passe oublié');
  await page.getByLabel('Email (identifiant)').fill(email);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expectHeading(page, 'Vérifiez votre boîte mail');
  await run.check(page, 'vérifiez votre boîte mail');

  const link = await waitForMailLink(email, '/compte/reinitialiser?jeton=');
  await page.goto(link);
  await expectHeading(page, 'Choisissez un nouveau mot de passe');
  await run.check(page, 'nouveau mot de passe');
  await page.getByLabel('Nouveau mot de passe (12 caractères au moins)').fill(password);
  await page.getByLabel('Nouveau mot de passe, une seconde fois').fill(password);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expectHeading(page, 'Mot de passe modifié');
  await run.check(page, 'mot de passe modifié');
  accounts.set(email, password);

  await loginFromHome(run, page, email, password);
  await expectText(page, 'Famille FICTIF');
  await logout(run, page);
}

// Back office: create a family, add a child, issue the code abonné; a parent then creates
// an account with that code and confirms it.
async function journeyAgent(run) {
  const family = `ESSAI-${randomLetters(6)}`;
  const guardian = { lastName: family, firstName: 'Camille' };
  const page = await run.newPage();
  await page.goto(stack.base + '/gestion/connexion');
  await expectHeading(page, 'Connexion des agents');
  await run.check(page, 'connexion des agents');
  await page.getByLabel('Email professionnel').fill(ADMIN_EMAIL);
  await page.getByLabel('Mot de passe').fill(stack.adminPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectHeading(page, 'Tableau de bord');
  await run.check(page, 'tableau de bord');

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Familles' }).click();
  await expectHeading(page, 'Familles');
  await run.check(page, 'familles');
  await page.getByRole('link', { name: 'Créer une famille' }).click();
  await expectHeading(page, 'Créer une famille');
  await run.check(page, 'créer une famille');
  await page.getByLabel(/^Nom de la famille/).fill(family);
  await page.getByLabel(/^Adresse/).fill('3 chemin des Essais');
  await page.getByLabel(/^Code postal/).fill('84510');
  await page.getByLabel(/^Commune/).fill('Caumont-sur-Durance');
  await page.getByLabel(/^Nom du responsable légal/).fill(guardian.lastName);
  await page.getByLabel(/^Prénom du responsable légal/).fill(guardian.firstName);
  await page.getByRole('button', { name: 'Créer la famille' }).click();
  await expectHeading(page, `Famille ${family}`);
  await run.check(page, 'famille créée');

  const addMember = page.locator('details#nouveau-membre');
  await addMember.locator('summary').click();
  await addMember.getByLabel(/^Rôle dans la famille/).selectOption({ label: 'Enfant' });
  await addMember.getByLabel(/^Nom\b/).fill(family);
  await addMember.getByLabel(/^Prénom/).fill('Jules');
  await addMember.getByLabel(/^Date de naissance/).fill('2018-06-21');
  await addMember.getByLabel(/^École/).fill('École élémentaire Jean Moulin');
  await addMember.getByLabel(/^Classe/).fill('CE1');
  await addMember.getByRole('button', { name: 'Ajouter ce membre' }).click();
  await expectHeading(page, `Famille ${family}`);
  const members = page.locator('section[aria-labelledby="titre-membres"]');
  try {
    await members.getByRole('rowheader', { name: `Jules ${family}` }).or(
      members.getByRole('rowheader', { name: `${family} Jules` })).first().waitFor();
  } catch {
    throw new AssertionError(`the child Jules ${family} is not listed in "Membres de la famille"`);
  }
  await run.check(page, 'enfant ajouté');

  await page.getByRole('button', { name: /^Émettre le code abonné/ }).click();
  await expectHeading(page, 'Votre code abonné au Portail Famille');
  const code = (await page.locator('#code-abonne').innerText()).trim();
  assert(/^[A-Z0-9]+-\d+-[A-Z0-9]{8}$/.test(code), `the letter shows no code abonné (got "${code}")`);
  assert(!/[0O1IL]/.test(code.split('-').pop()), `the code abonné ${code} uses a look-alike character`);
  await run.check(page, 'lettre du code abonné');

  // The parent, in another browser (no agent session).
  const parent = await run.newPage();
  await createAccount(run, parent, {
    email: `camille.${family.toLowerCase()}@example.org`,
    lastName: guardian.lastName, firstName: guardian.firstName, code,
    password: newPassword(), familyName: family,
  });
  await parent.getByRole('navigation', { name: 'Espace famille' }).getByRole('link', { name: /^Dossier de famille/ }).click();
  await expectHeading(parent, 'Dossier de famille');
  try {
    await parent.getByRole('heading', { name: `Jules ${family}` }).waitFor();
  } catch {
    throw new AssertionError(`the child Jules ${family} has no card in the parent's "Dossier de famille"`);
  }
  await run.check(parent, 'dossier de famille');
}

// Error pages: an unknown page, and "Créer un compte" submitted empty.
async function journeyErrors(run) {
  const page = await run.newPage();
  const response = await page.goto(stack.base + '/nulle/part');
  assert(response.status() === 404, `/nulle/part answered ${response.status()}, expected 404`);
  await expectHeading(page, 'Page introuvable');
  assert(await page.locator('header.site-header').count() === 1 && await page.locator('main#contenu').count() === 1,
    '/nulle/part is not shown in the site layout (header, main#contenu)');
  await run.check(page, 'page introuvable');

  await page.goto(stack.base + '/compte/creer');
  await expectHeading(page, 'Créer un compte');
  await run.check(page, 'créer un compte');
  const [submitted] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/compte/creer')),
    page.getByRole('button', { name: 'Créer mon compte' }).click(),
  ]);
  assert(submitted.status() === 400, `empty "Créer un compte" answered ${submitted.status()}, expected 400`);
  await expectHeading(page, 'Créer un compte');
  await expectText(page, 'Le formulaire contient des erreurs');
  await run.check(page, 'créer un compte, erreurs');

  const fields = ['Email (il sera votre identifiant)', 'Nom du responsable légal', 'Prénom', 'Code abonné',
    /^Mot de passe \(12 caractères/];
  for (const label of fields) {
    const input = page.getByLabel(label, { exact: typeof label === 'string' });
    const tied = await input.evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      return {
        invalid: el.getAttribute('aria-invalid'),
        ids,
        texts: ids.map((id) => document.getElementById(id)?.textContent.trim() ?? null),
      };
    });
    assert(tied.invalid === 'true', `field ${label}: aria-invalid is ${tied.invalid}, expected "true"`);
    assert(tied.ids.length > 0, `field ${label}: no aria-describedby`);
    for (const [i, text] of tied.texts.entries()) {
      assert(text !== null, `field ${label}: aria-describedby points to a missing element #${tied.ids[i]}`);
      assert(text.length > 0, `field ${label}: its message #${tied.ids[i]} is empty`);
    }
    const message = tied.texts.join(' ');
    // A French sentence, not a code or an English default.
    assert(/\b(le|la|les|votre|vos|un|une|du|des|saisissez|indiquez|obligatoire|au moins)\b/i.test(message) &&
      !/\b(the|is|required field|invalid)\b/i.test(message),
    `field ${label}: its message is not French: "${message}"`);
  }
}

// Keyboard only, on the phone: skip link first, then the login form.
async function keyboardLogin(run) {
  const page = await run.newPage();
  await page.goto(stack.base + '/');
  await expectHeading(page, 'Bienvenue sur le Portail Famille');
  await run.check(page, 'home');
  const active = () => page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName.toLowerCase(), id: el?.id || '', text: (el?.textContent || '').trim(), href: el?.getAttribute('href') };
  });
  await page.keyboard.press('Tab');
  let a = await active();
  assert(a.tag === 'a' && a.text === 'Aller au contenu',
    `the first focusable element is not the skip link "Aller au contenu" (got <${a.tag}> "${a.text}")`);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${run.journey}-${run.viewportName}-skiplink.png`) });
  await page.keyboard.press('Enter');
  a = await active();
  assert(a.tag === 'main' && a.id === 'contenu', `the skip link did not move focus to main#contenu (got <${a.tag} id="${a.id}">)`);
  let tabs = 0;
  while (a.id !== 'email' && tabs < 20) {
    await page.keyboard.press('Tab');
    tabs += 1;
    a = await active();
  }
  assert(a.id === 'email', 'Tab from main#contenu never reached the login email field');
  await page.keyboard.type(ROLF_EMAIL);
  await page.keyboard.press('Tab');
  a = await active();
  assert(a.id === 'mot_de_passe', `Tab from the email field went to <${a.tag} id="${a.id}">, not the password`);
  await page.keyboard.type(accounts.get(ROLF_EMAIL));
  await page.keyboard.press('Enter');
  await expectHeading(page, 'Espace famille');
  await run.check(page, 'espace famille');
  await logout(run, page);
}

// A 24×24 PNG (a checkerboard), so the photo upload needs no binary fixture.
const PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAALElEQVR42mOQC1iAhk5gIGLUMIwaREeDyNOGqWbUIHoaNJqyR/PaqEF0MQgAerse7jYABp8AAAAASUVORK5CYII=',
  'base64');

// The card of a member in "Dossier de famille".
function memberCard(page, name) {
  return page.locator('li.member-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

async function missingOf(card) {
  const box = card.locator('.missing');
  return (await box.count()) ? box.locator('li').allInnerTexts() : [];
}

// The number in the Espace famille alert "… N éléments importants sont manquants" (0: none).
async function missingCount(page) {
  const alerts = page.locator('section[aria-labelledby="titre-alertes"]');
  const text = (await alerts.innerText()).replace(/\s+/g, ' ');
  const m = /(\d+) éléments? importants? (?:sont|est) manquants?/.exec(text);
  return m ? Number(m[1]) : 0;
}

function espaceEntry(page, name) {
  return page.getByRole('navigation', { name: 'Espace famille' }).getByRole('link', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) });
}

async function yesNo(page, question, answer) {
  const group = page.getByRole('group', { name: question });
  assert(await group.count() === 1, `no radio group "${question}" on ${page.url()}`);
  await group.getByRole('radio', { name: answer, exact: true }).check();
}

// SPEC §4.6, §4.8, §8 (privacy): a parent completes the dossier of a child of a demo family
// (fresh account of its second guardian: no other journey uses it), changes the photo, adds a
// pick-up contact, accepts the canteen's rules and downloads the family's data.
async function journeyDossier(run) {
  const phone = run.viewportName === 'phone';
  const person = phone ? demoCode('Anna', 'FICTIF') : demoCode('Sophie', 'BERNARD');
  const child = phone ? 'Léa FICTIF' : 'Inès BERNARD';
  const page = await run.newPage();
  await createAccount(run, page, {
    email: `${person.firstName.toLowerCase()}.dossier.${run.viewportName}@example.org`,
    lastName: person.lastName, firstName: person.firstName, code: person.code,
    password: newPassword(), familyName: person.lastName,
  });

  // Espace famille: the alerts first, then the entries.
  await expectText(page, /éléments importants sont manquants/);
  const missingBefore = await missingCount(page);
  assert(missingBefore > 0, 'Espace famille shows no count of missing elements');
  const rulesAlert = page.getByRole('link', { name: 'Règlement « Restauration scolaire » à lire et accepter' });
  assert(await rulesAlert.count() === 1, 'Espace famille does not ask to accept the rules "Restauration scolaire"');
  for (const entry of ['Dossier de famille', 'Règlement(s) intérieur(s)', 'Mes données'])
    assert(await espaceEntry(page, entry).count() === 1, `Espace famille has no entry "${entry}"`);

  // Dossier de famille: a card per member, the child's lists what is missing.
  await espaceEntry(page, 'Dossier de famille').click();
  await expectHeading(page, 'Dossier de famille');
  for (const group of ['Responsables légaux', 'Enfants', 'Autres contacts'])
    assert(await page.getByRole('heading', { level: 2, name: group }).count() === 1, `Dossier de famille has no section "${group}"`);
  assert(await memberCard(page, `${person.firstName} ${person.lastName}`).count() === 1,
    `Dossier de famille has no card for the guardian ${person.firstName} ${person.lastName}`);
  let card = memberCard(page, child);
  assert(await card.count() === 1, `Dossier de famille has no card for ${child}`);
  assert(await card.getByText('Des éléments importants sont manquants').count() === 1,
    `the card of ${child} does not say "Des éléments importants sont manquants"`);
  let missing = await missingOf(card);
  for (const item of ['Médecin traitant', 'Allergies (oui ou non)', "Droit à l'image (oui ou non)", "Personnes autorisées à venir chercher l'enfant"])
    assert(missing.includes(item), `the card of ${child} does not list "${item}" as missing (got ${JSON.stringify(missing)})`);
  await run.check(page, 'dossier de famille');

  // The child's file: the missing answers through the real form.
  await card.getByRole('link', { name: child, exact: true }).click();
  await expectHeading(page, child);
  await run.check(page, 'fiche enfant');
  await page.getByLabel(/^Médecin traitant/).fill('Dr Durand, 04 90 00 00 00');
  await yesNo(page, /^Votre enfant a-t-il des allergies \?/, 'Oui');
  await page.getByLabel(/^Allergies : lesquelles/).fill('Arachide : aucune cacahuète, trousse PAI dans le cartable.');
  await yesNo(page, /^Un PAI .* est-il en place \?/, 'Oui');
  await yesNo(page, /^Les vaccinations obligatoires sont-elles à jour \?/, 'Oui');
  await yesNo(page, /^Autorisez-vous les photos de votre enfant/, 'Non');
  await yesNo(page, /^Votre enfant peut-il partir seul/, 'Non');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expectHeading(page, child);
  // Health answers wait for the mairie; the rest applies at once.
  await expectText(page, /Vos modifications sont enregistrées\. Les changements qui doivent être vérifiés .* ont été transmis à la mairie/);
  const awaiting = await page.locator('.awaiting li').allInnerTexts();
  assert(awaiting.includes('Allergies (oui ou non)'),
    `${child}: the allergies answer is not "En attente de validation par la mairie" (got ${JSON.stringify(awaiting)})`);
  assert(await page.getByLabel(/^Médecin traitant/).inputValue() === 'Dr Durand, 04 90 00 00 00',
    `${child}: the doctor was not saved at once`);
  assert(await page.getByRole('group', { name: /^Autorisez-vous les photos/ }).getByRole('radio', { name: 'Non' }).isChecked(),
    `${child}: the image-rights answer was not saved at once`);
  await run.check(page, 'fiche enfant, demande transmise');
  // A change of doctor: not sensitive, applied at once (and journaled with before and after).
  await page.getByLabel(/^Médecin traitant/).fill('Dr Martin, 04 90 11 22 33');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expectText(page, 'Vos modifications sont enregistrées.');
  assert(await page.getByText(/transmis à la mairie/).count() === 0,
    `${child}: a change of doctor was sent to the mairie instead of being applied`);
  await run.check(page, 'fiche enfant enregistrée');

  // Back to the dossier: only the pick-up persons are still missing for the child.
  await page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: 'Dossier de famille' }).click();
  await expectHeading(page, 'Dossier de famille');
  card = memberCard(page, child);
  missing = await missingOf(card);
  assert(missing.length === 1 && missing[0] === "Personnes autorisées à venir chercher l'enfant",
    `the card of ${child} should now miss only the pick-up persons (got ${JSON.stringify(missing)})`);
  await run.check(page, 'dossier de famille, fiche complétée');

  // Modifier la photo: a PNG.
  await card.getByRole('link', { name: `Modifier la photo de ${child}` }).click();
  await expectHeading(page, child);
  const photoInput = page.getByLabel('Modifier la photo', { exact: true });
  await photoInput.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PHOTO_PNG });
  await page.getByRole('button', { name: 'Enregistrer la photo' }).click();
  await expectText(page, 'La photo est enregistrée.');
  const photo = page.getByRole('img', { name: `Photo de ${child}` });
  await photo.waitFor();
  await page.waitForFunction((el) => el.complete, await photo.elementHandle());
  assert(await photo.evaluate((el) => el.naturalWidth) > 0, `the photo of ${child} is not shown (naturalWidth 0)`);
  const photoResponse = await page.request.get(await photo.evaluate((el) => el.src));
  assert(/private/.test(photoResponse.headers()['cache-control'] || ''),
    `the photo is served with Cache-Control "${photoResponse.headers()['cache-control']}", expected private`);
  await run.check(page, 'photo enregistrée');

  // A text file named photo.jpg: refused, the error tied to the field and linked from the summary.
  await page.getByLabel('Modifier la photo', { exact: true }).setInputFiles({
    name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Ceci est un texte, pas une photo.\n'),
  });
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/photo$/.test(new URL(r.url()).pathname)),
    page.getByRole('button', { name: 'Enregistrer la photo' }).click(),
  ]);
  assert(refused.status() === 400, `a text file as photo answered ${refused.status()}, expected 400`);
  await expectHeading(page, child);
  const summary = page.getByRole('alert').filter({ hasText: "La photo n'a pas été enregistrée" });
  assert(await summary.count() === 1, 'no error summary "La photo n\'a pas été enregistrée" after a text file');
  const tied = await page.getByLabel('Modifier la photo', { exact: true }).evaluate((el) => ({
    invalid: el.getAttribute('aria-invalid'),
    described: (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent.trim() ?? `#${id} missing`).join(' '),
  }));
  assert(tied.invalid === 'true', `the photo field has aria-invalid="${tied.invalid}" after a refused file`);
  assert(/n'est pas une image JPEG ou PNG/.test(tied.described),
    `the photo field is not described by a French error (aria-describedby: "${tied.described}")`);
  assert(await photo.count() === 1 && await photo.evaluate((el) => el.naturalWidth) > 0,
    'the previous photo is no longer shown after a refused file');
  await run.check(page, 'photo refusée');
  await summary.getByRole('link').click();
  const focused = await page.evaluate(() => document.activeElement?.id);
  assert(focused === 'photo-fichier', `the error summary's link did not move focus to the photo field (focus on #${focused})`);

  // A contact authorised to pick up the children.
  await page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: 'Dossier de famille' }).click();
  await expectHeading(page, 'Dossier de famille');
  await page.getByRole('link', { name: 'Ajouter un contact' }).click();
  await expectHeading(page, 'Ajouter un contact');
  await run.check(page, 'ajouter un contact');
  await page.getByLabel(/^Nom\b/).fill(person.lastName);
  await page.getByLabel(/^Prénom\b/).fill('Josiane');
  await page.getByLabel(/^Lien avec la famille/).fill('Grand-mère');
  await page.getByLabel(/^Téléphone portable/).fill('06 12 34 56 78');
  const pickUp = page.getByLabel('Autorisé(e) à venir chercher les enfants');
  assert(await pickUp.isChecked(), '"Autorisé(e) à venir chercher les enfants" is not checked by default');
  await page.getByRole('button', { name: 'Ajouter ce contact' }).click();
  await expectHeading(page, 'Dossier de famille');
  await expectText(page, 'Le contact est ajouté à votre dossier.');
  assert(await memberCard(page, `Josiane ${person.lastName}`).count() === 1, 'the new contact has no card in the dossier');
  card = memberCard(page, child);
  missing = await missingOf(card);
  assert(!missing.includes("Personnes autorisées à venir chercher l'enfant"),
    `the card of ${child} still lists the pick-up persons as missing`);
  assert(await card.getByText('Des éléments importants sont manquants').count() === 0,
    `the card of ${child} still says "Des éléments importants sont manquants" (${JSON.stringify(missing)})`);
  const cardPhoto = card.locator('img.member-card__photo');
  assert(await cardPhoto.count() === 1 && await cardPhoto.evaluate((el) => el.complete && el.naturalWidth > 0),
    `the card of ${child} does not show the photo`);
  await run.check(page, 'dossier de famille, contact ajouté');

  // Espace famille: fewer missing elements; Règlement(s) intérieur(s): accept the canteen's.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Espace famille' }).click();
  await expectHeading(page, 'Espace famille');
  const missingAfter = await missingCount(page);
  assert(missingAfter < missingBefore, `Espace famille: ${missingAfter} missing elements after completing ${child}'s file, ${missingBefore} before`);
  await run.check(page, 'espace famille, dossier complété');
  await espaceEntry(page, 'Règlement(s) intérieur(s)').click();
  await expectHeading(page, 'Règlement(s) intérieur(s)');
  await run.check(page, 'règlements');
  const rules = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Restauration scolaire' }) });
  const pdfHref = await rules.getByRole('link', { name: /^Lire le règlement Restauration scolaire/ }).getAttribute('href');
  const pdf = await page.request.get(new URL(pdfHref, stack.base).href);
  assert(pdf.status() === 200 && pdf.headers()['content-type'] === 'application/pdf',
    `the rules PDF answered ${pdf.status()} ${pdf.headers()['content-type']}`);
  await rules.getByRole('button', { name: "J'ai lu et j'accepte le règlement Restauration scolaire" }).click();
  await expectHeading(page, 'Règlement(s) intérieur(s)');
  await expectText(page, 'votre acceptation du règlement est enregistrée');
  assert(/Accepté le \d/.test(await rules.innerText()), 'the rules "Restauration scolaire" do not say "Accepté le …" once accepted');
  assert(await rules.getByRole('button').count() === 0, 'the accept button is still shown once the rules are accepted');
  await run.check(page, 'règlement accepté');

  // Mes données: the journal of changes, and the ZIP of everything.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Espace famille' }).click();
  await expectHeading(page, 'Espace famille');
  assert(await page.getByRole('link', { name: /Règlement « Restauration scolaire »/ }).count() === 0,
    'Espace famille still asks to accept the rules once accepted');
  await espaceEntry(page, 'Mes données').click();
  await expectHeading(page, 'Mes données');
  const journal = page.locator('section[aria-labelledby="titre-journal"] tbody tr');
  const doctorRows = await journal.filter({ hasText: `${child} — Médecin traitant` }).evaluateAll((rows) =>
    rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));
  // Columns: Date, Par, Action, Détail, Avant, Après.
  assert(doctorRows.some((c) => c[4] === 'Dr Durand, 04 90 00 00 00' && c[5] === 'Dr Martin, 04 90 11 22 33'),
    `Mes données: no journal entry of the doctor change with before and after (got ${JSON.stringify(doctorRows)})`);
  assert(doctorRows.some((c) => c[4] === '—' && c[5] === 'Dr Durand, 04 90 00 00 00'),
    `Mes données: no journal entry of the first doctor (got ${JSON.stringify(doctorRows)})`);
  assert(await journal.filter({ hasText: 'Photo modifiée' }).count() >= 1, 'Mes données: the photo change is not journaled');
  assert(await journal.filter({ hasText: 'Acceptation du règlement' }).count() >= 1, 'Mes données: the rules acceptance is not journaled');
  await run.check(page, 'mes données');
  const exportLink = page.getByRole('link', { name: 'Télécharger toutes mes données (ZIP)' });
  const zip = await page.request.get(new URL(await exportLink.getAttribute('href'), stack.base).href);
  assert(zip.status() === 200, `the ZIP export answered ${zip.status()}`);
  assert(zip.headers()['content-type'] === 'application/zip', `the ZIP export has content-type ${zip.headers()['content-type']}`);
  assert(/attachment/.test(zip.headers()['content-disposition'] || ''), 'the ZIP export is not sent as an attachment');
  const body = await zip.body();
  assert(body.length > 100 && body.readUInt32LE(0) === 0x04034b50, 'the ZIP export does not start like a ZIP file');
  await logout(run, page);
}

// --- Planning des activités (SPEC §4.7, issue 5): book and cancel with and without JavaScript ---

// Rolf FICTIF (a demo account, logged in with his current password) on the month after this
// one of one of his children: Léa and Tom have canteen bookings from three days after today,
// open périscolaire days and, in the Christmas holidays, full "Vacances" days.
async function openPlanning(run, page, child) {
  await loginFromHome(run, page, ROLF_EMAIL, accounts.get(ROLF_EMAIL));
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Planning' }).click();
  await expectHeading(page, 'Planning des activités');
  await page.getByRole('navigation', { name: 'Enfants' }).getByRole('link', { name: child, exact: true }).click();
  await page.locator('#titre-mois').filter({ hasText: child }).waitFor();
  await page.getByRole('link', { name: /^Mois suivant/ }).click();
  await page.locator('#titre-mois').filter({ hasText: child }).waitFor();
  await expectHeading(page, 'Planning des activités');
}

// The first slot of the planning whose class and button label match, looking up to
// `months` months ahead (the demo's holidays or open days may be further on). Returns its
// id, the button's aria-label and the slot's state text, or throws.
async function findSlot(page, { classes, button, months = 4 }) {
  for (let i = 0; i < months; i++) {
    const found = await page.evaluate(({ classes, source }) => {
      const re = new RegExp(source);
      for (const slot of document.querySelectorAll('table.planning .slot')) {
        if (!classes.some((c) => slot.classList.contains(`slot--${c}`))) continue;
        const b = slot.querySelector('button.slot__action');
        if (b && re.test(b.getAttribute('aria-label') || '')) {
          return { id: slot.id, label: b.getAttribute('aria-label'), state: slot.querySelector('.slot__state').textContent.trim() };
        }
      }
      return null;
    }, { classes, source: button.source });
    if (found) return found;
    const title = await page.locator('#titre-mois').innerText();
    await page.getByRole('link', { name: /^Mois suivant/ }).click();
    await page.locator('#titre-mois').filter({ hasNotText: title }).waitFor();
  }
  throw new AssertionError(`no slot ${classes.join('/')} with a button ${button} in ${months} months from ${page.url()}`);
}

async function slotFacts(page, id) {
  return page.evaluate((id) => {
    const slot = document.getElementById(id);
    if (!slot) return null;
    return {
      classes: [...slot.classList],
      state: slot.querySelector('.slot__state')?.textContent.trim(),
      button: slot.querySelector('button.slot__action')?.getAttribute('aria-label') || '',
    };
  }, id);
}

function statusText(page) {
  return page.evaluate(() => document.querySelector('#annonce[role="status"]')?.textContent.trim() ?? null);
}

// The dialog of static/js/planning.js: opened by the slot's button, it asks the server's
// question; "Oui, …" posts in place and the slot changes to `expectClass` without a reload,
// focus on the slot, the result in the status region.
async function confirmInDialog(run, page, slot, { question, yes, warning, expectClass, expectState, expectStatus, what }) {
  const before = await page.evaluate(() => window.__sansRechargement);
  assert(before, `${what}: the window flag was not set before the action`);
  await page.locator(`#${slot.id}`).getByRole('button', { name: slot.label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: question, exact: true });
  try {
    await dialog.waitFor({ state: 'visible' });
  } catch {
    const open = await page.locator('dialog[open]').allInnerTexts();
    throw new AssertionError(`${what}: no dialog "${question}" after the button "${slot.label}" (open dialogs: ${JSON.stringify(open)}; page ${page.url()})`);
  }
  if (warning) assert((await dialog.innerText()).includes(warning), `${what}: the dialog does not warn "${warning}"`);
  const inside = await page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
  assert(inside, `${what}: focus is not inside the dialog once it opened`);
  await run.check(page, `${what}: dialogue de confirmation`);
  await dialog.getByRole('button', { name: yes, exact: true }).click();
  try {
    await page.waitForFunction(({ id, cls }) => document.getElementById(id)?.classList.contains(`slot--${cls}`) &&
      !document.querySelector('dialog[open]'), { id: slot.id, cls: expectClass });
  } catch {
    const facts = await slotFacts(page, slot.id);
    const open = await page.locator('dialog[open]').allInnerTexts();
    throw new AssertionError(`${what}: the slot #${slot.id} did not become slot--${expectClass} (now ${JSON.stringify(facts)}; open dialog ${JSON.stringify(open)})`);
  }
  const after = await slotFacts(page, slot.id);
  assert(after.state === expectState, `${what}: the slot says "${after.state}", expected "${expectState}"`);
  assert(await page.evaluate(() => window.__sansRechargement === true), `${what}: the page was reloaded (the window flag is gone)`);
  const focused = await page.evaluate(() => document.activeElement?.id);
  assert(focused === slot.id, `${what}: focus is on #${focused}, expected the changed slot #${slot.id}`);
  const status = await statusText(page);
  assert(status === expectStatus, `${what}: the status region says ${JSON.stringify(status)}, expected "${expectStatus}"`);
  await run.check(page, what);
  return after;
}

// Book an open day through the dialog, cancel it the same way, then join a full day's
// waiting list: JavaScript on, no reload. Phone: Léa; desktop: Tom.
async function journeyPlanning(run) {
  const child = run.viewportName === 'phone' ? 'Léa' : 'Tom';
  const page = await run.newPage();
  await openPlanning(run, page, child);
  await run.check(page, 'planning du mois suivant');
  const legend = await page.locator('section.legend li').allInnerTexts();
  for (const state of ['Réservé', "Liste d'attente", 'Annulé', 'Complet'])
    assert(legend.some((l) => l.startsWith(state)), `the legend has no "${state}" (got ${JSON.stringify(legend)})`);

  const slot = await findSlot(page, { classes: ['disponible', 'annule'], button: /^Réserver / });
  await page.evaluate(() => { window.__sansRechargement = true; });

  // Escape closes the dialog and gives focus back to the button.
  await page.locator(`#${slot.id}`).getByRole('button', { name: slot.label, exact: true }).click();
  await page.getByRole('dialog', { name: `${slot.label} ?`, exact: true }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('dialog[open]').waitFor({ state: 'detached' }).catch(() => {});
  assert(await page.locator('dialog[open]').count() === 0, 'Escape did not close the confirmation dialog');
  const back = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  assert(back === slot.label, `after Escape, focus is on ${JSON.stringify(back)}, expected the button "${slot.label}"`);
  assert((await slotFacts(page, slot.id)).state === slot.state, '"Non" (Escape) changed the slot');

  // Réserver → Réservé.
  const booked = await confirmInDialog(run, page, slot, {
    question: `${slot.label} ?`, yes: 'Oui, réserver', expectClass: 'reserve', expectState: 'Réservé',
    expectStatus: 'Réservation enregistrée.', what: 'réservation en place',
  });
  const cancelLabel = slot.label.replace(/^Réserver /, 'Annuler ');
  assert(booked.button === cancelLabel, `the booked slot's button is "${booked.button}", expected "${cancelLabel}"`);

  // Annuler → Annulé (bookable again).
  const cancelled = await confirmInDialog(run, page, { id: slot.id, label: cancelLabel }, {
    question: `${cancelLabel} ?`, yes: 'Oui, annuler', expectClass: 'annule', expectState: 'Annulé',
    expectStatus: 'Annulation enregistrée.', what: 'annulation en place',
  });
  assert(cancelled.button === slot.label, `the cancelled slot's button is "${cancelled.button}", expected "${slot.label}"`);

  // A refusal answered while the dialog is open (the form now names a day whose booking
  // deadline has passed, or an unknown one): the server's French message in the dialog,
  // nothing changed, "Fermer" gives focus back to the button.
  const other = await findSlot(page, { classes: ['disponible'], button: /^Réserver /, months: 1 });
  const refusedId = await page.evaluate(() => document.querySelector('table.planning .slot--delai')?.id.slice(2) ?? '999999999');
  await page.locator(`#${other.id} button[name="occurrence"]`).evaluate((button, id) => { button.value = id; }, refusedId);
  await page.locator(`#${other.id}`).getByRole('button', { name: other.label, exact: true }).click();
  const asked = page.getByRole('dialog', { name: `${other.label} ?`, exact: true });
  await asked.getByRole('button', { name: 'Oui, réserver', exact: true }).click();
  const expected = refusedId === '999999999' ? /Page introuvable/ : /Action impossible.*délai de réservation est dépassé/;
  try {
    await asked.getByRole('alert').filter({ hasText: expected }).waitFor();
  } catch {
    throw new AssertionError(`a refused booking did not show ${expected} in the dialog (it shows ${JSON.stringify(await asked.innerText().catch(() => ''))})`);
  }
  assert(await page.evaluate(() => window.__sansRechargement === true), 'a refused booking reloaded the page');
  assert(!(await asked.getByRole('button', { name: 'Oui, réserver', exact: true }).isVisible()),
    'after a refusal the dialog still offers "Oui, réserver"');
  assert(await page.evaluate(() => document.activeElement?.textContent.trim()) === 'Fermer',
    'after a refusal, focus is not on the dialog\'s "Fermer" button');
  await run.check(page, 'refus dans le dialogue');
  await asked.getByRole('button', { name: 'Fermer', exact: true }).click();
  assert(await page.locator('dialog[open]').count() === 0, '"Fermer" did not close the dialog');
  assert(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')) === other.label,
    '"Fermer" did not give focus back to the button');
  assert((await slotFacts(page, other.id)).state === other.state, 'a refused booking changed the slot');
  await page.locator(`#${other.id} button[name="occurrence"]`).evaluate((button, id) => { button.value = id; }, other.id.slice(2));

  // A full "Vacances" day: the waiting list. The demo fills the first three holiday days
  // still open to booking, which may be in this month: look from this month on.
  const thisMonth = new URL(page.url());
  thisMonth.searchParams.set('mois', parisDay(0).slice(0, 7));
  await page.goto(thisMonth.toString());
  const full = await findSlot(page, { classes: ['complet'], button: /^S'inscrire sur la liste d'attente : Vacances /, months: 6 });
  await page.evaluate(() => { window.__sansRechargement = true; });
  const what = full.label.replace(/^S'inscrire sur la liste d'attente : /, '');
  await confirmInDialog(run, page, full, {
    question: `Réserver ${what} ?`, yes: 'Oui, réserver',
    warning: "Cette journée est complète : votre enfant sera inscrit sur la liste d'attente.",
    expectClass: 'attente', expectState: "Liste d'attente",
    expectStatus: "Complet : votre enfant est inscrit sur la liste d'attente. Vous recevrez un email si une place se libère.",
    what: "liste d'attente en place",
  });
  await logout(run, page);
}

// The same booking without JavaScript: the server's confirmation page, then the planning
// with "Réservation enregistrée." (Tom, phone).
async function journeyPlanningNoScript(run) {
  const page = await run.newPage({ javaScriptEnabled: false });
  await openPlanning(run, page, 'Tom');
  await run.check(page, 'planning sans JavaScript');
  const slot = await findSlot(page, { classes: ['disponible', 'annule'], button: /^Réserver / });
  await page.locator(`#${slot.id}`).getByRole('button', { name: slot.label, exact: true }).click();
  await expectHeading(page, `${slot.label} ?`);
  assert(new URL(page.url()).pathname === '/famille/reservations', `the confirmation page is at ${page.url()}`);
  await run.check(page, 'page de confirmation');
  await page.getByRole('button', { name: 'Oui, réserver', exact: true }).click();
  await expectHeading(page, 'Planning des activités');
  await expectText(page, 'Réservation enregistrée.');
  const url = new URL(page.url());
  assert(url.hash === `#${slot.id}` && url.searchParams.get('resultat') === 'reserve',
    `after the booking the planning is at ${page.url()}, expected …&resultat=reserve#${slot.id}`);
  const facts = await slotFacts(page, slot.id);
  assert(facts.state === 'Réservé', `the slot says "${facts.state}" after the booking, expected "Réservé"`);
  await run.check(page, 'planning, réservation enregistrée');

  // Cancelled the same way; "Non, revenir au planning" changes nothing.
  const cancelLabel = slot.label.replace(/^Réserver /, 'Annuler ');
  await page.locator(`#${slot.id}`).getByRole('button', { name: cancelLabel, exact: true }).click();
  await expectHeading(page, `${cancelLabel} ?`);
  await run.check(page, "page de confirmation de l'annulation");
  await page.getByRole('link', { name: 'Non, revenir au planning' }).click();
  await expectHeading(page, 'Planning des activités');
  assert((await slotFacts(page, slot.id)).state === 'Réservé', '"Non, revenir au planning" cancelled the booking');
  await page.locator(`#${slot.id}`).getByRole('button', { name: cancelLabel, exact: true }).click();
  await expectHeading(page, `${cancelLabel} ?`);
  await page.getByRole('button', { name: 'Oui, annuler', exact: true }).click();
  await expectText(page, 'Annulation enregistrée.');
  assert((await slotFacts(page, slot.id)).state === 'Annulé', 'the slot does not say "Annulé" after the cancellation');
  await logout(run, page);
}

// Keyboard only on the phone: Tab to a "Réserver" button, Enter opens the dialog with focus
// in it, Enter on "Oui, réserver" books and leaves focus on the changed slot; Escape gives
// focus back to the button; then the cancellation by keyboard (Léa).
async function keyboardPlanning(run) {
  const page = await run.newPage();
  await openPlanning(run, page, 'Léa');
  await run.check(page, 'planning');
  await page.evaluate(() => { window.__sansRechargement = true; });
  const active = () => page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase(), id: el?.id || '', label: el?.getAttribute('aria-label') || '',
      text: (el?.textContent || '').trim(), inDialog: !!el?.closest('dialog[open]'),
      slot: el?.closest('.slot')?.id || '', slotClass: el?.closest('.slot')?.className || '',
    };
  });
  let a = await active();
  let tabs = 0;
  while (!(a.tag === 'button' && a.label.startsWith('Réserver ') && /slot--(disponible|annule)/.test(a.slotClass)) && tabs < 300) {
    await page.keyboard.press('Tab');
    tabs += 1;
    a = await active();
  }
  assert(a.tag === 'button' && a.label.startsWith('Réserver '), `${tabs} Tab presses never reached a "Réserver" button`);
  const slotId = a.slot;
  const label = a.label;

  // Enter, then Escape: focus back on the button, nothing changed.
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: `${label} ?`, exact: true }).waitFor();
  a = await active();
  assert(a.inDialog, `Enter on "${label}": focus is not in the dialog (on <${a.tag}> "${a.text}")`);
  await page.keyboard.press('Escape');
  await page.locator('dialog[open]').waitFor({ state: 'detached' }).catch(() => {});
  a = await active();
  assert(a.label === label, `Escape: focus is on <${a.tag}> "${a.label || a.text}", expected the button "${label}"`);

  // Enter, Enter: booked, focus on the slot.
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: `${label} ?`, exact: true }).waitFor();
  a = await active();
  assert(a.inDialog && a.text === 'Oui, réserver', `the dialog's focus is on <${a.tag}> "${a.text}", expected "Oui, réserver"`);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${run.journey}-${run.viewportName}-dialogue.png`) });
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.getElementById(id)?.classList.contains('slot--reserve') && document.activeElement?.id === id, slotId)
    .catch(async () => {
      const x = await active();
      throw new AssertionError(`Enter on "Oui, réserver": slot #${slotId} is ${JSON.stringify(await slotFacts(page, slotId))}, focus on <${x.tag} id="${x.id}"> "${x.text.slice(0, 40)}"`);
    });
  assert(await page.evaluate(() => window.__sansRechargement === true), 'the keyboard booking reloaded the page');
  assert(await statusText(page) === 'Réservation enregistrée.', `the status region says ${JSON.stringify(await statusText(page))}`);
  await run.check(page, 'réservé au clavier');

  // Tab from the slot reaches its "Annuler" button; Enter, Enter: cancelled, focus on the slot.
  await page.keyboard.press('Tab');
  a = await active();
  assert(a.tag === 'button' && a.label === label.replace(/^Réserver /, 'Annuler '),
    `Tab from the booked slot went to <${a.tag}> "${a.label || a.text}", not its "Annuler" button`);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.getElementById(id)?.classList.contains('slot--annule') && document.activeElement?.id === id, slotId)
    .catch(async () => {
      const x = await active();
      throw new AssertionError(`keyboard cancellation: slot #${slotId} is ${JSON.stringify(await slotFacts(page, slotId))}, focus on <${x.tag} id="${x.id}">`);
    });
  assert(await statusText(page) === 'Annulation enregistrée.', `the status region says ${JSON.stringify(await statusText(page))}`);
  await run.check(page, 'annulé au clavier');
}

// --- Long-period request and "Enfant malade" (issue 5) ------------------------------------------

// A date `days` from today in Paris, "YYYY-MM-DD".
function parisDay(days) {
  const d = new Date(Date.now() + days * 86400000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

// Rolf asks "Périscolaire soir" for Léa on Mondays and Thursdays for two weeks, three weeks
// from now: the answer lists each day with its outcome, and the planning shows them booked.
async function journeyLongRequest(run) {
  const page = await run.newPage();
  await openPlanning(run, page, 'Léa');
  await page.getByRole('link', { name: 'Réserver sur une longue période' }).click();
  await expectHeading(page, 'Réservation sur une longue période');
  await run.check(page, 'longue période, formulaire');
  // Two weeks from three weeks on; school holidays close the activity, so a fortnight that
  // falls in them is refused ("n'ouvre aucun de ces jours") and the next one is asked.
  let refused = [];
  for (const start of [21, 35, 49, 63]) {
    await page.getByLabel('Enfant').selectOption({ label: 'Léa FICTIF' });
    await page.getByLabel('Activité').selectOption({ label: 'Périscolaire soir' });
    await page.getByLabel('Premier jour').fill(parisDay(start));
    await page.getByLabel('Dernier jour').fill(parisDay(start + 13));
    for (const day of ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']) {
      const box = page.getByLabel(day, { exact: true });
      if (await box.count()) await box.setChecked(day === 'lundi' || day === 'jeudi');
    }
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.waitForLoadState();
    refused = await page.locator('.alert--error').allInnerTexts();
    if (!refused.length) break;
    assert(refused.join(' ').includes("n'ouvre aucun de ces jours"), `the request was refused: ${JSON.stringify(refused)}`);
  }
  assert(!refused.length, `every fortnight asked was refused: ${JSON.stringify(refused)}`);
  await expectHeading(page, 'Périscolaire soir pour Léa');
  const rows = await page.locator('table.table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    day: tr.querySelector('th')?.textContent.trim(),
    outcome: tr.querySelector('td .status')?.textContent.trim(),
  })));
  // Two weeks of Mondays and Thursdays, minus any school holiday: 1 to 4 days, each one
  // named and either booked or on the waiting list.
  assert(rows.length >= 1 && rows.length <= 4, `the answer lists ${rows.length} days: ${JSON.stringify(rows)}`);
  for (const r of rows) {
    assert(/^(lundi|jeudi) /.test(r.day), `a day of the answer is not a Monday or a Thursday: ${JSON.stringify(r)}`);
    assert(r.outcome === 'Réservé' || r.outcome === "Liste d'attente", `the day ${r.day} is ${r.outcome}`);
  }
  await expectText(page, 'jour(s) réservé(s)');
  await run.check(page, 'longue période, réponse jour par jour');
  // The planning of that month shows the first day booked.
  await page.getByRole('link', { name: 'Voir le planning' }).click();
  await expectHeading(page, 'Planning des activités');
  const states = await page.locator('table.planning .slot').evaluateAll((slots) => slots
    .filter((s) => /Périscolaire soir/.test(s.textContent))
    .map((s) => s.querySelector('.slot__state')?.textContent.trim()));
  assert(states.includes('Réservé') || states.includes("Liste d'attente"),
    `no "Périscolaire soir" slot booked on the planning after the request (states: ${JSON.stringify(states)})`);
  await run.check(page, 'planning après la demande');
  await logout(run, page);
}

const CERTIFICATE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
  '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

// Léa is ill: one action cancels her bookings from today to twenty days from now (the demo
// books her canteen from three days on; twenty days always reach past a school holiday),
// with the certificate attached; the declared absence is listed, waiting for the town hall,
// and the cancelled days show "Annulé" on her planning.
async function journeySickChild(run) {
  const page = await run.newPage();
  await openPlanning(run, page, 'Léa');
  await page.getByRole('link', { name: 'Enfant malade' }).click();
  await expectHeading(page, 'Enfant malade');
  await run.check(page, 'enfant malade, formulaire');
  await page.getByLabel('Enfant').selectOption({ label: 'Léa FICTIF' });
  await page.getByLabel("Absent jusqu'au (inclus)").fill(parisDay(20));
  await page.getByLabel(/^Certificat médical/).setInputFiles({ name: 'certificat.pdf', mimeType: 'application/pdf', buffer: CERTIFICATE_PDF });
  await page.getByRole('button', { name: 'Annuler ses réservations' }).click();
  await expectText(page, "C'est noté : les réservations sont annulées.");
  const leaves = await page.locator('ul.requests li.request').allInnerTexts();
  const lea = leaves.find((l) => l.startsWith('Léa'));
  assert(lea, `no declared absence for Léa in ${JSON.stringify(leaves)}`);
  const count = Number((/: (\d+) réservation\(s\) annulée\(s\)/.exec(lea) || [])[1]);
  assert(count >= 1, `the absence cancelled ${count} booking(s): "${lea}"`);
  assert(/en attente de la mairie/.test(lea) && !/envoyer le certificat/.test(lea),
    `the certificate was attached but the absence says: "${lea}"`);
  await run.check(page, 'enfant malade, absence déclarée');
  // No canteen day left booked for Léa in the coming days.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Planning' }).click();
  await page.getByRole('navigation', { name: 'Enfants' }).getByRole('link', { name: 'Léa', exact: true }).click();
  const soon = new Set(Array.from({ length: 18 }, (_, i) => parisDay(i + 3)));
  // This month and the next: the sick period's canteen days say "Annulé", none "Réservé".
  let cancelled = 0;
  for (let month = 0; month < 2; month++) {
    const days = await page.locator('table.planning td[id^="jour-"]').evaluateAll((tds) => tds.map((td) => ({
      day: td.id.slice(5),
      canteen: [...td.querySelectorAll('.slot')].filter((s) => /Restauration scolaire/.test(s.textContent))
        .map((s) => s.querySelector('.slot__state')?.textContent.trim()),
    })));
    for (const d of days.filter((x) => soon.has(x.day))) {
      assert(!d.canteen.includes('Réservé'), `Léa's canteen on ${d.day}, in the sick period, is still "Réservé"`);
      cancelled += d.canteen.filter((state) => state === 'Annulé').length;
    }
    if (month === 0) {
      const title = await page.locator('#titre-mois').innerText();
      await page.getByRole('link', { name: /^Mois suivant/ }).click();
      await page.locator('#titre-mois').filter({ hasNotText: title }).waitFor();
    }
  }
  // (Other journeys may have cancelled canteen days of their own in that period too.)
  assert(cancelled >= 1, `the planning shows no cancelled canteen day in the sick period, the absence says ${count}`);
  await logout(run, page);
}

// Espace facturation: "Payer en ligne" on the first invoice payable online, the PayFiP
// simulator's page, "Payer", back on the portal's status page ("payée"), and the history
// showing the invoice as Payée (the demo family has two invoices payable online).
async function journeyPayment(run) {
  const page = await run.newPage();
  await loginFromHome(run, page, ROLF_EMAIL, accounts.get(ROLF_EMAIL));
  await page.getByRole('link', { name: /Espace facturation/ }).click();
  await expectHeading(page, 'Espace facturation');
  await expectText(page, /^Solde : /);
  await expectText(page, /Historique des factures \(\d+ Résultats\)/);
  await run.check(page, 'espace facturation');
  const row = page.locator('tr.invoice', { has: page.getByRole('button', { name: /Payer en ligne/ }) }).first();
  assert(await row.count(), 'no invoice "Payer en ligne" on /facturation (does seed-demo call app::seed_demo_invoices?)');
  const rowId = await row.getAttribute('id');
  const number = (await row.locator('td[data-label="Numéro"]').innerText()).trim();
  await row.getByRole('button', { name: /Payer en ligne/ }).click();
  await page.waitForURL(/\/tpa\/paiementws\.web\?idop=/);
  await expectText(page, number.replace(/[^A-Za-z0-9]/g, ''));
  await page.getByRole('button', { name: 'Payer', exact: true }).click();
  await page.waitForURL(/\/paiement\/retour\?idop=/);
  await expectHeading(page, `Paiement de la facture ${number}`);
  await expectText(page, 'Statut du paiement : payée');
  await run.check(page, 'paiement, statut payée');
  await page.getByRole('link', { name: "Retour à l'espace facturation" }).click();
  await expectHeading(page, 'Espace facturation');
  const paid = page.locator(`#${rowId}`);
  const status = (await paid.locator('td[data-label="Statut"]').innerText()).trim();
  assert(status === 'Payée', `invoice ${number} shows "${status}" after the payment, expected "Payée"`);
  assert(!(await paid.getByRole('button', { name: /Payer en ligne/ }).count()), `invoice ${number} still offers "Payer en ligne"`);
  await run.check(page, 'espace facturation après paiement');
  await page.getByRole('link', { name: 'Historique de mes paiements et reçus' }).click();
  await expectHeading(page, 'Mes paiements');
  await expectText(page, number);
  await run.check(page, 'mes paiements');
  await logout(run, page);
}

// Contesting an invoice line (SPEC §9): from the history, the invoice's detail page, "Contester"
// on its first line with a comment, then "Contestation envoyée" and the open dispute listed.
async function journeyDispute(run) {
  const page = await run.newPage();
  await loginFromHome(run, page, ROLF_EMAIL, accounts.get(ROLF_EMAIL));
  await page.getByRole('link', { name: /Espace facturation/ }).click();
  await expectHeading(page, 'Espace facturation');
  const rows = await page.locator('tr.invoice').count();
  assert(rows, 'no invoice in the history of /facturation');
  // The first invoice with a line not contested yet (another viewport's run may have taken one).
  let number = '';
  let line = null;
  for (let i = 0; i < rows && !line; i += 1) {
    const row = page.locator('tr.invoice').nth(i);
    number = (await row.locator('td[data-label="Numéro"]').innerText()).trim();
    await row.getByRole('link', { name: number, exact: true }).click();
    await expectHeading(page, `Facture ${number}`);
    const contestable = page.locator('tr.invoice-line', { has: page.locator('summary', { hasText: 'Contester' }) }).first();
    if (await contestable.count()) {
      line = contestable;
    } else {
      await page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: 'Espace facturation' }).click();
      await expectHeading(page, 'Espace facturation');
    }
  }
  assert(line, `no invoice of the history's first page has a line with "Contester"`);
  await run.check(page, 'détail de la facture');
  await line.locator('summary', { hasText: 'Contester' }).click();
  await line.getByLabel('Pourquoi contestez-vous cette ligne ?').fill('Léa était absente ce jour-là, nous avions prévenu la mairie.');
  await line.getByRole('button', { name: 'Envoyer la contestation' }).click();
  await page.waitForURL(/\/facturation\/factures\/\d+\?contestation=envoyee$/);
  await expectHeading(page, `Facture ${number}`);
  await expectText(page, /^Contestation envoyée/);
  await expectText(page, 'Contestation en cours');
  const dispute = page.getByRole('region', { name: 'Mes contestations' });
  assert(await dispute.getByText('En cours d\'examen').count() === 1, 'the open dispute is not listed with "En cours d\'examen"');
  assert(await dispute.getByText(/Léa était absente ce jour-là/).count() === 1, 'the dispute does not show the comment');
  await run.check(page, 'contestation envoyée');
  await logout(run, page);
}

// --- installable web app, offline page, accessibility statement (SPEC §4.11, §8, §9) ----------

// Width and height of a PNG (its IHDR chunk).
function pngSize(buffer) {
  assert(buffer.length > 24 && buffer.toString('latin1', 1, 4) === 'PNG', 'not a PNG file');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

// Waits for the page's service worker to be active and to control the page (it claims the
// open pages when it activates); returns its script URL.
async function serviceWorkerOf(page) {
  const script = await page.evaluate(() => Promise.race([
    navigator.serviceWorker.ready.then((r) => r.active && r.active.scriptURL),
    new Promise((resolve) => setTimeout(() => resolve(null), 10_000)),
  ]));
  assert(script, `no service worker became active on ${page.url()} within 10 s`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 })
    .catch(() => { throw new AssertionError(`the service worker does not control ${page.url()}`); });
  return script;
}

// Every URL the service worker stored, in every cache of the origin.
async function cachedUrls(page) {
  return page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(new URL(request.url).pathname + new URL(request.url).search);
    }
    return urls;
  });
}

// The manifest is linked, valid for Chromium, installable ("Ajouter à l'écran d'accueil"),
// names the commune, and its icons are PNGs of the announced sizes; the service worker
// registers from /sw.js with the static version, keeps only static files and the offline
// page, and a navigation without network shows « Vous êtes hors ligne » — also for a page
// of the family's that was open just before (never served from a cache).
async function journeyInstallableOffline(run) {
  const page = await run.newPage();
  await loginFromHome(run, page, ROLF_EMAIL, accounts.get(ROLF_EMAIL));

  const manifestHref = await page.locator('head link[rel="manifest"]').getAttribute('href');
  assert(manifestHref === '/manifest.webmanifest', `the layout links the manifest as ${JSON.stringify(manifestHref)}`);
  const manifestReply = await page.request.get(new URL(manifestHref, stack.base).href);
  assert(manifestReply.status() === 200, `GET ${manifestHref}: ${manifestReply.status()}`);
  assert(manifestReply.headers()['content-type'] === 'application/manifest+json',
    `the manifest is served as ${manifestReply.headers()['content-type']}`);
  const manifest = await manifestReply.json();
  assert(manifest.name === 'Portail Famille de Caumont-sur-Durance', `manifest name ${JSON.stringify(manifest.name)}`);
  assert(manifest.short_name === 'Caumont-sur-Durance', `manifest short_name ${JSON.stringify(manifest.short_name)}`);
  assert(manifest.lang === 'fr' && manifest.start_url === '/' && manifest.scope === '/' && manifest.display === 'standalone',
    `manifest lang/start_url/scope/display: ${JSON.stringify([manifest.lang, manifest.start_url, manifest.scope, manifest.display])}`);
  const themeMeta = await page.locator('head meta[name="theme-color"]').getAttribute('content');
  assert(manifest.theme_color === '#0b4f8a' && themeMeta === manifest.theme_color,
    `theme colour: manifest ${manifest.theme_color}, <meta> ${themeMeta}`);
  const version = new URL(await page.locator('head link[rel="stylesheet"]').getAttribute('href'), stack.base).searchParams.get('v');
  assert(/^[0-9a-f]{12}$/.test(version || ''), `the stylesheet URL has no static version (?v=${version})`);
  for (const [size, purpose] of [[192, 'any'], [512, 'any'], [192, 'maskable'], [512, 'maskable']]) {
    const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png' && i.purpose === purpose);
    assert(icon, `the manifest has no ${size}×${size} PNG icon for "${purpose}"`);
    assert(new URL(icon.src, stack.base).searchParams.get('v') === version, `icon ${icon.src} is not at the static version ${version}`);
    const reply = await page.request.get(new URL(icon.src, stack.base).href);
    assert(reply.status() === 200 && reply.headers()['content-type'] === 'image/png', `icon ${icon.src}: ${reply.status()} ${reply.headers()['content-type']}`);
    const got = pngSize(await reply.body());
    assert(got.width === size && got.height === size, `icon ${icon.src} is ${got.width}×${got.height}, announced ${size}×${size}`);
    assert(/immutable/.test(reply.headers()['cache-control'] || ''), `icon ${icon.src} is served with Cache-Control ${reply.headers()['cache-control']}`);
  }
  assert(manifest.icons.some((i) => i.type === 'image/svg+xml'), 'the manifest has no SVG icon');

  // What Chromium itself makes of the manifest, and whether it offers to install the app.
  const cdp = await page.context().newCDPSession(page);
  const parsed = await cdp.send('Page.getAppManifest');
  assert(parsed.url === stack.base + '/manifest.webmanifest', `Chromium read the manifest at ${parsed.url}`);
  assert(!parsed.errors.length, `Chromium reports manifest errors: ${JSON.stringify(parsed.errors)}`);

  const script = await serviceWorkerOf(page);
  assert(script === `${stack.base}/sw.js?v=${version}`, `service worker script ${script}, expected /sw.js?v=${version}`);
  const installability = await cdp.send('Page.getInstallabilityErrors').catch((e) => ({ failed: e.message }));
  if (installability.failed) console.log(`# Page.getInstallabilityErrors unavailable: ${installability.failed}`);
  else {
    // Test contexts are incognito ones, where Chromium never installs: that one is ours.
    const errors = installability.installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
    assert(!errors.length, `Chromium would not offer to install the portal: ${JSON.stringify(errors)}`);
  }
  await cdp.detach();

  // A page of the family's, then the network goes away.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Planning' }).click();
  await expectHeading(page, 'Planning des activités');
  await run.check(page, 'planning before going offline');
  const stored = await cachedUrls(page);
  assert(stored.includes('/hors-ligne'), `the offline page is not cached (cached: ${JSON.stringify(stored)})`);
  assert(stored.includes(`/static/css/portail.css?v=${version}`), `the stylesheet is not precached (cached: ${JSON.stringify(stored)})`);
  const personal = stored.filter((u) => !u.startsWith('/static/') && u !== '/hors-ligne');
  assert(!personal.length, `the service worker cached pages other than static files and /hors-ligne: ${JSON.stringify(personal)}`);

  await page.context().setOffline(true);
  try {
    for (const address of ['/famille/planning', '/facturation']) {
      await page.goto(stack.base + address);
      await expectHeading(page, 'Vous êtes hors ligne');
      assert(new URL(page.url()).pathname === address, `offline, the address became ${page.url()}`);
      assert(await page.getByText('Rolf').count() === 0, `offline, ${address} still shows the parent's name`);
      assert(await page.getByRole('button', { name: 'Se déconnecter' }).count() === 0, `offline, ${address} shows a logout button`);
      // The stylesheet comes from the cache: the page has the portal's look.
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert(background === 'rgb(243, 245, 248)', `offline, the page is not styled (body background ${background})`);
      await run.check(page, `hors ligne (${address})`);
    }
    assert(await page.getByRole('link', { name: 'Réessayer' }).count() === 1, 'the offline page has no "Réessayer" link');
  } finally {
    await page.context().setOffline(false);
  }
  await page.getByRole('link', { name: 'Réessayer' }).click();
  await expectHeading(page, 'Espace facturation');
  const after = await cachedUrls(page);
  const personalAfter = after.filter((u) => !u.startsWith('/static/') && u !== '/hors-ligne');
  assert(!personalAfter.length, `pages of the family ended up cached: ${JSON.stringify(personalAfter)}`);
  await logout(run, page);
}

// The planning's legend: an SVG icon for every state, hidden from screen readers because
// its written label follows, each icon a symbol of the sprite; the slots use the same icons.
async function checkPlanningLegend(page) {
  const entries = await page.locator('section.legend li').evaluateAll((items) => items.map((li) => {
    const svg = li.querySelector('svg');
    return {
      text: li.textContent.trim(),
      svg: !!svg, hidden: svg && svg.getAttribute('aria-hidden') === 'true',
      href: svg && svg.querySelector('use') && svg.querySelector('use').getAttribute('href'),
      width: svg ? svg.getBoundingClientRect().width : 0,
    };
  }));
  assert(entries.length >= 14, `the legend has ${entries.length} entries, expected every state`);
  const sprite = await (await page.request.get(new URL(entries[0].href, stack.base).href)).text();
  const symbols = new Set([...sprite.matchAll(/<symbol id="([^"]+)"/g)].map((m) => m[1]));
  for (const e of entries) {
    assert(e.svg && e.hidden, `legend "${e.text}": no SVG icon hidden from screen readers`);
    assert(e.text.length > 2, 'a legend entry has no written label');
    assert(e.width >= 16, `legend "${e.text}": the icon is ${e.width} px wide`);
    const id = new URL(e.href, stack.base).hash.slice(1);
    assert(symbols.has(id), `legend "${e.text}": the sprite has no symbol #${id}`);
  }
  const slotIcons = await page.locator('.slot__state svg use').evaluateAll((uses) => uses.map((u) => u.getAttribute('href')));
  for (const href of slotIcons)
    assert(symbols.has(new URL(href, stack.base).hash.slice(1)), `a slot uses the icon ${href}, not in the sprite`);
  // A slot's icon takes its state's colour from the slot's class, the legend's from its own:
  // the same colour for the same state.
  const colours = (selector) => page.locator(selector).evaluateAll((svgs) => svgs.map((svg) => ({
    id: svg.querySelector('use').getAttribute('href').split('#')[1], colour: getComputedStyle(svg).color,
  })));
  const legendColour = Object.fromEntries((await colours('section.legend svg')).map((e) => [e.id, e.colour]));
  const slotColours = await colours('.slot__state svg');
  assert(slotColours.length >= 1, 'the planning shows no slot with an icon');
  for (const s of slotColours)
    assert(s.colour === legendColour[s.id], `a slot's icon ${s.id} is drawn in ${s.colour}, the legend's in ${legendColour[s.id]}`);
  assert(await page.locator('section.legend').getByText(/[\u{1F300}-\u{1FAFF}\u2600-\u27BF]/u).count() === 0,
    'the legend still uses emoji');
}

// The accessibility statement, from the footer of the home page and of a parent's page.
async function journeyAccessibilityStatement(run) {
  const page = await run.newPage();
  await page.goto(stack.base + '/');
  await expectHeading(page, 'Bienvenue sur le Portail Famille');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibilité : non conforme' }).click();
  await expectHeading(page, "Déclaration d'accessibilité");
  assert(await page.title() === "Déclaration d'accessibilité — Portail Famille de Caumont-sur-Durance",
    `the statement's title is ${JSON.stringify(await page.title())}`);
  const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
  for (const h of ['État de conformité', 'Résultats des tests', 'Contenus non accessibles',
    "Établissement de cette déclaration d'accessibilité", "Retour d'information et contact", 'Voies de recours'])
    assert(headings.includes(h), `the statement has no section "${h}" (got ${JSON.stringify(headings)})`);
  await expectText(page, /est non conforme avec le référentiel général d'amélioration de l'accessibilité \(RGAA\), version 4\.1/);
  assert(await page.getByRole('link', { name: 'formulaire en ligne' }).getAttribute('href') === 'https://formulaire.defenseurdesdroits.fr/',
    'no link to the Défenseur des droits form');
  assert(/^mailto:/.test(await page.getByRole('link', { name: /^portail-famille@/ }).getAttribute('href') || ''),
    'no contact mail address');
  await run.check(page, "déclaration d'accessibilité");

  await loginFromHome(run, page, ROLF_EMAIL, accounts.get(ROLF_EMAIL));
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Planning' }).click();
  await expectHeading(page, 'Planning des activités');
  await checkPlanningLegend(page);
  await run.check(page, 'planning, legend');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibilité : non conforme' }).click();
  await expectHeading(page, "Déclaration d'accessibilité");
  assert(await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).count() === 1,
    'the statement, seen by a parent, lost the session');
  await run.check(page, "déclaration d'accessibilité, connecté");
  await logout(run, page);
}

// --- the runner --------------------------------------------------------------------------------

const tests = [];
function test(name, journey, viewportName, fn) {
  tests.push({
    name,
    fn: async () => {
      const run = new Run(journey, viewportName);
      try {
        await fn(run);
      } catch (e) {
        // Report the page checks that failed before the step that broke the journey.
        if (run.problems.length) e.pageProblems = run.problems;
        throw e;
      } finally {
        await run.close();
      }
      run.finish();
    },
  });
}

for (const vp of ['phone', 'desktop']) {
  test(`signup, confirm by mail, Mon compte, logout, login (${vp})`, 'signup', vp, journeySignup);
  test(`forgotten password reset by mail (${vp})`, 'reset', vp, journeyForgotPassword);
  test(`agent creates a family, child, code abonné; parent signs up with it (${vp})`, 'agent', vp, journeyAgent);
  test(`error pages: 404 and "Créer un compte" empty (${vp})`, 'errors', vp, journeyErrors);
  test(`dossier de famille: alerts, child's file, photo, contact, rules, Mes données (${vp})`, 'dossier', vp, journeyDossier);
  test(`planning: book, see the state change, cancel, waiting list, in a dialog without reload (${vp})`, 'planning', vp, journeyPlanning);
}
test('planning without JavaScript: confirmation page, then "Réservation enregistrée." (phone)', 'planning-nojs', 'phone', journeyPlanningNoScript);
test('keyboard only: skip link, login form, Enter submits (phone)', 'keyboard', 'phone', keyboardLogin);
test('keyboard only: planning, Tab to "Réserver", Enter, Enter, focus on the slot (phone)', 'keyboard-planning', 'phone', keyboardPlanning);
test('long-period request: Mondays and Thursdays, the answer day by day, the planning (phone)', 'long-request', 'phone', journeyLongRequest);
test('"Enfant malade": cancel the coming days with a certificate (desktop)', 'sick-child', 'desktop', journeySickChild);
for (const vp of ['phone', 'desktop'])
  test(`espace facturation: "Payer en ligne", the PayFiP simulator, status page "payée", history "Payée" (${vp})`, 'payment', vp, journeyPayment);
for (const vp of ['phone', 'desktop'])
  test(`espace facturation: open an invoice, contest a line, "Contestation envoyée" (${vp})`, 'dispute', vp, journeyDispute);
for (const vp of ['phone', 'desktop']) {
  test(`installable web app: manifest, icons, service worker, « Vous êtes hors ligne » offline (${vp})`, 'pwa', vp, journeyInstallableOffline);
  test(`déclaration d'accessibilité from the footer, planning legend in SVG (${vp})`, 'accessibilite', vp, journeyAccessibilityStatement);
}

async function main() {
  const started = Date.now();
  // Optional filters: every word given must be in the test's name.
  const filters = process.argv.slice(2);
  const selected = tests.filter((t) => filters.every((f) => t.name.includes(f)));
  if (!selected.length) {
    console.log(`not ok - no test name has every word of ${JSON.stringify(filters)}`);
    console.log('browser: 0 passed, 1 failed');
    process.exitCode = 1;
    return;
  }
  let passed = 0;
  let failed = 0;
  try {
    axeSource = fs.readFileSync(AXE_PATH, 'utf8');
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    stackUp();
    console.log(`# stack up and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    accounts.set(ROLF_EMAIL, stack.parentPassword);
    console.log(`# stack on ${stack.base} (${stack.dir})`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    for (const t of selected) {
      const t0 = Date.now();
      try {
        await t.fn();
        passed += 1;
        console.log(`ok - ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed += 1;
        let message = e instanceof Error ? e.message : String(e);
        if (!(e instanceof AssertionError) && e instanceof Error)
          message += '\n' + (e.stack || '').split('\n').filter((l) => /^\s+at .*run\.mjs/.test(l)).slice(0, 2).join('\n');
        if (e?.pageProblems)
          message += `\n    and ${e.pageProblems.length} page check(s) failed before:\n    ${e.pageProblems.join('\n    ')}`;
        message = message.replace(/\x1b\[[0-9;]*m/g, ''); // no terminal colours in the log
        console.log(`not ok - ${t.name}: ${message}`);
      }
    }
  } catch (e) {
    failed += 1;
    console.log(`not ok - setup: ${e.stack || e}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    stackDown();
  }
  if (axeInjection) console.log(`# axe-core ${JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules/axe-core/package.json'), 'utf8')).version} injected by ${axeInjection}${axeInjection === 'evaluate' ? ` (${axeInjectionNote})` : ''}`);
  console.log(`# ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log(`# ${signal}: stopping the stack`);
    stackDown();
    process.exit(130);
  });
}

await main();
