// The reference server's duties, groups, activities and deletedEntities (the entities Skolverket's DNP client
// reads, notes §16): parameters as the spec declares them, answers that validate, paging, every filter, sort
// keys, references, expand and expandReferenceNames, lookups, and the deletions.

import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import type { Activity, DeletedEntity, Duty, GeneratedDataset, Group, Organisation, Person } from '../../fixtures/generate.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import {
  AGGREGATED_PARAMS,
  DELETED_ENTITIES_PARAMS,
  DELETED_KEYS,
  EXPAND,
  ITEM_PARAMS,
  LIST_PARAMS,
  LOOKUP_FIELDS,
  LOOKUP_PARAMS,
  LOOKUP_RESOURCES,
  RESOURCES,
  type Resource,
} from '../../src/reference/store.js'
import { deref } from '../../src/spec/operations.js'
import { loadSpec, type Spec } from '../../src/spec/load.js'
import { call, type Answer, type Json } from '../helpers/http.js'


class Client {
  private token?: string
  constructor(readonly server: ReferenceServer) {}
  private async bearer(): Promise<Record<string, string>> {
    this.token ??= await this.server.issueToken()
    return { authorization: `Bearer ${this.token}` }
  }
  async get(pathAndQuery: string): Promise<Answer> {
    return call(this.server.baseUrl + pathAndQuery, { headers: await this.bearer() })
  }
  /** A 200 answer's body. */
  async ok(pathAndQuery: string): Promise<Json> {
    const a = await this.get(pathAndQuery)
    expect(a.status, `${pathAndQuery}: ${a.text}`).to.equal(200)
    return a.json
  }
  async post(pathAndQuery: string, body: unknown): Promise<Answer> {
    return call(this.server.baseUrl + pathAndQuery, {
      method: 'POST',
      headers: { ...(await this.bearer()), 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  }
  /** Follows pageToken (with the same limit) to the end; every page's body. */
  async walk(first: string, limit: number): Promise<Json[]> {
    const bodies: Json[] = []
    let q = first
    for (let i = 0; i < 100; i++) {
      const body = await this.ok(q)
      bodies.push(body)
      if (body.pageToken === null) return bodies
      q = `${first.split('?')[0]}?pageToken=${encodeURIComponent(body.pageToken)}&limit=${limit}`
    }
    throw new Error(`${first}: no end after 100 pages`)
  }
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id)
const sortedIds = (xs: readonly { id: string }[]) => [...xs].sort(byId).map((x) => x.id)
const enc = encodeURIComponent

/** Every ObjectReference below the top level of a record, outside _embedded. */
function references(v: Json, depth = 0): Json[] {
  if (!v || typeof v !== 'object') return []
  if (Array.isArray(v)) return v.flatMap((x) => references(x, depth))
  const here = depth > 0 && typeof v.id === 'string' ? [v] : []
  return [...here, ...Object.entries(v).flatMap(([k, x]) => (k === '_embedded' ? [] : references(x, depth + 1)))]
}

const NEW: readonly Resource[] = ['duties', 'groups', 'activities']

describe('reference server: duties, groups, activities and deletedEntities', function () {
  let server: ReferenceServer
  let api: Client
  let spec: Spec
  let data: GeneratedDataset
  let duties: Duty[]
  let groups: Group[]
  let activities: Activity[]
  let persons: Person[]
  let organisations: Organisation[]
  let deletions: DeletedEntity[]
  const records = (r: Resource): { id: string; meta: { created: string; modified: string } }[] =>
    ({ organisations, persons, duties, groups, activities })[r as 'persons'] ?? [...((data[r] ?? []) as { id: string; meta: { created: string; modified: string } }[])].sort(byId)

  before(async function () {
    server = await startReferenceServer()
    api = new Client(server)
    spec = await loadSpec()
    data = server.dataset as GeneratedDataset
    duties = [...data.duties].sort(byId)
    groups = [...data.groups].sort(byId)
    activities = [...data.activities].sort(byId)
    persons = [...data.persons].sort(byId)
    organisations = [...data.organisations].sort(byId)
    deletions = data.deletedEntities
  })
  after(() => server.close())

  /** The body validates against the spec's 200 response schema of the operation ('GET /duties'). */
  const validAnswer = (key: string, body: unknown) => {
    const pointer = spec.operation(key)?.responses['200']
    expect(pointer, key).to.be.a('string')
    const o = spec.validators.validate(pointer!, body)
    expect(o.valid, `${key}: ${o.errors.slice(0, 5).join('; ')}`).to.equal(true)
  }
  const validSchema = (name: string, value: unknown) => {
    const o = spec.validators.validate(`#/components/schemas/${name}`, value)
    expect(o.valid, `${name}: ${o.errors.slice(0, 5).join('; ')}`).to.equal(true)
  }

  describe('parameters as the 2.1.0 document declares them', function () {
    /** The query parameters of an operation: name -> {enum values or undefined, repeatable}. */
    function declared(key: string, skip: string[] = ['limit', 'pageToken']): Record<string, { values?: string[]; repeat: boolean }> {
      const op = spec.operation(key)
      expect(op, key).to.not.equal(undefined)
      const out: Record<string, { values?: string[]; repeat: boolean }> = {}
      for (const p of op!.parameters) {
        if (p.in !== 'query' || skip.includes(p.name)) continue
        const repeat = p.schema.type === 'array'
        const values = (repeat ? (p.schema.items as Json)?.enum : p.schema.enum) as string[] | undefined
        out[p.name] = { ...(values ? { values: [...values] } : {}), repeat }
      }
      return out
    }
    function served(specs: Record<string, { kind: unknown; repeat?: boolean }>): Record<string, { values?: string[]; repeat: boolean }> {
      return Object.fromEntries(
        Object.entries(specs).map(([name, s]) => [
          name,
          { ...(typeof s.kind === 'object' ? { values: [...(s.kind as { enum: string[] }).enum] } : {}), repeat: s.repeat === true },
        ]),
      )
    }

    it('every list GET takes exactly its declared filters, enums, sortkeys and expand values', function () {
      for (const r of RESOURCES) expect(served(LIST_PARAMS[r]), `GET /${r}`).to.deep.equal(declared(`GET /${r}`))
      expect(served(DELETED_ENTITIES_PARAMS), 'GET /deletedEntities').to.deep.equal(declared('GET /deletedEntities'))
      expect(served(AGGREGATED_PARAMS), 'GET /aggregatedAttendance').to.deep.equal(declared('GET /aggregatedAttendance'))
    })

    it('requires exactly the parameters the spec requires', function () {
      const required = (specs: Record<string, { required?: boolean }>) => Object.keys(specs).filter((k) => specs[k].required).sort()
      const declaredRequired = (key: string) => spec.operation(key)!.parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.name).sort()
      for (const r of RESOURCES) expect(required(LIST_PARAMS[r]), `GET /${r}`).to.deep.equal(declaredRequired(`GET /${r}`))
      expect(required(AGGREGATED_PARAMS)).to.deep.equal(['endDate', 'startDate'])
      expect(required(LIST_PARAMS.calendarEvents)).to.deep.equal(['startTime.onOrAfter', 'startTime.onOrBefore'])
    })

    it('every item GET and lookup takes exactly its declared expand and expandReferenceNames', function () {
      for (const r of RESOURCES) expect(served(ITEM_PARAMS[r]), `GET /${r}/{id}`).to.deep.equal(declared(`GET /${r}/{id}`))
      for (const r of LOOKUP_RESOURCES) expect(served(LOOKUP_PARAMS[r]!), `POST /${r}/lookup`).to.deep.equal(declared(`POST /${r}/lookup`))
      expect(RESOURCES.filter((r) => spec.operation(`POST /${r}/lookup`)).sort()).to.deep.equal([...LOOKUP_RESOURCES].sort())
    })

    it('every lookup reads exactly the members of its request body schema', function () {
      for (const r of LOOKUP_RESOURCES) {
        const body = spec.operation(`POST /${r}/lookup`)!.requestBody!
        const schema = deref(spec.doc, deref(spec.doc, { $ref: body.pointer }))
        expect([...LOOKUP_FIELDS[r]].sort(), r).to.deep.equal(Object.keys(schema.properties).sort())
      }
    })

    it('names the deletedEntities members as DeletedEntities_data does (activitites, sic)', function () {
      const schema = deref(spec.doc, { $ref: '#/components/schemas/DeletedEntities_data' })
      expect(Object.values(DELETED_KEYS).sort()).to.deep.equal(Object.keys(schema.properties).sort())
      expect(DELETED_KEYS.Activity).to.equal('activitites')
    })
  })

  describe('the data', function () {
    it('serves a few duties, groups and activities for the default seed, and the same organisations and persons as before', function () {
      expect(duties.length).to.be.within(8, 20)
      expect(groups.length).to.be.within(12, 40)
      expect(activities.length).to.be.within(8, 30)
      expect(deletions.length).to.be.within(3, 12)
      expect(organisations).to.have.length(10)
      expect(persons).to.have.length(60)
      for (const kind of ['Klass', 'Undervisning', 'Mentor', 'Avdelning', 'Provgrupp']) expect(groups.map((g) => g.groupType), kind).to.include(kind)
      for (const role of ['Rektor', 'Lärare', 'Förskollärare']) expect(duties.map((d) => d.dutyRole), role).to.include(role)
    })
  })

  describe('answers validate against the spec', function () {
    const variants: Record<string, string[]> = {
      duties: ['', '?expandReferenceNames=true', '?expand=person', '?expand=person&expandReferenceNames=true'],
      groups: ['', '?expandReferenceNames=true', '?expand=assignmentRoles', '?expand=assignmentRoles&expandReferenceNames=true'],
      activities: ['', '?expandReferenceNames=true', '?expand=groups&expand=teachers&expand=syllabus', '?expand=groups&expand=teachers&expandReferenceNames=true'],
      persons: ['?expand=duties&expand=groupMemberships&expand=responsibleFor&expand=placements&expand=ownedPlacements&expandReferenceNames=true'],
    }
    for (const [r, queries] of Object.entries(variants)) {
      it(`GET /${r}, GET /${r}/{id} and POST /${r}/lookup (${queries.length} variants)`, async function () {
        for (const q of queries) {
          const list = await api.ok(`/${r}${q}`)
          validAnswer(`GET /${r}`, list)
          expect(list.data.length, q).to.equal(records(r as Resource).length)
          for (const rec of list.data) validAnswer(`GET /${r}/{id}`, await api.ok(`/${r}/${rec.id}${q}`))
          const lookup = await api.post(`/${r}/lookup${q}`, { ids: list.data.map((x: Json) => x.id) })
          expect(lookup.status).to.equal(200)
          validAnswer(`POST /${r}/lookup`, lookup.json)
          expect(lookup.json).to.have.length(list.data.length)
        }
      })
    }
    it('GET /deletedEntities, with and without after and entities', async function () {
      for (const q of ['', '?entities=Person', '?entities=Activity&entities=Group', `?after=${enc(deletions[1].deletedAt)}`, '?limit=2']) {
        validAnswer('GET /deletedEntities', await api.ok(`/deletedEntities${q}`))
      }
    })
    it('the validators bite: a Duty without dutyAt, a Group with an unknown groupType, an Activity without groups', function () {
      const bad = (name: string, value: unknown) => expect(spec.validators.validate(`#/components/schemas/${name}`, value).valid, name).to.equal(false)
      const { dutyAt: _d, ...noDutyAt } = duties[0]
      bad('Duty', noDutyAt)
      bad('Group', { ...groups[0], groupType: 'Klassrum' })
      bad('Activity', { ...activities[0], groups: [] })
    })
  })

  describe('paging', function () {
    for (const r of NEW) {
      it(`${r}: limit=3 visits every record once, in id order, ending with pageToken null`, async function () {
        const pages = await api.walk(`/${r}?limit=3`, 3)
        for (const p of pages) expect(p.data.length).to.be.within(1, 3)
        expect(pages.at(-1).pageToken).to.equal(null)
        expect(pages.flatMap((p) => ids(p.data))).to.deep.equal(ids(records(r)))
        expect(pages).to.have.length(Math.ceil(records(r).length / 3))
      })
    }

    /** Whether each neighbour pair is in the sortkey's order. */
    const ORDERS: Record<string, (a: Json, b: Json) => boolean> = {
      ModifiedDesc: (a, b) => Date.parse(a.meta.modified) >= Date.parse(b.meta.modified),
      DisplayNameAsc: (a, b) => new Intl.Collator('sv').compare(a.displayName, b.displayName) <= 0,
      StartDateAsc: (a, b) => a.startDate <= b.startDate,
      StartDateDesc: (a, b) => a.startDate >= b.startDate,
      EndDateAsc: (a, b) => b.endDate === undefined || (a.endDate !== undefined && a.endDate <= b.endDate),
      EndDateDesc: (a, b) => b.endDate === undefined || (a.endDate !== undefined && a.endDate >= b.endDate),
    }
    for (const r of NEW) {
      it(`${r}: every sortkey of the operation orders the whole walk (limit 4), and the pages join up`, async function () {
        const keys = (LIST_PARAMS[r].sortkey.kind as { enum: string[] }).enum
        for (const key of keys) {
          const all = (await api.ok(`/${r}?sortkey=${key}`)).data
          const walked = (await api.walk(`/${r}?sortkey=${key}&limit=4`, 4)).flatMap((p) => p.data)
          expect(walked, key).to.deep.equal(all)
          expect(all).to.have.length(records(r).length)
          for (let i = 1; i < all.length; i++) expect(ORDERS[key](all[i - 1], all[i]), `${r} ${key} at ${i}`).to.equal(true)
        }
        expect((await api.get(`/${r}?sortkey=FamilyNameAsc`)).status).to.equal(400)
      })
    }

    it('refuses pageToken with a filter (400_invalid_filter), limit 0, and a token from another list', async function () {
      for (const [r, filter] of [['duties', 'dutyRole=Rektor'], ['groups', 'groupType=Klass'], ['activities', 'sortkey=ModifiedDesc'], ['deletedEntities', 'after=2025-01-01T00:00:00Z'], ['deletedEntities', 'entities=Person']]) {
        const token = (await api.ok(`/${r}?limit=1`)).pageToken
        const a = await api.get(`/${r}?pageToken=${enc(token)}&${filter}`)
        expect(a.status, `${r} ${filter}`).to.equal(400)
        expect(a.json.code).to.equal('400_invalid_filter')
        validSchema('Error', a.json)
        expect((await api.get(`/${r}?limit=0`)).status, r).to.equal(400)
      }
      const groupToken = (await api.ok('/groups?limit=1')).pageToken
      expect((await api.get(`/duties?pageToken=${enc(groupToken)}`)).status).to.equal(400)
      expect((await api.get(`/deletedEntities?pageToken=${enc(groupToken)}`)).status).to.equal(400)
    })
  })

  describe('filters', function () {
    /** The ids a list query serves (one request, no limit), in id order. */
    const served = async (q: string) => ids((await api.ok(q)).data)
    /** The filter selects exactly `want`, a non-empty part of the records (so it narrows). */
    async function selects<T extends { id: string }>(q: string, all: readonly T[], want: (x: T) => boolean) {
      const expected = all.filter(want).map((x) => x.id)
      expect(expected.length, `${q} selects something`).to.be.greaterThan(0)
      expect(expected.length, `${q} leaves something out`).to.be.lessThan(all.length)
      expect(await served(q), q).to.deep.equal(expected)
    }
    const orgById = () => new Map(organisations.map((o) => [o.id, o]))
    /** Whether organisation id is ancestor or below it. */
    const within = (id: string, ancestor: string) => {
      const byId = orgById()
      for (let at: string | undefined = id; at; at = byId.get(at)?.parentOrganisation?.id) if (at === ancestor) return true
      return false
    }
    const units = () => organisations.filter((o) => o.organisationType === 'Skolenhet')
    const skola = () => organisations.find((o) => o.organisationType === 'Skola')!
    /** A date between the records' earliest and latest value of a field. */
    const middle = (values: (string | undefined)[]) => {
      const v = [...new Set(values.filter((x): x is string => x !== undefined))].sort()
      return v[v.length >> 1]
    }

    it('duties: organisation (the unit, or an element above it and all below), dutyRole, person', async function () {
      const unit = units()[1]
      await selects(`/duties?organisation=${unit.id}`, duties, (d) => d.dutyAt.id === unit.id)
      await selects(`/duties?organisation=${skola().id}`, duties, (d) => within(d.dutyAt.id, skola().id))
      const huvudman = organisations.find((o) => o.organisationType === 'Huvudman')!
      expect(await served(`/duties?organisation=${huvudman.id}`)).to.deep.equal(ids(duties))
      await selects('/duties?dutyRole=Rektor', duties, (d) => d.dutyRole === 'Rektor')
      await selects(`/duties?dutyRole=${enc('Speciallärare/specialpedagog')}`, duties, (d) => d.dutyRole === 'Speciallärare/specialpedagog')
      const person = duties.find((d) => d.dutyRole === 'Rektor')!.person!.id
      await selects(`/duties?person=${person}`, duties, (d) => d.person?.id === person)
      expect(await served(`/duties?person=${randomUUID()}`)).to.deep.equal([])
    })

    it('duties: start and end date windows are inclusive; duties without an endDate are always in', async function () {
      const s = middle(duties.map((d) => d.startDate))
      await selects(`/duties?startDate.onOrBefore=${s}`, duties, (d) => d.startDate <= s)
      await selects(`/duties?startDate.onOrAfter=${s}`, duties, (d) => d.startDate >= s)
      const ended = duties.find((d) => d.endDate && d.endDate < '2025-01-01')!
      await selects(`/duties?endDate.onOrAfter=2025-01-01`, duties, (d) => d.endDate === undefined || d.endDate >= '2025-01-01')
      await selects(`/duties?endDate.onOrBefore=${ended.endDate}`, duties, (d) => d.endDate === undefined || d.endDate <= ended.endDate!)
      expect((await api.get('/duties?startDate.onOrBefore=2025-02-30')).status).to.equal(400)
    })

    it('groups: groupType (repeatable), schoolTypes (repeatable), organisation (repeatable, direct only)', async function () {
      await selects('/groups?groupType=Klass', groups, (g) => g.groupType === 'Klass')
      await selects('/groups?groupType=Klass&groupType=Mentor', groups, (g) => g.groupType === 'Klass' || g.groupType === 'Mentor')
      await selects('/groups?schoolTypes=GY', groups, (g) => g.schoolType === 'GY')
      await selects('/groups?schoolTypes=FKLASS&schoolTypes=FS', groups, (g) => g.schoolType === 'FKLASS' || g.schoolType === 'FS')
      const [a, b] = units()
      await selects(`/groups?organisation=${a.id}`, groups, (g) => g.organisation.id === a.id)
      await selects(`/groups?organisation=${a.id}&organisation=${b.id}`, groups, (g) => [a.id, b.id].includes(g.organisation.id))
      expect(await served(`/groups?organisation=${skola().id}`), 'only groups directly at the organisation').to.deep.equal([])
    })

    it('groups: date windows; the open-ended department is always in', async function () {
      await selects('/groups?startDate.onOrAfter=2025-07-01', groups, (g) => g.startDate >= '2025-07-01')
      await selects('/groups?startDate.onOrBefore=2025-06-30', groups, (g) => g.startDate <= '2025-06-30')
      await selects('/groups?endDate.onOrBefore=2025-12-31', groups, (g) => g.endDate === undefined || g.endDate <= '2025-12-31')
      await selects('/groups?endDate.onOrAfter=2025-08-01', groups, (g) => g.endDate === undefined || g.endDate >= '2025-08-01')
      const open = groups.find((g) => g.endDate === undefined)!
      expect(await served('/groups?endDate.onOrBefore=1990-01-01')).to.deep.equal([open.id])
    })

    it('activities: member and teacher ignore the dates of memberships and assignments; organisation includes the elements below; group', async function () {
      const byGroup = new Map(groups.map((g) => [g.id, g]))
      const pupil = groups.find((g) => g.groupType === 'Provgrupp')!.groupMemberships![0].person.id
      const hasMember = (a: Activity, p: string) => a.groups.some((g) => byGroup.get(g.id)?.groupMemberships?.some((m) => m.person.id === p))
      await selects(`/activities?member=${pupil}`, activities, (a) => hasMember(a, pupil))
      // the test group ended before the base date: its activity is still the pupil's
      expect(await served(`/activities?member=${pupil}`)).to.include(activities.find((a) => a.activityType === 'Provaktivitet')!.id)
      const duty = duties.find((d) => d.dutyRole === 'Speciallärare/specialpedagog')!.id
      await selects(`/activities?teacher=${duty}`, activities, (a) => (a.teachers ?? []).some((t) => t.duty.id === duty))
      const teacher = activities[0].teachers![0].duty.id
      await selects(`/activities?teacher=${teacher}`, activities, (a) => (a.teachers ?? []).some((t) => t.duty.id === teacher))
      const person = duties.find((d) => d.id === teacher)!.person!.id
      expect(await served(`/activities?teacher=${person}`), 'teacher is a duty id, not a person id').to.deep.equal([])
      const unit = units()[2]
      await selects(`/activities?organisation=${unit.id}`, activities, (a) => a.organisation.id === unit.id)
      await selects(`/activities?organisation=${skola().id}`, activities, (a) => within(a.organisation.id, skola().id))
      const multi = activities.find((a) => a.groups.length > 1)!
      const group = multi.groups[1].id
      await selects(`/activities?group=${group}`, activities, (a) => a.groups.some((g) => g.id === group))
    })

    it('activities: date windows, and with member: the activity\'s own dates still apply', async function () {
      await selects('/activities?startDate.onOrAfter=2025-07-01', activities, (a) => a.startDate >= '2025-07-01')
      await selects('/activities?startDate.onOrBefore=2025-06-30', activities, (a) => a.startDate <= '2025-06-30')
      await selects('/activities?endDate.onOrBefore=2025-12-31', activities, (a) => a.endDate === undefined || a.endDate <= '2025-12-31')
      await selects('/activities?endDate.onOrAfter=2025-08-01', activities, (a) => a.endDate === undefined || a.endDate >= '2025-08-01')
      const pupil = groups.find((g) => g.groupType === 'Provgrupp')!.groupMemberships![0].person.id
      const current = await served(`/activities?member=${pupil}&endDate.onOrAfter=2025-08-01`)
      expect(current).to.not.include(activities.find((a) => a.activityType === 'Provaktivitet')!.id)
      expect(current.length).to.be.greaterThan(0)
    })

    for (const r of NEW) {
      it(`${r}: meta.created/modified.after exclusive, .before inclusive`, async function () {
        const all = records(r)
        for (const field of ['created', 'modified'] as const) {
          const at = [...all].sort((a, b) => Date.parse(a.meta[field]) - Date.parse(b.meta[field]))[all.length >> 1]
          const t = Date.parse(at.meta[field])
          await selects(`/${r}?meta.${field}.after=${enc(at.meta[field])}`, all, (x) => Date.parse(x.meta[field]) > t)
          await selects(`/${r}?meta.${field}.before=${enc(at.meta[field])}`, all, (x) => Date.parse(x.meta[field]) <= t)
        }
      })
    }

    it('refuses unknown enum values, a repeated dutyRole and malformed UUIDs and dates: 400 with an Error body', async function () {
      for (const q of [
        '/duties?dutyRole=Kommun',
        '/duties?dutyRole=Rektor&dutyRole=L%C3%A4rare',
        '/duties?organisation=not-a-uuid',
        '/duties?person=1',
        '/duties?expand=groups',
        '/groups?groupType=Klassrum',
        '/groups?schoolTypes=XX',
        '/groups?organisation=x',
        '/groups?endDate.onOrAfter=2025-1-1',
        '/groups?expand=person',
        '/activities?member=x',
        '/activities?teacher=x',
        '/activities?group=x',
        '/activities?expand=assignmentRoles',
        '/activities?sortkey=StartDateAsc',
        '/activities?meta.modified.after=2025-01-01',
      ]) {
        const a = await api.get(q)
        expect(a.status, q).to.equal(400)
        validSchema('Error', a.json)
      }
    })

    it('persons: relationship.entity.type duty and groupMembership, with relationship.organisation and dates', async function () {
      const unit = units()[0]
      const staff = [...new Set(duties.filter((d) => d.dutyAt.id === unit.id).map((d) => d.person!.id))].sort()
      expect(await served(`/persons?relationship.entity.type=duty&relationship.organisation=${unit.id}`)).to.deep.equal(staff)
      const everyone = [...new Set(duties.map((d) => d.person!.id))].sort()
      expect(await served('/persons?relationship.entity.type=duty')).to.deep.equal(everyone)
      // still at the unit on the base date: the ended duty drops out
      const ended = duties.find((d) => d.endDate && d.endDate < '2025-01-01')!
      const active = await served(`/persons?relationship.entity.type=duty&relationship.organisation=${ended.dutyAt.id}&relationship.endDate.onOrAfter=2025-08-01`)
      const stillThere = duties.filter((d) => d.dutyAt.id === ended.dutyAt.id && (d.endDate === undefined || d.endDate >= '2025-08-01')).map((d) => d.person!.id)
      expect(active).to.deep.equal([...new Set(stillThere)].sort())
      expect(active).to.not.include(ended.person!.id)
      // groupMembership: the members of the unit's groups and the staff with an assignment role in them
      const unitGroups = groups.filter((g) => g.organisation.id === unit.id)
      const members = unitGroups.flatMap((g) => (g.groupMemberships ?? []).map((m) => m.person.id))
      const roles = duties.filter((d) => (d.assignmentRole ?? []).some((a) => unitGroups.some((g) => g.id === a.group.id))).map((d) => d.person!.id)
      expect(roles.length).to.be.greaterThan(0)
      expect(await served(`/persons?relationship.entity.type=groupMembership&relationship.organisation=${unit.id}`)).to.deep.equal([...new Set([...members, ...roles])].sort())
    })
  })

  describe('references, expandReferenceNames and expand', function () {
    it('every reference of a duty, group or activity resolves to a record of the right endpoint', async function () {
      const want: Record<string, Set<string>> = { organisations: new Set(), persons: new Set(), groups: new Set(), duties: new Set() }
      for (const d of (await api.ok('/duties')).data) {
        want.persons.add(d.person.id)
        want.organisations.add(d.dutyAt.id)
        for (const a of d.assignmentRole ?? []) want.groups.add(a.group.id)
      }
      for (const g of (await api.ok('/groups')).data) {
        want.organisations.add(g.organisation.id)
        for (const m of g.groupMemberships ?? []) want.persons.add(m.person.id)
      }
      for (const a of (await api.ok('/activities')).data) {
        want.organisations.add(a.organisation.id)
        for (const g of a.groups) want.groups.add(g.id)
        for (const t of a.teachers ?? []) want.duties.add(t.duty.id)
      }
      for (const [r, set] of Object.entries(want)) {
        expect(set.size, r).to.be.greaterThan(0)
        const found = await api.post(`/${r}/lookup`, { ids: [...set] })
        expect(found.json.map((x: Json) => x.id).sort(), r).to.deep.equal([...set].sort())
      }
      const byId = new Map(organisations.map((o) => [o.id, o]))
      for (const d of duties) expect(byId.get(d.dutyAt.id)?.organisationType, 'dutyAt is a school unit').to.equal('Skolenhet')
    })

    it('references carry only id without expandReferenceNames, and the referenced record\'s name with it', async function () {
      const names = new Map<string, string>([
        ...organisations.map((o): [string, string] => [o.id, o.displayName]),
        ...persons.map((p): [string, string] => [p.id, `${p.givenName} ${p.familyName}`]),
        ...groups.map((g): [string, string] => [g.id, g.displayName]),
        ...data.syllabuses.map((x): [string, string] => [x.id, x.courseName ?? x.subjectName]),
      ])
      for (const r of NEW) {
        const plain = references((await api.ok(`/${r}`)).data)
        expect(plain.length, r).to.be.greaterThan(10)
        for (const ref of plain) expect(Object.keys(ref), r).to.deep.equal(['id'])
        for (const ref of references((await api.ok(`/${r}?expandReferenceNames=true`)).data)) {
          const d = duties.find((x) => x.id === ref.id)
          const name = d ? `${names.get(d.person!.id)} (${d.dutyRole})` : names.get(ref.id)
          expect(ref.displayName, `${r} -> ${ref.id}`).to.equal(name)
        }
      }
    })

    it('duties expand=person embeds the person (a Person, its references named under expandReferenceNames)', async function () {
      for (const d of (await api.ok('/duties?expand=person&expandReferenceNames=true')).data) {
        expect(d._embedded.person.id).to.equal(d.person.id)
        expect(d._embedded.person).to.not.have.property('_embedded')
        validSchema('Person', d._embedded.person)
      }
      const plain = await api.ok(`/duties/${duties[0].id}`)
      expect(plain).to.not.have.property('_embedded')
    })

    it('groups expand=assignmentRoles lists the duties with a role in the group', async function () {
      const mentor = groups.find((g) => g.groupType === 'Mentor')!
      const want = duties.flatMap((d) => (d.assignmentRole ?? []).filter((a) => a.group.id === mentor.id).map((a) => ({ duty: { id: d.id }, assignmentRoleType: a.assignmentRoleType, startDate: a.startDate, endDate: a.endDate })))
      expect(want.length).to.be.greaterThan(0)
      expect((await api.ok(`/groups/${mentor.id}?expand=assignmentRoles`))._embedded.assignmentRoles).to.deep.equal(want)
      const without = groups.find((g) => g.groupType === 'Undervisning')!
      expect((await api.ok(`/groups/${without.id}?expand=assignmentRoles`))._embedded).to.deep.equal({ assignmentRoles: [] })
    })

    it('activities expand=groups/teachers embeds the groups and the teachers\' duties; expand=syllabus the syllabus taught, when there is one', async function () {
      let withSyllabus = 0
      for (const a of (await api.ok('/activities?expand=groups&expand=teachers&expand=syllabus')).data) {
        expect(ids(a._embedded.groups)).to.deep.equal(a.groups.map((g: Json) => g.id))
        expect(ids(a._embedded.teachers)).to.deep.equal(a.teachers.map((t: Json) => t.duty.id))
        if (a.syllabus) {
          withSyllabus++
          expect(a._embedded.syllabus.id).to.equal(a.syllabus.id)
          validSchema('Syllabus', a._embedded.syllabus)
        } else expect(a._embedded).to.not.have.property('syllabus')
        for (const g of a._embedded.groups) validSchema('Group', g)
        for (const d of a._embedded.teachers) validSchema('Duty', d)
      }
      expect(withSyllabus).to.equal(activities.filter((a) => a.activityType === 'Undervisning').length)
      const plain = activities.find((a) => !a.syllabus)!
      expect((await api.ok(`/activities/${plain.id}?expand=syllabus`))._embedded).to.deep.equal({})
    })

    it('persons expand=duties embeds the duties current on the data\'s date; expand=groupMemberships the groups as fragments', async function () {
      const special = duties.find((d) => d.dutyRole === 'Speciallärare/specialpedagog')!.person!.id
      const p = await api.ok(`/persons/${special}?expand=duties&expand=groupMemberships`)
      const current = duties.filter((d) => d.person?.id === special && d.startDate <= '2025-08-01' && (d.endDate === undefined || d.endDate >= '2025-08-01'))
      expect(duties.filter((d) => d.person?.id === special).length, 'one of them has ended').to.equal(current.length + 1)
      expect(ids(p._embedded.duties)).to.deep.equal(sortedIds(current))
      expect(p._embedded.groupMemberships).to.deep.equal([])
      const pupil = groups.find((g) => g.groupType === 'Provgrupp')!.groupMemberships![0].person.id
      const q = await api.ok(`/persons/${pupil}?expand=groupMemberships&expandReferenceNames=true`)
      const mine = groups.filter((g) => g.groupMemberships?.some((m) => m.person.id === pupil))
      expect(q._embedded.groupMemberships.map((m: Json) => m.group.id)).to.deep.equal(sortedIds(mine))
      expect(mine.filter((g) => g.groupType === 'Klass')).to.have.length(1)
      for (const m of q._embedded.groupMemberships) {
        expect(m.group).to.not.have.property('groupMemberships')
        expect(m.group.organisation.displayName).to.be.a('string')
        validSchema('GroupFragment', m.group)
      }
      validAnswer('GET /persons/{id}', q)
    })
  })

  describe('items and lookups', function () {
    it('an item equals its list record, with and without expand and expandReferenceNames', async function () {
      for (const [r, q] of [['duties', ''], ['groups', '?expandReferenceNames=true'], ['activities', '?expand=groups&expand=teachers'], ['duties', '?expand=person&expandReferenceNames=true']]) {
        for (const rec of (await api.ok(`/${r}${q}`)).data) expect(await api.ok(`/${r}/${rec.id}${q}`), `${r}/${rec.id}${q}`).to.deep.equal(rec)
      }
    })

    it('answers a malformed id 400 and an unknown or deleted id 404', async function () {
      for (const r of NEW) {
        const bad = await api.get(`/${r}/not-a-uuid`)
        expect([bad.status, bad.json.code], r).to.deep.equal([400, 'invalid_id'])
        expect((await api.get(`/${r}/${randomUUID()}`)).status, r).to.equal(404)
      }
      for (const d of deletions) {
        const r = { Person: 'persons', Group: 'groups', Duty: 'duties', Activity: 'activities', Organisation: 'organisations' }[d.entity as string]
        if (r) expect((await api.get(`/${r}/${d.id}`)).status, `${d.entity} ${d.id}`).to.equal(404)
      }
    })

    it('lookups return exactly the known ids asked for; activities also by teachers (duty ids) and members (person ids)', async function () {
      for (const r of NEW) {
        const some = [records(r)[0].id, records(r).at(-1)!.id]
        const a = await api.post(`/${r}/lookup`, { ids: [...some, randomUUID()] })
        expect(a.json.map((x: Json) => x.id), r).to.deep.equal(some)
        expect((await api.post(`/${r}/lookup`, {})).json, r).to.deep.equal([])
      }
      const teacher = activities[0].teachers![0].duty.id
      const byTeacher = (await api.post('/activities/lookup', { teachers: [teacher] })).json.map((x: Json) => x.id)
      expect(byTeacher).to.deep.equal(ids(activities.filter((a) => a.teachers?.some((t) => t.duty.id === teacher))))
      const pupil = groups.find((g) => g.groupType === 'Mentor')!.groupMemberships![0].person.id
      const byMember = (await api.post('/activities/lookup', { members: [pupil] })).json.map((x: Json) => x.id)
      expect(byMember).to.deep.equal(ids(await api.ok(`/activities?member=${pupil}`).then((b) => b.data)))
      expect(byMember.length).to.be.greaterThan(1)
      const union = (await api.post('/activities/lookup', { ids: [activities[0].id], members: [pupil] })).json.map((x: Json) => x.id)
      expect(union).to.deep.equal([...new Set([activities[0].id, ...byMember])].sort())
      for (const body of [{ teachers: ['x'] }, { members: 'x' }, { ids: [1] }]) expect((await api.post('/activities/lookup', body)).status, JSON.stringify(body)).to.equal(400)
    })
  })

  describe('deletedEntities', function () {
    it('lists every deletion by type under the spec\'s member names, one member per type', async function () {
      const body = await api.ok('/deletedEntities')
      expect(Object.keys(body.data).sort()).to.deep.equal(Object.values(DELETED_KEYS).sort())
      expect(body.pageToken).to.equal(null)
      for (const [type, key] of Object.entries(DELETED_KEYS)) {
        expect(body.data[key], key).to.deep.equal(deletions.filter((d) => d.entity === type).map((d) => d.id))
      }
      const known = new Set([...organisations, ...persons, ...duties, ...groups, ...activities].map((x) => x.id))
      for (const d of deletions) expect(known.has(d.id), 'a deleted id is in no list').to.equal(false)
    })

    it('after is exclusive: a deletion at the instant itself is left out, later ones are in', async function () {
      const at = deletions[2]
      const body = await api.ok(`/deletedEntities?after=${enc(at.deletedAt)}`)
      const got = Object.values(body.data).flat()
      expect(got).to.not.include(at.id)
      expect(got.sort()).to.deep.equal(deletions.filter((d) => Date.parse(d.deletedAt) > Date.parse(at.deletedAt)).map((d) => d.id).sort())
      const earlier = new Date(Date.parse(at.deletedAt) - 1000).toISOString().replace(/\.000Z$/, '+00:00')
      expect(Object.values((await api.ok(`/deletedEntities?after=${enc(earlier)}`)).data).flat()).to.include(at.id)
      expect(Object.values((await api.ok('/deletedEntities?after=2999-01-01T00:00:00Z')).data).flat()).to.deep.equal([])
    })

    it('entities narrows to the types asked (repeatable); an unknown type or a malformed after is 400', async function () {
      const persons = await api.ok('/deletedEntities?entities=Person')
      expect(persons.data).to.deep.equal({ persons: deletions.filter((d) => d.entity === 'Person').map((d) => d.id) })
      const two = await api.ok('/deletedEntities?entities=Activity&entities=Group&entities=Placement')
      expect(Object.keys(two.data).sort()).to.deep.equal(['activitites', 'groups', 'placements'])
      expect(two.data.activitites).to.have.length(deletions.filter((d) => d.entity === 'Activity').length)
      expect(two.data.placements).to.deep.equal(deletions.filter((d) => d.entity === 'Placement').map((d) => d.id))
      expect((await api.ok('/deletedEntities?entities=Grade')).data).to.deep.equal({ grades: [] })
      for (const q of ['entities=Persons', 'entities=person', 'after=2025-01-01', 'after=yesterday', 'after=2025-01-01T00:00:00Z&after=2025-02-01T00:00:00Z']) {
        const a = await api.get(`/deletedEntities?${q}`)
        expect(a.status, q).to.equal(400)
        validSchema('Error', a.json)
      }
    })

    it('pages with limit: every deletion once, oldest first, the query kept in the token', async function () {
      const pages = await api.walk('/deletedEntities?limit=2', 2)
      expect(pages).to.have.length(Math.ceil(deletions.length / 2))
      const seen = pages.flatMap((p) => Object.values(p.data).flat())
      expect(seen.sort()).to.deep.equal(ids(deletions).sort())
      for (const p of pages) expect(Object.values(p.data).flat().length).to.be.within(1, 2)
      const after = deletions[1].deletedAt
      const narrowed = await api.walk(`/deletedEntities?after=${enc(after)}&entities=Person&entities=Group&limit=1`, 1)
      const want = deletions.filter((d) => Date.parse(d.deletedAt) > Date.parse(after) && ['Person', 'Group'].includes(d.entity))
      expect(narrowed.flatMap((p) => Object.values(p.data).flat())).to.deep.equal(ids(want))
      for (const p of narrowed) expect(Object.keys(p.data).sort()).to.deep.equal(['groups', 'persons'])
    })
  })

  describe('faults reach the new endpoints', function () {
    async function withServer(faults: Parameters<typeof startReferenceServer>[0], fn: (c: Client) => Promise<void>) {
      const s = await startReferenceServer(faults)
      try {
        await fn(new Client(s))
      } finally {
        await s.close()
      }
    }
    it('filter.unknown-enum-ignored drops unknown dutyRole, groupType and entities values', async function () {
      await withServer({ faults: ['filter.unknown-enum-ignored'] }, async (c) => {
        expect((await c.ok('/duties?dutyRole=Kommun')).data).to.have.length(duties.length)
        expect(ids((await c.ok('/groups?groupType=Klass&groupType=Klassrum')).data)).to.deep.equal(ids(groups.filter((g) => g.groupType === 'Klass')))
        expect(Object.keys((await c.ok('/deletedEntities?entities=Nope')).data)).to.have.length(18)
      })
    })
    it('paging and ern faults act on the new lists too', async function () {
      await withServer({ faults: ['paging.ignore-limit', 'ern.always-display-name'] }, async (c) => {
        const body = await c.ok('/activities?limit=2')
        expect([body.data.length, body.pageToken]).to.deep.equal([activities.length, null])
        for (const ref of references(body.data)) expect(ref.displayName).to.be.a('string')
      })
    })
  })
})
