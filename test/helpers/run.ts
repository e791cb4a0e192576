import { loadChecks } from '../../src/core/registry.js'
import { runPlan, type RunOptions } from '../../src/run.js'
import type { CheckResult, RunResult } from '../../src/core/result.js'
import type { FaultId } from '../../src/reference/faults.js'

/** Runs the given checks against the built-in reference server (with faults), fast limits. */
export function runBuiltIn(o: Partial<RunOptions> & { faults?: FaultId[] } = {}): Promise<RunResult> {
  return runPlan({
    profile: 'core',
    suites: ['api', 'auth', 'export'],
    limits: { ratePerSecond: 0, concurrency: 8, requestTimeoutMs: 5000, checkTimeoutMs: 20000 },
    ...o,
  })
}

/** The results of one check (one per operation for a forEach check). */
export async function runOne(checkId: string, faults: FaultId[] = []): Promise<CheckResult[]> {
  // Export checks prove themselves on the wider profile when they belong to it (groups, duties, deletedEntities …).
  const check = (await loadChecks()).find((c) => c.id === checkId)
  const profile = checkId.startsWith('EXPORT-') && check?.profiles.includes('skolverket-dnp') ? 'skolverket-dnp' : 'core'
  const run = await runBuiltIn({ checkIds: [checkId], faults, profile })
  return run.results.filter((r) => r.checkId === checkId)
}
