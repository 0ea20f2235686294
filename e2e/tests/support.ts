// Shared helpers of the browser tests: the axe scan, the emails the server wrote to MAIL_DIR,
// and the `ptce` command line on the server's own database.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Runs axe with the WCAG 2.0/2.1 A and AA rules and fails the test with a list a developer can act
 * on (rule, impact, selectors, what to fix). Soft, so the test's other checks still run.
 */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
        .join('\n');
      return `  ${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  expect.soft(
    results.violations.length,
    `axe found ${results.violations.length} violation(s) on ${page.url()}:\n${report}`,
  ).toBe(0);
}

const mailDir = () => path.join(process.env.PTCE_E2E_TMP ?? '', 'mail');

/** Decodes a quoted-printable MIME part (soft line breaks, =XX bytes as UTF-8). */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (c === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The decoded text of every email written to MAIL_DIR for an address, oldest first. */
export function emailsTo(address: string): string[] {
  if (!fs.existsSync(mailDir())) return [];
  return fs
    .readdirSync(mailDir())
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => fs.readFileSync(path.join(mailDir(), f), 'utf8'))
    .filter((raw) => new RegExp(`^To: .*${address.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw))
    .map((raw) => {
      const transferEncodedQp = /Content-Transfer-Encoding: quoted-printable/i.test(raw);
      return transferEncodedQp ? decodeQuotedPrintable(raw) : raw;
    });
}

/** Waits for the email worker to write a message to `address` holding a link to `pathPrefix`. */
export async function linkInEmail(address: string, pathPrefix: string, count = 1): Promise<string> {
  let link = '';
  await expect
    .poll(() => {
      const links = emailsTo(address)
        .map((text) => text.match(new RegExp(`https?://[^\\s"<>]*${pathPrefix}[A-Za-z0-9_-]{43}`)))
        .filter((m): m is RegExpMatchArray => m !== null)
        .map((m) => m[0]);
      link = links[count - 1] ?? '';
      return link;
    }, { timeout: 15_000, message: `an email to ${address} with a ${pathPrefix} link` })
    .not.toBe('');
  return new URL(link).pathname;
}

/** Runs `ptce ARGS…` on the server's database (works beside the running server). */
export function ptce(args: string[], input?: string): string {
  const bin = path.resolve(__dirname, '..', process.env.PTCE_BIN || '../target/debug/ptce');
  const databaseUrl = process.env.E2E_DATABASE_URL || `sqlite://${process.env.PTCE_E2E_TMP}/e2e.db`;
  return execFileSync(bin, args, {
    input,
    env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'warn' },
    encoding: 'utf8',
  });
}

/** Waits for the latest device-check code emailed to `address` (a line holding six digits). */
export async function codeInEmail(address: string): Promise<string> {
  let code = '';
  await expect
    .poll(() => {
      const codes = emailsTo(address)
        .map((text) => text.match(/^\s+(\d{6})\s*$/m))
        .filter((m): m is RegExpMatchArray => m !== null)
        .map((m) => m[1]);
      code = codes[codes.length - 1] ?? '';
      return code;
    }, { timeout: 15_000, message: `an email to ${address} with a 6-digit code` })
    .not.toBe('');
  return code;
}

// ---------------------------------------------------------------------------------------------
// The people of the call in a browser: staff added with `ptce user add`, candidates signed up
// through the site, a track-A dossier submitted, a decision prepared and released on the
// selection board, a pole proposed by its candidate and published by the steering group. Used by
// the specs that need a submitted dossier or a published pole (`ptce generate` cannot write
// beside the running server).

/** The password of every account the browser tests make. */
export const PASSWORD = 'la coopération territoriale 2011';

/** With E2E_SCREENSHOTS=<dir>, a full-page screenshot to look at (nothing otherwise). */
export async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** A staff account added on the command line (`role`: steering, referent…; a referent's network). */
export function addStaff(email: string, role: string, name: string, network?: string) {
  const args = ['user', 'add', '--email', email, '--role', role];
  if (network) args.push('--network', network);
  ptce([...args, '--name', name, '--password-stdin'], `${PASSWORD}\n`);
}

/** Logs a staff member in (password, then the code emailed to check the device). */
export async function staffLogIn(page: Page, email: string) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByLabel('Code reçu par courriel (6 chiffres)').fill(await codeInEmail(email));
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page).toHaveURL(/\/gestion$/);
}

/** Logs a candidate in; lands on their space. */
export async function candidateLogIn(page: Page, email: string) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace$/);
}

/** Signs a candidate up, confirms the address from the email, and logs in. */
export async function signUp(page: Page, email: string, organisation: string) {
  await page.goto('/inscription');
  await page.getByLabel('Votre nom').fill('Dominique Roux');
  await page.getByLabel('Organisation (structure porteuse)').fill(organisation);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe (12 caractères au moins)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.goto(await linkInEmail(email, '/inscription/confirmer/'));
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await candidateLogIn(page, email);
}

