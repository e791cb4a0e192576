// Profile fedtls: the server side of a FedTLS/MATF federation. The built-in server consumes a test federation
// konform operates (fedtls-operator.ts); its listener serves only client certificates pinned for a client entity.
// Metadata refreshes happen when told (refreshFederation), never on a timer.

import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { benchFederation, FederationOperator, KONFORM_CLIENT_ENTITY } from '../../src/auth/fedtls-operator.js'
import { spkiPin } from '../../src/auth/fedtls.js'
import { probeTls } from '../../src/http/tls-probe.js'
import { Redactor } from '../../src/http/redact.js'
import { FederationTrust } from '../../src/reference/fedtls-consumer.js'
import type { FaultId } from '../../src/reference/faults.js'
import { makeTestPki, type TestPki } from '../../src/reference/pki.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { projectRoot } from '../../src/paths.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { runBuiltIn } from '../helpers/run.js'

let pkiOnce: Promise<TestPki> | undefined

/** A server consuming a federation that pins `clients` (default: the PKI's client) at its own base URL. */
async function federated<T>(o: { faults?: FaultId[]; clients?: (pki: TestPki) => string[] }, fn: (x: { server: ReferenceServer; op: FederationOperator; pki: TestPki; md: (clients: string[]) => ReturnType<typeof benchFederation> }) => Promise<T>): Promise<T> {
  const pki = await (pkiOnce ??= makeTestPki())
  const op = await FederationOperator.start()
  let base = 'https://127.0.0.1/v2.0'
  const md = (clients: string[]) => {
    const m = benchFederation({ ca: pki.ca, serverCert: pki.server.cert, clientCert: clients[0], baseUri: base })
    m.entities[1].clients![0].pins = clients.map((c) => ({ alg: 'sha256', digest: spkiPin(c) }))
    return m
  }
  const clients = o.clients?.(pki) ?? [pki.client.cert]
  await op.publish(md(clients))
  const server = await startReferenceServer({ faults: o.faults, tls: { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca, unpublished: pki.unpublishedServer }, federation: { metadata: op.url, jwks: op.jwks } })
  try {
    base = server.baseUrl
    await op.publish(md(clients))
    expect(await server.refreshFederation()).to.equal(undefined)
    return await fn({ server, op, pki, md })
  } finally {
    await server.close()
    await op.close()
  }
}

const get = (s: ReferenceServer, pki: TestPki, who: { cert: string; key: string }, token: string) =>
  probeTls({ url: `${s.baseUrl}/persons?limit=1`, ca: pki.ca, cert: who.cert, key: who.key, headers: { authorization: `Bearer ${token}` }, timeoutMs: 5000 }, 'x', new Redactor())

