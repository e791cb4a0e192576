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

/** Faults that break only entities beyond organisations and persons: a core check shows them under full-2.1. */
export const FULL_ONLY_FAULTS: readonly FaultId[] = ['schema.grade-bad-semester', 'filter.required-window-optional']

/**
 * The profile a check is proven in (under a fault): core when the check belongs to it and the fault concerns it,
 * full-2.1 for a fault that breaks only the other entities, else the check's own first profile (write-mode,
 * mtls, fedtls-metadata, skolverket-dnp …).
 */
export async function proofProfile(checkId: string, fault?: FaultId): Promise<string> {
  const check = (await loadChecks()).find((c) => c.id === checkId)
  if (!check) return 'core'
  // Export checks prove themselves on the wider profile when they belong to it (groups, duties, deletedEntities …).
  if (checkId.startsWith('EXPORT-') && check.profiles.includes('skolverket-dnp')) return 'skolverket-dnp'
  const fullOnly = fault !== undefined && FULL_ONLY_FAULTS.includes(fault)
  if (check.profiles.includes('core') && !fullOnly) return 'core'
  if (fullOnly && check.profiles.includes('full-2.1')) return 'full-2.1'
  return check.profiles[0]
}

/** What a profile needs to run on the built-in server in tests: write-mode writes, with a short notice timeout. */
export function proofOptions(profile: string): { profile: string; allowWrites?: boolean; noticeTimeoutMs?: number } {
  return profile === 'write-mode' ? { profile, allowWrites: true, noticeTimeoutMs: 1000 } : { profile }
}

/** The results of one check (one per operation for a forEach check), run in the profile it is proven in. */
export async function runOne(checkId: string, faults: FaultId[] = []): Promise<CheckResult[]> {
  const profile = await proofProfile(checkId, faults[0])
  const run = await runBuiltIn({ checkIds: [checkId], faults, ...proofOptions(profile) })
  return run.results.filter((r) => r.checkId === checkId)
}
