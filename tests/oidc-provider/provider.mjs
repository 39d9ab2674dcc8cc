// The certified OpenID Provider (npm oidc-provider 9) on loopback, configured by the tests:
//   node provider.mjs <config.json>
// config.json: { port, issuer, jwksFile, clockOffsetSeconds?, clients: [oidc-provider client metadata + "roles"?],
//   accounts: { "<id>": { claims } }, resources: { "<uri>": { scope, ttlSeconds? } } }
// The signing keys live in jwksFile (made on first use), so a second process can sign with the same keys under
// another issuer, or with other keys under the same issuer. clockOffsetSeconds shifts this process's clock (tokens
// "issued an hour ago" are really expired, signed by the provider itself). Prints "ready <issuer>" once listening.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const offsetMs = (config.clockOffsetSeconds ?? 0) * 1000;
if (offsetMs !== 0) {
  const realNow = Date.now;
  Date.now = () => realNow() + offsetMs;
}

if (!existsSync(config.jwksFile)) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), use: 'sig', alg: 'RS256', kid: `k-${Date.now()}` };
  writeFileSync(config.jwksFile, JSON.stringify({ keys: [jwk] }));
}
const jwks = JSON.parse(readFileSync(config.jwksFile, 'utf8'));
const clientRoles = Object.fromEntries(config.clients.map((c) => [c.client_id, c.roles ?? []]));
const clients = config.clients.map(({ roles, ...metadata }) => metadata);

const provider = new Provider(config.issuer, {
  clients,
  jwks,
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'], roles: ['roles'] },
  scopes: ['openid', 'profile', 'email', 'roles', 'offline_access'],
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    const account = config.accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
  },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    claimsParameter: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => false,
      getResourceServerInfo(ctx, indicator) {
        const resource = config.resources[indicator];
        if (!resource) throw new Provider.errors.InvalidTarget();
        return { scope: resource.scope, audience: indicator, accessTokenTTL: resource.ttlSeconds ?? 600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  async extraTokenClaims(ctx, token) {
    if (token.kind !== 'ClientCredentials') return undefined;
    return { roles: clientRoles[token.clientId] };
  },
  ttl: { Session: 3600, Grant: 3600, Interaction: 600, IdToken: 600, AuthorizationCode: 60 },
});
provider.proxy = false;
provider.on('server_error', (ctx, err) => console.error('server_error', err));

provider.listen(config.port, '127.0.0.1', () => console.log(`ready ${config.issuer}`));
