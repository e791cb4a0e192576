import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { expect } from 'chai'
import { parse as parseYaml } from 'yaml'
import { BASE_DATE, generateDataset, isValidCivicNo, type GeneratedDataset, type Organisation } from '../../fixtures/generate.js'
import { projectRoot } from '../../src/paths.js'

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

type Validators = Record<'organisation' | 'person' | 'duty' | 'group' | 'activity', ValidateFunction>

function specValidators(): Validators {
  const file = path.join(projectRoot(), 'src/spec/documents/openapi_ss12000_version2_1_0.yaml')
  const doc = parseYaml(readFileSync(file, 'utf8')) as { components: unknown }
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ $id: 'ss12000', components: doc.components })
  return {
    organisation: ajv.compile({ $ref: 'ss12000#/components/schemas/Organisation' }),
    person: ajv.compile({ $ref: 'ss12000#/components/schemas/Person' }),
    duty: ajv.compile({ $ref: 'ss12000#/components/schemas/Duty' }),
    group: ajv.compile({ $ref: 'ss12000#/components/schemas/Group' }),
    activity: ajv.compile({ $ref: 'ss12000#/components/schemas/Activity' }),
  }
}

/** Every record of a dataset validates against its spec schema. */
function expectValid(v: Validators, d: GeneratedDataset): void {
  const kinds = [
    [v.organisation, d.organisations],
    [v.person, d.persons],
    [v.duty, d.duties],
    [v.group, d.groups],
    [v.activity, d.activities],
  ] as const
  for (const [fn, records] of kinds) for (const r of records) expect(fn(r), JSON.stringify(fn.errors)).to.equal(true)
}

/**
 * The references of duties, groups and activities resolve to records of the right kind, and they make sense:
 * duties at school units, group members enrolled at the group's unit, every pupil in one class, teachers' duties
 * at the activity's unit, start before end.
 */
function expectCoherent(d: GeneratedDataset): void {
  const orgs = new Map(d.organisations.map((o) => [o.id, o]))
  const persons = new Map(d.persons.map((p) => [p.id, p]))
  const duties = new Map(d.duties.map((x) => [x.id, x]))
  const groups = new Map(d.groups.map((x) => [x.id, x]))
  const ordered = (x: { startDate?: string; endDate?: string }) => expect(!x.endDate || !x.startDate || x.startDate <= x.endDate, JSON.stringify(x)).to.equal(true)
  for (const x of d.duties) {
    expect(orgs.get(x.dutyAt.id)?.organisationType).to.equal('Skolenhet')
    expect(persons.get(x.person!.id)?.emails?.[0].type).to.equal('Skola personal')
    for (const a of x.assignmentRole ?? []) {
      expect(groups.get(a.group.id)?.organisation.id, 'a role in a group of the duty\'s unit').to.equal(x.dutyAt.id)
      ordered(a)
    }
    ordered(x)
  }
  const classes = new Map<string, number>()
  for (const g of d.groups) {
    const unit = orgs.get(g.organisation.id)
    expect(unit?.organisationType).to.equal('Skolenhet')
    if (g.schoolType) expect(unit!.schoolTypes).to.include(g.schoolType)
    ordered(g)
    for (const m of g.groupMemberships ?? []) {
      const p = persons.get(m.person.id)
      expect(p?.enrolments?.some((e) => e.enroledAt.id === unit!.id), 'members are enrolled at the unit').to.equal(true)
      expect(m.startDate! >= g.startDate).to.equal(true)
      ordered(m)
      if (g.groupType === 'Klass') classes.set(m.person.id, (classes.get(m.person.id) ?? 0) + 1)
    }
  }
  for (const p of d.persons) {
    const e = p.enrolments?.[0]
    if (e && e.schoolType !== 'FS') expect(classes.get(p.id), `${p.id} is in one class`).to.equal(1)
  }
  for (const a of d.activities) {
    expect(a.groups.length).to.be.greaterThan(0)
    for (const g of a.groups) expect(groups.get(g.id)?.organisation.id).to.equal(a.organisation.id)
    for (const t of a.teachers ?? []) expect(duties.get(t.duty.id)?.dutyAt.id).to.equal(a.organisation.id)
    ordered(a)
  }
  const known = new Set([...orgs.keys(), ...persons.keys(), ...duties.keys(), ...groups.keys(), ...d.activities.map((a) => a.id)])
  expect(known.size, 'ids are distinct across kinds').to.equal(orgs.size + persons.size + duties.size + groups.size + d.activities.length)
  for (const x of d.deletedEntities) {
    expect(known.has(x.id), 'a deleted id is in no list').to.equal(false)
    expect(Date.parse(x.deletedAt)).to.be.below(Date.parse(BASE_DATE))
  }
}

