// The reference server's data: an in-memory, read-only store built from a Dataset, and the query language the
// SS 12000 list endpoints speak over it (parameters, filters, sort keys) and the way records are rendered
// (references with or without displayName, _embedded under expand). Nothing here knows HTTP or faults: the few
// points where a server could read the query language differently are QueryRules, the spec's by default.
//
// Served: every read operation of SS 12000 2.1.0: the lists, items and lookups of organisations, persons,
// duties, groups and activities (hand-written below) and of placements, programmes, studyplans, syllabuses,
// schoolUnitOfferings, calendarEvents, attendances, attendanceEvents, attendanceSchedule, grades, absences,
// resources and rooms (declared in one table each: params, filters, sorts, lookup, references, expand), the
// computed GET /aggregatedAttendance, and deletedEntities.

import {
  ABSENCE_TYPES,
  BASE_DATE,
  DUTY_ROLES,
  END_POINTS,
  GROUP_TYPES,
  ORGANISATION_TYPES,
  SCHOOL_TYPES,
  type Absence,
  type Activity,
  type AssignmentRole,
  type Attendance,
  type AttendanceEvent,
  type AttendanceSchedule,
  type CalendarEvent,
  type Grade,
  type Placement,
  type Programme,
  type Resource as ResourceRecord,
  type Room,
  type SchoolUnitOffering,
  type StudyPlan,
  type Syllabus,
  type Dataset,
  type DeletedEntity,
  type Duty,
  type EndPoint,
  type Group,
  type GroupMembership,
  type ObjectReference,
  type Organisation,
  type Person,
  type Responsible,
} from '../../fixtures/generate.js'

/** The record type of each resource the server serves (list, item and lookup). */
export interface Records {
  organisations: Organisation
  persons: Person
  duties: Duty
  groups: Group
  activities: Activity
  placements: Placement
  programmes: Programme
  studyplans: StudyPlan
  syllabuses: Syllabus
  schoolUnitOfferings: SchoolUnitOffering
  calendarEvents: CalendarEvent
  attendances: Attendance
  attendanceEvents: AttendanceEvent
  attendanceSchedule: AttendanceSchedule
  grades: Grade
  absences: Absence
  resources: ResourceRecord
  rooms: Room
}

export type Resource = keyof Records
export type EntityRecord = Records[Resource]

/** The resources served first (hand-written rendering below); the rest are declared in MORE. */
export const FIRST_RESOURCES = ['organisations', 'persons', 'duties', 'groups', 'activities'] as const
export type FirstResource = (typeof FIRST_RESOURCES)[number]
export type MoreResource = Exclude<Resource, FirstResource>
export const MORE_RESOURCES: readonly MoreResource[] = [
  'placements', 'programmes', 'studyplans', 'syllabuses', 'schoolUnitOfferings', 'calendarEvents', 'attendances', 'attendanceEvents',
  'attendanceSchedule', 'grades', 'absences', 'resources', 'rooms',
]

export const RESOURCES: readonly Resource[] = [...FIRST_RESOURCES, ...MORE_RESOURCES]

/** The resources with a POST …/lookup (all but studyplans). */
export const LOOKUP_RESOURCES: readonly Resource[] = RESOURCES.filter((r) => r !== 'studyplans')

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// --- parameters -----------------------------------------------------------------------------------------------

type ParamKind = 'string' | 'uuid' | 'date' | 'date-time' | 'boolean' | { enum: readonly string[] }

