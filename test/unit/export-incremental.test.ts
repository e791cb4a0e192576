// Incremental export (--since) and the earlier state the export suite compares with: two reference servers, one
// serving the data as it was at T0 (datasetBefore), one serving it now (T1).

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { generateDataset } from '../../fixtures/generate.js'
import type { ExportManifest } from '../../src/export/bag.js'
import { datasetBefore, earlierCursor } from '../../src/export/earlier.js'
import { harvest } from '../../src/export/harvest.js'
import { duration, progressMeter, progressText, rateOf } from '../../src/export/progress.js'
import { KonformError } from '../../src/errors.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { canonical } from '../../suites/export/_shared.js'
import { tmpdir } from '../helpers/cli.js'

const ENTITIES = ['organisations', 'persons', 'groups', 'duties', 'activities'] as const
const auth = (s: ReferenceServer) => ({ kind: 'client-credentials' as const, tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret })

/** entity -> id -> canonical record, from a bag. */
async function readBag(dir: string): Promise<{ records: Map<string, Map<string, string>>; deleted: Record<string, string[]>; manifest: ExportManifest }> {
  const records = new Map<string, Map<string, string>>()
  for (const e of ENTITIES) {
    const text = await readFile(path.join(dir, 'data', `${e}.ndjson`), 'utf8')
    records.set(e, new Map(text.split('\n').filter(Boolean).map((l) => [JSON.parse(l).id as string, canonical(JSON.parse(l))])))
  }
  const deleted = (JSON.parse(await readFile(path.join(dir, 'data/deletedEntities.json'), 'utf8')) as { data: Record<string, string[]> }).data
  return { records, deleted, manifest: JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) }
}

describe('incremental export', function () {
  this.timeout(60_000)
  const d1 = generateDataset({})
  const t0 = earlierCursor(d1)
  const d0 = datasetBefore(d1, t0)
  let s0: ReferenceServer
  let s1: ReferenceServer
  let full0: Awaited<ReturnType<typeof readBag>>
  let full1: Awaited<ReturnType<typeof readBag>>
  let delta: Awaited<ReturnType<typeof readBag>>

  before(async function () {
    ;[s0, s1] = await Promise.all([startReferenceServer({ dataset: d0 }), startReferenceServer({ dataset: d1 })])
    const root = await tmpdir('konform-delta-')
    const o = { profile: 'skolverket-dnp', pageSize: 7, limits: { ratePerSecond: 0 } }
    await harvest({ ...o, target: s0.baseUrl, auth: auth(s0), out: path.join(root, 'full0'), now: () => new Date(t0) })
    await harvest({ ...o, target: s1.baseUrl, auth: auth(s1), out: path.join(root, 'full1') })
    await harvest({ ...o, target: s1.baseUrl, auth: auth(s1), out: path.join(root, 'delta'), since: t0 })
    ;[full0, full1, delta] = await Promise.all(['full0', 'full1', 'delta'].map((b) => readBag(path.join(root, b))))
  })
  after(() => Promise.all([s0?.close(), s1?.close()]))

  it('the earlier state differs from now by creations, modifications and deletions', function () {
    const dels = d1.deletedEntities.filter((d) => Date.parse(d.deletedAt) > Date.parse(t0))
    expect(dels.length, 'deletions after T0').to.be.greaterThan(0)
    expect(d0.deletedEntities!.length).to.equal(d1.deletedEntities.length - dels.length)
    for (const d of dels.filter((x) => x.entity === 'Person')) expect(d0.persons.some((p) => p.id === d.id), d.id).to.equal(true)
    expect(d0.persons.length).to.be.lessThan(d1.persons.length + dels.length)
    expect(d0.persons.every((p) => Date.parse(p.meta.modified) <= Date.parse(t0))).to.equal(true)
  })

  it('a --since harvest is a delta bag: kind, since and cursor in manifest.json, only what changed after T0', function () {
    expect(delta.manifest.harvest.kind).to.equal('delta')
    expect(delta.manifest.harvest.since).to.equal(t0)
    expect(full1.manifest.harvest.kind).to.equal('full')
    expect(full0.manifest.harvest.cursor).to.equal(t0)
    for (const e of ENTITIES) {
      for (const rec of delta.records.get(e)!.values()) expect(Date.parse(JSON.parse(rec).meta.modified), e).to.be.greaterThan(Date.parse(t0))
    }
    const n = [...delta.records.values()].reduce((a, m) => a + m.size, 0)
    expect(n).to.be.greaterThan(0).and.lessThan([...full1.records.values()].reduce((a, m) => a + m.size, 0))
  })

  it('full(T0) + changes since T0 - deletions since T0 == full(T1), record for record', function () {
    for (const e of ENTITIES) {
      const rebuilt = new Map(full0.records.get(e)!)
      for (const [id, rec] of delta.records.get(e)!) rebuilt.set(id, rec)
      for (const id of delta.deleted[e] ?? []) rebuilt.delete(id)
      expect([...rebuilt].sort(), e).to.deep.equal([...full1.records.get(e)!].sort())
    }
  })

  it('the delta lists exactly the deletions after T0', function () {
    const after = d1.deletedEntities.filter((d) => Date.parse(d.deletedAt) > Date.parse(t0)).map((d) => d.id).sort()
    expect(Object.values(delta.deleted).flat().sort()).to.deep.equal(after)
  })

  it('refuses a --since that is not an RFC 3339 date-time with a time zone', async function () {
    for (const since of ['yesterday', '2025-05-01', '2025-05-01T10:00:00']) {
      const err = await harvest({ profile: 'core', out: path.join(await tmpdir(), 'bag'), since }).catch((e: unknown) => e)
      expect(err, since).to.be.instanceOf(KonformError)
      expect((err as Error).message).to.match(/--since must be an RFC 3339 date-time/)
    }
  })
})

