import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { expect } from 'chai'
import { parse as parseYaml } from 'yaml'
import { BASE_DATE, generateDataset, isValidCivicNo, type Dataset, type Organisation } from '../../fixtures/generate.js'
import { projectRoot } from '../../src/paths.js'

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

function specValidators(): { organisation: ValidateFunction; person: ValidateFunction } {
  const file = path.join(projectRoot(), 'src/spec/documents/openapi_ss12000_version2_1_0.yaml')
  const doc = parseYaml(readFileSync(file, 'utf8')) as { components: unknown }
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ $id: 'ss12000', components: doc.components })
  return {
    organisation: ajv.compile({ $ref: 'ss12000#/components/schemas/Organisation' }),
    person: ajv.compile({ $ref: 'ss12000#/components/schemas/Person' }),
  }
}

describe('generateDataset (synthetic SS 12000 data)', function () {
  let data: Dataset
  before(() => {
    data = generateDataset()
  })

  it('makes one Huvudman, two Skola, four Skolenhet (ten organisations) and sixty persons by default', function () {
    const count = (t: string) => data.organisations.filter((o) => o.organisationType === t).length
    expect(data.organisations).to.have.length(10)
    expect([count('Huvudman'), count('Skola'), count('Skolenhet')]).to.deep.equal([1, 2, 4])
    expect(data.persons).to.have.length(60)
    expect(data.persons.filter((p) => p.enrolments?.length)).to.have.length(40)
    expect(data.persons.filter((p) => p.emails?.some((e) => e.type === 'Skola personal')).length).to.be.within(2, 10)
    expect(data.persons.filter((p) => p.responsibles?.length).length).to.be.greaterThan(10)
  })

  it('validates every record against the spec schemas Organisation and Person', function () {
    const v = specValidators()
    for (const o of data.organisations) expect(v.organisation(o), JSON.stringify(v.organisation.errors)).to.equal(true)
    for (const p of data.persons) expect(v.person(p), JSON.stringify(v.person.errors)).to.equal(true)
    // the validators do bite: a missing required member, a value outside an enum, a malformed date-time
    const { meta: _meta, ...noMeta } = data.persons[0]
    expect(v.person(noMeta)).to.equal(false)
    expect(v.organisation({ ...data.organisations[0], organisationType: 'Kommun' })).to.equal(false)
    expect(v.person({ ...data.persons[0], meta: { created: '2025-01-01', modified: '2025-01-01' } })).to.equal(false)
  })

  it('gives every civic number 12 digits YYYYMMDDNNNC, a valid check digit and a birth number from 980–999', function () {
    const seen = new Set<string>()
    for (const p of data.persons) {
      const c = p.civicNo!.value
      expect(c, c).to.match(/^\d{12}$/)
      expect(isValidCivicNo(c), c).to.equal(true)
      expect(Number(c.slice(8, 11)), c).to.be.within(980, 999)
      expect(c.slice(0, 8), c).to.equal(p.birthDate!.replace(/-/g, ''))
      expect(Number(c[10]) % 2 === 1, `${c} sex digit`).to.equal(p.sex === 'Man')
      expect(seen.has(c), c).to.equal(false)
      seen.add(c)
    }
  })

  it('checks civic numbers with the Luhn rule (a known valid and a known invalid one)', function () {
    expect(isValidCivicNo('196408233234')).to.equal(true) // Skatteverket's worked example 640823-3234
    expect(isValidCivicNo('196408233235')).to.equal(false)
    expect(isValidCivicNo('6408233234')).to.equal(false)
  })

  it('is deterministic: the same seed gives the same data, another seed other data', function () {
    expect(JSON.stringify(generateDataset({ seed: 12000 }))).to.equal(JSON.stringify(data))
    expect(JSON.stringify(generateDataset({ seed: 7 }))).to.equal(JSON.stringify(generateDataset({ seed: 7 })))
    const other = generateDataset({ seed: 12001 })
    expect(other.persons.map((p) => p.id)).to.not.deep.equal(data.persons.map((p) => p.id))
  })

  it('uses neither the wall clock nor Math.random', function () {
    const RealDate = Date
    const realRandom = Math.random
    class NoClock extends RealDate {
      constructor(...args: unknown[]) {
        if (!args.length) throw new Error('new Date() without arguments reads the wall clock')
        super(...(args as [number]))
      }
      static override now(): number {
        throw new Error('Date.now() reads the wall clock')
      }
    }
    globalThis.Date = NoClock as DateConstructor
    Math.random = () => {
      throw new Error('Math.random() is not seeded')
    }
    try {
      expect(generateDataset({ seed: 3 }).persons.length).to.be.greaterThan(0)
    } finally {
      globalThis.Date = RealDate
      Math.random = realRandom
    }
  })

  it('gives UUIDs (v4 shape) as ids, all distinct, and references that resolve', function () {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    const orgs = new Map(data.organisations.map((o) => [o.id, o]))
    const persons = new Map(data.persons.map((p) => [p.id, p]))
    const ids = [...orgs.keys(), ...persons.keys()]
    for (const id of ids) expect(id).to.match(uuid)
    expect(new Set(ids).size).to.equal(ids.length)
    for (const o of data.organisations) {
      if (o.organisationType === 'Huvudman') {
        expect(o.parentOrganisation).to.equal(undefined)
        continue
      }
      const parent = orgs.get(o.parentOrganisation!.id)
      expect(parent, `parent of ${o.displayName}`).to.not.equal(undefined)
      expect(parent!.organisationType, 'a parent is never a Skolenhet').to.not.equal('Skolenhet')
      expect(Object.keys(o.parentOrganisation!)).to.deep.equal(['id'])
    }
    for (const p of data.persons) {
      for (const e of p.enrolments ?? []) {
        expect(Object.keys(e.enroledAt)).to.deep.equal(['id'])
        expect(orgs.get(e.enroledAt.id)?.organisationType).to.equal('Skolenhet')
        expect(orgs.get(e.enroledAt.id)?.schoolTypes).to.include(e.schoolType)
      }
      for (const r of p.responsibles ?? []) {
        expect(persons.has(r.person!.id)).to.equal(true)
        expect(Object.keys(r.person!)).to.deep.equal(['id'])
      }
    }
  })

  it('gives school units distinct 8-digit school unit codes, school types and an address', function () {
    const units = data.organisations.filter((o) => o.organisationType === 'Skolenhet')
    for (const u of units) {
      expect(u.schoolUnitCode).to.match(/^\d{8}$/)
      expect(u.schoolTypes!.length).to.be.greaterThan(0)
      expect(u.address?.streetAddress).to.be.a('string')
    }
    expect(new Set(units.map((u) => u.schoolUnitCode)).size).to.equal(units.length)
    expect(new Set(units.flatMap((u) => u.schoolTypes))).to.include.members(['GR', 'GY', 'FS'])
  })

  it('dates every record before the base date, with modified not before created', function () {
    const base = Date.parse(BASE_DATE)
    for (const r of [...data.organisations, ...data.persons]) {
      const created = Date.parse(r.meta.created)
      const modified = Date.parse(r.meta.modified)
      expect(r.meta.created).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      expect(created).to.be.at.most(modified)
      expect(modified).to.be.at.most(base)
    }
  })

  it('stamps no two records of a kind at the same instant (sortkey=ModifiedDesc is then one strict order)', function () {
    // The reference server's sort.broken-on-page-2 reverses pages of a sorted list; ties would hide it.
    for (const records of [data.organisations, data.persons]) {
      for (const field of ['created', 'modified'] as const) expect(new Set(records.map((r) => r.meta[field])).size).to.equal(records.length)
    }
  })

  it('uses only reserved domains for e-mail addresses and URLs', function () {
    const mails = [
      ...data.persons.flatMap((p) => [...(p.emails ?? []).map((e) => e.value), ...(p.eduPersonPrincipalNames ?? [])]),
      ...data.organisations.flatMap((o: Organisation) => (o.email ? [o.email] : [])),
    ]
    expect(mails.length).to.be.greaterThan(60)
    for (const m of mails) expect(m).to.match(/^[a-z0-9.-]+@([a-z0-9-]+\.)*example$/)
    for (const o of data.organisations) if (o.url) expect(new URL(o.url).hostname).to.match(/\.example$/)
  })

  it('scales with the options', function () {
    const d = generateDataset({ seed: 1, schoolUnits: 6, pupilsPerUnit: 3 })
    expect(d.organisations.filter((o) => o.organisationType === 'Skolenhet')).to.have.length(6)
    expect(d.organisations.filter((o) => o.organisationType === 'Skola')).to.have.length(3)
    expect(d.persons.filter((p) => p.enrolments?.length)).to.have.length(18)
    const v = specValidators()
    for (const p of d.persons) expect(v.person(p), JSON.stringify(v.person.errors)).to.equal(true)
    for (const o of d.organisations) expect(v.organisation(o), JSON.stringify(v.organisation.errors)).to.equal(true)
  })

  it('keeps civic numbers distinct in a large dataset, and refuses impossible options', function () {
    const d = generateDataset({ seed: 5, schoolUnits: 12, pupilsPerUnit: 150 })
    const civic = d.persons.map((p) => p.civicNo!.value)
    expect(civic.length).to.be.greaterThan(2000)
    expect(new Set(civic).size).to.equal(civic.length)
    expect(civic.every(isValidCivicNo)).to.equal(true)
    expect(() => generateDataset({ schoolUnits: 0 })).to.throw(RangeError)
    expect(() => generateDataset({ pupilsPerUnit: 1.5 })).to.throw(RangeError)
    expect(() => generateDataset({ seed: Number.NaN })).to.throw(RangeError)
  })
})
