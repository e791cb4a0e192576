// The reference server's rest of the read model (placements, programmes, studyplans, syllabuses,
// schoolUnitOfferings, calendarEvents, attendances, attendanceEvents, attendanceSchedule, grades, absences,
// aggregatedAttendance, resources, rooms): the generated data is coherent, every filter narrows to exactly the
// records it should, every sortkey orders the whole list across pages, lookups, expand and expandReferenceNames.

import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { BASE_DATE, generateDataset, type GeneratedDataset } from '../../fixtures/generate.js'
import type { FaultId } from '../../src/reference/faults.js'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { LIST_PARAMS, MORE_RESOURCES, type Resource } from '../../src/reference/store.js'
import { loadSpec, type Spec } from '../../src/spec/load.js'
import { call, type Answer, type Json } from '../helpers/http.js'

type Rec = { id: string } & Record<string, Json>

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id)
const enc = encodeURIComponent
/** The calendarEvents list needs its window; this one holds every event. */
const WINDOW = `startTime.onOrAfter=${enc('2000-01-01T00:00:00Z')}&startTime.onOrBefore=${enc('2030-01-01T00:00:00Z')}`

describe('reference server: the rest of the read model', function () {
  let server: ReferenceServer
  let data: GeneratedDataset
  let spec: Spec
  let token: string
  const get = (q: string): Promise<Answer> => call(server.baseUrl + q, { headers: { authorization: `Bearer ${token}` } })
  const ok = async (q: string): Promise<Json> => {
    const a = await get(q)
    expect(a.status, `${q}: ${a.text.slice(0, 300)}`).to.equal(200)
    return a.json
  }
  const post = (q: string, body: unknown) =>
    call(server.baseUrl + q, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const rows = (r: Resource): Rec[] => [...((data as unknown as Record<string, Rec[]>)[r] ?? [])].sort(byId)
  const path = (r: Resource, q = '') => {
    const window = r === 'calendarEvents' ? WINDOW : ''
    const query = [window, q].filter(Boolean).join('&')
    return `/${r}${query ? `?${query}` : ''}`
  }
  /** The filter selects exactly the records `want` keeps, a non-empty part of them (so it narrows). */
  async function selects(r: Resource, q: string, want: (x: Rec) => boolean) {
    const all = rows(r)
    const expected = all.filter(want).map((x) => x.id)
    expect(expected.length, `${r}?${q} selects something`).to.be.greaterThan(0)
    expect(expected.length, `${r}?${q} leaves something out`).to.be.lessThan(all.length)
    expect(ids((await ok(path(r, q))).data), `${r}?${q}`).to.deep.equal(expected)
  }
  const validSchema = (name: string, value: unknown) => {
    const o = spec.validators.validate(`#/components/schemas/${name}`, value)
    expect(o.valid, `${name}: ${o.errors.slice(0, 5).join('; ')}`).to.equal(true)
  }

  before(async function () {
    server = await startReferenceServer()
    data = server.dataset as GeneratedDataset
    spec = await loadSpec()
    token = await server.issueToken()
  })
  after(() => server.close())

  describe('the data', function () {
    it('has every kind, modestly sized, each record valid against its schema', function () {
      const schema: Record<string, string> = {
        placements: 'Placement', programmes: 'Programme', studyplans: 'StudyPlan', syllabuses: 'Syllabus', schoolUnitOfferings: 'SchoolUnitOffering',
        calendarEvents: 'CalendarEvent', attendances: 'Attendance', attendanceEvents: 'AttendanceEvent', attendanceSchedule: 'AttendanceSchedule',
        grades: 'Grade', absences: 'Absence', resources: 'Resource', rooms: 'Room',
      }
      for (const r of MORE_RESOURCES) {
        expect(rows(r).length, r).to.be.within(2, 80)
        for (const rec of rows(r)) validSchema(schema[r], rec)
      }
    })

    it('is coherent with the records it builds on: every reference resolves to a record of the right kind', function () {
      const kinds = new Map<string, string>()
      for (const [r, xs] of Object.entries(data)) for (const x of xs as { id: string }[]) kinds.set(x.id, r)
      const refs: [string, (x: Rec) => (string | undefined)[], string][] = [
        ['placements', (p) => [p.placedAt.id], 'organisations'],
        ['placements', (p) => [p.child.id, ...(p.owners ?? []).map((o: Json) => o.id)], 'persons'],
        ['placements', (p) => [p.group?.id], 'groups'],
        ['studyplans', (s) => [s.student.id], 'persons'],
        ['studyplans', (s) => s.content.flatMap((c: Json) => c.syllabuses.map((x: Json) => x.syllabus.id)), 'syllabuses'],
        ['schoolUnitOfferings', (o) => o.offeredSyllabuses.map((x: Json) => x.id), 'syllabuses'],
        ['calendarEvents', (e) => [e.activity.id], 'activities'],
        ['calendarEvents', (e) => (e.rooms ?? []).map((x: Json) => x.id), 'rooms'],
        ['attendances', (a) => [a.calendarEvent.id], 'calendarEvents'],
        ['attendances', (a) => [a.student.id, a.reporter?.id], 'persons'],
        ['attendanceEvents', (a) => [a.person.id, a.registeredBy?.id], 'persons'],
        ['attendanceEvents', (a) => [a.group.id], 'groups'],
        ['attendanceSchedule', (s) => [s.placement.id], 'placements'],
        ['grades', (g) => [g.student.id, g.registeredBy.id, g.gradingTeacher?.id], 'persons'],
        ['grades', (g) => [g.syllabus.id], 'syllabuses'],
        ['absences', (a) => [a.student.id, a.registeredBy?.id], 'persons'],
        ['rooms', (x) => [x.owner.id], 'organisations'],
        ['activities', (a) => [a.syllabus?.id], 'syllabuses'],
      ]
      for (const [r, f, kind] of refs) for (const x of rows(r as Resource)) for (const id of f(x)) if (id !== undefined) expect(kinds.get(id), `${r} ${x.id} -> ${id}`).to.equal(kind)
      // Preschool placements are owned by the child's guardians; grades are of enrolled pupils.
      const persons = new Map(data.persons.map((p) => [p.id, p]))
      for (const p of data.placements) {
        const guardians = (persons.get(p.child.id)!.responsibles ?? []).map((x) => x.person!.id).sort()
        expect((p.owners ?? []).map((o) => o.id).sort()).to.deep.equal(guardians)
      }
      for (const g of data.grades) expect(persons.get(g.student.id)!.enrolments?.some((e) => e.enroledAt.id === g.organisation.id)).to.equal(true)
    })

    it('stamps every record before the base date, no two of a kind at the same instant', function () {
      for (const r of MORE_RESOURCES) {
        const xs = rows(r)
        for (const x of xs) expect(Date.parse(x.meta.modified), r).to.be.at.most(Date.parse(BASE_DATE))
        for (const f of ['created', 'modified']) expect(new Set(xs.map((x) => x.meta[f])).size, `${r} ${f}`).to.equal(xs.length)
      }
    })

    it('is deterministic and scales: same seed, same bytes; other options stay coherent', function () {
      expect(JSON.stringify(generateDataset())).to.equal(JSON.stringify(generateDataset()))
      for (const d of [generateDataset({ seed: 2, schoolUnits: 1, pupilsPerUnit: 0 }), generateDataset({ seed: 3, schoolUnits: 6, pupilsPerUnit: 4 })]) {
        for (const g of d.grades) validSchema('Grade', g)
        for (const p of d.placements) validSchema('Placement', p)
      }
    })
  })

  describe('filters narrow to exactly their records', function () {
    const units = () => data.organisations.filter((o) => o.organisationType === 'Skolenhet')
    const huvudman = () => data.organisations.find((o) => o.organisationType === 'Huvudman')!
    const unitOf = (types: string) => units().find((u) => u.schoolTypes?.includes(types as never))!

    it('placements: organisation, group, child, owner, date windows (open-ended always in)', async function () {
      const fs = unitOf('FS')
      await selects('placements', `organisation=${fs.id}`, (p) => p.placedAt.id === fs.id)
      const withGroup = rows('placements').find((p) => p.group)!
      await selects('placements', `group=${withGroup.group.id}`, (p) => p.group?.id === withGroup.group.id)
      const child = rows('placements')[0].child.id
      await selects('placements', `child=${child}`, (p) => p.child.id === child)
      const owner = rows('placements')[0].owners[0].id
      await selects('placements', `owner=${owner}`, (p) => (p.owners ?? []).some((o: Json) => o.id === owner))
      await selects('placements', 'endDate.onOrAfter=2025-07-15', (p) => p.endDate === undefined || p.endDate >= '2025-07-15')
      await selects('placements', 'startDate.onOrAfter=2025-08-01', (p) => p.startDate >= '2025-08-01')
      expect(ids((await ok(`/placements?endDate.onOrBefore=1990-01-01`)).data)).to.deep.equal(ids(rows('placements').filter((p) => !p.endDate)))
    })

    it('persons: relationship.entity.type placement.child, placement.owner and responsibleFor.placement, with organisation and dates', async function () {
      const persons = new Map(data.persons.map((p) => [p.id, p]))
      const select = async (q: string, want: (p: Rec) => boolean) => {
        const expected = [...data.persons].sort(byId).filter((p) => want(p as unknown as Rec)).map((p) => p.id)
        expect(expected.length, q).to.be.greaterThan(0)
        expect(expected.length, q).to.be.lessThan(data.persons.length)
        expect(ids((await ok(`/persons?${q}`)).data), q).to.deep.equal(expected)
      }
      const children = new Set(data.placements.map((p) => p.child.id))
      const owners = new Set(data.placements.flatMap((p) => (p.owners ?? []).map((o) => o.id)))
      await select('relationship.entity.type=placement.child', (p) => children.has(p.id))
      await select('relationship.entity.type=placement.owner', (p) => owners.has(p.id))
      const responsible = new Set(data.placements.flatMap((p) => (persons.get(p.child.id)!.responsibles ?? []).map((r) => r.person!.id)))
      await select('relationship.entity.type=responsibleFor.placement', (p) => responsible.has(p.id))
      const fs = units().find((u) => u.schoolTypes?.includes('FS'))!
      const atFs = new Set(data.placements.filter((p) => p.placedAt.id === fs.id).map((p) => p.child.id))
      await select(`relationship.entity.type=placement.child&relationship.organisation=${fs.id}`, (p) => atFs.has(p.id))
      const ended = new Set(data.placements.filter((p) => !p.endDate || p.endDate >= '2025-07-01').map((p) => p.child.id))
      await select('relationship.entity.type=placement.child&relationship.endDate.onOrAfter=2025-07-01', (p) => ended.has(p.id))
    })

    it('programmes: schoolType, code, parentProgramme; studyplans: student, date windows', async function () {
      expect(ids((await ok('/programmes?schoolType=GR')).data)).to.deep.equal([])
      await selects('programmes', 'code=NA', (p) => p.code === 'NA')
      const na = rows('programmes').find((p) => p.code === 'NA')!
      await selects('programmes', `parentProgramme=${na.id}`, (p) => p.parentProgramme?.id === na.id)
      const [a, b] = rows('studyplans')
      await selects('studyplans', `student=${a.student.id}&student=${b.student.id}`, (s) => [a.student.id, b.student.id].includes(s.student.id))
      await selects('studyplans', 'startDate.onOrAfter=2024-01-01', (s) => s.startDate >= '2024-01-01')
      await selects('studyplans', 'endDate.onOrAfter=2027-01-01', (s) => s.endDate === undefined || s.endDate >= '2027-01-01')
    })

    it('schoolUnitOfferings, rooms, resources: organisation (the unit or an element above it)', async function () {
      const gy = unitOf('GY')
      await selects('schoolUnitOfferings', `organisation=${gy.id}`, (o) => o.offeredAt.id === gy.id)
      await selects('rooms', `organisation=${gy.id}`, (o) => o.owner.id === gy.id)
      await selects('resources', `organisation=${gy.id}`, (o) => o.owner.id === gy.id)
      expect(ids((await ok(`/rooms?organisation=${huvudman().id}`)).data)).to.deep.equal(ids(rows('rooms')))
    })

    it('calendarEvents: the required start window, endTime, activity, student, teacher, organisation, group', async function () {
      const activities = new Map(data.activities.map((a) => [a.id, a]))
      const groups = new Map(data.groups.map((g) => [g.id, g]))
      const spring = `startTime.onOrAfter=${enc('2025-01-01T00:00:00+01:00')}&startTime.onOrBefore=${enc('2025-06-30T00:00:00+02:00')}`
      const springIds = ids(rows('calendarEvents').filter((e) => e.startTime < '2025-07'))
      expect(springIds.length).to.be.greaterThan(0)
      expect(ids((await ok(`/calendarEvents?${spring}`)).data)).to.deep.equal(springIds)
      // Instants compare across offsets: 09:00+02:00 is 07:00Z, inside a window that starts at 07:00Z.
      const e = rows('calendarEvents').find((x) => x.startTime < '2025-07')!
      const at = new Date(Date.parse(e.startTime)).toISOString().replace('.000', '')
      expect(ids((await ok(`/calendarEvents?startTime.onOrAfter=${at}&startTime.onOrBefore=${at}`)).data)).to.include(e.id)
      await selects('calendarEvents', `endTime.onOrBefore=${enc('2025-07-01T00:00:00Z')}`, (x) => x.endTime < '2025-07')
      await selects('calendarEvents', `endTime.onOrAfter=${enc('2025-07-01T00:00:00Z')}`, (x) => x.endTime > '2025-07')
      const act = rows('calendarEvents')[0].activity.id
      await selects('calendarEvents', `activity=${act}`, (x) => x.activity.id === act)
      const group = activities.get(act)!.groups[0].id
      await selects('calendarEvents', `group=${group}`, (x) => activities.get(x.activity.id)!.groups.some((g) => g.id === group))
      const student = groups.get(group)!.groupMemberships![0].person.id
      const member = (x: Rec) => activities.get(x.activity.id)!.groups.some((g) => groups.get(g.id)!.groupMemberships!.some((m) => m.person.id === student))
      await selects('calendarEvents', `student=${student}`, member)
      const duty = activities.get(act)!.teachers![0].duty.id
      await selects('calendarEvents', `teacher=${duty}`, (x) => (activities.get(x.activity.id)!.teachers ?? []).some((t) => t.duty.id === duty))
      const unit = activities.get(act)!.organisation.id
      await selects('calendarEvents', `organisation=${unit}`, (x) => activities.get(x.activity.id)!.organisation.id === unit)
    })

    it('attendances: student, organisation, calendarEvent; attendanceEvents: group, person; attendanceSchedule: placement, group, dates', async function () {
      const a = rows('attendances')
      await selects('attendances', `student=${a[0].student.id}`, (x) => x.student.id === a[0].student.id)
      const ev = a.at(-1)!.calendarEvent.id
      await selects('attendances', `calendarEvent=${ev}`, (x) => x.calendarEvent.id === ev)
      const act = data.activities.find((x) => x.id === data.calendarEvents.find((e) => e.id === ev)!.activity.id)!
      expect(ids((await ok(`/attendances?organisation=${act.organisation.id}`)).data)).to.deep.equal(ids(a))
      expect(ids((await ok(`/attendances?organisation=${unitOf('FS').id}`)).data)).to.deep.equal([])
      const person = rows('attendanceEvents')[0].person.id
      await selects('attendanceEvents', `person=${person}`, (x) => x.person.id === person)
      const group = rows('attendanceEvents')[0].group.id
      expect(ids((await ok(`/attendanceEvents?group=${group}&group=${randomUUID()}`)).data)).to.deep.equal(ids(rows('attendanceEvents').filter((x) => x.group.id === group)))
      const sched = rows('attendanceSchedule')[0]
      await selects('attendanceSchedule', `placement=${sched.placement.id}`, (x) => x.placement.id === sched.placement.id)
      const placements = new Map(data.placements.map((p) => [p.id, p]))
      const pg = data.placements.find((p) => p.group)!.group!.id
      await selects('attendanceSchedule', `group=${pg}`, (x) => placements.get(x.placement.id)!.group?.id === pg)
      await selects('attendanceSchedule', 'startDate.onOrAfter=2025-08-01', (x) => x.startDate >= '2025-08-01')
    })

    it('grades: organisation, student, registeredBy, gradingTeacher, registeredDate window', async function () {
      const g = rows('grades')
      const unit = g.at(-1)!.organisation.id
      await selects('grades', `organisation=${unit}`, (x) => x.organisation.id === unit)
      await selects('grades', `student=${g[0].student.id}`, (x) => x.student.id === g[0].student.id)
      await selects('grades', `registeredBy=${g[0].registeredBy.id}`, (x) => x.registeredBy.id === g[0].registeredBy.id)
      await selects('grades', `gradingTeacher=${g[0].gradingTeacher.id}`, (x) => x.gradingTeacher?.id === g[0].gradingTeacher.id)
      expect((await ok('/grades?registeredDate.onOrAfter=2025-06-10&registeredDate.onOrBefore=2025-06-10')).data).to.have.length(g.length)
      expect((await ok('/grades?registeredDate.onOrAfter=2025-06-11')).data).to.deep.equal([])
    })

    it('absences: organisation, student, registeredBy, type (enum: 400 for another value), start and end time windows', async function () {
      const a = rows('absences')
      await selects('absences', 'type=Beviljad%20ledighet', (x) => x.type === 'Beviljad ledighet')
      await selects('absences', `type=${enc('Anmäld frånvaro')}`, (x) => x.type === 'Anmäld frånvaro')
      expect((await get('/absences?type=Sjuk')).status).to.equal(400)
      await selects('absences', `student=${a[0].student.id}`, (x) => x.student.id === a[0].student.id)
      await selects('absences', `registeredBy=${a[0].registeredBy.id}`, (x) => x.registeredBy?.id === a[0].registeredBy.id)
      await selects('absences', `organisation=${a[0].organisation.id}`, (x) => x.organisation?.id === a[0].organisation.id)
      const t = '2025-07-01T00:00:00Z'
      await selects('absences', `startTime.onOrAfter=${enc(t)}`, (x) => Date.parse(x.startTime) >= Date.parse(t))
      await selects('absences', `endTime.onOrBefore=${enc(t)}`, (x) => Date.parse(x.endTime) <= Date.parse(t))
    })

    it('refuses malformed values: 400', async function () {
      for (const q of ['/placements?child=nope', '/grades?registeredDate.onOrAfter=2025-13-01', '/programmes?schoolType=XX', '/calendarEvents?startTime.onOrAfter=2025-01-01&startTime.onOrBefore=2025-02-01']) {
        expect((await get(q)).status, q).to.equal(400)
      }
    })
  })

  describe('sort keys', function () {
    const instant = (s: string | undefined) => (s === undefined ? undefined : Date.parse(s))
    const collator = new Intl.Collator('sv', { sensitivity: 'variant' })
    /** The value a sortkey orders by, and its direction. */
    function keyOf(key: string): { value: (x: Json) => string | number | undefined; dir: 1 | -1; text: boolean } {
      if (key === 'ModifiedDesc') return { value: (x) => instant(x.meta.modified), dir: -1, text: false }
      const m = /^(.+?)(Asc|Desc)$/.exec(key)!
      const field = m[1][0].toLowerCase() + m[1].slice(1)
      const dir = m[2] === 'Asc' ? 1 : -1
      if (field === 'displayName' || field === 'name' || field === 'code' || field.startsWith('subject') || field.startsWith('course')) return { value: (x) => x[field], dir, text: true }
      if (field === 'startTime') return { value: (x) => instant(x.startTime), dir, text: false }
      return { value: (x) => x[field], dir, text: false }
    }
    for (const r of MORE_RESOURCES) {
      const keys = (LIST_PARAMS[r].sortkey?.kind as { enum: string[] } | undefined)?.enum ?? []
      if (!keys.length) continue
      it(`${r}: ${keys.join(', ')} order the whole list, the same across pages of 3`, async function () {
        for (const key of keys) {
          const all = (await ok(path(r, `sortkey=${key}`))).data
          expect(all, key).to.have.length(rows(r).length)
          const walked: Json[] = []
          let page = await ok(path(r, `sortkey=${key}&limit=3`))
          walked.push(...page.data)
          while (page.pageToken) {
            page = await ok(`/${r}?pageToken=${enc(page.pageToken)}`)
            walked.push(...page.data)
          }
          expect(ids(walked), key).to.deep.equal(ids(all))
          const { value, dir, text } = keyOf(key)
          for (let i = 1; i < all.length; i++) {
            const [a, b] = [value(all[i - 1]), value(all[i])]
            if (a === undefined || b === undefined) {
              expect(b, `${r} ${key} at ${i}: missing values last`).to.equal(undefined)
              continue
            }
            const c = text ? collator.compare(String(a), String(b)) : a < b ? -1 : a > b ? 1 : 0
            expect(c * dir, `${r} ${key} at ${i}: ${a} then ${b}`).to.be.at.most(0)
            if (c === 0) expect(all[i - 1].id < all[i].id, `${r} ${key} at ${i}: ties by id`).to.equal(true)
          }
        }
        expect((await get(path(r, 'sortkey=FamilyNameAsc'))).status).to.equal(400)
      })
    }
  })

  describe('lookups, expand and expandReferenceNames', function () {
    it('lookups by the other members of their bodies', async function () {
      const p = rows('placements')[0]
      const byPerson = ids(rows('placements').filter((x) => x.child.id === p.child.id || (x.owners ?? []).some((o: Json) => o.id === p.child.id)))
      expect(ids((await post('/placements/lookup', { personIds: [p.child.id] })).json)).to.deep.equal(byPerson)
      const e = rows('calendarEvents')[0]
      expect(ids((await post('/calendarEvents/lookup', { activities: [e.activity.id] })).json)).to.deep.equal(ids(rows('calendarEvents').filter((x) => x.activity.id === e.activity.id)))
      const a = rows('attendances')[0]
      expect(ids((await post('/attendances/lookup', { calendareEvents: [a.calendarEvent.id] })).json)).to.deep.equal(ids(rows('attendances').filter((x) => x.calendarEvent.id === a.calendarEvent.id)))
      expect(ids((await post('/attendances/lookup', { students: [a.student.id] })).json)).to.deep.equal(ids(rows('attendances').filter((x) => x.student.id === a.student.id)))
      const ae = rows('attendanceEvents')[0]
      expect(ids((await post('/attendanceEvents/lookup', { person: [ae.person.id] })).json)).to.deep.equal(ids(rows('attendanceEvents').filter((x) => x.person.id === ae.person.id)))
      const s = rows('attendanceSchedule')[0]
      expect(ids((await post('/attendanceSchedule/lookup', { placement: [s.placement.id] })).json)).to.deep.equal([s.id])
      expect((await post('/grades/lookup', { ids: ['nope'] })).status).to.equal(400)
      // studyplans have no lookup: POST is not a method of /studyplans/{id}
      expect((await post('/studyplans/lookup', { ids: [] })).status).to.equal(405)
    })

    it('expand embeds the records named: placements child/owners, calendarEvents activity/attendance, attendanceEvents person/group/registeredBy, persons placements/ownedPlacements', async function () {
      for (const p of (await ok('/placements?expand=child&expand=owners')).data) {
        expect(p._embedded.child.id).to.equal(p.child.id)
        expect(ids(p._embedded.owners)).to.deep.equal((p.owners ?? []).map((o: Json) => o.id))
        validSchema('PlacementExpanded', p)
      }
      const events = (await ok(path('calendarEvents', 'expand=activity&expand=attendance'))).data
      for (const e of events) {
        expect(e._embedded.activity.id).to.equal(e.activity.id)
        expect(ids(e._embedded.attendance)).to.deep.equal(ids(rows('attendances').filter((a) => a.calendarEvent.id === e.id)))
      }
      expect(events.some((e: Json) => e._embedded.attendance.length > 0)).to.equal(true)
      for (const x of (await ok('/attendanceEvents?expand=person&expand=group&expand=registeredBy&limit=5')).data) {
        expect(x._embedded.person.id).to.equal(x.person.id)
        expect(x._embedded.group.id).to.equal(x.group.id)
        expect(x._embedded.group).to.not.have.property('groupMemberships')
        expect(x._embedded.registeredBy.id).to.equal(x.registeredBy.id)
      }
      const child = rows('placements')[0].child.id
      const owner = rows('placements')[0].owners[0].id
      const kid = await ok(`/persons/${child}?expand=placements`)
      expect(ids(kid._embedded.placements)).to.deep.equal(ids(rows('placements').filter((p) => p.child.id === child)))
      const guardian = await ok(`/persons/${owner}?expand=ownedPlacements`)
      expect(ids(guardian._embedded.ownedPlacements)).to.deep.equal(ids(rows('placements').filter((p) => (p.owners ?? []).some((o: Json) => o.id === owner))))
      expect(await ok('/placements?limit=1')).to.not.have.nested.property('data[0]._embedded')
    })

    it('references carry displayName only with expandReferenceNames=true, the referenced record\'s name', async function () {
      const rooms = new Map(data.rooms.map((r) => [r.id, r.displayName]))
      /** Every object with an id below a record's top level, outside _embedded. */
      const references = (v: Json, depth = 0): Json[] => {
        if (!v || typeof v !== 'object') return []
        if (Array.isArray(v)) return v.flatMap((x) => references(x, depth))
        const here = depth > 0 && typeof v.id === 'string' ? [v] : []
        return [...here, ...Object.entries(v).flatMap(([k, x]) => (k === '_embedded' ? [] : references(x, depth + 1)))]
      }
      for (const r of MORE_RESOURCES) {
        const plain = references((await ok(path(r))).data)
        expect(plain.length > 0, r).to.equal(r !== 'syllabuses') // a syllabus references nothing
        for (const ref of plain) expect(Object.keys(ref), r).to.deep.equal(['id'])
        const named = references((await ok(path(r, 'expandReferenceNames=true'))).data)
        for (const ref of named) expect(ref.displayName, `${r} -> ${ref.id}`).to.be.a('string')
      }
      const named = (await ok(path('calendarEvents', 'expandReferenceNames=true'))).data
      for (const e of named) {
        expect(e.activity.displayName).to.equal(data.activities.find((a) => a.id === e.activity.id)!.displayName)
        for (const room of e.rooms ?? []) expect(room.displayName).to.equal(rooms.get(room.id))
      }
      const grade = (await ok('/grades?expandReferenceNames=true&limit=1')).data[0]
      const syllabus = data.syllabuses.find((s) => s.id === grade.syllabus.id)!
      expect(grade.syllabus.displayName).to.equal(syllabus.courseName ?? syllabus.subjectName)
      expect(grade.student.displayName).to.be.a('string')
      // attendances/{id} declares no expandReferenceNames: the parameter is not read there
      const a = rows('attendances')[0]
      expect(JSON.stringify(await ok(`/attendances/${a.id}?expandReferenceNames=true`))).to.not.contain('displayName')
    })
  })

  describe('aggregatedAttendance', function () {
    it('sums per activity and student over the window: offered minutes of the events, attendance from the attendances', async function () {
      const body = await ok('/aggregatedAttendance?startDate=2025-04-01&endDate=2025-05-31')
      const att = data.attendances
      const events = new Map(data.calendarEvents.map((e) => [e.id, e]))
      expect(body.data.length).to.be.greaterThan(0)
      for (const row of body.data) {
        expect([row.startDate, row.endDate]).to.deep.equal(['2025-04-01', '2025-05-31'])
        const mine = att.filter((a) => a.student.id === row.student.id && events.get(a.calendarEvent.id)!.activity.id === row.activity.id)
        expect(row.attendanceSum).to.equal(mine.reduce((n, a) => n + (a.attendanceMinutes ?? 0), 0))
        expect(row.validAbsenceSum).to.equal(mine.reduce((n, a) => n + (a.validAbsenceMinutes ?? 0), 0))
        expect(row.offeredSum).to.be.at.least(row.attendanceSum + row.validAbsenceSum + row.invalidAbsenceSum)
        validSchema('AggregatedAttendance', row)
      }
      // The autumn's planned lessons: offered, nothing attended yet.
      const autumn = await ok('/aggregatedAttendance?startDate=2025-08-01&endDate=2025-08-31')
      expect(autumn.data.length).to.be.greaterThan(body.data.length)
      for (const row of autumn.data) expect([row.offeredSum > 0, row.attendanceSum]).to.deep.equal([true, 0])
      expect((await ok('/aggregatedAttendance?startDate=2024-01-01&endDate=2024-12-31')).data).to.deep.equal([])
    })

    it('filters by student (repeatable), organisation and schoolType; expands activity and student; pages', async function () {
      const all = (await ok('/aggregatedAttendance?startDate=2025-08-01&endDate=2025-08-31')).data
      const [a, b] = [all[0].student.id, all.at(-1).student.id]
      const two = (await ok(`/aggregatedAttendance?startDate=2025-08-01&endDate=2025-08-31&student=${a}&student=${b}`)).data
      expect(two.length).to.be.lessThan(all.length)
      expect(two).to.deep.equal(all.filter((r: Json) => r.student.id === a || r.student.id === b))
      const gy = data.organisations.find((o) => o.schoolTypes?.includes('GY'))!
      const gyActivities = new Set(data.activities.filter((x) => x.organisation.id === gy.id).map((x) => x.id))
      const atGy = (await ok(`/aggregatedAttendance?startDate=2025-08-01&endDate=2025-08-31&organisation=${gy.id}`)).data
      expect(atGy.length).to.be.greaterThan(0)
      expect(atGy).to.deep.equal(all.filter((r: Json) => gyActivities.has(r.activity.id)))
      expect((await ok('/aggregatedAttendance?startDate=2025-08-01&endDate=2025-08-31&schoolType=GY')).data).to.deep.equal(atGy)
      const expanded = (await ok('/aggregatedAttendance?startDate=2025-08-01&endDate=2025-08-31&expand=activity&expand=student&limit=2')).data
      for (const r of expanded) expect([r._embedded.activity.id, r._embedded.student.id]).to.deep.equal([r.activity.id, r.student.id])
      let page = await ok('/aggregatedAttendance?startDate=2025-08-01&endDate=2025-08-31&limit=4')
      const walked = [...page.data]
      while (page.pageToken) {
        page = await ok(`/aggregatedAttendance?pageToken=${enc(page.pageToken)}&limit=4`)
        walked.push(...page.data)
      }
      expect(walked).to.deep.equal(all)
      for (const q of ['startDate=2025-08-01', 'endDate=2025-08-31', '', 'startDate=2025-08-01&endDate=2025-13-01']) {
        const r = await get(`/aggregatedAttendance?${q}`)
        expect(r.status, q).to.equal(400)
        validSchema('Error', r.json)
      }
    })
  })
})

describe('reference server: the read model faults do what their descriptions say', function () {
  async function withServer(faults: FaultId[], fn: (get: (q: string) => Promise<Answer>, s: ReferenceServer) => Promise<void>): Promise<void> {
    const s = await startReferenceServer({ faults })
    try {
      const token = await s.issueToken()
      await fn((q) => call(s.baseUrl + q, { headers: { authorization: `Bearer ${token}` } }), s)
    } finally {
      await s.close()
    }
  }

  it('filter.open-ended-dropped: every date and time window drops records without the date; bounded ones still selected', async function () {
    await withServer(['filter.open-ended-dropped'], async (get, s) => {
      const d = s.dataset as GeneratedDataset
      const placements = (await get('/placements?endDate.onOrAfter=2025-01-01')).json.data
      expect(ids(placements)).to.deep.equal(ids(d.placements.filter((p) => p.endDate !== undefined && p.endDate >= '2025-01-01').sort(byId)))
      expect((await get('/groups?endDate.onOrAfter=2025-01-01')).json.data.every((g: Json) => g.endDate !== undefined)).to.equal(true)
      expect((await get('/placements')).json.data).to.have.length(d.placements.length)
    })
  })

  it('schema.grade-bad-semester: every grade, list, item and lookup, carries semester "Vårtermin"; nothing else changes', async function () {
    await withServer(['schema.grade-bad-semester'], async (get, s) => {
      const d = s.dataset as GeneratedDataset
      const list = (await get('/grades')).json.data
      expect(new Set(list.map((g: Json) => g.semester))).to.deep.equal(new Set(['Vårtermin']))
      expect((await get(`/grades/${d.grades[0].id}`)).json.semester).to.equal('Vårtermin')
      const { semester: _s, ...rest } = list[0]
      const { semester: _t, ...stored } = d.grades.find((g) => g.id === list[0].id)!
      expect(rest).to.deep.equal(stored)
    })
  })

  it('expand.ignored: expand is accepted (unknown values still 400) but nothing is embedded', async function () {
    await withServer(['expand.ignored'], async (get, s) => {
      const child = (s.dataset as GeneratedDataset).placements[0].child.id
      for (const q of ['/placements?expand=child&expand=owners', `/persons/${child}?expand=placements`, '/aggregatedAttendance?startDate=2025-08-01&endDate=2025-08-31&expand=student']) {
        const a = await get(q)
        expect(a.status, q).to.equal(200)
        expect(JSON.stringify(a.json), q).to.not.contain('_embedded')
      }
      expect((await get('/placements?expand=parents')).status).to.equal(400)
    })
  })

  it('filter.required-window-optional: calendarEvents and aggregatedAttendance answer 200 over everything without their window', async function () {
    await withServer(['filter.required-window-optional'], async (get, s) => {
      const d = s.dataset as GeneratedDataset
      const events = await get('/calendarEvents')
      expect([events.status, events.json.data.length]).to.deep.equal([200, d.calendarEvents.length])
      const agg = await get('/aggregatedAttendance')
      expect(agg.status).to.equal(200)
      expect(agg.json.data.length).to.be.greaterThan(0)
      expect((await get('/calendarEvents?startTime.onOrAfter=yesterday')).status).to.equal(400)
    })
  })
})
