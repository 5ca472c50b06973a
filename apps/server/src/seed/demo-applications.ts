import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import type {
  Application,
  BundleApplication,
  DeliveryChoice,
  FeeOrder,
  FeeOrderList,
  ImplementationList,
  Me,
  OrganisationList,
  PaymentAttempt,
  ServiceItemDetail,
  ServiceItemSearchResult,
} from '@zhengtong/contracts';
import type { Logger } from 'pino';
import { createAjv } from '../kernel/json-schema.js';
import {
  DEMO_ENTERPRISE,
  DEMO_PEOPLE,
  DEMO_PERSON_PASSWORD,
  DEMO_STAFF_PASSWORD,
} from '../modules/identity/demo-accounts.js';

/** Where applications go in the demo: the 郑州 market-regulation bureau, whose officers exist. */
const DEMO_ORGANISATION = '郑州市市场监督管理局';
/** 国有建设用地使用权及房屋所有权转移登记 (二手房过户): parallel approval, the tax bureau consulted. */
const RESALE_ITEM = 'QR00800001002';
const TAX_BUREAU = '国家税务总局郑州市税务局';
const DEMO_REGION = '410100';

/** 二手房过户 as 张三 files it (the form of scripts/walkthrough.sh). */
const RESALE_FORMS: Record<string, unknown>[] = [
  {
    location: '郑州市金水区经三路 1 号院 2 号楼 301',
    unitNumber: '410105001001GB00001F00020003',
    price: 180,
    buyers: '赵六',
    ownership: '单独所有',
  },
  {
    location: '郑州市二七区大学路 80 号院 5 号楼 1202',
    unitNumber: '410103002003GB00012F00050012',
    price: 95,
    buyers: '张三、孙七',
    ownership: '共同共有',
  },
];

/** 企业开办一件事: the merged form, filled once by 李四 for a company about to be founded. */
const BUSINESS_STARTUP_FORM: Record<string, unknown> = {
  enterpriseName: '郑州政通示范餐饮管理有限公司',
  registeredAddress: '郑州市郑东新区商务外环路 20 号',
  legalRepresentativeName: '李四',
  registeredCapital: 50,
  enterpriseType: '有限责任公司（自然人投资或控股）',
  businessScope: '餐饮服务；餐饮管理；食品销售（仅销售预包装食品）',
  sealKinds: ['单位公章', '发票专用章'],
  sealMaker: '郑州市某刻章有限公司',
  invoiceKinds: ['数电发票（普通发票）'],
  expectedMonthlySales: 15,
  employees: 8,
  insuranceKinds: ['企业职工基本养老保险', '失业保险', '工伤保险'],
};

const mailTo = (recipient: string, phone: string, address: string): DeliveryChoice => ({
  method: 'mail',
  address: { recipient, phone, address },
});

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
  'x-zt-prefill'?: string;
};

/**
 * A plausible value for a JSON Schema: defaults and enums first, then by type. Patterns are not
 * generated (a form that needs one is skipped by the caller when the result does not validate).
 */
