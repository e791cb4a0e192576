// Profile fedtls-client: the client side of a FedTLS/MATF federation. konform publishes the metadata and is the
// server (src/auth/fedtls-client-harness.ts); on the built-in path konform's reference client (src/reference/
// fedtls-client.ts) is the client under test and runs one cycle per scenario, when told (no timers).

import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import tls from 'node:tls'
import { expect } from 'chai'
import { ClientHarness } from '../../src/auth/fedtls-client-harness.js'
import { spkiPin } from '../../src/auth/fedtls.js'
import type { FaultId } from '../../src/reference/faults.js'
import { ReferenceFedtlsClient } from '../../src/reference/fedtls-client.js'
import { makeTestPki, type TestPki } from '../../src/reference/pki.js'
import { startReferenceServer } from '../../src/reference/server.js'
import { projectRoot } from '../../src/paths.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { runBuiltIn } from '../helpers/run.js'

const IDS = ['AUTH-FEDTLS-CLI-001', 'AUTH-FEDTLS-CLI-002', 'AUTH-FEDTLS-CLI-003']
let pkiOnce: Promise<TestPki> | undefined

async function harnessed<T>(fn: (h: ClientHarness, pki: TestPki) => Promise<T>): Promise<T> {
  const pki = await (pkiOnce ??= makeTestPki())
  const h = await ClientHarness.start({ ca: pki.ca, server: pki.server, unpublished: pki.unpublishedServer, clientPin: spkiPin(pki.client.cert) })
  try {
    return await fn(h, pki)
  } finally {
    await h.close()
  }
}