describe('profile fedtls on the reference server (a FedTLS server consuming konform\'s test federation)', function () {
  this.timeout(90_000)

  it('passes clean: the server pin matches; no/unknown/unpinned certificates, a spoofed entity header, TLS 1.1, a removed pin, tampered and expired metadata are refused; no key in the results', async function () {
    const run = await runBuiltIn({ profile: 'fedtls' })
    expect(run.target.url).to.match(/^https:/)
    const bad = run.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ''}`)
    expect(bad).to.deep.equal([])
    expect(run.results.map((r) => r.checkId).sort()).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `AUTH-FEDTLS-SRV-00${n}`))
    expect(run.results.find((r) => r.checkId === 'AUTH-FEDTLS-SRV-001')!.notes[0]).to.match(/^server certificate SPKI pin \S{44}, published for https:\/\/server-under-test/)
    // Refused by the pin rule at the HTTP layer: the unpinned certificate is from the listed CA, so TLS lets it in.
    expect(run.results.find((r) => r.checkId === 'AUTH-FEDTLS-SRV-004')!.notes[0]).to.match(/refused \(HTTP 403\)$/)
    // The federation changes ran one at a time, each put back: every note ends with the restore, taken.
    for (const id of ['AUTH-FEDTLS-SRV-006', 'AUTH-FEDTLS-SRV-007', 'AUTH-FEDTLS-SRV-008']) {
      expect(run.results.find((r) => r.checkId === id)!.notes.at(-1), id).to.equal('published the federation as it was; the server was told to load it now: taken')
    }
    expect(run.results.find((r) => r.checkId === 'AUTH-FEDTLS-SRV-007')!.notes[0]).to.match(/not taken \(the signature does not verify/)
    expect(JSON.stringify(run)).to.not.contain('PRIVATE KEY')
  })

  it('serves a client only once metadata pinning it is loaded (refresh told, no timer), and keeps the old state when new metadata does not verify', async function () {
    await federated({}, async ({ server, op, pki, md }) => {
      const token = await server.issueToken()
      expect((await get(server, pki, pki.client, token)).status).to.equal(200)
      expect((await get(server, pki, pki.unpinnedClient, token)).status).to.equal(403)
      // Published, not yet loaded: still refused.
      await op.publish(md([pki.client.cert, pki.unpinnedClient.cert]))
      expect((await get(server, pki, pki.unpinnedClient, token)).status).to.equal(403)
      expect(await server.refreshFederation()).to.equal(undefined)
      expect((await get(server, pki, pki.unpinnedClient, token)).status).to.equal(200)
      // A document whose payload was changed after signing: not taken, the state before it stays.
      await op.publish(md([pki.client.cert]))
      const jws = JSON.parse(op.published)
      jws.payload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(jws.payload, 'base64url').toString()), entities: [] })).toString('base64url')
      op.publishRaw(JSON.stringify(jws))
      expect(await server.refreshFederation()).to.match(/signature does not verify/)
      expect((await get(server, pki, pki.unpinnedClient, token)).status).to.equal(200)
      expect((await get(server, pki, pki.client, token)).status).to.equal(200)
    })
  })

  it('does not take metadata that has expired, and trusts no client once the loaded metadata expires', async function () {
    const pki = await (pkiOnce ??= makeTestPki())
    const op = await FederationOperator.start()
    try {
      await op.publish(benchFederation({ ca: pki.ca, serverCert: pki.server.cert, clientCert: pki.client.cert, baseUri: 'https://127.0.0.1/v2.0' }), { validSeconds: 86400 })
      const trust = await FederationTrust.load({ metadata: op.url, jwks: op.jwks })
      const pin = spkiPin(pki.client.cert)
      expect(trust.clientEntity(pin)).to.equal(KONFORM_CLIENT_ENTITY)
      expect(trust.clientEntity(pin, Date.now() + 2 * 86400_000)).to.equal(undefined)
      await op.publish(benchFederation({ ca: pki.ca, serverCert: pki.server.cert, clientCert: pki.unpinnedClient.cert, baseUri: 'https://127.0.0.1/v2.0' }), { now: Date.now() - 10 * 86400_000 })
      expect(await trust.refresh()).to.match(/^the metadata expired /)
      expect(trust.clientEntity(pin)).to.equal(KONFORM_CLIENT_ENTITY)
    } finally {
      await op.close()
    }
  })

  it('konform run --profile fedtls against a --target with --fedtls-metadata FILE: exit 0 clean, 1 when it serves an unpinned client; without --unpinned-cert those checks are skipped with the reason', async function () {
    for (const [faults, code] of [[[], 0], [['fedtls.accepts-unpinned-client'], 1]] as const) {
      await federated({ faults: [...faults] }, async ({ server, op, pki }) => {
        const dir = await tmpdir()
        const f = (n: string) => path.join(dir, n)
        await writeFile(f('md.jws'), op.published)
        await writeFile(f('fed.jwks'), JSON.stringify({ keys: op.jwks }))
        const args = ['run', '--profile', 'fedtls', '--target', server.baseUrl, '--token-url', server.tokenUrl, '--client-id', server.clientId,
          '--client-cert', pki.client.certFile, '--client-key', pki.client.keyFile, '--ca', pki.caFile, '--fedtls-metadata', f('md.jws'), '--fedtls-jwks', f('fed.jwks'), '--lang', 'en']
        const r = await konform([...args, '--unpinned-cert', pki.unpinnedClient.certFile, '--unpinned-key', pki.unpinnedClient.keyFile, '--out', f('o')], { KONFORM_CLIENT_SECRET: server.clientSecret })
        expect(r.code, r.stderr + r.stdout).to.equal(code)
        const results = JSON.parse(await readFile(f('o/results.json'), 'utf8'))
        expect(results.results.map((x: { checkId: string }) => x.checkId)).to.include.members(['AUTH-FEDTLS-SRV-001', 'AUTH-FEDTLS-SRV-004', 'AUTH-FEDTLS-SRV-005'])
        // Against a --target konform does not operate the federation: the change checks say so, never pass.
        for (const x of results.results.filter((y: { checkId: string }) => /SRV-00[678]/.test(y.checkId))) expect(x.status).to.equal('skip')
        for (const key of [pki.client.key, pki.unpinnedClient.key]) {
          for (const file of ['results.json', 'junit.xml', 'report.html']) expect(await readFile(f(`o/${file}`), 'utf8'), file).to.not.contain(key.split('\n')[1])
        }
        if (faults.length) return
        const s = await konform([...args, '--out', f('s')], { KONFORM_CLIENT_SECRET: server.clientSecret })
        expect(s.code, s.stderr + s.stdout).to.equal(0)
        const skipped = JSON.parse(await readFile(f('s/results.json'), 'utf8')).results.filter((x: { status: string }) => x.status === 'skip')
        expect(skipped.map((x: { checkId: string }) => x.checkId).sort()).to.deep.equal([4, 5, 6, 7, 8].map((n) => `AUTH-FEDTLS-SRV-00${n}`))
        for (const x of skipped) expect(x.reason, x.checkId).to.match(/AUTH-FEDTLS-SRV-00[45]/.test(x.checkId) ? /--unpinned-cert and --unpinned-key/ : /konform does not operate the federation this target consumes/)
      })
    }
  })

  it('konform serve --mtls --fedtls-metadata URL --fedtls-jwks FILE consumes the federation: a client not pinned there is refused 403; SIGHUP loads it again', async function () {
    const pki = await (pkiOnce ??= makeTestPki())
    const op = await FederationOperator.start()
    const dir = await tmpdir()
    // Pins alone (no issuers listed): serve's own test client is from another CA and pinned nowhere.
    const md = benchFederation({ ca: pki.ca, serverCert: pki.server.cert, clientCert: pki.client.cert, baseUri: 'https://127.0.0.1/v2.0' })
    for (const e of md.entities) e.issuers = []
    await op.publish(md)
    await writeFile(path.join(dir, 'fed.jwks'), JSON.stringify({ keys: op.jwks }))
    const child = spawn(process.execPath, [path.join(projectRoot(), 'bin/run.js'), 'serve', '--mtls', '--fedtls-metadata', op.url, '--fedtls-jwks', path.join(dir, 'fed.jwks')], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      let out = ''
      let err = ''
      child.stderr.on('data', (d) => (err += d))
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`serve printed no federation line: ${out} ${err}`)), 30_000)
        child.stdout.on('data', (d) => {
          out += d
          if (/Client cert:.*\n/.test(out) && /API base URL/.test(out)) {
            clearTimeout(t)
            resolve()
          }
        })
        child.on('close', () => reject(new Error(`serve ended: ${out} ${err}`)))
      })
      expect(out).to.match(new RegExp(`Federation:\\s+${op.url.replace(/[.]/g, '\\.')} \\(kill -HUP \\d+`))
      const base = /API base URL:\s+(\S+)/.exec(out)![1]
      const ca = await readFile(/Server CA:\s+(\S+)/.exec(out)![1], 'utf8')
      const m = /Client cert:\s+(\S+) \(key (\S+)\)/.exec(out)!
      const client = { cert: await readFile(m[1], 'utf8'), key: await readFile(m[2], 'utf8') }
      const r = await probeTls({ url: `${base}/persons?limit=1`, ca, ...client, timeoutMs: 5000 }, 'x', new Redactor())
      expect(r.status).to.equal(403)
      expect(r.exchange.response?.body).to.contain('not pinned')
      child.kill('SIGHUP')
      await new Promise<void>((resolve) => {
        const check = () => (/federation metadata loaded again/.test(err) ? resolve() : child.stderr.once('data', check))
        check()
      })
    } finally {
      await new Promise((resolve) => {
        child.once('close', resolve)
        child.kill('SIGTERM')
      })
      await op.close()
    }
    const bad = await konform(['serve', '--fedtls-metadata', op.url])
    expect(bad.code, bad.stderr).to.equal(2)
    expect(bad.stderr.trim().split('\n')).to.have.length(1)
  })

  it('refuses FedTLS flags without --target, or metadata without its JWKS, in one line with exit 2', async function () {
    for (const args of [['--profile', 'fedtls', '--fedtls-metadata', 'x.jws', '--fedtls-jwks', 'x.json'], ['--profile', 'fedtls', '--target', 'https://127.0.0.1:1/v2.0', '--fedtls-metadata', 'x.jws']]) {
      const r = await konform(['run', ...args])
      expect(r.code, r.stderr).to.equal(2)
      expect(r.stderr.trim().split('\n')).to.have.length(1)
    }
  })
})
