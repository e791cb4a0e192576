// The api3 data faults of the reference server (issue #4): each breaks one rule about the values served.
// bendDataset changes the data once, before the store is built (so filters, items and lookups agree with the
// lists); bendPresented changes one answer's record as it is served. server.ts calls each at one place.

import type { Dataset } from '../../fixtures/generate.js'
import type { FaultId } from './faults.js'
import type { Params, Resource } from './store.js'

/** The dataset as the data faults switched on leave it (the same object when none applies). */
export function bendDataset<D extends Dataset>(faults: ReadonlySet<FaultId>, dataset: D): D {
  if (!faults.has('data.parent-is-schoolunit') && !faults.has('data.eppn-without-domain')) return dataset
  const out = structuredClone(dataset)
  if (faults.has('data.parent-is-schoolunit')) {
    // The second school unit is placed below the first ("Kan ej peka på organisationer av typen Skolenhet").
    const [first, second] = out.organisations.filter((o) => o.organisationType === 'Skolenhet')
    if (first && second) second.parentOrganisation = { id: first.id }
  }
  if (faults.has('data.eppn-without-domain')) {
    // eduPersonPrincipalNames without their '@' and domain.
    for (const p of out.persons) if (p.eduPersonPrincipalNames) p.eduPersonPrincipalNames = p.eduPersonPrincipalNames.map((n) => n.split('@')[0])
  }
  return out
}

/** One served record as the presentation faults switched on leave it (changed in place). */
export function bendPresented(faults: ReadonlySet<FaultId>, _r: Resource, out: Record<string, unknown>, p: Params): void {
  // Asking for expanded data stamps the record as modified now ("ska således inte påverka detta värde").
  const meta = out.meta as { modified?: string } | undefined
  if (faults.has('expand.bumps-modified') && p.expand?.length && meta?.modified) meta.modified = new Date(Date.parse(meta.modified) + 86_400_000).toISOString()
}
