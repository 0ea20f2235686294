// Form C in a real browser: a visitor expresses support without an account, makes a mistake
// first (the error is next to the field, the input kept), follows the link the server emailed to
// MAIL_DIR, confirms on the page it opens, and the public count goes from 0 to 1.
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, linkInEmail } from './support';

test('a supporter expresses interest, follows the emailed link and is counted', async ({ page }) => {
  const email = `elise.${Date.now()}@castres.fr`;
  await page.goto('/');
  await page.getByRole('link', { name: 'Manifester votre intérêt ou votre soutien (sans compte)' }).click();
  await expect(page).toHaveURL(/\/manifester$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Manifester votre intérêt ou votre soutien');
  await expect(page.locator('#supporters-count')).toHaveText(
    'Aucune manifestation d’intérêt ou de soutien confirmée pour l’instant.',
  );
  await expect(page.getByLabel('La démarche en général')).toBeChecked();
  await expectNoAxeViolations(page);

  // A mistake first: no name.
  await page.getByLabel(/^Vous êtes/).selectOption({ label: 'Collectivité' });
  await page.getByLabel(/^Organisation/).fill('Ville de Castres');
  // The commune picker: two Castres, the one of the Tarn picked from the list.
  await page.getByRole('combobox', { name: /^Commune/ }).fill('Castres');
  await page.getByRole('option', { name: 'Castres (81 — Tarn)' }).click();
  await page.getByLabel(/^Adresse électronique/).fill(email);
  await page.getByLabel('Lettre de soutien').check();
  await page.getByRole('group', { name: /J’accepte que ces informations/ }).getByLabel('Oui').check();
  await page.getByRole('button', { name: 'Envoyer ma manifestation' }).click();
  await expect(page.locator('#f-name-error')).toHaveText('Ce champ est obligatoire.');
  await expect(page.locator('.error-summary')).toContainText('Nom et prénom : Ce champ est obligatoire.');
  await expect(page.getByLabel(/^Organisation/)).toHaveValue('Ville de Castres');
  await expect(page.getByLabel(/^Adresse électronique/)).toHaveValue(email);
  await expectNoAxeViolations(page);

  await page.getByLabel(/^Nom et prénom/).fill('Élise Durand');
  await page.getByRole('button', { name: 'Envoyer ma manifestation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vérifiez votre messagerie');
  await expectNoAxeViolations(page);

  // Not counted before the link is followed.
  await page.goto('/manifester');
  await expect(page.locator('#supporters-count')).toHaveText(
    'Aucune manifestation d’intérêt ou de soutien confirmée pour l’instant.',
  );

  const confirmation = await linkInEmail(email, '/manifester/confirmer/');
  await page.goto(confirmation);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirmer votre manifestation');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Confirmer ma manifestation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merci, votre manifestation est enregistrée');
  await expectNoAxeViolations(page);

  await page.getByRole('main').getByRole('link', { name: 'Retour au formulaire' }).click();
  await expect(page.locator('#supporters-count')).toHaveText('1 manifestation d’intérêt ou de soutien confirmée.');
});
