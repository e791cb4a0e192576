// Issue #5: "page boundaries do not lose records when data changes during the harvest". A harvest of the reference
// server with small pages; between two pages of /persons (from the harvest's own page hook, awaited before the next
// page is asked for: no timing) the server deletes records the walk has already passed, adds records and bumps
// meta.modified of others. Every record that existed throughout is in the bag exactly once. Under
// export.offset-paging (tokens that carry an offset) the same harvest loses records.

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'chai'
import { generateDataset, type Dataset } from '../../fixtures/generate.js'
import { harvest } from '../../src/export/harvest.js'
import type { FaultId } from '../../src/reference/faults.js'
import { startReferenceServer } from '../../src/reference/server.js'
import { tmpdir } from '../helpers/cli.js'

const PAGE = 7
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The generated data with the persons a change deletes (the dataset's last ones) moved to where a walk starts. */
function datasetFor(deleteFirst: number): Dataset {
  const d = generateDataset({})
  const early = [...d.persons].sort(byId).slice(0, deleteFirst)
  return { ...d, persons: [...d.persons.filter((p) => !early.includes(p)), ...early] }
}

async function harvestWithChange(faults: FaultId[]) {
  const dataset = datasetFor(3)
  const server = await startReferenceServer({ faults, dataset })
  try {
    const before = new Set(dataset.persons.map((p) => p.id))
    let change: Awaited<ReturnType<typeof server.applyChanges>> | undefined
    const dir = path.join(await tmpdir(), 'bag')
    const { manifest } = await harvest({
      target: server.baseUrl,
      auth: { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret },
      profile: 'core',
      out: dir,
      pageSize: PAGE,
      betweenPages: async (p) => {
        // After page 2 of persons: 3 records the walk passed are deleted, 4 are added, 2 modified.
        if (p.entity === 'persons' && p.pages === 2) change = await server.applyChanges({ modify: { persons: 2 }, delete: { persons: 3 }, add: { persons: 4 } })
      },
    })
    expect(change, 'the change was applied during the walk').to.not.equal(undefined)
    const after = new Set(server.dataset.persons.map((p) => p.id))
    const throughout = [...before].filter((id) => after.has(id))
    const text = await readFile(path.join(dir, 'data/persons.ndjson'), 'utf8')
    const served = text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id)
    const file = manifest.files.find((f) => f.entity === 'persons')!
    return { change: change!, throughout, served, duplicates: file.duplicates, complete: manifest.harvest.complete }
  } finally {
    await server.close()
  }
}

describe('a harvest while the data changes between pages', function () {
  this.timeout(30_000)

  it('the clean server: every record that existed throughout is harvested exactly once', async function () {
    const r = await harvestWithChange([])
    expect(r.change.deleted).to.have.length(3)
    expect(r.change.added).to.have.length(4)
    expect(r.complete).to.equal(true)
    expect(r.duplicates).to.equal(0)
    expect(new Set(r.served).size).to.equal(r.served.length)
    const served = new Set(r.served)
    expect(r.throughout.filter((id) => !served.has(id))).to.deep.equal([])
    // What was deleted had been served before the change; what was added is served once or not at all.
    for (const id of r.change.deleted) expect(served.has(id), id).to.equal(true)
    expect(r.served.length).to.be.within(r.throughout.length + 3, r.throughout.length + 3 + 4)
  })

  it('export.offset-paging: the pages shift under the change and the walk skips records that existed throughout', async function () {
    const r = await harvestWithChange(['export.offset-paging'])
    const served = new Set(r.served)
    expect(r.throughout.filter((id) => !served.has(id))).to.have.length.greaterThan(0)
  })
})
