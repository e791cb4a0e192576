// One run, end to end: plan -> spec -> (built-in server) -> reachability -> runner -> RunResult.
// The commands are thin: they turn flags into RunOptions, call runPlan() and render what it returns.

import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Dispatcher } from 'undici'
import { suiteOf, type Check } from './core/check.js'
import type { PlanView } from './core/context.js'
import { requirementInfo } from './core/requirements.js'
import { loadChecks } from './core/registry.js'
import {
  mustPassed,
  RESULT_SCHEMA_VERSION,
  summarise,
  VERDICT_RULE,
  type CheckResult,
  type RequirementInfo,
  type RunResult,
  type Suite,
} from './core/result.js'
import { runChecks } from './core/runner.js'
import { KonformError } from './errors.js'
import { HttpClient, type AuthConfig } from './http/client.js'
import { DEFAULT_LIMITS, type Limits } from './http/limits.js'
import { assertReachable } from './http/reach.js'
import { Redactor } from './http/redact.js'
import { toolVersion } from './paths.js'
import { BASELINE_CHECKS, builtInBaseline } from './export/earlier.js'
import { NOT_TESTED } from './export/not-tested.js'
import { datasetCounts, readExpectedCounts } from './export/expected-counts.js'
import { startReferenceServer, type ReferenceServer } from './reference/server.js'
import type { FaultId } from './reference/faults.js'
import { loadSpec, type Spec } from './spec/load.js'
import type { Operation } from './spec/operations.js'
import { PROFILES } from '../suites/profiles.js'

export const FAULTS_NEED_BUILTIN = '--fault switches faults on in the built-in reference server; it cannot be used with --target'

export interface RunOptions {
  /** API base URL; undefined = start the built-in reference server. */
  target?: string
  specFile?: string
  profile: string
  suites: readonly Suite[]
  /** Only these check ids (all of the profile when empty). */
  checkIds?: readonly string[]
  auth?: AuthConfig
  limits?: Partial<Limits>
  allowWrites?: boolean
  faults?: readonly FaultId[]
  /** An earlier export (bag folder) for the export suite's incremental checks (derived on the built-in server). */
  baseline?: string
  /** A JSON file of the customer's expected record counts per list (EXPORT-COUNTS-012). */
  expectedCounts?: string
  /** Extra secret values to keep out of every artefact (label -> value). */
  secrets?: Record<string, string>
  dispatcher?: Dispatcher
  onResult?: (r: CheckResult) => void
  onStart?: (info: { target: string; checks: number; builtIn: boolean }) => void
}

