// Filters on a value of the record itself (API-FILTER-010): the parameter -> the record field it selects on, as the
// 2.1.0 parameter descriptions word it ("Begränsa urvalet till de … som har den angivna …"). The hierarchy filter
// `parent` of GET /organisations is judged on its own (two readings, see parentReading).

import type { CheckContext } from '../../src/core/context.js'
import type { Operation } from '../../src/spec/operations.js'
import { valuesAt } from './_records.js'
import { few, hasParam, pageData, recordKey } from './_shared.js'
import { judge } from './_windows.js'

type Rec = Record<string, unknown>

export const ATTRIBUTE_FILTERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '/organisations': { type: 'organisationType', schoolTypes: 'schoolTypes[]', schoolUnitCode: 'schoolUnitCode', organisationCode: 'organisationCode', municipalityCode: 'municipalityCode' },
  '/persons': { civicNo: 'civicNo.value', eduPersonPrincipalName: 'eduPersonPrincipalNames[]', 'identifier.value': 'externalIdentifiers[].value' },
  '/duties': { dutyRole: 'dutyRole' },
  '/groups': { groupType: 'groupType', schoolTypes: 'schoolType' },
  '/programmes': { schoolType: 'schoolType', code: 'code', parentProgramme: 'parentProgramme.id' },
  '/absences': { type: 'type' },
}

export function attributeFilters(op: Operation): { param: string; field: string }[] {
  const table = ATTRIBUTE_FILTERS[op.path] ?? {}
  return Object.entries(table)
    .filter(([param]) => hasParam(op, param))
    .map(([param, field]) => ({ param, field }))
}

/** Values that may be personal data (an external identifier is often a user name): never named in a finding. */
const PERSONAL = new Set(['civicNo', 'eduPersonPrincipalName', 'identifier.value'])

/** One filter at the value fewest sampled records carry; false when no record carries one. */
export async function tryAttribute(ctx: CheckContext, op: Operation, sample: readonly Rec[], param: string, field: string): Promise<boolean> {
  const counts = new Map<string, number>()
  for (const r of sample) for (const v of new Set(valuesAt(r, field))) counts.set(v, (counts.get(v) ?? 0) + 1)
  const [value] = [...counts.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0] ?? []
  if (!value) return false
  const personal = PERSONAL.has(param)
  const what = personal
    ? { en: `only records whose ${field} is the value of a sampled record`, sv: `endast poster vars ${field} har värdet hos en utvald post` }
    : { en: `only records whose ${field} is ${value}`, sv: `endast poster vars ${field} är ${value}` }
  await judge(ctx, op, sample, param, value, (r) => valuesAt(r, field).includes(value), what, recordKey, {}, personal ? '<value>' : value)
  return true
}

const lc = (xs: readonly string[]) => xs.map((x) => x.toLowerCase())

/**
 * GET /organisations?parent=X. The name says "parent", the description "Begränsa urvalet till utpekade
 * organisations-ID:n" (the named organisations): konform accepts either reading (erratum SS12000-2.1-E6), the one
 * the answer follows, and holds the answer to it: children of X (parentOrganisation.id = X), or X itself.
 * X is the parent fewest sampled organisations have, so an ignored filter returns organisations of neither reading.
 */
export async function tryParent(ctx: CheckContext, op: Operation, sample: readonly Rec[]): Promise<boolean> {
  const parents = new Map<string, number>()
  for (const o of sample) for (const v of lc(valuesAt(o, 'parentOrganisation.id'))) parents.set(v, (parents.get(v) ?? 0) + 1)
  const [parent] = [...parents.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0] ?? []
  if (!parent) return false
  const res = await ctx.call(op, { query: { parent: [parent], limit: hasParam(op, 'limit') ? 100 : undefined } })
  const data = pageData(ctx, res, op) as Rec[]
  const child = (o: Rec) => lc(valuesAt(o, 'parentOrganisation.id')).includes(parent)
  const itself = (o: Rec) => String(o.id).toLowerCase() === parent
  const reading = data.some(child) || !data.some(itself) ? 'children' : 'named'
  ctx.note({
    en: `parent=${parent}: the answer follows the reading "${reading === 'children' ? 'organisations whose parentOrganisation is X' : 'the organisation X itself'}"`,
    sv: `parent=${parent}: svaret följer läsningen "${reading === 'children' ? 'organisationer vars parentOrganisation är X' : 'organisationen X själv'}"`,
  })
  const inside = reading === 'children' ? child : itself
  const wrong = data.filter((o) => !inside(o))
  if (wrong.length) {
    const e = few(wrong.map(recordKey), 3)
    ctx.report({ en: `parent=${parent} returned organisations outside the filter`, sv: `parent=${parent} returnerade organisationer utanför filtret` }, {
      expected: { en: 'only the children of the organisation named (or, by the description, the organisation itself)', sv: 'endast den angivna organisationens underordnade organisationer (eller, enligt beskrivningen, organisationen själv)' },
      actual: { en: `${wrong.length} of ${data.length} outside, e.g. ${e}`, sv: `${wrong.length} av ${data.length} utanför, t.ex. ${e}` },
      evidence: [res.exchangeId] })
  }
  const got = new Set(data.map(recordKey))
  const missing = sample.filter((o) => inside(o) && !got.has(recordKey(o)))
  if (missing.length && !(res.json as { pageToken?: unknown }).pageToken) {
    const m = few(missing.map(recordKey), 3)
    ctx.report({ en: `parent=${parent} left out organisations the filter selects`, sv: `parent=${parent} utelämnade organisationer som filtret väljer ut` }, {
      expected: { en: `every organisation whose parentOrganisation is ${parent}`, sv: `varje organisation vars parentOrganisation är ${parent}` },
      actual: { en: `missing ${m}`, sv: `saknas: ${m}` },
      evidence: [res.exchangeId] })
  }
  return true
}
