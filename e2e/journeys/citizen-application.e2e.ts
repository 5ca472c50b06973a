// Journeys 1 and 2 of issue 8, interleaved as they happen: a new citizen registers, finds
// 社会保障卡申领（新生儿） by searching 出生, reads its guide and applies in 郑州 with a photo; the
// window officer of 郑州市人力资源和社会保障局 asks for a better photo (补正); the citizen replaces
// it and submits again; the officer accepts (受理), the approver reviews and approves; the citizen
// sees the application completed, rates it (好差评) and finds the card in 我的证照.
//
// The item is free (no payment step) and has no demo window officer, so the journey opens one
// the way administrators do (system admin creates, security admin grants) before it starts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  baseUrl,
  choose,
  DEMO_STAFF_PASSWORD,
  Journey,
  newPerson,
  openPage,
  openStaffAccount,
  registerAndSignIn,
  twoCharacters,
} from '../journey.js';

const ITEM = '社会保障卡申领（新生儿）';
const ITEM_CODE = 'GG00300002002';
const ORGANISATION = '郑州市人力资源和社会保障局';
const BABY = '王小满';

void test('citizen applies with a photo, 补正, 受理, 审查, 准予, 好差评', async (t) => {
  const journey = await Journey.start(t, 'citizen-application');
  const item = (await (await fetch(`${baseUrl}/api/v1/catalog/items/${ITEM_CODE}`)).json()) as {
    lists: { id: string; regionCode: string; organisationId: string }[];
  };
  const list = item.lists.find((l) => l.regionCode === '410100');
  assert.ok(list, `the demo catalogue implements ${ITEM} in 郑州`);
  const windowOfficer = await openStaffAccount({
    name: '人社窗口',
    organisationId: list.organisationId,
    role: 'windowOfficer',
  });

  const person = newPerson('王明');
  const citizen = await journey.newPage();
  let applicationNo = '';
  let applicationId = '';

  await journey.step(t, 'the citizen registers', async () => {
    await registerAndSignIn(citizen, person, { path: '/services', heading: '事项搜索' }, () =>
      journey.shot(citizen, 'registered'),
    );
  });

  await journey.step(t, 'searches 出生 and reads the guide', async () => {
    const search = citizen.getByRole('searchbox', { name: '事项名称或关键词' });
    await search.fill('出生');
    await search.press('Enter');
    const count = citizen.getByText(/“出生”共找到 \d+ 个事项/);
    await count.waitFor();
    const total = Number(/共找到 (\d+) 个事项/.exec(await count.innerText())?.[1]);
    assert.ok(total >= 4, `出生 finds the newborn's items (${total})`);
    await citizen.getByRole('link', { name: '出生登记' }).first().waitFor();
    await journey.shot(citizen, 'search-birth');

    await citizen.getByRole('link', { name: ITEM }).first().click();
    await citizen.getByRole('heading', { level: 1, name: ITEM }).waitFor();
    // 郑州's list: the guide opens on the first published list
    await citizen.getByText(`郑州市 · ${ORGANISATION}`).first().waitFor();
    await citizen.getByRole('heading', { name: '申请材料' }).waitFor();
    await citizen
      .getByRole('cell', { name: /新生儿照片/ })
      .first()
      .waitFor();
    // free of charge: no payment stands between the decision and the card
    await citizen.getByText('免费', { exact: true }).first().waitFor();
    await journey.shot(citizen, 'guide');
  });

  await journey.step(t, 'applies online and uploads the photo', async () => {
    await citizen.getByRole('link', { name: '在线申报' }).first().click();
    await citizen.getByRole('heading', { level: 1, name: `网上申报：${ITEM}` }).waitFor();
    await citizen.getByLabel('新生儿姓名').fill(BABY);
    await citizen.getByRole('radio', { name: '女' }).check();
    const birthDate = citizen.getByLabel('新生儿出生日期');
    await birthDate.click();
    await birthDate.fill('2026-10-08');
    // Tab, not Enter: Enter in the date field submits the form
    await birthDate.press('Tab');
    await citizen.getByLabel('母亲姓名').fill('李芳');
    await citizen.getByLabel('父亲姓名').fill(person.name);
    await citizen.getByLabel('监护人联系电话').fill(person.phone);
    await choose(citizen, '服务银行', '中国银行');
    await citizen.getByRole('radio', { name: '银行网点领取' }).check();
    await journey.shot(citizen, 'application-form');
    await citizen.getByRole('button', { name: '提交申报' }).click();

    const submitted = citizen.getByText(/办件编号 \d{20}/).first();
    await submitted.waitFor();
    applicationNo = /\d{20}/.exec(await submitted.innerText())?.[0] ?? '';
    assert.ok(applicationNo, 'the applicant is told the 办件编号');
    await citizen.waitForURL(/\/me\/applications\/[0-9a-f-]{36}$/);
    applicationId = new URL(citizen.url()).pathname.split('/').pop() ?? '';
    await citizen.getByText('已申报', { exact: true }).first().waitFor();

    await uploadPhoto(citizen, 'baby-photo.jpg');
    await journey.shot(citizen, 'submitted-with-photo');
  });

  await journey.step(t, 'the window officer asks for a better photo (补正)', async () => {
    const officer = await journey.signIn(windowOfficer, DEMO_STAFF_PASSWORD, '/workbench');
    const row = officer.getByRole('row').filter({ hasText: applicationNo });
    await row.waitFor();
    await journey.shot(officer, 'officer-tasks');
    await row.getByRole('link', { name: twoCharacters('办理') }).click();
    await officer.getByRole('heading', { level: 1, name: `办件 ${applicationNo}` }).waitFor();
    assert.equal(new URL(officer.url()).pathname, `/workbench/applications/${applicationId}`);
    await officer.getByText('baby-photo.jpg', { exact: true }).first().waitFor();

    await officer
      .getByRole('button', { name: twoCharacters('补正') })
      .first()
      .click();
    const dialog = officer.getByRole('dialog', { name: `一次性告知补正：办件 ${applicationNo}` });
    await choose(dialog, '材料', '新生儿照片');
    await dialog.getByLabel('补正原因及要求').fill('照片须为近期白底正面免冠彩色照片，请重新上传');
    await journey.shot(officer, 'officer-supplement-notice');
    await dialog.getByRole('button', { name: '发出补正告知' }).click();
    await officer.getByText('已发出补正告知（第 1 次），等待申请人补正').waitFor();
    await officer.getByText('待补正', { exact: true }).first().waitFor();
    await journey.shot(officer, 'officer-supplement-sent');
    await journey.close(officer);
  });

  await journey.step(t, 'the citizen replaces the photo and submits again', async () => {
    await openPage(citizen, `/me/applications/${applicationId}`, ITEM);
    await citizen.getByText('待补正', { exact: true }).first().waitFor();
    const notice = citizen.getByRole('region', { name: '补正告知' });
    await notice.getByText('请补正以下 1 项内容（一次性告知）：').waitFor();
    await notice.getByText('材料：新生儿照片').waitFor();
    await notice.getByText('白底正面免冠').waitFor();
    await journey.shot(citizen, 'supplement-notice');

    await citizen.getByRole('button', { name: '删除 baby-photo.jpg' }).click();
    await citizen
      .getByRole('button', { name: twoCharacters('删除') })
      .last()
      .click();
    await citizen.getByRole('link', { name: '下载 baby-photo.jpg' }).waitFor({ state: 'detached' });
    await uploadPhoto(citizen, 'baby-photo-white.jpg');
    await notice.getByRole('button', { name: '重新提交' }).click();
    await citizen.getByText('已重新提交，等待办理机构受理。').waitFor();
    await citizen.getByText('已申报', { exact: true }).first().waitFor();
    await journey.shot(citizen, 'supplemented');
  });

  await journey.step(t, 'the window officer accepts (受理)', async () => {
    const officer = await journey.signIn(
      windowOfficer,
      DEMO_STAFF_PASSWORD,
      `/workbench/applications/${applicationId}`,
    );
    await officer.getByRole('heading', { level: 1, name: `办件 ${applicationNo}` }).waitFor();
    await officer.getByText('baby-photo-white.jpg', { exact: true }).first().waitFor();
    assert.equal(await officer.getByText('baby-photo.jpg', { exact: true }).count(), 0);
    await officer
      .getByRole('button', { name: twoCharacters('受理') })
      .first()
      .click();
    await officer.getByRole('button', { name: '确认受理' }).click();
    await officer.getByText(`已受理办件 ${applicationNo}`).waitFor();
    await officer.getByText('办理中', { exact: true }).first().waitFor();
    await journey.shot(officer, 'officer-accepted');
    await journey.close(officer);
  });

  await journey.step(t, 'the approver reviews and approves (审查, 决定)', async () => {
    const approver = await journey.signIn(
      'zz-hrss-approver',
      DEMO_STAFF_PASSWORD,
      `/workbench/applications/${applicationId}`,
    );
    await approver.getByRole('heading', { level: 1, name: `办件 ${applicationNo}` }).waitFor();
    await approver.getByRole('button', { name: '填写意见' }).first().click();
    await approver.getByLabel('意见').fill('新生儿信息与出生医学证明一致，照片符合要求');
    await approver.getByRole('button', { name: '提交意见' }).click();
    await approver.getByText(`意见已提交（办件 ${applicationNo}）`).waitFor();
    await approver.getByRole('button', { name: '作出决定' }).first().click();
    await approver.getByRole('radio', { name: '准予' }).check();
    await journey.shot(approver, 'approver-decision');
    await approver.getByRole('button', { name: '确认决定' }).click();
    await approver.getByText(`已作出决定，办件 ${applicationNo} 办结`).waitFor();
    await approver.getByText('已办结（准予）', { exact: true }).first().waitFor();
    await approver.getByText('办件已办结：准予。').waitFor();
    await journey.shot(approver, 'approver-approved');
    await journey.close(approver);
  });

  await journey.step(t, 'the citizen sees the result, rates it and finds the card', async () => {
    await openPage(citizen, `/me/applications/${applicationId}`, ITEM);
    await citizen.getByText('准予（办结）', { exact: true }).first().waitFor();
    await citizen.getByText('准予，已办结。').waitFor();
    const rating = citizen.locator('#zt-evaluation');
    await rating.getByText('非常满意', { exact: true }).click();
    await rating.getByLabel('意见建议（可选）').fill('网上申报一次办好，补正要求说得清楚');
    await rating.getByRole('button', { name: '提交评价' }).click();
    await rating.getByText(/您已于 .* 作出评价/).waitFor();
    await rating.getByText('非常满意', { exact: true }).waitFor();
    await journey.shot(citizen, 'rated');

    // the 社会保障卡 issued on approval (制证), held by the applicant
    await openPage(citizen, '/me/certificates', '我的证照');
    await citizen
      .getByRole('link', { name: /社会保障卡/ })
      .first()
      .click();
    await citizen.getByRole('heading', { level: 1, name: '社会保障卡' }).waitFor();
    await citizen.getByText(BABY).first().waitFor();
    await citizen.getByText('中国银行').first().waitFor();
    await citizen.getByText(ORGANISATION).first().waitFor();
    await journey.shot(citizen, 'wallet-card');
  });

  await journey.finish(t);
});

/** Uploads a photo under 新生儿照片 and waits until the page lists it. */
async function uploadPhoto(page: Page, name: string): Promise<void> {
  // a real JPEG (the material takes only image/jpeg and the server reads the file's type), drawn
  // by the browser: a white passport-photo background with a face-coloured oval
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 120;
    canvas.height = 160;
    const context = canvas.getContext('2d');
    if (context) {
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, 120, 160);
      context.fillStyle = '#f1c9a5';
      context.beginPath();
      context.ellipse(60, 70, 32, 42, 0, 0, 2 * Math.PI);
      context.fill();
    }
    return canvas.toDataURL('image/jpeg', 0.9);
  });
  const material = page.locator('.zt-material-upload').filter({ hasText: '新生儿照片' });
  await material.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'image/jpeg',
    buffer: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'),
  });
  await page.getByText(`${name} 已上传`).waitFor();
  await material.getByText(name, { exact: true }).first().waitFor();
}
