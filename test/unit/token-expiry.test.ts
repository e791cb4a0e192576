// A long run outlives its access token (issue #6: "it refetches a token on expiry during a long run"). Two ways a
// token runs out, each driven by a clock, never by waiting: konform's own clock passes the expires_in it was given
// (it fetches a new token before using the old one: test/unit/http-client.test.ts), or the server's clock passes
// the token's exp while konform still holds it (the API answers 401; konform fetches a new token once and repeats
// the request). Both over client_secret_basic and over RFC 8705 tls_client_auth (a certificate-bound token).

import { expect } from 'chai'
import type { Exchange } from '../../src/core/result.js'
import { HttpClient, type AuthConfig, type ClientTls } from '../../src/http/client.js'
import { DEFAULT_LIMITS } from '../../src/http/limits.js'
import { Redactor } from '../../src/http/redact.js'
import { startReferenceServer } from '../../src/reference/server.js'
import { sharedPki } from '../helpers/rfc8705.js'

describe('a token that expires during a run', function () {
  this.timeout(30_000)

  for (const mode of ['client_secret_basic', 'tls_client_auth'] as const) {
    it(`${mode}: the API refuses the expired token with 401, konform fetches a new one once and the request succeeds`, async function () {
      const pki = await sharedPki()
      const mtls = mode === 'tls_client_auth'
      let serverNow = Date.now()
      const server = await startReferenceServer({
        tokenTtlSeconds: 60,
        tokenClock: () => serverNow,
        ...(mtls ? { tls: { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca } } : {}),
      })
      const tls: ClientTls | undefined = mtls ? { cert: pki.client.cert, key: pki.client.key, ca: pki.ca } : undefined
      const auth: AuthConfig = { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret, clientAuth: mode }
      const redactor = new Redactor()
      const c = new HttpClient({ auth, limits: { ...DEFAULT_LIMITS, ratePerSecond: 0 }, redactor, allowWrites: false, tls })
      try {
        const log: Exchange[] = []
        const sink = (e: Exchange) => log.push(e)
        const get = () => c.send({ method: 'GET', url: `${server.baseUrl}/organisations?limit=1` }, sink)
        expect((await get()).status).to.equal(200)
        const first = await c.accessToken(sink)
        // konform's clock stands still (its token looks good for 60 s); the server's moves past exp.
        serverNow += 120_000
        expect((await get()).status).to.equal(200)
        const second = await c.accessToken(sink)
        expect(second).to.not.equal(first)
        const seen = log.map((e) => `${e.request.method} ${new URL(e.request.url).pathname} ${e.response?.status}`)
        expect(seen).to.deep.equal([
          'POST /token 200',
          'GET /v2.0/organisations 200',
          'GET /v2.0/organisations 401',
          'POST /token 200',
          'GET /v2.0/organisations 200',
        ])
        if (mtls) expect(log[3].request.body).to.equal(`grant_type=client_credentials&client_id=${server.clientId}`)
        const text = JSON.stringify(log)
        for (const t of [first!, second!, server.clientSecret]) expect(text).to.not.contain(t)
      } finally {
        await c.close()
        await server.close()
      }
    })
  }

  it('a token that stays refused is fetched again once, not in a loop: the 401 is then the answer', async function () {
    // Each reading of the server's clock is two minutes after the last: every token is expired when it is checked.
    let serverNow = Date.now()
    const server = await startReferenceServer({ tokenTtlSeconds: 60, tokenClock: () => (serverNow += 120_000) })
    const c = new HttpClient({
      auth: { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret },
      limits: { ...DEFAULT_LIMITS, ratePerSecond: 0 },
      redactor: new Redactor(),
      allowWrites: false,
    })
    try {
      const log: Exchange[] = []
      const res = await c.send({ method: 'GET', url: `${server.baseUrl}/organisations?limit=1` }, (e) => log.push(e))
      expect(res.status).to.equal(401)
      expect(log.map((e) => `${e.request.method} ${e.response?.status}`)).to.deep.equal(['POST 200', 'GET 401', 'POST 200', 'GET 401'])
    } finally {
      await c.close()
      await server.close()
    }
  })
})
