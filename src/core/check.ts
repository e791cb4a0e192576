// A check is one small declarative object (id, titles, requirements, severity, profiles, needs) and one function.
// A rule that holds for many operations is one check with `forEach`: the runner expands it into one result per
// operation, named 'ID [METHOD /path]'.

import type { Operation } from '../spec/operations.js'
import type { Bilingual, Severity, Suite } from './result.js'
import type { CheckContext, PlanView } from './context.js'
import { isKnownRequirement } from './requirements.js'

export type CheckId = `${'API' | 'AUTH' | 'EXPORT'}-${string}-${number}`

interface CheckBase {
  id: CheckId
  title: Bilingual
  requirements: readonly string[]
  severity: Severity
  profiles: readonly string[]
  needs?: readonly CheckId[]
  /**
   * Changes data on the target (write mode): runs only after every check that merely reads has finished, so no
   * read check sees the data change under it (a page walk shifted by a new record, a sort order by a new stamp).
   */
  changesData?: boolean
  /**
   * Reviews what the other checks of the run received (ctx.unjudgedAnswers): runs only after every other check
   * has finished, and needs none of them.
   */
  reviewsRun?: boolean
  /** true, or the reason the check does not apply to this run (reported as skip), best as { en, sv }. */
  appliesTo?(plan: PlanView): true | string | Bilingual
}

export interface SingleCheck extends CheckBase {
  forEach?: undefined
  run(ctx: CheckContext): Promise<void>
}

export interface OperationCheck extends CheckBase {
  /** The operations this rule holds for, chosen from the profile's operations. */
  forEach(operations: readonly Operation[]): readonly Operation[]
  run(ctx: CheckContext, op: Operation): Promise<void>
}

export type Check = SingleCheck | OperationCheck

export const CHECK_ID = /^(API|AUTH|EXPORT)-[A-Z][A-Z0-9]*(-[A-Z][A-Z0-9]*)*-\d{3}$/

export function suiteOf(id: string): Suite {
  return id.startsWith('AUTH-') ? 'auth' : id.startsWith('EXPORT-') ? 'export' : 'api'
}

/** Validates the object when its module loads, so a malformed check never reaches a run. */
export function defineCheck<C extends Check>(check: C): C {
  const where = `check ${String(check.id)}`
  if (!CHECK_ID.test(check.id)) throw new Error(`${where}: id must look like AREA-TOPIC-001`)
  if (!check.title?.en?.trim() || !check.title?.sv?.trim()) throw new Error(`${where}: needs an English and a Swedish title`)
  if (!check.requirements.length) throw new Error(`${where}: names no requirement`)
  for (const r of check.requirements) if (!isKnownRequirement(r)) throw new Error(`${where}: unknown requirement ${r}`)
  if (!['must', 'should', 'may'].includes(check.severity)) throw new Error(`${where}: severity must be must|should|may`)
  if (!check.profiles.length) throw new Error(`${where}: belongs to no profile`)
  if (typeof check.run !== 'function') throw new Error(`${where}: has no run()`)
  return Object.freeze(check)
}
