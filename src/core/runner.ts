// Runs checks: expands forEach checks into one unit per operation, waits for `needs`, bounds how many run at
// once, gives each a timeout, and turns every outcome into a CheckResult — a finding into fail, a tool or
// transport problem into error, a check that recorded nothing into error. Nothing a target does can crash it.

import { AssertionError } from 'node:assert'
import { KonformError, oneLine } from '../errors.js'
import type { HttpClient } from '../http/client.js'
import type { Spec } from '../spec/load.js'
import type { Operation } from '../spec/operations.js'
import { suiteOf, type Check } from './check.js'
import { CheckContext, type PlanView } from './context.js'
import { ObservedAnswers } from './observed.js'
import type { TestIssuer } from '../auth/issuer.js'
import { CheckError, CheckFailure, CheckSkip, enText, show } from './failure.js'
import type { CheckResult, Exchange, Failure, Status } from './result.js'

export interface RunnerOptions {
  spec: Spec
  plan: PlanView
  client: HttpClient
  /** The operations of the profile, in spec order: what forEach checks choose from. */
  operations: readonly Operation[]
  concurrency: number
  checkTimeoutMs: number
  now?: () => Date
  onResult?: (r: CheckResult) => void
  /** konform's test issuer, when the target trusts it (plan.issuer): AUTH-RS checks mint tokens with it. */
  issuer?: TestIssuer
}

interface Unit {
  check: Check
  op?: Operation
  name: string
}

export function expand(checks: readonly Check[], operations: readonly Operation[]): Unit[] {
  const units: Unit[] = []
  for (const check of checks) {
    if (check.forEach) {
      const ops = check.forEach(operations)
      if (!ops.length) units.push({ check, name: check.id })
      for (const op of ops) units.push({ check, op, name: `${check.id} [${op.key}]` })
    } else {
      units.push({ check, name: check.id })
    }
  }
  return units
}

export async function runChecks(checks: readonly Check[], o: RunnerOptions): Promise<CheckResult[]> {
  const now = o.now ?? (() => new Date())
  const units = expand(checks, o.operations)
  const byCheck = new Map<string, { unit: Unit; done: Promise<CheckResult> }[]>()
  const slots = new Semaphore(o.concurrency)

  // Checks that change data wait for every reading check that does not depend on one of them.
  const changers = new Set(checks.filter((c) => c.changesData).map((c) => c.id as string))
  const readsDone: Promise<unknown>[] = []
  // Every answer any check receives is judged against its declared schema (observed.ts); the reviewing checks
  // (reviewsRun) report on them once every other unit has finished.
  const observed = new ObservedAnswers(o.spec)
  const othersDone: Promise<unknown>[] = []
  const runUnit = async (u: Unit): Promise<CheckResult> => {
    if (u.check.reviewsRun) {
      await null // every unit is started (and listed in othersDone) before this line runs
      await Promise.all(othersDone)
    }
    if (u.check.changesData) {
      await null // every unit is started (and every reader listed) before this line runs
      await Promise.all(readsDone)
    }
    // Wait for what this check needs; skip if any of it did not pass.
    const deps = await Promise.all((u.check.needs ?? []).flatMap((id) => dependencies(u, byCheck.get(id) ?? []).map((d) => d.done)))
    const unmet = [...new Set(deps.filter((d) => d.status !== 'pass').map((d) => d.checkId))]
    if (unmet.length) return skeleton(u, now(), 'skip', `needs ${unmet.join(', ')}, which did not pass`, `kräver ${unmet.join(', ')}, som inte blev godkänd`)
    const applies = u.check.appliesTo?.(o.plan) ?? true
    if (applies !== true) {
      return skeleton(u, now(), 'skip', `not applicable: ${enText(applies)}`, typeof applies === 'string' ? undefined : `ej tillämplig: ${applies.sv}`)
    }
    if (u.check.forEach && !u.op) {
      return skeleton(u, now(), 'skip', `not applicable: no operation of profile ${o.plan.profile} is subject to this rule`, `ej tillämplig: ingen operation i profilen ${o.plan.profile} omfattas av regeln`)
    }
    const release = await slots.acquire()
    try {
      return await runOne(u, o, now, observed)
    } finally {
      release()
    }
  }

  const all: Promise<CheckResult>[] = []
  for (const u of units) {
    const p = runUnit(u).then((r) => {
      o.onResult?.(r)
      return r
    })
    all.push(p)
    if (!u.check.reviewsRun) othersDone.push(p)
    // (A reviewing check waits for the changers in turn: it is no reader they wait for.)
    if (!u.check.changesData && !u.check.reviewsRun && !(u.check.needs ?? []).some((id) => changers.has(id))) readsDone.push(p)
    const list = byCheck.get(u.check.id) ?? []
    list.push({ unit: u, done: p })
    byCheck.set(u.check.id, list)
  }
  return Promise.all(all)
}