async function next(page: Page, title: string) {
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

async function commune(page: Page, id: string, label: string) {
  await page.locator(id).fill(label);
  await page.locator(id).press('Escape');
}

/**
 * A track-A dossier filled and submitted from the candidate's space with "Je ne sais pas" as
 * network, asking 10 000 €; `place` is a commune as the picker shows it ("Romans-sur-Isère (26 —
 * Drôme)"). Returns the dossier's address (absolute, without query).
 */
export async function submitDossier(page: Page, email: string, pole: string, place: string) {
  await page.getByRole('link', { name: 'Commencer un dossier' }).click();
  await page.getByLabel(/PTCE opérationnel/).check();
  await page.getByRole('button', { name: 'Commencer le dossier' }).click();
  await page.locator('#f-pole_name').fill(pole);
  await page.locator('#f-lead_name').fill(`${pole} (association)`);
  await page.locator('#f-lead_legal_form').selectOption('association');
  await page.locator('#f-lead_siret').fill('732 829 320 00074');
  await page.locator('#f-lead_ess-oui').check();
  await page.locator('#f-lead_address').fill('1 place de la Mairie');
  await commune(page, '#f-lead_commune', place);
  await next(page, 'Contact et réseau');
  await page.locator('#f-contact_name').fill('Dominique Roux');
  await page.locator('#f-contact_email').fill(email);
  await page.getByLabel('Je ne sais pas').check();
  await next(page, 'Territoire');
  await page.getByLabel('Intercommunalité / bassin de vie').check();
  await commune(page, '#f-territory_communes-0', place);
  await next(page, 'Histoire et identité');
  await page.locator('#f-year_started').fill('2008');
  await page.locator('#f-genesis').fill('Des structures du territoire mettent leurs moyens en commun.');
  await page.locator('#f-legal_vehicle').getByLabel('Association').check();
  await page.locator('#f-profile').getByLabel(/multi-activités/i).check();
  await page.locator('#f-sectors').getByLabel('Recyclage et réemploi').check();
  await next(page, 'Membres');
  const members: [string, string, string, string][] = [
    [`${pole} (association)`, 'entreprise-ess', 'oui', 'fondateur'],
    ['Menuiserie Durand', 'entreprise-hors-ess', 'non', 'membre-actif'],
  ];
  for (const [row, [name, category, ess, role]] of members.entries()) {
    await page.locator(`#f-members-${row}-name`).fill(name);
    await page.locator(`#f-members-${row}-category`).selectOption(category);
    await page.locator(`#f-members-${row}-ess`).selectOption(ess);
    await commune(page, `#f-members-${row}-commune`, place);
    await page.locator(`#f-members-${row}-role`).selectOption(role);
  }
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.locator('#f-members-2-name').fill('Communauté de communes');
  await page.locator('#f-members-2-category').selectOption('collectivite');
  await page.locator('#f-members-2-ess').selectOption('non');
  await commune(page, '#f-members-2-commune', place);
  await page.locator('#f-members-2-role').selectOption('partenaire-associe');
  await next(page, 'Stratégie de coopération');
  await page.locator('#f-shared_strategy').fill('Mutualiser un atelier de réemploi.');
  await page.locator('#f-mutualisations').getByLabel('Locaux').check();
  await page.locator('#f-joint_projects-0-title').fill('Ressourcerie');
  await page.locator('#f-joint_projects-0-partners').fill('Tous les membres');
  await page.locator('#f-joint_projects-0-status').selectOption('en-cours');
  await next(page, 'Activité et emplois');
  await page.locator('#f-activity-0-year').fill('2010');
  await page.locator('#f-activity-0-direct_jobs').fill('25');
  await page.locator('#f-activity-0-fte').fill('20');
  await page.locator('#f-activity-0-turnover').fill('900 000');
  await page.locator('#f-activity-0-public_funding').fill('300 000');
  await page.locator('#f-activity-0-own_revenue').fill('600 000');
  await next(page, 'Innovation');
  await page.locator('#f-innovation_kinds').getByLabel('Sociale').check();
  await page.locator('#f-innovation_description').fill('Des parcours d’insertion dans le réemploi.');
  await next(page, 'Ancrage territorial');
  await page.locator('#f-local_needs').fill('Des emplois peu qualifiés sur place.');
  await page.locator('#f-local_partners').fill('La communauté de communes.');
  await next(page, 'Gouvernance');
  await page.locator('#f-governance').fill('Un conseil de coopération trimestriel.');
  await page.locator('#f-decision_bodies').fill('Assemblée générale');
  await next(page, 'Recherche et formation');
  await next(page, 'Programme d’action');
  await page.locator('#f-action_plan-0-action').fill('Ouvrir la ressourcerie');
  await page.locator('#f-action_plan-0-objective').fill('8 emplois');
  await page.locator('#f-action_plan-0-start').fill('2012-03-01');
  await page.locator('#f-action_plan-0-lead').fill(pole);
  await page.locator('#f-support_needs').getByLabel('Accompagnement').check();
  await next(page, 'Budget et financement');
  await page.locator('#f-budget-0-year').selectOption('1');
  await page.locator('#f-budget-0-category').selectOption('personnel');
  await page.locator('#f-budget-0-amount').fill('50 000');
  await page.locator('#f-resources-0-year').selectOption('1');
  await page.locator('#f-resources-0-source').selectOption('autofinancement');
  await page.locator('#f-resources-0-amount').fill('50 000');
  await page.locator('#f-resources-0-status').selectOption('acquis');
  await page.locator('#f-amount_requested').fill('10 000');
  await next(page, 'Pièces jointes');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  for (const field of ['statutes', 'accounts', 'commitment_letters']) {
    await page.locator(`#f-${field}-file`).setInputFiles({ name: `${field}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await page.locator(`#f-${field}`).getByRole('button', { name: 'Envoyer le fichier' }).click();
    await expect(page.locator('.notice')).toHaveText('Le fichier est joint au dossier.');
  }
  await next(page, 'Engagements');
  await page.locator('#f-publication_consent-oui').check();
  await page.locator('#f-sworn_statement-oui').check();
  await page.locator('#f-signed_on').fill('2011-11-28');
  await page.getByRole('button', { name: 'Enregistrer et voir le récapitulatif' }).click();
  await expect(page.locator('#nothing-missing')).toBeVisible();
  await page.getByRole('button', { name: 'Déposer le dossier' }).click();
  await expect(page.locator('#state')).toHaveText('Déposé');
  return page.url().split('?')[0];
}

/**
 * On the track-A selection board, prepares a "Retenu" decision for the dossier of `pole` (not
 * released: candidates see nothing yet).
 */
export async function prepareSelected(steering: Page, pole: string, motivation: string) {
  await steering.goto('/gestion/selection?parcours=established');
  const row = steering.locator('#board tbody tr', { hasText: pole });
  await row.locator('select[name="outcome"]').selectOption('selected');
  await row.locator('textarea[name="motivation"]').fill(motivation);
  await row.getByRole('button', { name: 'Préparer' }).click();
  await expect(steering.locator('#notice')).toBeVisible();
}

/** Releases the prepared decision of the dossier of `pole` on its own (its candidate is told). */
export async function releaseDecision(steering: Page, pole: string) {
  await steering.goto('/gestion/selection?parcours=established');
  await steering.locator('#board tbody tr', { hasText: pole }).getByRole('button', { name: /Publier cette décision/ }).click();
  await expect(steering.locator('#board tbody tr', { hasText: pole }).locator('.decision strong')).toHaveText('Retenu');
}

/**
 * From its selected dossier's page, the candidate proposes the pole's public page: the groups
 * whose label matches `keepPrivate` unticked, a description and a public contact. With `scan`,
 * an axe scan of the publication form before it is filled.
 */
export async function proposePublication(
  candidate: Page,
  dossierUrl: string,
  fields: { description: string; contactEmail: string; keepPrivate?: RegExp[]; scan?: boolean },
) {
  await candidate.goto(dossierUrl);
  await expect(candidate.locator('#decision-subject')).not.toBeEmpty();
  await candidate.getByRole('link', { name: 'Publier votre pôle dans l’annuaire du réseau' }).click();
  await expect(candidate.getByRole('heading', { level: 1 })).toHaveText('Votre pôle dans l’annuaire');
  if (fields.scan) await expectNoAxeViolations(candidate);
  for (const label of fields.keepPrivate ?? []) await candidate.getByLabel(label).uncheck();
  await candidate.getByLabel('Présentation publique du pôle').fill(fields.description);
  await candidate.getByLabel('Adresse électronique du contact public').fill(fields.contactEmail);
  await candidate.getByRole('button', { name: 'Proposer au comité de pilotage' }).click();
  await expect(candidate.locator('#notice')).toContainText('Proposition envoyée');
}

/**
 * The steering group publishes the version of `pole` waiting for its decision, from the list of
 * poles. With `scan`, axe scans of the list and of the pole's page. Returns the public page's
 * address (/poles/{slug}); the steering page stays on the pole's back-office page.
 */
export async function publishPole(steering: Page, pole: string, options: { scan?: boolean } = {}) {
  await steering.goto('/gestion/poles');
  if (options.scan) await expectNoAxeViolations(steering);
  await steering.locator('#poles tr', { hasText: pole }).locator('a[href^="/gestion/poles/"]').click();
  if (options.scan) await expectNoAxeViolations(steering);
  await steering.getByRole('button', { name: 'Publier cette version' }).click();
  await expect(steering.locator('#notice')).toContainText('Version publiée');
  const link = await steering.locator('#pole-state a').getAttribute('href');
  expect(link ?? '').toMatch(/^\/poles\//);
  return link ?? '/';
}