export interface ParamSpec {
  kind: ParamKind
  /** form + explode: the key may repeat (?type=Skola&type=Skolenhet). */
  repeat?: boolean
  /** required: true in the spec (calendarEvents' startTime window, aggregatedAttendance's dates): 400 without it. */
  required?: boolean
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>

/** Validated parameter values by name; only names the operation knows. */
export type Params = Record<string, string[]>

export const PERSON_EXPAND = ['duties', 'responsibleFor', 'placements', 'ownedPlacements', 'groupMemberships'] as const
const RELATIONSHIP_TYPES = ['enrolment', 'duty', 'placement.child', 'placement.owner', 'responsibleFor.enrolment', 'responsibleFor.placement', 'groupMembership'] as const

/** The expand values of each resource's operations (list, item and lookup alike). */
export const EXPAND: Readonly<Record<Resource, readonly string[]>> = {
  organisations: [],
  persons: PERSON_EXPAND,
  duties: ['person'],
  groups: ['assignmentRoles'],
  activities: ['groups', 'teachers', 'syllabus'],
  placements: ['child', 'owners'],
  programmes: [],
  studyplans: [],
  syllabuses: [],
  schoolUnitOfferings: [],
  calendarEvents: ['activity', 'attendance'],
  attendances: [],
  attendanceEvents: ['person', 'group', 'registeredBy'],
  attendanceSchedule: [],
  grades: [],
  absences: [],
  resources: [],
  rooms: [],
}

const ERN: ParamSpecs = { expandReferenceNames: { kind: 'boolean' } }
const expand = (r: Resource): ParamSpecs => (EXPAND[r].length ? { expand: { kind: { enum: EXPAND[r] }, repeat: true } } : {})
export type MetaBound = `meta.${'created' | 'modified'}.${'after' | 'before'}`
export const META_PARAMS: readonly MetaBound[] = ['meta.created.before', 'meta.created.after', 'meta.modified.before', 'meta.modified.after']
const META: ParamSpecs = Object.fromEntries(META_PARAMS.map((name): [string, ParamSpec] => [name, { kind: 'date-time' }]))
const DATE_WINDOW_PARAMS = ['startDate.onOrBefore', 'startDate.onOrAfter', 'endDate.onOrBefore', 'endDate.onOrAfter'] as const
const DATE_WINDOW: ParamSpecs = Object.fromEntries(DATE_WINDOW_PARAMS.map((name): [string, ParamSpec] => [name, { kind: 'date' }]))
const TIME_WINDOW_PARAMS = ['startTime.onOrBefore', 'startTime.onOrAfter', 'endTime.onOrBefore', 'endTime.onOrAfter'] as const
const TIME_WINDOW: ParamSpecs = Object.fromEntries(TIME_WINDOW_PARAMS.map((name): [string, ParamSpec] => [name, { kind: 'date-time' }]))
const sortkey = (...keys: string[]): ParamSpecs => ({ sortkey: { kind: { enum: keys } } })
const uuid: ParamSpec = { kind: 'uuid' }
const uuids: ParamSpec = { kind: 'uuid', repeat: true }
const START_END_SORTS = ['StartDateAsc', 'StartDateDesc', 'EndDateAsc', 'EndDateDesc'] as const

/** Query parameters of the list GETs, as the 2.1.0 document declares them (limit and pageToken aside). */
export const LIST_PARAMS: Record<Resource, ParamSpecs> = {
  organisations: {
    parent: { kind: 'uuid', repeat: true },
    schoolUnitCode: { kind: 'string', repeat: true },
    organisationCode: { kind: 'string', repeat: true },
    municipalityCode: { kind: 'string' },
    type: { kind: { enum: ORGANISATION_TYPES }, repeat: true },
    schoolTypes: { kind: { enum: SCHOOL_TYPES }, repeat: true },
    ...DATE_WINDOW,
    ...META,
    ...ERN,
    sortkey: { kind: { enum: ['ModifiedDesc', 'DisplayNameAsc'] } },
  },
  persons: {
    nameContains: { kind: 'string', repeat: true },
    civicNo: { kind: 'string' },
    eduPersonPrincipalName: { kind: 'string' },
    'identifier.value': { kind: 'string' },
    'identifier.context': { kind: 'string' },
    'relationship.entity.type': { kind: { enum: RELATIONSHIP_TYPES } },
    'relationship.organisation': { kind: 'uuid' },
    'relationship.startDate.onOrBefore': { kind: 'date' },
    'relationship.startDate.onOrAfter': { kind: 'date' },
    'relationship.endDate.onOrBefore': { kind: 'date' },
    'relationship.endDate.onOrAfter': { kind: 'date' },
    ...META,
    ...expand('persons'),
    ...ERN,
    sortkey: {
      kind: { enum: ['DisplayNameAsc', 'GivenNameDesc', 'GivenNameAsc', 'FamilyNameDesc', 'FamilyNameAsc', 'CivicNoAsc', 'CivicNoDesc', 'ModifiedDesc'] },
    },
  },
  duties: {
    organisation: { kind: 'uuid' },
    // A single value in 2.1.0 ($ref: DutyRole), unlike the other enumerated filters (notes §14).
    dutyRole: { kind: { enum: DUTY_ROLES } },
    person: { kind: 'uuid' },
    ...DATE_WINDOW,
    ...META,
    ...expand('duties'),
    ...ERN,
    sortkey: { kind: { enum: ['StartDateDesc', 'StartDateAsc', 'ModifiedDesc'] } },
  },
  groups: {
    groupType: { kind: { enum: GROUP_TYPES }, repeat: true },
    schoolTypes: { kind: { enum: SCHOOL_TYPES }, repeat: true },
    organisation: { kind: 'uuid', repeat: true },
    ...DATE_WINDOW,
    ...META,
    ...expand('groups'),
    ...ERN,
    sortkey: { kind: { enum: ['ModifiedDesc', 'DisplayNameAsc', 'StartDateAsc', 'StartDateDesc', 'EndDateAsc', 'EndDateDesc'] } },
  },
  activities: {
    member: { kind: 'uuid' },
    teacher: { kind: 'uuid' },
    organisation: { kind: 'uuid' },
    group: { kind: 'uuid' },
    ...DATE_WINDOW,
    ...META,
    ...expand('activities'),
    ...ERN,
    sortkey: { kind: { enum: ['ModifiedDesc', 'DisplayNameAsc'] } },
  },
  placements: {
    organisation: uuid,
    group: uuid,
    ...DATE_WINDOW,
    child: uuid,
    owner: uuid,
    ...META,
    ...expand('placements'),
    ...ERN,
    ...sortkey(...START_END_SORTS, 'ModifiedDesc'),
  },
  programmes: {
    schoolType: { kind: { enum: SCHOOL_TYPES }, repeat: true },
    code: { kind: 'string' },
    parentProgramme: { kind: 'string' },
    ...META,
    ...ERN,
    ...sortkey('NameAsc', 'CodeAsc', 'ModifiedDesc'),
  },
  studyplans: { student: uuids, ...DATE_WINDOW, ...META, ...ERN, ...sortkey('ModifiedDesc', ...START_END_SORTS) },
  syllabuses: {
    ...META,
    ...ERN,
    ...sortkey(
      'ModifiedDesc', 'SubjectNameAsc', 'SubjectNameDesc', 'SubjectCodeAsc', 'SubjectCodeDesc', 'CourseNameAsc', 'CourseNameDesc', 'CourseCodeAsc',
      'CourseCodeDesc', 'SubjectDesignationAsc', 'SubjectDesignationDesc',
    ),
  },
  schoolUnitOfferings: { organisation: uuid, ...META, ...ERN, ...sortkey('ModifiedDesc', ...START_END_SORTS) },
  calendarEvents: {
    'startTime.onOrAfter': { kind: 'date-time', required: true },
    'startTime.onOrBefore': { kind: 'date-time', required: true },
    'endTime.onOrBefore': { kind: 'date-time' },
    'endTime.onOrAfter': { kind: 'date-time' },
    activity: uuid,
    student: uuid,
    teacher: uuid,
    organisation: uuid,
    group: uuid,
    ...META,
    ...expand('calendarEvents'),
    ...ERN,
    ...sortkey('ModifiedDesc', 'StartTimeAsc', 'StartTimeDesc'),
  },
  attendances: { student: uuid, organisation: uuid, calendarEvent: uuid, ...META, ...ERN },
  attendanceEvents: { group: uuids, person: uuid, ...META, ...expand('attendanceEvents'), ...ERN },
  attendanceSchedule: { placement: uuid, group: uuid, ...DATE_WINDOW, ...META, ...ERN },
  grades: {
    organisation: uuid,
    student: uuid,
    registeredBy: uuid,
    gradingTeacher: uuid,
    'registeredDate.onOrAfter': { kind: 'date' },
    'registeredDate.onOrBefore': { kind: 'date' },
    ...META,
    ...ERN,
    ...sortkey('registeredDateAsc', 'registeredDateDesc', 'ModifiedDesc'),
  },
  absences: {
    organisation: uuid,
    student: uuid,
    registeredBy: uuid,
    type: { kind: { enum: ABSENCE_TYPES } },
    ...TIME_WINDOW,
    ...META,
    ...ERN,
    ...sortkey('ModifiedDesc', 'StartTimeAsc', 'StartTimeDesc'),
  },
  resources: { organisation: uuid, ...META, ...ERN, ...sortkey('ModifiedDesc', 'DisplayNameAsc') },
  rooms: { organisation: uuid, ...META, ...ERN, ...sortkey('ModifiedDesc', 'DisplayNameAsc') },
}

/** Query parameters of GET /aggregatedAttendance (limit and pageToken aside): a computed list, no meta filters. */
export const AGGREGATED_PARAMS: ParamSpecs = {
  startDate: { kind: 'date', required: true },
  endDate: { kind: 'date', required: true },
  organisation: uuid,
  schoolType: { kind: { enum: SCHOOL_TYPES }, repeat: true },
  student: uuids,
  expand: { kind: { enum: ['activity', 'student'] }, repeat: true },
  ...ERN,
}

/** Query parameters of GET /deletedEntities (limit and pageToken aside). */
export const DELETED_ENTITIES_PARAMS: ParamSpecs = {
  after: { kind: 'date-time' },
  entities: { kind: { enum: END_POINTS }, repeat: true },
}

/** The member of DeletedEntities.data that lists each type's ids, spelt as the spec spells it ('activitites'). */
export const DELETED_KEYS: Readonly<Record<EndPoint, string>> = {
  Absence: 'absences',
  AttendanceEvent: 'attendanceEvents',
  Attendance: 'attendances',
  Grade: 'grades',
  CalendarEvent: 'calendarEvents',
  AttendanceSchedule: 'attendanceSchedules',
  Resource: 'resources',
  Room: 'rooms',
  Activity: 'activitites',
  Duty: 'duties',
  Placement: 'placements',
  StudyPlan: 'studyPlans',
  Programme: 'programmes',
  Syllabus: 'syllabuses',
  SchoolUnitOffering: 'schoolUnitOfferings',
  Group: 'groups',
  Person: 'persons',
  Organisation: 'organisations',
}

/**
 * The enumerated filters of the list endpoints and of deletedEntities: their enum-typed parameters, sortkey and
 * expand aside (those choose the order and the shape of the answer, not which records it holds).
 */
export const ENUM_FILTERS: readonly string[] = [
  ...new Set(
    [...Object.values(LIST_PARAMS), AGGREGATED_PARAMS, DELETED_ENTITIES_PARAMS].flatMap((specs) =>
      Object.entries(specs)
        .filter(([name, spec]) => typeof spec.kind === 'object' && name !== 'sortkey' && name !== 'expand')
        .map(([name]) => name),
    ),
  ),
]

/** Query parameters of GET /x/{id}: expand and expandReferenceNames, neither for attendances and absences. */
export const ITEM_PARAMS: Record<Resource, ParamSpecs> = Object.fromEntries(
  RESOURCES.map((r): [Resource, ParamSpecs] => [r, r === 'attendances' || r === 'absences' ? {} : { ...expand(r), ...ERN }]),
) as Record<Resource, ParamSpecs>

/** Query parameters of POST /x/lookup: as the item's, but calendarEvents, attendances and absences take ERN only. */
export const LOOKUP_PARAMS: Partial<Record<Resource, ParamSpecs>> = Object.fromEntries(
  LOOKUP_RESOURCES.map((r): [Resource, ParamSpecs] => [r, ['calendarEvents', 'attendances', 'absences'].includes(r) ? { ...ERN } : ITEM_PARAMS[r]]),
)

export class ParamError extends Error {}

/**
 * Keeps the parameters `specs` names (others are ignored), checking each value against its type; a name that
 * does not repeat may appear once. Throws ParamError with a message for the Error body. The enum values of a
 * parameter named in `lenient` that are not in its enumeration are dropped instead (and the parameter with
 * them, when none is left).
 */
export function parseParams(specs: ParamSpecs, raw: ReadonlyMap<string, readonly string[]>, lenient: readonly string[] = []): Params {
  const out: Params = {}
  for (const [name, values] of raw) {
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined
    if (!spec) continue
    if (!spec.repeat && values.length > 1) throw new ParamError(`${name} may be given only once`)
    const kind = spec.kind
    const kept = typeof kind === 'object' && lenient.includes(name) ? values.filter((v) => kind.enum.includes(v)) : values
    for (const v of kept) checkValue(name, kind, v)
    if (kept.length) out[name] = [...kept]
  }
  for (const [name, spec] of Object.entries(specs)) if (spec.required && !out[name]) throw new ParamError(`${name} is required`)
  return out
}

function checkValue(name: string, kind: ParamKind, v: string): void {
  const bad = (what: string) => new ParamError(`${name}=${JSON.stringify(v)} is not ${what}`)
  if (kind === 'string') return
  if (kind === 'uuid') {
    if (!UUID_RE.test(v)) throw bad('a UUID')
  } else if (kind === 'date') {
    if (!isDate(v)) throw bad('an RFC 3339 date (YYYY-MM-DD)')
  } else if (kind === 'date-time') {
    if (parseDateTime(v) === undefined) throw bad('an RFC 3339 date-time with a time zone (e.g. 2025-01-31T12:00:00Z)')
  } else if (kind === 'boolean') {
    if (v !== 'true' && v !== 'false') throw bad('true or false')
  } else if (!kind.enum.includes(v)) {
    throw bad(`one of ${kind.enum.join(', ')}`)
  }
}

// --- dates ----------------------------------------------------------------------------------------------------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

export function isDate(s: string): boolean {
  const m = DATE_RE.exec(s)
  return !!m && validDay(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** Milliseconds since the epoch of an RFC 3339 date-time (offset required), or undefined when it is not one. */
export function parseDateTime(s: string): number | undefined {
  const m = DATE_TIME_RE.exec(s)
  if (!m) return undefined
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]))
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || sec > 60) return undefined
  let offset = 0
  if (!m[8]) {
    const oh = Number(m[10])
    const om = Number(m[11])
    if (oh > 23 || om > 59) return undefined
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000
  }
  const frac = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0
  return Date.UTC(y, mo - 1, d, h, mi, sec) + frac - offset
}

// --- query rules ----------------------------------------------------------------------------------------------

