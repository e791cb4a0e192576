// The persons relationship-type faults of the reference server (api3, issue #4): each bends the relationship.*
// parameters of GET /persons before the store reads them, so one part of the relationship.entity.type rule breaks.
// server.ts calls in at one place, beside stripFilters.

import type { FaultId } from './faults.js'
import type { Params, Resource } from './store.js'

const NOBODY = '00000000-0000-0000-0000-000000000000'

/** The parameters of a list query as the relationship faults switched on leave them. */
export function bendFilters(faults: ReadonlySet<FaultId>, r: Resource | 'aggregatedAttendance', p: Params): Params {
  if (r !== 'persons') return p
  const out: Params = { ...p }
  const type = out['relationship.entity.type']?.[0]
  // Any relation to the organisation counts, whatever its type.
  if (faults.has('filter.relationship-type-ignored') && out['relationship.organisation']) delete out['relationship.entity.type']
  // Guardians are never found through their children: the responsibleFor.* types select no one.
  if (faults.has('filter.relationship-guardians-dropped') && type?.startsWith('responsibleFor.')) out['relationship.organisation'] = [NOBODY]
  return out
}
