// Profile fedtls-metadata on the reference server (konform as federation operator), and the two commands:
// konform auth fedtls-metadata (make and sign a test federation's metadata) and konform auth verify-metadata.

import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { parseGeneralJws, spkiPin, validateMetadataSchema, verifyMetadataSignature, decodeJson } from '../../src/auth/fedtls.js'
import { makeTestPki } from '../../src/reference/pki.js'
import { startReferenceServer } from '../../src/reference/server.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { runBuiltIn } from '../helpers/run.js'

describe('FedTLS/MATF metadata', function () {
  this.timeout(90_000)

  it('profile fedtls-metadata passes clean on the built-in federation: ten checks (MD-001…010), each with the metadata exchange', async function () {
    const run = await runBuiltIn({ profile: 'fedtls-metadata' })
    const bad = run.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ''}`)
    expect(bad).to.deep.equal([])
    expect(run.results.map((r) => r.checkId).sort()).to.deep.equal([...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `AUTH-FEDTLS-MD-00${n}`), 'AUTH-FEDTLS-MD-010'])
    for (const r of run.results) expect(r.evidence[0].request.url, r.name).to.match(/\/fedtls\/metadata\.jws$/)
    expect(run.results.find((r) => r.checkId === 'AUTH-FEDTLS-MD-002')!.notes).to.include('iat/exp found in the payload (RFC 9932)')
    // The built-in server serves the metadata with Cache-Control max-age=3600 and cache_ttl 3600.
    expect(run.results.find((r) => r.checkId === 'AUTH-FEDTLS-MD-009')!.notes[0]).to.match(/cache_ttl 3600; HTTP: Cache-Control: max-age=3600; effective TTL 3600 s/)
    expect(run.results.find((r) => r.checkId === 'AUTH-FEDTLS-MD-007')!.notes.join(' ')).to.match(/EC prime256v1, ecdsa-with-SHA256|EC P-256/)
  })

  it('konform auth fedtls-metadata pins a given client certificate by its SPKI SHA-256', async function () {
    const dir = await tmpdir()
    const pki = await makeTestPki()
    const r = await konform(['auth', 'fedtls-metadata', '--key', path.join(dir, 'k.pem'), '--out', path.join(dir, 'md.jws'), '--jwks-out', path.join(dir, 'j.json'),
      '--entity-id', 'https://vendor.test.example', '--client-cert', pki.client.certFile, '--org', 'Vendor AB', '--org-id', 'SE5560000001', '--tag', 'egilv1'])
    expect(r.code, r.stderr).to.equal(0)
    const payload = decodeJson(parseGeneralJws(await readFile(path.join(dir, 'md.jws'), 'utf8')).jws!.payload) as { entities: { clients: { pins: { digest: string }[]; tags: string[] }[] }[] }
    expect(payload.entities).to.have.length(1)
    expect(payload.entities[0].clients[0].pins[0].digest).to.equal(spkiPin(pki.client.cert))
    expect(payload.entities[0].clients[0].tags).to.deep.equal(['egilv1'])
  })

  it('konform auth fedtls-metadata signs a document that verifies and validates; verify-metadata passes it (exit 0)', async function () {
    const dir = await tmpdir()
    const f = (n: string) => path.join(dir, n)
    const made = await konform(['auth', 'fedtls-metadata', '--key', f('fed.pem'), '--out', f('md.jws'), '--jwks-out', f('fed.jwks'), '--iss', 'https://fed.test.example'])
    expect(made.code, made.stderr).to.equal(0)
    expect(made.stdout).to.match(/JWKS thumbprint \(RFC 7638\):\s+\S{43}/)
    const { jws } = parseGeneralJws(await readFile(f('md.jws'), 'utf8'))
    const jwks = JSON.parse(await readFile(f('fed.jwks'), 'utf8'))
    expect(jwks.keys[0]).to.not.have.property('d')
    expect(await verifyMetadataSignature(jws!, jwks.keys)).to.equal(undefined)
    expect(validateMetadataSchema(decodeJson(jws!.payload))).to.deep.equal([])
    const out = f('report')
    const v = await konform(['auth', 'verify-metadata', f('md.jws'), '--jwks', f('fed.jwks'), '--out', out, '--lang', 'en'])
    expect(v.code, v.stderr + v.stdout).to.equal(0)
    expect(v.stdout).to.match(/AUTH-FEDTLS-MD-003\s+must\s+PASS/)
    expect(JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')).profile).to.equal('fedtls-metadata')
    expect(await readFile(path.join(out, 'junit.xml'), 'utf8')).to.contain('AUTH-FEDTLS-MD-006')
  })

  it('verify-metadata fails a tampered document against the federation key (exit 1), and reads a URL too', async function () {
    const dir = await tmpdir()
    const server = await startReferenceServer({ faults: ['fedtls.md-tampered-payload'] })
    try {
      await writeFile(path.join(dir, 'jwks.json'), JSON.stringify(server.federationJwks))
      const r = await konform(['auth', 'verify-metadata', `${server.origin}/fedtls/metadata.jws`, '--jwks', path.join(dir, 'jwks.json'), '--out', path.join(dir, 'o'), '--lang', 'en'])
      expect(r.code, r.stderr + r.stdout).to.equal(1)
      expect(r.stdout).to.match(/AUTH-FEDTLS-MD-003\s+must\s+FAIL/)
      expect(r.stdout).to.match(/AUTH-FEDTLS-MD-005\s+must\s+PASS/)
    } finally {
      await server.close()
    }
  })

  it('verify-metadata refuses a missing file or a JWKS without keys in one line, exit 2', async function () {
    const dir = await tmpdir()
    await writeFile(path.join(dir, 'empty.json'), '{"keys": []}')
    for (const args of [[path.join(dir, 'nope.jws'), '--jwks', path.join(dir, 'empty.json')], [path.join(dir, 'empty.json'), '--jwks', path.join(dir, 'empty.json')]]) {
      const r = await konform(['auth', 'verify-metadata', ...args])
      expect(r.code, r.stderr).to.equal(2)
      expect(r.stderr.trim().split('\n')).to.have.length(1)
    }
  })
})
