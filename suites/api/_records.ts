// Helpers for the checks that look into records: reading values along a path, the relationship and date filters
// of the spec with the record fields they select on, and parameter descriptions (the spec's own words).

import type { OpenApiDoc } from '../../src/spec/load.js'
import { deref, type Operation } from '../../src/spec/operations.js'
import { hasParam } from './_shared.js'

/** The string values along a path such as 'teachers[].duty.id' ('[]' walks every element of an array). */
export function valuesAt(v: unknown, path: string): string[] {
  let cur: unknown[] = [v]
  for (const part of path.split('.')) {
    const many = part.endsWith('[]')
    const key = many ? part.slice(0, -2) : part
    cur = cur.flatMap((x) => {
      const next = x && typeof x === 'object' ? (x as Record<string, unknown>)[key] : undefined
      return many ? (Array.isArray(next) ? next : []) : next === undefined ? [] : [next]
    })
  }
  return cur.filter((x): x is string => typeof x === 'string')
}

/** The record's id, or undefined (SchoolUnitOffering and AggregatedAttendance have none in 2.1.0). */
export const idOf = (r: unknown): string | undefined => {
  const id = r && typeof r === 'object' ? (r as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id : undefined
}

/**
 * Relationship filters that select on a field of the record itself, per list path: filter -> the field holding the
 * referenced id (from each parameter's description in 2.1.0). Filters that also take "underlying elements"
 * (activities/duties/calendarEvents/attendances organisation) or go through other records (activities member,
 * calendarEvents student/teacher/group, attendanceSchedule group) are left out: a record's own fields cannot show
 * whether such a filter was applied.
 */
export const RELATION_FILTERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '/placements': { organisation: 'placedAt.id', group: 'group.id', child: 'child.id', owner: 'owners[].id' },
  '/duties': { person: 'person.id' },
  '/groups': { organisation: 'organisation.id' },
  '/studyplans': { student: 'student.id' },
  '/schoolUnitOfferings': { organisation: 'offeredAt.id' },
  '/activities': { group: 'groups[].id', teacher: 'teachers[].duty.id' },
  '/calendarEvents': { activity: 'activity.id' },
  '/attendances': { student: 'student.id', calendarEvent: 'calendarEvent.id' },
  '/attendanceEvents': { person: 'person.id', group: 'group.id' },
  '/attendanceSchedule': { placement: 'placement.id' },
  '/grades': { student: 'student.id', organisation: 'organisation.id', registeredBy: 'registeredBy.id', gradingTeacher: 'gradingTeacher.id' },
  '/absences': { student: 'student.id', organisation: 'organisation.id', registeredBy: 'registeredBy.id' },
  '/aggregatedAttendance': { student: 'student.id' },
  '/resources': { organisation: 'owner.id' },
  '/rooms': { organisation: 'owner.id' },
}

/** The relationship filters of a list operation that the spec declares, with their record fields. */
export function relationFilters(op: Operation): { param: string; field: string }[] {
  return Object.entries(RELATION_FILTERS[op.path] ?? {})
    .filter(([param]) => hasParam(op, param))
    .map(([param, field]) => ({ param, field }))
}

export const DATE_FILTER = /^(startDate|endDate|startTime|endTime|registeredDate)\.(onOrBefore|onOrAfter)$/

/** The date/time window filters of a list operation: 'endDate.onOrAfter' selects on the record's endDate. */
export function dateFilters(op: Operation): { param: string; field: string; side: 'onOrBefore' | 'onOrAfter' }[] {
  return op.parameters
    .filter((p) => p.in === 'query' && DATE_FILTER.test(p.name))
    .map((p) => {
      const [, field, side] = DATE_FILTER.exec(p.name)!
      return { param: p.name, field, side: side as 'onOrBefore' | 'onOrAfter' }
    })
}

/** A query parameter's description as the spec writes it ('' when it has none). */
export function paramDescription(doc: OpenApiDoc, op: Operation, name: string): string {
  const item = doc.paths[op.path] as Record<string, any>
  const all = [...((item.parameters as unknown[]) ?? []), ...((item[op.method.toLowerCase()]?.parameters as unknown[]) ?? [])]
  const p = all.map((x) => deref(doc, x)).find((x) => x?.name === name && x?.in === 'query')
  return typeof p?.description === 'string' ? p.description : ''
}

/** The typed references of SS 12000 2.1.0 and the list whose item endpoint resolves them. */
export const REFERENCE_TARGETS: Readonly<Record<string, string>> = {
  OrganisationReference: '/organisations',
  SchoolUnitReference: '/organisations',
  PersonReference: '/persons',
  PersonReference_1: '/persons',
  GroupReference: '/groups',
  ProgrammeReference: '/programmes',
  SyllabusReference: '/syllabuses',
  DutyReference: '/duties',
  ActivityReference: '/activities',
  CalendarEventReference: '/calendarEvents',
  PlacementReference: '/placements',
}

export interface TypedReference {
  path: string // 'teachers[0].duty'
  target: string // '/duties'
  id: string
}

/** The schema of one record of a record list (its 200 answer's data items). */
export function recordSchema(doc: OpenApiDoc, op: Operation): unknown {
  const pointer = op.responses['200']
  if (!pointer) return undefined
  let cur: any = doc
  for (const part of pointer.slice(2).split('/')) cur = cur?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  return deref(doc, deref(doc, deref(doc, cur)?.properties?.data)?.items)
}

const refName = (s: any): string | undefined => (typeof s?.$ref === 'string' ? s.$ref.split('/').pop() : undefined)

/** The typed reference a schema is, through $ref and allOf wrappers (Organisation_parentOrganisation -> OrganisationReference). */
function referenceType(doc: OpenApiDoc, schema: any, depth = 0): string | undefined {
  if (!schema || depth > 8) return undefined
  const name = refName(schema)
  if (name && REFERENCE_TARGETS[name]) return name
  if (name) return referenceType(doc, deref(doc, schema), depth + 1)
  for (const m of (schema.allOf as any[] | undefined) ?? []) {
    const t = referenceType(doc, m, depth + 1)
    if (t) return t
  }
  return undefined
}

/** The object schemas an allOf is made of, nested allOf flattened (GroupExpanded -> Group -> GroupFragment, …). */
function flatMembers(doc: OpenApiDoc, schema: any, depth = 0): any[] {
  const s = deref(doc, schema)
  if (!s?.allOf || depth > 8) return [s]
  return (s.allOf as any[]).flatMap((m) => flatMembers(doc, m, depth + 1))
}

/** The references in a record, typed by the schema that declares them (outside _embedded). */
export function typedReferences(doc: OpenApiDoc, schema: any, value: unknown, path = '', depth = 0): TypedReference[] {
  if (!schema || value === null || typeof value !== 'object' || depth > 12) return []
  const direct = Array.isArray(value) ? undefined : referenceType(doc, schema)
  if (direct) {
    const id = (value as { id?: unknown }).id
    return typeof id === 'string' ? [{ path: path || '(root)', target: REFERENCE_TARGETS[direct], id }] : []
  }
  const s = deref(doc, schema)
  if (Array.isArray(value)) return value.flatMap((x, i) => typedReferences(doc, s?.items, x, `${path}[${i}]`, depth + 1))
  const members = flatMembers(doc, s)
  const out = new Map<string, TypedReference>()
  for (const m of members) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === '_embedded' || !m?.properties?.[k]) continue
      for (const r of typedReferences(doc, m.properties[k], v, path ? `${path}.${k}` : k, depth + 1)) out.set(`${r.path}:${r.id}`, r)
    }
  }
  return [...out.values()]
}
