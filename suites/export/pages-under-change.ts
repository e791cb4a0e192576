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
      : {
          en: 'needs records deleted on the target while a walk runs; konform makes that change only on its built-in reference server (POST /admin/changes)',
          sv: 'kräver att poster tas bort i målet medan en hämtning pågår; konform gör den ändringen bara på sin inbyggda referensserver (POST /admin/changes)',
        },
  async run(ctx) {
    const op = ctx.spec.operation(LIST)
    if (!op) throw new CheckError({ en: `the spec has no ${LIST}`, sv: `specifikationen har ingen ${LIST}` })
    const before = await walkList(ctx, op)
    const again = await walkList(ctx, op)
    const ids = (w: typeof before) => w.records.map((r) => String(idOf(r))).sort().join(',')
    if (ids(before) !== ids(again)) {
      throw new CheckSkip({
        en: 'two walks of an unchanged list give different ids (EXPORT-ID-006), so no record can be followed across a change',
        sv: 'två hämtningar av en oförändrad lista ger olika id:n (EXPORT-ID-006), så ingen post kan följas över en ändring',
      })
    }
    const total = before.records.length
    if (total < 8) throw new CheckError({ en: `${LIST} serves ${total} records; the check needs at least 8 to walk in pages`, sv: `${LIST} levererar ${total} poster; kontrollen behöver minst 8 för att gå igenom dem i sidor` })
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
      ctx.expectStatus(res, 200, { en: `page ${n} of ${LIST} was not served`, sv: `sida ${n} av ${LIST} levererades inte` })
      const body = ctx.expectJson(res, { en: `page ${n} of ${LIST}`, sv: `sida ${n} av ${LIST}` }) as { data?: unknown; pageToken?: unknown }
      if (!Array.isArray(body?.data)) ctx.fail({ en: `page ${n} of ${LIST} has no data array`, sv: `sida ${n} av ${LIST} saknar en data-array` }, { evidence: [res.exchangeId] })
      served.push(...(body.data as unknown[]).map((r) => String(idOf(r))))
      const token = body.pageToken
      if (typeof token !== 'string' || token === '') break
      if (n >= MAX_PAGES) {
        ctx.fail({ en: `the walk of ${LIST} does not end within ${MAX_PAGES} pages`, sv: `genomgången av ${LIST} tar inte slut inom ${MAX_PAGES} sidor` }, { evidence: [res.exchangeId] })
      }
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
        ctx.expectStatus(change, 200, { en: 'the built-in server did not apply the change', sv: 'den inbyggda servern genomförde inte ändringen' })
        const gone = ((change.json as { deleted?: unknown[] })?.deleted ?? []).map(String)
        deleted.push(...gone)
        const seen = new Set(served)
        behind = gone.filter((id) => seen.has(id)).length
      }
      query = { pageToken: token, limit }
    }
    if (!deleted.length) {
      throw new CheckSkip({
        en: `the walk of ${LIST} with limit ${limit} ended after ${pages} page(s) holding ${served.length} of ${total} records, before half the list had been served (limit not honoured?): no page boundary to test`,
        sv: `genomgången av ${LIST} med limit ${limit} slutade efter ${pages} sida/sidor med ${served.length} av ${total} poster, innan halva listan hade levererats (följs inte limit?): ingen sidgräns att pröva`,
      })
    }
    if (!behind) throw new CheckError({ en: 'no deleted record lay before the walk\'s position, so the change could not shift a page boundary', sv: 'ingen borttagen post låg före genomgångens position, så ändringen kunde inte flytta en sidgräns' })
    ctx.note({
      en: `${LIST} walked in pages of ${limit} (${total} records); after ${Math.ceil(total / 2)} served, ${deleted.length} deleted, ${behind} of them already served`,
      sv: `${LIST} gicks igenom i sidor om ${limit} (${total} poster); efter ${Math.ceil(total / 2)} levererade togs ${deleted.length} bort, varav ${behind} redan levererats`,
    })
    const after = await walkList(ctx, op)
    exchanges.push(...after.exchanges)
    const now = new Set(after.records.map((r) => String(idOf(r))))
    const seen = new Set(served)
    const lost = before.records.map((r) => String(idOf(r))).filter((id) => now.has(id) && !seen.has(id))
    const twice = [...new Set(served.filter((id, i) => served.indexOf(id) !== i))]
    if (lost.length) {
      ctx.report({
        en: `the walk skipped ${lost.length} record(s) that existed before and after the change`,
        sv: `genomgången hoppade över ${lost.length} post(er) som fanns både före och efter ändringen`,
      }, {
        expected: {
          en: 'every record that existed throughout the walk is served (the next page resumes after the last record served, not at an offset)',
          sv: 'varje post som fanns under hela hämtningen levereras (nästa sida fortsätter efter den senast levererade posten, inte vid en förskjutning)',
        },
        actual: few(lost),
        evidence: exchanges,
      })
    }
    if (twice.length) {
      ctx.report(
        { en: `the walk served ${twice.length} record(s) twice`, sv: `genomgången levererade ${twice.length} post(er) två gånger` },
        { expected: { en: 'no record twice', sv: 'ingen post två gånger' }, actual: few(twice), evidence: exchanges },
      )
    }
  },
})
