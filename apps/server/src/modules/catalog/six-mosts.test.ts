import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ImplementationElements, ListMetrics, Material } from '@zhengtong/contracts';
import { aggregateSixMosts, listMetrics } from './six-mosts.js';

const CERT = '11100000MB0143163Y001';

let seq = 0;
function material(
  source: Material['source'],
  requirement: Material['requirement'] = 'required',
): Material {
  seq += 1;
  return {
    key: `m${seq}`,
    name: `材料${seq}`,
    requirement,
    ...(requirement === 'conditional' ? { condition: '委托代办时' } : {}),
    form: 'original',
    copies: 1,
    source,
    ...(source === 'certificate' ? { certificateTypeCode: CERT } : {}),
    ...(source === 'sharedData' ? { sharedDataResource: '户籍信息' } : {}),
  };
}

const steps = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `环节${i + 1}` }));
const fee = (amountFen: number) => ({
  name: '工本费',
  amountFen,
  legalBasis: '价格主管部门文件',
  collectAt: 'beforeIssuing' as const,
});

function elements(over: Partial<ImplementationElements>): ImplementationElements {
  return {
    handlingKind: 'promised',
    statutoryLimitDays: 20,
    promisedLimitDays: 5,
    acceptanceConditions: '申请人符合条件',
    materials: [],
    fees: { free: true, items: [] },
    onSiteVisits: 1,
    onlineDepth: 3,
    channels: ['online', 'window'],
    serviceWindowIds: [],
    form: { schema: { type: 'object', properties: {} }, uiSchema: {} },
    processDefinitionKey: 'promised-case',
    steps: [],
    allowsPendingMaterials: false,
    result: { kind: 'document', name: '批准文书' },
    crossRegionScope: 'local',
    faqs: [],
    lifeEvents: [],
    ...over,
  };
}

// Five hand-made lists; the figures each yields are worked out beside it.
// L1 承诺件 20→5 days: 6 materials (3 upload required, 1 upload conditional, 1 certificate,
//    1 shared data) → to submit 3; 4 steps; free; 1 visit; depth 3; compression 75.0
const L1 = elements({
  statutoryLimitDays: 20,
  promisedLimitDays: 5,
  steps: steps(4),
  materials: [
    material('upload'),
    material('upload'),
    material('upload'),
    material('upload', 'conditional'),
    material('certificate'),
    material('sharedData'),
  ],
  onSiteVisits: 1,
  onlineDepth: 3,
});
// L2 即办件 0→0: 2 materials (certificate, upload required) → to submit 1; 1 step; free;
//    0 visits; depth 4; compression null (no statutory limit)
const L2 = elements({
  handlingKind: 'immediate',
  statutoryLimitDays: 0,
  promisedLimitDays: 0,
  steps: steps(1),
  materials: [material('certificate'), material('upload')],
  onSiteVisits: 0,
  onlineDepth: 4,
});
// L3 承诺件 30→10: 4 materials (2 upload required, 2 shared data) → to submit 2; 3 steps;
//    fees 5000 + 1000 = 6000 fen; 2 visits; depth 2; compression (1 − 10/30)·100 = 66.67 → 66.7
const L3 = elements({
  statutoryLimitDays: 30,
  promisedLimitDays: 10,
  steps: steps(3),
  materials: [
    material('upload'),
    material('upload'),
    material('sharedData'),
    material('sharedData'),
  ],
  fees: { free: false, items: [fee(5000), fee(1000)] },
  onSiteVisits: 2,
  onlineDepth: 2,
});
// L4 承诺件 15→15: 6 materials (5 upload required, 1 certificate) → to submit 5; 5 steps;
//    fee 25000 fen; 1 visit; depth 1; compression 0
const L4 = elements({
  statutoryLimitDays: 15,
  promisedLimitDays: 15,
  steps: steps(5),
  materials: [...Array.from({ length: 5 }, () => material('upload')), material('certificate')],
  fees: { free: false, items: [fee(25000)] },
  onSiteVisits: 1,
  onlineDepth: 1,
});
// L5 即办件 1→0: 1 conditional upload → to submit 0; 2 steps; free; 0 visits; depth 4;
//    compression 100
const L5 = elements({
  handlingKind: 'immediate',
  statutoryLimitDays: 1,
  promisedLimitDays: 0,
  steps: steps(2),
  materials: [material('upload', 'conditional')],
  onSiteVisits: 0,
  onlineDepth: 4,
});