export function sampleFor(
  schema: JsonSchema,
  name = '',
  prefill: Readonly<Record<string, string>> = {},
): unknown {
  if (schema.default !== undefined) return schema.default;
  // what the apply page pre-fills from the applicant's identity (x-zt-prefill), as it would
  const known = schema['x-zt-prefill'] ? prefill[schema['x-zt-prefill']] : undefined;
  if (known !== undefined) return known;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const property = schema.properties?.[key];
        if (property) out[key] = sampleFor(property, key, prefill);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () =>
        sampleFor(schema.items ?? {}, '', prefill),
      );
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
 * the demo officers of 郑州, so the workbench and the statistics have something to show. Besides
 * the market-regulation applications: 张三's two 二手房过户 (one in 并联审批 with the tax
 * bureau's 会签 open, one waiting for 受理 with mail delivery), 李四's 企业开办一件事 at 决定
 * in stage 1, a mailed result delivered with its tracking number and one returned (退回) once
 * before approval. Runs only while there is no application at all; answers what it filed.
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
      // the demo enterprise's own name where a form asks for the applying enterprise
      const formData = sampleFor(elements.form.schema, '', {
        'enterprise.name': DEMO_ENTERPRISE.name,
      }) as Record<string, unknown>;
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
  const file = async (pick: number, delivery?: DeliveryChoice) => {
    const who = pool === forEnterprise ? enterpriseApplicant : personApplicant;
    const chosen = pool[pick % pool.length]!;
    count += 1;
    const created = await call<Application>(
      who,
      'POST',
      '/api/v1/applications',
      { listId: chosen.list.id, formData: chosen.formData, ...(delivery ? { delivery } : {}) },
      { 'idempotency-key': `demo-application-${count}` },
    );
    return { id: created.id, who, formData: chosen.formData };
  };
  /** the open step of an application that is the officer's (of one kind, when given) */
  const taskOf = async (officer: Session, id: string, nodeId?: string) => {
    const view = await call<Application>(officer, 'GET', `/api/v1/applications/${id}`);
    const current = view.currentSteps.find((s) => s.mine && (!nodeId || s.nodeId === nodeId));
    if (!current) throw new Error(`demo application ${id} has no open step ${nodeId ?? ''}`);
    return current.taskId;
  };
  const step = async (id: string, body: object, officer = approver, nodeId?: string) =>
    call<Application>(
      officer,
      'POST',
      `/api/v1/applications/${id}/steps/${await taskOf(officer, id, nodeId)}`,
      body,
    );
  const accept = (id: string, body: object = {}, officer = window) =>
    call(officer, 'POST', `/api/v1/applications/${id}/accept`, body);

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

  // 邮寄送达: approved, and the result mailed with its tracking number
  const mailed = await file(11, mailTo('李四', DEMO_PEOPLE[1].phone, '郑州市金水区花园路 10 号'));
  await accept(mailed.id);
  await step(mailed.id, { opinion: '材料齐全，符合法定条件' });
  await step(mailed.id, { decision: 'approve' });
  await call(window, 'POST', `/api/v1/applications/${mailed.id}/deliver`, {
    trackingNo: 'EMS1234567890CN',
  });
  // 退回 once at 决定, reviewed again, then 准予
  const returned = await file(12);
  await accept(returned.id);
  await step(returned.id, { opinion: '符合条件' });
  await step(returned.id, {
    decision: 'return',
    reason: '请核实经营场所产权证明与实际地址是否一致',
  });
  await step(returned.id, { opinion: '经核实，经营场所产权证明与实际地址一致' });
  await step(returned.id, { decision: 'approve' });

  count += await seedResale(personApplicant);
  if (enterprise) count += await seedBundle(enterpriseApplicant);

  log.info({ applications: count }, 'seeded demo applications in every state');
  return count;

  /**
   * Pays an application's unpaid fee orders as its applicant does: 去支付, the simulated gateway's
   * cashier confirms, and the return from the cashier asks the gateway (the gateway's callback
   * follows once the server runs its jobs, and changes nothing then).
   */
  async function payFees(applicant: Session, applicationId: string): Promise<void> {
    const orders = await call<FeeOrderList>(
      applicant,
      'GET',
      `/api/v1/payments/orders?applicationId=${applicationId}`,
    );
    for (const order of orders.items.filter((o) => o.status === 'unpaid')) {
      const attempt = await call<PaymentAttempt>(
        applicant,
        'POST',
        `/api/v1/payments/orders/${order.id}/pay`,
        undefined,
        { 'idempotency-key': `demo-fee-${order.orderNo}` },
      );
      const cashier = new URL(attempt.cashierUrl ?? '', 'http://cashier.invalid');
      const tradeNo = cashier.pathname.split('/').pop() ?? '';
      await call(undefined, 'POST', `/api/v1/payments/simulated-gateway/trades/${tradeNo}/pay`, {
        token: cashier.searchParams.get('token') ?? '',
        outcome: 'success',
      });
      const paid = await call<FeeOrder>(
        applicant,
        'POST',
        `/api/v1/payments/orders/${order.id}/sync`,
      );
      if (paid.status !== 'paid')
        throw new Error(`demo fee order ${order.orderNo} is ${paid.status}`);
    }
  }

  /**
   * 张三's two 二手房过户 in 郑州 (parallel approval): one accepted with the tax bureau consulted
   * and reviewed, its registration fee paid, the tax bureau's 会签 open; one waiting for 受理, its result to be mailed.
   */
  async function seedResale(applicant: Session): Promise<number> {
    const detail = await call<ServiceItemDetail>(
      undefined,
      'GET',
      `/api/v1/catalog/items/${RESALE_ITEM}`,
    );
    const list = detail.lists.find((l) => l.regionCode === DEMO_REGION && l.published);
    const organisations = await call<OrganisationList>(
      undefined,
      'GET',
      `/api/v1/directory/organisations?region=${DEMO_REGION}&kind=department`,
    );
    const tax = organisations.items.find((o) => o.name === TAX_BUREAU);
    if (!list || !tax) {
      log.warn('no 二手房过户 list or tax bureau in 郑州; no demo 二手房过户');
      return 0;
    }
    const nrWindow = await login('zz-nr-window', DEMO_STAFF_PASSWORD);
    const nrApprover = await login('zz-nr-approver', DEMO_STAFF_PASSWORD);
    const apply = (n: number, delivery?: DeliveryChoice) =>
      call<Application>(
        applicant,
        'POST',
        '/api/v1/applications',
        { listId: list.id, formData: RESALE_FORMS[n], ...(delivery ? { delivery } : {}) },
        { 'idempotency-key': `demo-resale-${n + 1}` },
      );
    // 并联审批: the real-estate bureau's review is done, the tax bureau's opinion (会签) is open
    const consulted = await apply(0);
    await accept(consulted.id, { consultedOrganisationIds: [tax.id] }, nrWindow);
    await step(consulted.id, { opinion: '权属清楚，材料齐全，符合登记条件' }, nrApprover, 'review');
    // 缴费: the registration fee ordered at 受理, paid by 张三 through the simulated gateway
    await payFees(applicant, consulted.id);
    // 已申报, the certificate to be mailed
    await apply(1, mailTo('张三', DEMO_PEOPLE[0].phone, '郑州市二七区大学路 80 号院 5 号楼 1202'));
    return 2;
  }

  /**
   * 李四's 企业开办一件事 in 郑州: stage 1 (企业设立登记) accepted at the service hall, reviewed,
   * a note on its decision and left at 决定; the three items of stage 2 wait.
   */
  async function seedBundle(applicant: Session): Promise<number> {
    const bundle = await call<BundleApplication>(
      applicant,
      'POST',
      '/api/v1/bundle-applications',
      { bundleCode: 'business-startup', regionCode: DEMO_REGION, formData: BUSINESS_STARTUP_FORM },
      { 'idempotency-key': 'demo-bundle-1' },
    );
    const first = bundle.members.find((m) => m.stage === 1);
    if (!first) throw new Error('the demo 企业开办一件事 has no first stage');
    const hallWindow = await login('zz-hall-window', DEMO_STAFF_PASSWORD);
    await accept(first.applicationId, {}, hallWindow);
    await step(
      first.applicationId,
      { opinion: '名称、住所、经营范围符合规定' },
      approver,
      'review',
    );
    const decide = await taskOf(approver, first.applicationId, 'decide');
    await call(approver, 'POST', `/api/v1/workflow/tasks/${decide}/comments`, {
      text: '餐饮服务须另办食品经营许可，决定前电话提醒申请人',
    });
    return 1;
  }
}