export async function runPlan(o: RunOptions): Promise<RunResult> {
  const startedAt = new Date()
  const spec = await loadSpec(o.specFile)
  const profile = PROFILES[o.profile]
  if (!profile) throw new KonformError(`unknown profile "${o.profile}" (known: ${Object.keys(PROFILES).join(', ')})`)
  const operations = profileOperations(spec, o.profile, profile.operations)
  const checks = selectChecks(await loadChecks(), o)
  const limits: Limits = { ...DEFAULT_LIMITS, ...o.limits }
  if (o.baseline !== undefined && !existsSync(path.join(o.baseline, 'manifest.json'))) {
    throw new KonformError(`--baseline ${o.baseline} is not an export from konform export (it has no manifest.json)`)
  }
  const givenCounts = o.expectedCounts === undefined ? undefined : await readExpectedCounts(o.expectedCounts)

  let server: ReferenceServer | undefined
  let target = o.target
  let auth = o.auth ?? { kind: 'none' }
  if (!target) {
    server = await startReferenceServer({ faults: o.faults ?? [] })
    target = server.baseUrl
    auth = { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret }
  } else if (o.faults?.length) {
    throw new KonformError(FAULTS_NEED_BUILTIN)
  }
  const redactor = new Redactor({ secrets: o.secrets })
  const client = new HttpClient({ auth, limits, redactor, allowWrites: o.allowWrites ?? false, dispatcher: o.dispatcher })
  let baseline = o.baseline
  let expectedCounts = givenCounts
  let dropBaseline: (() => Promise<void>) | undefined
  try {
    if (server && !baseline && checks.some((c) => BASELINE_CHECKS.includes(c.id))) {
      const b = await builtInBaseline({ dataset: server.dataset, profile: o.profile, specFile: o.specFile })
      baseline = b.dir
      dropBaseline = b.cleanup
    }
    if (server && !expectedCounts) expectedCounts = datasetCounts(server.dataset, operations.filter((op) => op.recordList).map((op) => op.path.slice(1)))
    await assertReachable(target, limits.requestTimeoutMs)
    const plan: PlanView = {
      target,
      builtIn: !!server,
      profile: o.profile,
      allowWrites: o.allowWrites ?? false,
      authKind: auth.kind,
      tokenUrl: auth.kind === 'client-credentials' ? auth.tokenUrl : undefined,
      faults: [...(o.faults ?? [])],
      ...(baseline ? { baseline } : {}),
      ...(expectedCounts ? { expectedCounts } : {}),
    }
    o.onStart?.({ target, checks: checks.length, builtIn: !!server })
    const results = await runChecks(checks, {
      spec,
      plan,
      client,
      operations,
      concurrency: limits.concurrency,
      checkTimeoutMs: limits.checkTimeoutMs,
      onResult: o.onResult,
    })
    const finishedAt = new Date()
    return {
      schemaVersion: RESULT_SCHEMA_VERSION,
      runId: randomUUID(),
      tool: { name: 'konform', version: toolVersion(), node: process.version },
      spec: { title: spec.title, version: spec.version, sha256: spec.sha256, file: spec.file, errata: spec.validators.errata },
      target: { url: redactor.url(target), builtIn: !!server, faults: [...(o.faults ?? [])] },
      profile: o.profile,
      suites: o.suites.filter((s) => checks.some((c) => suiteOf(c.id) === s)),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      limits: {
        concurrency: limits.concurrency,
        requestTimeoutMs: limits.requestTimeoutMs,
        checkTimeoutMs: limits.checkTimeoutMs,
        maxResponseBytes: limits.maxResponseBytes,
        ratePerSecond: limits.ratePerSecond,
        allowWrites: o.allowWrites ?? false,
      },
      verdict: { passed: mustPassed(results), rule: VERDICT_RULE },
      summary: summarise(results),
      requirements: requirementsOf(results),
      redaction: { secrets: true, personalData: redactor.personalData },
      results,
      ...(results.some((r) => r.suite === 'export') ? { notTested: [...NOT_TESTED] } : {}),
    }
  } finally {
    await client.close()
    await server?.close()
    await dropBaseline?.()
  }
}

function profileOperations(spec: Spec, name: string, keys: readonly string[]): Operation[] {
  return keys.map((k) => {
    const op = spec.operation(k)
    if (!op) throw new KonformError(`profile ${name} names ${k}, which spec ${spec.file} does not have`)
    return op
  })
}

function selectChecks(all: Check[], o: RunOptions): Check[] {
  if (o.checkIds?.length) {
    const known = new Set(all.map((c) => c.id as string))
    const unknown = o.checkIds.filter((id) => !known.has(id))
    if (unknown.length) throw new KonformError(`unknown check id ${unknown.join(', ')} (see konform list)`)
  }
  return all.filter(
    (c) => c.profiles.includes(o.profile) && o.suites.includes(suiteOf(c.id)) && (!o.checkIds?.length || o.checkIds.includes(c.id)),
  )
}

function requirementsOf(results: readonly CheckResult[]): Record<string, RequirementInfo> {
  const out: Record<string, RequirementInfo> = {}
  for (const r of results) for (const ref of r.requirements) out[ref] ??= requirementInfo(ref)
  return out
}
