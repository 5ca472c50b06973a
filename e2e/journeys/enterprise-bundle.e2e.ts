// Journey 3 of issue 8: a founder registers, registers the enterprise and acts for it, applies
// once for 企业开办一件事 in 郑州 (企业设立登记, then 公章刻制备案, 发票领用 and 社会保险登记 in
// stage 2, all free); the service hall accepts (一窗受理), the market regulator approves and the
// 营业执照 is issued; stage 2 follows and is accepted; the enterprise finds the licence in 我的证照,
// reads the QR code printed on its PDF and, signed out like anyone who scans it, verifies it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeCreditCode, organisationCodeCheckCharacter } from '@zhengtong/gb';
import {
  baseUrl,
  choose,
  DEMO_STAFF_PASSWORD,
  Journey,
  newPerson,
  openPage,
  registerAndSignIn,
  twoCharacters,
} from '../journey.js';
import { decodeQr, pdfImages } from '../qr.js';

const BUNDLE = '企业开办一件事';
const ENTERPRISE = '郑州云帆数字科技有限公司';
const STAGE_TWO = ['公章刻制备案', '发票领用', '社会保险登记（单位参保登记）'];

/** A credit code not yet registered: 9 (market regulation) 1 (enterprise), 郑州, a new body. */
function newCreditCode(): string {
  const body = `MA${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  return makeCreditCode(`91410100${body}${organisationCodeCheckCharacter(body)}`);
}

void test('enterprise: 企业开办一件事, 营业执照 in the wallet, verified by its QR code', async (t) => {
  const journey = await Journey.start(t, 'enterprise-bundle');
  const founder = newPerson('赵敏');
  const creditCode = newCreditCode();
  const page = await journey.newPage();
  const members = new Map<string, { id: string; no: string }>();
  let bundleUrl = '';
  let identifier = '';

  await journey.step(t, 'the founder registers and registers the enterprise', async () => {
    await registerAndSignIn(page, founder, { path: '/me', heading: '个人中心' });
    await page.getByLabel('企业名称').fill(ENTERPRISE);
    await page.getByLabel('统一社会信用代码').fill(creditCode);
    await page.getByRole('button', { name: '登记企业' }).click();
    await page.getByText(`已登记：${ENTERPRISE}`).waitFor();
    const entry = page.locator('.ant-list-item').filter({ hasText: creditCode });
    await entry.getByText('法定代表人').waitFor();
    await entry.getByRole('button', { name: '代表该企业办理' }).click();
    await entry.getByText('当前身份').waitFor();
    await journey.shot(page, 'enterprise-registered');
  });

  await journey.step(t, 'reads the guide and applies once for four items', async () => {
    await openPage(page, '/services/bundles/business-startup?region=410100', BUNDLE);
    for (const item of ['企业设立登记', ...STAGE_TWO]) {
      await page.getByRole('link', { name: item }).first().waitFor();
    }
    await journey.shot(page, 'bundle-guide');
    await page.getByRole('link', { name: '在线办理' }).click();
    await page.getByRole('heading', { level: 1, name: `一件事申报：${BUNDLE}` }).waitFor();

    await page.getByLabel('企业名称').fill(ENTERPRISE);
    await page.getByLabel('住所（经营场所）').fill('郑州市郑东新区龙子湖智慧岛 8 号楼 1201');
    await page.getByLabel('法定代表人姓名').fill(founder.name);
    await page.getByLabel('注册资本（万元）').fill('100');
    await choose(page, '企业类型', '有限责任公司（自然人投资或控股）');
    await page.getByLabel('经营范围').fill('软件开发；信息技术咨询服务；数据处理服务');
    await page.getByRole('checkbox', { name: '单位公章' }).check();
    await page.getByRole('checkbox', { name: '发票专用章' }).check();
    await page.getByLabel('刻章企业（自主选择）').fill('郑州市金水区诚信刻章有限公司');
    await page.getByRole('checkbox', { name: '数电发票（普通发票）' }).check();
    await page.getByLabel('预计月销售额（万元）').fill('20');
    await page.getByLabel('参保职工人数').fill('6');
    for (const kind of ['企业职工基本养老保险', '失业保险', '工伤保险']) {
      await page.getByRole('checkbox', { name: kind }).check();
    }
    await journey.shot(page, 'bundle-form');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByText(/一件事已提交，办件编号 \d{20}/).waitFor();
    await page.waitForURL(/\/me\/bundle-applications\/[0-9a-f-]{36}$/);
    bundleUrl = new URL(page.url()).pathname;

    // stage 1 goes to the hall at once, stage 2 waits for it
    await memberRow(page, '企业设立登记').getByText('已申报').waitFor();
    for (const item of STAGE_TWO) {
      await memberRow(page, item).getByText('等待前序事项').waitFor();
    }
    await journey.shot(page, 'bundle-submitted');
    for (const item of ['企业设立登记', ...STAGE_TWO]) {
      members.set(item, await memberOf(page, item));
      await page.goto(`${baseUrl}${bundleUrl}`);
    }
  });

  await journey.step(t, 'the service hall accepts 企业设立登记 (一窗受理)', async () => {
    const { id, no } = members.get('企业设立登记')!;
    const hall = await journey.signIn('zz-hall-window', DEMO_STAFF_PASSWORD, '/workbench');
    const row = hall.getByRole('row').filter({ hasText: no });
    await row.waitFor();
    await row.getByRole('link', { name: twoCharacters('办理') }).click();
    await hall.waitForURL(`${baseUrl}/workbench/applications/${id}`);
    // the applicant is the enterprise (法人), its name masked to officers outside the case
    await hall.getByText('法人', { exact: true }).first().waitFor();
    await hall.getByText('企业设立登记').first().waitFor();
    await accept(hall, no);
    await journey.shot(hall, 'hall-accepted');
    await journey.close(hall);
  });

  await journey.step(t, 'the market regulator approves and the 营业执照 is issued', async () => {
    const { id, no } = members.get('企业设立登记')!;
    const approver = await journey.signIn(
      'zz-approver',
      DEMO_STAFF_PASSWORD,
      `/workbench/applications/${id}`,
    );
    await approver.getByRole('heading', { level: 1, name: `办件 ${no}` }).waitFor();
    await approver.getByRole('button', { name: '填写意见' }).first().click();
    await approver.getByLabel('意见').fill('名称、住所、经营范围符合规定，准予设立登记');
    await approver.getByRole('button', { name: '提交意见' }).click();
    await approver.getByText(`意见已提交（办件 ${no}）`).waitFor();
    await approver.getByRole('button', { name: '作出决定' }).first().click();
    await approver.getByRole('radio', { name: '准予' }).check();
    await approver.getByRole('button', { name: '确认决定' }).click();
    await approver.getByText('办件已办结：准予。').waitFor();
    await journey.shot(approver, 'regulator-approved');
    await journey.close(approver);
  });

  await journey.step(t, 'stage 2 reaches the hall and is accepted (即办)', async () => {
    await page.goto(`${baseUrl}${bundleUrl}`);
    await memberRow(page, '企业设立登记').getByText('准予（办结）').waitFor();
    for (const item of STAGE_TWO) await memberRow(page, item).getByText('已申报').waitFor();
    await journey.shot(page, 'bundle-stage-two');

    const hall = await journey.signIn('zz-hall-window', DEMO_STAFF_PASSWORD, '/workbench');
    for (const item of STAGE_TWO) {
      const { id, no } = members.get(item)!;
      await hall.goto(`${baseUrl}/workbench/applications/${id}`);
      await hall.getByRole('heading', { level: 1, name: `办件 ${no}` }).waitFor();
      await accept(hall, no);
      await hall.getByText('办件已办结：准予。').waitFor();
    }
    await journey.shot(hall, 'hall-stage-two-done');
    await journey.close(hall);
  });

  await journey.step(t, 'the enterprise sees all four items done', async () => {
    await page.goto(`${baseUrl}${bundleUrl}`);
    await page.getByText('全部事项已办结。').waitFor();
    for (const item of ['企业设立登记', ...STAGE_TWO]) {
      await memberRow(page, item).getByText('准予（办结）').waitFor();
    }
    await journey.shot(page, 'bundle-completed');
  });

  await journey.step(t, 'finds the 营业执照 in 我的证照', async () => {
    await openPage(page, '/me/certificates', '我的证照');
    await page.getByRole('combobox').first().click();
    await page.getByTitle(ENTERPRISE).first().click();
    await page.waitForURL(/enterprise=/);
    const licences = page.getByRole('link', { name: /营业执照/ });
    await licences.first().waitFor();
    assert.equal(await licences.count(), 1, 'the new enterprise holds one licence');
    await licences.first().click();
    await page.getByRole('heading', { level: 1, name: '营业执照' }).waitFor();
    const face = page.locator('.zt-card').filter({ hasText: '照面信息' });
    await face.getByText(ENTERPRISE).waitFor();
    await face.getByText(founder.name).waitFor();
    await face.getByText('有限责任公司（自然人投资或控股）').waitFor();
    await page.getByText('有效', { exact: true }).first().waitFor();
    await page.getByText('郑州市市场监督管理局').first().waitFor();
    identifier = (await page.locator('.zt-code').first().innerText()).trim();
    assert.match(identifier, /^1\.2\.156\.3005\.2\./, 'a GB/T 36904 identifier');
    await journey.shot(page, 'wallet-licence');
  });

  await journey.step(t, 'reads the QR code on the PDF and verifies it signed out', async () => {
    const href = await page.getByRole('link', { name: '下载PDF' }).getAttribute('href');
    assert.ok(href, 'the certificate page offers its PDF');
    const pdf = await page.request.get(new URL(href, baseUrl).toString());
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    const codes = pdfImages(await pdf.body()).flatMap((image) => {
      try {
        return [decodeQr(image)];
      } catch {
        return []; // an image that is not the QR code
      }
    });
    assert.equal(codes.length, 1, 'the PDF carries one QR code');
    const scanned = new URL(codes[0]!);
    // the QR code points at the public site (the test server is started with it as ZT_PUBLIC_URL)
    assert.equal(scanned.origin, new URL(baseUrl).origin);
    assert.equal(decodeURIComponent(scanned.pathname), `/verify/${identifier}`);

    // a phone that scans it: no session
    const phone = await journey.newPage();
    const response = await phone.goto(scanned.toString());
    assert.equal(response?.status(), 200);
    await phone.getByRole('heading', { level: 1, name: '电子证照核验' }).waitFor();
    await phone.locator('.ant-result-title', { hasText: '有效' }).waitFor();
    await phone.getByText('签名验证通过，证照真实且在有效期内。').waitFor();
    await phone.getByText(identifier).first().waitFor();
    // the holder by its credit code, masked for the public
    await phone.getByText(`${creditCode.slice(0, 8)}******${creditCode.slice(-4)}`).waitFor();
    await phone.getByText('营业执照', { exact: true }).waitFor();
    await phone.getByText('郑州市市场监督管理局', { exact: true }).waitFor();
    await journey.shot(phone, 'verified-by-qr');
    await journey.close(phone);
  });

  await journey.finish(t);
});

/** The row of an item in the bundle's member table. */
function memberRow(page: Page, item: string) {
  return page.getByRole('row').filter({ has: page.getByRole('link', { name: item, exact: true }) });
}

/** A member application's id and 办件编号, from its own page. */
async function memberOf(page: Page, item: string): Promise<{ id: string; no: string }> {
  await memberRow(page, item).getByRole('link', { name: item, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: item }).waitFor();
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  const no = /\d{20}/.exec(
    await page
      .getByText(/办件编号 \d{20}/)
      .first()
      .innerText(),
  )?.[0];
  assert.ok(id && no, `${item} has its own application`);
  return { id, no };
}

/** 受理 on the officer's page of an application. */
async function accept(page: Page, no: string): Promise<void> {
  await page
    .getByRole('button', { name: twoCharacters('受理') })
    .first()
    .click();
  await page.getByRole('button', { name: '确认受理' }).click();
  await page.getByText(`已受理办件 ${no}`).waitFor();
}
