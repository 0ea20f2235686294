// Form C in a real browser: a visitor expresses support without an account, makes a mistake
// first (the error is next to the field, the input kept), follows the link the server emailed to
// MAIL_DIR, confirms on the page it opens, and the public count grows by one then — not before.
// Other specs (meetings) confirm supporters in the same database at the same time: the count is
// read right before confirming, and compared right after.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, linkInEmail } from './support';

/** The public count of confirmed expressions, as the form page says it. */
async function confirmedCount(page: Page): Promise<number> {
  const text = (await page.locator('#supporters-count').textContent()) ?? '';
  if (text === 'Aucune manifestation d’intérêt ou de soutien confirmée pour l’instant.') return 0;
  const counted = /^(\d+) manifestations? d’intérêt ou de soutien confirmées?\.$/.exec(text);
  expect(counted, text).not.toBeNull();
  return Number(counted![1]);
}

function countText(count: number): string {
  return count === 1
    ? '1 manifestation d’intérêt ou de soutien confirmée.'
    : `${count} manifestations d’intérêt ou de soutien confirmées.`;
}

test('a supporter expresses interest, follows the emailed link and is counted', async ({ page }) => {
  const email = `elise.${Date.now()}@castres.fr`;
  await page.goto('/');
  await page.getByRole('link', { name: 'Manifester votre intérêt ou votre soutien (sans compte)' }).click();
  await expect(page).toHaveURL(/\/manifester$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Manifester votre intérêt ou votre soutien');
  await confirmedCount(page);
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

  // Not counted before the link is followed: confirming adds exactly one to this count.
  const confirmation = await linkInEmail(email, '/manifester/confirmer/');
  await page.goto('/manifester');
  const before = await confirmedCount(page);
  await page.goto(confirmation);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirmer votre manifestation');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Confirmer ma manifestation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merci, votre manifestation est enregistrée');
  await expectNoAxeViolations(page);

  await page.getByRole('main').getByRole('link', { name: 'Retour au formulaire' }).click();
  await expect(page.locator('#supporters-count')).toHaveText(countText(before + 1));
});
