// The costed proposal in a real browser: a candidate submits a track-A dossier (asking 10 000 €),
// the steering group prepares a "Retenu" decision on the selection board (not released), then sets
// the envelope, opens a new scenario, types an amount above the dossier's request (refused next to
// the field), corrects it, saves, and downloads the scenario as XLSX and PDF. axe on every page
// of the proposal (0 violations). The candidate's helpers are in support.ts (`ptce generate`
// cannot write beside the running server).
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import {
  addStaff,
  expectNoAxeViolations,
  prepareSelected,
  shot,
  signUp,
  staffLogIn,
  submitDossier,
} from './support';

test('the steering group compares a scenario with the envelope and exports it', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const email = `copil.proposition.${stamp}@labo-ess.org`;
  const candidate = `porteur.proposition.${stamp}@ressourcerie.fr`;
  const pole = `Ressourcerie romanaise ${stamp}`;
  addStaff(email, 'steering', 'Claude Alphandéry');
  const applicant = await (await browser.newContext()).newPage();
  await signUp(applicant, candidate, `${pole} (association)`);
  await submitDossier(applicant, candidate, pole, 'Romans-sur-Isère (26 — Drôme)');

  await staffLogIn(page, email);
  // A "Retenu" decision prepared on the board of track A (not released).
  await prepareSelected(page, pole, 'Une coopération solide.');

  await page.goto('/gestion');
  await page.getByRole('link', { name: 'Proposition chiffrée d’appui et de financement' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Proposition chiffrée');
  await expect(page.locator('#dossiers tbody tr', { hasText: pole })).toContainText('Retenu (préparée)');
  await expectNoAxeViolations(page);

  await page.getByLabel('Enveloppe de l’appel (€)').fill('mille');
  await page.getByRole('button', { name: 'Enregistrer l’enveloppe' }).click();
  await expect(page.locator('#enveloppe-error')).toHaveText('montant invalide : « m » n’est pas un chiffre');
  await expectNoAxeViolations(page);
  await page.getByLabel('Enveloppe de l’appel (€)').fill('150 000');
  await page.getByRole('button', { name: 'Enregistrer l’enveloppe' }).click();
  await expect(page.locator('#notice')).toHaveText('L’enveloppe est enregistrée.');
  await shot(page, 'proposal');

  await page.getByRole('link', { name: 'Nouveau scénario' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouveau scénario');
  await expectNoAxeViolations(page);
  await page.getByLabel('Nom du scénario').fill('Scénario sobre');
  const line = page.locator('#scenario-lines tbody tr', { hasText: pole });
  const first = line.locator('input[name^=montant-]');
  await expect(first).toHaveValue('10000');
  await first.fill('10 001');
  await page.getByRole('button', { name: 'Enregistrer le scénario' }).click();
  await expect(page.locator('#errors')).toBeVisible();
  await expect(page.locator('.field__error')).toHaveText(/^montant refusé : il dépasse le montant demandé par le dossier/);
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await shot(page, 'proposal-scenario-error');

  await expect(first).toHaveValue('10 001');
  await first.fill('8 000');
  await page.getByRole('button', { name: 'Enregistrer le scénario' }).click();
  await expect(page.locator('#notice')).toHaveText('Le scénario est enregistré.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scénario sobre');
  await expect(page.locator('#dossiers tbody tr', { hasText: pole })).toContainText('8 000');
  await expectNoAxeViolations(page);
  await shot(page, 'proposal-scenario');

  for (const [label, type] of [['Tableur (XLSX)', 'spreadsheetml'], ['Rapport (PDF)', 'application/pdf']]) {
    const href = await page.getByRole('link', { name: label }).getAttribute('href');
    const response = await page.request.get(href ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain(type);
    const dir = process.env.E2E_SCREENSHOTS;
    if (dir) fs.writeFileSync(`${dir}/proposal.${type === 'application/pdf' ? 'pdf' : 'xlsx'}`, await response.body());
  }

  await page.getByRole('link', { name: 'Retour à la proposition chiffrée' }).click();
  await expect(page.locator('#comparison thead a')).toHaveText(['Scénario sobre']);
  await expectNoAxeViolations(page);
});
