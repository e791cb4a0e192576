// A clean reference server serves list pages without expand or expandReferenceNames straight from the stored
// records (src/reference/plain-records.ts). That is only right while the stored records are exactly what the
// store renders for such a page: pinned here over every record of the default data and of a scaled dataset, and
// end to end (the same bytes from a server that renders every record, because a dataset was handed to it).

import { expect } from 'chai'
import { generateDataset } from '../../fixtures/generate.js'
import { servedAsStored } from '../../src/reference/plain-records.js'
import { startReferenceServer } from '../../src/reference/server.js'
import { ReferenceStore, RESOURCES } from '../../src/reference/store.js'
import { call } from '../helpers/http.js'

describe('plain list records (a page served as stored)', function () {
  this.timeout(60_000)

  for (const [label, opts] of [['the default data', {}], ['a scaled dataset (scale 20,000)', { scale: 20_000 }]] as const) {
    it(`every record of ${label} renders (no expand, no names) to its stored JSON`, function () {
      const store = new ReferenceStore(generateDataset(opts))
      let n = 0
      for (const r of RESOURCES) {
        for (const rec of store.all(r)) {
          expect(JSON.stringify(store.render(r, rec, { ern: false })), `${r} ${rec.id}`).to.equal(JSON.stringify(rec))
          n++
        }
      }
      expect(n).to.be.greaterThan(label === 'the default data' ? 300 : 15_000)
    })
  }

  it('only queries without expand and expandReferenceNames=true are served as stored', function () {
    expect(servedAsStored({})).to.equal(true)
    expect(servedAsStored({ expandReferenceNames: ['false'], sortkey: ['ModifiedDesc'] })).to.equal(true)
    expect(servedAsStored({ expandReferenceNames: ['true'] })).to.equal(false)
    expect(servedAsStored({ expand: ['duties'] })).to.equal(false)
  })

  it('a clean server answers the same bytes as one that renders every record', async function () {
    const plain = await startReferenceServer()
    const rendering = await startReferenceServer({ dataset: generateDataset() })
    try {
      for (const r of RESOURCES) {
        for (const q of ['limit=7', 'expandReferenceNames=true&limit=7']) {
          if (r === 'calendarEvents') continue // needs its startTime window; served by the same code as the others
          const texts: string[] = []
          for (const s of [plain, rendering]) {
            const a = await call(`${s.baseUrl}/${r}?${q}`, { headers: { authorization: `Bearer ${await s.issueToken()}` } })
            expect(a.status, `${r}?${q}: ${a.text.slice(0, 200)}`).to.equal(200)
            // The pageToken is sealed under each server's own key (keyset.ts): the records must be the same bytes.
            texts.push(a.text.replace(/"pageToken":"[^"]*"/, '"pageToken":"…"'))
          }
          expect(texts[0], `${r}?${q}`).to.equal(texts[1])
        }
      }
    } finally {
      await plain.close()
      await rendering.close()
    }
  })
})
