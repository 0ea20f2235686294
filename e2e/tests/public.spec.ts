// Public pages: served in French and English, accessible (axe, WCAG 2.1 A/AA), usable without
// JavaScript and on a 360 px wide phone.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support';

const PUBLIC_PAGES = ['/', '/appel', '/calendrier', '/contacts', '/confidentialite', '/accessibilite'];

const LANGS = [
  { lang: 'fr', query: '', skipLink: 'Aller au contenu' },
  { lang: 'en', query: '?lang=en', skipLink: 'Skip to content' },
] as const;

const CALL_TITLE = 'Valoriser et développer les Pôles Territoriaux de Coopération Economique';

const REFERENT_ADDRESSES = [
  'laurent@lelabo-ess.org',
  'anneclaire.pignal@coorace.org',
  'alfederici@rtes.fr',
  'michel-adam@orange.fr',
  'ghuchon@cres-bretagne.org',
];

const html = (page: Page) => page.locator('html');

for (const path of PUBLIC_PAGES) {
  for (const { lang, query, skipLink } of LANGS) {
    test(`${path} in ${lang}: 200, lang, one h1, skip link first, no axe violations`, async ({ page }) => {
      const response = await page.goto(path + query);
      expect(response?.status(), `status of ${path + query}`).toBe(200);
      await expect(html(page)).toHaveAttribute('lang', lang);
      await expect(page.locator('h1')).toHaveCount(1);

      await expectNoAxeViolations(page);

      // The skip link is the first thing the keyboard reaches, and it leads somewhere.
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      await expect(focused).toContainText(skipLink);
      const href = await focused.getAttribute('href');
      expect(href, 'the skip link points at an anchor on the page').toMatch(/^#./);
      await expect(page.locator(`[id="${href!.slice(1)}"]`)).toHaveCount(1);
    });
  }
}

test('/ shows the call title', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body')).toContainText(CALL_TITLE);
});

for (const { lang, query } of LANGS) {
  test(`/calendrier in ${lang} lists the five phases, at most one current`, async ({ page }) => {
    await page.goto('/calendrier' + query);
    const phases = page.locator('[data-phase]');
    await expect(phases).toHaveCount(5);
    const current = await page.locator('[data-phase][aria-current="step"]').count();
    expect(current, 'phases marked aria-current="step"').toBeLessThanOrEqual(1);
  });
}

test('/contacts shows the five referent addresses', async ({ page }) => {
  await page.goto('/contacts');
  for (const address of REFERENT_ADDRESSES) {
    await expect(page.getByText(address).first(), address).toBeVisible();
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the language switch works and a cookie remembers the choice', async ({ page }) => {
    await page.goto('/appel');
    await expect(html(page)).toHaveAttribute('lang', 'fr');

    const toEnglish = page.getByRole('link', { name: 'English' });
    await expect(toEnglish).toHaveAttribute('hreflang', 'en');
    await toEnglish.click();
    await expect(html(page)).toHaveAttribute('lang', 'en');
    expect(new URL(page.url()).pathname, 'switching language stays on the same page').toBe('/appel');

    // A plain navigation, without ?lang, stays in English.
    await page.goto('/calendrier');
    await expect(html(page)).toHaveAttribute('lang', 'en');

    // And back to French the same way.
    const toFrench = page.getByRole('link', { name: 'Français' });
    await expect(toFrench).toHaveAttribute('hreflang', 'fr');
    await toFrench.click();
    await expect(html(page)).toHaveAttribute('lang', 'fr');
    await page.goto('/appel');
    await expect(html(page)).toHaveAttribute('lang', 'fr');
  });
});

test('an unknown URL answers 404 in French with a link back home', async ({ page }) => {
  const response = await page.goto('/nope');
  expect(response?.status()).toBe(404);
  await expect(html(page)).toHaveAttribute('lang', 'fr');
  const home = new URL('/', page.url()).href;
  const hrefs = await page.getByRole('link').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  expect(hrefs, 'a link to /').toContain(home);
  await expectNoAxeViolations(page);
});

test('/healthz answers JSON naming the database backend', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  const body = await response.json();
  expect(['sqlite', 'postgres']).toContain(body.database);
  const expected = (process.env.E2E_DATABASE_URL ?? 'sqlite:').startsWith('postgres') ? 'postgres' : 'sqlite';
  expect(body.database).toBe(expected);
});

test.describe('on a 360 px wide phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const { lang, query } of LANGS) {
    test(`/appel in ${lang} does not scroll sideways`, async ({ page }) => {
      await page.goto('/appel' + query);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, 'document.documentElement.scrollWidth').toBeLessThanOrEqual(360);
    });
  }
});
