import type { ImplementationElements, ListMetrics, SixMosts } from '@zhengtong/contracts';

// 六个最: the six "mosts" by which service items are compared — fewest steps (环节最少), fewest
// materials (材料最简), shortest time (时限最短), lowest cost (费用最低), fewest visits (跑动最少)
// and the deepest online service (网办最深). A list's figures are kept with each published
// version; reports aggregate them.

/** Rounds half away from zero; toPrecision(15) first so that 1.005 → 1.01 as a person expects. */
function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const shifted = Number((Math.abs(value) * scale).toPrecision(15));
  const rounded = Math.round(shifted) / scale;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** 1 − promised / statutory in percent, one decimal; null without a statutory limit. */
function compression(promised: number, statutory: number): number | null {
  return statutory > 0 ? roundTo((1 - promised / statutory) * 100, 1) : null;
}

/** The six-mosts figures of one implementation list version. */
export function listMetrics(elements: ImplementationElements): ListMetrics {
  const { materials } = elements;
  return {
    steps: elements.steps.length,
    materials: materials.length,
    materialsByCertificate: materials.filter((m) => m.source === 'certificate').length,
    materialsBySharedData: materials.filter((m) => m.source === 'sharedData').length,
    // conditional materials are needed only in some cases, so they do not count against the list
    materialsToSubmit: materials.filter(
      (m) => m.requirement === 'required' && m.source === 'upload',
    ).length,
    statutoryLimitDays: elements.statutoryLimitDays,
    promisedLimitDays: elements.promisedLimitDays,
    compressionPercent: compression(elements.promisedLimitDays, elements.statutoryLimitDays),
    feeFen: elements.fees.free ? 0 : elements.fees.items.reduce((sum, f) => sum + f.amountFen, 0),
    onSiteVisits: elements.onSiteVisits,
    onlineDepth: elements.onlineDepth,
    immediate: elements.handlingKind === 'immediate',
  };
}

/** The six mosts over a selection of lists (a region, an organisation, an item, the province). */
export function aggregateSixMosts(metrics: readonly ListMetrics[]): SixMosts {
  const n = metrics.length;
  const sum = (f: (m: ListMetrics) => number): number => metrics.reduce((s, m) => s + f(m), 0);
  const count = (p: (m: ListMetrics) => boolean): number => metrics.filter(p).length;
  const average = (total: number, decimals: number): number =>
    n === 0 ? 0 : roundTo(total / n, decimals);
  const share = (p: (m: ListMetrics) => boolean): number => average(count(p), 4);

  // compression is weighted by days, over the lists that have a statutory limit at all
  const limited = metrics.filter((m) => m.statutoryLimitDays > 0);
  const limitedPromised = limited.reduce((s, m) => s + m.promisedLimitDays, 0);
  const limitedStatutory = limited.reduce((s, m) => s + m.statutoryLimitDays, 0);

  return {
    lists: n,
    averageSteps: average(
      sum((m) => m.steps),
      2,
    ),
    materials: sum((m) => m.materials),
    materialsByCertificate: sum((m) => m.materialsByCertificate),
    materialsBySharedData: sum((m) => m.materialsBySharedData),
    averageMaterialsToSubmit: average(
      sum((m) => m.materialsToSubmit),
      2,
    ),
    statutoryLimitDays: sum((m) => m.statutoryLimitDays),
    promisedLimitDays: sum((m) => m.promisedLimitDays),
    compressionPercent: compression(limitedPromised, limitedStatutory),
    immediateShare: share((m) => m.immediate),
    freeShare: share((m) => m.feeFen === 0),
    averageFeeFen: average(
      sum((m) => m.feeFen),
      2,
    ),
    atMostOneVisitShare: share((m) => m.onSiteVisits <= 1),
    zeroVisitShare: share((m) => m.onSiteVisits === 0),
    onlineDepth: {
      level1: count((m) => m.onlineDepth === 1),
      level2: count((m) => m.onlineDepth === 2),
      level3: count((m) => m.onlineDepth === 3),
      level4: count((m) => m.onlineDepth === 4),
    },
    fullyOnlineShare: share((m) => m.onlineDepth === 4),
  };
}
