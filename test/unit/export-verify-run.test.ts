// konform verify-export, offline: a clean archive passes every result; a changed byte, a removed line and an
// altered id are each found, and so are a schema violation and a dangling reference hidden by re-hashing the bag.

import { cp, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { BAG_INFO_TXT, BAGIT_TXT, EXPORT_MANIFEST, MANIFEST, manifestLine, sha256File, TAG_MANIFEST, type ExportManifest } from '../../src/export/bag.js'
import { harvest } from '../../src/export/harvest.js'
import { verifyExportRun } from '../../src/export/verify-run.js'
import { renderJunit, validateResults } from '../../src/report/index.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { tmpdir } from '../helpers/cli.js'
import { validateJunit } from '../helpers/junit-xsd.js'

type Outcome = Awaited<ReturnType<typeof verifyExportRun>>
const failed = (o: Outcome) => o.run.results.filter((r) => r.status === 'fail').map((r) => r.name)

/** Makes every hash, count and Payload-Oxum agree with the files again (what a careful forger would do). */
async function rehash(dir: string): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(dir, EXPORT_MANIFEST), 'utf8')) as ExportManifest
  let octets = 0
  for (const f of manifest.files) {
    const h = await sha256File(path.join(dir, f.path))
    f.sha256 = h.sha256
    f.bytes = h.bytes
    octets += h.bytes
    if (f.format === 'ndjson') f.count = (await readFile(path.join(dir, f.path), 'utf8')).split('\n').filter(Boolean).length
  }
  const files = [...manifest.files].sort((a, b) => a.path.localeCompare(b.path))
  await writeFile(path.join(dir, MANIFEST), files.map((f) => manifestLine(f.sha256, f.path)).join(''))
  await writeFile(path.join(dir, EXPORT_MANIFEST), JSON.stringify(manifest, null, 2) + '\n')
  const info = (await readFile(path.join(dir, BAG_INFO_TXT), 'utf8')).replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${octets}.${files.length}`)
  await writeFile(path.join(dir, BAG_INFO_TXT), info)
  let tags = ''
  for (const t of [BAGIT_TXT, BAG_INFO_TXT, MANIFEST, EXPORT_MANIFEST]) tags += manifestLine((await sha256File(path.join(dir, t))).sha256, t)
  await writeFile(path.join(dir, TAG_MANIFEST), tags)
}

describe('verify-export (offline, as a konform run)', function () {
  this.timeout(60_000)
  let server: ReferenceServer
  let bag: string

  before(async function () {
    server = await startReferenceServer()
    bag = path.join(await tmpdir('konform-verify-'), 'bag')
    await harvest({
      target: server.baseUrl,
      auth: { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret },
      profile: 'skolverket-dnp',
      out: bag,
      pageSize: 9,
      limits: { ratePerSecond: 0 },
    })
  })
  after(() => server?.close())

  /** A copy of the clean bag, changed by fn. */
  async function tampered(fn: (dir: string) => Promise<void>): Promise<Outcome> {
    const dir = path.join(await tmpdir('konform-tamper-'), 'bag')
    await cp(bag, dir, { recursive: true })
    await fn(dir)
    return verifyExportRun({ dir })
  }
  const edit = (dir: string, file: string, fn: (text: string) => string) =>
    readFile(path.join(dir, file), 'utf8').then((t) => writeFile(path.join(dir, file), fn(t)))

  it('passes a clean archive: the bag, the ids, the schema of every file and the references', async function () {
    const o = await verifyExportRun({ dir: bag })
    expect(o.problems).to.deep.equal([])
    expect(o.run.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.failures[0]?.message}`)).to.deep.equal([])
    const names = o.run.results.map((r) => r.name)
    for (const n of ['EXPORT-ARCHIVE-027 [bag]', 'EXPORT-ID-006 [archive]', 'EXPORT-SCHEMA-015 [data/persons.ndjson]', 'EXPORT-SCHEMA-015 [data/activities.ndjson]', 'EXPORT-REFS-009 [archive]']) {
      expect(names).to.include(n)
    }
    expect(o.run.verdict.passed).to.equal(true)
    expect(o.run.results.find((r) => r.name === 'EXPORT-REFS-009 [archive]')!.notes[0]).to.match(/^(\d+) of \1 references resolve$/)
    // sv2 (issue #7): every note of verify-export has its Swedish text, index for index.
    expect(o.run.results.find((r) => r.name === 'EXPORT-REFS-009 [archive]')!.notesSv?.[0]).to.match(/^(\d+) av \1 referenser pekar på en arkiverad post$/)
    for (const r of o.run.results) expect(r.notesSv, r.name).to.have.length(r.notes.length)
  })

  it('writes a results.json valid against its schema and a junit.xml valid against the Jenkins XSD', async function () {
    const o = await tampered((dir) => edit(dir, 'data/groups.ndjson', (t) => t.replace('"displayName":"', '"displayName":"X')))
    expect(validateResults(JSON.parse(JSON.stringify(o.run)))).to.equal(undefined)
    const xsd = await validateJunit(renderJunit(o.run))
    expect(xsd.valid, JSON.stringify(xsd.errors)).to.equal(true)
  })

  it('finds one changed byte', async function () {
    const flip = (t: string) => {
      const i = t.indexOf('"givenName":"') + '"givenName":"'.length
      return t.slice(0, i) + (t[i] === 'Q' ? 'R' : 'Q') + t.slice(i + 1)
    }
    const o = await tampered((dir) => edit(dir, 'data/persons.ndjson', flip))
    expect(failed(o)).to.deep.equal(['EXPORT-ARCHIVE-027 [bag]'])
    expect(o.problems.join('\n')).to.match(/data\/persons\.ndjson: sha256 .* does not match manifest-sha256\.txt/)
  })

  it('finds a removed line', async function () {
    const o = await tampered((dir) => edit(dir, 'data/duties.ndjson', (t) => t.split('\n').slice(1).join('\n')))
    expect(failed(o)).to.include('EXPORT-ARCHIVE-027 [bag]')
    expect(o.problems.join('\n')).to.match(/data\/duties\.ndjson has \d+ records, manifest\.json says \d+/)
  })

  it('finds an altered id, and the references it breaks even when the bag is re-hashed', async function () {
    const orgs = (await readFile(path.join(bag, 'data/organisations.ndjson'), 'utf8')).split('\n')
    const id = JSON.parse(orgs[0]).id as string
    const altered = id.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))
    const plain = await tampered((dir) => edit(dir, 'data/organisations.ndjson', (t) => t.replace(id, altered)))
    expect(failed(plain)).to.include('EXPORT-ARCHIVE-027 [bag]')
    const hidden = await tampered(async (dir) => {
      await edit(dir, 'data/organisations.ndjson', (t) => t.replace(id, altered))
      await rehash(dir)
    })
    expect(hidden.problems).to.deep.equal([])
    expect(failed(hidden)).to.deep.equal(['EXPORT-REFS-009 [archive]'])
    const refs = hidden.run.results.find((r) => r.name === 'EXPORT-REFS-009 [archive]')!
    expect(refs.failures.map((f) => f.message).join('\n')).to.contain(`-> organisations/${id} is in no archived file`)
  })

  it('finds a record that breaks the schema, and an id written twice, even in a re-hashed bag', async function () {
    const o = await tampered(async (dir) => {
      await edit(dir, 'data/organisations.ndjson', (t) => t.replace(/"organisationType":"[^"]*"/, '"organisationType":"Kommun"'))
      await edit(dir, 'data/groups.ndjson', (t) => t + t.split('\n')[0] + '\n')
      await rehash(dir)
    })
    expect(o.problems).to.deep.equal([])
    expect(failed(o).sort()).to.deep.equal(['EXPORT-ID-006 [archive]', 'EXPORT-SCHEMA-015 [data/organisations.ndjson]'])
  })

  it('states every finding in Swedish too (the bag, ids, schema and references)', async function () {
    const o = await tampered(async (dir) => {
      await edit(dir, 'data/groups.ndjson', (t) => t + t.split('\n')[0] + '\n')
      await edit(dir, 'data/organisations.ndjson', (t) => t.replace(/"organisationType":"[^"]*"/, '"organisationType":"Kommun"'))
      await edit(dir, 'data/duties.ndjson', (t) => t.split('\n').slice(1).join('\n'))
    })
    const findings = o.run.results.flatMap((r) => r.failures.map((f) => ({ name: r.name, f })))
    expect(findings.map((x) => x.name)).to.include.members(['EXPORT-ARCHIVE-027 [bag]', 'EXPORT-ID-006 [archive]', 'EXPORT-SCHEMA-015 [data/organisations.ndjson]'])
    for (const { name, f } of findings) expect(f.sv?.message, `${name}: ${f.message}`).to.be.a('string').and.not.equal(f.message)
    const bag = findings.find((x) => x.name === 'EXPORT-ARCHIVE-027 [bag]')!
    expect(bag.f.sv!.message).to.match(/stämmer inte med|anger/)
  })
})

describe('the not-tested list in the reports', function () {
  it('is in results.json of an export run and in its HTML report, in both languages; absent from other runs', async function () {
    const { renderHtml } = await import('../../src/report/index.js')
    const { NOT_TESTED } = await import('../../src/export/not-tested.js')
    const { sampleRun } = await import('../helpers/sample-run.js')
    const run = { ...sampleRun(), notTested: [...NOT_TESTED] }
    expect(validateResults(JSON.parse(JSON.stringify(run)))).to.equal(undefined)
    const en = renderHtml(run, 'en')
    expect(en).to.contain('<section id="not-tested">')
    expect(en).to.contain('not tested — check the contract')
    expect(renderHtml(run, 'sv')).to.contain('inte testat — kontrollera avtalet')
    expect(renderHtml(sampleRun(), 'en')).to.not.contain('id="not-tested"')
    expect(NOT_TESTED.filter((n) => n.reason.en === 'not tested — check the contract').map((n) => n.id)).to.deep.equal([
      'DA-25.1', 'DA-25.2d', 'DA-25.2g', 'DA-25.2h', 'DA-25.4', 'DA-27', 'DA-29',
    ])
  })
})
