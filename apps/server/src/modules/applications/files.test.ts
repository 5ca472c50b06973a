import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type {
  Application,
  ApplicationFile,
  ApplicationFileList,
  Problem,
} from '@zhengtong/contracts';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  createPublishedList,
  createTestItem,
  organisationId,
  validElements,
} from '../../test-support/catalog.js';
import { createPerson, createStaff, FAST_ARGON2, loginAs } from '../../test-support/identity.js';
import { referenceCertificateTypeCode } from '../certificates/reference-certificate-types.js';
import {
  cleanFileName,
  contentDisposition,
  MAX_FILES_PER_APPLICATION,
  MAX_FILES_PER_MATERIAL,
  sniffMediaType,
  storageKeyOf,
} from './files.js';

const API = '/api/v1/applications';

interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Buffer | string;
}

/** A multipart/form-data body written by hand: names quoted as RFC 7578 clients do. */
function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----zt-${crypto.randomBytes(8).toString('hex')}`;
  const quote = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition =
      `form-data; name="${quote(p.name)}"` +
      (p.filename === undefined ? '' : `; filename="${quote(p.filename)}"`);
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n` +
          (p.type ? `Content-Type: ${p.type}\r\n` : '') +
          '\r\n',
        'utf8',
      ),
      Buffer.from(p.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A PDF-looking file of exactly `size` bytes (the signature is all the server looks at). */
function pdf(size = 1500): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const body = crypto.randomBytes(Math.max(0, size - head.length));
  return Buffer.concat([head, body]).subarray(0, size);
}
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  crypto.randomBytes(200),
]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), crypto.randomBytes(300)]);
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), crypto.randomBytes(300)]);
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Every file under a directory, as paths relative to it with forward slashes. */
function walk(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory()
      ? walk(full, base)
      : [path.relative(base, full).split(path.sep).join('/')];
  });
}