/** The points where the query language could be read otherwise; SPEC_RULES is the spec's reading (notes §4, §13). */
export interface QueryRules {
  /** Whether a meta bound selects a record stamped exactly at its instant: .after is exclusive, .before inclusive. */
  inclusive: Readonly<Record<MetaBound, boolean>>
  /** Parameters that are parsed and checked but then not applied. */
  ignored: readonly string[]
  /** nameContains compares case-sensitively (the spec: it does not). */
  nameCaseSensitive: boolean
  /** With several nameContains values, a person must match all of them (the spec) or any one. */
  nameValues: 'all' | 'any'
  /** Parameters whose unknown enum values are dropped instead of answered 400 (see parseParams). */
  lenientEnums: readonly string[]
  /** Date windows keep records without the date ("tas alltid med", the spec) or drop them. */
  openEnded: 'include' | 'drop'
}

export const SPEC_RULES: QueryRules = {
  inclusive: { 'meta.created.after': false, 'meta.modified.after': false, 'meta.created.before': true, 'meta.modified.before': true },
  ignored: [],
  nameCaseSensitive: false,
  nameValues: 'all',
  lenientEnums: [],
  openEnded: 'include',
}

// --- filters --------------------------------------------------------------------------------------------------

interface Filter<T> {
  /** The parameters that switch the filter on; it reads them all. */
  params: readonly string[]
  test(record: T, p: Params, store: ReferenceStore): boolean
}

const first = (p: Params, name: string): string | undefined => p[name]?.[0]
const sameId = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase()

/** meta.created/modified.after and .before; a record stamped at the bound itself is in as the rules say (notes §4). */
const META_FILTERS: Filter<EntityRecord>[] = META_PARAMS.map((param) => {
  const [, field, side] = param.split('.') as ['meta', 'created' | 'modified', 'after' | 'before']
  return {
    params: [param],
    test: (r: EntityRecord, p: Params, store: ReferenceStore) => {
      const at = cmpMeta(r, field)
      const bound = parseDateTime(first(p, param)!)!
      if (at === bound) return store.rules.inclusive[param]
      return side === 'after' ? at > bound : at < bound
    },
  }
})

/** The record's meta timestamp in ms; NaN (no bound holds) when it has none. */
function cmpMeta(r: EntityRecord, field: 'created' | 'modified'): number {
  const v = r.meta?.[field]
  return (v === undefined ? undefined : parseDateTime(v)) ?? Number.NaN
}

/** A date bound over an optional date: a record without the date always passes (unless the rules drop it). */
function dateBound<T>(param: string, value: (r: T) => string | undefined, op: 'onOrBefore' | 'onOrAfter'): Filter<T> {
  return {
    params: [param],
    test: (r, p, store) => {
      const v = value(r)
      const bound = first(p, param)!
      if (v === undefined) return store.rules.openEnded === 'include'
      return op === 'onOrBefore' ? v <= bound : v >= bound
    },
  }
}

/** A date-time bound (inclusive) over a record's date-time, compared as instants. */
function timeBound<T>(param: string, value: (r: T) => string | undefined, op: 'onOrBefore' | 'onOrAfter'): Filter<T> {
  return {
    params: [param],
    test: (r, p, store) => {
      const v = value(r)
      if (v === undefined) return store.rules.openEnded === 'include'
      const at = parseDateTime(v) ?? Number.NaN
      const bound = parseDateTime(first(p, param)!)!
      return op === 'onOrBefore' ? at <= bound : at >= bound
    },
  }
}

/** startTime/endTime.onOrBefore/onOrAfter over date-times, inclusive. */
function timeWindow<T extends { startTime?: string; endTime?: string }>(): Filter<T>[] {
  return [
    timeBound<T>('startTime.onOrBefore', (r) => r.startTime, 'onOrBefore'),
    timeBound<T>('startTime.onOrAfter', (r) => r.startTime, 'onOrAfter'),
    timeBound<T>('endTime.onOrBefore', (r) => r.endTime, 'onOrBefore'),
    timeBound<T>('endTime.onOrAfter', (r) => r.endTime, 'onOrAfter'),
  ]
}

/** startDate/endDate.onOrBefore/onOrAfter, inclusive; "Poster med ett endDate som ej är satt, tas alltid med". */
function dateWindow<T extends { startDate?: string; endDate?: string }>(): Filter<T>[] {
  return [
    dateBound<T>('startDate.onOrBefore', (r) => r.startDate, 'onOrBefore'),
    dateBound<T>('startDate.onOrAfter', (r) => r.startDate, 'onOrAfter'),
    dateBound<T>('endDate.onOrBefore', (r) => r.endDate, 'onOrBefore'),
    dateBound<T>('endDate.onOrAfter', (r) => r.endDate, 'onOrAfter'),
  ]
}

const ORGANISATION_FILTERS: Filter<Organisation>[] = [
  { params: ['parent'], test: (o, p) => p.parent.some((id) => sameId(o.parentOrganisation?.id, id)) },
  { params: ['schoolUnitCode'], test: (o, p) => o.schoolUnitCode !== undefined && p.schoolUnitCode.includes(o.schoolUnitCode) },
  { params: ['organisationCode'], test: (o, p) => o.organisationCode !== undefined && p.organisationCode.includes(o.organisationCode) },
  { params: ['municipalityCode'], test: (o, p) => o.municipalityCode === first(p, 'municipalityCode') },
  { params: ['type'], test: (o, p) => p.type.includes(o.organisationType) },
  { params: ['schoolTypes'], test: (o, p) => (o.schoolTypes ?? []).some((t) => p.schoolTypes.includes(t)) },
  ...dateWindow<Organisation>(),
  ...META_FILTERS,
]

interface Relationship {
  type: (typeof RELATIONSHIP_TYPES)[number]
  organisation?: string
  startDate?: string
  endDate?: string
}

const RELATIONSHIP_PARAMS = [
  'relationship.entity.type',
  'relationship.organisation',
  'relationship.startDate.onOrBefore',
  'relationship.startDate.onOrAfter',
  'relationship.endDate.onOrBefore',
  'relationship.endDate.onOrAfter',
] as const

/** A person matches when one of its relationships satisfies every relationship.* parameter given. */
function relationshipMatches(rel: Relationship, p: Params): boolean {
  const type = first(p, 'relationship.entity.type')
  const org = first(p, 'relationship.organisation')
  const sb = first(p, 'relationship.startDate.onOrBefore')
  const sa = first(p, 'relationship.startDate.onOrAfter')
  const eb = first(p, 'relationship.endDate.onOrBefore')
  const ea = first(p, 'relationship.endDate.onOrAfter')
  return (
    (type === undefined || rel.type === type) &&
    (org === undefined || sameId(rel.organisation, org)) &&
    (sb === undefined || rel.startDate === undefined || rel.startDate <= sb) &&
    (sa === undefined || rel.startDate === undefined || rel.startDate >= sa) &&
    (eb === undefined || rel.endDate === undefined || rel.endDate <= eb) &&
    (ea === undefined || rel.endDate === undefined || rel.endDate >= ea)
  )
}

const PERSON_FILTERS: Filter<Person>[] = [
  {
    // Case-insensitive, anywhere in any name field; every value must match some field (notes §4).
    params: ['nameContains'],
    test: (r, p, { rules }) => {
      const fold = (s: string) => (rules.nameCaseSensitive ? s : s.toLowerCase())
      const names = [r.givenName, r.middleName, r.familyName].filter((n): n is string => !!n).map(fold)
      const matches = (v: string) => names.some((n) => n.includes(fold(v)))
      return rules.nameValues === 'all' ? p.nameContains.every(matches) : p.nameContains.some(matches)
    },
  },
  { params: ['civicNo'], test: (r, p) => r.civicNo?.value === first(p, 'civicNo') },
  { params: ['eduPersonPrincipalName'], test: (r, p) => (r.eduPersonPrincipalNames ?? []).includes(first(p, 'eduPersonPrincipalName')!) },
  {
    params: ['identifier.value', 'identifier.context'],
    test: (r, p) =>
      (r.externalIdentifiers ?? []).some(
        (x) =>
          (first(p, 'identifier.value') === undefined || x.value === first(p, 'identifier.value')) &&
          (first(p, 'identifier.context') === undefined || x.context === first(p, 'identifier.context')),
      ),
  },
  { params: RELATIONSHIP_PARAMS, test: (r, p, store) => store.relationships(r).some((rel) => relationshipMatches(rel, p)) },
  ...META_FILTERS,
]

const DUTY_FILTERS: Filter<Duty>[] = [
  // "kopplade till ett organisationselement eller underliggande element": the unit itself or one below it.
  { params: ['organisation'], test: (d, p, store) => store.within(d.dutyAt?.id, first(p, 'organisation')!) },
  { params: ['dutyRole'], test: (d, p) => d.dutyRole === first(p, 'dutyRole') },
  { params: ['person'], test: (d, p) => sameId(d.person?.id, first(p, 'person')!) },
  ...dateWindow<Duty>(),
  ...META_FILTERS,
]

const GROUP_FILTERS: Filter<Group>[] = [
  { params: ['groupType'], test: (g, p) => p.groupType.includes(g.groupType) },
  { params: ['schoolTypes'], test: (g, p) => g.schoolType !== undefined && p.schoolTypes.includes(g.schoolType) },
  // "direkt kopplade till angivna organisationselement": the group's own organisation only.
  { params: ['organisation'], test: (g, p) => p.organisation.some((id) => sameId(g.organisation?.id, id)) },
  ...dateWindow<Group>(),
  ...META_FILTERS,
]

