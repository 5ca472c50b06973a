// What every journey (e2e/journeys/*.e2e.ts) shares: the server under test, Chromium with one
// signed-in context per person, numbered screenshots under e2e/artifacts/<journey>/, sign-in,
// and a watch on console errors and failed API calls that each journey asserts at its end.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { idNumberCheckCharacter } from '@zhengtong/gb';
import { generate } from 'otplib';
import { launchChromium } from './browser.js';

/** The server under test; `npm run test:e2e` starts one and sets this. */
export const baseUrl = (process.env.ZT_E2E_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');

// the demo staff password and the administrators' TOTP secret (README; demo mode only)
export const DEMO_STAFF_PASSWORD = 'Demo-Staff-2026!';
const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const artifactsDir = path.join(import.meta.dirname, 'artifacts');

/** antd puts a space between the two characters of a two-character button label. */
export const twoCharacters = (label: string) => new RegExp(`^${[...label].join('\\s?')}$`);

/** n random digits: a server started earlier keeps what earlier runs created. */
const randomDigits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');
const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

export interface NewPerson {
  name: string;
  idNumber: string;
  phone: string;
  password: string;
}

/** Someone not yet registered, with a valid ID number (born in 金水区 between 1980 and 1999). */
export function newPerson(name: string): NewPerson {
  const born = [between(1980, 1999), between(1, 12), between(1, 28)];
  const first17 = `410105${born.map((n) => String(n).padStart(2, '0')).join('')}${randomDigits(3)}`;
  return {
    name,
    idNumber: first17 + idNumberCheckCharacter(first17),
    phone: `139${randomDigits(8)}`,
    password: 'Journey-test-2026!',
  };
}

/**
 * 个人注册 then 登录 as that person, the way a newcomer does it, ending on the page `next` opens
 * (its heading given).
 */
export async function registerAndSignIn(
  page: Page,
  person: NewPerson,
  next: { path: string; heading: string },
  afterRegistering?: () => Promise<void>,
): Promise<void> {
  await openPage(page, '/register', '个人注册');
  await page.getByLabel('姓名').fill(person.name);
  await page.getByLabel('身份证号').fill(person.idNumber);
  await page.getByLabel('手机号').fill(person.phone);
  await page.getByLabel('密码', { exact: true }).fill(person.password);
  await page.getByLabel('确认密码').fill(person.password);
  await page
    .getByRole('button', { name: twoCharacters('注册') })
    .last()
    .click();
  await page.getByText('注册成功').waitFor();
  await afterRegistering?.();

  await openPage(page, `/login?next=${encodeURIComponent(next.path)}`, '登录');
  await page.getByLabel('账号').fill(person.phone);
  await page.getByLabel('密码').fill(person.password);
  await page
    .getByRole('button', { name: twoCharacters('登录') })
    .last()
    .click();
  await page.getByRole('heading', { level: 1, name: next.heading }).waitFor();
}

/** Opens a path of the SPA and waits for its page heading. */
export async function openPage(page: Page, pathname: string, heading: string | RegExp) {
  const response = await page.goto(`${baseUrl}${pathname}`);
  assert.equal(response?.status(), 200, `GET ${pathname}`);
  await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
}

/**
 * Chooses `option` in the antd select labelled `label` and waits until the select shows it (a
 * click on an option still sliding in can miss, so it is tried again).
 */
export async function choose(scope: Page | Locator, label: string, option: string): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  // `has` takes a locator relative to the element it filters: one from the page
  const field = scope
    .locator('.ant-select')
    .filter({ has: page.getByLabel(label, { exact: true }) });
  const select = field.getByLabel(label, { exact: true });
  // the select shows the chosen option's label (the open list is elsewhere, in a portal)
  const chosen = field.filter({ hasText: option });
  for (let attempt = 0; attempt < 3 && !(await chosen.isVisible()); attempt++) {
    await select.click();
    const item = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle(option, { exact: true });
    await item.click();
    await chosen.waitFor({ timeout: 2_000 }).catch(() => undefined);
  }
  await chosen.waitFor();
}

/**
 * One journey: a Chromium of its own, a context per person (no shared session), screenshots
 * numbered in the order they are taken, and the console errors and failed API calls of every
 * page it opened.
 */
export class Journey {
  private shots = 0;
  private failed = false;
  private readonly pages = new Set<Page>();
  private readonly problems: string[] = [];
  private readonly dir: string;

  private constructor(
    private readonly browser: Browser,
    name: string,
  ) {
    this.dir = path.join(artifactsDir, name);
  }

  /** Starts Chromium for the journey `name`; closed when the test ends. */
  static async start(t: TestContext, name: string): Promise<Journey> {
    const browser = await launchChromium();
    t.after(() => browser.close());
    const journey = new Journey(browser, name);
    fs.rmSync(journey.dir, { recursive: true, force: true });
    fs.mkdirSync(journey.dir, { recursive: true });
    return journey;
  }

  /**
   * A step of the journey as a subtest; once one fails, the steps after it are skipped (they
   * build on it) and the journey fails.
   */
  async step(t: TestContext, name: string, fn: () => Promise<void>): Promise<void> {
    await t.test(name, async (st) => {
      if (this.failed) {
        st.skip('an earlier step failed');
        return;
      }
      try {
        await fn();
      } catch (error) {
        this.failed = true;
        // what each open page showed when the step failed
        for (const [i, page] of [...this.pages].entries()) {
          const file = path.join(this.dir, `failed-${i + 1}.png`);
          await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        }
        throw error;
      }
    });
  }