describe('applications: material files', () => {
  let t: TestApp;
  let list: string;
  const cookie: Record<string, string> = {};
  let keys = 0;

  const call = (
    who: string | undefined,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    body?: { payload: Buffer; contentType: string } | object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...(who ? { cookie: cookie[who]! } : {}),
        ...(body && 'contentType' in body ? { 'content-type': body.contentType } : {}),
      },
      ...(body === undefined
        ? {}
        : 'contentType' in body
          ? { payload: body.payload }
          : { payload: body }),
    });
  const upload = (who: string, id: string, key: string, file: Part | Part[]) =>
    call(
      who,
      'POST',
      `${API}/${id}/materials/${key}/files`,
      multipart(Array.isArray(file) ? file : [file]),
    );
  const apply = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: API,
      headers: { cookie: cookie.citizen!, 'idempotency-key': `files-key-${++keys}-${Date.now()}` },
      payload: { listId: list, formData: { reason: '上传材料' } },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<Application>().id;
  };
  const dataDir = () => t.kernel.config.dataDir;
  /** files on disk are exactly the live rows' storage keys, and nothing waits in tmp */
  const assertDiskMatchesRows = async () => {
    const rows = await t.kernel.db.orm.execute<{ storage_key: string }>(
      sql`SELECT storage_key FROM application_file WHERE deleted_at IS NULL`,
    );
    const onDisk = walk(path.join(dataDir(), 'files')).map((f) => `files/${f}`);
    assert.deepEqual(onDisk.sort(), rows.rows.map((r) => r.storage_key).sort());
    assert.deepEqual(walk(path.join(dataDir(), 'files', 'tmp')), []);
  };

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    const zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    const base = validElements().materials[0]!;
    list = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      zzMarket,
      validElements({
        materials: [
          base,
          { ...base, key: 'sitePlan', name: '场地平面图', acceptedTypes: ['application/pdf'] },
          { ...base, key: 'smallNote', name: '情况说明', maxBytes: 1024 },
          {
            ...base,
            key: 'idCard',
            name: '居民身份证',
            source: 'certificate',
            certificateTypeCode: referenceCertificateTypeCode('居民身份证'),
          },
        ],
      }),
    );
    cookie.citizen = await loginAs(t, await createPerson(t));
    cookie.other = await loginAs(t, await createPerson(t));
    cookie.window = await loginAs(
      t,
      await createStaff(t, { roles: ['windowOfficer'], organisationId: zzMarket }),
    );
  });
  after(() => t.close());

  it('uploads a PDF, lists it, downloads it byte for byte and deletes it', async () => {
    const id = await apply();
    const bytes = pdf(4000);
    const res = await upload('citizen', id, 'applicationForm', {
      name: 'file',
      filename: '营业执照 副本.pdf',
      // the client's type is not what is stored
      type: 'application/octet-stream',
      data: bytes,
    });
    assert.equal(res.statusCode, 201, res.body);
    const file = res.json<ApplicationFile>();
    assert.equal(file.mediaType, 'application/pdf');
    assert.equal(file.size, bytes.length);
    assert.equal(file.sha256, sha256(bytes));
    assert.equal(file.fileName, '营业执照 副本.pdf');
    assert.equal(file.materialKey, 'applicationForm');

    const listed = await call('citizen', 'GET', `${API}/${id}/files`);
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(listed.json<ApplicationFileList>().items, [file]);

    const download = await call('citizen', 'GET', `${API}/${id}/files/${file.id}/content`);
    assert.equal(download.statusCode, 200);
    assert.ok(download.rawPayload.equals(bytes), 'byte-identical');
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['content-length'], String(bytes.length));
    assert.equal(
      download.headers['content-disposition'],
      `attachment; filename="____ __.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照 副本.pdf')}`,
    );
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(download.headers['cache-control'], 'private, no-store');

    const stored = await t.kernel.db.orm.execute<{ storage_key: string }>(
      sql`SELECT storage_key FROM application_file WHERE id = ${file.id}`,
    );
    const storageKey = stored.rows[0]!.storage_key;
    assert.equal(storageKey, storageKeyOf(file.id));
    const onDisk = path.join(dataDir(), ...storageKey.split('/'));
    assert.ok(fs.readFileSync(onDisk).equals(bytes));
    await assertDiskMatchesRows();

    const deleted = await call('citizen', 'DELETE', `${API}/${id}/files/${file.id}`);
    assert.equal(deleted.statusCode, 204, deleted.body);
    assert.deepEqual(
      (await call('citizen', 'GET', `${API}/${id}/files`)).json<ApplicationFileList>().items,
      [],
    );
    assert.equal(fs.existsSync(onDisk), false, 'the bytes are gone');
    const gone = await call('citizen', 'GET', `${API}/${id}/files/${file.id}/content`);
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json<Problem>().code, 'file-not-found');
    assert.equal(
      (await call('citizen', 'DELETE', `${API}/${id}/files/${file.id}`)).statusCode,
      404,
    );
    // the row stays (soft delete)
    const kept = await t.kernel.db.orm.execute<{ deleted_at: Date | null }>(
      sql`SELECT deleted_at FROM application_file WHERE id = ${file.id}`,
    );
    assert.ok(kept.rows[0]?.deleted_at);

    const audit = await t.kernel.db.orm.execute<{ action: string; summary: { fileId: string } }>(
      sql`SELECT action, summary FROM audit_log WHERE target_id = ${id} ORDER BY seq`,
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['applications.submit', 'applications.upload-file', 'applications.delete-file'],
    );
    assert.equal(audit.rows[1]?.summary.fileId, file.id);
    assert.ok(!JSON.stringify(audit.rows).includes('营业执照'), 'no file name in the audit');
    await assertDiskMatchesRows();
  });

  it('types a file by its first bytes, whatever its name and declared type', async () => {
    const id = await apply();
    const pngAsPdf = await upload('citizen', id, 'sitePlan', {
      name: 'file',
      filename: 'x.pdf',
      type: 'application/pdf',
      data: PNG,
    });
    assert.equal(pngAsPdf.statusCode, 415, pngAsPdf.body);
    assert.equal(pngAsPdf.json<Problem>().code, 'file-type-not-allowed');
    assert.match(pngAsPdf.json<Problem>().detail ?? '', /image\/png/);

    const exeAsPng = await upload('citizen', id, 'applicationForm', {
      name: 'file',
      filename: 'x.png',
      type: 'image/png',
      data: EXE,
    });
    assert.equal(exeAsPng.statusCode, 415);
    assert.equal(exeAsPng.json<Problem>().code, 'file-type-not-allowed');
    assert.match(
      exeAsPng.json<Problem>().detail ?? '',
      /application\/vnd\.microsoft\.portable-executable/,
    );

    const zipAsOfd = await upload('citizen', id, 'applicationForm', {
      name: 'file',
      filename: '营业执照.ofd',
      type: 'application/ofd',
      data: ZIP,
    });
    assert.equal(zipAsOfd.statusCode, 415);
    assert.match(zipAsOfd.json<Problem>().detail ?? '', /application\/zip/);

    // the default types: a PNG is fine where no acceptedTypes are set
    const png = await upload('citizen', id, 'applicationForm', {
      name: 'file',
      filename: 'scan.pdf',
      type: 'application/pdf',
      data: PNG,
    });
    assert.equal(png.statusCode, 201, png.body);
    assert.equal(png.json<ApplicationFile>().mediaType, 'image/png');
    await assertDiskMatchesRows();
  });

  it('refuses a file over the material’s limit, and an empty one, leaving nothing on disk', async () => {
    const id = await apply();
    const over = await upload('citizen', id, 'smallNote', {
      name: 'file',
      filename: 'note.pdf',
      type: 'application/pdf',
      data: pdf(2048),
    });
    assert.equal(over.statusCode, 413, over.body);
    assert.equal(over.json<Problem>().code, 'file-too-large');
    assert.equal(over.headers['content-type'], 'application/problem+json; charset=utf-8');
    await assertDiskMatchesRows();

    // far over: the server stops reading, answers, and still leaves nothing behind
    const farOver = await upload('citizen', id, 'smallNote', {
      name: 'file',
      filename: 'note.pdf',
      data: pdf(3 * 1024 * 1024),
    });
    assert.equal(farOver.statusCode, 413);
    await assertDiskMatchesRows();

    const exactly = await upload('citizen', id, 'smallNote', {
      name: 'file',
      filename: 'note.pdf',
      data: pdf(1024),
    });
    assert.equal(exactly.statusCode, 201, 'the limit itself is allowed');

    const empty = await upload('citizen', id, 'applicationForm', {
      name: 'file',
      filename: 'empty.pdf',
      type: 'application/pdf',
      data: Buffer.alloc(0),
    });
    assert.equal(empty.statusCode, 422, empty.body);
    assert.equal(empty.json<Problem>().code, 'file-empty');
    await assertDiskMatchesRows();
    assert.equal(
      (await call('citizen', 'GET', `${API}/${id}/files`)).json<ApplicationFileList>().items.length,
      1,
    );
  });

  it('stores hostile names safely, and the bytes under files/applications only', async () => {
    const id = await apply();
    const hostile = [
      '../../etc/passwd',
      '..\\..\\boot.ini',
      'a\u202Egnp.exe',
      `${'长'.repeat(300)}${'a'.repeat(196)}.pdf`,
      '\u0000evil',
      '..',
      ' \u2067\u200f ',
      'tab\there.pdf',
    ];
    const names: string[] = [];
    for (const filename of hostile) {
      const res = await upload('citizen', id, 'applicationForm', {
        name: 'file',
        filename,
        data: pdf(),
      });
      assert.equal(res.statusCode, 201, `${JSON.stringify(filename)}: ${res.body}`);
      names.push(res.json<ApplicationFile>().fileName);
    }
    for (const name of names) {
      assert.ok(name.length > 0);
      assert.ok([...name].length <= 200, name);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(name, /[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      assert.notEqual(name, '..');
      assert.notEqual(name, '.');
    }
    assert.equal(names[0], 'passwd');
    assert.equal(names[1], 'boot.ini');
    assert.equal(names[2], 'agnp.exe');
    assert.equal([...names[3]!].length, 200);
    assert.ok(names[3]!.startsWith('长长长') && names[3]!.endsWith('.pdf'), names[3]);
    assert.equal(names[4], 'evil');
    assert.equal(names[5], 'file');
    assert.equal(names[6], 'file');

    // the names reach no path: every stored file is files/applications/xx/yy/<id>
    const onDisk = walk(path.join(dataDir(), 'files'));
    assert.ok(onDisk.length >= hostile.length);
    for (const f of onDisk) {
      assert.match(f, /^applications\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    }
    await assertDiskMatchesRows();

    // a hostile name in the download header stays inside its quotes
    const { items } = (
      await call('citizen', 'GET', `${API}/${id}/files`)
    ).json<ApplicationFileList>();
    const rtl = items.find((f) => f.fileName === 'agnp.exe')!;
    const download = await call('citizen', 'GET', `${API}/${id}/files/${rtl.id}/content`);
    assert.equal(
      download.headers['content-disposition'],
      `attachment; filename="agnp.exe"; filename*=UTF-8''agnp.exe`,
    );
  });

  it('lets only the applicant change files, and the application’s officers read them', async () => {
    const id = await apply();
    const bytes = pdf();
    const file = (
      await upload('citizen', id, 'applicationForm', {
        name: 'file',
        filename: 'a.pdf',
        data: bytes,
      })
    ).json<ApplicationFile>();

    // another citizen learns nothing
    const otherUpload = await upload('other', id, 'applicationForm', {
      name: 'file',
      filename: 'b.pdf',
      data: pdf(),
    });
    assert.equal(otherUpload.statusCode, 404);
    assert.equal(otherUpload.json<Problem>().code, 'application-not-found');
    assert.equal((await call('other', 'GET', `${API}/${id}/files`)).statusCode, 404);
    assert.equal(
      (await call('other', 'GET', `${API}/${id}/files/${file.id}/content`)).statusCode,
      404,
    );
    assert.equal((await call('other', 'DELETE', `${API}/${id}/files/${file.id}`)).statusCode, 404);
    assert.equal((await call(undefined, 'GET', `${API}/${id}/files`)).statusCode, 404);

    // the officer reads, but does not upload or delete (403: staff are not applicants)
    const officerList = await call('window', 'GET', `${API}/${id}/files`);
    assert.equal(officerList.statusCode, 200);
    assert.deepEqual(officerList.json<ApplicationFileList>().items, [file]);
    const officerDownload = await call('window', 'GET', `${API}/${id}/files/${file.id}/content`);
    assert.equal(officerDownload.statusCode, 200);
    assert.ok(officerDownload.rawPayload.equals(bytes));
    const officerUpload = await upload('window', id, 'applicationForm', {
      name: 'file',
      filename: 'c.pdf',
      data: pdf(),
    });
    assert.equal(officerUpload.statusCode, 403);
    assert.equal(officerUpload.json<Problem>().code, 'applicants-only');
    assert.equal((await call('window', 'DELETE', `${API}/${id}/files/${file.id}`)).statusCode, 403);

    // after acceptance the materials are closed
    assert.equal((await call('window', 'POST', `${API}/${id}/accept`, {})).statusCode, 200);
    const late = await upload('citizen', id, 'applicationForm', {
      name: 'file',
      filename: 'late.pdf',
      data: pdf(),
    });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json<Problem>().code, 'materials-closed');
    const lateDelete = await call('citizen', 'DELETE', `${API}/${id}/files/${file.id}`);
    assert.equal(lateDelete.statusCode, 409);
    assert.equal(
      (await call('citizen', 'GET', `${API}/${id}/files`)).json<ApplicationFileList>().items.length,
      1,
      'still readable',
    );
    await assertDiskMatchesRows();
  });

  it('takes files only for upload materials of the bound list, one file part at a time', async () => {
    const id = await apply();
    const certificate = await upload('citizen', id, 'idCard', {
      name: 'file',
      filename: 'id.pdf',
      data: pdf(),
    });
    assert.equal(certificate.statusCode, 422);
    assert.equal(certificate.json<Problem>().code, 'material-not-uploaded');
    const unknown = await upload('citizen', id, 'noSuchMaterial', {
      name: 'file',
      filename: 'x.pdf',
      data: pdf(),
    });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<Problem>().code, 'material-not-found');

    const json = await call('citizen', 'POST', `${API}/${id}/materials/applicationForm/files`, {
      file: 'JVBERi0=',
    });
    assert.equal(json.statusCode, 415);
    assert.equal(json.json<Problem>().code, 'unsupported-media-type');
    const raw = await call('citizen', 'POST', `${API}/${id}/materials/applicationForm/files`, {
      payload: pdf(),
      contentType: 'application/pdf',
    });
    assert.equal(raw.statusCode, 415);

    const two = await upload('citizen', id, 'applicationForm', [
      { name: 'file', filename: 'a.pdf', data: pdf() },
      { name: 'file', filename: 'b.pdf', data: pdf() },
    ]);
    assert.equal(two.statusCode, 400, two.body);
    assert.equal(two.json<Problem>().code, 'one-file-only');
    const none = await upload('citizen', id, 'applicationForm', [
      { name: 'note', data: '只有字段' },
    ]);
    assert.equal(none.statusCode, 400);
    assert.equal(none.json<Problem>().code, 'file-required');
    const noBoundary = await call(
      'citizen',
      'POST',
      `${API}/${id}/materials/applicationForm/files`,
      {
        payload: Buffer.from('garbage'),
        contentType: 'multipart/form-data',
      },
    );
    assert.equal(noBoundary.statusCode, 400);
    assert.equal(noBoundary.json<Problem>().code, 'malformed-multipart');
    const cut = multipart([{ name: 'file', filename: 'a.pdf', data: pdf() }]);
    const truncated = await call(
      'citizen',
      'POST',
      `${API}/${id}/materials/applicationForm/files`,
      {
        payload: cut.payload.subarray(0, 800),
        contentType: cut.contentType,
      },
    );
    assert.equal(truncated.statusCode, 400, truncated.body);
    assert.equal(truncated.json<Problem>().code, 'malformed-multipart');

    // a field beside the file is fine
    const withField = await upload('citizen', id, 'applicationForm', [
      { name: 'note', data: '补充说明' },
      { name: 'file', filename: 'a.pdf', data: pdf() },
    ]);
    assert.equal(withField.statusCode, 201, withField.body);
    assert.deepEqual(
      (await call('citizen', 'GET', `${API}/${id}/files`)).json<ApplicationFileList>().items.length,
      1,
    );
    await assertDiskMatchesRows();
  });

  it('takes at most 20 files per material', async () => {
    const id = await apply();
    for (let i = 0; i < MAX_FILES_PER_MATERIAL - 1; i += 1) {
      const res = await upload('citizen', id, 'sitePlan', {
        name: 'file',
        filename: `p${i}.pdf`,
        data: pdf(200),
      });
      assert.equal(res.statusCode, 201);
    }
    // the last places race: exactly one more fits
    const racing = await Promise.all(
      [0, 1, 2].map(() =>
        upload('citizen', id, 'sitePlan', { name: 'file', filename: 'r.pdf', data: pdf(200) }),
      ),
    );
    assert.deepEqual(racing.map((r) => r.statusCode).sort(), [201, 409, 409]);
    assert.equal(racing.find((r) => r.statusCode === 409)!.json<Problem>().code, 'too-many-files');
    // another material still has room
    const other = await upload('citizen', id, 'applicationForm', {
      name: 'file',
      filename: 'a.pdf',
      data: pdf(200),
    });
    assert.equal(other.statusCode, 201);
    await assertDiskMatchesRows();
  });
  it('takes at most 200 files per application', async () => {
    const id = await apply();
    // 200 live files across other materials (rows only: the cap counts rows)
    await t.kernel.db.orm.execute(sql`
      INSERT INTO application_file (id, application_id, material_key, file_name, media_type,
        size_bytes, sha256, storage_key, uploaded_by)
      SELECT gen_random_uuid(), ${id}, 'm' || n, 'f.pdf', 'application/pdf', 1,
        repeat('0', 64), 'seeded/' || ${id} || '/' || n, 'test'
      FROM generate_series(1, ${MAX_FILES_PER_APPLICATION}) AS n`);
    const full = await upload('citizen', id, 'applicationForm', {
      name: 'file',
      filename: 'a.pdf',
      data: pdf(200),
    });
    assert.equal(full.statusCode, 409);
    assert.equal(full.json<Problem>().code, 'too-many-files');
    assert.match(full.json<Problem>().detail ?? '', /application takes at most 200/);
    await t.kernel.db.orm.execute(
      sql`UPDATE application_file SET deleted_at = now() WHERE storage_key LIKE 'seeded/%'`,
    );
    await assertDiskMatchesRows();
  });
});

