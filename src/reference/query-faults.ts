// The api3 filter faults of the reference server (issue #4): each bends the parameters of a list query before the
// store reads them, so one filter rule breaks: the persons relationship types (API-FILTER-009), the filters on a
// record's own values and the organisation hierarchy filter parent (API-FILTER-010). server.ts calls in at one
// place, beside stripFilters.

import type { FaultId } from './faults.js'
import type { Params, Resource } from './store.js'

const NOBODY = '00000000-0000-0000-0000-000000000000'

/** fault -> list -> the parameters it leaves out (parsed and checked like any other, then not applied). */
const IGNORED: Partial<Record<FaultId, Partial<Record<Resource | 'aggregatedAttendance', readonly string[]>>>> = {
  'filter.attribute-ignored': {
    organisations: ['type', 'schoolTypes', 'schoolUnitCode', 'organisationCode', 'municipalityCode'],
    persons: ['civicNo', 'eduPersonPrincipalName', 'identifier.value', 'identifier.context'],
    duties: ['dutyRole'],
    groups: ['groupType', 'schoolTypes'],
    programmes: ['schoolType', 'code', 'parentProgramme'],
    absences: ['type'],
  },
  'filter.parent-ignored': { organisations: ['parent'] },
}

/** The parameters of a list query as the api3 filter faults switched on leave them. */
export function bendFilters(faults: ReadonlySet<FaultId>, r: Resource | 'aggregatedAttendance', p: Params): Params {
  const out: Params = { ...p }
  for (const f of faults) for (const name of IGNORED[f]?.[r] ?? []) delete out[name]
  if (r !== 'persons') return out
  const type = out['relationship.entity.type']?.[0]
  // Any relation to the organisation counts, whatever its type.
  if (faults.has('filter.relationship-type-ignored') && out['relationship.organisation']) delete out['relationship.entity.type']
  // Guardians are never found through their children: the responsibleFor.* types select no one.
  if (faults.has('filter.relationship-guardians-dropped') && type?.startsWith('responsibleFor.')) out['relationship.organisation'] = [NOBODY]
  return out
}

const META_BOUND = /^meta\.(created|modified)\.(before|after)$/

/** The raw query as filter.date-lenient leaves it: a meta bound without a time zone is read as UTC. */
export function bendQuery(faults: ReadonlySet<FaultId>, q: Map<string, string[]>): Map<string, string[]> {
  if (!faults.has('filter.date-lenient')) return q
  const out = new Map(q)
  for (const [k, values] of q) if (META_BOUND.test(k)) out.set(k, values.map((v) => (/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(v) ? `${v}Z` : v)))
  return out
}