describe('listMetrics', () => {
  it('counts steps and materials by source, and materials still to submit', () => {
    assert.deepEqual(listMetrics(L1), {
      steps: 4,
      materials: 6,
      materialsByCertificate: 1,
      materialsBySharedData: 1,
      materialsToSubmit: 3,
      statutoryLimitDays: 20,
      promisedLimitDays: 5,
      compressionPercent: 75,
      feeFen: 0,
      onSiteVisits: 1,
      onlineDepth: 3,
      immediate: false,
    });
  });

  it('gives no compression without a statutory limit and marks 即办件 immediate', () => {
    const m = listMetrics(L2);
    assert.equal(m.compressionPercent, null);
    assert.equal(m.immediate, true);
    assert.equal(m.materialsToSubmit, 1);
    assert.equal(listMetrics(L5).compressionPercent, 100);
    assert.equal(listMetrics(L5).materialsToSubmit, 0);
  });

  it('sums fees in fen and rounds the compression to one decimal', () => {
    const m = listMetrics(L3);
    assert.equal(m.feeFen, 6000);
    assert.equal(m.compressionPercent, 66.7);
    assert.equal(m.materialsBySharedData, 2);
    assert.equal(listMetrics(L4).compressionPercent, 0);
  });

  it('counts a free list as 0 fen even if fee items linger', () => {
    const m = listMetrics(elements({ fees: { free: true, items: [fee(100)] } }));
    assert.equal(m.feeFen, 0);
  });

  it('gives a negative compression when the promise exceeds the statutory limit', () => {
    const m = listMetrics(elements({ statutoryLimitDays: 10, promisedLimitDays: 12 }));
    assert.equal(m.compressionPercent, -20);
    // (1 − 2/3)·100 = 33.33… → 33.3; (1 − 1/3)·100 = 66.66… → 66.7
    assert.equal(
      listMetrics(elements({ statutoryLimitDays: 3, promisedLimitDays: 2 })).compressionPercent,
      33.3,
    );
    assert.equal(
      listMetrics(elements({ statutoryLimitDays: 3, promisedLimitDays: 1 })).compressionPercent,
      66.7,
    );
    // ties round away from zero: (1 − 17/16)·100 = −6.25 → −6.3, (1 − 1/16)·100 = 93.75 → 93.8
    assert.equal(
      listMetrics(elements({ statutoryLimitDays: 16, promisedLimitDays: 17 })).compressionPercent,
      -6.3,
    );
    assert.equal(
      listMetrics(elements({ statutoryLimitDays: 16, promisedLimitDays: 1 })).compressionPercent,
      93.8,
    );
  });
});

