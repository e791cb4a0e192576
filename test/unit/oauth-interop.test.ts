// konform's OAuth client against an independently written authorisation server: oidc-provider (a certified
// OpenID provider) on loopback with the client-credentials grant, one client per client authentication method.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import Provider from 'oidc-provider'
import type { Exchange } from '../../src/core/result.js'
import { HttpClient, type AuthConfig } from '../../src/http/client.js'
import { generateClientKey, type ClientAuthMethod, type ClientKey } from '../../src/http/client-auth.js'
import { DEFAULT_LIMITS } from '../../src/http/limits.js'
import { Redactor } from '../../src/http/redact.js'

const SECRET = 'interop-secret-0123456789abcdef0123456789'

describe('OAuth client against oidc-provider (client credentials)', function () {
  let server: http.Server
  let issuer: string
  let key: ClientKey

  before(async function () {
    key = await generateClientKey()
    let provider: Provider | undefined
    server = http.createServer((req, res) => provider!.callback()(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const client = (id: string, method: ClientAuthMethod) => ({
      client_id: id,
      ...(method === 'private_key_jwt' ? { jwks: { keys: [key.publicJwk] } } : { client_secret: SECRET }),
      token_endpoint_auth_method: method,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    })
    provider = new Provider(issuer, {
      clients: [client('c-basic', 'client_secret_basic'), client('c-post', 'client_secret_post'), client('c-jwt', 'private_key_jwt')],
      features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    })
  })
  after(async function () {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
  })

  function clientFor(auth: AuthConfig, redactor: Redactor) {
    return new HttpClient({ auth, limits: { ...DEFAULT_LIMITS, ratePerSecond: 0 }, redactor, allowWrites: false })
  }

  const cases: [ClientAuthMethod, string][] = [
    ['client_secret_basic', 'c-basic'],
    ['client_secret_post', 'c-post'],
    ['private_key_jwt', 'c-jwt'],
  ]
  for (const [method, clientId] of cases) {
    it(`gets a token with ${method}, and the exchange shows neither secret nor token`, async function () {
      const redactor = new Redactor()
      const auth: AuthConfig = { kind: 'client-credentials', tokenUrl: `${issuer}/token`, clientId, clientSecret: SECRET, clientAuth: method, clientKey: key }
      const c = clientFor(auth, redactor)
      try {
        const log: Exchange[] = []
        const token = await c.accessToken((e) => log.push(e))
        expect(token).to.be.a('string').with.length.greaterThan(10)
        expect(log).to.have.length(1)
        expect(log[0].response?.status).to.equal(200)
        const text = JSON.stringify(log)
        expect(text).to.not.contain(token)
        expect(text).to.not.contain(SECRET)
        expect(text).to.not.contain(Buffer.from(`${clientId}:${SECRET}`).toString('base64'))
        if (method === 'private_key_jwt') expect(new URLSearchParams(log[0].request.body).get('client_assertion')).to.match(/^«[^»]+»$/)
        // A second request gets a second token: each assertion is fresh (a new jti), so no replay is refused.
        const again = await c.requestToken(() => {})!
        expect(again.status).to.equal(200)
      } finally {
        await c.close()
      }
    })
    it(`is refused with invalid_client for a wrong credential under ${method}`, async function () {
      const c = clientFor({ kind: 'client-credentials', tokenUrl: `${issuer}/token`, clientId, clientSecret: SECRET, clientAuth: method, clientKey: key }, new Redactor())
      try {
        const res = await c.requestToken(() => {}, undefined, { wrongCredential: true })!
        expect(res.status).to.equal(401)
        expect((res.json as { error: string }).error).to.equal('invalid_client')
      } finally {
        await c.close()
      }
    })
  }
})