const ACTIVITY_FILTERS: Filter<Activity>[] = [
  // member and teacher: "Tidsbegränsningar (startDate, endDate) appliceras inte för detta filter": the dates of
  // the membership or assignment do not matter (the activity's own date filters still apply when given).
  { params: ['member'], test: (a, p, store) => store.hasMember(a, first(p, 'member')!) },
  { params: ['teacher'], test: (a, p) => (a.teachers ?? []).some((t) => sameId(t.duty?.id, first(p, 'teacher')!)) },
  // "utpekat organisationselement och dess underliggande element".
  { params: ['organisation'], test: (a, p, store) => store.within(a.organisation?.id, first(p, 'organisation')!) },
  { params: ['group'], test: (a, p) => (a.groups ?? []).some((g) => sameId(g.id, first(p, 'group')!)) },
  ...dateWindow<Activity>(),
  ...META_FILTERS,
]

/** A filter on one uuid parameter (repeatable: any value) against the ids a record names there. */
function refFilter<T>(param: string, ids: (r: T, store: ReferenceStore) => readonly (string | undefined)[]): Filter<T> {
  return { params: [param], test: (r, p, store) => ids(r, store).some((id) => id !== undefined && p[param].some((v) => sameId(id, v))) }
}
/** "organisationselement och dess underliggande element": the organisation named or one below it. */
function orgFilter<T>(org: (r: T, store: ReferenceStore) => string | undefined): Filter<T> {
  return { params: ['organisation'], test: (r, p, store) => store.within(org(r, store), first(p, 'organisation')!) }
}

const PLACEMENT_FILTERS: Filter<Placement>[] = [
  orgFilter((r) => r.placedAt?.id),
  refFilter('group', (r) => [r.group?.id]),
  refFilter('child', (r) => [r.child?.id]),
  refFilter('owner', (r) => (r.owners ?? []).map((o) => o.id)),
  ...dateWindow<Placement>(),
  ...META_FILTERS,
]

const PROGRAMME_FILTERS: Filter<Programme>[] = [
  { params: ['schoolType'], test: (r, p) => p.schoolType.includes(r.schoolType) },
  { params: ['code'], test: (r, p) => r.code === first(p, 'code') },
  // parentProgramme is a plain string in 2.1.0: the parent's id.
  { params: ['parentProgramme'], test: (r, p) => sameId(r.parentProgramme?.id, first(p, 'parentProgramme')!) },
  ...META_FILTERS,
]

const STUDY_PLAN_FILTERS: Filter<StudyPlan>[] = [refFilter('student', (r) => [r.student?.id]), ...dateWindow<StudyPlan>(), ...META_FILTERS]

const OFFERING_FILTERS: Filter<SchoolUnitOffering>[] = [orgFilter((r) => r.offeredAt?.id), ...META_FILTERS]

const CALENDAR_EVENT_FILTERS: Filter<CalendarEvent>[] = [
  ...timeWindow<CalendarEvent>(),
  refFilter('activity', (r) => [r.activity?.id]),
  // student: the activity's groups' members or studentExceptions; teacher: the activity's teachers' duties or
  // teacherExceptions. "Tidsbegränsningar (startDate, endDate) appliceras inte för detta filter."
  {
    params: ['student'],
    test: (r, p, store) => {
      const student = first(p, 'student')!
      const a = store.get('activities', r.activity?.id ?? '')
      return (a !== undefined && store.hasMember(a, student)) || (r.studentExceptions ?? []).some((x) => sameId(x.student?.id, student))
    },
  },
  refFilter('teacher', (r, store) => [
    ...(store.get('activities', r.activity?.id ?? '')?.teachers ?? []).map((t) => t.duty?.id),
    ...(r.teacherExceptions ?? []).map((x) => x.duty?.id),
  ]),
  orgFilter((r, store) => store.get('activities', r.activity?.id ?? '')?.organisation?.id),
  refFilter('group', (r, store) => (store.get('activities', r.activity?.id ?? '')?.groups ?? []).map((g) => g.id)),
  ...META_FILTERS,
]

const ATTENDANCE_FILTERS: Filter<Attendance>[] = [
  refFilter('student', (r) => [r.student?.id]),
  orgFilter((r, store) => store.activityOfEvent(r.calendarEvent?.id)?.organisation?.id),
  refFilter('calendarEvent', (r) => [r.calendarEvent?.id]),
  ...META_FILTERS,
]

const ATTENDANCE_EVENT_FILTERS: Filter<AttendanceEvent>[] = [refFilter('group', (r) => [r.group?.id]), refFilter('person', (r) => [r.person?.id]), ...META_FILTERS]

const SCHEDULE_FILTERS: Filter<AttendanceSchedule>[] = [
  refFilter('placement', (r) => [r.placement?.id]),
  refFilter('group', (r, store) => [store.get('placements', r.placement?.id ?? '')?.group?.id]),
  ...dateWindow<AttendanceSchedule>(),
  ...META_FILTERS,
]

const GRADE_FILTERS: Filter<Grade>[] = [
  orgFilter((r) => r.organisation?.id),
  refFilter('student', (r) => [r.student?.id]),
  refFilter('registeredBy', (r) => [r.registeredBy?.id]),
  refFilter('gradingTeacher', (r) => [r.gradingTeacher?.id]),
  dateBound<Grade>('registeredDate.onOrAfter', (r) => r.registeredDate, 'onOrAfter'),
  dateBound<Grade>('registeredDate.onOrBefore', (r) => r.registeredDate, 'onOrBefore'),
  ...META_FILTERS,
]

const ABSENCE_FILTERS: Filter<Absence>[] = [
  orgFilter((r) => r.organisation?.id),
  refFilter('student', (r) => [r.student?.id]),
  refFilter('registeredBy', (r) => [r.registeredBy?.id]),
  { params: ['type'], test: (r, p) => r.type === first(p, 'type') },
  ...timeWindow<Absence>(),
  ...META_FILTERS,
]

const OWNED_FILTERS: Filter<Room | ResourceRecord>[] = [orgFilter((r) => r.owner?.id), ...META_FILTERS]

// --- sort keys ------------------------------------------------------------------------------------------------

type Compare<T> = (a: T, b: T) => number

const collator = new Intl.Collator('sv', { sensitivity: 'variant' })
/** A copy in byId order, each id lower-cased once rather than at every comparison (a million records at scale). */
function sortedById<T extends { id: string }>(rows: readonly T[]): T[] {
  const keyed = rows.map((row, i) => ({ key: row.id.toLowerCase(), i }))
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return keyed.map((k) => rows[k.i])
}

function byId(a: { id: string }, b: { id: string }): number {
  const x = a.id.toLowerCase()
  const y = b.id.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}
/** An order over an optional value; records without it come last in either direction. */
const missingLast = <T>(f: (r: T) => string | undefined, compare: (x: string, y: string) => number): Compare<T> => (a, b) => {
  const x = f(a)
  const y = f(b)
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1
  return compare(x, y)
}
const text = <T>(f: (r: T) => string | undefined, dir: 1 | -1): Compare<T> => missingLast(f, (x, y) => dir * collator.compare(x, y))
/** RFC 3339 dates (YYYY-MM-DD) order as strings. */
const date = <T>(f: (r: T) => string | undefined, dir: 1 | -1): Compare<T> => missingLast(f, (x, y) => dir * (x < y ? -1 : x > y ? 1 : 0))
const modifiedDesc = (a: EntityRecord, b: EntityRecord) => (parseDateTime(b.meta?.modified ?? '') ?? 0) - (parseDateTime(a.meta?.modified ?? '') ?? 0)
const then = <T>(...cs: Compare<T>[]): Compare<T> => (a, b) => {
  for (const c of cs) {
    const r = c(a, b)
    if (r) return r
  }
  return 0
}

export function personDisplayName(p: Person): string {
  return `${p.givenName} ${p.familyName}`
}

/** Every order ends with the id, so it is total and the same on every call (paging relies on it). */
const ORGANISATION_SORT: Record<string, Compare<Organisation>> = {
  ModifiedDesc: then<Organisation>(modifiedDesc, byId),
  DisplayNameAsc: then<Organisation>(text((o) => o.displayName, 1), byId),
}

const PERSON_SORT: Record<string, Compare<Person>> = {
  DisplayNameAsc: then<Person>(text(personDisplayName, 1), byId),
  GivenNameAsc: then<Person>(text((p) => p.givenName, 1), text((p) => p.familyName, 1), byId),
  GivenNameDesc: then<Person>(text((p) => p.givenName, -1), text((p) => p.familyName, -1), byId),
  FamilyNameAsc: then<Person>(text((p) => p.familyName, 1), text((p) => p.givenName, 1), byId),
  FamilyNameDesc: then<Person>(text((p) => p.familyName, -1), text((p) => p.givenName, -1), byId),
  CivicNoAsc: then<Person>(text((p) => p.civicNo?.value, 1), byId),
  CivicNoDesc: then<Person>(text((p) => p.civicNo?.value, -1), byId),
  ModifiedDesc: then<Person>(modifiedDesc, byId),
}

const DUTY_SORT: Record<string, Compare<Duty>> = {
  StartDateDesc: then<Duty>(date((d) => d.startDate, -1), byId),
  StartDateAsc: then<Duty>(date((d) => d.startDate, 1), byId),
  ModifiedDesc: then<Duty>(modifiedDesc, byId),
}

/** EndDate*: groups without an endDate (open-ended) come last either way, as missing values do in every order here. */
const GROUP_SORT: Record<string, Compare<Group>> = {
  ModifiedDesc: then<Group>(modifiedDesc, byId),
  DisplayNameAsc: then<Group>(text((g) => g.displayName, 1), byId),
  StartDateAsc: then<Group>(date((g) => g.startDate, 1), byId),
  StartDateDesc: then<Group>(date((g) => g.startDate, -1), byId),
  EndDateAsc: then<Group>(date((g) => g.endDate, 1), byId),
  EndDateDesc: then<Group>(date((g) => g.endDate, -1), byId),
}

