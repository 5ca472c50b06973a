import { Type, type Static } from '@sinclair/typebox';

// 草稿: an applicant's unfinished form, saved to come back to later. One per account and
// target; replaced on each save and removed when the application is submitted.

/** The largest form a draft keeps, as serialized JSON (UTF-8 bytes). */
export const MAX_DRAFT_BYTES = 256 * 1024;
/** How many drafts one account may keep at once. */
export const MAX_DRAFTS_PER_ACCOUNT = 50;

/**
 * What a draft is for: `list:<implementation list id>` or `bundle:<bundle code>:<region code>`
 * (一件事 in a region). The id is lower-case, as the server writes ids.
 */
export const DraftTarget = Type.String({
  pattern:
    '^(list:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|bundle:[a-z0-9-]{1,40}:[0-9]{6})$',
  maxLength: 60,
  description: 'list:<listId> or bundle:<code>:<regionCode>',
});
export type DraftTarget = Static<typeof DraftTarget>;

/** The target of a draft of an implementation list. */
export const listDraftTarget = (listId: string): string => `list:${listId}`;
/** The target of a draft of an 一件事 bundle in a region. */
export const bundleDraftTarget = (code: string, regionCode: string): string =>
  `bundle:${code}:${regionCode}`;

/** What a target names, or undefined for a string that is no target. */
export function parseDraftTarget(
  target: string,
):
  | { kind: 'list'; listId: string }
  | { kind: 'bundle'; code: string; regionCode: string }
  | undefined {
  const list = /^list:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(target);
  if (list?.[1]) return { kind: 'list', listId: list[1] };
  const bundle = /^bundle:([a-z0-9-]{1,40}):([0-9]{6})$/.exec(target);
  if (bundle?.[1] && bundle[2]) return { kind: 'bundle', code: bundle[1], regionCode: bundle[2] };
  return undefined;
}

export const DraftTargetParams = Type.Object({ target: DraftTarget });
export type DraftTargetParams = Static<typeof DraftTargetParams>;

export const SaveDraftBody = Type.Object({
  /** what the applicant sees in 我的草稿, usually the item's name */
  title: Type.String({ minLength: 1, maxLength: 200 }),
  /** the form as filled so far: any JSON object, not checked against the form's schema */
  formData: Type.Record(Type.String(), Type.Unknown()),
});
export type SaveDraftBody = Static<typeof SaveDraftBody>;

export const Draft = Type.Object({
  target: DraftTarget,
  title: Type.String(),
  formData: Type.Record(Type.String(), Type.Unknown()),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Draft = Static<typeof Draft>;

/** A draft in a list: without its form. */
export const DraftSummary = Type.Object({
  target: DraftTarget,
  title: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type DraftSummary = Static<typeof DraftSummary>;

/** My drafts, the last saved first. */
export const DraftList = Type.Object({
  items: Type.Array(DraftSummary, { maxItems: MAX_DRAFTS_PER_ACCOUNT }),
});
export type DraftList = Static<typeof DraftList>;
