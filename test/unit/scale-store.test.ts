// The compact store at scale (issue #3): no id map, no name map, relation maps built on first use. Against a
// server of about 200,000 entities, paging, items, reference names and filters agree with the dataset itself
// (an oracle written here, not the store's code). Functional only: no timing is asserted.

import { expect } from 'chai'
import type { Dataset } from '../../fixtures/generate.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { call, type Json } from '../helpers/http.js'

describe('reference store at scale 200,000: paging, items, names and filters agree with the data', function () {
  this.timeout(120_000)
  let server: ReferenceServer
  let data: Dataset
  let auth: Record<string, string>
  const get = async (pathAndQuery: string): Promise<Json> => {
    const a = await call(server.baseUrl + pathAndQuery, { headers: auth })
    expect(a.status, `${pathAndQuery}: ${a.text.slice(0, 200)}`).to.equal(200)
    return a.json
  }
  /** Every record of a list query, following pageToken. */
  const walk = async (list: string, query: string): Promise<{ id: string }[]> => {
    const out: { id: string }[] = []
    let url = `/${list}?${query}`
    for (;;) {
      const body = await get(url)
      out.push(...(body.data as { id: string }[]))
      if (!body.pageToken) return out
      url = `/${list}?pageToken=${encodeURIComponent(body.pageToken as string)}`
    }
  }

  before(async function () {
    server = await startReferenceServer({ scale: 200_000 })
    data = server.dataset
    auth = { authorization: `Bearer ${await server.issueToken()}` }
  })
  after(() => server?.close())

  it('holds about 200,000 entities', function () {
    const total = Object.values(data).reduce((n: number, l) => n + (Array.isArray(l) ? l.length : 0), 0)
    expect(total).to.be.within(170_000, 230_000)
  })

  it('serves every person and every attendance event exactly once, in id order, as stored', async function () {
    for (const list of ['persons', 'attendanceEvents'] as const) {
      const got = await walk(list, 'limit=7919')
      const expected = [...(data[list] as { id: string }[])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      expect(expected.length).to.be.greaterThan(40_000)
      expect(got.map((r) => r.id)).to.deep.equal(expected.map((r) => r.id))
      // Spot checks of whole records: as the dataset has them
      for (const i of [0, 1, 4999, expected.length - 1]) expect(got[i]).to.deep.equal(JSON.parse(JSON.stringify(expected[i])))
    }
  })

  it('finds records by id in every kind (and answers 404 for an unknown id)', async function () {
    const kinds = ['organisations', 'persons', 'duties', 'groups', 'activities', 'placements', 'grades', 'absences', 'attendanceSchedule', 'rooms'] as const
    for (const kind of kinds) {
      const rows = data[kind] as { id: string }[]
      for (const i of [0, Math.floor(rows.length / 2), rows.length - 1]) {
        const item = await get(`/${kind}/${rows[i].id.toUpperCase()}`)
        expect(item.id, kind).to.equal(rows[i].id)
      }
    }
    const missing = await call(`${server.baseUrl}/persons/00000000-0000-4000-8000-000000000000`, { headers: auth })
    expect(missing.status).to.equal(404)
  })

  it('names references under expandReferenceNames as the records they point at', async function () {
    const persons = new Map(data.persons.map((p) => [p.id, `${p.givenName} ${p.familyName}`]))
    const orgs = new Map(data.organisations.map((o) => [o.id, o.displayName]))
    const body = await get('/duties?expandReferenceNames=true&limit=300')
    const duties = body.data as { person: { id: string; displayName: string }; dutyAt: { id: string; displayName: string } }[]
    expect(duties.length).to.equal(300)
    for (const d of duties) {
      expect(d.person.displayName).to.equal(persons.get(d.person.id))
      expect(d.dutyAt.displayName).to.equal(orgs.get(d.dutyAt.id))
    }
    const groups = await get('/activities?expandReferenceNames=true&limit=50')
    const names = new Map(data.groups!.map((g) => [g.id, g.displayName]))
    for (const a of groups.data as { groups: { id: string; displayName: string }[] }[]) for (const g of a.groups) expect(g.displayName).to.equal(names.get(g.id))
  })

  it('filters and sorts across pages as the data says (relationship, member, meta bound with sortkey)', async function () {
    const unit = data.organisations.filter((o) => o.organisationType === 'Skolenhet')[7]
    const enroled = await walk('persons', `relationship.organisation=${unit.id}&relationship.entity.type=enrolment&limit=97`)
    const expected = data.persons.filter((p) => p.enrolments?.some((e) => e.enroledAt.id === unit.id)).map((p) => p.id).sort()
    expect(expected.length).to.be.greaterThan(100)
    expect(enroled.map((p) => p.id).sort()).to.deep.equal(expected)

    const pupil = data.persons.find((p) => p.enrolments?.some((e) => e.enroledAt.id === unit.id))!
    const allGroups = await walk('groups', 'limit=97')
    expect(allGroups.length).to.equal(data.groups!.length)
    const ofPupil = data.groups!.filter((g) => g.groupMemberships?.some((m) => m.person.id === pupil.id)).map((g) => g.id)
    const activities = await walk('activities', `member=${pupil.id}&limit=2`)
    const expectedActivities = data.activities!.filter((a) => a.groups.some((g) => ofPupil.includes(g.id))).map((a) => a.id).sort()
    expect(expectedActivities.length).to.be.greaterThan(0)
    expect(activities.map((a) => a.id).sort()).to.deep.equal(expectedActivities)

    const grades = data.grades!
    const bound = [...grades].map((g) => g.meta.modified).sort()[Math.floor(grades.length * 0.9)]
    const recent = (await walk('grades', `meta.modified.after=${encodeURIComponent(bound)}&sortkey=ModifiedDesc&limit=433`)) as unknown as { id: string; meta: { modified: string } }[]
    const expectedRecent = grades.filter((g) => g.meta.modified > bound)
    expect(recent).to.have.length(expectedRecent.length)
    expect(new Set(recent.map((g) => g.id)).size).to.equal(recent.length)
    for (let i = 1; i < recent.length; i++) expect(recent[i - 1].meta.modified >= recent[i].meta.modified).to.equal(true)
  })
})