  /** A fresh context (no session, Chinese, 上海 time) and its first page. */
  async newPage(): Promise<Page> {
    const context = await this.browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    this.watch(page);
    this.pages.add(page);
    page.on('close', () => this.pages.delete(page));
    return page;
  }

  /** A new page signed in as `username` and landed on `next` (TOTP for administrators). */
  async signIn(
    username: string,
    password: string,
    next: string,
    { otp = false }: { otp?: boolean } = {},
  ): Promise<Page> {
    const page = await this.newPage();
    await openPage(page, `/login?next=${encodeURIComponent(next)}`, '登录');
    await page.getByLabel('账号').fill(username);
    await page.getByLabel('密码').fill(password);
    await page
      .getByRole('button', { name: twoCharacters('登录') })
      .last()
      .click();
    if (otp) {
      await page.getByLabel('验证码').fill(await currentOtp());
      await page.getByRole('button', { name: '验证并登录' }).click();
    }
    await page.waitForURL((url) => url.pathname !== '/login');
    return page;
  }

  /** Saves `NN-step.png` of the whole page, from the top. */
  async shot(page: Page, step: string): Promise<void> {
    this.shots += 1;
    // scrolled, the sticky top bar would be drawn across the middle of the page
    await page.evaluate(() => window.scrollTo(0, 0));
    const file = `${String(this.shots).padStart(2, '0')}-${step}.png`;
    await page.screenshot({ path: path.join(this.dir, file), fullPage: true });
  }

  /** The last step: no console error and no failed API call on any page of the journey. */
  async finish(t: TestContext): Promise<void> {
    await t.test('no console errors and no failed API calls', () => {
      assert.deepEqual(this.problems, []);
    });
  }

  /** Closes the page's context: that person is done. */
  async close(page: Page): Promise<void> {
    await page.context().close();
  }

  private watch(page: Page): void {
    page.setDefaultTimeout(20_000);
    const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
    // Every page asks who is signed in; a signed-out visitor's 401 is the answer, not a
    // failure; likewise the login's 401 `otp-required` asking an administrator for the code.
    const isSignedOutAnswer = (url: string, status: number) =>
      status === 401 &&
      ['/api/v1/identity/me', '/api/v1/identity/login'].includes(new URL(url).pathname);
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const source = message.location().url;
      if (source && isSignedOutAnswer(source, 401) && message.text().includes('401')) return;
      this.problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`${page.url()}: ${error.message}`));
    page.on('response', (response) => {
      const status = response.status();
      if (isApi(response.url()) && status >= 400 && !isSignedOutAnswer(response.url(), status)) {
        this.problems.push(`${status} ${response.request().method()} ${response.url()}`);
      }
    });
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      // a query dropped on navigation is cancelled by the app itself
      if (isApi(request.url()) && failure !== 'net::ERR_ABORTED') {
        this.problems.push(`${failure} ${request.method()} ${request.url()}`);
      }
    });
  }
}

/**
 * The API as one signed-in account, for what a journey needs set up but does not walk (the
 * accounts an administrator opens beforehand). Session cookie kept by hand: Node's fetch has no
 * cookie jar.
 */
export class ApiSession {
  private constructor(private readonly cookie: string) {}

  static async signIn(
    username: string,
    password: string,
    { otp = false }: { otp?: boolean } = {},
  ): Promise<ApiSession> {
    const body = { username, password, ...(otp ? { otp: await currentOtp() } : {}) };
    const response = await fetch(`${baseUrl}/api/v1/identity/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, `sign in as ${username}: ${await response.text()}`);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return new ApiSession(cookie);
  }

  async call<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${pathname}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${pathname}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** The demo administrators' TOTP code of now. */
function currentOtp(): Promise<string> {
  return generate({ secret: DEMO_TOTP_SECRET });
}

/**
 * A staff account as administrators open one (三员分立): the system administrator creates it,
 * the security administrator grants the role, and its holder replaces the initial password.
 * Returns the username; the password is DEMO_STAFF_PASSWORD.
 */
export async function openStaffAccount(input: {
  name: string;
  organisationId: string;
  role: string;
}): Promise<string> {
  const username = `e2e-${input.role}-${randomDigits(6)}`;
  const initialPassword = 'Initial-Journey-2026!';
  const sysAdmin = await ApiSession.signIn('sys-admin', DEMO_STAFF_PASSWORD, { otp: true });
  const { accountId } = await sysAdmin.call<{ accountId: string }>(
    'POST',
    '/api/v1/identity/staff',
    { username, name: input.name, organisationId: input.organisationId, initialPassword },
  );
  const secAdmin = await ApiSession.signIn('sec-admin', DEMO_STAFF_PASSWORD, { otp: true });
  await secAdmin.call('POST', `/api/v1/identity/staff/${accountId}/roles`, { role: input.role });
  const holder = await ApiSession.signIn(username, initialPassword);
  await holder.call('POST', '/api/v1/identity/password', {
    currentPassword: initialPassword,
    newPassword: DEMO_STAFF_PASSWORD,
  });
  return username;
}
