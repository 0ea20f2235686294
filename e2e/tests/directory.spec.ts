// The directory and the map of poles: accessible (axe) with and without filters, the map drawn
// by Leaflet over the regions' outlines without any tile server, `/embed/carte` shown inside an
// iframe of another origin while `/annuaire` refuses to be framed there.
import { test, expect } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectNoAxeViolations } from './support';

for (const path of ['/annuaire', '/annuaire?region2011=82&secteur=inconnu', '/carte', '/annuaire/integrer', '/embed/annuaire', '/embed/carte']) {
  test(`${path}: 200, one h1, no axe violations`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveCount(1);
    await expectNoAxeViolations(page);
  });
}

test('the map draws the regions without tiles, and without JavaScript the page is the list', async ({ page, browser }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/carte');
  await expect(page.locator('#carte.leaflet-container')).toBeVisible();
  // The 18 current regions are drawn as SVG paths.
  await expect(page.locator('#carte path.leaflet-interactive, #carte svg path')).toHaveCount(18);
  expect(errors, 'no script or CSP error').toEqual([]);

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const bare = await noScript.newPage();
  await bare.goto('/carte');
  await expect(bare.locator('#carte')).toBeHidden();
  await expect(bare.locator('.map-list h2')).toBeVisible();
  await noScript.close();
});

test('/embed/carte renders inside an iframe of another origin, /annuaire refuses to', async ({ page, baseURL }) => {
  // A partner's page on another origin (another port) framing both.
  const partner = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="fr"><title>Partenaire</title>
      <iframe id="carte" src="${baseURL}/embed/carte" title="Carte" width="800" height="600"></iframe>
      <iframe id="annuaire" src="${baseURL}/annuaire" title="Annuaire" width="800" height="300"></iframe>`);
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  const { port } = partner.address() as AddressInfo;
  try {
    await page.goto(`http://localhost:${port}/`);
    const map = page.frameLocator('#carte');
    await expect(map.locator('h1')).toHaveText('Carte des pôles');
    await expect(map.locator('#carte.leaflet-container')).toBeVisible();
    await expect(map.locator('.embed__site a')).toHaveAttribute('target', '_top');
    // The framed directory is blocked: its document never gets the page's heading.
    const blocked = page.frames().find((f) => f.url().includes('/annuaire'));
    const heading = blocked ? await blocked.locator('h1').count() : 0;
    expect(heading, '/annuaire is not rendered in a frame of another site').toBe(0);
  } finally {
    partner.close();
  }
});
