// RFC 8705 (issue #6, auth3): profile mtls-token on the built-in server (tls_client_auth and
// self_signed_tls_client_auth), the same checks against an https --target through the CLI as a vendor would run
// them, the skips with their instructions, and AUTH-RS-010 (another huvudman's DNP token) on a --target.

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { TestIssuer } from '../../src/auth/issuer.js'
import type { RunResult } from '../../src/core/result.js'
import { OTHER_TENANT_PATH } from '../../src/reference/jwt-rules.js'
import { startReferenceServer } from '../../src/reference/server.js'
import type { FaultId } from '../../src/reference/faults.js'
import { runPlan } from '../../src/run.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { runBuiltIn } from '../helpers/run.js'
import { sharedPki } from '../helpers/rfc8705.js'

const MTLS_TOKEN_CHECKS = ['AUTH-RS-009', 'AUTH-TOKEN-001', 'AUTH-TOKEN-004', 'AUTH-TOKEN-006']
const notPassed = (run: RunResult) => run.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ''}`)
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./

describe('profile mtls-token (RFC 8705) on the reference server', function () {
  this.timeout(120_000)

  for (const clientAuth of ['tls_client_auth', 'self_signed_tls_client_auth'] as const) {
    it(`passes clean with --client-auth ${clientAuth}: the token endpoint authenticates konform by its certificate and binds the token`, async function () {
      const run = await runBuiltIn({ profile: 'mtls-token', clientAuth })
      expect(run.target.url).to.match(/^https:/)
      expect(notPassed(run)).to.deep.equal([])
      expect(run.results.map((r) => r.checkId).sort()).to.deep.equal(MTLS_TOKEN_CHECKS)
      const bound = run.results.find((r) => r.checkId === 'AUTH-TOKEN-006')!
      expect(bound.notes.join(' ')).to.match(/bound to konform's certificate \(x5t#S256 [A-Za-z0-9_-]{43}\)/)
      // The token request carries only client_id: the certificate is the credential.
      const tokenRequest = bound.evidence.find((e) => e.request.url.endsWith('/token'))!
      expect(tokenRequest.request.body).to.match(/^grant_type=client_credentials&client_id=/)
      expect(tokenRequest.request.headers).to.not.have.property('authorization')
      const text = JSON.stringify(run)
      expect(text).to.not.contain('PRIVATE KEY')
      expect(text).to.not.match(JWT)
    })
  }

  it('AUTH-TOKEN-004 records how each attempt without a valid certificate was refused', async function () {
    const run = await runBuiltIn({ profile: 'mtls-token', checkIds: ['AUTH-TOKEN-004'] })
    const notes = run.results[0].notes.join('\n')
    expect(notes).to.match(/without a client certificate: refused at the TLS layer/)
    expect(notes).to.match(/self-signed certificate of an issuer nobody trusts: refused at the TLS layer/)
  })

  it('--client-auth tls_client_auth on a profile without mutual TLS is a usage error (exit 2, one line)', async function () {
    const r = await konform(['run', '--suite', 'auth', '--client-auth', 'tls_client_auth', '--out', await tmpdir()])
    expect(r.code).to.equal(2)
    expect(r.stderr.trim()).to.equal('konform: error: --client-auth tls_client_auth needs mutual TLS: use --profile mtls-token (or mtls) on the built-in server')
  })
})

describe('profile mtls-token against an https --target', function () {
  this.timeout(120_000)

  async function cli(faults: FaultId[], extra: string[]) {
    const pki = await sharedPki()
    const target = await startReferenceServer({ faults, tls: { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca } })
    try {
      const out = await tmpdir()
      const r = await konform(['run', '--profile', 'mtls-token', '--target', target.baseUrl, '--token-url', target.tokenUrl, '--client-id', target.clientId,
        '--client-auth', 'tls_client_auth', '--client-cert', pki.client.certFile, '--client-key', pki.client.keyFile, '--ca', pki.caFile, '--out', out, '--lang', 'en', ...extra])
      return { r, out, pki, run: r.code === 0 || r.code === 1 ? (JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as RunResult) : undefined }
    } finally {
      await target.close()
    }
  }

  it('exit 0 clean with --other-client-cert, exit 1 when the API ignores the binding; no key or token in any report', async function () {
    for (const [faults, code] of [[[], 0], [['auth.rs-ignores-certificate-binding'], 1]] as const) {
      const pki = await sharedPki()
      const { r, out, run } = await cli([...faults], ['--other-client-cert', pki.otherClient.certFile, '--other-client-key', pki.otherClient.keyFile])
      expect(r.code, r.stderr + r.stdout).to.equal(code)
      expect(run!.results.map((x) => x.checkId).sort()).to.deep.equal(MTLS_TOKEN_CHECKS)
      if (code === 1) expect(run!.results.filter((x) => x.status === 'fail').map((x) => x.checkId)).to.deep.equal(['AUTH-RS-009'])
      for (const f of ['results.json', 'junit.xml', 'report.html']) {
        const text = await readFile(path.join(out, f), 'utf8')
        for (const key of [pki.client.key, pki.otherClient.key]) expect(text, f).to.not.contain(key.split('\n')[1])
        expect(text, f).to.not.match(JWT)
      }
    }
  })

  it('without --other-client-cert AUTH-RS-009 is skipped with the instruction, never passed', async function () {
    const { r, run } = await cli([], [])
    expect(r.code, r.stderr).to.equal(0)
    const rs9 = run!.results.find((x) => x.checkId === 'AUTH-RS-009')!
    expect(rs9.status).to.equal('skip')
    expect(rs9.reason).to.contain('--other-client-cert and --other-client-key')
  })

  it('refuses half-given or misplaced options with one line and exit 2', async function () {
    const pki = await sharedPki()
    const cases: [string[], string][] = [
      [['--target', 'https://127.0.0.1:9/v2.0', '--token-url', 'https://127.0.0.1:9/token', '--client-id', 'c', '--client-auth', 'tls_client_auth'], '--client-auth tls_client_auth needs --client-cert and --client-key'],
      [['--target', 'https://127.0.0.1:9/v2.0', '--other-client-cert', pki.otherClient.certFile], 'give --other-client-cert and --other-client-key together'],
      [['--other-location', 'https://x.example/v2.0'], 'are for a --target'],
    ]
    for (const [args, message] of cases) {
      const r = await konform(['run', '--profile', 'mtls-token', '--out', await tmpdir(), ...args])
      expect(r.code, r.stderr).to.equal(2)
      expect(r.stderr.trim().split('\n')).to.have.length(1)
      expect(r.stderr).to.contain(message)
    }
  })

  it('skips the RFC 8705 checks on a plain-HTTP target or with a secret-based client, with the reason', async function () {
    const target = await startReferenceServer()
    try {
      const run = await runPlan({
        target: target.baseUrl,
        profile: 'mtls-token',
        suites: ['auth'],
        auth: { kind: 'client-credentials', tokenUrl: target.tokenUrl, clientId: target.clientId, clientSecret: target.clientSecret },
        limits: { ratePerSecond: 0 },
      })
      for (const id of ['AUTH-TOKEN-004', 'AUTH-TOKEN-006', 'AUTH-RS-009']) {
        const r = run.results.find((x) => x.checkId === id)!
        expect(r.status, id).to.equal('skip')
        expect(r.reason, id).to.contain('konform presents no client certificate')
      }
    } finally {
      await target.close()
    }
  })
})

describe('AUTH-RS-010: a DNP token for another huvudman of the same system', function () {
  this.timeout(60_000)
  const AUD = 'nutid'

  async function runTarget(faults: FaultId[], otherLocation?: (origin: string) => string) {
    const issuer = await TestIssuer.create()
    const target = await startReferenceServer({ faults, trustedIssuers: [{ issuer: 'https://iss.test', audience: AUD, jwks: issuer.jwks().keys, dnp: true }] })
    try {
      return await runPlan({
        target: target.baseUrl,
        profile: 'skolverket-dnp',
        suites: ['auth'],
        checkIds: ['AUTH-RS-011', 'AUTH-RS-010'],
        auth: { kind: 'client-credentials', tokenUrl: target.tokenUrl, clientId: target.clientId, clientSecret: target.clientSecret },
        limits: { ratePerSecond: 0 },
        issuer: { key: issuer.key, trust: { issuer: 'https://iss.test', audience: AUD, dnpLocation: target.baseUrl } },
        otherLocation: otherLocation?.(target.origin),
      })
    } finally {
      await target.close()
    }
  }

  it('passes on a --target with --other-location (403), fails under auth.rs-other-huvudman-401', async function () {
    const clean = await runTarget([], (o) => o + OTHER_TENANT_PATH)
    expect(notPassed(clean)).to.deep.equal([])
    const rs10 = clean.results.find((r) => r.checkId === 'AUTH-RS-010')!
    expect(rs10.notes.join(' ')).to.contain('was refused with 403')
    const faulty = await runTarget(['auth.rs-other-huvudman-401'], (o) => o + OTHER_TENANT_PATH)
    const failed = faulty.results.find((r) => r.checkId === 'AUTH-RS-010')!
    expect(failed.status).to.equal('fail')
    expect(failed.failures[0].actual).to.match(/^HTTP 401/)
  })

  it('is skipped with the instruction without --other-location, never passed', async function () {
    const run = await runTarget([])
    const r = run.results.find((x) => x.checkId === 'AUTH-RS-010')!
    expect(r.status).to.equal('skip')
    expect(r.reason).to.contain('--other-location')
  })
})
