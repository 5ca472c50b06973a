import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import type {
  Application,
  ImplementationList,
  Me,
  ServiceItemDetail,
  ServiceItemSearchResult,
} from '@zhengtong/contracts';
import type { Logger } from 'pino';
import { createAjv } from '../kernel/json-schema.js';
import {
  DEMO_PEOPLE,
  DEMO_PERSON_PASSWORD,
  DEMO_STAFF_PASSWORD,
} from '../modules/identity/demo-accounts.js';

/** Where applications go in the demo: the 郑州 market-regulation bureau, whose officers exist. */
const DEMO_ORGANISATION = '郑州市市场监督管理局';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  title?: string;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  default?: unknown;
};

/**
 * A plausible value for a JSON Schema: defaults and enums first, then by type. Patterns are not
 * generated (a form that needs one is skipped by the caller when the result does not validate).
 */
export function sampleFor(schema: JsonSchema, name = ''): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const property = schema.properties?.[key];
        if (property) out[key] = sampleFor(property, key);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleFor(schema.items ?? {}));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    default: {
      if (schema.format === 'date') return '2026-11-20';
      if (schema.format === 'email') return 'demo@example.com';
      const text = `示例${schema.title ?? name}`;
      return text.slice(0, schema.maxLength ?? 50).padEnd(schema.minLength ?? 1, '样');
    }
  }
}

interface Session {
  cookie: string;
}

/**
 * Demo applications in every state (demo mode only, once): filed by the demo citizens and the
 * demo enterprise over the real API and taken through acceptance, supplements and decisions by
 * the demo officers of 郑州, so the workbench and the statistics have something to show.
 */
export async function seedDemoApplications(app: FastifyInstance, log: Logger): Promise<number> {
  const existing = await app.kernel.db.orm.execute(sql`SELECT 1 FROM application LIMIT 1`);
  if (existing.rows.length > 0) return 0;

  const call = async <T>(
    session: Session | undefined,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ): Promise<T> => {
    const res: LightMyRequestResponse = await app.inject({
      method,
      url,
      headers: { ...(session ? { cookie: session.cookie } : {}), ...headers },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode >= 300) {
      throw new Error(`demo applications: ${method} ${url} → ${res.statusCode} ${res.body}`);
    }
    return res.json<T>();
  };
  const login = async (username: string, password: string): Promise<Session> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      payload: { username, password },
    });
    const cookie = res.cookies.find((c) => c.name === 'zt_session');
    if (res.statusCode !== 200 || !cookie) {
      throw new Error(`demo applications: cannot sign in ${username}: ${res.statusCode}`);
    }
    return { cookie: `zt_session=${cookie.value}` };
  };

  // the lists of the demo organisation that take online applications, with a form we can fill
  const ajv = createAjv();
  const found = await call<ServiceItemSearchResult>(
    undefined,
    'GET',
    '/api/v1/catalog/items?region=410100&pageSize=100',
  );
  const usable: { list: ImplementationList; formData: Record<string, unknown>; kind: string }[] =
    [];
  for (const item of found.items) {
    const detail = await call<ServiceItemDetail>(
      undefined,
      'GET',
      `/api/v1/catalog/items/${item.code}`,
    );
    for (const list of detail.lists) {
      const elements = list.published?.elements;
      if (list.organisationName !== DEMO_ORGANISATION || !elements) continue;
      if (elements.onlineDepth < 3 || elements.processDefinitionKey !== 'promised-case') continue;
      const formData = sampleFor(elements.form.schema) as Record<string, unknown>;
      if (!ajv.validate(elements.form.schema, formData)) continue;
      usable.push({ list, formData, kind: item.applicantKinds[0] ?? 'person' });
    }
  }
  const forEnterprise = usable.filter((u) => u.kind === 'enterprise');
  const forPerson = usable.filter((u) => u.kind === 'person');

  // 李四 is the demo enterprise's legal representative; 张三 applies as himself
  const [zhang, li] = DEMO_PEOPLE;
  const enterpriseApplicant = await login(li.idNumber, DEMO_PERSON_PASSWORD);
  const me = await call<Me>(enterpriseApplicant, 'GET', '/api/v1/identity/me');
  const enterprise = me.enterprises[0];
  if (enterprise) {
    await call(enterpriseApplicant, 'POST', '/api/v1/identity/acting-for', {
      enterpriseId: enterprise.id,
    });
  }
  const personApplicant = await login(zhang.idNumber, DEMO_PERSON_PASSWORD);
  const window = await login('zz-window', DEMO_STAFF_PASSWORD);
  const approver = await login('zz-approver', DEMO_STAFF_PASSWORD);

  const pool = enterprise && forEnterprise.length > 0 ? forEnterprise : forPerson;
  if (pool.length === 0) {
    log.warn('no demo list suits the demo applicants; no demo applications');
    return 0;
  }
  let count = 0;
  const file = async (pick: number) => {
    const who = pool === forEnterprise ? enterpriseApplicant : personApplicant;
    const chosen = pool[pick % pool.length]!;
    count += 1;
    const created = await call<Application>(
      who,
      'POST',
      '/api/v1/applications',
      { listId: chosen.list.id, formData: chosen.formData },
      { 'idempotency-key': `demo-application-${count}` },
    );
    return { id: created.id, who, formData: chosen.formData };
  };
  const step = async (id: string, body: object) => {
    const view = await call<Application>(approver, 'GET', `/api/v1/applications/${id}`);
    const current = view.currentSteps[0];
    if (!current) throw new Error(`demo application ${id} has no open step`);
    return call<Application>(
      approver,
      'POST',
      `/api/v1/applications/${id}/steps/${current.taskId}`,
      body,
    );
  };
  const accept = (id: string) => call(window, 'POST', `/api/v1/applications/${id}/accept`, {});

  // 已申报, waiting at the window
  await file(0);
  await file(1);
  // 待补正
  const supplement = await file(2);
  await call(window, 'POST', `/api/v1/applications/${supplement.id}/supplement`, {
    items: [{ reason: '请补充经营场所使用证明（租赁合同需双方签字）' }],
  });
  // 已受理, waiting for 审查
  await accept((await file(3)).id);
  await accept((await file(4)).id);
  // 审查 done, waiting for 决定
  const reviewed = await file(5);
  await accept(reviewed.id);
  await step(reviewed.id, { opinion: '材料齐全，符合法定条件' });
  // 准予 (办结)
  for (const pick of [6, 7]) {
    const approved = await file(pick);
    await accept(approved.id);
    await step(approved.id, { opinion: '符合条件' });
    await step(approved.id, { decision: 'approve' });
  }
  // 不予许可
  const denied = await file(8);
  await accept(denied.id);
  await step(denied.id, { opinion: '经营场所不符合要求' });
  await step(denied.id, {
    decision: 'deny',
    reason: '经营场所与申报用途不符',
    legalBasis: '《中华人民共和国行政许可法》第三十八条',
  });
  // 不予受理
  const refused = await file(9);
  await call(window, 'POST', `/api/v1/applications/${refused.id}/refuse`, {
    reason: '申请事项不属于本机关职权范围',
  });
  // 已撤回
  const withdrawn = await file(10);
  await call(withdrawn.who, 'POST', `/api/v1/applications/${withdrawn.id}/withdraw`);

  log.info({ applications: count }, 'seeded demo applications in every state');
  return count;
}
