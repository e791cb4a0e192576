import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { generateDataset } from '../../fixtures/generate.js'
import { startReferenceServer } from '../../src/reference/server.js'
import { konform, tmpdir } from '../helpers/cli.js'

describe('konform export', function () {
  this.timeout(90_000)

  it('harvest exits 0 on the built-in server, prints the counts and the bag; verify exits 0, then 1 once tampered', async function () {
    const out = path.join(await tmpdir(), 'bag')
    const r = await konform(['export', 'harvest', '--out', out, '--profile', 'skolverket-dnp', '--page-size', '20'])
    expect(r.code, r.stderr).to.equal(0)
    const d = generateDataset({})
    expect(r.stdout).to.match(new RegExp(`^persons\\s+${d.persons.length} records$`, 'm'))
    expect(r.stdout).to.match(new RegExp(`^organisations\\s+${d.organisations.length} records$`, 'm'))
    expect(r.stdout).to.contain(`Bag written: ${out}`)

    const ok = await konform(['export', 'verify', out])
    expect(ok.code, ok.stderr + ok.stdout).to.equal(0)
    expect(ok.stdout).to.contain('valid bag')

    const file = path.join(out, 'data/groups.ndjson')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('"id":"', '"id":"0'))
    const bad = await konform(['export', 'verify', out])
    expect(bad.code).to.equal(1)
    expect(bad.stdout).to.match(/^data\/groups\.ndjson: sha256 .* does not match manifest-sha256\.txt \(/m)
  })

  it('verify exits 2 for a folder that is not a bag', async function () {
    const r = await konform(['export', 'verify', await tmpdir()])
    expect(r.code).to.equal(2)
    expect(r.stderr).to.match(/is not a BagIt bag/)
  })

  it('harvest exits 2 for a non-empty --out', async function () {
    const out = await tmpdir()
    await writeFile(path.join(out, 'keep.txt'), 'x')
    const r = await konform(['export', 'harvest', '--out', out])
    expect(r.code).to.equal(2)
    expect(r.stderr).to.match(/is not empty/)
  })

  it('harvest exits 3 when the target is unreachable', async function () {
    const r = await konform(['export', 'harvest', '--target', 'http://127.0.0.1:9/v2.0', '--out', path.join(await tmpdir(), 'bag')])
    expect(r.code, r.stderr).to.equal(3)
  })

  it('harvests a --target with client credentials under paging.repeat-last-item and reports the duplicates', async function () {
    const server = await startReferenceServer({ faults: ['paging.repeat-last-item'] })
    try {
      const out = path.join(await tmpdir(), 'bag')
      const r = await konform(
        ['export', 'harvest', '--target', server.baseUrl, '--token-url', server.tokenUrl, '--client-id', server.clientId, '--profile', 'skolverket-dnp', '--out', out, '--page-size', '10'],
        { KONFORM_CLIENT_SECRET: server.clientSecret },
      )
      expect(r.code, r.stderr).to.equal(0)
      expect(r.stdout).to.match(new RegExp(`^persons\\s+${server.dataset.persons.length} records \\(\\d+ duplicates not written twice\\)$`, 'm'))
      const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'))
      expect(manifest.files.find((f: { entity: string }) => f.entity === 'persons').duplicates).to.be.greaterThan(0)
      expect(JSON.stringify(manifest)).to.not.contain(server.clientSecret)
      expect((await konform(['export', 'verify', out])).code).to.equal(0)
    } finally {
      await server.close()
    }
  })

  it('has help with examples', async function () {
    for (const cmd of ['harvest', 'verify']) {
      const r = await konform(['export', cmd, '--help'])
      expect(r.code).to.equal(0)
      expect(r.stdout).to.match(/EXAMPLES/)
    }
  })
})
