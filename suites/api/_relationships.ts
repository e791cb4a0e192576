// The persons relationship.* filters, one relation type at a time (API-FILTER-009). For each type of the spec's
// enum the parameter descriptions of GET /persons (2.1.0) name the records that carry the relation:
//   enrolment                 person.enrolments[].enroledAt
//   duty                      duty.person, at duty.dutyAt
//   placement.child / .owner  placement.child / placement.owners, at placement.placedAt
//   responsibleFor.enrolment  the responsibles of a child enrolled at the organisation
//   responsibleFor.placement  the responsibles of a child placed at the organisation
//   groupMembership           group.groupMemberships[].person (or an assignmentRole's duty.person), at group.organisation
// Known pairs (person, organisation) come from samples of those lists; a person the filter returns beyond them is
// looked up on its own (a few per type), so a filter that returns everything fails and one that drops fails too.

import type { CheckContext } from '../../src/core/context.js'
import { valuesAt } from './_records.js'
import { hasParam, sampleRecords } from './_shared.js'

type Rec = Record<string, unknown>
export type Pairs = Map<string, Set<string>> // organisation id -> person ids (lower case)

const lc = (xs: readonly string[]) => xs.map((x) => x.toLowerCase())

function add(pairs: Pairs, orgs: readonly string[], persons: readonly string[]): void {
  for (const o of lc(orgs)) for (const p of lc(persons)) (pairs.get(o) ?? pairs.set(o, new Set()).get(o)!).add(p)
}

/** A sample of a list the target offers (empty when the spec or the target does not offer it). */
async function sample(ctx: CheckContext, path: string, n = 100): Promise<Rec[]> {
  const op = ctx.spec.operation(`GET ${path}`)
  if (!op) return []
  const res = await ctx.call(op, { query: { limit: hasParam(op, 'limit') ? n : undefined } })
  const data = (res.json as { data?: unknown } | undefined)?.data
  return res.status === 200 && Array.isArray(data) ? (data as Rec[]) : []
}

export interface Samples {
  persons: Rec[]
  duties: Rec[]
  placements: Rec[]
  groups: Rec[]
}

export async function loadSamples(ctx: CheckContext, persons: Rec[]): Promise<Samples> {
  return { persons, duties: await sample(ctx, '/duties'), placements: await sample(ctx, '/placements'), groups: await sample(ctx, '/groups') }
}

/** The (organisation -> persons) pairs of one relation type that the samples show. */
export function knownPairs(type: string, s: Samples): Pairs {
  const pairs: Pairs = new Map()
  const byId = new Map(s.persons.map((p) => [String(p.id).toLowerCase(), p]))
  const responsibles = (child: string) => valuesAt(byId.get(child.toLowerCase()), 'responsibles[].person.id')
  if (type === 'enrolment') for (const p of s.persons) add(pairs, valuesAt(p, 'enrolments[].enroledAt.id'), [String(p.id)])
  if (type === 'duty') for (const d of s.duties) add(pairs, valuesAt(d, 'dutyAt.id'), valuesAt(d, 'person.id'))
  if (type === 'placement.child') for (const x of s.placements) add(pairs, valuesAt(x, 'placedAt.id'), valuesAt(x, 'child.id'))
  if (type === 'placement.owner') for (const x of s.placements) add(pairs, valuesAt(x, 'placedAt.id'), valuesAt(x, 'owners[].id'))
  if (type === 'responsibleFor.enrolment') for (const c of s.persons) add(pairs, valuesAt(c, 'enrolments[].enroledAt.id'), valuesAt(c, 'responsibles[].person.id'))
  if (type === 'responsibleFor.placement') for (const x of s.placements) add(pairs, valuesAt(x, 'placedAt.id'), valuesAt(x, 'child.id').flatMap(responsibles))
  if (type === 'groupMembership') for (const g of s.groups) add(pairs, valuesAt(g, 'organisation.id'), valuesAt(g, 'groupMemberships[].person.id'))
  return pairs
}

/** The records of one whole answer of a filtered list (undefined when it is not one whole page of records). */
async function listed(ctx: CheckContext, path: string, query: Record<string, string>): Promise<Rec[] | undefined> {
  const op = ctx.spec.operation(`GET ${path}`)
  if (!op) return undefined
  const res = await ctx.call(op, { query })
  const data = (res.json as { data?: unknown } | undefined)?.data
  if (res.status !== 200 || !Array.isArray(data) || (res.json as { pageToken?: unknown }).pageToken) return undefined
  return data as Rec[]
}

const inList = async (ctx: CheckContext, path: string, query: Record<string, string>, field: string, org: string): Promise<boolean | undefined> =>
  (await listed(ctx, path, query))?.some((r) => lc(valuesAt(r, field)).includes(org))

/** The person's own record with one expanded relation (undefined when the target does not embed it). */
async function embedded(ctx: CheckContext, person: string, rel: string): Promise<Rec[] | undefined> {
  const res = await ctx.call('GET /persons/{id}', { path: { id: person }, query: { expand: [rel] } })
  const list = (res.json as { _embedded?: Record<string, unknown> } | undefined)?._embedded?.[rel]
  return res.status === 200 && Array.isArray(list) ? (list as Rec[]) : undefined
}

/** Whether the person has a relation of this type to the organisation, asked of the target record by record. */
export async function related(ctx: CheckContext, type: string, person: Rec, org: string): Promise<boolean | undefined> {
  const id = String(person.id)
  switch (type) {
    case 'enrolment':
      return lc(valuesAt(person, 'enrolments[].enroledAt.id')).includes(org)
    case 'duty':
      return inList(ctx, '/duties', { person: id }, 'dutyAt.id', org)
    case 'placement.child':
      return inList(ctx, '/placements', { child: id }, 'placedAt.id', org)
    case 'placement.owner':
      return inList(ctx, '/placements', { owner: id }, 'placedAt.id', org)
    case 'responsibleFor.enrolment':
    case 'responsibleFor.placement': {
      const children = await embedded(ctx, id, 'responsibleFor')
      if (!children) return undefined
      for (const child of children.flatMap((c) => valuesAt(c, 'person.id'))) {
        const hit =
          type === 'responsibleFor.placement'
            ? await inList(ctx, '/placements', { child }, 'placedAt.id', org)
            : await ctx.call('GET /persons/{id}', { path: { id: child } }).then((r) => (r.status === 200 ? lc(valuesAt(r.json, 'enrolments[].enroledAt.id')).includes(org) : undefined))
        if (hit !== false) return hit
      }
      return false
    }
    case 'groupMembership': {
      const memberships = await embedded(ctx, id, 'groupMemberships')
      if (!memberships) return undefined
      if (memberships.some((m) => lc(valuesAt(m, 'group.organisation.id')).includes(org))) return true
      // The other half of the relation: an assignmentRole of one of the person's duties in a group of the organisation.
      const duties = await listed(ctx, '/duties', { person: id })
      return duties?.every((d) => valuesAt(d, 'assignmentRole[].group.id').length === 0) ? false : undefined
    }
  }
  return undefined
}
