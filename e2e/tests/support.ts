// Shared helpers of the browser tests: the axe scan, the emails the server wrote to MAIL_DIR,
// and the `ptce` command line on the server's own database.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Runs axe with the WCAG 2.0/2.1 A and AA rules and fails the test with a list a developer can act
 * on (rule, impact, selectors, what to fix). Soft, so the test's other checks still run.
 */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
        .join('\n');
      return `  ${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  expect.soft(
    results.violations.length,
    `axe found ${results.violations.length} violation(s) on ${page.url()}:\n${report}`,
  ).toBe(0);
}

const mailDir = () => path.join(process.env.PTCE_E2E_TMP ?? '', 'mail');

/** Decodes a quoted-printable MIME part (soft line breaks, =XX bytes as UTF-8). */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (c === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The decoded text of every email written to MAIL_DIR for an address, oldest first. */
export function emailsTo(address: string): string[] {
  if (!fs.existsSync(mailDir())) return [];
  return fs
    .readdirSync(mailDir())
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => fs.readFileSync(path.join(mailDir(), f), 'utf8'))
    .filter((raw) => new RegExp(`^To: .*${address.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw))
    .map((raw) => {
      const transferEncodedQp = /Content-Transfer-Encoding: quoted-printable/i.test(raw);
      return transferEncodedQp ? decodeQuotedPrintable(raw) : raw;
    });
}

/** Waits for the email worker to write a message to `address` holding a link to `pathPrefix`. */
export async function linkInEmail(address: string, pathPrefix: string, count = 1): Promise<string> {
  let link = '';
  await expect
    .poll(() => {
      const links = emailsTo(address)
        .map((text) => text.match(new RegExp(`https?://[^\\s"<>]*${pathPrefix}[A-Za-z0-9_-]{43}`)))
        .filter((m): m is RegExpMatchArray => m !== null)
        .map((m) => m[0]);
      link = links[count - 1] ?? '';
      return link;
    }, { timeout: 15_000, message: `an email to ${address} with a ${pathPrefix} link` })
    .not.toBe('');
  return new URL(link).pathname;
}

/** Runs `ptce ARGS…` on the server's database (works beside the running server). */
export function ptce(args: string[], input?: string): string {
  const bin = path.resolve(__dirname, '..', process.env.PTCE_BIN || '../target/debug/ptce');
  const databaseUrl = process.env.E2E_DATABASE_URL || `sqlite://${process.env.PTCE_E2E_TMP}/e2e.db`;
  return execFileSync(bin, args, {
    input,
    env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'warn' },
    encoding: 'utf8',
  });
}

/** Waits for the latest device-check code emailed to `address` (a line holding six digits). */
export async function codeInEmail(address: string): Promise<string> {
  let code = '';
  await expect
    .poll(() => {
      const codes = emailsTo(address)
        .map((text) => text.match(/^\s+(\d{6})\s*$/m))
        .filter((m): m is RegExpMatchArray => m !== null)
        .map((m) => m[1]);
      code = codes[codes.length - 1] ?? '';
      return code;
    }, { timeout: 15_000, message: `an email to ${address} with a 6-digit code` })
    .not.toBe('');
  return code;
}
