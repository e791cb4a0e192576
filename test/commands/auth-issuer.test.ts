// konform auth issuer + konform run --issuer-key/--issuer/--audience: the AUTH-RS checks against a --target that
// trusts konform's test issuer, as a vendor would set it up; skipped with the instructions when it does not.

import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import type { JWK } from 'jose'
import { loadClientKey } from '../../src/http/client-auth.js'
import { projectRoot } from '../../src/paths.js'
import { startReferenceServer } from '../../src/reference/server.js'
import type { FaultId } from '../../src/reference/faults.js'
import { runPlan } from '../../src/run.js'
import { call } from '../helpers/http.js'
import { konform, tmpdir } from '../helpers/cli.js'

const RS = ['AUTH-RS-011', 'AUTH-RS-003', 'AUTH-RS-004', 'AUTH-RS-005']
const AUD = 'urn:konform-test:ss12000'

describe('konform auth issuer and the AUTH-RS token checks on a --target', function () {
  this.timeout(90_000)

  it('serves a JWKS a target can trust; konform run then passes AUTH-RS-003/004/005/011 and the reports hold no token or key', async function () {
    const dir = await tmpdir()
    const keyFile = path.join(dir, 'issuer.pem')
    const child = spawn(process.execPath, [path.join(projectRoot(), 'bin/run.js'), 'auth', 'issuer', '--key', keyFile], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = ''
        child.stdout.on('data', (d) => {
          text += d
          if (text.includes('Press Ctrl-C')) resolve(text)
        })
        child.on('exit', (code) => reject(new Error(`issuer exited ${code}`)))
      })
      const iss = /Issuer \(iss\):\s+(\S+)/.exec(out)![1]
      const jwksUrl = /JWKS URL:\s+(\S+)/.exec(out)![1]
      const jwks = (await call(jwksUrl)).json as { keys: JWK[] }
      expect(jwks.keys).to.have.length(1)
      expect(jwks.keys[0]).to.not.have.property('d')
      const target = await startReferenceServer({ trustedIssuers: [{ issuer: iss, audience: AUD, jwks: jwks.keys }] })
      try {
        const reports = path.join(dir, 'out')
        const r = await konform(['run', '--suite', 'auth', '--target', target.baseUrl, '--token-url', target.tokenUrl, '--client-id', target.clientId,
          '--issuer-key', keyFile, '--issuer', iss, '--audience', AUD, '--out', reports, '--lang', 'en'], { KONFORM_CLIENT_SECRET: target.clientSecret })
        expect(r.code, r.stderr + r.stdout).to.equal(0)
        for (const id of RS) expect(r.stdout).to.match(new RegExp(`${id} \\[GET /organisations\\]\\s+must\\s+PASS`))
        const d = (await loadClientKey(keyFile)).key.export({ format: 'jwk' }).d!
        for (const f of ['results.json', 'junit.xml', 'report.html']) {
          const text = await readFile(path.join(reports, f), 'utf8')
          expect(text, f).to.not.contain(d)
          expect(text, f).to.not.match(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./)
        }
      } finally {
        await target.close()
      }
    } finally {
      child.kill('SIGTERM')
    }
  })

  async function runTarget(faults: FaultId[], withIssuer: boolean, profile = 'core') {
    const { TestIssuer } = await import('../../src/auth/issuer.js')
    const issuer = await TestIssuer.create()
    const dnp = profile === 'skolverket-dnp'
    const target = await startReferenceServer({ faults, trustedIssuers: [{ issuer: 'https://iss.test', audience: AUD, jwks: issuer.jwks().keys, dnp }] })
    try {
      return await runPlan({
        target: target.baseUrl,
        profile,
        suites: ['auth'],
        auth: { kind: 'client-credentials', tokenUrl: target.tokenUrl, clientId: target.clientId, clientSecret: target.clientSecret },
        limits: { ratePerSecond: 0 },
        issuer: withIssuer ? { key: issuer.key, trust: { issuer: 'https://iss.test', audience: AUD, dnpLocation: dnp ? target.baseUrl : undefined } } : undefined,
      })
    } finally {
      await target.close()
    }
  }

  it('skips them, never passes them, with the instructions as the reason when the target does not trust konform', async function () {
    const run = await runTarget([], false)
    for (const id of RS) {
      const r = run.results.find((x) => x.checkId === id)!
      expect(r.status, id).to.equal('skip')
      expect(r.reason, id).to.contain('konform auth issuer').and.to.contain('--issuer-key')
    }
  })

  it('fails them on a target that breaks a rule, with the exchange that shows it', async function () {
    const run = await runTarget(['auth.rs-accepts-wrong-audience'], true)
    const r = run.results.find((x) => x.checkId === 'AUTH-RS-005')!
    expect(r.status).to.equal('fail')
    expect(r.failures.map((f) => f.message)).to.deep.equal(['GET /organisations was served with a token whose aud names another API'])
    expect(r.evidence.find((e) => e.id === r.failures[0].evidence[0])?.request.headers.authorization).to.match(/^Bearer «konform-test-token:wrong-aud»$|^Bearer «redacted»$/)
    expect(run.results.find((x) => x.checkId === 'AUTH-RS-003')?.status).to.equal('pass')
  })

  it('runs the DNP claim check (AUTH-RS-006) under skolverket-dnp, and fails it when organization_id is not checked', async function () {
    const clean = await runTarget([], true, 'skolverket-dnp')
    expect(clean.results.filter((x) => x.checkId.startsWith('AUTH-RS')).map((x) => `${x.checkId}:${x.status}`)).to.include('AUTH-RS-006:pass')
    const broken = await runTarget(['auth.rs-ignores-dnp-organization'], true, 'skolverket-dnp')
    expect(broken.results.find((x) => x.checkId === 'AUTH-RS-006')?.status).to.equal('fail')
  })

  it('refuses half the issuer flags, or them without --target, in one line with exit 2', async function () {
    for (const args of [['--issuer', 'https://x'], ['--issuer-key', 'k.pem', '--issuer', 'https://x', '--audience', 'a']]) {
      const r = await konform(['run', ...args, ...(args.length === 2 ? ['--target', 'http://127.0.0.1:9/v2.0'] : [])])
      expect(r.code, r.stderr).to.equal(2)
      expect(r.stderr.trim().split('\n')).to.have.length(1)
    }
  })

  it('its GNAP endpoint grants a DNP-shaped token (as nutid-auth) that a DNP-configured API accepts, and refuses malformed grants with 400', async function () {
    const { TestIssuer } = await import('../../src/auth/issuer.js')
    const { startIssuerServer } = await import('../../src/auth/issuer-server.js')
    const issuer = await TestIssuer.create()
    const srv = await startIssuerServer(issuer)
    const api = await startReferenceServer({ trustedIssuers: [{ issuer: srv.origin, audience: 'nutid', jwks: issuer.jwks().keys, dnp: true }] })
    try {
      const ask = (body: unknown) => call(`${srv.origin}/transaction`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      const good = { access_token: [{ access: [{ type: 'ss12000-api', locations: [api.baseUrl] }], flags: ['bearer'] }], client: { key: 'https://vendor.test.example' } }
      const a = await ask(good)
      expect(a.status, a.text).to.equal(200)
      expect(a.json.access_token.expires_in).to.equal(36000)
      const claims = JSON.parse(Buffer.from(a.json.access_token.value.split('.')[1], 'base64url').toString())
      expect(claims).to.include({ organization_id: 'SE2021004185', aud: 'nutid', iss: srv.origin })
      expect(claims.requested_access).to.deep.equal([{ type: 'ss12000-api', locations: [api.baseUrl] }])
      expect((await call(`${api.baseUrl}/persons?limit=1`, { headers: { authorization: `Bearer ${a.json.access_token.value}` } })).status).to.equal(200)
      // A grant for another access type is a token the API must refuse (requested_access type).
      const client = await ask({ ...good, access_token: [{ access: [{ type: 'ss12000-client', locations: [api.baseUrl] }], flags: ['bearer'] }] })
      expect((await call(`${api.baseUrl}/persons?limit=1`, { headers: { authorization: `Bearer ${client.json.access_token.value}` } })).status).to.equal(401)
      for (const bad of [{}, { ...good, client: undefined }, { access_token: [{ access: [{ type: 'x', locations: [api.baseUrl] }], flags: ['bearer'] }], client: 'c' }, { access_token: [{ access: [{ type: 'ss12000-api', locations: [api.baseUrl] }] }], client: 'c' }]) {
        const r = await ask(bad)
        expect(r.status, JSON.stringify(bad)).to.equal(400)
        expect(r.json.error.code).to.equal('invalid_request')
      }
    } finally {
      await api.close()
      await srv.close()
    }
  })
})
