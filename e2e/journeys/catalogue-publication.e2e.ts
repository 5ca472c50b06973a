// Journey 4 of issue 8: a new version of an implementation list (实施清单) goes out under four
// eyes. The department admin of 郑州市市场监督管理局 starts a revision of 企业注销登记 in 郑州,
// changes its acceptance conditions, saves and submits it, and cannot publish it; the province
// admin publishes it; the public guide then shows the new version and its text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { baseUrl, DEMO_STAFF_PASSWORD, Journey, openPage, twoCharacters } from '../journey.js';

const ITEM = '企业注销登记';
const ITEM_CODE = 'XK00100001003';
/** antd's confirmation bubble, while open */
const POPCONFIRM = '.ant-popconfirm:not(.ant-popover-hidden)';

interface PublicItem {
  lists: {
    id: string;
    regionCode: string;
    published: { version: number; elements: { acceptanceConditions: string } };
  }[];
}

void test('catalogue: draft → submit → a second admin publishes', async (t) => {
  const journey = await Journey.start(t, 'catalogue-publication');
  const before = (await (
    await fetch(`${baseUrl}/api/v1/catalog/items/${ITEM_CODE}`)
  ).json()) as PublicItem;
  const list = before.lists.find((l) => l.regionCode === '410100');
  assert.ok(list, `${ITEM} has a published list in 郑州`);
  const version = list.published.version + 1;
  // a sentence of its own each run, so the guide shows this run's text
  const addition = `自 ${new Date().toISOString().slice(0, 10)} 起可全程网办（修订 ${Date.now() % 100000}）。`;
  const listsPath = `/admin/catalog/lists?item=${ITEM_CODE}&region=410100`;

  await journey.step(t, 'the department admin drafts and submits a revision', async () => {
    const admin = await journey.signIn('zz-dept-admin', DEMO_STAFF_PASSWORD, listsPath, {
      otp: true,
    });
    await admin.getByRole('heading', { level: 1, name: '实施清单' }).waitFor();
    const row = listRow(admin);
    await row.getByText('已发布').first().waitFor();
    await journey.shot(admin, 'lists');

    const startDraft = row.getByRole('button', { name: '新建修订' });
    const edit = row.getByRole('link', { name: twoCharacters('编辑') });
    await startDraft.or(edit).first().waitFor();
    if (await startDraft.isVisible()) {
      await startDraft.click();
      await admin.getByText(`已为“${ITEM}”新建修订草稿`).waitFor();
    } else {
      // a draft left by an earlier run against the same server
      await edit.click();
    }
    await admin.waitForURL(`${baseUrl}/admin/catalog/lists/${list.id}`);
    await admin.getByRole('heading', { level: 1, name: ITEM }).waitFor();
    await admin.getByRole('tab', { name: `草稿（第 ${version} 版）` }).waitFor();
    const conditions = admin.getByLabel('受理条件');
    await conditions.fill(`${list.published.elements.acceptanceConditions}${addition}`);
    // the button of the 有未保存的修改 notice (the page's own is the same)
    await admin.getByRole('button', { name: '保存草稿' }).first().click();
    await admin.getByText('草稿已保存').waitFor();
    await journey.shot(admin, 'draft-saved');

    await admin.getByRole('button', { name: '提交审核' }).click();
    await admin.locator(POPCONFIRM).getByRole('button', { name: '提交审核' }).click();
    await admin.getByText(`“${ITEM}”已提交审核`).waitFor();
    await admin.getByRole('tab', { name: `待审核（第 ${version} 版）` }).waitFor();
    // four eyes: who submitted does not publish
    assert.equal(await admin.getByRole('button', { name: twoCharacters('发布') }).count(), 0);
    await journey.shot(admin, 'submitted');
    await journey.close(admin);
  });

  await journey.step(t, 'the province admin publishes it', async () => {
    const admin = await journey.signIn('province-admin', DEMO_STAFF_PASSWORD, listsPath, {
      otp: true,
    });
    const row = listRow(admin);
    await row.getByText('待审核').first().waitFor();
    await journey.shot(admin, 'waiting-for-review');
    await row.getByRole('link', { name: twoCharacters('查看') }).click();
    await admin.getByRole('heading', { level: 1, name: ITEM }).waitFor();
    await admin.getByRole('tab', { name: `待审核（第 ${version} 版）` }).click();
    await admin.getByText(addition).first().waitFor();
    await admin.getByRole('button', { name: twoCharacters('发布') }).click();
    await admin
      .locator(POPCONFIRM)
      .getByText(`发布第 ${version} 版后立即生效，并取代当前版本。确定发布？`)
      .waitFor();
    await admin
      .locator(POPCONFIRM)
      .getByRole('button', { name: twoCharacters('发布') })
      .click();
    await admin.getByText(`“${ITEM}”已发布`).waitFor();
    await admin.getByRole('tab', { name: `现行版本（第 ${version} 版）` }).waitFor();
    await journey.shot(admin, 'published');
    await journey.close(admin);
  });

  await journey.step(t, 'the public guide shows the new version', async () => {
    const visitor = await journey.newPage();
    await openPage(visitor, `/services/${ITEM_CODE}?list=${list.id}`, ITEM);
    await visitor
      .getByText(new RegExp(`第 ${version} 版，.*公布`))
      .first()
      .waitFor();
    await visitor.getByText(addition).first().waitFor();
    await journey.shot(visitor, 'public-guide');
    await journey.close(visitor);
  });

  await journey.finish(t);
});

/** The list's row in 实施清单 (filtered to the item in 郑州). */
function listRow(page: Page) {
  return page.getByRole('row').filter({ hasText: ITEM });
}
