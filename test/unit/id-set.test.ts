// IdSet (src/export/id-set.ts) answers exactly as a Set of strings: lower-case UUIDs packed, anything else kept
// as given, across growth of the table.

import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { IdSet } from '../../src/export/id-set.js'

describe('IdSet (the harvest written-ids set)', function () {
  it('agrees with a Set of strings over 50,000 ids with repeats, case variants, near-UUIDs and other ids', function () {
    const ids = new IdSet()
    const plain = new Set<string>()
    const made: string[] = []
    for (let i = 0; i < 50_000; i++) {
      const r = i % 10
      let id: string
      if (r < 6 || made.length === 0) id = randomUUID()
      else if (r === 6) id = made[(i * 7919) % made.length] // a repeat
      else if (r === 7) id = made[(i * 104729) % made.length].toUpperCase() // same letters, other case: another id
      else if (r === 8) id = `x-${i % 997}` // not a UUID, with repeats
      else id = made[(i * 31) % made.length].slice(0, 35) + 'g' // not hex at the end
      made.push(id)
      expect(ids.has(id), id).to.equal(plain.has(id))
      expect(ids.add(id), id).to.equal(!plain.has(id)) // true when new
      plain.add(id)
    }
    expect(ids.size).to.equal(plain.size)
    for (const id of made) expect(ids.has(id)).to.equal(true)
    for (let i = 0; i < 2000; i++) {
      const id = randomUUID()
      expect(ids.has(id)).to.equal(plain.has(id))
    }
    expect(ids.has('00000000-0000-0000-0000-000000000000')).to.equal(false)
    ids.add('00000000-0000-0000-0000-000000000000')
    expect(ids.has('00000000-0000-0000-0000-000000000000')).to.equal(true)
    expect(ids.has('00000000-0000-0000-0000-000000000001')).to.equal(false)
  })
})
