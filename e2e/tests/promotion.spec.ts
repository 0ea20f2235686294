// Promotion of the network: the steering group adds an institutional partner (a refused
// input first, said next to its field), /partenaires lists it and is linked from the footer;
// the network's one-page presentation is a PDF. axe on every page (0 violations).
import { test, expect } from '@playwright/test';
import { addStaff, expectNoAxeViolations, shot, staffLogIn } from './support';

test('the steering group adds a partner that /partenaires lists', async ({ page }) => {
  test.setTimeout(120_000);
  const email = `copil.partenaires.${Date.now()}@labo-ess.org`;
  addStaff(email, 'steering', 'Claude Alphandéry');
  await staffLogIn(page, email);

  await page.getByRole('link', { name: 'Partenaires de l’appel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partenaires institutionnels');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Ajouter un partenaire' }).click();
  await expectNoAxeViolations(page);

  // A website that is not one is refused next to its field, what was typed kept.
  await page.getByLabel('Nom').fill('Caisse des Dépôts');
  await page.getByLabel('Type de partenaire').selectOption({ label: 'Établissements et agences publics' });
  await page.getByLabel('Site internet (facultatif)').fill('pas une adresse');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#website-error')).toHaveText('Indiquez une adresse web, par exemple www.partenaire.fr, ou laissez vide.');
  await expect(page.getByLabel('Nom')).toHaveValue('Caisse des Dépôts');
  await shot(page, 'pr-01-partner-error');
  await expectNoAxeViolations(page);

  await page.getByLabel('Site internet (facultatif)').fill('www.caissedesdepots.fr');
  await page.getByLabel(/^Description/).fill('Accompagne le développement économique des territoires.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#notice')).toHaveText('Partenaire ajouté.');
  await expect(page.locator('#partners')).toContainText('Caisse des Dépôts');
  await expectNoAxeViolations(page);

  // The public page, reached from the footer.
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Partenaires' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partenaires de l’appel');
  await expect(page.locator('#partners-etablissement-public .partner__name')).toHaveText(['Caisse des Dépôts']);
  await expect(page.locator('#networks .partner__name')).toHaveCount(5);
  await shot(page, 'pr-02-partners');
  await expectNoAxeViolations(page);
});

test('the network presentation is a one-page PDF linked from the directory', async ({ page, request }) => {
  await page.goto('/annuaire');
  await expect(page.locator('#network-sheet-link')).toHaveAttribute('href', '/annuaire/reseau.pdf');
  const response = await request.get('/annuaire/reseau.pdf');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
