import { existsSync } from 'node:fs'
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

    const ok = await konform(['export', 'verify', out, '--out', path.join(await tmpdir(), 'r1')])
    expect(ok.code, ok.stderr + ok.stdout).to.equal(0)
    expect(ok.stdout).to.contain('valid bag')

    const file = path.join(out, 'data/groups.ndjson')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('"id":"', '"id":"0'))
    const bad = await konform(['export', 'verify', out, '--out', path.join(await tmpdir(), 'r2')])
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
      expect((await konform(['export', 'verify', out, '--out', path.join(await tmpdir(), 'r')])).code).to.equal(0)
    } finally {
      await server.close()
    }
  })

  it('konform export harvests, runs the export suite into <out>/konform-report, and the bag verifies with verify-export', async function () {
    const out = path.join(await tmpdir(), 'bag')
    const r = await konform(['export', '--out', out, '--profile', 'skolverket-dnp', '--page-size', '25'])
    expect(r.code, r.stderr + r.stdout).to.equal(0)
    expect(r.stdout).to.match(/^Cursor for the next --since: \d{4}-\d{2}-\d{2}T[\d:.]+Z$/m)
    expect(r.stdout).to.contain('Meets the must-requirements of profile skolverket-dnp: yes')
    // Not a terminal: no progress line.
    expect(r.stderr).to.not.contain('records/s')
    const run = JSON.parse(await readFile(path.join(out, 'konform-report/results.json'), 'utf8'))
    expect(run.suites).to.deep.equal(['export'])
    expect(run.results.some((x: { checkId: string }) => x.checkId === 'EXPORT-DELTA-021')).to.equal(true)
    expect(run.notTested.map((n: { id: string }) => n.id)).to.include('DA-25.1')
    const reports = path.join(await tmpdir(), 'verify')
    const v = await konform(['verify-export', out, '--out', reports])
    expect(v.code, v.stderr + v.stdout).to.equal(0)
    expect(v.stdout).to.contain('valid bag')
    const offline = JSON.parse(await readFile(path.join(reports, 'results.json'), 'utf8'))
    expect(offline.results.map((x: { name: string }) => x.name)).to.include('EXPORT-REFS-009 [archive]')
    for (const f of ['junit.xml', 'report.html', 'SHA256SUMS']) expect(v.stdout).to.contain(path.join(reports, f))

    const since = /^Cursor for the next --since: (.*)$/m.exec(r.stdout)![1]
    const delta = path.join(await tmpdir(), 'delta')
    const d = await konform(['export', '--out', delta, '--profile', 'skolverket-dnp', '--since', since, '--no-checks'])
    expect(d.code, d.stderr).to.equal(0)
    const manifest = JSON.parse(await readFile(path.join(delta, 'manifest.json'), 'utf8'))
    expect([manifest.harvest.kind, manifest.harvest.since]).to.deep.equal(['delta', since])
    // The built-in data was last modified long before the cursor: an empty delta.
    expect(manifest.files.map((f: { count: number }) => f.count)).to.deep.equal(manifest.files.map(() => 0))
  })

  it('export exits 2 with one line for a --since that is not a date-time', async function () {
    const r = await konform(['export', '--out', path.join(await tmpdir(), 'bag'), '--since', 'last-week'])
    expect(r.code).to.equal(2)
    expect(r.stderr.trim().split('\n')).to.have.length(1)
    expect(r.stderr).to.match(/--since must be an RFC 3339 date-time/)
    // The checks' inputs are refused before anything is harvested.
    const out = path.join(await tmpdir(), 'bag')
    const b = await konform(['export', '--out', out, '--baseline', await tmpdir()])
    expect([b.code, b.stderr.trim().split('\n').length]).to.deep.equal([2, 1])
    expect(b.stderr).to.match(/--baseline .* is not an export from konform export/)
    expect(existsSync(out)).to.equal(false)
  })

  it('has help with examples', async function () {
    for (const cmd of [['export', 'harvest'], ['export', 'verify'], ['export'], ['verify-export']]) {
      const r = await konform([...cmd, '--help'])
      expect(r.code, cmd.join(' ')).to.equal(0)
      expect(r.stdout).to.match(/EXAMPLES/)
    }
  })
})
