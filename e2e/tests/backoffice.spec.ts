// The back office around submitted dossiers, in a real browser: the steering group writes
// routing rules; three candidates from the Drôme, the Ardèche and the Tarn submit without
// choosing a network and are routed by those rules to two networks; the COORACE referent sees
// only COORACE's dossiers, writes a private annotation and a message; the candidate is told by
// email (a link, not the message), reads and answers; the referent is told by email. The
// annotation never reaches the candidate's pages or emails. axe on every page visited.
import { test, expect, type Page } from '@playwright/test';
import {
  addStaff,
  emailsTo,
  expectNoAxeViolations,
  prepareSelected,
  proposePublication,
  publishPole,
  releaseDecision,
  shot,
  signUp,
  staffLogIn,
  submitDossier,
} from './support';

const SECRET = 'Note interne : rapprocher de l’initiative de Privas avant le comité';

test('dossiers routed by rule reach their network, and referent and candidate exchange messages', async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const steeringEmail = `copil.${stamp}@labo-ess.org`;
  const coooraceEmail = `referente.${stamp}@coorace.org`;
  addStaff(steeringEmail, 'steering', 'Claude Alphandéry');
  addStaff(coooraceEmail, 'referent', 'Anne-Claire Pignal', 'coorace');

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
  await prepareSelected(steering, poles[0][0], 'Coopération réelle entre acteurs du territoire.');
  await releaseDecision(steering, poles[0][0]);

  // Its candidate reads the decision and proposes the pole's public page, sectors and members
  // kept private.
  await proposePublication(candidate, new URL(link).pathname.replace(/\/messages$/, ''), {
    description: 'Un pôle drômois qui mutualise emplois et locaux.',
    contactEmail: 'contact@pole-drome.fr',
    keepPrivate: [/Secteurs d’activité/, /^Membres/],
    scan: true,
  });
  await shot(candidate, 'po-01-publication');

  // The steering group publishes it; the public page shows the public groups only.
  const pageLink = await publishPole(steering, poles[0][0], { scan: true });
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(pageLink);
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
