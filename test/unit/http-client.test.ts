import { expect } from 'chai'
import { MockAgent } from 'undici'
import type { Exchange } from '../../src/core/result.js'
import { HttpClient, type AuthConfig } from '../../src/http/client.js'
import { DEFAULT_LIMITS } from '../../src/http/limits.js'
import { Redactor } from '../../src/http/redact.js'
import { startReferenceServer } from '../../src/reference/server.js'

function client(auth: AuthConfig, dispatcher?: MockAgent, redactor = new Redactor(), now?: () => Date) {
  return new HttpClient({ auth, limits: { ...DEFAULT_LIMITS, ratePerSecond: 0 }, redactor, allowWrites: false, dispatcher, now })
}

describe('HttpClient', function () {
  it('fetches a new client-credentials token when the old one expires during a run', async function () {
    // The client's clock is moved past the token's lifetime (no sleeping: a timed test is flaky on a loaded machine).
    const server = await startReferenceServer({ tokenTtlSeconds: 600 })
    let now = Date.now()
    const c = client({ kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret }, undefined, new Redactor(), () => new Date(now))
    try {
      const log: Exchange[] = []
      const sink = (e: Exchange) => log.push(e)
      const tokens = () => log.filter((e) => e.request.url.endsWith('/token')).length
      expect((await c.send({ method: 'GET', url: `${server.baseUrl}/organisations?limit=1` }, sink)).status).to.equal(200)
      now += 500_000 // within the lifetime: the same token
      expect((await c.send({ method: 'GET', url: `${server.baseUrl}/organisations?limit=1` }, sink)).status).to.equal(200)
      expect(tokens()).to.equal(1)
      now += 100_000 // 600 s after it was issued: expired
      expect((await c.send({ method: 'GET', url: `${server.baseUrl}/organisations?limit=1` }, sink)).status).to.equal(200)
      expect(tokens()).to.equal(2)
      expect(JSON.stringify(log)).to.not.contain(server.clientSecret)
    } finally {
      await c.close()
      await server.close()
    }
  })

  it('honours Retry-After on 429 and records both attempts', async function () {
    const agent = new MockAgent()
    agent.disableNetConnect()
    const pool = agent.get('http://127.0.0.1:1')
    pool.intercept({ path: '/x' }).reply(429, '', { headers: { 'retry-after': '0' } })
    pool.intercept({ path: '/x' }).reply(200, '{"ok":true}', { headers: { 'content-type': 'application/json' } })
    const log: Exchange[] = []
    const res = await client({ kind: 'none' }, agent).send({ method: 'GET', url: 'http://127.0.0.1:1/x' }, (e) => log.push(e))
    expect(res.status).to.equal(200)
    expect(res.json).to.deep.equal({ ok: true })
    expect(log.map((e) => e.response?.status)).to.deep.equal([429, 200])
  })

  it('never follows a redirect, so the token never reaches another origin', async function () {
    const agent = new MockAgent()
    agent.disableNetConnect()
    agent.get('http://127.0.0.1:1').intercept({ path: '/x' }).reply(302, '', { headers: { location: 'http://127.0.0.2:1/steal' } })
    const log: Exchange[] = []
    const res = await client({ kind: 'bearer', token: 'secret-token-value' }, agent).send({ method: 'GET', url: 'http://127.0.0.1:1/x' }, (e) => log.push(e))
    expect(res.status).to.equal(302)
    expect(log).to.have.length(1)
    expect(log[0].request.headers.authorization).to.equal('Bearer «KONFORM_TOKEN»')
  })

  it('records exchanges redacted: tokens, secrets and personal data never reach the evidence', async function () {
    const agent = new MockAgent()
    agent.disableNetConnect()
    agent
      .get('http://127.0.0.1:1')
      .intercept({ path: '/v2.0/persons?civicNo=201001012386' })
      .reply(200, JSON.stringify({ data: [{ givenName: 'Greta', civicNo: { value: '201001012386' }, note: 'secret-token-value' }] }), {
        headers: { 'content-type': 'application/json', 'set-cookie': 'sid=abc' },
      })
    const log: Exchange[] = []
    await client({ kind: 'bearer', token: 'secret-token-value' }, agent).send(
      { method: 'GET', url: 'http://127.0.0.1:1/v2.0/persons?civicNo=201001012386' },
      (e) => log.push(e),
    )
    const text = JSON.stringify(log)
    for (const raw of ['secret-token-value', '201001012386', 'Greta', 'sid=abc']) expect(text, raw).to.not.contain(raw)
  })
})
