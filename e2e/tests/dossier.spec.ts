// A track-A dossier from the first click to the receipt, in a real browser: a new candidate
// signs up, starts a dossier, fills every section (a members table of three rows, a commune
// chosen between the two Castres, a budget that first does not balance), attaches PDFs, reads
// the summary, submits with a double click — and gets exactly one submission, the receipt by
// email with the PDF attached, whose text names the pole.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emailsTo, expectNoAxeViolations, linkInEmail } from './support';

const PASSWORD = 'la coopération territoriale 2011';
const POLE = 'Pôle Sud Archer';

/** A small but well-formed PDF (what the upload sniffing accepts). */
function pdf(name: string): { name: string; mimeType: string; buffer: Buffer } {
  const text = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(text, 'latin1') };
}

async function signUpAndLogIn(page: Page, email: string) {
  await page.goto('/inscription');
  await page.getByLabel('Votre nom').fill('Christophe Chevalier');
  await page.getByLabel('Organisation (structure porteuse)').fill('Groupe Archer');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe (12 caractères au moins)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.goto(await linkInEmail(email, '/inscription/confirmer/'));
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace$/);
}

/** With E2E_SCREENSHOTS=<dir>, a full-page screenshot to look at (nothing otherwise). */
async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

async function next(page: Page, title: string) {
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

/** The attachment of a raw .eml message, decoded. */
function attachmentOf(raw: string, filename: string): Buffer {
  const at = raw.indexOf(`filename="${filename}"`);
  expect(at, `an attachment ${filename}`).toBeGreaterThan(-1);
  const body = raw.slice(at).split(/\r?\n\r?\n/)[1] ?? '';
  const base64 = body.split(/\r?\n--/)[0].replace(/\s+/g, '');
  return Buffer.from(base64, 'base64');
}

test('a candidate fills a track-A dossier, submits it once and gets the receipt', async ({ page }) => {
  test.setTimeout(180_000);
  const email = `christophe.${Date.now()}@archer.fr`;
  await signUpAndLogIn(page, email);

  await page.getByRole('link', { name: 'Commencer un dossier' }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel(/PTCE opérationnel/).check();
  await page.getByRole('button', { name: 'Commencer le dossier' }).click();

  // 1. The pole and its lead structure; Castres is in the Tarn and in the Aisne.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le pôle et sa structure porteuse');
  await expect(page.locator('.step-count')).toHaveText('Étape 1 sur 15');
  await page.locator('#f-pole_name').fill(POLE);
  await page.locator('#f-lead_name').fill('Groupe Archer');
  await page.locator('#f-lead_legal_form').selectOption('association');
  await page.locator('#f-lead_siret').fill('732 829 320 00074');
  await page.locator('#f-lead_ess-oui').check();
  await page.locator('#f-lead_address').fill('8 rue Pierre Curie');
  await page.locator('#f-lead_commune').fill('Castres');
  await page.locator('#f-lead_commune').press('Escape');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page.locator('.commune-choices legend')).toHaveText('Plusieurs communes portent ce nom : laquelle ?');
  await shot(page, '01-pole-homonyms');
  await expectNoAxeViolations(page);
  await page.getByLabel('Castres (81 — Tarn)').check();
  await next(page, 'Contact et réseau');

  await page.locator('#f-contact_name').fill('Christophe Chevalier');
  await page.locator('#f-contact_email').fill(email);
  await page.getByLabel('COORACE').check();
  await next(page, 'Territoire');

  await page.getByLabel('Intercommunalité / bassin de vie').check();
  await page.locator('#f-territory_communes-0').fill('Castres (81 — Tarn)');
  await page.locator('#f-territory_communes-0').press('Escape');
  await next(page, 'Histoire et identité');

  await page.locator('#f-year_started').fill('2007');
  await page.locator('#f-genesis').fill('Né de la crise de la chaussure, le pôle relocalise la production.');
  await page.locator('#f-legal_vehicle').getByLabel('Association').check();
  await page.locator('#f-profile').getByLabel(/multi-activités/i).check();
  await page.locator('#f-sectors').getByLabel('Textile et mode').check();
  await next(page, 'Membres');

  // A members table of three rows: two at first (two blank rows are offered), then a third.
  const member = async (row: number, name: string, category: string, ess: string, role: string) => {
    await page.locator(`#f-members-${row}-name`).fill(name);
    await page.locator(`#f-members-${row}-category`).selectOption(category);
    await page.locator(`#f-members-${row}-ess`).selectOption(ess);
    await page.locator(`#f-members-${row}-commune`).fill('Castres (81 — Tarn)');
    await page.locator(`#f-members-${row}-commune`).press('Escape');
    await page.locator(`#f-members-${row}-role`).selectOption(role);
  };
  await member(0, 'Groupe Archer', 'entreprise-ess', 'oui', 'fondateur');
  await member(1, 'Les Chaussures Clergerie', 'entreprise-hors-ess', 'non', 'membre-actif');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.locator('#f-members-2-name')).toBeVisible();
  await member(2, 'Ville de Castres', 'collectivite', 'non', 'partenaire-associe');
  await shot(page, '02-members');
  await expectNoAxeViolations(page);
  await next(page, 'Stratégie de coopération');

  await page.locator('#f-shared_strategy').fill('Relocaliser la production de chaussures à Castres.');
  await page.locator('#f-mutualisations').getByLabel('Locaux').check();
  await page.locator('#f-joint_projects-0-title').fill('Made in Castres');
  await page.locator('#f-joint_projects-0-partners').fill('Archer, Clergerie');
  await page.locator('#f-joint_projects-0-status').selectOption('en-cours');
  await next(page, 'Activité et emplois');

  await page.locator('#f-activity-0-year').fill('2010');
  await page.locator('#f-activity-0-direct_jobs').fill('120');
  await page.locator('#f-activity-0-fte').fill('98,5');
  await page.locator('#f-activity-0-turnover').fill('5 000 000');
  await page.locator('#f-activity-0-public_funding').fill('1 000 000');
  await page.locator('#f-activity-0-own_revenue').fill('4 000 000');
  await next(page, 'Innovation');

  await page.locator('#f-innovation_kinds').getByLabel('Sociale').check();
  await page.locator('#f-innovation_description').fill('Une coopérative de production.');
  await next(page, 'Ancrage territorial');

  await page.locator('#f-local_needs').fill('Des emplois après la fermeture des usines.');
  await page.locator('#f-local_partners').fill('La ville, l’agglomération.');
  await next(page, 'Gouvernance');

  await page.locator('#f-governance').fill('Un comité de pilotage mensuel.');
  await page.locator('#f-decision_bodies').fill('Assemblée générale');
  await next(page, 'Recherche et formation');
  await next(page, 'Programme d’action');

  await page.locator('#f-action_plan-0-action').fill('Atelier partagé');
  await page.locator('#f-action_plan-0-objective').fill('20 emplois');
  await page.locator('#f-action_plan-0-start').fill('2012-01-01');
  await page.locator('#f-action_plan-0-lead').fill('Groupe Archer');
  await page.locator('#f-support_needs').getByLabel('Accompagnement').check();
  await next(page, 'Budget et financement');

  // A budget that does not balance: a warning, then it balances.
  await page.locator('#f-budget-0-year').selectOption('1');
  await page.locator('#f-budget-0-category').selectOption('personnel');
  await page.locator('#f-budget-0-amount').fill('100 000');
  await page.locator('#f-resources-0-year').selectOption('1');
  await page.locator('#f-resources-0-source').selectOption('autofinancement');
  await page.locator('#f-resources-0-amount').fill('60 000');
  await page.locator('#f-resources-0-status').selectOption('acquis');
  await page.locator('#f-amount_requested').fill('25 000');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.goto(page.url().split('?')[0].replace(/\/sections\/.*$/, ''));
  await expect(page.locator('#missing .missing--warning').first()).toContainText('100 000');
  await shot(page, '03-summary-unbalanced');
  await page.goBack();
  await page.locator('#f-resources-1-year').selectOption('1');
  await page.locator('#f-resources-1-source').selectOption('appel-ptce');
  await page.locator('#f-resources-1-amount').fill('40 000');
  await page.locator('#f-resources-1-status').selectOption('sollicite');
  await expectNoAxeViolations(page);
  await next(page, 'Pièces jointes');

  // PDFs attached through the plain (no script needed) upload forms.
  const upload = async (field: string, name: string) => {
    await page.locator(`#f-${field}-file`).setInputFiles(pdf(name));
    await page.locator(`#f-${field}`).getByRole('button', { name: 'Envoyer le fichier' }).click();
    await expect(page.locator('.notice')).toHaveText('Le fichier est joint au dossier.');
    await expect(page.locator(`#f-${field} .files`)).toContainText(name);
  };
  await upload('statutes', 'statuts.pdf');
  await upload('accounts', 'comptes-2010.pdf');
  await upload('commitment_letters', 'lettre-clergerie.pdf');
  await shot(page, '04-documents');
  await expectNoAxeViolations(page);
  await next(page, 'Engagements');

  await page.locator('#f-publication_consent-oui').check();
  await page.locator('#f-sworn_statement-oui').check();
  await page.locator('#f-signed_on').fill('2011-11-28');
  await page.getByRole('button', { name: 'Enregistrer et voir le récapitulatif' }).click();

  // The summary: nothing missing, the budget balances; submit with a double click.
  await expect(page.locator('#nothing-missing')).toBeVisible();
  await expect(page.locator('#missing')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Déposer le dossier' }).dblclick();
  await expect(page.locator('#notice')).toContainText('Votre dossier est déposé');
  await expect(page.locator('#state')).toHaveText('Déposé');
  await expect(page.locator('#history tbody tr')).toHaveCount(2);
  await expect(page.locator('#history tbody')).toContainText('Dossier déposé (récépissé 1)');
  await expect(page.locator('#receipts li')).toHaveCount(1);
  await shot(page, '05-submitted');
  await expectNoAxeViolations(page);

  // The receipt email, with the PDF whose text names the pole.
  let raw = '';
  await expect
    .poll(() => {
      raw = emailsTo(email).find((m) => m.includes('recepisse-A-')) ?? '';
      return raw;
    }, { timeout: 15_000, message: 'a receipt email' })
    .not.toBe('');
  const filename = raw.match(/filename="(recepisse-A-\d{4}-1\.pdf)"/)?.[1] ?? '';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-')), filename);
  fs.writeFileSync(file, attachmentOf(raw, filename));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(text.replace(/\s+/g, ' ')).toContain(POLE);
  expect(text).toContain('Récépissé de dépôt');
});