describe('material files: helpers', () => {
  it('cleans file names', () => {
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('..\\..\\boot.ini'), 'boot.ini');
    assert.equal(cleanFileName('C:\\Users\\张三\\身份证 正面.jpg'), '身份证 正面.jpg');
    assert.equal(cleanFileName('a\u202Egnp.exe'), 'agnp.exe');
    assert.equal(cleanFileName('\u0000evil'), 'evil');
    assert.equal(cleanFileName('x/..'), 'file');
    assert.equal(cleanFileName('.'), 'file');
    assert.equal(cleanFileName(''), 'file');
    assert.equal(cleanFileName(undefined), 'file');
    assert.equal(cleanFileName('  a \t  b\u3000 c.pdf  '), 'a b c.pdf');
    assert.equal(cleanFileName('\ud800x.pdf'), '\ufffdx.pdf');
    const long = cleanFileName(`${'名'.repeat(480)}.pdf`);
    assert.equal([...long].length, 200);
    assert.ok(long.endsWith('.pdf'));
    assert.equal([...cleanFileName('a'.repeat(500))].length, 200);
    // an emoji (two UTF-16 units) is one character and is never split
    const emoji = cleanFileName(`${'😀'.repeat(300)}.png`);
    assert.equal([...emoji].length, 200);
    assert.ok(emoji.endsWith('😀.png'));
  });

  it('sniffs types from the first bytes', () => {
    assert.equal(sniffMediaType(Buffer.from('%PDF-1.4')), 'application/pdf');
    assert.equal(sniffMediaType(PNG), 'image/png');
    assert.equal(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(sniffMediaType(ZIP), 'application/zip');
    assert.equal(sniffMediaType(EXE), 'application/vnd.microsoft.portable-executable');
    assert.equal(sniffMediaType(Buffer.from('%PDF')), 'application/octet-stream');
    assert.equal(sniffMediaType(Buffer.from([0xff, 0xd8])), 'application/octet-stream');
    assert.equal(sniffMediaType(Buffer.alloc(0)), 'application/octet-stream');
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    assert.equal(
      contentDisposition('申请书(签字)\'s "v2" 100%.pdf'),
      `attachment; filename="___(__)'s _v2_ 100_.pdf"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E4%B9%A6%28%E7%AD%BE%E5%AD%97%29%27s%20%22v2%22%20100%25.pdf`,
    );
  });

  it('places files by id only', () => {
    assert.equal(
      storageKeyOf('0190f5a2-7b1c-7d2e-8f3a-123456789abc'),
      'files/applications/9a/bc/0190f5a2-7b1c-7d2e-8f3a-123456789abc',
    );
    assert.throws(() => storageKeyOf('../../etc/passwd'));
  });
});
