import { runPlan, type RunOptions } from '../../src/run.js'
import type { CheckResult, RunResult } from '../../src/core/result.js'
import { loadChecks } from '../../src/core/registry.js'
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

/**
 * The results of one check (one per operation for a forEach check), in profile core, or else in the check's
 * first profile; write-mode checks with --allow-writes and a short notice timeout.
 */
export async function runOne(checkId: string, faults: FaultId[] = []): Promise<CheckResult[]> {
  const check = (await loadChecks()).find((c) => c.id === checkId)
  const profile = !check || check.profiles.includes('core') ? 'core' : check.profiles[0]
  const writes = profile === 'write-mode' ? { allowWrites: true, noticeTimeoutMs: 1000 } : {}
  const run = await runBuiltIn({ checkIds: [checkId], faults, profile, ...writes })
  return run.results.filter((r) => r.checkId === checkId)
}
