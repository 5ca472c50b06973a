// Journey 5 of issue 8: 统一身份认证. The demo client (demo-portal) signs a person in with the
// authorization-code flow and PKCE. No demo relying-party app ships, so the journey runs a
// minimal one on the client's registered redirect URI (127.0.0.1:8787): it sends the browser to
// our authorization endpoint, and on the callback exchanges the code for tokens with
// openid-client (discovery, token endpoint, ID-token checks, userinfo) and greets the person by
// the name the tokens carry. The person signs in and consents on our pages in Chromium.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import * as client from 'openid-client';
import { baseUrl, Journey, newPerson, twoCharacters } from '../journey.js';

// the demo client (README)
const CLIENT_ID = 'demo-portal';
const CLIENT_SECRET = 'demo-portal-secret';
const REDIRECT_URI = 'http://127.0.0.1:8787/callback';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const portalPage = (body: string) =>
  `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>演示门户</title>` +
  `<body style="font-family:sans-serif;margin:3rem"><h1>演示门户</h1>${body}</body></html>`;

void test('OIDC: sign in to the demo client with the authorization code flow', async (t) => {
  const journey = await Journey.start(t, 'oidc-login');
  // someone who has never allowed the client, so the consent page shows
  const person = newPerson('孙丽');
  const registered = await fetch(`${baseUrl}/api/v1/identity/register/person`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: person.name,
      idNumber: person.idNumber,
      phone: person.phone,
      password: person.password,
    }),
  });
  assert.equal(registered.status, 201, await registered.text());

  // plain http: the test server is not behind TLS
  const config = await client.discovery(
    new URL(`${baseUrl}/oidc`),
    CLIENT_ID,
    CLIENT_SECRET,
    undefined,
    { execute: [client.allowInsecureRequests] },
  );
  const portal = await startPortal(config);
  t.after(() => portal.close());

  const page = await journey.newPage();

  await journey.step(t, 'the portal sends the person to our login page', async () => {
    await page.goto(`${portal.origin}/login`);
    await page.waitForURL(/\/oidc-login\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: '登录政通统一身份认证' }).waitFor();
    await page.getByText('“演示门户 Demo portal”请求使用您的政通账号登录').waitFor();
    await page.getByText(CLIENT_ID, { exact: true }).waitFor();
    await journey.shot(page, 'login');
  });

  await journey.step(t, 'the person signs in and allows the scopes', async () => {
    await page.getByLabel('账号').fill(person.phone);
    await page.getByLabel('密码').fill(person.password);
    await page.getByRole('button', { name: '登录并继续' }).click();
    await page.getByRole('heading', { level: 1, name: '授权确认' }).waitFor();
    await page.getByText('同意后，“演示门户 Demo portal”将获得以下信息：').waitFor();
    for (const scope of ['您在政通的账号标识', '姓名、账号类型、脱敏的身份证号', '脱敏的手机号']) {
      await page.getByRole('listitem').filter({ hasText: scope }).waitFor();
    }
    await journey.shot(page, 'consent');
    await page.getByRole('button', { name: twoCharacters('同意') }).click();
  });

  await journey.step(t, 'the portal exchanges the code and greets the person', async () => {
    await page.waitForURL((url) => url.href.startsWith(REDIRECT_URI));
    await page.getByText(`已登录：${person.name}`).waitFor();
    await journey.shot(page, 'signed-in-at-portal');

    const signedIn = await portal.signedIn;
    const { claims, userinfo, callback } = signedIn;
    assert.equal(claims.iss, `${baseUrl}/oidc`);
    assert.equal(claims.aud, CLIENT_ID);
    assert.equal(claims.name, person.name);
    assert.equal(claims.account_kind, 'person');
    assert.equal(
      claims.id_number_masked,
      `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`,
    );
    assert.equal(userinfo.sub, claims.sub);
    assert.equal(userinfo.name, person.name);
    const phone = userinfo.phone_masked;
    assert.ok(typeof phone === 'string', 'userinfo has the masked phone');
    assert.ok(phone.startsWith(person.phone.slice(0, 3)) && phone.endsWith(person.phone.slice(-4)));
    assert.ok(!phone.includes(person.phone), 'the phone number is masked');

    // a code is good once: the same callback again is refused
    await assert.rejects(
      client.authorizationCodeGrant(config, callback, signedIn.checks),
      (error: unknown) => error instanceof Error && /invalid_grant/.test(JSON.stringify(error)),
    );
  });

  await journey.finish(t);
});

interface SignedIn {
  claims: client.IDToken;
  userinfo: client.UserInfoResponse;
  callback: URL;
  checks: { pkceCodeVerifier: string; expectedState: string; expectedNonce: string };
}

/**
 * The demo portal: /login starts the flow (PKCE, state, nonce), /callback finishes it. One
 * sign-in, whose outcome `signedIn` gives; listening where the client's redirect URI points.
 */
async function startPortal(config: client.Configuration) {
  const checks = {
    pkceCodeVerifier: client.randomPKCECodeVerifier(),
    expectedState: client.randomState(),
    expectedNonce: client.randomNonce(),
  };
  let settle!: { resolve: (s: SignedIn) => void; reject: (e: unknown) => void };
  const signedIn = new Promise<SignedIn>((resolve, reject) => (settle = { resolve, reject }));
  signedIn.catch(() => undefined); // awaited by the step that needs it

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', REDIRECT_URI);
    if (url.pathname === '/login') {
      const authorization = client.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT_URI,
        scope: 'openid profile phone',
        code_challenge: await client.calculatePKCECodeChallenge(checks.pkceCodeVerifier),
        code_challenge_method: 'S256',
        state: checks.expectedState,
        nonce: checks.expectedNonce,
      });
      res.writeHead(302, { location: authorization.href }).end();
      return;
    }
    if (url.pathname !== '/callback') {
      // the browser's favicon request among them: nothing to show, nothing wrong
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    try {
      const tokens = await client.authorizationCodeGrant(config, url, {
        ...checks,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      settle.resolve({ claims, userinfo, callback: url, checks });
      const text = (value: unknown) => (typeof value === 'string' ? value : '');
      const name = text(claims.name);
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          portalPage(
            `<p>已登录：${escapeHtml(name)}</p><p>身份证号：${escapeHtml(text(claims.id_number_masked))}</p>`,
          ),
        );
    } catch (error) {
      settle.reject(error);
      res
        .writeHead(500, { 'content-type': 'text/html; charset=utf-8' })
        .end(portalPage(`<p>登录失败：${escapeHtml(String(error))}</p>`));
    }
  };
  const server = http.createServer((req, res) => void handle(req, res));
  const { hostname, port } = new URL(REDIRECT_URI);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new Error(`the demo portal needs ${hostname}:${port}, the client's redirect URI`, {
          cause: error,
        }),
      ),
    );
    server.listen(Number(port), hostname, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://${address.address}:${address.port}`,
    signedIn,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
