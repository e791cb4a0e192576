// The reference server's data: an in-memory, read-only store built from a Dataset, and the query language the
// SS 12000 list endpoints speak over it (parameters, filters, sort keys) and the way records are rendered
// (references with or without displayName, persons' _embedded). Nothing here knows HTTP or faults: the few
// points where a server could read the query language differently are QueryRules, the spec's by default.

import {
  ORGANISATION_TYPES,
  SCHOOL_TYPES,
  type Dataset,
  type ObjectReference,
  type Organisation,
  type Person,
  type Responsible,
} from '../../fixtures/generate.js'

export type Resource = 'organisations' | 'persons'
export type EntityRecord = Organisation | Person

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// --- parameters -----------------------------------------------------------------------------------------------

type ParamKind = 'string' | 'uuid' | 'date' | 'date-time' | 'boolean' | { enum: readonly string[] }

export interface ParamSpec {
  kind: ParamKind
  /** form + explode: the key may repeat (?type=Skola&type=Skolenhet). */
  repeat?: boolean
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>

/** Validated parameter values by name; only names the operation knows. */
export type Params = Record<string, string[]>

export const PERSON_EXPAND = ['duties', 'responsibleFor', 'placements', 'ownedPlacements', 'groupMemberships'] as const
const RELATIONSHIP_TYPES = ['enrolment', 'duty', 'placement.child', 'placement.owner', 'responsibleFor.enrolment', 'responsibleFor.placement', 'groupMembership'] as const

const ERN: ParamSpecs = { expandReferenceNames: { kind: 'boolean' } }
const EXPAND: ParamSpecs = { expand: { kind: { enum: PERSON_EXPAND }, repeat: true } }
export type MetaBound = `meta.${'created' | 'modified'}.${'after' | 'before'}`
export const META_PARAMS: readonly MetaBound[] = ['meta.created.before', 'meta.created.after', 'meta.modified.before', 'meta.modified.after']
const META: ParamSpecs = Object.fromEntries(META_PARAMS.map((name): [string, ParamSpec] => [name, { kind: 'date-time' }]))

/** Query parameters of GET /organisations and GET /persons, as the 2.1.0 document declares them (limit and pageToken aside). */
export const LIST_PARAMS: Record<Resource, ParamSpecs> = {
  organisations: {
    parent: { kind: 'uuid', repeat: true },
    schoolUnitCode: { kind: 'string', repeat: true },
    organisationCode: { kind: 'string', repeat: true },
    municipalityCode: { kind: 'string' },
    type: { kind: { enum: ORGANISATION_TYPES }, repeat: true },
    schoolTypes: { kind: { enum: SCHOOL_TYPES }, repeat: true },
    'startDate.onOrBefore': { kind: 'date' },
    'startDate.onOrAfter': { kind: 'date' },
    'endDate.onOrBefore': { kind: 'date' },
    'endDate.onOrAfter': { kind: 'date' },
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
    ...EXPAND,
    ...ERN,
    sortkey: {
      kind: { enum: ['DisplayNameAsc', 'GivenNameDesc', 'GivenNameAsc', 'FamilyNameDesc', 'FamilyNameAsc', 'CivicNoAsc', 'CivicNoDesc', 'ModifiedDesc'] },
    },
  },
}

/**
 * The enumerated filters of the list endpoints: their enum-typed parameters, sortkey and expand aside (those
 * choose the order and the shape of the answer, not which records it holds).
 */
export const ENUM_FILTERS: readonly string[] = [
  ...new Set(
    Object.values(LIST_PARAMS).flatMap((specs) =>
      Object.entries(specs)
        .filter(([name, spec]) => typeof spec.kind === 'object' && name !== 'sortkey' && name !== 'expand')
        .map(([name]) => name),
    ),
  ),
]

/** Query parameters of GET /x/{id} and POST /x/lookup. */
export const ITEM_PARAMS: Record<Resource, ParamSpecs> = {
  organisations: { ...ERN },
  persons: { ...EXPAND, ...ERN },
}

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
}

