// The reference server at scale (README "--scale"): functional only; start time and memory are measured by
// `npm run bench`, never asserted here.

import { expect } from 'chai'
import { countsForScale, generateDataset, isValidCivicNo, type Dataset } from '../../fixtures/generate.js'
import { parseScale, WRITE_SCALE_LIMIT } from '../../src/reference/scale.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { loadSpec, type Spec } from '../../src/spec/load.js'
import { call, type Json } from '../helpers/http.js'

const total = (d: Dataset) => Object.values(d).reduce((n: number, l) => n + (Array.isArray(l) ? l.length : 0), 0)

describe('reference server --scale', function () {
  this.timeout(120_000)

  describe('the generator', function () {
    it('scale gives about that many entities in total (within 15% from 500 up)', function () {
      for (const n of [500, 2000, 5000]) {
        const got = total(generateDataset({ scale: n }))
        expect(Math.abs(got - n) / n, `scale ${n} gave ${got}`).to.be.below(0.15)
      }
    })

    it('counts: units of 250 pupils from 4,800 entities up, else 4 units', function () {
      expect(countsForScale(1_000_000)).to.deep.equal({ schoolUnits: 833, pupilsPerUnit: 250 })
      expect(countsForScale(1000)).to.deep.equal({ schoolUnits: 4, pupilsPerUnit: 44 })
    })

    it('without scale the default dataset is unchanged; a scale is deterministic and unlike the default', function () {
      const a = JSON.stringify(generateDataset())
      expect(JSON.stringify(generateDataset({ schoolUnits: 4, pupilsPerUnit: 10 }))).to.equal(a)
      const s1 = JSON.stringify(generateDataset({ scale: 3000 }))
      expect(JSON.stringify(generateDataset({ scale: 3000 }))).to.equal(s1)
      expect(s1).to.not.equal(a)
    })

    it('civic numbers stay unique and valid (test series) at scale', function () {
      const d = generateDataset({ scale: 20_000 })
      const nos = d.persons.flatMap((p) => (p.civicNo ? [p.civicNo.value] : []))
      expect(nos.length).to.be.greaterThan(d.persons.length * 0.9)
      expect(new Set(nos).size).to.equal(nos.length)
      for (const v of nos) {
        expect(isValidCivicNo(v), v).to.equal(true)
        expect(Number(v.slice(8, 11))).to.be.within(980, 999)
      }
      const locals = d.persons.map((p) => p.emails?.[0]?.value)
      expect(new Set(locals).size).to.equal(locals.length)
    })

    it('refuses a scale out of range with a one-line message', function () {
      expect(() => generateDataset({ scale: 99 })).to.throw(RangeError, /scale must be an integer from 100/)
      expect(() => parseScale('1e6')).to.throw(RangeError, /^--scale must be an integer from 100 to \d+ \(entities in total\), not "1e6"$/)
      expect(parseScale(' 20000 ')).to.equal(20000)
    })
  })

  describe('a server of about 20,000 entities', function () {
    let server: ReferenceServer
    let spec: Spec
    let auth: Record<string, string>
    const get = async (pathAndQuery: string): Promise<Json> => {
      const a = await call(server.baseUrl + pathAndQuery, { headers: auth })
      expect(a.status, `${pathAndQuery}: ${a.text.slice(0, 200)}`).to.equal(200)
      return a.json
    }
    const valid = (pointer: string, value: unknown) => {
      const o = spec.validators.validate(`#/components/schemas/${pointer}`, value)
      expect(o.valid, o.errors.join('; ')).to.equal(true)
    }

    before(async function () {
      server = await startReferenceServer({ scale: 20_000 })
      spec = await loadSpec()
      auth = { authorization: `Bearer ${await server.issueToken()}` }
    })
    after(() => server?.close())

    it('serves every person exactly once over pages of 997, in id order, each page valid', async function () {
      const ids: string[] = []
      let url = '/persons?limit=997'
      let pages = 0
      for (;;) {
        const body = await get(url)
        valid('PersonsExpanded', body)
        pages++
        ids.push(...(body.data as { id: string }[]).map((p) => p.id))
        if (!body.pageToken) break
        url = `/persons?pageToken=${encodeURIComponent(body.pageToken)}`
      }
      const expected = server.dataset.persons.map((p) => p.id).sort()
      expect(expected.length).to.be.greaterThan(4000)
      expect(pages).to.equal(Math.ceil(expected.length / 997))
      expect(ids).to.deep.equal(expected)
    })

    it('filters and items agree with the dataset', async function () {
      const unit = server.dataset.organisations.find((o) => o.organisationType === 'Skolenhet')!
      const body = await get(`/persons?relationship.organisation=${unit.id}&relationship.entity.type=enrolment&limit=100000`)
      const expected = server.dataset.persons.filter((p) => p.enrolments?.some((e) => e.enroledAt.id === unit.id)).map((p) => p.id).sort()
      expect(expected.length).to.be.greaterThan(100)
      expect((body.data as { id: string }[]).map((p) => p.id).sort()).to.deep.equal(expected)
      const last = server.dataset.persons[server.dataset.persons.length - 1]
      const item = await get(`/persons/${last.id}`)
      valid('PersonExpanded', item)
      expect(item.id).to.equal(last.id)
      const groups = await get('/groups?limit=3')
      valid('GroupsExpanded', groups)
      expect(groups.data).to.have.length(3)
    })

    it('still accepts changes (at most the write limit)', async function () {
      expect(20_000).to.be.at.most(WRITE_SCALE_LIMIT)
      const r = await server.applyChanges({ modify: { persons: 1 } })
      expect(r.modified).to.have.length(1)
    })
  })

  it('above the write limit, changes are refused with one line (503 writes_refused); reads still work', async function () {
    // The refusal is decided before any data is generated for the change, so a small scaled server stands in for
    // a big one through the option it is started with.
    const server = await startReferenceServer({ dataset: generateDataset({ scale: 500 }), scale: WRITE_SCALE_LIMIT + 1 })
    try {
      const auth = { authorization: `Bearer ${await server.issueToken()}` }
      const a = await call(`${server.origin}/admin/changes`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ modify: { persons: 1 } }) })
      expect(a.status).to.equal(503)
      expect(a.text).to.include('writes_refused')
      expect(a.text).to.include(`--scale ${WRITE_SCALE_LIMIT + 1}`)
      expect((await call(`${server.baseUrl}/persons?limit=1`, { headers: auth })).status).to.equal(200)
    } finally {
      await server.close()
    }
  })
})