/** The collection an operation works on: '/persons/{id}' and '/persons/lookup' belong to '/persons'. */
const collection = (path: string) => path.replace(/\/(\{[^}]+\}|lookup)$/, '')

/**
 * What a unit waits for among the units of a check it needs. Between two per-operation checks the dependency is
 * per operation, plus the list of the same collection (item and lookup checks take their ids from it):
 * API-LOOKUP-001 [POST /persons/lookup] waits for API-CAPABILITY-001 on POST /persons/lookup and GET /persons,
 * so one missing operation skips the checks of that operation and no others.
 */
function dependencies<T extends { unit: Unit }>(u: Unit, needed: readonly T[]): T[] {
  const op = u.op
  if (!op || !needed.some((n) => n.unit.op)) return [...needed]
  return needed.filter((n) => {
    const o = n.unit.op
    return o !== undefined && (o.key === op.key || (o.kind === 'list' && o.method === 'GET' && o.path === collection(op.path)))
  })
}

async function runOne(u: Unit, o: RunnerOptions, now: () => Date, observed: ObservedAnswers): Promise<CheckResult> {
  const started = now()
  const t0 = performance.now()
  const ac = new AbortController()
  const ctx = new CheckContext(o.spec, o.plan, o.client, ac.signal, o.issuer, observed, u.name)
  let status: Status = 'pass'
  let reason: string | undefined
  let reasonSv: string | undefined
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new CheckError({ en: `the check did not finish within ${o.checkTimeoutMs} ms`, sv: `kontrollen blev inte klar inom ${o.checkTimeoutMs} ms` })
      ac.abort(err)
      reject(err)
    }, o.checkTimeoutMs)
  })
  try {
    const body = u.check.forEach ? u.check.run(ctx, u.op!) : u.check.run(ctx)
    await Promise.race([body, timeout])
    if (ctx.failures.length) status = 'fail'
    else if (!ctx.evidence.length && !ctx.notes.length) {
      status = 'error'
      reason = 'the check recorded no evidence (no exchange, no note), so it proves nothing'
      reasonSv = 'kontrollen registrerade inga belägg (inget HTTP-anrop, ingen anteckning) och bevisar därför ingenting'
    }
  } catch (err) {
    if (err instanceof CheckSkip) {
      status = 'skip'
      reason = `cannot be exercised: ${err.message}`
      if (typeof err.text !== 'string') reasonSv = `kan inte prövas: ${err.text.sv}`
    } else if (err instanceof CheckFailure) {
      status = 'fail'
      ctx.failures.push(err.toFailure())
    } else if (err instanceof AssertionError || (err as Error)?.name === 'AssertionError') {
      const a = err as AssertionError
      status = 'fail'
      ctx.failures.push({
        message: a.message,
        sv: { message: `ett villkor i kontrollen höll inte (verktygets text): ${a.message}` },
        ...('expected' in a && a.expected !== undefined ? { expected: show(a.expected) } : {}),
        ...('actual' in a && a.actual !== undefined ? { actual: show(a.actual) } : {}),
        evidence: ctx.evidence.length ? [ctx.evidence[ctx.evidence.length - 1].id] : [],
      })
    } else {
      status = 'error'
      reason = err instanceof KonformError ? err.message : oneLine(err)
      // konform's own errors say it in both languages; what the platform says (a refused connection, a timeout) is
      // quoted as it came.
      reasonSv = err instanceof CheckError && typeof err.text !== 'string' ? err.text.sv : `fel i verktyget eller förbindelsen (systemets text): ${reason}`
      if (process.env.KONFORM_DEBUG === '1') console.error(err)
    }
  } finally {
    clearTimeout(timer)
    ac.abort(new Error('check finished'))
  }
  const evidence = trimEvidence(ctx.evidence, ctx.failures)
  if (evidence.length < ctx.evidence.length) {
    const left = ctx.evidence.length - evidence.length
    ctx.note({
      en: `${left} of ${ctx.evidence.length} exchanges are not kept in the report (the first ${EVIDENCE_HEAD}, the last ${EVIDENCE_TAIL} and every one a finding names are)`,
      sv: `${left} av ${ctx.evidence.length} HTTP-anrop finns inte med i rapporten (de första ${EVIDENCE_HEAD}, de sista ${EVIDENCE_TAIL} och alla som ett fynd hänvisar till finns med)`,
    })
  }
  // Whatever a check wrote may quote the target (a name in an answer, a token in a URL): redact it as evidence is.
  const r = (s: string | undefined) => (s === undefined ? undefined : ctx.redact(s))
  return {
    ...skeleton(u, started, status, r(reason), r(reasonSv)),
    failures: ctx.failures.map((f) => ({
      message: r(f.message)!,
      ...(f.expected !== undefined ? { expected: r(f.expected) } : {}),
      ...(f.actual !== undefined ? { actual: r(f.actual) } : {}),
      evidence: f.evidence,
      ...(f.sv
        ? {
            sv: {
              message: r(f.sv.message)!,
              ...(f.sv.expected !== undefined ? { expected: r(f.sv.expected) } : {}),
              ...(f.sv.actual !== undefined ? { actual: r(f.sv.actual) } : {}),
            },
          }
        : {}),
    })),
    notes: ctx.notes.map((n) => r(n)!),
    // Swedish notes (schema 1.2, optional): index for index with notes; absent when no note has Swedish.
    ...(ctx.notesSv.some((n, i) => n !== ctx.notes[i]) ? { notesSv: ctx.notesSv.map((n) => r(n)!) } : {}),
    evidence,
    durationMs: Math.round(performance.now() - t0),
  }
}

