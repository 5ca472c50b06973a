import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type {
  ApplicationFile,
  ApplicationFileList,
  ImplementationListVersion,
  Material,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { RequestContext } from './service.js';
import * as store from './store.js';
import { applicationFile } from './tables.js';

// 申请材料上传: the applicant's files for the materials of the bound implementation-list version.
// An upload streams to a temporary file while it is hashed and measured, is typed by its first
// bytes, and is renamed into place inside the transaction that records it; whatever fails on
// the way leaves nothing on disk.

/** The largest file any material may allow (Material.maxBytes maximum): the parser's ceiling. */
export const MAX_UPLOAD_BYTES = 52_428_800;
/** A material without maxBytes takes files up to 10 MiB. */
export const DEFAULT_MAX_BYTES = 10_485_760;
/** A material without acceptedTypes takes PDF, JPEG and PNG. */
export const DEFAULT_ACCEPTED_TYPES: readonly string[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
];
export const MAX_FILES_PER_MATERIAL = 20;
export const MAX_FILES_PER_APPLICATION = 200;
const MAX_NAME_CHARS = 200;
const HEAD_BYTES = 16;
/** a temporary file older than this belongs to no upload in progress */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** The statuses in which the applicant may still change the materials. */
const OPEN_STATUSES: ReadonlySet<store.ApplicationRow['status']> = new Set([
  'submitted',
  'supplementRequested',
]);

class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly title = 'Payload too large';
}

class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly title = 'Unsupported media type';
}

const notFound = () => new NotFoundError('application-not-found', 'no such application');
const fileNotFound = () => new NotFoundError('file-not-found', 'no such file');
const tooLarge = (limit: number) =>
  new PayloadTooLargeError('file-too-large', `the file is larger than this material allows`, [
    { path: '/body/file', message: `文件超过 ${formatBytes(limit)} 的大小限制` },
  ]);
const malformed = (why: string) =>
  new InputError('malformed-multipart', `the multipart body cannot be read: ${why}`);

/** What files need of the applications: the visibility rule of ApplicationsService.get. */
export interface ApplicationLookups {
  readable(actor: Actor, id: string): Promise<{ app: store.ApplicationRow; isApplicant: boolean }>;
}

/** What files need of the catalogue: the list version an application is bound to. */
export interface VersionLookup {
  getVersion(id: string): Promise<ImplementationListVersion | undefined>;
}

export interface MaterialFilesDeps {
  db: Drizzle;
  /** the server's data dir; files live under `<dataDir>/files/` */
  dataDir: string;
  applications: ApplicationLookups;
  catalog: VersionLookup;
}

/** One part of a multipart body as @fastify/multipart yields it (only what is used here). */
export type UploadPart =
  { type: 'file'; filename: string; file: Readable & { truncated: boolean } } | { type: 'field' };

/** The request body of an upload: whether it is multipart, and its parts under a file limit. */
export interface UploadSource {
  isMultipart: boolean;
  parts(limits: { fileSize: number }): AsyncIterable<UploadPart>;
}

/** A file to send: its bytes streamed from disk, and what the headers say about it. */
export interface FileContent {
  stream: fs.ReadStream;
  size: number;
  mediaType: string;
  fileName: string;
}

interface Received {
  tmpPath: string;
  fileName: string;
  size: number;
  sha256: string;
  head: Buffer;
}

type FileRow = typeof applicationFile.$inferSelect;

export class MaterialFiles {
  private readonly filesDir: string;
  private readonly tmpDir: string;

  constructor(private readonly deps: MaterialFilesDeps) {
    this.filesDir = path.join(deps.dataDir, 'files');
    this.tmpDir = path.join(this.filesDir, 'tmp');
  }

  private get db() {
    return this.deps.db;
  }