const ACTIVITY_SORT: Record<string, Compare<Activity>> = {
  ModifiedDesc: then<Activity>(modifiedDesc, byId),
  DisplayNameAsc: then<Activity>(text((a) => a.displayName, 1), byId),
}

/** StartDateAsc/Desc and EndDateAsc/Desc over startDate/endDate, and ModifiedDesc. */
function spanSorts<T extends EntityRecord & { startDate?: string; endDate?: string }>(): Record<string, Compare<T>> {
  return {
    ModifiedDesc: then<T>(modifiedDesc, byId),
    StartDateAsc: then<T>(date((r) => r.startDate, 1), byId),
    StartDateDesc: then<T>(date((r) => r.startDate, -1), byId),
    EndDateAsc: then<T>(date((r) => r.endDate, 1), byId),
    EndDateDesc: then<T>(date((r) => r.endDate, -1), byId),
  }
}
/** Date-times order by their instant. */
const instant = <T>(f: (r: T) => string | undefined, dir: 1 | -1): Compare<T> =>
  missingLast(f, (x, y) => dir * ((parseDateTime(x) ?? 0) - (parseDateTime(y) ?? 0)))

const SYLLABUS_SORT: Record<string, Compare<Syllabus>> = {
  ModifiedDesc: then<Syllabus>(modifiedDesc, byId),
  ...Object.fromEntries(
    (['subjectName', 'subjectCode', 'courseName', 'courseCode', 'subjectDesignation'] as const).flatMap((field) => {
      const key = field[0].toUpperCase() + field.slice(1)
      return [
        [`${key}Asc`, then<Syllabus>(text((r) => r[field], 1), byId)],
        [`${key}Desc`, then<Syllabus>(text((r) => r[field], -1), byId)],
      ]
    }),
  ),
}

const TIME_SORTS = <T extends EntityRecord & { startTime: string }>(): Record<string, Compare<T>> => ({
  ModifiedDesc: then<T>(modifiedDesc, byId),
  StartTimeAsc: then<T>(instant((r) => r.startTime, 1), byId),
  StartTimeDesc: then<T>(instant((r) => r.startTime, -1), byId),
})

const NAMED_SORTS = <T extends EntityRecord & { displayName: string }>(): Record<string, Compare<T>> => ({
  ModifiedDesc: then<T>(modifiedDesc, byId),
  DisplayNameAsc: then<T>(text((r) => r.displayName, 1), byId),
})

// --- lookups --------------------------------------------------------------------------------------------------

/** A lookup body: each member a list of strings (the members each resource reads: LOOKUP_FIELDS). */
export interface LookupRequest {
  ids?: string[]
  schoolUnitCodes?: string[]
  organisationCodes?: string[]
  civicNos?: string[]
  /** activities: duty ids in teachers[].duty.id */
  teachers?: string[]
  /** activities: person ids in the groups' groupMemberships */
  members?: string[]
  /** placements: children or owners */
  personIds?: string[]
  /** calendarEvents, attendances: the events' activities */
  activities?: string[]
  /** calendarEvents: as the student and teacher filters (singular in 2.1.0) */
  student?: string[]
  teacher?: string[]
  /** attendances */
  students?: string[]
  /** attendances: the calendar events (the spec's spelling) */
  calendareEvents?: string[]
  /** attendanceEvents */
  person?: string[]
  group?: string[]
  /** attendanceSchedule */
  placement?: string[]
}

/** The lookup body members each resource reads (all lists of strings; all but schoolUnitCodes, organisationCodes and civicNos are UUIDs). */
export const LOOKUP_FIELDS: Readonly<Record<Resource, readonly (keyof LookupRequest)[]>> = {
  organisations: ['ids', 'schoolUnitCodes', 'organisationCodes'],
  persons: ['ids', 'civicNos'],
  duties: ['ids'],
  groups: ['ids'],
  activities: ['ids', 'teachers', 'members'],
  placements: ['ids', 'personIds'],
  programmes: ['ids'],
  studyplans: [],
  syllabuses: ['ids'],
  schoolUnitOfferings: ['ids'],
  calendarEvents: ['ids', 'activities', 'student', 'teacher'],
  attendances: ['ids', 'activities', 'students', 'calendareEvents'],
  attendanceEvents: ['ids', 'person', 'group'],
  attendanceSchedule: ['ids', 'placement'],
  grades: ['ids'],
  absences: ['ids'],
  resources: ['ids'],
  rooms: ['ids'],
}

const LOOKUP_KEYS = [...new Set(Object.values(LOOKUP_FIELDS).flat())]

/** Lookup body members whose values are UUIDs (compared case-insensitively). */
export const LOOKUP_UUID_FIELDS: readonly (keyof LookupRequest)[] = LOOKUP_KEYS.filter((k) => !['schoolUnitCodes', 'organisationCodes', 'civicNos'].includes(k))

type LookupSets = Record<keyof LookupRequest, Set<string>>

const has = (set: Set<string>, id: string | undefined) => id !== undefined && set.has(id.toLowerCase())

/** What a record matches in a lookup besides its id: any one list naming it is enough. */
type LookupMatch<T> = (record: T, s: LookupSets, store: ReferenceStore) => boolean

// --- the tables -----------------------------------------------------------------------------------------------

/** The query language of one resource: its filters, its sort keys and what its lookup matches besides ids. */
interface Table<T> {
  filters: readonly Filter<T>[]
  sorts: Readonly<Record<string, Compare<T>>>
  lookup?: LookupMatch<T>
  /**
   * The resources after the first five: where their references are ('owners[]', 'content[].syllabuses[].syllabus'),
   * rendered with or without displayName; and the name a reference to one of them shows.
   */
  refs?: readonly string[]
  name?: (r: T, store: ReferenceStore) => string | undefined
}

const TABLES: { [R in Resource]: Table<Records[R]> } = {
  organisations: {
    filters: ORGANISATION_FILTERS,
    sorts: ORGANISATION_SORT,
    lookup: (o, s) => (o.schoolUnitCode !== undefined && s.schoolUnitCodes.has(o.schoolUnitCode)) || (o.organisationCode !== undefined && s.organisationCodes.has(o.organisationCode)),
  },
  persons: { filters: PERSON_FILTERS, sorts: PERSON_SORT, lookup: (p, s) => p.civicNo !== undefined && s.civicNos.has(p.civicNo.value) },
  duties: { filters: DUTY_FILTERS, sorts: DUTY_SORT },
  groups: { filters: GROUP_FILTERS, sorts: GROUP_SORT },
  activities: {
    filters: ACTIVITY_FILTERS,
    sorts: ACTIVITY_SORT,
    lookup: (a, s, store) =>
      (a.teachers ?? []).some((t) => t.duty?.id !== undefined && s.teachers.has(t.duty.id.toLowerCase())) || [...s.members].some((m) => store.hasMember(a, m)),
  },
  placements: {
    filters: PLACEMENT_FILTERS,
    sorts: spanSorts<Placement>(),
    lookup: (r, s) => has(s.personIds, r.child?.id) || (r.owners ?? []).some((o) => has(s.personIds, o.id)),
    refs: ['placedAt', 'group', 'child', 'owners[]'],
    // Without the child's name: konform's redaction reads a placement reference as naming no person.
    name: (r, store) => {
      const unit = store.displayName(r.placedAt?.id ?? '')
      return unit ? `Placering ${r.schoolType}, ${unit}, från ${r.startDate}` : undefined
    },
  },
  programmes: {
    filters: PROGRAMME_FILTERS,
    sorts: {
      ModifiedDesc: then<Programme>(modifiedDesc, byId),
      NameAsc: then<Programme>(text((r) => r.name, 1), byId),
      CodeAsc: then<Programme>(text((r) => r.code, 1), byId),
    },
    refs: ['parentProgramme', 'content[].content[]'],
    name: (r) => r.name,
  },
  studyplans: { filters: STUDY_PLAN_FILTERS, sorts: spanSorts<StudyPlan>(), refs: ['student', 'content[].syllabuses[].syllabus'] },
  syllabuses: {
    filters: META_FILTERS,
    sorts: SYLLABUS_SORT,
    // A course's name (GY), else the subject's (GR).
    name: (r) => r.courseName ?? r.subjectName,
  },
  schoolUnitOfferings: { filters: OFFERING_FILTERS, sorts: spanSorts<SchoolUnitOffering>(), refs: ['offeredAt', 'offeredSyllabuses[]', 'offeredProgrammes[]'] },
  calendarEvents: {
    filters: CALENDAR_EVENT_FILTERS,
    sorts: TIME_SORTS<CalendarEvent>(),
    lookup: (r, s, store) => {
      const a = store.get('activities', r.activity?.id ?? '')
      return (
        has(s.activities, r.activity?.id) ||
        (a !== undefined && [...s.student].some((m) => store.hasMember(a, m))) ||
        (r.studentExceptions ?? []).some((x) => has(s.student, x.student?.id)) ||
        (a?.teachers ?? []).some((t) => has(s.teacher, t.duty?.id)) ||
        (r.teacherExceptions ?? []).some((x) => has(s.teacher, x.duty?.id))
      )
    },
    refs: ['activity', 'studentExceptions[].student', 'teacherExceptions[].duty', 'rooms[]', 'resources[]'],
    name: (r, store) => {
      const a = store.displayName(r.activity?.id ?? '')
      return a ? `${a} ${r.startTime.slice(0, 16).replace('T', ' ')}` : undefined
    },
  },
  attendances: {
    filters: ATTENDANCE_FILTERS,
    sorts: {},
    lookup: (r, s, store) => has(s.students, r.student?.id) || has(s.calendareEvents, r.calendarEvent?.id) || has(s.activities, store.activityOfEvent(r.calendarEvent?.id)?.id),
    refs: ['calendarEvent', 'student', 'reporter'],
  },
  attendanceEvents: {
    filters: ATTENDANCE_EVENT_FILTERS,
    sorts: {},
    lookup: (r, s) => has(s.person, r.person?.id) || has(s.group, r.group?.id),
    refs: ['person', 'registeredBy', 'group'],
  },
  attendanceSchedule: {
    filters: SCHEDULE_FILTERS,
    sorts: {},
    lookup: (r, s) => has(s.placement, r.placement?.id),
    refs: ['placement', 'state[].registeredBy'],
  },
  grades: {
    filters: GRADE_FILTERS,
    sorts: {
      ModifiedDesc: then<Grade>(modifiedDesc, byId),
      registeredDateAsc: then<Grade>(date((r) => r.registeredDate, 1), byId),
      registeredDateDesc: then<Grade>(date((r) => r.registeredDate, -1), byId),
    },
    refs: ['student', 'organisation', 'registeredBy', 'gradingTeacher', 'group', 'syllabus'],
  },
  absences: { filters: ABSENCE_FILTERS, sorts: TIME_SORTS<Absence>(), refs: ['student', 'organisation', 'registeredBy'] },
  resources: { filters: OWNED_FILTERS, sorts: NAMED_SORTS<ResourceRecord>(), refs: ['owner'], name: (r) => r.displayName },
  rooms: { filters: OWNED_FILTERS, sorts: NAMED_SORTS<Room>(), refs: ['owner'], name: (r) => r.displayName },
}

