// The api suite covers every read operation of the spec: `konform list --json` names, per check, the operations
// it covers as 'METHOD /path' exactly as the spec writes the path, and their union is compared with the read
// operations of the bundled document itself, so a spec version with a new operation fails here until covered.
// The lead tightens this to every operation (69/69) when the write-mode checks are merged.

import { expect } from 'chai'
import { loadSpec } from '../../src/spec/load.js'
import { DEFERRED_READ_OPERATIONS, FULL_WRITE_OPERATIONS, PROFILES } from '../../suites/profiles.js'
import { konform } from '../helpers/cli.js'

interface Entry {
  id: string
  profiles: string[]
  operations: string[]
}

describe('konform list: operations covered', function () {
  let full: Entry[]
  before(async function () {
    const r = await konform(['list', '--profile', 'full-2.1', '--json'])
    expect(r.code, r.stderr).to.equal(0)
    full = JSON.parse(r.stdout) as Entry[]
  })

  it('names operations exactly as the spec writes them', async function () {
    const keys = new Set((await loadSpec()).operations.map((o) => o.key))
    const unknown = full.flatMap((c) => c.operations.filter((k) => !keys.has(k)).map((k) => `${c.id}: ${k}`))
    expect(unknown).to.deep.equal([])
    expect(full.find((c) => c.id === 'API-ITEM-002')!.operations).to.include('GET /persons/{id}')
  })

  it('covers every read operation of the spec document in profile full-2.1 (but the subscription reads left to write mode)', async function () {
    const spec = await loadSpec()
    const reads = spec.operations.filter((o) => o.readOnly).map((o) => o.key)
    expect(reads.length, 'read operations of SS 12000 2.1.0').to.equal(57)
    // Only these two wait for the write-mode branch, by name; emptying the list makes this test demand them.
    expect(DEFERRED_READ_OPERATIONS).to.deep.equal(['GET /subscriptions', 'GET /subscriptions/{id}'])
    const union = new Set(full.flatMap((c) => c.operations))
    const missing = reads.filter((k) => !union.has(k) && !DEFERRED_READ_OPERATIONS.includes(k))
    expect(missing, 'read operations no check covers').to.deep.equal([])
    expect(reads.filter((k) => union.has(k)).length).to.equal(reads.length - DEFERRED_READ_OPERATIONS.length)
  })

  it('derives full-2.1 from the spec: every read operation not deferred, plus the write hook', async function () {
    const spec = await loadSpec()
    const expected = spec.operations
      .filter((o) => (o.readOnly && !DEFERRED_READ_OPERATIONS.includes(o.key)) || FULL_WRITE_OPERATIONS.includes(o.key))
      .map((o) => o.key)
    expect([...PROFILES['full-2.1'].operations]).to.deep.equal(expected)
    for (const k of ['GET /aggregatedAttendance', 'GET /studyplans/{id}', 'POST /attendanceSchedule/lookup']) expect(PROFILES['full-2.1'].operations).to.include(k)
    expect(PROFILES['full-2.1'].operations).to.not.include('POST /studyplans/lookup') // the spec has none
  })

  it('without --profile, a check covers the operations of every profile it belongs to', async function () {
    const r = await konform(['list', '--json'])
    expect(r.code, r.stderr).to.equal(0)
    const all = JSON.parse(r.stdout) as Entry[]
    const paging = all.find((c) => c.id === 'API-PAGING-001')!
    expect(paging.profiles).to.include('full-2.1')
    expect(paging.operations).to.include.members(['GET /organisations', 'GET /persons', 'GET /grades', 'GET /aggregatedAttendance'])
    const core = await konform(['list', '--profile', 'core', '--json'])
    expect((JSON.parse(core.stdout) as Entry[]).find((c) => c.id === 'API-PAGING-001')!.operations).to.deep.equal(['GET /organisations', 'GET /persons'])
  })
})
