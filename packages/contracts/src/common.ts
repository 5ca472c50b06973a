import { Type, type Static } from '@sinclair/typebox';

/** One failing field in a validation problem: a JSON pointer into the request and a message. */
export const ProblemFieldError = Type.Object({
  path: Type.String({ description: 'JSON pointer of the failing field, e.g. /body/regionCode' }),
  message: Type.String(),
});
export type ProblemFieldError = Static<typeof ProblemFieldError>;

/** RFC 9457 problem details, as every Zhengtong error response carries. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'stable machine-readable error code' }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(ProblemFieldError)),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof Problem>;

/** A calendar date as YYYY-MM-DD (Asia/Shanghai). */
export const IsoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD',
});
