// An earlier state of a dataset, for the export suite's incremental checks on the built-in reference server.
// The reference server cannot change its data while it runs, so konform derives "the tenant as it was at T0"
// from the data it serves now (T1): records created after T0 are left out, records modified after T0 are served
// as they were before the change (meta.modified moved back), records deleted after T0 are still there, and only
// the deletions up to T0 are listed. A harvest of that state, stamped T0, is the baseline an incremental export
// of the live server must bring up to date (EXPORT-DELTA-021, EXPORT-DELETED-025).

import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Dataset, DeletedEntity, EndPoint } from '../../fixtures/generate.js'
import { startReferenceServer } from '../reference/server.js'
import { harvest } from './harvest.js'

/** The checks that compare the target with an earlier export; on the built-in server konform derives one for them. */
export const BASELINE_CHECKS: readonly string[] = ['EXPORT-DELTA-021', 'EXPORT-DELETED-025']

type Kind = 'organisations' | 'persons' | 'duties' | 'groups' | 'activities'
const KINDS: readonly Kind[] = ['organisations', 'persons', 'duties', 'groups', 'activities']
const KIND_OF: Partial<Record<EndPoint, Kind>> = { Organisation: 'organisations', Person: 'persons', Duty: 'duties', Group: 'groups', Activity: 'activities' }

interface Stamped {
  id: string
  meta: { created: string; modified: string }
}

/**
 * T0 for a dataset: the time of its middle deletion of the kinds derived here, so that some of those deletions lie
 * before it and some after (deletions of other kinds, such as placements or absences, do not move it).
 */
export function earlierCursor(d: Dataset): string {
  const dels = (d.deletedEntities ?? []).filter((e) => KIND_OF[e.entity] !== undefined).sort((a, b) => Date.parse(a.deletedAt) - Date.parse(b.deletedAt))
  if (dels.length) return new Date(Date.parse(dels[dels.length >> 1].deletedAt)).toISOString()
  const times = KINDS.flatMap((k) => ((d[k] ?? []) as Stamped[]).map((r) => Date.parse(r.meta.modified))).sort((a, b) => a - b)
  return new Date(times[times.length >> 1] ?? 0).toISOString()
}

/** The dataset as it was at t0 (see the file comment). */
export function datasetBefore(d: Dataset, t0: string): Dataset {
  const at = Date.parse(t0)
  const before = (s: string) => Date.parse(s) <= at
  const out: Dataset = { organisations: [], persons: [] }
  const stamp = new Date(at - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  for (const k of KINDS) {
    const rows = (d[k] ?? []) as Stamped[]
    const kept = rows
      .filter((r) => before(r.meta.created))
      .map((r) => (before(r.meta.modified) ? r : { ...r, meta: { ...r.meta, modified: r.meta.created } }))
    // Records deleted after t0 were still there at t0: a record of that type under the deleted id.
    const revived = (d.deletedEntities ?? [])
      .filter((e: DeletedEntity) => !before(e.deletedAt) && KIND_OF[e.entity] === k && rows.length)
      .map((e) => ({ ...rows[0], id: e.id, meta: { created: stamp, modified: stamp } }))
    ;(out as unknown as Record<Kind, Stamped[]>)[k] = [...kept, ...revived]
  }
  out.deletedEntities = (d.deletedEntities ?? []).filter((e) => before(e.deletedAt))
  return out
}

/**
 * A baseline bag of the built-in server's dataset as it was at its earlier cursor: served by a second reference
 * server (clean), harvested with the clock at T0. Remove it with cleanup() when the run is over.
 */
export async function builtInBaseline(o: { dataset: Dataset; profile: string; specFile?: string }): Promise<{ dir: string; cursor: string; cleanup: () => Promise<void> }> {
  const cursor = earlierCursor(o.dataset)
  const parent = await mkdtemp(path.join(os.tmpdir(), 'konform-baseline-'))
  const cleanup = () => rm(parent, { recursive: true, force: true })
  const server = await startReferenceServer({ dataset: datasetBefore(o.dataset, cursor) })
  try {
    const dir = path.join(parent, 'bag')
    await harvest({
      target: server.baseUrl,
      auth: { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret },
      profile: o.profile,
      specFile: o.specFile,
      out: dir,
      limits: { ratePerSecond: 0 },
      now: () => new Date(cursor),
    })
    return { dir, cursor, cleanup }
  } catch (err) {
    await cleanup()
    throw err
  } finally {
    await server.close()
  }
}