describe("profile fedtls-client (konform's reference FedTLS client pointed at konform)", function () {
  this.timeout(90_000)

  it('passes clean: the registered pin is presented, the unpinned server gets no request, expired and tampered metadata are refused; no key or token in the results', async function () {
    const run = await runBuiltIn({ profile: 'fedtls-client' })
    const bad = run.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ''}`)
    expect(bad).to.deep.equal([])
    expect(run.results.map((r) => r.checkId).sort()).to.deep.equal(IDS)
    const by = (id: string) => run.results.find((r) => r.checkId === id)!
    expect(by('AUTH-FEDTLS-CLI-001').notes.at(-1)).to.match(/^client certificate SPKI pin \S{44}, as registered$/)
    expect(by('AUTH-FEDTLS-CLI-002').notes[0]).to.match(/^unpinned-server: the client fetched the metadata 1 time\(s\); konform saw the published server \(certificate unpinned\): handshake (failed|done).*no request$/)
    expect(by('AUTH-FEDTLS-CLI-003').notes.filter((n) => /refused, no connection/.test(n))).to.have.length(2)
    // The evidence is the document konform published for the scenario: CLI-003's first one has expired.
    const expired = JSON.parse(by('AUTH-FEDTLS-CLI-003').evidence[0].response!.body!) as { payload: string }
    expect((JSON.parse(Buffer.from(expired.payload, 'base64url').toString('utf8')) as { exp: number }).exp * 1000).to.be.below(Date.now())
    const text = JSON.stringify(run)
    expect(text).to.not.contain('PRIVATE KEY')
    expect(text).to.not.match(/konform-reference-client-[a-z0-9]/)
  })

  const expectations: [FaultId, string][] = [
    ['fedtls-client.presents-unpinned-cert', 'AUTH-FEDTLS-CLI-001'],
    ['fedtls-client.ignores-server-pin', 'AUTH-FEDTLS-CLI-002'],
    ['fedtls-client.skips-metadata-signature', 'AUTH-FEDTLS-CLI-003'],
    ['fedtls-client.trusts-expired-metadata', 'AUTH-FEDTLS-CLI-003'],
  ]
  for (const [fault, id] of expectations) {
    it(`${fault}: only ${id} fails, with a finding in both languages`, async function () {
      const run = await runBuiltIn({ profile: 'fedtls-client', faults: [fault] })
      expect(run.results.filter((r) => r.status === 'fail').map((r) => r.checkId)).to.deep.equal([id])
      expect(run.results.filter((r) => r.status !== 'fail').every((r) => r.status === 'pass')).to.equal(true)
      const f = run.results.find((r) => r.checkId === id)!.failures
      expect(f).to.have.length(1)
      expect(f[0].sv?.message).to.be.a('string').and.not.equal(f[0].message)
      expect(JSON.stringify(run)).to.not.contain('PRIVATE KEY')
    })
  }

  it('the token the reference client sends to an unpinned server is named as leaked, and kept out of the report', async function () {
    const run = await runBuiltIn({ profile: 'fedtls-client', faults: ['fedtls-client.ignores-server-pin'] })
    const f = run.results.find((r) => r.checkId === 'AUTH-FEDTLS-CLI-002')!.failures[0]
    expect(f.message).to.match(/with its Authorization header/)
    expect(f.actual).to.match(/certificate unpinned\): handshake done, client pin \S{44}, GET \/v2\.0\/organisations with Authorization$/)
  })

  it('against a --target the checks are skipped with the reason, never passed', async function () {
    const server = await startReferenceServer({})
    try {
      const run = await runBuiltIn({ profile: 'fedtls-client', target: server.baseUrl })
      expect(run.results.map((r) => `${r.checkId} ${r.status}`).sort()).to.deep.equal(IDS.map((id) => `${id} skip`))
      expect(run.results[0].reason).to.match(/no FedTLS client is pointed at konform/)
    } finally {
      await server.close()
    }
  })

  it('harness: a client that does nothing is seen doing nothing; one that hangs up before its handshake is recorded', async function () {
    await harnessed(async (h) => {
      const idle = await h.session('test', async () => {}).observe('as-published')
      expect(idle).to.deep.equal({ scenario: 'as-published', metadataFetches: 0, connections: [] })
      const port = Number(new URL(h.baseUri).port)
      const seen = await h.record('as-published', async () => {
        await new Promise<void>((resolve) => net.connect({ host: '127.0.0.1', port }, function (this: net.Socket) {
          this.end()
          resolve()
        }))
      })
      expect(seen.connections).to.have.length(1)
      expect(seen.connections[0]).to.include({ listener: 'pinned', handshake: false })
    })
  })

  it('harness: the client certificate pin is taken from the handshake, and the scenarios are put back afterwards', async function () {
    await harnessed(async (h, pki) => {
      const session = h.session('test', async () => {
        const s = tls.connect({ host: '127.0.0.1', port: Number(new URL(h.baseUri).port), cert: pki.otherClient.cert, key: pki.otherClient.key, rejectUnauthorized: false })
        await new Promise<void>((resolve) => s.once('secureConnect', () => resolve()))
        s.end()
      })
      const seen = await session.observe('unpinned-server')
      expect(seen.connections).to.have.length(1)
      expect(seen.connections[0]).to.include({ presented: 'unpinned', handshake: true, clientPin: spkiPin(pki.otherClient.cert) })
      // Restored: the pinned certificate again, and a reference client takes the published metadata.
      const client = new ReferenceFedtlsClient({ metadataUrl: h.operator.url, jwks: h.operator.jwks, serverEntity: 'https://konform.invalid/fedtls-test-server', cert: pki.client.cert, key: pki.client.key, other: pki.unpinnedClient })
      const out = await client.runOnce()
      expect(out).to.include({ metadata: 'taken', status: 200 })
    })
  })

  it('CLI: konform run --profile fedtls-client exits 0 clean and 1 under a fault', async function () {
    const dir = await tmpdir()
    const clean = await konform(['run', '--profile', 'fedtls-client', '--out', `${dir}/a`])
    expect(clean.code, clean.stderr).to.equal(0)
    expect(clean.stdout).to.match(/3 results: 3 passed/)
    const bad = await konform(['run', '--profile', 'fedtls-client', '--fault', 'fedtls-client.trusts-expired-metadata', '--out', `${dir}/b`])
    expect(bad.code, bad.stderr).to.equal(1)
    expect(bad.stderr).to.match(/FAIL {2}AUTH-FEDTLS-CLI-003: the client took an expired metadata document/)
  })
  it("konform auth fedtls-client-test: a client driven from outside is tested in every scenario; one with a wrong certificate fails CLI-001", async function () {
    this.timeout(120_000)
    const pki = await (pkiOnce ??= makeTestPki())
    const dir = await tmpdir()
    const drive = async (faults: FaultId[], out: string) => {
      const child = spawn(process.execPath, [path.join(projectRoot(), 'bin/run.js'), 'auth', 'fedtls-client-test', '--client-cert', pki.client.certFile, '--timeout', '60', '--jwks-out', `${out}.jwks`, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KONFORM_TOKEN: undefined } })
      let stderr = ''
      let stdout = ''
      child.stdout.on('data', (d) => (stdout += d))
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
      const url = await new Promise<string>((resolve) =>
        child.stderr.on('data', (d) => {
          stderr += d
          const m = /Metadata URL: +(\S+)/.exec(stderr)
          if (m && /waiting for the client/.test(stderr)) resolve(m[1])
        }),
      )
      const jwks = (JSON.parse(await readFile(`${out}.jwks`, 'utf8')) as { keys: [] }).keys
      const client = new ReferenceFedtlsClient({ metadataUrl: url, jwks, serverEntity: 'https://konform.invalid/fedtls-test-server', cert: pki.client.cert, key: pki.client.key, other: pki.unpinnedClient, faults })
      // The client runs its cycles on its own, as a vendor's would, until konform is done.
      let running = true
      void exited.then(() => (running = false))
      while (running) {
        await client.runOnce().catch(() => undefined)
        await new Promise((r) => setTimeout(r, 100))
      }
      return { code: await exited, stdout, stderr, results: JSON.parse(await readFile(`${out}/results.json`, 'utf8')) as { results: { checkId: string; status: string }[] } }
    }
    const clean = await drive([], `${dir}/clean`)
    expect(clean.code, clean.stderr).to.equal(0)
    expect(clean.results.results.map((r) => `${r.checkId} ${r.status}`)).to.deep.equal(IDS.map((id) => `${id} pass`))
    expect(clean.stderr).to.match(/Client entity: +https:\/\/client-under-test\.konform\.invalid, pin \S{43}=/)
    const wrong = await drive(['fedtls-client.presents-unpinned-cert'], `${dir}/wrong`)
    expect(wrong.code, wrong.stderr).to.equal(1)
    expect(wrong.results.results.map((r) => `${r.checkId} ${r.status}`)).to.deep.equal(['AUTH-FEDTLS-CLI-001 fail', 'AUTH-FEDTLS-CLI-002 pass', 'AUTH-FEDTLS-CLI-003 pass'])
  })

  it('konform auth fedtls-client-test refuses a malformed pin in one line, exit 2', async function () {
    const r = await konform(['auth', 'fedtls-client-test', '--client-pin', 'abc'])
    expect(r.code).to.equal(2)
    expect(r.stderr.trim()).to.equal('konform: error: --client-pin abc is not an SPKI pin (base64 of a 32-byte SHA-256 digest, 44 characters)')
  })
})
