// A test OpenID provider configured to the Finnish Trust Network profile (Traficom
// recommendation 213/2023 S), for Tupa's tests: signed request objects required,
// private_key_jwt client authentication, ID tokens and userinfo signed and then encrypted
// (RSA-OAEP-256 + A256GCM), FTN acr values, pairwise subjects and the personal identity
// code claim `urn:oid:1.2.246.21`.
//
// Usage (flags or environment variables):
//   node e2e/oidc-provider/server.js --port N --client-id X --redirect-uri URL --tupa-jwks URL
//   OIDC_PORT, OIDC_CLIENT_ID, OIDC_REDIRECT_URI, OIDC_TUPA_JWKS
// Prints `oidc-provider ready at http://127.0.0.1:N` when it listens, and exits when its
// parent process ends, so a test cannot leave it behind.
//
// The login page is its own: oidc-provider's development page cannot choose the acr and adds
// a consent click. Here a person picks a test persona and a level, or cancels.
//
// With --staff-client-id, --staff-client-secret and --staff-redirect-uri it also serves an
// ordinary confidential client, as an organisation's Entra ID or Keycloak would for staff
// single sign-on (issue 10): a client secret (client_secret_basic), plain signed ID tokens,
// no request objects. A staff member is whoever the login form names by e-mail address, with
// the groups written there (the `groups` claim, delivered with the `profile` scope the way a
// Keycloak group mapper adds it), and `email_verified` unless "unverified" is ticked.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OIDC_PORT },
    'client-id': { type: 'string', default: process.env.OIDC_CLIENT_ID },
    'redirect-uri': { type: 'string', default: process.env.OIDC_REDIRECT_URI },
    'tupa-jwks': { type: 'string', default: process.env.OIDC_TUPA_JWKS },
    'staff-client-id': { type: 'string', default: process.env.OIDC_STAFF_CLIENT_ID },
    'staff-client-secret': { type: 'string', default: process.env.OIDC_STAFF_CLIENT_SECRET },
    'staff-redirect-uri': { type: 'string', default: process.env.OIDC_STAFF_REDIRECT_URI },
  },
});
for (const name of ['port', 'client-id', 'redirect-uri', 'tupa-jwks']) {
  if (!args[name]) {
    console.error(`missing --${name}`);
    process.exit(2);
  }
}

export const LOA2 = 'http://ftn.ficora.fi/2017/loa2';
export const LOA3 = 'http://ftn.ficora.fi/2017/loa3';
const PERSON_CLAIM = 'urn:oid:1.2.246.21';

// Test personas. Identity codes are from the range reserved for tests (individual number
// 900–999). `userinfoOnly`: the identity code comes only from the userinfo endpoint, as some
// brokers do, so the relying party's userinfo path is exercised.
const PERSONAS = {
  'anna': { given_name: 'Anna', family_name: 'Asiakas', hetu: '010190-900P' },
  'ville': { given_name: 'Ville', family_name: 'Virtanen', hetu: '311285-9119', userinfoOnly: true },
};

const port = Number(args.port);
const issuer = `http://127.0.0.1:${port}`;

// The client's public keys, taken once from Tupa's JWKS: oidc-provider refuses to fetch a
// jwks_uri on a loopback address, and inline keys need no network at token time.
const tupaJwks = await (await fetch(args['tupa-jwks'])).json();

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };
const pairwiseSalt = crypto.randomBytes(16).toString('hex');

// A staff member's account id carries what the login form said about them.
const staffAccountId = (form) =>
  'staff.' + Buffer.from(JSON.stringify({
    email: form.email,
    groups: (form.groups || '').split(/[\s,]+/).filter(Boolean),
    verified: form.unverified !== 'on',
  })).toString('base64url');
const staffOf = (id) =>
  id.startsWith('staff.') ? JSON.parse(Buffer.from(id.slice(6), 'base64url').toString()) : undefined;

const staffClients = args['staff-client-id']
  ? [{
      client_id: args['staff-client-id'],
      client_secret: args['staff-client-secret'],
      redirect_uris: [args['staff-redirect-uri']],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
      subject_type: 'public',
    }]
  : [];