const EVIDENCE_HEAD = 40
const EVIDENCE_TAIL = 10

/**
 * A walk over a large list records thousands of pages; the report keeps the first and last exchanges and
 * every exchange a finding cites, so it stays readable and within CI's size limits.
 */
function trimEvidence(all: readonly Exchange[], failures: readonly Failure[]): Exchange[] {
  if (all.length <= EVIDENCE_HEAD + EVIDENCE_TAIL) return [...all]
  const cited = new Set(failures.flatMap((f) => f.evidence))
  return all.filter((e, i) => i < EVIDENCE_HEAD || i >= all.length - EVIDENCE_TAIL || cited.has(e.id))
}

function skeleton(u: Unit, started: Date, status: Status, reason?: string, reasonSv?: string): CheckResult {
  return {
    name: u.name,
    checkId: u.check.id,
    ...(u.op ? { operation: u.op.key } : {}),
    suite: suiteOf(u.check.id),
    title: u.check.title,
    requirements: [...u.check.requirements],
    severity: u.check.severity,
    status,
    ...(reason ? { reason } : {}),
    ...(reason && reasonSv ? { reasonSv } : {}),
    failures: [],
    notes: [],
    evidence: [],
    startedAt: started.toISOString(),
    durationMs: 0,
  }
}

class Semaphore {
  private active = 0
  private readonly waiting: (() => void)[] = []
  constructor(private readonly max: number) {}
  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((r) => this.waiting.push(r))
    this.active++
    return () => {
      this.active--
      this.waiting.shift()?.()
    }
  }
}
