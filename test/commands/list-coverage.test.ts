// The api suite covers every operation of the spec: `konform list --json` names, per check, the operations it
// covers as 'METHOD /path' exactly as the spec writes the path, and their union is compared with the operations
// of the bundled document itself (69 in 2.1.0), so a spec version with a new operation fails here until covered.

import { expect } from 'chai'
import { loadSpec } from '../../src/spec/load.js'
import { PROFILES } from '../../suites/profiles.js'
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

  it('covers every operation of the spec document in profile full-2.1: 69 of 69', async function () {
    const spec = await loadSpec()
    const all = spec.operations.map((o) => o.key)
    expect(all.length, 'operations of SS 12000 2.1.0').to.equal(69)
    const union = new Set(full.flatMap((c) => c.operations))
    expect(all.filter((k) => !union.has(k)), 'operations no check covers').to.deep.equal([])
    // Reads and writes alike: the write operations are covered by the write-mode checks.
    for (const k of ['GET /subscriptions', 'PATCH /subscriptions/{id}', 'POST /log/', 'POST /statistics/', 'DELETE /attendanceSchedule/{id}']) expect(union, k).to.include(k)
  })

  it('derives full-2.1 from the spec: every operation of the document, in its order', async function () {
    const spec = await loadSpec()
    expect([...PROFILES['full-2.1'].operations]).to.deep.equal(spec.operations.map((o) => o.key))
    for (const k of ['GET /aggregatedAttendance', 'GET /studyplans/{id}', 'POST /attendanceSchedule/lookup', 'DELETE /subscriptions/{id}']) expect(PROFILES['full-2.1'].operations).to.include(k)
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
