// The bodies of the filter checks that judge records by their own fields: a relationship filter (API-FILTER-006)
// and a date/time window (API-FILTER-007). Each tries one filter on a sample and reports what it got wrong.

import type { CheckContext } from '../../src/core/context.js'
import type { Bilingual } from '../../src/core/result.js'
import type { Operation } from '../../src/spec/operations.js'
import { paramDescription, valuesAt } from './_records.js'
import { few, hasParam, pageData, recordKey, requiredQuery } from './_shared.js'

type Rec = Record<string, unknown>

/** Calls op with one filter (inside: true selected, false not, undefined not judged) and reports records outside it and (when the answer is one whole page) sample records inside it that are missing. */
export async function judge(ctx: CheckContext, op: Operation, sample: readonly Rec[], param: string, value: string, inside: (r: Rec) => boolean | undefined, what: Bilingual, show: (r: Rec) => string, extra: Record<string, string> = {}, label = value): Promise<void> {
  const res = await ctx.call(op, { query: { ...requiredQuery(op), ...extra, [param]: value, limit: hasParam(op, 'limit') ? 100 : undefined } })
  const data = pageData(ctx, res, op) as Rec[]
  const wrong = data.filter((r) => inside(r) === false)
  if (wrong.length) {
    const e = few(wrong.map(show), 3)
    ctx.report({ en: `${param}=${label} returned records outside the filter`, sv: `${param}=${label} returnerade poster utanför filtret` }, {
      expected: what,
      actual: { en: `${wrong.length} of ${data.length} outside, e.g. ${e}`, sv: `${wrong.length} av ${data.length} utanför, t.ex. ${e}` },
      evidence: [res.exchangeId] })
  }
  const got = new Set(data.map(recordKey))
  const missing = sample.filter((r) => inside(r) === true && !got.has(recordKey(r)))
  if (missing.length && !(res.json as { pageToken?: unknown }).pageToken) {
    const m = few(missing.map(show), 3)
    ctx.report({ en: `${param}=${label} left out records the filter selects`, sv: `${param}=${label} utelämnade poster som filtret väljer ut` }, {
      expected: what,
      actual: { en: `missing ${m}`, sv: `saknas: ${m}` },
      evidence: [res.exchangeId] })
  }
}

/** One relationship filter: the id fewest sampled records reference, so a filter that is ignored cannot pass. Returns false when no record references anything. */
export async function tryRelationFilter(ctx: CheckContext, op: Operation, sample: readonly Rec[], param: string, field: string): Promise<boolean> {
  const counts = new Map<string, number>()
  for (const r of sample) for (const v of new Set(valuesAt(r, field))) counts.set(v, (counts.get(v) ?? 0) + 1)
  const [value] = [...counts.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0] ?? []
  if (!value) return false
  await judge(ctx, op, sample, param, value, (r) => valuesAt(r, field).includes(value), { en: `only records whose ${field} is ${value}`, sv: `bara poster vars ${field} är ${value}` }, recordKey)
  return true
}

/** One date/time window filter at the middle value of the sample. Returns false when fewer than two records carry the field. */
export async function tryDateFilter(ctx: CheckContext, op: Operation, sample: readonly Rec[], f: { param: string; field: string; side: 'onOrBefore' | 'onOrAfter' }): Promise<boolean> {
  const words = paramDescription(ctx.spec.doc, op, f.param)
  // absences' startTime/endTime.onOrAfter are named "on or after" but described "startar efter … Exkluderande":
  // the spec contradicts itself, so a record exactly at the bound may be kept or left out (either reading passes).
  const undecided = f.side === 'onOrAfter' && /exkluderande/i.test(words)
  if (undecided) {
    ctx.note({
      en: `${f.param}: the name says inclusive, the description "Exkluderande" (erratum SS12000-2.1-E7); records exactly at the bound are not judged`,
      sv: `${f.param}: namnet säger inkluderande, beskrivningen "Exkluderande" (erratum SS12000-2.1-E7); poster precis på gränsen bedöms inte`,
    })
  }
  const alwaysOpen = /ej är satt, tas alltid med/i.test(words) // "Poster med ett endDate som ej är satt, tas alltid med"
  const at = (r: Rec) => (typeof r[f.field] === 'string' ? Date.parse(r[f.field] as string) : NaN)
  const dated = sample.filter((r) => Number.isFinite(at(r))).sort((a, b) => at(a) - at(b))
  if (dated.length < 2) return false
  const pivot = dated[Math.floor(dated.length / 2)][f.field] as string
  const t = Date.parse(pivot)
  const inside = (r: Rec): boolean | undefined => {
    // organisations' startDate filters carry the endDate sentence too: there a record without endDate is not judged.
    if (alwaysOpen && f.field !== 'endDate' && r.endDate === undefined) return undefined
    if (!Number.isFinite(at(r))) return f.field === 'endDate' && alwaysOpen ? true : undefined
    if (undecided && at(r) === t) return undefined
    return f.side === 'onOrBefore' ? at(r) <= t : at(r) >= t
  }
  const cmp = `${f.field} ${f.side === 'onOrBefore' ? '<=' : '>='} ${pivot}`
  const open = f.field === 'endDate' && alwaysOpen
  const what = { en: `${cmp}${open ? ' or not set' : ''}`, sv: `${cmp}${open ? ' eller inte satt' : ''}` }
  await judge(ctx, op, sample, f.param, pivot, inside, what, (r) => `${recordKey(r)} (${String(r[f.field] ?? 'not set')})`)
  return true
}