describe('generateDataset (synthetic SS 12000 data)', function () {
  let data: GeneratedDataset
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

  it('keeps the organisations and persons of the default seed byte for byte as they were before duties, groups and activities', function () {
    // The new entities come from a second PRNG stream; this pins the first one.
    const bytes = JSON.stringify({ organisations: data.organisations, persons: data.persons })
    expect(createHash('sha256').update(bytes).digest('hex')).to.equal('665fc3434f59f9668877697fd63d08a1ab8beeab89976c78210431e9d8faa4e2')
  })

  it('makes duties, groups (classes, mentor, teaching, test, department), activities and a few deletions by default', function () {
    const count = <T>(xs: readonly T[], f: (x: T) => boolean) => xs.filter(f).length
    expect(data.duties.length).to.be.within(8, 20)
    expect(count(data.duties, (d) => d.dutyRole === 'Rektor')).to.equal(4)
    expect(count(data.groups, (g) => g.groupType === 'Mentor')).to.equal(3)
    expect(count(data.groups, (g) => g.groupType === 'Undervisning')).to.equal(6)
    expect(count(data.groups, (g) => g.groupType === 'Avdelning')).to.equal(1)
    expect(count(data.groups, (g) => g.groupType === 'Provgrupp')).to.equal(1)
    expect(count(data.groups, (g) => g.groupType === 'Klass')).to.be.within(3, 13)
    expect(data.activities.length).to.be.within(8, 30)
    expect(data.deletedEntities.length).to.equal(10)
    expect(new Set(data.deletedEntities.map((d) => d.entity))).to.deep.equal(new Set(['Person', 'Group', 'Duty', 'Activity', 'Organisation', 'Placement', 'Absence', 'AttendanceEvent']))
  })

  it('validates every record against the spec schemas Organisation, Person, Duty, Group and Activity', function () {
    const v = specValidators()
    expectValid(v, data)
    // the validators do bite: a missing required member, a value outside an enum, a malformed date-time
    const { meta: _meta, ...noMeta } = data.persons[0]
    expect(v.person(noMeta)).to.equal(false)
    expect(v.organisation({ ...data.organisations[0], organisationType: 'Kommun' })).to.equal(false)
    expect(v.person({ ...data.persons[0], meta: { created: '2025-01-01', modified: '2025-01-01' } })).to.equal(false)
    expect(v.duty({ ...data.duties[0], dutyRole: 'Vaktmästare' })).to.equal(false)
    expect(v.group({ ...data.groups[0], startDate: '2025-07' })).to.equal(false)
    expect(v.activity({ ...data.activities[0], groups: [] })).to.equal(false)
  })

  it('gives duties, groups and activities references that resolve and make sense', function () {
    expectCoherent(data)
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
    for (const r of [...data.organisations, ...data.persons, ...data.duties, ...data.groups, ...data.activities]) {
      const created = Date.parse(r.meta.created)
      const modified = Date.parse(r.meta.modified)
      expect(r.meta.created).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      expect(created).to.be.at.most(modified)
      expect(modified).to.be.at.most(base)
    }
  })

  it('stamps no two records of a kind at the same instant (sortkey=ModifiedDesc is then one strict order)', function () {
    // The reference server's sort.broken-on-page-2 reverses pages of a sorted list; ties would hide it.
    for (const records of [data.organisations, data.persons, data.duties, data.groups, data.activities]) {
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
    expect(d.duties.filter((x) => x.dutyRole === 'Rektor')).to.have.length(6)
    const v = specValidators()
    expectValid(v, d)
    expectCoherent(d)
    for (const edge of [generateDataset({ seed: 2, schoolUnits: 1, pupilsPerUnit: 0 }), generateDataset({ seed: 9, schoolUnits: 5, pupilsPerUnit: 1 })]) {
      expectValid(v, edge)
      expectCoherent(edge)
    }
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

  it('gives every attendance schedule its week: Monday to Friday of each of its weeks, times of day as strings (erratum E5)', function () {
    expect(data.attendanceSchedule.length).to.be.greaterThan(0)
    const placements = new Map(data.placements.map((p) => [p.id, p]))
    for (const s of data.attendanceSchedule) {
      const entries = s.scheduleEntries ?? []
      expect(entries, s.id).to.have.length(5 * s.numberOfWeeks)
      expect(new Set(entries.map((e) => `${e.weekOffset}/${e.dayOfWeek}`)).size).to.equal(entries.length)
      for (const e of entries) {
        expect(e.weekOffset).to.be.within(0, s.numberOfWeeks - 1)
        expect(e.startTime).to.match(/^([01]\d|2[0-3]):[0-5]\d$/)
        expect(e.endTime).to.match(/^([01]\d|2[0-3]):[0-5]\d$/)
        expect(e.endTime > e.startTime, `${e.startTime}-${e.endTime}`).to.equal(true)
      }
      // A preschool week holds the placement's weekly hours
      const p = placements.get(s.placement.id)!
      const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3))
      const week0 = entries.filter((e) => e.weekOffset === 0).reduce((n, e) => n + minutes(e.endTime) - minutes(e.startTime), 0)
      if (p.schoolType === 'FS') expect(week0).to.equal(Math.round(((p.maxWeeklyScheduleHours ?? 20) * 60) / 5) * 5)
    }
  })
})
