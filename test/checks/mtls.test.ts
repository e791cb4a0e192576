// Profile mtls on the built-in server: it listens with mutual TLS (test PKI made by openssl) and konform presents
// the client certificate; the refusal checks pass clean and record the refusal they saw.

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { makeTestPki } from '../../src/reference/pki.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { startReferenceServer } from '../../src/reference/server.js'
import { runPlan } from '../../src/run.js'
import { runBuiltIn } from '../helpers/run.js'

describe('profile mtls on the reference server', function () {
  it('passes clean: no certificate, an unknown issuer and TLS 1.1 are each refused, and the evidence says how', async function () {
    const run = await runBuiltIn({ profile: 'mtls' })
    expect(run.target.url).to.match(/^https:/)
    const bad = run.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ''}`)
    expect(bad).to.deep.equal([])
    expect(run.results.map((r) => r.checkId).sort()).to.deep.equal(['AUTH-FEDTLS-SRV-002', 'AUTH-FEDTLS-SRV-003', 'AUTH-FEDTLS-SRV-009'])
    for (const r of run.results) {
      const probe = r.evidence.find((e) => e.request.url.startsWith('https:') && !e.request.url.endsWith('/token'))!
      // Refused in the handshake (an alert) or by 401/403: either is a refusal, a 2xx never is.
      expect(probe.error ?? String(probe.response?.status), r.name).to.match(/TLS alert|ECONNRESET|EPROTO|^40[13]$/)
      expect(JSON.stringify(r)).to.not.contain('PRIVATE KEY')
    }
  })
  it('skips the checks with the reason on a plain-HTTP target, never passes them', async function () {
    const target = await startReferenceServer()
    try {
      const run = await runPlan({ target: target.baseUrl, profile: 'mtls', suites: ['auth'], limits: { ratePerSecond: 0 } })
      expect(run.results).to.have.length(3)
      for (const r of run.results) {
        expect(r.status, r.name).to.equal('skip')
        expect(r.reason).to.equal('not applicable: the target is not https')
      }
    } finally {
      await target.close()
    }
  })

  it('konform run --profile mtls against an https --target with --client-cert/--client-key/--ca: exit 0 clean, 1 under a fault; no key in the reports', async function () {
    this.timeout(90_000)
    const pki = await makeTestPki()
    for (const [faults, code] of [[[], 0], [['tls.accepts-unknown-issuer'], 1]] as const) {
      const target = await startReferenceServer({ faults: [...faults], tls: { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca } })
      try {
        const out = await tmpdir()
        const r = await konform(['run', '--profile', 'mtls', '--target', target.baseUrl, '--token-url', target.tokenUrl, '--client-id', target.clientId,
          '--client-cert', pki.client.certFile, '--client-key', pki.client.keyFile, '--ca', pki.caFile, '--out', out, '--lang', 'en'], { KONFORM_CLIENT_SECRET: target.clientSecret })
        expect(r.code, r.stderr + r.stdout).to.equal(code)
        const keyBody = pki.client.key.split('\n')[1]
        for (const f of ['results.json', 'junit.xml', 'report.html']) expect(await readFile(path.join(out, f), 'utf8'), f).to.not.contain(keyBody)
      } finally {
        await target.close()
      }
    }
  })
})
