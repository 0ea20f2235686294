// Accounts in a real browser: a candidate signs up, confirms the address from the email the
// server wrote to MAIL_DIR, logs in and out (and the old session cookie is then worthless); a
// referent created with `ptce user add` confirms the emailed device code and reaches the back
// office, which a candidate cannot.
import { test, expect } from '@playwright/test';
import { codeInEmail, expectNoAxeViolations, linkInEmail, ptce } from './support';

const PASSWORD = 'la coopération territoriale 2011';

test('a candidate signs up, confirms the address, logs in and out', async ({ page, context }) => {
  const email = `camille.${Date.now()}@pole-sud-archer.fr`;
  await page.goto('/');
  await page.getByRole('link', { name: 'Se connecter' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer un compte');
  await expectNoAxeViolations(page);

  // A mistake first: the errors are next to their fields and the input is kept.
  await page.getByLabel('Votre nom').fill('Camille Martin');
  await page.getByLabel('Organisation (structure porteuse)').fill('Pôle Sud Archer');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe (12 caractères au moins)').fill('court');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.locator('#password-error')).toHaveText('Le mot de passe doit compter au moins 12 caractères.');
  await expect(page.getByLabel('Organisation (structure porteuse)')).toHaveValue('Pôle Sud Archer');
  await expectNoAxeViolations(page);

  await page.getByLabel('Mot de passe (12 caractères au moins)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vérifiez votre messagerie');

  const confirmation = await linkInEmail(email, '/inscription/confirmer/');
  await page.goto(confirmation);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adresse confirmée');

  await page.getByRole('main').getByRole('link', { name: 'Se connecter' }).click();
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon espace');
  await expect(page.locator('.facts')).toContainText('Pôle Sud Archer');
  await expectNoAxeViolations(page);

  const session = (await context.cookies()).find((c) => c.name === 'ptce_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();

  // Replaying the old cookie: the session is gone on the server.
  const replay = await page.request.get('/espace', {
    headers: { cookie: `ptce_session=${session?.value}` },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(303);
  expect(replay.headers()['location']).toBe('/connexion?retour=%2Fespace');
});

test('a referent added on the command line reaches the back office; a candidate cannot', async ({ page }) => {
  const referent = `referent.${Date.now()}@coorace.org`;
  const printed = ptce(['user', 'add', '--email', referent, '--role', 'referent', '--network', 'coorace', '--name', 'Anne-Claire Pignal', '--password-stdin'], `${PASSWORD}\n`);
  expect(printed).toContain(`${referent} is referent`);

  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(referent);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // A new device: the code sent by email, then the back office.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirmer cet appareil');
  await expectNoAxeViolations(page);
  await page.getByLabel('Code reçu par courriel (6 chiffres)').fill(await codeInEmail(referent));
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page).toHaveURL(/\/gestion$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gestion de l’appel');
  await expect(page.getByRole('main').getByRole('listitem')).toHaveText('Référent ou référente — COORACE');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  // A candidate (signed up and confirmed through the email) is refused the back office.
  const candidate = `candidat.${Date.now()}@pole.fr`;
  await page.goto('/inscription');
  await page.getByLabel('Votre nom').fill('Dominique');
  await page.getByLabel('Organisation (structure porteuse)').fill('Pôle de Seignanx');
  await page.getByLabel('Adresse électronique').fill(candidate);
  await page.getByLabel('Mot de passe (12 caractères au moins)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.goto(await linkInEmail(candidate, '/inscription/confirmer/'));
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await page.goto('/connexion?retour=/gestion');
  await page.getByLabel('Adresse électronique').fill(candidate);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/gestion')),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
  expect(response.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accès refusé');
  await expectNoAxeViolations(page);
});

test('a cross-site form post is refused', async ({ request }) => {
  const response = await request.post('/connexion', {
    form: { email: 'x@y.fr', password: 'whatever whatever' },
    headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
});

/** Signs a candidate up through the pages and confirms the address from the email. */
async function signUpAndConfirm(page: import('@playwright/test').Page, email: string, organisation: string) {
  await page.goto('/inscription');
  await page.getByLabel('Votre nom').fill('Camille Martin');
  await page.getByLabel('Organisation (structure porteuse)').fill(organisation);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe (12 caractères au moins)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.goto(await linkInEmail(email, '/inscription/confirmer/'));
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adresse confirmée');
}

test('a candidate resets a forgotten password, then invites a colleague who sees the organisation', async ({ page, browser }) => {
  const email = `reset.${Date.now()}@pole-seignanx.fr`;
  await signUpAndConfirm(page, email, 'Pôle de Seignanx');

  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vérifiez votre messagerie');
  await page.goto(await linkInEmail(email, '/mot-de-passe/nouveau/'));
  await expectNoAxeViolations(page);
  const newPassword = 'un tout nouveau mot de passe';
  await page.getByLabel('Mot de passe (12 caractères au moins)').fill(newPassword);
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mot de passe enregistré');

  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(newPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace$/);

  await page.getByRole('link', { name: 'Mon organisation : membres et invitations' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon organisation');
  await expectNoAxeViolations(page);
  const colleague = `collegue.${Date.now()}@pole-seignanx.fr`;
  await page.getByLabel('Adresse électronique de votre collègue').fill(colleague);
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(page.getByRole('status')).toContainText('L’invitation est envoyée.');

  // The colleague, in a browser of their own, follows the emailed link and creates an account.
  const other = await browser.newContext({ locale: 'fr-FR' });
  const theirs = await other.newPage();
  await theirs.goto(await linkInEmail(colleague, '/invitation/'));
  await expect(theirs.getByRole('heading', { level: 1 })).toHaveText('Invitation à rejoindre Pôle de Seignanx');
  await expectNoAxeViolations(theirs);
  await theirs.getByLabel('Votre nom').fill('Dominique Durand');
  await theirs.getByLabel('Mot de passe (12 caractères au moins)').fill(PASSWORD);
  await theirs.getByRole('button', { name: 'Créer mon compte et rejoindre l’organisation' }).click();
  await expect(theirs.getByRole('heading', { level: 1 })).toHaveText('Mon organisation');
  await expect(theirs.locator('main')).toContainText(email);
  await expect(theirs.locator('main')).toContainText(colleague);
  await other.close();
});
