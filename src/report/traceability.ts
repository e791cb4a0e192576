// Requirement traceability over the whole method (issue #7): every requirement of konform's catalogue appears in
// the report, with the checks that tested it and their outcome — or "not tested" and why (the profile or the suites
// of the run leave its checks out, every check of it was skipped, or konform has no check for it yet). The
// contractual items of an export run (notTested) are rows of the same table. Pure: the HTML is rendered from
// results.json, whose deviations.notTestedWhy holds the reasons worked out here when the run was made.

import { suiteOf, type Check } from '../core/check.js'
import type { Bilingual, CheckResult, RunResult, Status, Suite } from '../core/result.js'

export interface Scope {
  profile: string
  suites: readonly Suite[]
  checkIds?: readonly string[]
}

const list = (xs: readonly string[]) => [...new Set(xs)].sort().join(', ')

/** Why each untested requirement was not tested, from the check catalogue and the scope of the run. */
export function untestedReasons(untested: readonly string[], catalogue: readonly Check[], scope: Scope): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {}
  for (const ref of untested) {
    const checks = catalogue.filter((c) => c.requirements.includes(ref))
    const ids = list(checks.map((c) => c.id))
    if (!checks.length) {
      out[ref] = { en: 'no check of this konform version tests it yet', sv: 'ingen kontroll i denna version av konform provar det ännu' }
      continue
    }
    const inProfile = checks.filter((c) => c.profiles.includes(scope.profile))
    if (!inProfile.length) {
      const profiles = list(checks.flatMap((c) => [...c.profiles]))
      out[ref] = {
        en: `profile ${scope.profile} leaves it out: tested by ${ids} in profile(s) ${profiles}`,
        sv: `profilen ${scope.profile} omfattar det inte: provas av ${ids} i profil(erna) ${profiles}`,
      }
      continue
    }
    const suites = list(inProfile.map((c) => suiteOf(c.id)))
    if (!inProfile.some((c) => scope.suites.includes(suiteOf(c.id)))) {
      out[ref] = { en: `suite ${suites} was not run (--suite): tested by ${ids}`, sv: `sviten ${suites} kördes inte (--suite): provas av ${ids}` }
      continue
    }
    out[ref] = { en: `its checks (${ids}) were not selected (--check)`, sv: `dess kontroller (${ids}) valdes inte (--check)` }
  }
  return out
}

export type RowOutcome = { status: Status } | { status: 'not-tested'; why?: Bilingual }

/**
 * The outcome of a requirement from its checks: any fail, else any error, else any pass. A requirement whose
 * checks were all skipped, or that no check of the run tested, is not tested, with the reason.
 */
export function requirementRow(run: RunResult, ref: string, checks: readonly CheckResult[]): RowOutcome {
  const statuses = checks.map((c) => c.status)
  for (const s of ['fail', 'error', 'pass'] as const) if (statuses.includes(s)) return { status: s }
  if (checks.length) {
    const first = checks.find((c) => c.reason)
    const en = first?.reason ?? ''
    const sv = first?.reasonSv ?? en
    const more = checks.length > 1 ? { en: ` (${checks.length} results, all skipped)`, sv: ` (${checks.length} resultat, alla överhoppade)` } : { en: '', sv: '' }
    return { status: 'not-tested', why: { en: `every check was skipped: ${en}${more.en}`, sv: `alla kontroller hoppades över: ${sv}${more.sv}` } }
  }
  const why = run.deviations?.notTestedWhy?.[ref]
  return { status: 'not-tested', ...(why ? { why } : {}) }
}
