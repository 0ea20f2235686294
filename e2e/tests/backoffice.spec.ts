// The back office around submitted dossiers, in a real browser: the steering group writes
// routing rules; three candidates from the Drôme, the Ardèche and the Tarn submit without
// choosing a network and are routed by those rules to two networks; the COORACE referent sees
// only COORACE's dossiers, writes a private annotation and a message; the candidate is told by
// email (a link, not the message), reads and answers; the referent is told by email. The
// annotation never reaches the candidate's pages or emails. axe on every page visited.
import { test, expect, type Page } from '@playwright/test';
import { codeInEmail, emailsTo, expectNoAxeViolations, linkInEmail, ptce } from './support';

const PASSWORD = 'la coopération territoriale 2011';
const SECRET = 'Note interne : rapprocher de l’initiative de Privas avant le comité';

/** With E2E_SCREENSHOTS=<dir>, a full-page screenshot to look at (nothing otherwise). */
async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function staffLogIn(page: Page, email: string) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByLabel('Code reçu par courriel (6 chiffres)').fill(await codeInEmail(email));
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page).toHaveURL(/\/gestion$/);
}

async function candidateLogIn(page: Page, email: string) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace$/);
}

async function signUp(page: Page, email: string, organisation: string) {
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

/** A track-A dossier filled and submitted with "Je ne sais pas" as network. */
async function submitDossier(page: Page, email: string, pole: string, place: string) {
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

test('dossiers routed by rule reach their network, and referent and candidate exchange messages', async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const steeringEmail = `copil.${stamp}@labo-ess.org`;
  const coooraceEmail = `referente.${stamp}@coorace.org`;
  ptce(['user', 'add', '--email', steeringEmail, '--role', 'steering', '--name', 'Claude Alphandéry', '--password-stdin'], `${PASSWORD}\n`);
  ptce(['user', 'add', '--email', coooraceEmail, '--role', 'referent', '--network', 'coorace', '--name', 'Anne-Claire Pignal', '--password-stdin'], `${PASSWORD}\n`);

  // The steering group writes two rules: Drôme and Ardèche to COORACE, the Tarn to RTES.
  const steering = await (await browser.newContext()).newPage();
  await staffLogIn(steering, steeringEmail);
  await steering.goto('/gestion/appel/routage');
  await expectNoAxeViolations(steering);
  for (const [values, network] of [['26, 07', 'COORACE'], ['81', 'RTES']]) {
    await steering.getByLabel('Ce qui est examiné').selectOption({ label: 'département de la commune' });
    await steering.getByLabel('Champ du formulaire').fill('lead_commune');
    await steering.getByLabel('Valeurs').fill(values);
    await steering.getByLabel('Réseau', { exact: true }).selectOption({ label: network });
    await steering.getByRole('button', { name: 'Ajouter la règle' }).click();
    await expect(steering.locator('#notice')).toHaveText('Règle ajoutée.');
  }
  await shot(steering, 'bo-01-routing');
  await expectNoAxeViolations(steering);

  // Three candidates, three departments, no network chosen.
  const poles = [
    [`Pôle Drôme ${stamp}`, 'Romans-sur-Isère (26 — Drôme)', `drome.${stamp}@exemple.fr`],
    [`Pôle Ardèche ${stamp}`, 'Privas (07 — Ardèche)', `ardeche.${stamp}@exemple.fr`],
    [`Pôle Tarn ${stamp}`, 'Castres (81 — Tarn)', `tarn.${stamp}@exemple.fr`],
  ];
  const candidates: Page[] = [];
  for (const [pole, place, email] of poles) {
    const page = await (await browser.newContext()).newPage();
    await signUp(page, email, pole);
    await submitDossier(page, email, pole, place);
    candidates.push(page);
  }

  // The COORACE referent sees the Drôme and Ardèche dossiers, not the Tarn one.
  const referent = await (await browser.newContext()).newPage();
  await staffLogIn(referent, coooraceEmail);
  await referent.getByRole('link', { name: 'Dossiers déposés : liste, messages, annotations' }).click();
  await expect(referent.getByRole('heading', { level: 1 })).toHaveText('Dossiers déposés');
  await expect(referent.locator('#scope')).toHaveText('Dossiers du réseau : COORACE');
  const titles = await referent.locator('#dossiers .title').allTextContents();
  expect(titles).toContain(poles[0][0]);
  expect(titles).toContain(poles[1][0]);
  expect(titles).not.toContain(poles[2][0]);
  expect(new Set(await referent.locator('#dossiers .network').allTextContents())).toEqual(new Set(['COORACE']));
  await shot(referent, 'bo-02-list');
  await expectNoAxeViolations(referent);

  // Full-text search over the answers: the commune's name finds the Ardèche dossier only.
  await referent.getByLabel(/Rechercher dans les dossiers/).fill('privas');
  await referent.getByRole('button', { name: 'Filtrer' }).click();
  await expect(referent.locator('#dossiers .title')).toHaveText([poles[1][0]]);
  await referent.getByRole('link', { name: 'Effacer les filtres' }).click();

  // A bulk action: both COORACE dossiers ticked, a label added after a confirmation page.
  for (const pole of [poles[0][0], poles[1][0]]) {
    await referent.locator('#dossiers tbody tr', { hasText: pole }).getByRole('checkbox').check();
  }
  await referent.getByLabel('Action', { exact: true }).selectOption('etiqueter');
  await referent.locator('#etiquette-lot').fill('Visite prévue');
  await referent.getByRole('button', { name: 'Continuer…' }).click();
  await expect(referent.getByRole('heading', { level: 1 })).toHaveText('Confirmer l’action sur 2 dossiers');
  await shot(referent, 'bo-02b-bulk-confirm');
  await expectNoAxeViolations(referent);
  await referent.getByRole('button', { name: 'Confirmer' }).click();
  await expect(referent.locator('.notice')).toHaveText('Action faite sur 2 dossiers.');
  await expect(referent.locator('#dossiers .tag')).toHaveText(['Visite prévue', 'Visite prévue']);
  await referent.getByText('Plus de filtres').click();
  await shot(referent, 'bo-02c-list-filters');
  await expectNoAxeViolations(referent);

  // The steering group sees the Tarn dossier routed to RTES.
  await steering.goto(`/gestion/dossiers?q=${encodeURIComponent(poles[2][0])}`);
  await expect(steering.locator('#dossiers .network')).toHaveText(['RTES']);

  // An annotation and a message on the Drôme dossier.
  await referent.locator('#dossiers tbody tr', { hasText: poles[0][0] }).getByRole('link').click();
  await expect(referent.getByRole('heading', { level: 1 })).toContainText(poles[0][0]);
  await referent.getByLabel('Nouvelle annotation').fill(SECRET);
  await referent.getByRole('button', { name: 'Ajouter l’annotation' }).click();
  await expect(referent.locator('#notice')).toHaveText('Annotation ajoutée.');
  const question = 'Bonjour, pouvez-vous préciser qui porte les emplois mutualisés ?';
  await referent.getByLabel('Votre message').fill(question);
  await referent.getByRole('button', { name: 'Envoyer le message' }).click();
  await expect(referent.locator('#notice')).toHaveText('Message envoyé ; la structure candidate en est avertie par courriel.');
  await expect(referent.locator('.thread--private .thread__body')).toHaveText([SECRET]);
  await shot(referent, 'bo-03-dossier');
  await expectNoAxeViolations(referent);

  // The candidate is told by email, with a link and without the message or the annotation.
  const candidate = candidates[0];
  const candidateEmail = poles[0][2];
  let notice = '';
  await expect.poll(() => {
    notice = emailsTo(candidateEmail).find((m) => m.includes('Nouveau message sur le dossier')) ?? '';
    return notice;
  }, { timeout: 15_000 }).not.toBe('');
  expect(notice).not.toContain('emplois mutualisés');
  expect(notice).not.toContain('Note interne');
  const link = notice.match(/https?:\/\/[^\s"<>]*\/espace\/dossiers\/[0-9a-f-]{36}\/messages/)?.[0] ?? '';
  expect(link).not.toBe('');
  await candidate.goto(new URL(link).pathname);
  await expect(candidate.locator('#thread .thread__body')).toHaveText([question]);
  await expectNoAxeViolations(candidate);
  const answer = 'Les emplois mutualisés sont portés par le groupement d’employeurs.';
  await candidate.getByLabel('Votre message').fill(answer);
  await candidate.getByRole('button', { name: 'Envoyer le message' }).click();
  await expect(candidate.locator('#notice')).toHaveText('Message envoyé.');
  await expect(candidate.locator('#thread .thread__body')).toHaveText([question, answer]);
  await shot(candidate, 'bo-04-candidate-thread');
  for (const path of [new URL(link).pathname, new URL(link).pathname.replace(/\/messages$/, '')]) {
    await candidate.goto(path);
    await expect(candidate.locator('body')).not.toContainText('Note interne');
  }
  for (const raw of emailsTo(candidateEmail)) expect(raw).not.toContain('Note interne');

  // The referent is told by email too.
  await expect.poll(() => emailsTo(coooraceEmail).filter((m) => m.includes('Nouveau message sur le dossier')).length, { timeout: 15_000 }).toBe(1);
  await referent.reload();
  await expect(referent.locator('#thread .thread__body')).toHaveText([question, answer]);
  await expectNoAxeViolations(referent);

  // Screening: the steering group opens a blind review phase and assigns reviewers; the
  // referent reviews the dossier; the selection board shows it ranked.
  await steering.goto('/gestion/evaluations');
  await steering.getByLabel('Les évaluateurs peuvent déposer leurs évaluations').check();
  await steering.getByRole('button', { name: 'Enregistrer la phase' }).click();
  await expect(steering.locator('#notice')).toHaveText('Phase d’évaluation enregistrée.');
  await steering.getByRole('button', { name: 'Attribuer automatiquement' }).click();
  await expect(steering.locator('#notice')).toContainText('attribution');
  await expectNoAxeViolations(steering);
  await referent.goto('/gestion/evaluations');
  await expectNoAxeViolations(referent);
  await referent.locator('#queue tbody tr', { hasText: poles[0][0] }).getByRole('link', { name: 'À faire' }).click();
  await expect(referent.getByRole('heading', { level: 1 })).toContainText('Évaluation du dossier');
  await expectNoAxeViolations(referent);
  for (const fieldset of await referent.locator('fieldset[id^="score-"]').all()) {
    await fieldset.getByLabel(/^3 — /).check();
  }
  await referent.getByLabel('Retenir', { exact: true }).check();
  await referent.getByLabel('Commentaire (obligatoire)').fill('Coopération réelle, modèle économique à consolider.');
  await shot(referent, 'bo-05-review');
  await referent.getByRole('button', { name: 'Déposer mon évaluation' }).click();
  await expect(referent.locator('#notice')).toHaveText('Évaluation déposée.');
  await expect(referent.locator('#review-table .total-score')).toHaveText(['75']);
  await steering.goto('/gestion/selection?parcours=established');
  await expect(steering.locator('#board tr', { hasText: poles[0][0] }).locator('.score')).toHaveText('75');
  await shot(steering, 'bo-06-selection');
  await expectNoAxeViolations(steering);

  // The decision letters the steering group edits, with their variables and a preview.
  await steering.goto('/gestion/selection/courriers');
  await shot(steering, 'bo-07-letters');
  await expectNoAxeViolations(steering);

  // The Drôme dossier is selected and its decision released on its own.
  await steering.goto('/gestion/selection?parcours=established');
  const row = steering.locator('#board tr', { hasText: poles[0][0] });
  await row.locator('select[name="outcome"]').selectOption('selected');
  await row.locator('textarea[name="motivation"]').fill('Coopération réelle entre acteurs du territoire.');
  await row.getByRole('button', { name: 'Préparer' }).click();
  await steering.locator('#board tr', { hasText: poles[0][0] }).getByRole('button', { name: /Publier cette décision/ }).click();
  await expect(steering.locator('#board tr', { hasText: poles[0][0] }).locator('.decision strong')).toHaveText('Retenu');

  // Its candidate reads the decision and proposes the pole's public page, sectors and members
  // kept private.
  await candidate.goto(new URL(link).pathname.replace(/\/messages$/, ''));
  await expect(candidate.locator('#decision-subject')).not.toBeEmpty();
  await candidate.getByRole('link', { name: 'Publier votre pôle dans l’annuaire du réseau' }).click();
  await expect(candidate.getByRole('heading', { level: 1 })).toHaveText('Votre pôle dans l’annuaire');
  await expectNoAxeViolations(candidate);
  await candidate.getByLabel(/Secteurs d’activité/).uncheck();
  await candidate.getByLabel(/^Membres/).uncheck();
  await candidate.getByLabel('Présentation publique du pôle').fill('Un pôle drômois qui mutualise emplois et locaux.');
  await candidate.getByLabel('Adresse électronique du contact public').fill('contact@pole-drome.fr');
  await candidate.getByRole('button', { name: 'Proposer au comité de pilotage' }).click();
  await expect(candidate.locator('#notice')).toContainText('Proposition envoyée');
  await shot(candidate, 'po-01-publication');

  // The steering group publishes it; the public page shows the public groups only.
  await steering.goto('/gestion/poles');
  await expectNoAxeViolations(steering);
  await steering.locator('#poles tr', { hasText: poles[0][0] }).getByRole('link').click();
  await expectNoAxeViolations(steering);
  await steering.getByRole('button', { name: 'Publier cette version' }).click();
  await expect(steering.locator('#notice')).toContainText('Version publiée');
  const pageLink = await steering.locator('#pole-state a').getAttribute('href');
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(pageLink ?? '/');
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(poles[0][0]);
  await expect(visitor.locator('.pole-description')).toHaveText('Un pôle drômois qui mutualise emplois et locaux.');
  await expect(visitor.locator('.pole-sectors')).toHaveCount(0);
  await expect(visitor.locator('.pole-members')).toHaveCount(0);
  await expect(visitor.locator('body')).not.toContainText('Note interne');
  await shot(visitor, 'po-02-pole-page');
  await expectNoAxeViolations(visitor);
  await visitor.goto('/soutiens');
  await expectNoAxeViolations(visitor);

  // The pole is in the directory, on the map's list and in the three open-data files; none of its
  // non-public answers is (its sectors and members were kept private; the genesis text was
  // replaced).
  await visitor.goto(`/annuaire?q=${encodeURIComponent(poles[0][0])}`);
  await expect(visitor.locator('main')).toContainText(poles[0][0]);
  await visitor.goto('/carte');
  await expect(visitor.locator('main')).toContainText(poles[0][0]);
  for (const file of ['poles.csv', 'poles.json', 'poles.geojson']) {
    const body = await (await visitor.request.get(`/donnees/${file}`)).text();
    expect(body, file).toContain(poles[0][0]);
    expect(body, file).toContain('contact@pole-drome.fr');
    for (const secret of ['Note interne', 'Des structures du territoire mettent leurs moyens en commun', '73282932000074', 'Menuiserie']) {
      expect(body, `${file} must not hold "${secret}"`).not.toContain(secret);
    }
  }
});
