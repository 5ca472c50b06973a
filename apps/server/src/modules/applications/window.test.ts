import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Application, ApplicationPage, Problem } from '@zhengtong/contracts';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  createPublishedList,
  createTestItem,
  organisationId,
  validElements,
} from '../../test-support/catalog.js';
import {
  createPerson,
  createStaff,
  FAST_ARGON2,
  loginAs,
  makeIdNumber,
  type TestPerson,
} from '../../test-support/identity.js';

const API = '/api/v1/applications';

describe('窗口收件 and 跨域通办', () => {
  let t: TestApp;
  let localList: string;
  let crossList: string;
  let person: TestPerson;
  const cookie: Record<string, string> = {};
  let keys = 0;

  const call = (
    who: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    key?: string,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: cookie[who]!, ...(key ? { 'idempotency-key': key } : {}) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const fileAtWindow = (
    who: string,
    listId: string,
    applicant: { idNumber: string; name: string },
    key = `window-key-${++keys}`,
  ) =>
    call(
      who,
      'POST',
      `${API}/window`,
      { listId, formData: { reason: '窗口收件' }, applicant },
      key,
    );

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    const zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    const lyMarket = await organisationId(t, '410300', '洛阳市市场监督管理局');
    const item = await createTestItem(t, { applicantKinds: ['person'] });
    localList = await createPublishedList(t, item, zzMarket, validElements());
    crossList = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      zzMarket,
      validElements({ crossRegionScope: 'crossRegion' }),
    );
    person = await createPerson(t);
    cookie.person = await loginAs(t, person);
    for (const [name, roles, org] of [
      ['zzWindow', ['windowOfficer'], zzMarket],
      ['zzApprover', ['approver'], zzMarket],
      ['lyWindow', ['windowOfficer'], lyMarket],
    ] as const) {
      cookie[name] = await loginAs(
        t,
        await createStaff(t, { roles: [...roles], organisationId: org }),
      );
    }
  });
  after(() => t.close());

  it('files for a registered person, who then sees it among their applications', async () => {
    const res = await fileAtWindow('zzWindow', localList, {
      idNumber: person.idNumber,
      name: person.name,
    });
    assert.equal(res.statusCode, 201, res.body);
    const app = res.json<Application>();
    assert.equal(app.channel, 'window');
    assert.match(app.applicationNo, /^410100/);
    const mine = await call('person', 'GET', `${API}/mine`);
    assert.ok(mine.json<ApplicationPage>().items.some((a) => a.id === app.id));
    const own = await call('person', 'GET', `${API}/${app.id}`);
    assert.equal(own.json<Application>().applicantName, person.name);
  });

  it('checks the identity and who files', async () => {
    const mismatch = await fileAtWindow('zzWindow', localList, {
      idNumber: person.idNumber,
      name: '冒名者',
    });
    assert.equal(mismatch.statusCode, 422);
    assert.equal(mismatch.json<Problem>().errors?.[0]?.path, '/body/applicant/name');
    const badId = await fileAtWindow('zzWindow', localList, {
      idNumber: '410105199001010012',
      name: '张三',
    });
    assert.equal(badId.statusCode, 400);
    assert.equal(badId.json<Problem>().errors?.[0]?.path, '/body/applicant/idNumber');
    const byApprover = await fileAtWindow('zzApprover', localList, {
      idNumber: person.idNumber,
      name: person.name,
    });
    assert.equal(byApprover.statusCode, 403);
    const byCitizen = await fileAtWindow('person', localList, {
      idNumber: person.idNumber,
      name: person.name,
    });
    assert.equal(byCitizen.statusCode, 403);
  });

  it('files for a walk-in without an account, once per Idempotency-Key', async () => {
    const walkIn = { idNumber: makeIdNumber('410302'), name: '赵六' };
    const first = await fileAtWindow('zzWindow', localList, walkIn, 'walk-in-key-1');
    assert.equal(first.statusCode, 201, first.body);
    const again = await fileAtWindow('zzWindow', localList, walkIn, 'walk-in-key-1');
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<Application>().id, first.json<Application>().id);
    assert.equal(first.json<Application>().applicantName, '赵*', 'staff see the name masked');
  });

  it('lets another city accept a 通办 service, and the implementing department process it', async () => {
    const local = await fileAtWindow('lyWindow', localList, {
      idNumber: person.idNumber,
      name: person.name,
    });
    assert.equal(local.statusCode, 422, 'a local service is not 通办');
    assert.equal(local.json<Problem>().code, 'not-cross-region');

    const res = await fileAtWindow('lyWindow', crossList, {
      idNumber: person.idNumber,
      name: person.name,
    });
    assert.equal(res.statusCode, 201, res.body);
    const app = res.json<Application>();
    assert.match(app.applicationNo, /^410300/, 'numbered where it was filed');
    // 郑州's window does not accept what 洛阳 took in; 洛阳 does
    assert.equal((await call('zzWindow', 'POST', `${API}/${app.id}/accept`, {})).statusCode, 409);
    const accepted = await call('lyWindow', 'POST', `${API}/${app.id}/accept`, {});
    assert.equal(accepted.statusCode, 200, accepted.body);
    const review = accepted.json<Application>().currentSteps[0]!;
    assert.equal(review.name, '审查');
    // the implementing department in 郑州 sees and processes it
    const seen = await call('zzApprover', 'GET', `${API}/${app.id}`);
    assert.equal(seen.statusCode, 200);
    const step = await call('zzApprover', 'POST', `${API}/${app.id}/steps/${review.taskId}`, {
      opinion: '异地受理材料齐全',
    });
    assert.equal(step.statusCode, 200, step.body);
    // and 洛阳's window keeps seeing the application it accepted
    assert.equal((await call('lyWindow', 'GET', `${API}/${app.id}`)).statusCode, 200);
  });
});
