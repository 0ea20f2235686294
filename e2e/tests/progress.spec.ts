// The progress approach and the pole's own map point, in a real browser, on a pole published the
// way a real one is (dossier submitted, decision released, public page proposed and published):
// the steering group opens a period (a refused date first); the pole's candidate fills the period
// report from their space with one bad value (said next to its field, what was typed kept), then
// submits; the pole's public page shows the figures as SVG charts (role="img") and a table of the
// exact numbers typed; the network's dashboard adds them up. Then the candidate proposes a point
// for the map (a point outside France refused next to its field) and the steering group places
// the pole at once. axe on every page (0 violations).
import { test, expect, type Page } from '@playwright/test';
import {
  addStaff,
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

/** The cells of the row headed `label` in the tables under `scope`. */
function cells(page: Page, scope: string, label: string) {
  return page
    .locator(`${scope} tbody tr`)
    .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) })
    .locator('td');
}

test('a pole reports its progress, its page shows the figures, and it places itself on the map', async ({ browser }) => {
  test.setTimeout(300_000);
  const stamp = Date.now();
  const steeringEmail = `copil.progres.${stamp}@labo-ess.org`;
  const memberEmail = `porteur.progres.${stamp}@ressourcerie.fr`;
  const pole = `Pôle progrès romanais ${stamp}`;
  addStaff(steeringEmail, 'steering', 'Claude Alphandéry');

  // A published pole: dossier submitted, decision released, public page proposed and published.
  const member = await (await browser.newContext()).newPage();
  await signUp(member, memberEmail, `${pole} (association)`);
  const dossierUrl = await submitDossier(member, memberEmail, pole, 'Romans-sur-Isère (26 — Drôme)');
  const steering = await (await browser.newContext()).newPage();
  await staffLogIn(steering, steeringEmail);
  await prepareSelected(steering, pole, 'Une coopération solide entre acteurs du territoire.');
  await releaseDecision(steering, pole);
  await proposePublication(member, dossierUrl, {
    description: 'Un pôle romanais qui mutualise un atelier de réemploi.',
    contactEmail: 'contact@pole-progres.fr',
    // Members kept private: backoffice.spec.ts, beside this spec on the same server, checks that
    // the open-data files never name the member company that submitDossier types.
    keepPrivate: [/^Membres/],
  });
  const poleLink = await publishPole(steering, pole);

  await test.step('the steering group opens a period', async () => {
    await steering.goto('/gestion');
    await steering.getByRole('link', { name: 'Démarche de progrès des pôles' }).click();
    await expect(steering.getByRole('heading', { level: 1 })).toHaveText('Démarche de progrès du réseau');
    await expectNoAxeViolations(steering);
    await steering.getByRole('link', { name: 'Périodes, rapports et relances' }).click();
    await expect(steering.getByRole('heading', { level: 1 })).toHaveText('Périodes de la démarche de progrès');
    await expectNoAxeViolations(steering);

    // An end before the start is refused next to its field, what was typed kept.
    await steering.getByLabel('Nom de la période').fill('2012');
    await steering.getByLabel('Début de la période').fill('2012-01-01');
    await steering.getByLabel('Fin de la période').fill('2011-12-31');
    await steering.getByLabel('Échéance des rapports').fill('2013-03-31');
    await steering.getByRole('button', { name: 'Ouvrir la période' }).click();
    await expect(steering.locator('#ends_on-error')).toHaveText('La fin de la période ne peut pas précéder son début.');
    await expect(steering.getByLabel('Fin de la période')).toHaveAttribute('aria-invalid', 'true');
    await expect(steering.getByLabel('Nom de la période')).toHaveValue('2012');
    await shot(steering, 'pg-01-period-error');
    await expectNoAxeViolations(steering);

    await steering.getByLabel('Fin de la période').fill('2012-12-31');
    await steering.getByRole('button', { name: 'Ouvrir la période' }).click();
    await expect(steering.locator('#notice')).toHaveText('Période ouverte : les pôles publiés peuvent remplir leur rapport.');
    await expect(cells(steering, '#periods', '2012').first()).toHaveText('1er janvier 2012 – 31 décembre 2012');
    await shot(steering, 'pg-02-periods');
    await expectNoAxeViolations(steering);
  });

  await test.step('the pole fills its report, one bad value first, then submits it', async () => {
    await member.goto('/espace');
    await member.getByRole('link', { name: 'Démarche de progrès de votre pôle' }).click();
    await expect(member.getByRole('heading', { level: 1 })).toHaveText('Démarche de progrès');
    await expect(member.getByRole('heading', { level: 2 })).toHaveText([pole]);
    await expect(member.locator('.progress-periods tbody th')).toHaveText(['2012']);
    await shot(member, 'pg-03-space-list');
    await expectNoAxeViolations(member);

    await member.locator('.progress-periods tbody th').getByRole('link', { name: '2012' }).click();
    await expect(member.getByRole('heading', { level: 1 })).toHaveText('Rapport de progrès de la période 2012');
    await expect(member.locator('#report-status')).toHaveText('À remplir');
    await expectNoAxeViolations(member);
    const typed: [string, string][] = [
      ['members_ess', '6'],
      ['members_non_ess', '2'],
      ['members_authorities', '1'],
      ['members_research_training', '1'],
      ['members_other', '0'],
      ['jobs_headcount', 'douze'],
      ['jobs_fte', '12,5'],
      ['turnover', '450 000'],
      ['highlights', 'Une année de lancement : l’atelier a ouvert en mars.'],
    ];
    for (const [key, value] of typed) await member.locator(`#f-${key}`).fill(value);
    await member.getByRole('button', { name: 'Déposer le rapport' }).click();
    await expect(member.locator('#f-jobs_headcount-error')).toHaveText('Indiquez un nombre entier, par exemple 12.');
    await expect(member.locator('#f-jobs_headcount')).toHaveAttribute('aria-invalid', 'true');
    await expect(member.locator('#f-jobs_headcount')).toHaveValue('douze');
    await expect(member.locator('#f-jobs_fte')).toHaveValue('12,5');
    await expect(member.locator('.error-summary')).toBeVisible();
    await shot(member, 'pg-04-report-error');
    await expectNoAxeViolations(member);

    await member.locator('#f-jobs_headcount').fill('14');
    await member.getByRole('button', { name: 'Déposer le rapport' }).click();
    await expect(member.locator('#notice')).toHaveText('Rapport déposé. Merci ! Ses indicateurs paraissent sur la page publique du pôle.');
    await expect(member.locator('#report-status')).toHaveText(/^Déposé le /);
    await expect(member.locator('.progress-submitted dd')).toContainText(['14', '12,5']);
    await shot(member, 'pg-05-report-submitted');
    await expectNoAxeViolations(member);
    await member.goto('/espace/progres');
    await expect(member.locator('.progress-periods tbody td').last()).toHaveText(/^Déposé le /);
    await expectNoAxeViolations(member);
  });

  await test.step('the pole page shows the figures as a chart and a table', async () => {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(poleLink);
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(pole);
    await expect(visitor.locator('#progress-title')).toHaveText('Démarche de progrès');
    const chart = visitor.locator('#pole-progress svg[role="img"][aria-labelledby="indicateur-jobs-fte-title"]');
    await expect(chart).toHaveCount(1);
    await expect(chart).toBeVisible();
    await expect(visitor.locator('#indicateur-jobs-fte-title')).toHaveText('Emplois directs (ETP) — 2012 : 12,5');
    await expect(visitor.locator('#indicateur-jobs thead th')).toHaveText(['Indicateur', '2012']);
    await expect(cells(visitor, '#pole-progress', 'Emplois directs (personnes)')).toHaveText(['14']);
    await expect(cells(visitor, '#pole-progress', 'Emplois directs (ETP)')).toHaveText(['12,5']);
    await expect(cells(visitor, '#pole-progress', 'Entreprises de l’ESS (nombre)')).toHaveText(['6']);
    await expect(cells(visitor, '#pole-progress', 'Membres en tout')).toHaveText(['10']);
    await expect(cells(visitor, '#pole-progress', 'Part des membres de l’ESS')).toHaveText(['60 %']);
    await expect(cells(visitor, '#pole-progress', 'Chiffre d’affaires consolidé des activités du pôle')).toHaveText(['450 000 €']);
    // An indicator the pole did not give has no row; its comment is not public.
    await expect(cells(visitor, '#pole-progress', 'Locaux partagés (m²)')).toHaveCount(0);
    await expect(visitor.locator('body')).not.toContainText('l’atelier a ouvert en mars');
    await shot(visitor, 'pg-06-pole-page');
    await expectNoAxeViolations(visitor);
  });

  await test.step('the network dashboard adds the figures up', async () => {
    await steering.goto('/gestion/progres');
    await expect(cells(steering, '#reports', '2012').first()).toHaveText('31 mars 2013');
    await steering.getByLabel('Indicateur', { exact: true }).selectOption({ label: 'Emplois directs (ETP)' });
    await steering.getByRole('button', { name: 'Afficher' }).click();
    await expect(steering.locator('#network-chart svg[role="img"]')).toHaveCount(1);
    await expect(steering.locator('#by-region thead th')).toHaveText(['Région', '2012']);
    await expect(cells(steering, '#by-region', 'Rhône-Alpes')).toHaveText(['12,5']);
    await shot(steering, 'pg-07-dashboard');
    await expectNoAxeViolations(steering);
  });

  await test.step('the pole proposes its point on the map; outside France is refused', async () => {
    await member.goto(`${dossierUrl}/publication`);
    await member.locator('#point-link').click();
    await expect(member.getByRole('heading', { level: 1 })).toHaveText('Le point du pôle sur la carte');
    await expect(member.locator('#point-current')).toHaveText('celui de la commune de la structure porteuse');
    await expectNoAxeViolations(member);

    await member.getByLabel('Latitude', { exact: true }).fill('40,4168');
    await member.getByLabel('Longitude', { exact: true }).fill('-3,7038');
    await member.getByRole('button', { name: 'Proposer ce point au comité de pilotage' }).click();
    await expect(member.locator('#latitude-error')).toHaveText(
      'Ce point n’est pas en France (métropole, Corse ou départements d’outre-mer) : vérifiez la latitude et la longitude, et qu’elles ne sont pas inversées.',
    );
    await expect(member.getByLabel('Latitude', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(member.getByLabel('Latitude', { exact: true })).toHaveValue('40,4168');
    await shot(member, 'pg-08-point-error');
    await expectNoAxeViolations(member);

    await member.getByLabel('Latitude', { exact: true }).fill('44,9333');
    await member.getByLabel('Longitude', { exact: true }).fill('4,8920');
    await member.getByRole('button', { name: 'Proposer ce point au comité de pilotage' }).click();
    await expect(member.locator('#notice')).toHaveText('Point proposé : il sera sur la carte une fois publié par le comité de pilotage.');
    await expect(member.locator('#point-pending')).toHaveText('44.9333, 4.892');
    await expect(member.locator('#point-current')).toHaveText('celui de la commune de la structure porteuse');
    await expectNoAxeViolations(member);
  });

  await test.step('the steering group places the pole at once', async () => {
    await steering.goto('/gestion/poles');
    await steering.locator('#poles tr', { hasText: pole }).locator('a[href^="/gestion/poles/"]').click();
    await steering.locator('#point-link').click();
    await expect(steering.getByRole('heading', { level: 1 })).toHaveText('Le point du pôle sur la carte');
    await expect(steering.locator('#point-pending')).toHaveText('44.9333, 4.892');
    await expectNoAxeViolations(steering);

    await steering.getByLabel('Latitude', { exact: true }).fill('quarante-cinq');
    await steering.getByLabel('Longitude', { exact: true }).fill('5,0511');
    await steering.getByRole('button', { name: 'Placer le pôle à ce point' }).click();
    await expect(steering.locator('#latitude-error')).toHaveText('Indiquez la latitude en degrés décimaux, par exemple 45,0442.');
    await expectNoAxeViolations(steering);

    await steering.getByLabel('Latitude', { exact: true }).fill('45,0431');
    await steering.getByRole('button', { name: 'Placer le pôle à ce point' }).click();
    await expect(steering.locator('#notice')).toHaveText('Point enregistré : la carte, l’annuaire et les données ouvertes l’utilisent.');
    await expect(steering.locator('#point-current')).toHaveText('45.0431, 5.0511');
    await shot(steering, 'pg-09-point-steering');
    await expectNoAxeViolations(steering);

    const geojson = await (await steering.request.get('/donnees/poles.geojson')).json();
    const feature = geojson.features.find((f: { properties: { name: string } }) => f.properties.name === pole);
    expect(feature?.geometry.coordinates).toEqual([5.0511, 45.0431]);
  });
});
