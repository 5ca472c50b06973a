// Browser smoke test: walks the pages a citizen, an officer and an administrator open first, and
// a person's registration, sign-in and sign-out, against a running server (the demo data set), in
// Debian's Chromium.
//
//   ZT_E2E_URL=http://127.0.0.1:8080 node --conditions=zt-source --import tsx --test e2e/smoke.e2e.ts
//
// A screenshot of every step lands in e2e/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { idNumberCheckCharacter } from '@zhengtong/gb';
import { generate } from 'otplib';
import { launchChromium } from './browser.js';

// the demo administrators' password and TOTP secret (README; demo mode only)
const DEMO_STAFF_PASSWORD = 'Demo-Staff-2026!';
const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const baseUrl = (process.env.ZT_E2E_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
const screenshotDir = path.join(import.meta.dirname, 'screenshots');

async function screenshot(page: Page, name: string): Promise<void> {
  // From the top: scrolled, the sticky top bar would be drawn across the middle of the page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** antd puts a space between the two characters of a two-character button label. */
const twoCharacters = (label: string) => new RegExp(`^${[...label].join('\\s?')}$`);

/** Opens a path of the SPA and waits for its page heading. */
async function openPage(page: Page, pathname: string, heading: string): Promise<void> {
  const response = await page.goto(`${baseUrl}${pathname}`);
  assert.equal(response?.status(), 200, `GET ${pathname}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

void test('smoke: portal, calculator, calendar, English, regions, deep link, identity', async (t) => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const browser = await launchChromium();
  t.after(() => browser.close());
  // A fresh context: no stored language, so the UI starts in Chinese as a first visitor sees it.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const consoleErrors: string[] = [];
  const failedApiCalls: string[] = [];
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  // Every page asks who is signed in; a signed-out visitor's 401 is the answer, not a failure
  // (Chromium still logs it as a failed resource).
  // Likewise the login's 401 `otp-required` that asks an administrator for the second factor.
  const isSignedOutAnswer = (url: string, status: number) =>
    status === 401 &&
    ['/api/v1/identity/me', '/api/v1/identity/login'].includes(new URL(url).pathname);

  /** Collects console errors and failed API calls of a page. */
  function watch(watched: Page): void {
    watched.setDefaultTimeout(15_000);
    watched.on('console', (message) => {
      if (message.type() !== 'error') return;
      const source = message.location().url;
      if (source && isSignedOutAnswer(source, 401) && message.text().includes('401')) return;
      consoleErrors.push(`${watched.url()}: ${message.text()}`);
    });
    watched.on('pageerror', (error) => consoleErrors.push(`${watched.url()}: ${error.message}`));
    watched.on('response', (response) => {
      const status = response.status();
      if (isApi(response.url()) && status >= 400 && !isSignedOutAnswer(response.url(), status)) {
        failedApiCalls.push(`${status} ${response.request().method()} ${response.url()}`);
      }
    });
    watched.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      // A query dropped on navigation is cancelled by the app itself; that is not a failure.
      if (isApi(request.url()) && failure !== 'net::ERR_ABORTED') {
        failedApiCalls.push(`${failure} ${request.method()} ${request.url()}`);
      }
    });
  }

  const page = await context.newPage();
  watch(page);

  await t.test('portal: find 郑州市政务服务中心 and see its windows', async () => {
    await openPage(page, '/portal', '河南政务服务 · 办事大厅');
    const region = page.getByRole('combobox', { name: '所在地区' });
    await region.click();
    await region.fill('郑州市');
    await page.getByRole('treeitem', { name: '郑州市', exact: true }).click();
    await page.getByText(/共找到 \d+ 个政务服务大厅/).waitFor();

    await page.getByRole('tab', { name: /^郑州市政务服务中心/ }).click();
    const windows = page.getByRole('table', { name: '郑州市政务服务中心的窗口' });
    await windows.waitFor();
    const rows = windows.getByRole('row');
    await rows.nth(1).waitFor();
    assert.ok((await rows.count()) > 1, 'the hall lists at least one window');
    assert.match(await windows.innerText(), /窗口/);
    await screenshot(page, '01-portal-hall-windows');
  });

  await t.test('calculator: 2025-09-30 + 5 working days is 2025-10-14', async () => {
    const calculator = page.getByRole('region', { name: '办结日期计算' });
    // The limit first: Enter in the date field already submits the form.
    await calculator.getByRole('spinbutton', { name: '办理时限' }).fill('5');
    const acceptedOn = calculator.getByRole('textbox', { name: '受理日期' });
    await acceptedOn.click();
    await acceptedOn.fill('2025-09-30');
    await acceptedOn.press('Enter');
    // antd spaces two-character labels (计 算) and prefixes "loading" while a request runs.
    await calculator.getByRole('button', { name: /计\s*算/ }).click();
    // National Day (Oct 1–8) is skipped and Saturday Oct 11 is a 调休 working day.
    await calculator.getByText('2025年10月14日 星期二').waitFor();
    assert.match(await calculator.innerText(), /5 个工作日.*共 14 个自然日/s);
    await screenshot(page, '02-deadline-calculator');
  });

  await t.test('calendar: October 2025 shows 国庆节 and the 调休 on 10-11', async () => {
    await openPage(page, '/admin/calendar?month=2025-10', '工作日历');
    const calendar = page.getByRole('region', { name: '2025年10月' });
    await calendar.getByRole('heading', { name: '2025年10月' }).waitFor();
    // Each day cell reads "<day> <mark> <name>"; Oct 1–8 are rest days (休).
    for (const day of ['01', '02', '03', '04', '05', '07', '08']) {
      await calendar.getByRole('cell', { name: `${day} 休 国庆节`, exact: true }).waitFor();
    }
    await calendar.getByRole('cell', { name: '06 休 中秋', exact: true }).waitFor();
    const adjusted = calendar.getByRole('cell', { name: '11 班 国庆节', exact: true });
    await adjusted.click();
    // The line under the grid describes the selected day.
    await calendar.getByText('2025年10月11日 星期六').waitFor();
    const text = await calendar.innerText();
    assert.match(text, /2025年10月11日 星期六\s*班\s*调休上班\s*· 国庆节\s*· 上班/);
    assert.match(text, /法定节假日\s*8\s*天/);
    await screenshot(page, '03-calendar-october-2025');
  });

  await t.test('language: switching to English translates the navigation', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    const entrances = page.getByRole('navigation', { name: 'Platform entrances' });
    for (const name of ['Service hall', 'Workbench', 'Administration']) {
      await entrances.getByRole('link', { name, exact: true }).waitFor();
    }
    const adminNav = page.getByRole('navigation', { name: 'Administration navigation' });
    for (const name of ['Regions', 'Organisations & windows', 'Working-day calendar']) {
      await adminNav.getByRole('link', { name, exact: true }).waitFor();
    }
    await page.getByRole('heading', { level: 1, name: 'Working-day calendar' }).waitFor();
    await page.getByRole('cell', { name: '11 Work National Day', exact: true }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await screenshot(page, '04-english');
  });

  await t.test('regions: opening 郑州市 shows 金水区', async () => {
    await openPage(page, '/admin/regions', 'Administrative regions');
    const tree = page.getByRole('tree', { name: 'Administrative region tree' });
    await tree.getByRole('treeitem', { name: '郑州市 410100' }).click();
    await tree.getByRole('treeitem', { name: '金水区 410105' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '郑州市', exact: true }).waitFor();
    await screenshot(page, '05-regions-zhengzhou');
  });

  await t.test('deep link: /admin/organisations survives a reload', async () => {
    await openPage(
      page,
      '/admin/organisations?region=410100&kind=serviceHall',
      'Organisations & windows',
    );
    const reloaded = await page.reload();
    assert.equal(reloaded?.status(), 200);
    assert.match(reloaded?.headers()['content-type'] ?? '', /text\/html/);
    await page.getByRole('heading', { level: 1, name: 'Organisations & windows' }).waitFor();
    await page.getByRole('button', { name: '郑州市政务服务中心', exact: true }).waitFor();
    await screenshot(page, '06-organisations-deep-link');
  });

  await t.test('identity: register a person, sign in, 个人中心, sign out', async () => {
    // A context of its own: Chinese again (the tests above switched to English), no session.
    const personContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const person = await personContext.newPage();
    watch(person);
    // A new person each run: the server may keep what earlier runs registered.
    const first17 = `41010519900307${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    const idNumber = first17 + idNumberCheckCharacter(first17);
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const password = 'Smoke-test-2026!';

    await openPage(person, '/register', '个人注册');
    await person.getByLabel('姓名').fill('测试用户');
    await person.getByLabel('身份证号').fill(idNumber);
    await person.getByLabel('手机号').fill(phone);
    await person.getByLabel('密码', { exact: true }).fill(password);
    await person.getByLabel('确认密码').fill(password);
    await person
      .getByRole('button', { name: twoCharacters('注册') })
      .last()
      .click();
    await person.getByText('注册成功').waitFor();
    await screenshot(person, '07-identity-registered');

    await openPage(person, '/login?next=%2Fme', '登录');
    await person.getByLabel('账号').fill(phone);
    await person.getByLabel('密码').fill(password);
    await person
      .getByRole('button', { name: twoCharacters('登录') })
      .last()
      .click();
    await person.getByRole('heading', { level: 1, name: '个人中心' }).waitFor();
    const masked = `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
    await person.getByText(masked).waitFor();
    assert.equal(await person.getByText(idNumber).count(), 0, 'the ID number is shown masked');
    await screenshot(person, '08-identity-me');

    await person.getByRole('button', { name: '测试用户 的账号菜单' }).click();
    // the header changes once the server has ended the session (slow on a busy CI machine)
    const loggedOut = person.waitForResponse(
      (r) => r.url().endsWith('/api/v1/identity/logout') && r.request().method() === 'POST',
    );
    await person.getByRole('menuitem', { name: '退出登录' }).click();
    assert.equal((await loggedOut).ok(), true, 'the server ended the session');
    await person.getByRole('button', { name: twoCharacters('登录') }).waitFor({ timeout: 30_000 });
    await personContext.close();
  });

  await t.test('catalogue: search 营业执照, read the guide, see a 一件事', async () => {
    // Chinese again: an earlier step switched this context to English
    await page.evaluate(() => localStorage.clear());
    await openPage(page, `/services?q=${encodeURIComponent('营业执照')}`, '事项搜索');
    await page.getByRole('link', { name: '企业设立登记' }).first().click();
    await page.getByRole('heading', { level: 1, name: '企业设立登记' }).waitFor();
    await page.getByRole('heading', { name: '申请材料' }).waitFor();
    await page
      .getByRole('cell', { name: /公司章程/ })
      .first()
      .waitFor();
    await page.getByText('免填报', { exact: false }).first().waitFor();
    await screenshot(page, '09-catalogue-guide');

    await openPage(page, '/services/bundles/newborn?region=410300', '新生儿出生一件事');
    await page
      .getByRole('cell', { name: /出生医学证明/ })
      .first()
      .waitFor();
    await screenshot(page, '10-catalogue-bundle');
  });

  await t.test(
    'catalogue admin: the province admin signs in with TOTP, lists and six mosts',
    async () => {
      const adminContext = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const admin = await adminContext.newPage();
      watch(admin);
      await openPage(admin, '/login?next=%2Fadmin%2Fcatalog%2Flists', '登录');
      await admin.getByLabel('账号').fill('province-admin');
      await admin.getByLabel('密码').fill(DEMO_STAFF_PASSWORD);
      await admin
        .getByRole('button', { name: twoCharacters('登录') })
        .last()
        .click();
      await admin.getByLabel('验证码').fill(await generate({ secret: DEMO_TOTP_SECRET }));
      await admin.getByRole('button', { name: '验证并登录' }).click();
      await admin.getByRole('heading', { level: 1, name: '实施清单' }).waitFor();
      await admin.getByText('已发布').first().waitFor();
      await screenshot(admin, '11-catalogue-admin-lists');

      await admin.getByRole('link', { name: '六个最' }).click();
      await admin.getByRole('heading', { level: 1, name: '六个最' }).waitFor();
      await admin.getByText('最多跑一次').first().waitFor();
      await screenshot(admin, '12-catalogue-six-mosts');

      // the 承诺件 process drawn from its BPMN definition
      await admin.getByRole('link', { name: '流程定义' }).click();
      await admin.getByRole('link', { name: '承诺件' }).click();
      await admin.locator('.djs-container svg .djs-element[data-element-id="review"]').waitFor();
      await admin.getByRole('cell', { name: '审查' }).first().waitFor();
      await screenshot(admin, '13-workflow-promised-case');
      await adminContext.close();
    },
  );

  await t.test(
    'applications: the window officer opens a demo application from 我的待办',
    async () => {
      const officerContext = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const officer = await officerContext.newPage();
      watch(officer);
      await openPage(officer, '/login?next=%2Fworkbench', '登录');
      await officer.getByLabel('账号').fill('zz-window');
      await officer.getByLabel('密码').fill(DEMO_STAFF_PASSWORD);
      await officer
        .getByRole('button', { name: twoCharacters('登录') })
        .last()
        .click();
      await officer.getByText('我的待办').first().waitFor();
      await officer.getByRole('cell', { name: '受理' }).first().waitFor();
      await screenshot(officer, '14-workbench-tasks');
      await officer
        .getByRole('link', { name: twoCharacters('办理') })
        .first()
        .click();
      await officer.getByRole('heading', { level: 1, name: /办件/ }).waitFor();
      await officer
        .getByRole('button', { name: twoCharacters('受理') })
        .first()
        .waitFor();
      await screenshot(officer, '15-workbench-application');
      await officerContext.close();
    },
  );

  await t.test(
    'applications: 张三 applies online, the window accepts, 张三 pays the fee, the bureau approves',
    async () => {
      // 二手房过户 in 郑州: 并联审批 with nobody consulted is accept → review → decide
      const item = (await (
        await fetch(`${baseUrl}/api/v1/catalog/items/QR00800001002`)
      ).json()) as { lists: { id: string; regionCode: string }[] };
      const listId = item.lists.find((l) => l.regionCode === '410100')?.id;
      assert.ok(listId, 'the demo catalogue has the 郑州 list');

      const signIn = async (username: string, password: string, next: string) => {
        const context = await browser.newContext({
          viewport: { width: 1440, height: 900 },
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        });
        const page = await context.newPage();
        watch(page);
        await openPage(page, `/login?next=${encodeURIComponent(next)}`, '登录');
        await page.getByLabel('账号').fill(username);
        await page.getByLabel('密码').fill(password);
        await page
          .getByRole('button', { name: twoCharacters('登录') })
          .last()
          .click();
        return { context, page };
      };

      // 申报
      const citizen = await signIn('13800000001', 'Demo-Citizen-2026', `/apply/${listId}`);
      const apply = citizen.page;
      await apply.getByRole('heading', { level: 1, name: /网上申报/ }).waitFor();
      await apply.getByLabel('不动产坐落').fill('郑州市金水区经三路 1 号院 2 号楼 301');
      await apply.getByLabel('不动产单元号').fill('410105001001GB00001F00020003');
      await apply.getByLabel('成交价格（万元）').fill('180');
      await apply.getByLabel('买受人（多人以顿号分隔）').fill('赵六');
      await apply.getByLabel('共有方式').click();
      await apply.getByTitle('单独所有', { exact: true }).click();
      await screenshot(apply, '16-apply-form');
      await apply.getByRole('button', { name: '提交申报' }).click();
      const submitted = apply.getByText(/办件编号 \d{20}/).first();
      await submitted.waitFor();
      const applicationNo = /\d{20}/.exec(await submitted.innerText())?.[0];
      assert.ok(applicationNo, 'the applicant is told the 办件编号');

      // 受理 from 我的待办
      const window = await signIn('zz-nr-window', DEMO_STAFF_PASSWORD, '/workbench');
      const officer = window.page;
      const row = officer.getByRole('row').filter({ hasText: applicationNo });
      await row.waitFor();
      await row.getByRole('link', { name: twoCharacters('办理') }).click();
      await officer.getByRole('heading', { level: 1, name: /办件/ }).waitFor();
      const applicationId = /\/workbench\/applications\/([0-9a-f-]{36})/.exec(officer.url())?.[1];
      assert.ok(applicationId, 'the officer page is the application of the task');
      await officer
        .getByRole('button', { name: twoCharacters('受理') })
        .first()
        .click();
      await officer.getByRole('button', { name: '确认受理' }).click();
      await officer.getByText('已受理').first().waitFor();
      await screenshot(officer, '17-workbench-accepted');
      await window.context.close();

      // 缴费: the registration fee was ordered at 受理; 张三 pays it through the simulated gateway
      await apply.goto(`${baseUrl}/me/applications/${applicationId}`);
      const fees = apply.locator('#zt-fees');
      await fees.getByText('待缴费').first().waitFor();
      await fees.getByText('103045').first().waitFor();
      assert.equal(await fees.getByTestId('fee-total').innerText(), '80.00');
      await screenshot(apply, '17a-fee-unpaid');
      await fees.getByRole('button', { name: /去支付/ }).click();
      await apply.getByRole('heading', { level: 1, name: /模拟支付网关/ }).waitFor();
      await apply.getByText('¥ 80.00').first().waitFor();
      await screenshot(apply, '17b-simulated-cashier');
      await apply.getByRole('button', { name: '确认支付' }).click();
      // back on the application page, the order is paid (asked at once, then the callback)
      await apply.waitForURL(/\/me\/applications\//);
      await fees.getByText('已缴费').first().waitFor();
      await screenshot(apply, '17c-fee-paid');
      await fees.getByRole('link', { name: '查看票据' }).click();
      await apply.getByRole('heading', { level: 1, name: '电子缴费票据' }).waitFor();
      await apply.getByText('不动产登记费（住宅类）').first().waitFor();
      await apply.getByText('张*', { exact: true }).first().waitFor();
      await screenshot(apply, '17d-receipt');

      // 审查 and 决定 by the real-estate bureau
      const approver = await signIn(
        'zz-nr-approver',
        DEMO_STAFF_PASSWORD,
        `/workbench/applications/${applicationId}`,
      );
      const bureau = approver.page;
      await bureau.getByRole('button', { name: '填写意见' }).first().click();
      await bureau.getByLabel('意见').fill('权属清楚，材料齐全，符合登记条件');
      await bureau.getByRole('button', { name: '提交意见' }).click();
      await bureau.getByRole('button', { name: '作出决定' }).first().click();
      await bureau.getByRole('radio', { name: '准予' }).check();
      await bureau.getByRole('button', { name: '确认决定' }).click();
      await bureau.getByText(/办结/).first().waitFor();
      await screenshot(bureau, '18-workbench-approved');
      // 缴费 as the payee bureau sees it: paid in full; a part refunded (工本费 charged twice)
      const bureauFees = bureau.getByRole('region', { name: /缴款码/ }).first();
      await bureauFees.getByText('已缴费').first().waitFor();
      await bureauFees.getByText('80.00').first().waitFor();
      await bureauFees.getByRole('button', { name: twoCharacters('退款') }).click();
      const refund = bureau.getByRole('dialog', { name: /退款/ });
      await refund.getByLabel('退款金额（元）').fill('10');
      await refund.getByLabel('退款原因').fill('工本费重复收取');
      await refund.getByRole('button', { name: '确认退款' }).click();
      await bureauFees
        .getByText(/(已退款 |退款处理中：)10\.00 元/)
        .first()
        .waitFor();
      await screenshot(bureau, '18a-workbench-refund');
      await approver.context.close();

      // the applicant sees it complete, on the diagram too
      await apply.goto(`${baseUrl}/me/applications/${applicationId}`);
      await apply.getByRole('heading', { level: 1 }).first().waitFor();
      await apply
        .locator('.djs-container svg .djs-element.zt-bpmn-done[data-element-id="approved"]')
        .waitFor();
      await screenshot(apply, '19-my-application-complete');
      // 好差评: one rating of the completed application
      const rating = apply.locator('#zt-evaluation');
      await rating.getByText('非常满意', { exact: true }).click();
      await rating.getByRole('button', { name: '提交评价' }).click();
      await rating.getByText(/您已于 .* 作出评价/).waitFor();
      await screenshot(apply, '19b-rated');
      await apply.getByRole('link', { name: '查看结果文书' }).click();
      await apply.getByRole('heading', { level: 1, name: '准予办理决定书' }).waitFor();
      await apply.getByText(`${applicationNo}Z`).waitFor();
      await screenshot(apply, '20-result-document');
      await citizen.context.close();
    },
  );

  await t.test(
    'certificates: 李四 finds the enterprise’s 营业执照 in 我的证照 and verifies it',
    async () => {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const wallet = await context.newPage();
      watch(wallet);
      await openPage(wallet, `/login?next=${encodeURIComponent('/me/certificates')}`, '登录');
      await wallet.getByLabel('账号').fill('13800000002');
      await wallet.getByLabel('密码').fill('Demo-Citizen-2026');
      await wallet
        .getByRole('button', { name: twoCharacters('登录') })
        .last()
        .click();
      await wallet.getByRole('heading', { level: 1, name: '我的证照' }).waitFor();
      await wallet.getByRole('combobox').first().click();
      await wallet
        .getByTitle(/河南政通示范科技有限公司/)
        .first()
        .click();
      // the licence in force (a 变更登记 keeps the earlier versions, marked 已变更)
      await wallet.waitForURL(/enterprise=/);
      const enterprise = new URL(wallet.url()).searchParams.get('enterprise');
      assert.ok(enterprise, 'the holder choice is in the address');
      await openPage(wallet, `/me/certificates?enterprise=${enterprise}&state=valid`, '我的证照');
      await wallet
        .getByRole('link', { name: /营业执照/ })
        .first()
        .click();
      await wallet.getByRole('heading', { level: 1, name: '营业执照' }).waitFor();
      // 照面信息 labelled by the type's data items
      await wallet.getByText('法定代表人', { exact: false }).first().waitFor();
      await screenshot(wallet, '21-wallet-certificate');
      await wallet
        .getByRole('link', { name: /在线核验/ })
        .first()
        .click();
      await wallet.getByRole('heading', { level: 1, name: '电子证照核验' }).waitFor();
      await wallet.locator('.ant-result-title', { hasText: '有效' }).waitFor();
      await screenshot(wallet, '22-verify-valid');
      await context.close();
    },
  );

  await t.test('no console errors and no failed API calls', () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(failedApiCalls, []);
  });
});