  /** Uploads one file for one material: only the applicant, only while the materials are open. */
  async upload(
    actor: Actor,
    id: string,
    materialKey: string,
    source: UploadSource,
    ctx: RequestContext,
  ): Promise<ApplicationFile> {
    assertApplicant(actor);
    const app = await store.findApplication(this.db, id);
    if (!app || app.applicantAccountId !== actor.id) throw notFound();
    assertOpen(app);
    const material = await this.material(app, materialKey);
    // refuse early, before reading the body; checked again under the row lock
    await assertRoom(this.db, id, materialKey);
    if (!source.isMultipart) {
      throw new UnsupportedMediaTypeError(
        'unsupported-media-type',
        'send the file as multipart/form-data with exactly one file part',
      );
    }
    const limit = material.maxBytes ?? DEFAULT_MAX_BYTES;
    const accepted = (material.acceptedTypes ?? DEFAULT_ACCEPTED_TYPES).map((t) =>
      t.trim().toLowerCase(),
    );

    const received = await this.receive(source, limit);
    try {
      if (received.size === 0) {
        throw new UnprocessableError('file-empty', 'the file is empty', [
          { path: '/body/file', message: '文件为空' },
        ]);
      }
      const mediaType = sniffMediaType(received.head);
      if (!accepted.includes(mediaType)) {
        throw new UnsupportedMediaTypeError(
          'file-type-not-allowed',
          `the file is ${mediaType}; this material takes ${accepted.join(', ')}`,
          [{ path: '/body/file', message: `文件类型 ${mediaType} 不在允许范围内` }],
        );
      }
      const fileId = newId();
      const storageKey = storageKeyOf(fileId);
      const target = this.pathOf(storageKey);
      let placed = false;
      try {
        await this.db.transaction(async (tx) => {
          const locked = await store.lockApplication(tx, id);
          if (!locked) throw notFound();
          assertOpen(locked);
          await assertRoom(tx, id, materialKey);
          await tx.insert(applicationFile).values({
            id: fileId,
            applicationId: id,
            materialKey,
            fileName: received.fileName,
            mediaType,
            sizeBytes: received.size,
            sha256: received.sha256,
            storageKey,
            uploadedBy: actor.id,
          });
          await recordAudit(tx, {
            actor,
            action: 'applications.upload-file',
            targetType: 'application',
            targetId: id,
            // the name is left out: it may hold personal data
            summary: {
              applicationNo: locked.applicationNo,
              fileId,
              materialKey,
              mediaType,
              size: received.size,
              sha256: received.sha256,
            },
            requestId: ctx.requestId,
          });
          // last step before the commit: a failed commit removes the file again (below)
          await fsp.mkdir(path.dirname(target), { recursive: true });
          await fsp.rename(received.tmpPath, target);
          placed = true;
        });
      } catch (e) {
        if (placed) await fsp.rm(target, { force: true });
        throw e;
      }
      const [row] = await this.db
        .select()
        .from(applicationFile)
        .where(eq(applicationFile.id, fileId));
      if (!row) throw new Error(`file ${fileId} vanished`);
      return toView(row);
    } finally {
      // gone already when it was renamed into place
      await fsp.rm(received.tmpPath, { force: true });
    }
  }

  /** The application's files (not deleted), oldest first: for the applicant and its officers. */
  async list(actor: Actor, id: string): Promise<ApplicationFileList> {
    await this.deps.applications.readable(actor, id);
    const rows = await this.db
      .select()
      .from(applicationFile)
      .where(and(eq(applicationFile.applicationId, id), isNull(applicationFile.deletedAt)))
      .orderBy(asc(applicationFile.createdAt), asc(applicationFile.id));
    return { items: rows.map(toView) };
  }