describe('aggregateSixMosts', () => {
  const all = [L1, L2, L3, L4, L5].map(listMetrics);

  it('aggregates the five hand-made lists', () => {
    assert.deepEqual(aggregateSixMosts(all), {
      lists: 5,
      // steps 4 + 1 + 3 + 5 + 2 = 15, / 5
      averageSteps: 3,
      // 6 + 2 + 4 + 6 + 1
      materials: 19,
      materialsByCertificate: 3,
      materialsBySharedData: 3,
      // to submit 3 + 1 + 2 + 5 + 0 = 11, / 5
      averageMaterialsToSubmit: 2.2,
      // 20 + 0 + 30 + 15 + 1 and 5 + 0 + 10 + 15 + 0
      statutoryLimitDays: 66,
      promisedLimitDays: 30,
      // over L1, L3, L4, L5 (statutory > 0): 1 − 30/66 = 0.5454… → 54.5
      compressionPercent: 54.5,
      // L2, L5
      immediateShare: 0.4,
      // L1, L2, L5
      freeShare: 0.6,
      // (6000 + 25000) / 5
      averageFeeFen: 6200,
      // visits 1, 0, 2, 1, 0
      atMostOneVisitShare: 0.8,
      zeroVisitShare: 0.4,
      onlineDepth: { level1: 1, level2: 1, level3: 1, level4: 2 },
      fullyOnlineShare: 0.4,
    });
  });

  it('rounds averages to 2 decimals and shares to 4', () => {
    // L1, L3, L4
    const s = aggregateSixMosts([all[0], all[2], all[3]] as ListMetrics[]);
    // steps 12 / 3
    assert.equal(s.averageSteps, 4);
    // to submit (3 + 2 + 5) / 3 = 3.333…
    assert.equal(s.averageMaterialsToSubmit, 3.33);
    // 1 of 3 free
    assert.equal(s.freeShare, 0.3333);
    // 2 of 3 with at most one visit
    assert.equal(s.atMostOneVisitShare, 0.6667);
    // 31000 / 3
    assert.equal(s.averageFeeFen, 10333.33);
    // 1 − 30/65 = 0.53846… → 53.8
    assert.equal(s.compressionPercent, 53.8);
    assert.equal(s.fullyOnlineShare, 0);
  });

  it('leaves compression null when no list has a statutory limit', () => {
    const s = aggregateSixMosts([all[1]] as ListMetrics[]);
    assert.equal(s.compressionPercent, null);
    assert.equal(s.statutoryLimitDays, 0);
  });

  it('gives zeros and a null compression for no lists', () => {
    assert.deepEqual(aggregateSixMosts([]), {
      lists: 0,
      averageSteps: 0,
      materials: 0,
      materialsByCertificate: 0,
      materialsBySharedData: 0,
      averageMaterialsToSubmit: 0,
      statutoryLimitDays: 0,
      promisedLimitDays: 0,
      compressionPercent: null,
      immediateShare: 0,
      freeShare: 0,
      averageFeeFen: 0,
      atMostOneVisitShare: 0,
      zeroVisitShare: 0,
      onlineDepth: { level1: 0, level2: 0, level3: 0, level4: 0 },
      fullyOnlineShare: 0,
    });
  });

  const materialArb = fc
    .record({
      source: fc.constantFrom('upload', 'certificate', 'sharedData'),
      requirement: fc.constantFrom('required', 'conditional'),
    })
    .map((r) => material(r.source, r.requirement));

  // metrics as listMetrics makes them, from arbitrary elements
  const metricsArb: fc.Arbitrary<ListMetrics> = fc
    .record({
      handlingKind: fc.constantFrom('immediate', 'promised'),
      steps: fc.nat({ max: 30 }),
      materials: fc.array(materialArb, { maxLength: 20 }),
      statutoryLimitDays: fc.nat({ max: 365 }),
      promisedLimitDays: fc.nat({ max: 365 }),
      fees: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 3 }),
      onSiteVisits: fc.integer({ min: 0, max: 2 }),
      onlineDepth: fc.integer({ min: 1, max: 4 }),
    })
    .map((r) =>
      listMetrics(
        elements({
          ...r,
          steps: steps(r.steps),
          fees: { free: r.fees.length === 0, items: r.fees.map(fee) },
        }),
      ),
    );

  it('keeps shares within 0..1 and counts that add up (property)', () => {
    fc.assert(
      fc.property(fc.array(metricsArb, { maxLength: 40 }), (ms) => {
        const s = aggregateSixMosts(ms);
        assert.equal(s.lists, ms.length);
        for (const v of [
          s.immediateShare,
          s.freeShare,
          s.atMostOneVisitShare,
          s.zeroVisitShare,
          s.fullyOnlineShare,
        ]) {
          assert.ok(v >= 0 && v <= 1, `share ${v}`);
        }
        assert.ok(s.zeroVisitShare <= s.atMostOneVisitShare);
        const d = s.onlineDepth;
        assert.equal(d.level1 + d.level2 + d.level3 + d.level4, ms.length);
        assert.equal(
          s.materials,
          ms.reduce((t, m) => t + m.materials, 0),
        );
        assert.ok(s.materialsByCertificate + s.materialsBySharedData <= s.materials);
        assert.equal(
          s.compressionPercent === null,
          ms.every((m) => m.statutoryLimitDays === 0),
        );
        if (s.compressionPercent !== null) assert.ok(s.compressionPercent <= 100);
        // order does not matter
        assert.deepEqual(aggregateSixMosts([...ms].reverse()), s);
      }),
    );
  });

  it('aggregates one list to that list’s own figures (property)', () => {
    fc.assert(
      fc.property(metricsArb, (m) => {
        const s = aggregateSixMosts([m]);
        assert.equal(s.lists, 1);
        assert.equal(s.averageSteps, m.steps);
        assert.equal(s.materials, m.materials);
        assert.equal(s.materialsByCertificate, m.materialsByCertificate);
        assert.equal(s.materialsBySharedData, m.materialsBySharedData);
        assert.equal(s.averageMaterialsToSubmit, m.materialsToSubmit);
        assert.equal(s.statutoryLimitDays, m.statutoryLimitDays);
        assert.equal(s.promisedLimitDays, m.promisedLimitDays);
        assert.equal(s.compressionPercent, m.compressionPercent);
        assert.equal(s.averageFeeFen, m.feeFen);
        assert.equal(s.immediateShare, m.immediate ? 1 : 0);
        assert.equal(s.freeShare, m.feeFen === 0 ? 1 : 0);
        assert.equal(s.atMostOneVisitShare, m.onSiteVisits <= 1 ? 1 : 0);
        assert.equal(s.zeroVisitShare, m.onSiteVisits === 0 ? 1 : 0);
        assert.equal(s.fullyOnlineShare, m.onlineDepth === 4 ? 1 : 0);
        assert.equal(s.onlineDepth[`level${m.onlineDepth}` as 'level1'], 1);
      }),
    );
  });

  it('derives consistent metrics from arbitrary materials (property)', () => {
    fc.assert(
      fc.property(fc.array(materialArb, { maxLength: 30 }), (materials) => {
        const m = listMetrics(elements({ materials }));
        assert.equal(m.materials, materials.length);
        assert.equal(
          m.materialsToSubmit,
          materials.filter((x) => x.source === 'upload' && x.requirement === 'required').length,
        );
        assert.ok(
          m.materialsByCertificate + m.materialsBySharedData + m.materialsToSubmit <= m.materials,
        );
      }),
    );
  });
});