describe('harvest progress', function () {
  it('is silent when the stream is not a terminal', function () {
    expect(progressMeter({ isTTY: false, write: () => true })).to.equal(undefined)
  })
  it('on a terminal, rewrites one line with the list, the records and records/s, and clears it at the end of a list', function () {
    const written: string[] = []
    let t = 0
    const m = progressMeter({ isTTY: true, write: (s: string) => written.push(s) }, () => t)!
    m.page({ entity: 'persons', count: 0, pages: 0 })
    t = 500
    m.page({ entity: 'persons', count: 100, pages: 1 })
    t = 550
    m.page({ entity: 'persons', count: 150, pages: 2 }) // within 100 ms of the last line: not drawn
    t = 1000
    m.page({ entity: 'persons', count: 300, pages: 3 })
    m.done()
    expect(written).to.deep.equal([
      `\r\x1b[2K${progressText('persons', 0, 0, 0)}`,
      `\r\x1b[2K${progressText('persons', 100, 200, 1)}`,
      `\r\x1b[2K${progressText('persons', 300, 300, 3)}`,
      '\r\x1b[2K',
    ])
    expect(progressText('persons', 300, 300, 3)).to.equal('persons: 300 records, 300 records/s, 3 pages')
  })
})

describe('harvest throughput', function () {
  it('is the records of the NDJSON files over the harvest time; durations read as days, hours and minutes', function () {
    const m = {
      harvest: { startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:04.000Z' },
      files: [{ format: 'ndjson', count: 300 }, { format: 'ndjson', count: 100 }, { format: 'json', count: 7 }],
    } as unknown as ExportManifest
    expect(rateOf(m)).to.deep.equal({ records: 400, seconds: 4, perSecond: 100 })
    expect([duration(30), duration(3 * 3600 + 120), duration(2 * 86400 + 5 * 3600)]).to.deep.equal(['1 min', '3 h 2 min', '2 d 5 h'])
  })
})