  /** One file's bytes, streamed from disk: for the applicant and its officers. */
  async content(actor: Actor, id: string, fileId: string): Promise<FileContent> {
    await this.deps.applications.readable(actor, id);
    const row = await findLive(this.db, id, fileId);
    if (!row) throw fileNotFound();
    const handle = await fsp.open(this.pathOf(row.storageKey), 'r');
    try {
      const { size } = await handle.stat();
      if (size !== row.sizeBytes) {
        throw new Error(`file ${row.id} on disk has ${size} bytes, ${row.sizeBytes} recorded`);
      }
      // the stream owns the handle from here and closes it when done
      const stream = fs.createReadStream(this.pathOf(row.storageKey), { fd: handle });
      return { stream, size, mediaType: row.mediaType, fileName: row.fileName };
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** Deletes a file (soft: the row stays, the bytes go): the applicant, while still open. */
  async remove(actor: Actor, id: string, fileId: string, ctx: RequestContext): Promise<void> {
    assertApplicant(actor);
    const storageKey = await this.db.transaction(async (tx) => {
      const app = await store.lockApplication(tx, id);
      if (!app || app.applicantAccountId !== actor.id) throw notFound();
      assertOpen(app);
      const [row] = await tx
        .update(applicationFile)
        .set({ deletedAt: new Date() })
        .where(
          and(
            eq(applicationFile.id, fileId),
            eq(applicationFile.applicationId, id),
            isNull(applicationFile.deletedAt),
          ),
        )
        .returning();
      if (!row) throw fileNotFound();
      await recordAudit(tx, {
        actor,
        action: 'applications.delete-file',
        targetType: 'application',
        targetId: id,
        summary: {
          applicationNo: app.applicationNo,
          fileId,
          materialKey: row.materialKey,
          sha256: row.sha256,
        },
        requestId: ctx.requestId,
      });
      return row.storageKey;
    });
    await fsp.rm(this.pathOf(storageKey), { force: true });
  }

  /** Removes temporary files no upload owns any more (left by a crash): run at start. */
  async sweepTemp(now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await fsp.readdir(this.tmpDir);
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return 0;
      throw e;
    }
    let removed = 0;
    for (const name of names) {
      const full = path.join(this.tmpDir, name);
      const stat = await fsp.stat(full).catch(() => undefined);
      if (stat && now - stat.mtimeMs > STALE_TEMP_MS) {
        await fsp.rm(full, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  // -------------------------------------------------------------------------------------------

  private async material(app: store.ApplicationRow, key: string): Promise<Material> {
    const version = await this.deps.catalog.getVersion(app.listVersionId);
    if (!version) throw new Error(`list version ${app.listVersionId} vanished`);
    const material = version.elements.materials.find((m) => m.key === key);
    if (!material) {
      throw new NotFoundError('material-not-found', `the service asks for no material ${key}`);
    }
    if (material.source !== 'upload') {
      throw new UnprocessableError(
        'material-not-uploaded',
        material.source === 'certificate'
          ? 'this material is taken from the applicant’s e-certificate (免提交); it takes no file'
          : 'this material is taken from shared government data (免填报); it takes no file',
      );
    }
    return material;
  }

  /**
   * Reads the multipart body: its one file part goes to a temporary file (hashed, measured, its
   * first bytes kept); fields are ignored; a second file part is refused. The temporary file is
   * deleted on any failure.
   */
  private async receive(source: UploadSource, limit: number): Promise<Received> {
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmpPath = path.join(this.tmpDir, `${newId()}.part`);
    let received: Received | undefined;
    try {
      const parts = source.parts({ fileSize: limit })[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<UploadPart>;
        try {
          next = await parts.next();
        } catch (e) {
          throw multipartProblem(e, limit);
        }
        if (next.done) break;
        const part = next.value;
        if (part.type !== 'file') continue;
        if (received) throw oneFileOnly();
        received = await spool(part, tmpPath, limit);
      }
      if (!received) {
        throw new InputError('file-required', 'the body holds no file part', [
          { path: '/body/file', message: '请选择文件' },
        ]);
      }
      return received;
    } catch (e) {
      await fsp.rm(tmpPath, { force: true });
      throw e;
    }
  }

  /** A storage key under the data dir, resolved; refuses anything outside files/applications. */
  private pathOf(storageKey: string): string {
    const root = path.join(this.filesDir, 'applications');
    const full = path.resolve(this.deps.dataDir, ...storageKey.split('/'));
    if (!full.startsWith(root + path.sep))
      throw new Error(`storage key out of place: ${storageKey}`);
    return full;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers (exported for the tests)

/**
 * Where a file's bytes live, relative to the data dir: from the id alone. The fan-out takes the
 * id's last, random hex digits (its first ones are a timestamp).
 */
export function storageKeyOf(id: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
    throw new Error(`not a file id: ${id}`);
  }
  return `files/applications/${id.slice(-4, -2)}/${id.slice(-2)}/${id}`;
}

const SIGNATURES: readonly { type: string; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  // OFD is a ZIP inside: its name is no proof, so a ZIP is a ZIP
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'application/vnd.microsoft.portable-executable', bytes: [0x4d, 0x5a] }, // MZ
];

/** The media type the first bytes show; `application/octet-stream` when none is recognised. */
export function sniffMediaType(head: Uint8Array): string {
  const found = SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b));
  return found?.type ?? 'application/octet-stream';
}

/** C0 and C1 controls, DEL, and the bidi marks, embeddings, overrides and isolates. */
function isUnsafeCodePoint(cp: number): boolean {
  return (
    cp <= 0x1f ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The client's file name made safe to show and to put in a header: the last path segment only,
 * no control or bidi characters, whitespace collapsed, at most 200 characters (the extension
 * kept), `file` for nothing, `.` or `..`. CJK and other letters stay. Never used on disk.
 */
export function cleanFileName(raw: string | undefined): string {
  let name = (raw ?? '').replace(LONE_SURROGATE, '\ufffd').normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = Array.from(name)
    .filter((c) => !isUnsafeCodePoint(c.codePointAt(0) ?? 0))
    .join('')
    .replace(/\s+/gu, ' ')
    .trim();
  if (name === '' || name === '.' || name === '..') return 'file';
  const chars = Array.from(name);
  if (chars.length <= MAX_NAME_CHARS) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length >= 2 && extension.length <= 20) {
    const stem = chars
      .slice(0, MAX_NAME_CHARS - extension.length)
      .join('')
      .trimEnd();
    return `${stem}${extension.join('')}`;
  }
  return chars.slice(0, MAX_NAME_CHARS).join('').trimEnd();
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback name and the exact UTF-8 name
 * (RFC 6266 / RFC 8187).
 */
export function contentDisposition(fileName: string): string {
  const fallback = Array.from(fileName)
    .map((c) => (/^[\x20-\x7e]$/.test(c) && c !== '"' && c !== '\\' && c !== '%' ? c : '_'))
    .join('');
  const encoded = encodeURIComponent(fileName.replace(LONE_SURROGATE, '\ufffd')).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function formatBytes(n: number): string {
  return n % 1_048_576 === 0
    ? `${n / 1_048_576} MiB`
    : n % 1024 === 0
      ? `${n / 1024} KiB`
      : `${n} B`;
}

function assertApplicant(actor: Actor): void {
  if (actor.kind === 'anonymous')
    throw new UnauthenticatedError('unauthenticated', 'sign in first');
  if (actor.kind !== 'person' && actor.kind !== 'enterprise') {
    throw new ForbiddenError('applicants-only', 'only the applicant uploads or deletes materials');
  }
}

function assertOpen(app: store.ApplicationRow): void {
  if (!OPEN_STATUSES.has(app.status)) {
    throw new ConflictError(
      'materials-closed',
      `the application is ${app.status}: its materials can no longer change`,
    );
  }
}

async function assertRoom(db: Executor, id: string, materialKey: string): Promise<void> {
  const [counted] = await db
    .select({
      total: sql<number>`count(*)::int`,
      material: sql<number>`(count(*) filter (where ${applicationFile.materialKey} = ${materialKey}))::int`,
    })
    .from(applicationFile)
    .where(and(eq(applicationFile.applicationId, id), isNull(applicationFile.deletedAt)));
  const total = counted?.total ?? 0;
  const forMaterial = counted?.material ?? 0;
  if (forMaterial >= MAX_FILES_PER_MATERIAL || total >= MAX_FILES_PER_APPLICATION) {
    throw new ConflictError(
      'too-many-files',
      forMaterial >= MAX_FILES_PER_MATERIAL
        ? `a material takes at most ${MAX_FILES_PER_MATERIAL} files: delete one first`
        : `an application takes at most ${MAX_FILES_PER_APPLICATION} files: delete one first`,
    );
  }
}

async function findLive(db: Executor, id: string, fileId: string): Promise<FileRow | undefined> {
  const rows = await db
    .select()
    .from(applicationFile)
    .where(
      and(
        eq(applicationFile.id, fileId),
        eq(applicationFile.applicationId, id),
        isNull(applicationFile.deletedAt),
      ),
    );
  return rows[0];
}

function toView(row: FileRow): ApplicationFile {
  return {
    id: row.id,
    materialKey: row.materialKey,
    fileName: row.fileName,
    mediaType: row.mediaType,
    size: row.sizeBytes,
    sha256: row.sha256,
    uploadedAt: row.createdAt.toISOString(),
  };
}

const oneFileOnly = () =>
  new InputError('one-file-only', 'send exactly one file part per upload', [
    { path: '/body', message: '每次只能上传一个文件' },
  ]);

/** The multipart parser's errors as problems; anything else it throws is a malformed body. */
function multipartProblem(e: unknown, limit: number): unknown {
  if (e instanceof DomainError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return oneFileOnly();
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new InputError('too-many-parts', 'send one file part and at most a few fields');
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(limit);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new UnsupportedMediaTypeError('unsupported-media-type', 'send multipart/form-data');
    default:
      return malformed(e instanceof Error ? e.message : String(e));
  }
}

function isErrno(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}

/** Streams one file part to `tmpPath`: SHA-256, byte count and the first bytes on the way. */
async function spool(
  part: Extract<UploadPart, { type: 'file' }>,
  tmpPath: string,
  limit: number,
): Promise<Received> {
  const hash = crypto.createHash('sha256');
  const head: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      // the parser stops at the limit; this is the second line of defence
      if (size > limit) return done(tooLarge(limit));
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        const take = chunk.subarray(0, HEAD_BYTES - headLength);
        head.push(Buffer.from(take));
        headLength += take.length;
      }
      done(null, chunk);
    },
  });
  const { file } = part;
  // past the limit: stop reading at once rather than let the parser skip the rest
  const onLimit = () => file.destroy(tooLarge(limit));
  file.once('limit', onLimit);
  const out = fs.createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 });
  // a write stream destroyed before its file opened still opens (creates) it afterwards: wait
  // for it to close, so the caller's clean-up runs after the file exists, not before
  const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
  try {
    await pipeline(file, meter, out);
  } catch (e) {
    await closed;
    if (e instanceof DomainError) throw e;
    // the disk's errors are the server's; the rest is a broken body
    if (typeof e === 'object' && e !== null && 'syscall' in e) throw e;
    throw malformed(e instanceof Error ? e.message : String(e));
  } finally {
    file.off('limit', onLimit);
  }
  if (file.truncated) throw tooLarge(limit);
  return {
    tmpPath,
    fileName: cleanFileName(part.filename),
    size,
    sha256: hash.digest('hex'),
    head: Buffer.concat(head),
  };
}
