// Call settings in a real browser: a steering-group member created with `ptce user add` logs in
// (emailed device code), opens the call settings from the back office, changes the French
// tagline and sees it on the home page; every settings page visited (a form's preview too)
// passes axe.
import { test, expect } from '@playwright/test';
import { codeInEmail, expectNoAxeViolations, ptce } from './support';

const PASSWORD = 'la coopération territoriale 2011';

test('a steering member changes the tagline and sees it on the home page', async ({ page }) => {
  const member = `copil.${Date.now()}@labo-ess.org`;
  const printed = ptce(['user', 'add', '--email', member, '--role', 'steering', '--name', 'Claude Alphandéry', '--password-stdin'], `${PASSWORD}\n`);
  expect(printed).toContain(`${member} is steering`);

  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(member);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirmer cet appareil');
  await page.getByLabel('Code reçu par courriel (6 chiffres)').fill(await codeInEmail(member));
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page).toHaveURL(/\/gestion$/);

  await page.getByRole('link', { name: 'Paramètres de l’appel : textes, calendrier, parcours et formulaires' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paramètres de l’appel');
  await expectNoAxeViolations(page);

  // The other settings pages, as the steering group finds them.
  for (const [link, heading] of [
    ['Calendrier', 'Calendrier'],
    ['Parcours et quotas', 'Parcours et quotas'],
    ['Formulaires', 'Formulaires'],
  ]) {
    await page.goto('/gestion/appel');
    await page.getByRole('main').getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectNoAxeViolations(page);
  }

  // A form checked and previewed as applicants will see it (not published: other tests start
  // dossiers on this server).
  await page.goto('/gestion/appel/formulaires');
  await page.getByRole('link', { name: 'Importer une nouvelle révision — Initiative en projet ou en construction — accompagnement' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Formulaire — Initiative en projet ou en construction — accompagnement');
  await expectNoAxeViolations(page);
  const source = page.getByLabel('Schéma du formulaire (TOML)');
  await source.fill(`${await source.inputValue()}\n# Révision d’essai\n`);
  await page.getByRole('button', { name: 'Vérifier et prévisualiser' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aperçu du formulaire — Initiative en projet ou en construction — accompagnement');
  await expect(page.getByRole('button', { name: 'Publier la révision 2' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/gestion/appel');
  await page.getByRole('link', { name: 'Textes de l’appel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Textes de l’appel');
  await expectNoAxeViolations(page);

  // A mistake first: an empty English tagline is refused next to its field, input kept.
  const tagline = `Coopérer dans les territoires — édition ${Date.now()}`;
  await page.getByLabel('Accroche — français').fill(tagline);
  await page.getByLabel('Accroche — anglais').fill('');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#tagline-en-error')).toHaveText('Ce texte est obligatoire : l’appel est toujours publié en français et en anglais.');
  await expect(page.getByLabel('Accroche — français')).toHaveValue(tagline);
  await expectNoAxeViolations(page);

  await page.getByLabel('Accroche — anglais').fill('Cooperating in the territories');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status')).toHaveText('Les textes de l’appel sont enregistrés ; les pages publiques les montrent dès maintenant.');

  await page.goto('/');
  await expect(page.locator('.hero__tagline')).toHaveText(tagline);
  await expectNoAxeViolations(page);
});
