// Meetings of the network in a real browser: the steering group creates a meeting, invites a
// supporter who confirmed form C; the supporter opens the link emailed to MAIL_DIR without any
// account, answers "yes, 2 people", then changes the answer with the same link; the steering
// group sees the answer. Then a concurrent change (the conflict message, what was typed kept)
// and a cancellation (confirmation page, "Annulée" on the public pages, the link closed). axe on
// every page visited (0 violations).
import { test, expect, type Page } from '@playwright/test';
import { addStaff, expectNoAxeViolations, linkInEmail, shot, staffLogIn } from './support';

/** Form C filled and confirmed through its emailed link. */
async function confirmedSupporter(page: Page, email: string) {
  await page.goto('/manifester');
  await page.getByLabel(/^Vous êtes/).selectOption({ label: 'Collectivité' });
  await page.getByLabel(/^Nom et prénom/).fill('Élise Durand');
  await page.getByLabel(/^Organisation/).fill('Ville de Castres');
  await page.getByRole('combobox', { name: /^Commune/ }).fill('Castres');
  await page.getByRole('option', { name: 'Castres (81 — Tarn)' }).click();
  await page.getByLabel(/^Adresse électronique/).fill(email);
  await page.getByLabel('Lettre de soutien').check();
  await page.getByRole('group', { name: /J’accepte que ces informations/ }).getByLabel('Oui').check();
  await page.getByRole('button', { name: 'Envoyer ma manifestation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vérifiez votre messagerie');
  await page.goto(await linkInEmail(email, '/manifester/confirmer/'));
  await page.getByRole('button', { name: 'Confirmer ma manifestation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merci, votre manifestation est enregistrée');
}

test('the steering group invites a supporter, who answers by the emailed link without an account', async ({ page, browser }) => {
  // Long (form C, login with a code, five pages scanned by axe): slow on a busy 2-core machine.
  test.setTimeout(60_000);
  const stamp = Date.now();
  const steering = `copil.${stamp}@ptce.fr`;
  const supporter = `elise.${stamp}@castres.fr`;
  addStaff(steering, 'steering', 'Claude Alphandéry');
  await confirmedSupporter(page, supporter);

  await staffLogIn(page, steering);
  await page.getByRole('link', { name: 'Rencontres du réseau : invitations et réponses' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rencontres du réseau');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Créer une rencontre' }).click();
  await expectNoAxeViolations(page);
  // A mistake first: an end time without a start time.
  await page.getByLabel('Titre', { exact: true }).fill(`Rencontre régionale ${stamp}`);
  await page.getByLabel('Date', { exact: true }).fill('2099-06-15');
  await page.getByLabel('Heure de fin').fill('17:30');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#debut-error')).toHaveText('Indiquez aussi l’heure de début, ou laissez les deux heures vides.');
  await expectNoAxeViolations(page);
  await shot(page, 'events-form');
  await page.getByLabel('Heure de début').fill('10:00');
  await page.getByLabel('Lieu (adresse)').fill('Maison de l’ESS, 12 rue Sainte-Catherine, Lyon');
  await page.getByLabel('Présentation', { exact: true }).fill('Échanges de pratiques entre pôles.\nRepas partagé.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#notice')).toHaveText('La rencontre est créée. Invitez maintenant les participants.');
  await expect(page.locator('#event-when')).toHaveText('15 juin 2099, de 10 h 00 à 17 h 30');
  await expectNoAxeViolations(page);
  const adminPage = new URL(page.url()).pathname;

  await page.getByRole('link', { name: 'Inviter des participants' }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel(new RegExp(`Élise Durand, Ville de Castres.*${supporter.replace(/[.+]/g, '\\$&')}`)).check();
  await page.getByRole('button', { name: 'Envoyer les invitations' }).click();
  await expect(page.locator('#notice')).toHaveText('1 invitation envoyée ; personne n’était déjà invité.');

  // The supporter, in a browser with no session at all.
  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  const link = await linkInEmail(supporter, '/rencontres/reponse/');
  await guest.goto(link);
  await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Votre réponse à l’invitation');
  await expect(guest.locator('#addressee')).toHaveText(`Invitation adressée à Élise Durand (Ville de Castres) (${supporter}).`);
  await expectNoAxeViolations(guest);
  await guest.getByLabel('Oui').check();
  await guest.getByLabel('Nombre de personnes (vous compris)').fill('2');
  await guest.getByLabel('Commentaire (facultatif)').fill('Repas végétarien');
  await guest.getByRole('button', { name: 'Enregistrer ma réponse' }).click();
  await expect(guest.locator('#notice')).toHaveText('Merci, votre réponse est enregistrée : Oui, 2 personnes.');
  await expectNoAxeViolations(guest);
  await shot(guest, 'events-rsvp');
  // The same link again: the answer changes.
  await guest.goto(link);
  await expect(guest.locator('#current-answer')).toHaveText('Votre réponse actuelle : Oui, 2 personnes.');
  await guest.getByLabel('Peut-être').check();
  await guest.getByLabel('Nombre de personnes (vous compris)').fill('1');
  await guest.getByRole('button', { name: 'Enregistrer ma réponse' }).click();
  await expect(guest.locator('#notice')).toHaveText('Merci, votre réponse est enregistrée : Peut-être, 1 personne.');
  // The public page of the meeting and its calendar file.
  await guest.getByRole('link', { name: 'Ajouter à mon agenda (fichier .ics)' }).first().isVisible();
  await guest.goto(adminPage.replace('/gestion', ''));
  await expect(guest.getByRole('heading', { level: 1 })).toHaveText(`Rencontre régionale ${stamp}`);
  await expectNoAxeViolations(guest);
  await guest.goto('/rencontres');
  await expectNoAxeViolations(guest);
  // An unknown link: a clear page, not an error.
  const unknown = await guest.goto(`/rencontres/reponse/${'A'.repeat(43)}`);
  expect(unknown?.status()).toBe(404);
  await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Lien inconnu');
  await expectNoAxeViolations(guest);
  await visitor.close();

  await page.goto(adminPage);
  await expect(page.locator('#invitations tbody tr')).toHaveCount(1);
  await expect(page.locator('#invitations tbody tr td').nth(3)).toHaveText('Peut-être');
  await expect(page.locator('#totals')).toHaveText('1 invitation : 0 oui, 1 peut-être, 0 non, 0 sans réponse. Personnes attendues (oui) : 0.');
  await expectNoAxeViolations(page);
  await shot(page, 'events-admin');
});

test('a concurrent change keeps what was typed; the cancelled meeting stays listed and its link takes no answer', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const steering = `copil2.${stamp}@ptce.fr`;
  const supporter = `marc.${stamp}@castres.fr`;
  addStaff(steering, 'steering', 'Claude Alphandéry');
  await confirmedSupporter(page, supporter);
  await staffLogIn(page, steering);

  await page.goto('/gestion/rencontres/nouvelle');
  const title = `Rencontre à annuler ${stamp}`;
  await page.getByLabel('Titre', { exact: true }).fill(title);
  await page.getByLabel('Date', { exact: true }).fill('2099-09-20');
  await page.getByLabel('Lieu (adresse)').fill('Salle des fêtes, Castres');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#notice')).toHaveText('La rencontre est créée. Invitez maintenant les participants.');
  const adminPage = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Inviter des participants' }).click();
  await page.getByLabel(new RegExp(supporter.replace(/[.+]/g, '\\$&'))).check();
  await page.getByRole('button', { name: 'Envoyer les invitations' }).click();
  await expect(page.locator('#notice')).toHaveText('1 invitation envoyée ; personne n’était déjà invité.');

  // Two tabs open the edit form; the second one saves first.
  await page.getByRole('link', { name: 'Modifier la rencontre' }).click();
  await expect(page.getByLabel('Prévenir les invités du changement')).toBeChecked();
  await expectNoAxeViolations(page);
  const other = await page.context().newPage();
  await other.goto(`${adminPage}/modifier`);
  await other.getByLabel('Lieu (adresse)').fill('Médiathèque, Castres');
  await other.getByLabel('Prévenir les invités du changement').uncheck();
  await other.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(other.locator('#notice')).toHaveText('La rencontre est modifiée.');
  await other.close();

  const typed = 'Accueil à 9 h 30 ; ateliers l’après-midi.';
  await page.getByLabel('Présentation', { exact: true }).fill(typed);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#conflict h2')).toHaveText('Modification concurrente : rien n’a été enregistré');
  await expect(page.locator('#conflict-stored dd').nth(2)).toHaveText('Médiathèque, Castres');
  await expect(page.getByLabel('Présentation', { exact: true })).toHaveValue(typed);
  await expectNoAxeViolations(page);
  await shot(page, 'events-conflict');
  // Saved again on purpose: the place typed in this form (the old one) and the text.
  await page.getByLabel('Lieu (adresse)').fill('Médiathèque, Castres');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#notice')).toHaveText('La rencontre est modifiée.');

  // Cancelled after a confirmation page.
  await page.getByRole('link', { name: 'Annuler ou supprimer la rencontre' }).click();
  await expect(page.locator('#cancel-recipients')).toHaveText(/^1 invité qui n’a pas décliné recevra un courriel d’annulation/);
  await expectNoAxeViolations(page);
  await shot(page, 'events-cancel');
  await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
  await expect(page.locator('#notice')).toHaveText('La rencontre est annulée. 1 courriel d’annulation est parti.');
  await expect(page.locator('#event-cancelled')).toContainText('Annulée');
  await expectNoAxeViolations(page);
  await shot(page, 'events-admin-cancelled');
  await page.goto('/gestion/rencontres');
  await expectNoAxeViolations(page);

  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  await guest.goto(adminPage.replace('/gestion', ''));
  await expect(guest.locator('#event-cancelled')).toHaveText('Annulée Cette rencontre est annulée.');
  await expectNoAxeViolations(guest);
  await shot(guest, 'events-public-cancelled');
  await guest.goto('/rencontres');
  await expect(guest.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Rencontres' })).toHaveAttribute('aria-current', 'page');
  await expect(guest.locator('.event-card', { hasText: title }).locator('.badge')).toHaveText('Annulée');
  await expectNoAxeViolations(guest);
  const closed = await guest.goto(await linkInEmail(supporter, '/rencontres/reponse/'));
  expect(closed?.status()).toBe(410);
  await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Cette rencontre est annulée');
  await expectNoAxeViolations(guest);
  await visitor.close();
});