const configuration = {
  clients: [
    ...staffClients,
    {
      client_id: args['client-id'],
      require_signed_request_object: true,
      redirect_uris: [args['redirect-uri']],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      request_object_signing_alg: 'RS256',
      id_token_signed_response_alg: 'RS256',
      id_token_encrypted_response_alg: 'RSA-OAEP-256',
      id_token_encrypted_response_enc: 'A256GCM',
      userinfo_signed_response_alg: 'RS256',
      userinfo_encrypted_response_alg: 'RSA-OAEP-256',
      // Another encoding the profile allows, so the relying party's CBC-HMAC path is
      // exercised against a real implementation too.
      userinfo_encrypted_response_enc: 'A128CBC-HS256',
      subject_type: 'pairwise',
      jwks: tupaJwks,
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  acrValues: [LOA3, LOA2],
  subjectTypes: ['pairwise', 'public'],
  pairwiseIdentifier: async (ctx, accountId, client) =>
    crypto.createHash('sha256').update(`${client.sectorIdentifier}|${accountId}|${pairwiseSalt}`).digest('hex'),
  scopes: ['openid', 'profile', 'email'],
  claims: {
    acr: null,
    auth_time: null,
    profile: ['name', 'given_name', 'family_name', 'groups'],
    email: ['email', 'email_verified'],
    [PERSON_CLAIM]: null,
  },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    claimsParameter: { enabled: true },
    // Required of the FTN client only (its client metadata), not of the staff client.
    requestObjects: { enabled: true, requireSignedRequestObject: false },
    encryption: { enabled: true },
    userinfo: { enabled: true },
    jwtUserinfo: { enabled: true },
  },
  enabledJWA: {
    requestObjectSigningAlgValues: ['RS256'],
    clientAuthSigningAlgValues: ['RS256'],
    idTokenSigningAlgValues: ['RS256'],
    userinfoSigningAlgValues: ['RS256'],
  },
  async findAccount(ctx, id) {
    const staff = staffOf(id);
    if (staff) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: staff.email, email_verified: staff.verified, groups: staff.groups, name: staff.email };
        },
      };
    }
    const persona = PERSONAS[id];
    if (!persona) return undefined;
    return {
      accountId: id,
      async claims(use) {
        const claims = {
          sub: id,
          given_name: persona.given_name,
          family_name: persona.family_name,
          name: `${persona.given_name} ${persona.family_name}`,
        };
        if (!persona.userinfoOnly || use === 'userinfo') claims[PERSON_CLAIM] = persona.hetu;
        return claims;
      },
    };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: { AuthorizationCode: 120, IdToken: 600, AccessToken: 600, Interaction: 600, Session: 600, Grant: 600 },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!doctype html><title>Error</title><h1>${escape(out.error)}</h1><p>${escape(out.error_description || '')}</p>`;
  },
};

const provider = new Provider(issuer, configuration);
provider.on('server_error', (ctx, err) => console.error('oidc-provider server_error', err));

function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, client) {
  const personas = Object.entries(PERSONAS)
    .map(([id, p]) => `<option value="${id}">${escape(p.given_name)} ${escape(p.family_name)}</option>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identification</title></head>
<body><main><h1>Test identification provider</h1><p>Signing in to ${escape(client)}.</p>
<form method="post" action="/interaction/${uid}/login">
<label for="persona">Persona</label> <select id="persona" name="persona">${personas}</select>
<label for="acr">Level</label> <select id="acr" name="acr"><option value="${LOA3}">loa3 (high)</option><option value="${LOA2}">loa2 (substantial)</option></select>
<button type="submit">Identify</button></form>
<form method="post" action="/interaction/${uid}/login"><h2>Staff member</h2>
<label for="email">E-mail</label> <input id="email" name="email" type="email">
<label for="groups">Groups</label> <input id="groups" name="groups">
<label><input type="checkbox" name="unverified"> Address not verified</label>
<button type="submit">Sign in as staff</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>
</main></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

// Grants every scope and claim the request asked for: the broker asks no consent.
async function grantAll(details, accountId) {
  const { params } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  const claims = new Set(['sub', 'acr', 'auth_time']);
  if (params.claims) {
    const requested = JSON.parse(params.claims);
    for (const where of ['id_token', 'userinfo']) {
      for (const name of Object.keys(requested[where] || {})) claims.add(name);
    }
  }
  grant.addOIDCClaims([...claims]);
  return grant.save();
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    const match = req.url.match(/^\/interaction\/([^/?]+)(\/login|\/abort)?/);
    if (!match) return callback(req, res);
    const details = await provider.interactionDetails(req, res);
    const [, uid, action] = match;
    if (req.method === 'GET' && !action) {
      if (details.prompt.name === 'consent') {
        const grantId = await grantAll(details, details.session.accountId);
        return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return res.end(loginPage(uid, details.params.client_id));
    }
    if (req.method === 'POST' && action === '/abort') {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the person cancelled' }, { mergeWithLastSubmission: false });
    }
    if (req.method === 'POST' && action === '/login') {
      const form = await readForm(req);
      const accountId = form.email ? staffAccountId(form) : form.persona;
      if (!form.email && !PERSONAS[form.persona]) throw new Error('unknown persona');
      const grantId = await grantAll(details, accountId);
      const result = {
        login: { accountId, acr: form.acr, amr: ['test'] },
        consent: { grantId },
      };
      return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    }
    res.statusCode = 404;
    res.end();
  } catch (err) {
    console.error(err);
    res.statusCode = 500;
    res.end(String(err));
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider ready at ${issuer}`);
});

// Ends with the parent. A parent that gives us a pipe as standard input (the Rust tests)
// closes it by ending; any parent is also watched by its process id (Node's harnesses).
if (fs.fstatSync(0).isFIFO()) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