export const SPEC_RULES: QueryRules = {
  inclusive: { 'meta.created.after': false, 'meta.modified.after': false, 'meta.created.before': true, 'meta.modified.before': true },
  ignored: [],
  nameCaseSensitive: false,
  nameValues: 'all',
  lenientEnums: [],
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

/** A date bound over an optional date: a record without the date always passes. */
function dateBound<T>(param: string, value: (r: T) => string | undefined, op: 'onOrBefore' | 'onOrAfter'): Filter<T> {
  return {
    params: [param],
    test: (r, p) => {
      const v = value(r)
      const bound = first(p, param)!
      return v === undefined || (op === 'onOrBefore' ? v <= bound : v >= bound)
    },
  }
}

const ORGANISATION_FILTERS: Filter<Organisation>[] = [
  { params: ['parent'], test: (o, p) => p.parent.some((id) => sameId(o.parentOrganisation?.id, id)) },
  { params: ['schoolUnitCode'], test: (o, p) => o.schoolUnitCode !== undefined && p.schoolUnitCode.includes(o.schoolUnitCode) },
  { params: ['organisationCode'], test: (o, p) => o.organisationCode !== undefined && p.organisationCode.includes(o.organisationCode) },
  { params: ['municipalityCode'], test: (o, p) => o.municipalityCode === first(p, 'municipalityCode') },
  { params: ['type'], test: (o, p) => p.type.includes(o.organisationType) },
  { params: ['schoolTypes'], test: (o, p) => (o.schoolTypes ?? []).some((t) => p.schoolTypes.includes(t)) },
  dateBound<Organisation>('startDate.onOrBefore', (o) => o.startDate, 'onOrBefore'),
  dateBound<Organisation>('startDate.onOrAfter', (o) => o.startDate, 'onOrAfter'),
  dateBound<Organisation>('endDate.onOrBefore', (o) => o.endDate, 'onOrBefore'),
  dateBound<Organisation>('endDate.onOrAfter', (o) => o.endDate, 'onOrAfter'),
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

// --- sort keys ------------------------------------------------------------------------------------------------

type Compare<T> = (a: T, b: T) => number

const collator = new Intl.Collator('sv', { sensitivity: 'variant' })
function byId(a: { id: string }, b: { id: string }): number {
  const x = a.id.toLowerCase()
  const y = b.id.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}
const text = <T>(f: (r: T) => string | undefined, dir: 1 | -1): Compare<T> => (a, b) => {
  const x = f(a)
  const y = f(b)
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1 // missing values last
  return dir * collator.compare(x, y)
}
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

// --- the store ------------------------------------------------------------------------------------------------

export interface RenderOptions {
  /** expandReferenceNames: references carry displayName. */
  ern: boolean
  /** Persons' expand values. */
  expand?: readonly string[]
}

export interface LookupRequest {
  ids?: string[]
  schoolUnitCodes?: string[]
  organisationCodes?: string[]
  civicNos?: string[]
}

export class ReferenceStore {
  /** The records in the default order: by id. */
  readonly organisations: readonly Organisation[]
  readonly persons: readonly Person[]
  private readonly byId: Record<Resource, Map<string, EntityRecord>> = { organisations: new Map(), persons: new Map() }
  private readonly names = new Map<string, string>()
  /** guardian id -> the children whose responsibles name the guardian. */
  private readonly children = new Map<string, { child: Person; relationType?: Responsible['relationType'] }[]>()

  constructor(
    dataset: Dataset,
    readonly rules: QueryRules = SPEC_RULES,
  ) {
    this.organisations = [...dataset.organisations].sort(byId)
    this.persons = [...dataset.persons].sort(byId)
    for (const o of this.organisations) {
      this.byId.organisations.set(o.id.toLowerCase(), o)
      this.names.set(o.id.toLowerCase(), o.displayName)
    }
    for (const p of this.persons) {
      this.byId.persons.set(p.id.toLowerCase(), p)
      this.names.set(p.id.toLowerCase(), personDisplayName(p))
    }
    for (const child of this.persons) {
      for (const r of child.responsibles ?? []) {
        if (!r.person?.id) continue
        const key = r.person.id.toLowerCase()
        const list = this.children.get(key) ?? []
        list.push({ child, relationType: r.relationType })
        this.children.set(key, list)
      }
    }
  }

  all(resource: Resource): readonly EntityRecord[] {
    return resource === 'organisations' ? this.organisations : this.persons
  }

  get(resource: Resource, id: string): EntityRecord | undefined {
    return this.byId[resource].get(id.toLowerCase())
  }

  /** The records a list query selects, in the order its sortkey asks for (by id without one). */
  query(resource: Resource, given: Params): EntityRecord[] {
    const p = Object.fromEntries(Object.entries(given).filter(([name]) => !this.rules.ignored.includes(name)))
    const sortkey = first(p, 'sortkey')
    if (resource === 'organisations') {
      const rows = this.organisations.filter((o) => applies(ORGANISATION_FILTERS, o, p, this))
      return sortkey ? rows.sort(ORGANISATION_SORT[sortkey]) : rows
    }
    const rows = this.persons.filter((r) => applies(PERSON_FILTERS, r, p, this))
    return sortkey ? rows.sort(PERSON_SORT[sortkey]) : rows
  }

  /** POST /x/lookup: the records any of the lists names (unknown values are left out), in the default order. */
  lookup(resource: Resource, req: LookupRequest): EntityRecord[] {
    const ids = new Set((req.ids ?? []).map((id) => id.toLowerCase()))
    if (resource === 'organisations') {
      const units = new Set(req.schoolUnitCodes ?? [])
      const codes = new Set(req.organisationCodes ?? [])
      return this.organisations.filter(
        (o) => ids.has(o.id.toLowerCase()) || (o.schoolUnitCode !== undefined && units.has(o.schoolUnitCode)) || (o.organisationCode !== undefined && codes.has(o.organisationCode)),
      )
    }
    const civic = new Set(req.civicNos ?? [])
    return this.persons.filter((p) => ids.has(p.id.toLowerCase()) || (p.civicNo !== undefined && civic.has(p.civicNo.value)))
  }

  /** A person's relationships to organisations, for the relationship.* filters. */
  relationships(p: Person): Relationship[] {
    const enrolments = (person: Person, type: Relationship['type']): Relationship[] =>
      (person.enrolments ?? []).map((e) => ({ type, organisation: e.enroledAt?.id, startDate: e.startDate, endDate: e.endDate }))
    return [
      ...enrolments(p, 'enrolment'),
      ...(this.children.get(p.id.toLowerCase()) ?? []).flatMap(({ child }) => enrolments(child, 'responsibleFor.enrolment')),
    ]
  }

  /** The name a reference to this id shows under expandReferenceNames. */
  displayName(id: string): string | undefined {
    return this.names.get(id.toLowerCase())
  }

  /** A reference as served: {id} only, or with displayName when ern (the referenced record's name, else the one stored). */
  reference(ref: ObjectReference, ern: boolean): ObjectReference {
    const { displayName: stored, ...rest } = ref
    const name = this.displayName(ref.id) ?? stored
    return ern && name !== undefined ? { ...rest, displayName: name } : rest
  }

  /** A record as the API serves it: a fresh copy, its references rendered, persons' _embedded when expanded. */
  render(resource: Resource, record: EntityRecord, o: RenderOptions): Record<string, unknown> {
    return resource === 'organisations' ? this.renderOrganisation(record as Organisation, o) : this.renderPerson(record as Person, o)
  }

  private renderOrganisation(org: Organisation, o: RenderOptions): Record<string, unknown> {
    const out = structuredClone(org) as Organisation
    if (out.parentOrganisation) out.parentOrganisation = this.reference(out.parentOrganisation, o.ern)
    return out as unknown as Record<string, unknown>
  }

  private renderPerson(person: Person, o: RenderOptions): Record<string, unknown> {
    const out = structuredClone(person) as Person & { _embedded?: Record<string, unknown> }
    for (const e of out.enrolments ?? []) {
      if (e.enroledAt) e.enroledAt = this.reference(e.enroledAt, o.ern)
      if (e.programme) e.programme = this.reference(e.programme, o.ern)
    }
    for (const r of out.responsibles ?? []) if (r.person) r.person = this.reference(r.person, o.ern)
    const expand = [...new Set(o.expand ?? [])]
    if (expand.length) {
      const embedded: Record<string, unknown> = {}
      for (const key of expand) {
        // The dataset holds no duties, placements or groups: those expansions are empty lists.
        embedded[key] =
          key === 'responsibleFor'
            ? (this.children.get(person.id.toLowerCase()) ?? []).map(({ child, relationType }) => ({
                person: this.reference({ id: child.id }, o.ern),
                ...(relationType ? { relationType } : {}),
              }))
            : []
      }
      out._embedded = embedded
    }
    return out as unknown as Record<string, unknown>
  }
}

function applies<T>(filters: readonly Filter<T>[], record: T, p: Params, store: ReferenceStore): boolean {
  return filters.every((f) => !f.params.some((name) => p[name] !== undefined) || f.test(record, p, store))
}
