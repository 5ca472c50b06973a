import type { EvaluationStats, PublicStats, StatsQuery, StatsRow } from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import type { Drizzle } from '../../kernel/db/database.js';
import type { DirectoryService } from '../directory/index.js';
import { staffOf } from './access.js';
import * as store from './store.js';

/**
 * 好差评 statistics: volume, satisfaction, 差评 and rectification rates per organisation, item,
 * region or channel — for staff within what they oversee, in public per organisation (结果公开),
 * and as the satisfaction beside the catalogue's six mosts.
 */
export class EvaluationStatistics {
  constructor(
    private readonly db: Drizzle,
    private readonly directory: Pick<
      DirectoryService,
      'findOrganisationsByIds' | 'regionNames' | 'regionSubtree'
    >,
  ) {}

  /** Figures per organisation, item, region or channel, within what the reader oversees. */
  async stats(actor: Actor, query: StatsQuery): Promise<EvaluationStats> {
    const organisationId = staffOf(actor);
    let scope: store.Scope = actor.roles.includes('provinceAdmin')
      ? { all: true }
      : { organisationId };
    if (!('all' in scope) && actor.roles.includes('departmentAdmin') && actor.jurisdiction) {
      scope = { regionCodes: await this.directory.regionSubtree(actor.jurisdiction) };
    }
    const rows = await store.countStats(this.db, {
      groupBy: query.groupBy,
      scope,
      from: query.from,
      to: query.to,
    });
    const names = await this.groupNames(query.groupBy, rows);
    return {
      groupBy: query.groupBy,
      items: rows.map((r) => withRates(r, names.get(r.key ?? '') ?? r.name ?? '未指明')),
    };
  }

  /** Ratings and satisfied ratings per group within regions, for the six mosts (public). */
  async satisfactionBy(
    groupBy: 'organisation' | 'region' | 'item',
    regionCodes: readonly string[] | undefined,
  ): Promise<Map<string, { ratings: number; satisfied: number }>> {
    const rows = await store.countStats(this.db, {
      groupBy,
      scope: regionCodes ? { regionCodes: [...regionCodes] } : { all: true },
    });
    return new Map(
      rows
        .filter((r): r is typeof r & { key: string } => r.key !== null)
        .map((r) => [r.key, { ratings: r.volume, satisfied: r.satisfied }]),
    );
  }

  /** 结果公开: per organisation, volume and rates, for anyone. */
  async publicStats(): Promise<PublicStats> {
    const rows = await store.countStats(this.db, { groupBy: 'organisation', scope: { all: true } });
    const names = await this.groupNames('organisation', rows);
    return {
      items: rows.map((r) => {
        const full = withRates(r, names.get(r.key ?? '') ?? '');
        return {
          organisationId: r.key ?? '',
          name: full.name,
          volume: full.volume,
          satisfactionRate: full.satisfactionRate,
          badRate: full.badRate,
          rectificationRate: full.rectificationRate,
          onTimeRectificationRate: full.onTimeRectificationRate,
        };
      }),
    };
  }

  private async groupNames(
    groupBy: StatsQuery['groupBy'],
    rows: store.StatsCounts[],
  ): Promise<Map<string, string>> {
    const keys = rows.map((r) => r.key).filter((k): k is string => k !== null);
    if (groupBy === 'organisation') {
      const orgs = await this.directory.findOrganisationsByIds(keys);
      return new Map(orgs.map((o) => [o.id, o.name]));
    }
    if (groupBy === 'region') return this.directory.regionNames(keys);
    if (groupBy === 'channel') {
      return new Map([
        ['online', '网上 (一事一评)'],
        ['onSite', '现场 (一次一评)'],
      ]);
    }
    return new Map();
  }
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

function withRates(r: store.StatsCounts, name: string): StatsRow {
  return {
    key: r.key,
    name,
    volume: r.volume,
    satisfied: r.satisfied,
    bad: r.bad,
    cases: r.cases,
    closedCases: r.closedCases,
    onTimeCases: r.onTimeCases,
    satisfactionRate: ratio(r.satisfied, r.volume),
    badRate: ratio(r.bad, r.volume),
    rectificationRate: ratio(r.closedCases, r.cases),
    onTimeRectificationRate: ratio(r.onTimeCases, r.cases),
  };
}