/** Renders the references at `paths` of a (cloned) record in place: 'a' a reference, 'a[]' a list of them, '.' steps in. */
function renderRefs(record: Record<string, unknown>, paths: readonly string[], ref: (r: ObjectReference) => ObjectReference): void {
  const walk = (node: unknown, steps: readonly string[]): void => {
    if (!node || typeof node !== 'object' || !steps.length) return
    const [step, ...rest] = steps
    const list = step.endsWith('[]')
    const key = list ? step.slice(0, -2) : step
    const obj = node as Record<string, unknown>
    const value = obj[key]
    if (value === undefined || value === null) return
    if (list) {
      if (!Array.isArray(value)) return
      if (rest.length) for (const x of value) walk(x, rest)
      else obj[key] = value.map((x) => (x && typeof x === 'object' && typeof (x as ObjectReference).id === 'string' ? ref(x as ObjectReference) : x))
    } else if (rest.length) walk(value, rest)
    else if (typeof value === 'object' && typeof (value as ObjectReference).id === 'string') obj[key] = ref(value as ObjectReference)
  }
  for (const path of paths) walk(record, path.split('.'))
}

// --- deletions ------------------------------------------------------------------------------------------------

/** DeletedEntities.data for the types asked (every type when none): each type's member, its ids oldest first. */
export function deletedData(entries: readonly DeletedEntity[], types?: readonly string[]): Record<string, string[]> {
  const asked = types?.length ? END_POINTS.filter((t) => types.includes(t)) : END_POINTS
  const data: Record<string, string[]> = Object.fromEntries(asked.map((t) => [DELETED_KEYS[t], []]))
  for (const e of entries) data[DELETED_KEYS[e.entity]]?.push(e.id)
  return data
}

// --- the store ------------------------------------------------------------------------------------------------

export interface RenderOptions {
  /** expandReferenceNames: references carry displayName. */
  ern: boolean
  /** The expand values asked for (the resource's EXPAND). */
  expand?: readonly string[]
}

/** "Personens aktuella tjänstgöring": persons' expand=duties embeds the duties current on this day, the data's own date. */
const AS_OF = BASE_DATE.slice(0, 10)

type Rendered = Record<string, unknown>

/** One computed AggregatedAttendance: an activity, a student, the window and the sums in minutes. */
export interface AggregatedRow {
  activity: string
  student: string
  startDate: string
  endDate: string
  attendanceSum: number
  validAbsenceSum: number
  invalidAbsenceSum: number
  otherAttendanceSum: number
  reportedSum: number
  offeredSum: number
}

/** The maps from a record to the records that name it (ReferenceStore.relations). */
interface Relations {
  children: Map<string, { child: Person; relationType?: Responsible['relationType'] }[]>
  dutiesOf: Map<string, Duty[]>
  membershipsOf: Map<string, { group: Group; membership: GroupMembership }[]>
  rolesIn: Map<string, { duty: Duty; role: AssignmentRole }[]>
  placementsOf: Map<string, Placement[]>
  ownedPlacementsOf: Map<string, Placement[]>
  attendancesAt: Map<string, Attendance[]>
}

/** The kinds whose records have a name, in the order a name given later overrode one given earlier. */
const NAMED: readonly Resource[] = ['organisations', 'persons', 'groups', 'activities', 'duties', ...MORE_RESOURCES.filter((r) => TABLES[r].name !== undefined)]

export class ReferenceStore {
  /** The records in the default order: by id. */
  readonly organisations: readonly Organisation[]
  readonly persons: readonly Person[]
  readonly duties: readonly Duty[]
  readonly groups: readonly Group[]
  readonly activities: readonly Activity[]
  /** Deletions, oldest first (ties by id). */
  readonly deletions: readonly DeletedEntity[]
  private readonly rows: { [R in Resource]: readonly Records[R][] }
  // Compact at scale (issue #3): records are found by binary search in their id-ordered rows (no id map), names
  // are computed when a reference asks for one (no name map), and the relation maps below are built the first
  // time a relationship filter or an expand needs them (a harvest of plain pages never does).
  private rel?: Relations

  constructor(
    dataset: Dataset,
    readonly rules: QueryRules = SPEC_RULES,
  ) {
    this.organisations = sortedById(dataset.organisations)
    this.persons = sortedById(dataset.persons)
    this.duties = sortedById(dataset.duties ?? [])
    this.groups = sortedById(dataset.groups ?? [])
    this.activities = sortedById(dataset.activities ?? [])
    this.deletions = [...(dataset.deletedEntities ?? [])].sort(
      (a, b) => (parseDateTime(a.deletedAt) ?? 0) - (parseDateTime(b.deletedAt) ?? 0) || byId(a, b),
    )
    const more = Object.fromEntries(MORE_RESOURCES.map((r) => [r, sortedById((dataset[r] ?? []) as EntityRecord[])]))
    this.rows = {
      organisations: this.organisations,
      persons: this.persons,
      duties: this.duties,
      groups: this.groups,
      activities: this.activities,
      ...more,
    } as { [R in Resource]: readonly Records[R][] }
  }

  /** guardian id -> the children whose responsibles name the guardian. */
  private get children() {
    return this.relations().children
  }
  /** person id -> the person's duties. */
  private get dutiesOf() {
    return this.relations().dutiesOf
  }
  /** person id -> the groups the person is a member of, with the membership. */
  private get membershipsOf() {
    return this.relations().membershipsOf
  }
  /** group id -> the duties with an assignmentRole in the group. */
  private get rolesIn() {
    return this.relations().rolesIn
  }
  /** person id -> the placements of the child, and those the person owns. */
  private get placementsOf() {
    return this.relations().placementsOf
  }
  private get ownedPlacementsOf() {
    return this.relations().ownedPlacementsOf
  }
  /** calendar event id -> its attendances. */
  private get attendancesAt() {
    return this.relations().attendancesAt
  }

