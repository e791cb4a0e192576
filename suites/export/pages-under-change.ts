import { defineCheck } from '../../src/core/check.js'
import { CheckError, CheckSkip } from '../../src/core/failure.js'
import type { QueryValue } from '../../src/core/context.js'
import { few, idOf, walkList, MAX_PAGES } from './_shared.js'

const LIST = 'GET /persons'
/** Deletion rounds at most: each removes more records until one lies before the walk's position. */
const ROUNDS = 3

/**
 * Issue #5: "page boundaries do not lose records when data changes during the harvest". A walk of /persons in
 * small pages; once it has passed half the list, records are deleted on the target, at least one of them one the
 * walk already served (before its position). A server whose pageToken resumes at an offset now shifts every later
 * record one place forward per deletion, so the walk skips as many; one that resumes after the last record served
 * (keyset paging, or a snapshot) loses none. Every record that existed before and after the change must have been
 * served, and none twice.
 */
export default defineCheck({
  id: 'EXPORT-CHURN-036',
  title: {
    en: 'Page boundaries hold while data changes: a walk during deletions loses no record that existed throughout and serves none twice',
    sv: 'Sidgränserna håller när data ändras: en hämtning under borttag tappar ingen post som fanns hela tiden och levererar ingen två gånger',
  },
  requirements: ['SS12000-PARAM-PAGETOKEN', 'EU-DA-23'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  changesData: true,
  appliesTo: (plan) =>
    plan.builtIn
      ? true
      : 'needs records deleted on the target while a walk runs; konform makes that change only on its built-in reference server (POST /admin/changes)',
  async run(ctx) {
    const op = ctx.spec.operation(LIST)
    if (!op) throw new CheckError(`the spec has no ${LIST}`)
    const before = await walkList(ctx, op)
    const again = await walkList(ctx, op)
    const ids = (w: typeof before) => w.records.map((r) => String(idOf(r))).sort().join(',')
    if (ids(before) !== ids(again)) throw new CheckSkip('two walks of an unchanged list give different ids (EXPORT-ID-006), so no record can be followed across a change')
    const total = before.records.length
    if (total < 8) throw new CheckError(`${LIST} serves ${total} records; the check needs at least 8 to walk in pages`)
    const limit = Math.max(2, Math.floor(total / 10))
    const served: string[] = []
    const exchanges = [...before.exchanges, ...again.exchanges]
    const deleted: string[] = []
    let behind = 0 // deleted records the walk had already served
    let rounds = 0
    let pages = 0
    let query: Record<string, QueryValue | undefined> = { limit }
    for (let n = 1; ; n++) {
      const res = await ctx.call(op, { query })
      exchanges.push(res.exchangeId)
      pages = n
      ctx.expectStatus(res, 200, `page ${n} of ${LIST} was not served`)
      const body = ctx.expectJson(res, `page ${n} of ${LIST}`) as { data?: unknown; pageToken?: unknown }
      if (!Array.isArray(body?.data)) ctx.fail(`page ${n} of ${LIST} has no data array`, { evidence: [res.exchangeId] })
      served.push(...(body.data as unknown[]).map((r) => String(idOf(r))))
      const token = body.pageToken
      if (typeof token !== 'string' || token === '') break
      if (n >= MAX_PAGES) ctx.fail(`the walk of ${LIST} does not end within ${MAX_PAGES} pages`, { evidence: [res.exchangeId] })
      while (!behind && rounds < ROUNDS && served.length >= total / 2) {
        rounds++
        // The built-in server deletes its dataset's last records (in its own order, not the list's): more each round.
        const change = await ctx.send({
          method: 'POST',
          url: `${new URL(ctx.plan.target).origin}/admin/changes`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ delete: { persons: 2 * rounds } }),
          // konform's own server, not a customer's system: its data is konform's to change (appliesTo: builtIn).
          write: !ctx.plan.builtIn,
        })
        exchanges.push(change.exchangeId)
        ctx.expectStatus(change, 200, 'the built-in server did not apply the change')
        const gone = ((change.json as { deleted?: unknown[] })?.deleted ?? []).map(String)
        deleted.push(...gone)
        const seen = new Set(served)
        behind = gone.filter((id) => seen.has(id)).length
      }
      query = { pageToken: token, limit }
    }
    if (!deleted.length) throw new CheckSkip(`the walk of ${LIST} with limit ${limit} ended after ${pages} page(s) holding ${served.length} of ${total} records, before half the list had been served (limit not honoured?): no page boundary to test`)
    if (!behind) throw new CheckError('no deleted record lay before the walk\'s position, so the change could not shift a page boundary')
    ctx.note(`${LIST} walked in pages of ${limit} (${total} records); after ${Math.ceil(total / 2)} served, ${deleted.length} deleted, ${behind} of them already served`)
    const after = await walkList(ctx, op)
    exchanges.push(...after.exchanges)
    const now = new Set(after.records.map((r) => String(idOf(r))))
    const seen = new Set(served)
    const lost = before.records.map((r) => String(idOf(r))).filter((id) => now.has(id) && !seen.has(id))
    const twice = [...new Set(served.filter((id, i) => served.indexOf(id) !== i))]
    if (lost.length) {
      ctx.report(`the walk skipped ${lost.length} record(s) that existed before and after the change`, {
        expected: 'every record that existed throughout the walk is served (the next page resumes after the last record served, not at an offset)',
        actual: few(lost),
        evidence: exchanges,
      })
    }
    if (twice.length) {
      ctx.report(`the walk served ${twice.length} record(s) twice`, { expected: 'no record twice', actual: few(twice), evidence: exchanges })
    }
  },
})
