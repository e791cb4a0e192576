// konform report keygen | sign | verify --pubkey: a detached JWS over the RFC 8785 manifest of a report folder.
// An untouched folder verifies; one changed byte in any file of it fails; so do a wrong key and a removed signature.

import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { writeReports } from '../../src/report/index.js'
import { canonicalJson } from '../../src/report/jcs.js'
import { konform, tmpdir } from '../helpers/cli.js'
import { sampleRun } from '../helpers/sample-run.js'

describe('konform report keygen, sign, verify --pubkey', function () {
  this.timeout(120_000)
  let keys = ''
  let signed = ''

  before(async () => {
    keys = await tmpdir()
    // Independent CLI processes run side by side (here and below): the test waits for the slowest, not the sum.
    const made = await Promise.all(
      [['lab', 'EdDSA'], ['other', 'EdDSA'], ['ec', 'ES256']].map(([prefix, alg]) => konform(['report', 'keygen', '--out', path.join(keys, prefix), '--alg', alg])),
    )
    for (const r of made) expect(r.code, r.stderr).to.equal(0)
    signed = await tmpdir()
    await writeReports(sampleRun(), signed, 'en')
    const r = await konform(['report', 'sign', signed, '--key', path.join(keys, 'lab.key')])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stdout.trim()).to.equal(path.join(signed, 'SIGNATURE.jws'))
  })

  const copy = async (): Promise<string> => {
    const dir = path.join(await tmpdir(), 'copy')
    await cp(signed, dir, { recursive: true })
    return dir
  }

  it('keygen writes a PEM key pair, the private key readable by its owner only, and never overwrites', async () => {
    expect(await readFile(path.join(keys, 'lab.key'), 'utf8')).to.match(/^-----BEGIN PRIVATE KEY-----\n/)
    expect(await readFile(path.join(keys, 'lab.pub'), 'utf8')).to.match(/^-----BEGIN PUBLIC KEY-----\n/)
    const { stat } = await import('node:fs/promises')
    expect((await stat(path.join(keys, 'lab.key'))).mode & 0o077).to.equal(0)
    const again = await konform(['report', 'keygen', '--out', path.join(keys, 'lab')])
    expect(again.code).to.equal(2)
    expect(again.stderr.trim().split('\n')).to.have.length(1)
    expect(again.stderr).to.match(/^konform: error: cannot write .*lab\.key: .*EEXIST/)
  })

  it('an untouched signed folder verifies, with and without --pubkey', async () => {
    const pinned = await konform(['report', 'verify', signed, '--pubkey', path.join(keys, 'lab.pub')])
    expect(pinned.code, pinned.stdout + pinned.stderr).to.equal(0)
    expect(pinned.stdout).to.match(/^OK {8}SIGNATURE\.jws: EdDSA, signed by the key given with --pubkey \(thumbprint [A-Za-z0-9_-]{43}\)$/m)
    expect(pinned.stdout).to.match(/all files match and the signature is valid\n$/)
    const loose = await konform(['report', 'verify', signed])
    expect(loose.code).to.equal(0)
    expect(loose.stdout).to.contain('(signer not checked: give --pubkey)')
  })

  it('the signature is a detached compact JWS whose header names the manifest format and the public key', async () => {
    const text = await readFile(path.join(signed, 'SIGNATURE.jws'), 'utf8')
    const m = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)\n$/.exec(text)
    expect(m, text).to.not.equal(null)
    const header = JSON.parse(Buffer.from(m![1], 'base64url').toString('utf8'))
    expect(header).to.include({ alg: 'EdDSA', cty: 'konform-report-manifest/1' })
    expect(header.jwk).to.include({ kty: 'OKP', crv: 'Ed25519' })
    expect(header.jwk).to.not.have.property('d')
  })

  it('changing one byte of ANY file of the folder (start, middle, end) fails verification with exit 1', async () => {
    const files = (await readdir(signed)).sort()
    expect(files).to.deep.equal(['SHA256SUMS', 'SIGNATURE.jws', 'junit.xml', 'report.html', 'results.json'])
    const cases: { file: string; at: number }[] = []
    for (const file of files) {
      const { length } = await readFile(path.join(signed, file))
      for (const at of [0, Math.floor(length / 2), length - 1]) cases.push({ file, at })
    }
    expect(cases).to.have.length(15)
    // 15 folders, each with one byte changed, verified side by side
    await Promise.all(
      cases.map(async ({ file, at }) => {
        const dir = await copy()
        const changed = await readFile(path.join(signed, file))
        changed[at] = changed[at] === 0x30 ? 0x31 : 0x30
        await writeFile(path.join(dir, file), changed)
        const r = await konform(['report', 'verify', dir, '--pubkey', path.join(keys, 'lab.pub')])
        expect(r.code, `${file} byte ${at}: ${r.stdout}${r.stderr}`).to.equal(1)
        expect(r.stdout, `${file} byte ${at}`).to.match(/the folder was changed after konform wrote or signed it\n$/)
        await rm(path.dirname(dir), { recursive: true, force: true })
      }),
    )
  })

  it('a SHA256SUMS that is there but unreadable is a changed folder (exit 1), not a usage error', async () => {
    const dir = await copy()
    await writeFile(path.join(dir, 'SHA256SUMS'), 'not a manifest\n')
    const r = await konform(['report', 'verify', dir])
    expect(r.code, r.stderr).to.equal(1)
    expect(r.stdout).to.match(/^DAMAGED {3}SHA256SUMS: SHA256SUMS line 1 is not "<sha256>  <file>"$/m)
    expect(r.stdout).to.match(/^INVALID {3}SIGNATURE\.jws: the manifest cannot be rebuilt/m)
  })

  it('a wrong public key fails (also of another algorithm)', async () => {
    for (const key of ['other.pub', 'ec.pub']) {
      const r = await konform(['report', 'verify', signed, '--pubkey', path.join(keys, key)])
      expect(r.code, key).to.equal(1)
      expect(r.stdout).to.match(/^INVALID {3}SIGNATURE\.jws: /m)
    }
  })

  it('a removed signature fails when --pubkey is given; without it the folder is reported unsigned', async () => {
    const dir = await copy()
    await rm(path.join(dir, 'SIGNATURE.jws'))
    const pinned = await konform(['report', 'verify', dir, '--pubkey', path.join(keys, 'lab.pub')])
    expect(pinned.code).to.equal(1)
    expect(pinned.stdout).to.contain('MISSING   SIGNATURE.jws: --pubkey was given but the folder is not signed')
    const loose = await konform(['report', 'verify', dir])
    expect(loose.code).to.equal(0)
    expect(loose.stdout).to.contain('unsigned  (no SIGNATURE.jws)')
  })

  it('signs with a P-256 key (ES256) too', async () => {
    const dir = await copy()
    expect((await konform(['report', 'sign', dir, '--key', path.join(keys, 'ec.key')])).code).to.equal(0)
    const r = await konform(['report', 'verify', dir, '--pubkey', path.join(keys, 'ec.pub')])
    expect(r.code, r.stdout).to.equal(0)
    expect(r.stdout).to.contain('SIGNATURE.jws: ES256, signed by')
  })

  it('refuses to sign a folder that does not verify (exit 1) and bad keys (exit 2, one line)', async () => {
    const dir = await copy()
    await writeFile(path.join(dir, 'junit.xml'), 'changed')
    const r = await konform(['report', 'sign', dir, '--key', path.join(keys, 'lab.key')])
    expect(r.code).to.equal(1)
    expect(r.stderr).to.match(/junit\.xml mismatch\); not signed/)
    for (const key of ['lab.pub', 'absent.key']) {
      const bad = await konform(['report', 'sign', signed, '--key', path.join(keys, key)])
      expect(bad.code, key).to.equal(2)
      expect(bad.stderr.trim().split('\n'), key).to.have.length(1)
    }
    const badPub = await konform(['report', 'verify', signed, '--pubkey', path.join(signed, 'results.json')])
    expect(badPub.code).to.equal(2)
    expect(badPub.stderr).to.match(/^konform: error: .*results\.json is not a PEM public key/)
  })

  it('a report folder written again drops the old signature', async () => {
    const dir = await copy()
    await writeReports(sampleRun(), dir, 'sv')
    expect((await readdir(dir)).sort()).to.deep.equal(['SHA256SUMS', 'junit.xml', 'report.html', 'results.json'])
  })

  it('canonicalJson follows RFC 8785: sorted keys (UTF-16 order), ECMAScript numbers and strings, no whitespace', () => {
    expect(canonicalJson({ b: [1e21, 0.1, -0, 'é\u2028"'], a: { z: null, '\u20ac': true, '\r': false }, c: undefined })).to.equal(
      '{"a":{"\\r":false,"z":null,"€":true},"b":[1e+21,0.1,0,"é\u2028\\""]}',
    )
  })
})