  private relations(): Relations {
    if (this.rel) return this.rel
    const rel: Relations = {
      children: new Map(),
      dutiesOf: new Map(),
      membershipsOf: new Map(),
      rolesIn: new Map(),
      placementsOf: new Map(),
      ownedPlacementsOf: new Map(),
      attendancesAt: new Map(),
    }
    const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
      const list = map.get(key) ?? []
      list.push(value)
      map.set(key, list)
    }
    for (const child of this.persons) {
      for (const r of child.responsibles ?? []) if (r.person?.id) push(rel.children, r.person.id.toLowerCase(), { child, relationType: r.relationType })
    }
    for (const d of this.duties) {
      if (d.person?.id) push(rel.dutiesOf, d.person.id.toLowerCase(), d)
      for (const role of d.assignmentRole ?? []) if (role.group?.id) push(rel.rolesIn, role.group.id.toLowerCase(), { duty: d, role })
    }
    for (const group of this.groups) {
      for (const membership of group.groupMemberships ?? []) {
        if (membership.person?.id) push(rel.membershipsOf, membership.person.id.toLowerCase(), { group, membership })
      }
    }
    for (const p of this.rows.placements) {
      if (p.child?.id) push(rel.placementsOf, p.child.id.toLowerCase(), p)
      for (const o of p.owners ?? []) if (o.id) push(rel.ownedPlacementsOf, o.id.toLowerCase(), p)
    }
    for (const a of this.rows.attendances) if (a.calendarEvent?.id) push(rel.attendancesAt, a.calendarEvent.id.toLowerCase(), a)
    return (this.rel = rel)
  }

  /** The activity of a calendar event. */
  activityOfEvent(eventId: string | undefined): Activity | undefined {
    const event = eventId === undefined ? undefined : this.get('calendarEvents', eventId)
    return event?.activity?.id ? this.get('activities', event.activity.id) : undefined
  }

  all<R extends Resource>(resource: R): readonly Records[R][] {
    return this.rows[resource]
  }

  get<R extends Resource>(resource: R, id: string): Records[R] | undefined {
    // The rows are in id order (lower case), so a binary search finds the record; with equal ids, the last one.
    const rows = this.rows[resource]
    const key = id.toLowerCase()
    let lo = 0
    let hi = rows.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (rows[mid].id.toLowerCase() <= key) lo = mid + 1
      else hi = mid
    }
    return lo > 0 && rows[lo - 1].id.toLowerCase() === key ? rows[lo - 1] : undefined
  }

  /** The records a list query selects, in the order its sortkey asks for (by id without one). */
  query<R extends Resource>(resource: R, given: Params): readonly Records[R][] {
    // Paging asks the same query once a page: the last few answers are kept, so a harvest of a scaled server
    // filters and sorts each list once, not once per page (the store is read-only; a change builds a new one).
    const key = `${resource} ${JSON.stringify(given)}`
    const hit = this.answers.get(key)
    if (hit) return hit as Records[R][]
    const rows = this.answer(resource, given)
    if (this.answers.size >= 8) this.answers.delete(this.answers.keys().next().value!)
    this.answers.set(key, rows)
    return rows
  }

  private readonly answers = new Map<string, readonly EntityRecord[]>()

  /** The order a list query serves its records in (its sortkey's, by id without one): total, so paging can resume by it. */
  order<R extends Resource>(resource: R, given: Params): Compare<Records[R]> {
    const sortkey = first(this.applied(given), 'sortkey')
    return sortkey ? (TABLES[resource] as Table<Records[R]>).sorts[sortkey] : byId
  }

  private answer<R extends Resource>(resource: R, given: Params): Records[R][] {
    const p = this.applied(given)
    const table = TABLES[resource] as Table<Records[R]>
    const rows = this.rows[resource].filter((r) => applies(table.filters, r, p, this))
    const sortkey = first(p, 'sortkey')
    return sortkey ? rows.sort(table.sorts[sortkey]) : rows
  }

  /** POST /x/lookup: the records any of the lists names (unknown values are left out), in the default order. */
  lookup<R extends Resource>(resource: R, req: LookupRequest): Records[R][] {
    const sets = Object.fromEntries(
      LOOKUP_KEYS.map((k) => [
        k,
        new Set((req[k] ?? []).map((v) => (LOOKUP_UUID_FIELDS.includes(k) ? v.toLowerCase() : v))),
      ]),
    ) as LookupSets
    const match = (TABLES[resource] as Table<Records[R]>).lookup
    return this.rows[resource].filter((r) => sets.ids.has(r.id.toLowerCase()) || (match?.(r, sets, this) ?? false))
  }

  /** GET /deletedEntities: the deletions after `after` (exclusive) of the types in `entities` (all without), oldest first. */
  deleted(given: Params): DeletedEntity[] {
    const p = this.applied(given)
    const after = first(p, 'after')
    const bound = after === undefined ? undefined : parseDateTime(after)
    return this.deletions.filter(
      (d) => (p.entities === undefined || p.entities.includes(d.entity)) && (bound === undefined || (parseDateTime(d.deletedAt) ?? Number.NaN) > bound),
    )
  }

  /** The parameters the rules let act (QueryRules.ignored are dropped). */
  private applied(given: Params): Params {
    return Object.fromEntries(Object.entries(given).filter(([name]) => !this.rules.ignored.includes(name)))
  }

  /** Whether organisation `id` is `ancestor` or lies below it (parentOrganisation links, upwards). */
  within(id: string | undefined, ancestor: string): boolean {
    const target = ancestor.toLowerCase()
    const seen = new Set<string>()
    let at = id?.toLowerCase()
    while (at !== undefined && !seen.has(at)) {
      if (at === target) return true
      seen.add(at)
      at = this.get('organisations', at)?.parentOrganisation?.id?.toLowerCase()
    }
    return false
  }

  /** Whether one of the activity's groups has the person among its groupMemberships (whatever their dates). */
  hasMember(a: Activity, person: string): boolean {
    return (a.groups ?? []).some((ref) => (this.get('groups', ref.id)?.groupMemberships ?? []).some((m) => sameId(m.person?.id, person)))
  }

  /** A person's relationships to organisations, for the relationship.* filters. */
  relationships(p: Person): Relationship[] {
    const key = p.id.toLowerCase()
    const enrolments = (person: Person, type: Relationship['type']): Relationship[] =>
      (person.enrolments ?? []).map((e) => ({ type, organisation: e.enroledAt?.id, startDate: e.startDate, endDate: e.endDate }))
    const duties = this.dutiesOf.get(key) ?? []
    const placements = (list: readonly Placement[], type: Relationship['type']): Relationship[] =>
      list.map((x) => ({ type, organisation: x.placedAt?.id, startDate: x.startDate, endDate: x.endDate }))
    return [
      ...enrolments(p, 'enrolment'),
      ...placements(this.placementsOf.get(key) ?? [], 'placement.child'),
      ...placements(this.ownedPlacementsOf.get(key) ?? [], 'placement.owner'),
      // responsibleFor.placement: the placements of the children the person is responsible for.
      ...(this.children.get(key) ?? []).flatMap(({ child }) => placements(this.placementsOf.get(child.id.toLowerCase()) ?? [], 'responsibleFor.placement')),
      ...duties.map((d): Relationship => ({ type: 'duty', organisation: d.dutyAt?.id, startDate: d.startDate, endDate: d.endDate })),
      ...(this.children.get(key) ?? []).flatMap(({ child }) => enrolments(child, 'responsibleFor.enrolment')),
      // groupMembership: "group.groupMemberships.person eller group.assignmentRole.duty.person", with their dates.
      ...(this.membershipsOf.get(key) ?? []).map(
        ({ group, membership }): Relationship => ({ type: 'groupMembership', organisation: group.organisation?.id, startDate: membership.startDate, endDate: membership.endDate }),
      ),
      ...duties.flatMap((d) =>
        (d.assignmentRole ?? []).map(
          (role): Relationship => ({
            type: 'groupMembership',
            organisation: role.group ? this.get('groups', role.group.id)?.organisation?.id : undefined,
            startDate: role.startDate,
            endDate: role.endDate,
          }),
        ),
      ),
    ]
  }

  /** The name a reference to this id shows under expandReferenceNames. */
  displayName(id: string): string | undefined {
    // The name of the record with this id, of whichever kind has a name (the later kind in NAMED wins, as ids are
    // meant to be unique across kinds).
    for (let i = NAMED.length - 1; i >= 0; i--) {
      const r = NAMED[i]
      const rec = this.get(r, id)
      if (rec === undefined) continue
      const n = this.nameOf(r, rec)
      if (n !== undefined) return n
    }
    return undefined
  }

  private nameOf(r: Resource, rec: EntityRecord): string | undefined {
    switch (r) {
      case 'organisations':
      case 'groups':
      case 'activities':
        return (rec as Organisation | Group | Activity).displayName
      case 'persons':
        return personDisplayName(rec as Person)
      case 'duties': {
        // A duty has no name of its own: its person's and its role ("Alva Exempelsson (Lärare)").
        const d = rec as Duty
        const who = d.person ? this.displayName(d.person.id) : undefined
        return who ? `${who} (${d.dutyRole})` : d.dutyRole
      }
      default:
        return (TABLES[r as MoreResource] as Table<EntityRecord>).name?.(rec, this)
    }
  }

  /** A reference as served: {id} only, or with displayName when ern (the referenced record's name, else the one stored). */
  reference(ref: ObjectReference, ern: boolean): ObjectReference {
    const { displayName: stored, ...rest } = ref
    const name = this.displayName(ref.id) ?? stored
    return ern && name !== undefined ? { ...rest, displayName: name } : rest
  }

  /** A record as the API serves it: a fresh copy, its references rendered, _embedded when expanded. */
  render<R extends Resource>(resource: R, record: Records[R], o: RenderOptions): Rendered {
    const out = this.body(resource, record, o.ern)
    const expand = [...new Set(o.expand ?? [])].filter((key) => EXPAND[resource].includes(key))
    if (expand.length) {
      const embedded: Rendered = {}
      for (const key of expand) {
        const value = this.embed(resource, record, key, o.ern)
        if (value !== undefined) embedded[key] = value
      }
      out._embedded = embedded
    }
    return out
  }

  /** The record's own members, references rendered, no _embedded. */
  private body<R extends Resource>(resource: R, record: Records[R], ern: boolean): Rendered {
    const ref = (r: ObjectReference) => this.reference(r, ern)
    switch (resource) {
      case 'organisations': {
        const out = structuredClone(record as Organisation)
        if (out.parentOrganisation) out.parentOrganisation = ref(out.parentOrganisation)
        return out as unknown as Rendered
      }
      case 'persons': {
        const out = structuredClone(record as Person)
        for (const e of out.enrolments ?? []) {
          if (e.enroledAt) e.enroledAt = ref(e.enroledAt)
          if (e.programme) e.programme = ref(e.programme)
        }
        for (const r of out.responsibles ?? []) if (r.person) r.person = ref(r.person)
        return out as unknown as Rendered
      }
      case 'duties': {
        const out = structuredClone(record as Duty)
        if (out.person) out.person = ref(out.person)
        if (out.dutyAt) out.dutyAt = ref(out.dutyAt)
        for (const a of out.assignmentRole ?? []) if (a.group) a.group = ref(a.group)
        return out as unknown as Rendered
      }
      case 'groups': {
        const out = structuredClone(record as Group)
        if (out.organisation) out.organisation = ref(out.organisation)
        for (const m of out.groupMemberships ?? []) if (m.person) m.person = ref(m.person)
        return out as unknown as Rendered
      }
      case 'activities': {
        const out = structuredClone(record as Activity)
        if (out.organisation) out.organisation = ref(out.organisation)
        if (out.groups) out.groups = out.groups.map(ref)
        for (const t of out.teachers ?? []) if (t.duty) t.duty = ref(t.duty)
        if (out.syllabus) out.syllabus = ref(out.syllabus)
        if (out.parentActivity) out.parentActivity = ref(out.parentActivity)
        return out as unknown as Rendered
      }
      default: {
        const out = structuredClone(record) as unknown as Rendered
        renderRefs(out, (TABLES[resource] as Table<EntityRecord>).refs ?? [], ref)
        return out
      }
    }
  }

  /** One member of _embedded; undefined leaves it out (there is nothing to embed). */
  private embed<R extends Resource>(resource: R, record: Records[R], key: string, ern: boolean): unknown {
    const id = record.id.toLowerCase()
    const present = <T>(xs: readonly (T | undefined)[]) => [...new Set(xs)].filter((x): x is T => x !== undefined)
    switch (`${resource}.${key}`) {
      case 'persons.responsibleFor':
        return (this.children.get(id) ?? []).map(({ child, relationType }) => ({
          person: this.reference({ id: child.id }, ern),
          ...(relationType ? { relationType } : {}),
        }))
      case 'persons.duties':
        // "Personens aktuella tjänstgöring": the duties current on the data's date.
        return (this.dutiesOf.get(id) ?? [])
          .filter((d) => d.startDate <= AS_OF && (d.endDate === undefined || d.endDate >= AS_OF))
          .sort(byId)
          .map((d) => this.body('duties', d, ern))
      case 'persons.groupMemberships':
        // PersonExpanded_allOf__embedded_groupMemberships: the group as a GroupFragment (without its members).
        return (this.membershipsOf.get(id) ?? [])
          .slice()
          .sort((a, b) => byId(a.group, b.group))
          .map(({ group, membership }) => {
            const { groupMemberships: _members, ...fragment } = this.body('groups', group, ern)
            return { group: fragment, ...(membership.startDate ? { startDate: membership.startDate } : {}), ...(membership.endDate ? { endDate: membership.endDate } : {}) }
          })
      case 'persons.placements':
        return (this.placementsOf.get(id) ?? []).map((p) => this.body('placements', p, ern))
      case 'persons.ownedPlacements':
        return (this.ownedPlacementsOf.get(id) ?? []).map((p) => this.body('placements', p, ern))
      case 'duties.person': {
        const person = (record as Duty).person
        const found = person ? this.get('persons', person.id) : undefined
        return found ? this.body('persons', found, ern) : undefined
      }
      case 'groups.assignmentRoles':
        return (this.rolesIn.get(id) ?? []).map(({ duty, role }) => ({
          duty: this.reference({ id: duty.id }, ern),
          assignmentRoleType: role.assignmentRoleType,
          ...(role.startDate ? { startDate: role.startDate } : {}),
          ...(role.endDate ? { endDate: role.endDate } : {}),
        }))
      case 'activities.groups':
        return present((record as Activity).groups.map((g) => this.get('groups', g.id))).map((g) => this.body('groups', g, ern))
      case 'activities.teachers':
        return present(((record as Activity).teachers ?? []).map((t) => (t.duty ? this.get('duties', t.duty.id) : undefined))).map((d) => this.body('duties', d, ern))
      case 'activities.syllabus':
        return this.embedOne('syllabuses', (record as Activity).syllabus?.id, ern)
      case 'placements.child':
        return this.embedOne('persons', (record as Placement).child?.id, ern)
      case 'placements.owners':
        return present(((record as Placement).owners ?? []).map((o) => this.get('persons', o.id))).map((p) => this.body('persons', p, ern))
      case 'calendarEvents.activity':
        return this.embedOne('activities', (record as CalendarEvent).activity?.id, ern)
      case 'calendarEvents.attendance':
        return (this.attendancesAt.get(id) ?? []).slice().sort(byId).map((a) => this.body('attendances', a, ern))
      case 'attendanceEvents.person':
        return this.embedOne('persons', (record as AttendanceEvent).person?.id, ern)
      case 'attendanceEvents.registeredBy':
        return this.embedOne('persons', (record as AttendanceEvent).registeredBy?.id, ern)
      case 'attendanceEvents.group': {
        // A GroupFragment: the group without its members.
        const group = this.embedOne('groups', (record as AttendanceEvent).group?.id, ern)
        if (group) delete group.groupMemberships
        return group
      }
      default:
        return undefined
    }
  }

  /** The record `id` names, as its body; undefined when there is none. */
  private embedOne<R extends Resource>(resource: R, id: string | undefined, ern: boolean): Rendered | undefined {
    const found = id === undefined ? undefined : this.get(resource, id)
    return found ? this.body(resource, found, ern) : undefined
  }

  // --- GET /aggregatedAttendance ---

  /**
   * Per activity and student, over the calendar events that start within [startDate, endDate] (whole days, in the
   * events' own offset): offeredSum, the minutes of the events the student was offered (a member of one of the
   * activity's groups on that day, or named in studentExceptions as taking part; not when named as not taking
   * part); the other sums from the student's attendances at those events. Ordered by activity id, then student
   * id. organisation: the activity's organisation or one above it; schoolType: one of the activity's groups has
   * it; student: any of.
   */
  aggregated(given: Params): AggregatedRow[] {
    const p = this.applied(given)
    // Both are required; only filter.required-window-optional lets them be missing: then the window is open.
    const from = first(p, 'startDate') ?? '1900-01-01'
    const to = first(p, 'endDate') ?? '2999-12-31'
    const org = first(p, 'organisation')
    const rows = new Map<string, AggregatedRow>()
    const row = (activity: string, student: string): AggregatedRow => {
      const key = `${activity.toLowerCase()}/${student.toLowerCase()}`
      let r = rows.get(key)
      if (!r) {
        r = { activity, student, startDate: from, endDate: to, attendanceSum: 0, validAbsenceSum: 0, invalidAbsenceSum: 0, otherAttendanceSum: 0, reportedSum: 0, offeredSum: 0 }
        rows.set(key, r)
      }
      return r
    }
    const wanted = (student: string) => !p.student || p.student.some((s) => sameId(student, s))
    for (const event of this.rows.calendarEvents) {
      const day = event.startTime.slice(0, 10)
      if (day < from || day > to || event.cancelled) continue
      const activity = this.get('activities', event.activity?.id ?? '')
      if (!activity) continue
      if (org !== undefined && !this.within(activity.organisation?.id, org)) continue
      if (p.schoolType && !activity.groups.some((g) => p.schoolType.includes(this.get('groups', g.id)?.schoolType ?? ''))) continue
      const minutes = event.teachingLengthStudent ?? Math.round(((parseDateTime(event.endTime) ?? 0) - (parseDateTime(event.startTime) ?? 0)) / 60_000)
      const offered = new Map<string, string>()
      for (const g of activity.groups) {
        for (const m of this.get('groups', g.id)?.groupMemberships ?? []) {
          if (m.person?.id && (m.startDate === undefined || m.startDate <= day) && (m.endDate === undefined || m.endDate >= day)) offered.set(m.person.id.toLowerCase(), m.person.id)
        }
      }
      for (const x of event.studentExceptions ?? []) {
        if (!x.student?.id) continue
        if (x.participates) offered.set(x.student.id.toLowerCase(), x.student.id)
        else offered.delete(x.student.id.toLowerCase())
      }
      const attendances = this.attendancesAt.get(event.id.toLowerCase()) ?? []
      for (const a of attendances) if (a.student?.id) offered.set(a.student.id.toLowerCase(), a.student.id)
      for (const student of offered.values()) {
        if (wanted(student)) row(activity.id, student).offeredSum += minutes
      }
      for (const a of attendances) {
        if (!a.student?.id || !wanted(a.student.id)) continue
        const r = row(activity.id, a.student.id)
        r.attendanceSum += a.attendanceMinutes ?? 0
        r.validAbsenceSum += a.validAbsenceMinutes ?? 0
        r.invalidAbsenceSum += a.invalidAbsenceMinutes ?? 0
        r.otherAttendanceSum += a.otherAttendanceMinutes ?? 0
        if (a.isReported) r.reportedSum += minutes
      }
    }
    return [...rows.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, r]) => r)
  }

  /** One AggregatedAttendance as served. */
  renderAggregated(row: AggregatedRow, o: RenderOptions): Rendered {
    const { activity, student, ...sums } = row
    const out: Rendered = { activity: this.reference({ id: activity }, o.ern), student: this.reference({ id: student }, o.ern), ...sums }
    const expand = [...new Set(o.expand ?? [])]
    if (expand.length) {
      const embedded: Rendered = {}
      if (expand.includes('activity')) {
        const a = this.embedOne('activities', activity, o.ern)
        if (a) embedded.activity = a
      }
      if (expand.includes('student')) {
        const s = this.embedOne('persons', student, o.ern)
        if (s) embedded.student = s
      }
      out._embedded = embedded
    }
    return out
  }
}

function applies<T>(filters: readonly Filter<T>[], record: T, p: Params, store: ReferenceStore): boolean {
  return filters.every((f) => !f.params.some((name) => p[name] !== undefined) || f.test(record, p, store))
}
