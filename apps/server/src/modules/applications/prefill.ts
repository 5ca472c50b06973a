import {
  PREFILL_KEYWORD,
  PREFILL_SOURCES,
  type Me,
  type MyPersonalData,
  type Prefill,
  type PrefillQuery,
  type PrefillSource,
} from '@zhengtong/contracts';
import { anonymousActor, type Actor } from '../../kernel/actor.js';
import type { Drizzle } from '../../kernel/db/database.js';
import { InputError, NotFoundError, UnprocessableError } from '../../kernel/errors.js';
import type { BundleService, CatalogService } from '../catalog/index.js';
import { identityStore, type RequestContext } from '../identity/index.js';
import { assertApplicant } from './filing.js';

/** What prefill needs of the identity module: who the holder is, and the holder-only reveal. */
export interface PrefillIdentity {
  me(actor: Actor): Promise<Me>;
  /** the holder's ID number and phone in clear; audited as a view by the holder, for prefill */
  myPersonalData(
    actor: Actor,
    ctx: RequestContext | undefined,
    purpose: 'prefill',
  ): Promise<MyPersonalData>;
}

export interface PrefillDeps {
  db: Drizzle;
  catalog: CatalogService;
  bundles: BundleService;
  identity: PrefillIdentity;
}

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isSource = (v: unknown): v is PrefillSource =>
  typeof v === 'string' && (PREFILL_SOURCES as readonly string[]).includes(v);

/** Sources that reveal the holder's unmasked personal data (本人查看, audited). */
const REVEALED: readonly PrefillSource[] = ['person.idNumber', 'person.phone'];

/**
 * The top-level string properties of a form marked `"x-zt-prefill": "<source>"`, in the
 * form's order. Nested or non-string properties are not filled (the portal fills top-level
 * text inputs only); publication already refused unknown sources, so any left are skipped.
 */
export function prefillFields(schema: unknown): { field: string; source: PrefillSource }[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const fields: { field: string; source: PrefillSource }[] = [];
  for (const [field, property] of Object.entries(schema.properties)) {
    if (!isObject(property) || property.type !== 'string') continue;
    const source = property[PREFILL_KEYWORD];
    if (isSource(source)) fields.push({ field, source });
  }
  return fields;
}

/**
 * 预填: values for the fields of an application form that are the applicant's own identity
 * (name, ID number, phone) or that of the enterprise the applicant acts for. Only the signed-in
 * applicant gets them. Filling the ID number or phone shows the holder unmasked personal data,
 * so it is the same audited reveal as the profile page's, recorded with its purpose (prefill).
 */
export class PrefillService {
  constructor(private readonly deps: PrefillDeps) {}

  async prefill(actor: Actor, query: PrefillQuery, ctx: RequestContext = {}): Promise<Prefill> {
    assertApplicant(actor);
    const wanted = prefillFields(await this.formSchema(query));
    if (wanted.length === 0) return { formData: {}, fields: [] };

    const sources = new Set(wanted.map((w) => w.source));
    const me = await this.deps.identity.me(actor);
    const revealed = REVEALED.some((s) => sources.has(s))
      ? await this.deps.identity.myPersonalData(actor, ctx, 'prefill')
      : undefined;
    const enterprise = me.actingFor;
    const values: Partial<Record<PrefillSource, string | null>> = {
      'person.name': me.name,
      'person.idNumber': revealed?.idNumber ?? null,
      'person.phone': revealed?.phone ?? null,
      'enterprise.name': enterprise?.name ?? null,
      'enterprise.creditCode': enterprise?.creditCode ?? null,
    };
    if (sources.has('enterprise.legalRepresentative') && enterprise) {
      values['enterprise.legalRepresentative'] = await this.legalRepresentative(me);
    }

    const formData: Record<string, string> = {};
    const fields: Prefill['fields'] = [];
    for (const { field, source } of wanted) {
      const value = values[source];
      if (value === null || value === undefined || value === '') continue;
      formData[field] = value;
      fields.push({ field, source });
    }
    return { formData, fields };
  }

  /** The form of the list in force, or the merged form of the bundle in the region. */
  private async formSchema(query: PrefillQuery): Promise<unknown> {
    const { listId, bundle, region } = query;
    const byList = listId !== undefined;
    const byBundle = bundle !== undefined || region !== undefined;
    if (byList === byBundle) {
      throw new InputError('prefill-target', 'give either listId, or bundle and region', [
        { path: '/querystring', message: '须指定 listId，或同时指定 bundle 和 region' },
      ]);
    }
    if (byList) {
      const list = await this.deps.catalog.getList(anonymousActor, listId);
      if (!list.published) throw new NotFoundError('list-not-found', 'no such list in force');
      return list.published.elements.form.schema;
    }
    if (bundle === undefined || region === undefined) {
      throw new InputError('prefill-target', 'a bundle is resolved in a region', [
        {
          path: bundle === undefined ? '/querystring/bundle' : '/querystring/region',
          message: '一件事须同时指定 bundle 和 region',
        },
      ]);
    }
    return (await this.resolveBundle(bundle, region)).form.schema;
  }

  /** As the bundle submit does: a bundle or region that does not exist is a 422. */
  private async resolveBundle(code: string, region: string) {
    try {
      return await this.deps.bundles.resolve(anonymousActor, code, region);
    } catch (e) {
      if (e instanceof NotFoundError && e.code === 'bundle-not-found') {
        throw new UnprocessableError('bundle-not-found', `no bundle with code ${code}`, [
          { path: '/querystring/bundle', message: '一件事不存在' },
        ]);
      }
      if (e instanceof NotFoundError && e.code === 'region-not-found') {
        throw new UnprocessableError('region-not-found', `no region with code ${region}`, [
          { path: '/querystring/region', message: '行政区划不存在' },
        ]);
      }
      throw e;
    }
  }

  /** The name of the legal representative of the enterprise the applicant acts for. */
  private async legalRepresentative(me: Me): Promise<string | null> {
    const enterprise = me.actingFor;
    if (!enterprise) return null;
    // the applicant is the legal representative (法定代表人本人办理)
    if (enterprise.relation === 'legalRepresentative') return me.name;
    // an agent (经办人) acts for it: the representative is someone else
    const row = await identityStore.findEnterpriseByCreditCode(this.deps.db, enterprise.creditCode);
    if (!row) return null;
    const names = await identityStore.accountNames(this.deps.db, [row.legalRepresentativeId]);
    return names.get(row.legalRepresentativeId) ?? null;
  }
}
