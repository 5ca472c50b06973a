import {
  ENTERPRISE_LIFE_EVENTS,
  ITEM_TYPE_VALUES,
  LIFE_EVENTS,
  PERSON_LIFE_EVENTS,
  type ApplicantKind,
  type ItemType,
  type LifeEvent,
} from '@zhengtong/contracts';

/** The search page's state, kept in its URL: /services?q=&kind=&lifeEvent=&region=&… */
export interface ServiceSearch {
  q?: string | undefined;
  kind?: ApplicantKind | undefined;
  lifeEvent?: LifeEvent | undefined;
  region?: string | undefined;
  organisation?: string | undefined;
  itemType?: ItemType | undefined;
  page: number;
}

export const servicesPath = '/services';
export const bundlesPath = '/services/bundles';
export const searchPageSize = 20;

const maxQueryLength = 50;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string | null): value is T =>
    values.some((candidate) => candidate === value);

const isLifeEvent = oneOf<LifeEvent>(LIFE_EVENTS);
const isItemType = oneOf<ItemType>(ITEM_TYPE_VALUES);
const isApplicantKind = oneOf<ApplicantKind>(['person', 'enterprise']);

/** The life events offered for an applicant kind (both kinds' when none is chosen). */
export function lifeEventsOf(kind: ApplicantKind | undefined): readonly LifeEvent[] {
  if (kind === 'person') return PERSON_LIFE_EVENTS;
  if (kind === 'enterprise') return ENTERPRISE_LIFE_EVENTS;
  return LIFE_EVENTS;
}

/**
 * Reads the state from the URL. Anything the server would refuse (an unknown life event, a
 * malformed id) is dropped here, so a hand-edited or stale link still shows a search.
 */
export function readServiceSearch(params: URLSearchParams): ServiceSearch {
  const kind = params.get('kind');
  const lifeEvent = params.get('lifeEvent');
  const region = params.get('region');
  const organisation = params.get('organisation');
  const itemType = params.get('itemType');
  const q = params.get('q')?.trim().slice(0, maxQueryLength);
  const page = Math.floor(Number(params.get('page')));
  return {
    q: q || undefined,
    kind: isApplicantKind(kind) ? kind : undefined,
    lifeEvent: isLifeEvent(lifeEvent) ? lifeEvent : undefined,
    region: region && /^\d{6}$/.test(region) ? region : undefined,
    organisation: organisation && uuidPattern.test(organisation) ? organisation : undefined,
    itemType: isItemType(itemType) ? itemType : undefined,
    page: Number.isFinite(page) && page >= 1 && page <= 10000 ? page : 1,
  };
}

export function writeServiceSearch(search: Partial<ServiceSearch>): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.kind) params.set('kind', search.kind);
  if (search.lifeEvent) params.set('lifeEvent', search.lifeEvent);
  if (search.region) params.set('region', search.region);
  if (search.organisation) params.set('organisation', search.organisation);
  if (search.itemType) params.set('itemType', search.itemType);
  if (search.page && search.page > 1) params.set('page', String(search.page));
  return params;
}

/** Whether a filter narrows the search, besides its words and applicant kind. */
export function isFiltered(search: ServiceSearch): boolean {
  return !!(search.region || search.organisation || search.itemType || search.lifeEvent);
}

/** The change that clears the filters, keeping the words and the applicant kind. */
export const clearedFilters: Partial<ServiceSearch> = {
  lifeEvent: undefined,
  region: undefined,
  organisation: undefined,
  itemType: undefined,
};

/** A link to the search page with this state. */
export function serviceSearchHref(search: Partial<ServiceSearch>): string {
  const query = writeServiceSearch(search).toString();
  return query ? `${servicesPath}?${query}` : servicesPath;
}
