import { defineCheck } from '../../src/core/check.js'
import { DEFAULT_LIMITS } from '../../src/http/limits.js'
import { DEFAULT_THRESHOLD_HOURS } from '../../src/export/declared.js'
import { duration } from '../../src/export/progress.js'
import { requiredQuery } from '../api/_shared.js'
import { entityOf, profileOps, recordLists } from './_shared.js'

/** The page size a full export asks for here (a server may serve fewer; limit is a maximum). */
const PAGE = 1000
/** Pages read per list: a sample of the time per page and of the page size served, not the whole export. */
const SAMPLE_PAGES = 10
const DAY_S = 86_400
/** The Data Act's transitional period for switching (Art. 25(2)(a)). */
const WINDOW_DAYS = 30

/**
 * EXP-032, projected time to a full export at polite concurrency. Every list is read with limit 1000 (its first
 * ten pages at most: a sample); the
 * projection for the organisation's declared size is
 *   pages needed (records / the largest page the server served) × the time one page takes,
 * where one page takes the longer of its measured answer time and the polite spacing of one request at a time at
 * the run's --rate (20 requests per second when none is set). It must stay within the procurement's limit
 * (--export-threshold-hours, 24 h by default) and within the Data Act's 30-day window.
 */
export default defineCheck({
  id: 'EXPORT-DURATION-032',
  title: {
    en: 'A full export of the declared organisation at polite pace is projected to finish within the procurement limit and the 30-day window',
    sv: 'En hel export av den angivna organisationen i hovsamt tempo beräknas bli klar inom upphandlingens gräns och 30-dagarsfönstret',
  },
  requirements: ['EU-DA-25.2', 'EU-DA-23'],
  severity: 'should',
  profiles: ['core', 'skolverket-dnp'],
  appliesTo: (plan) =>
    plan.declared?.organisationRecords !== undefined
      ? true
      : "needs the organisation's size in records (--organisation-records N, or organisationRecords in the --about file's configuration)",
  async run(ctx) {
    const declared = ctx.plan.declared!
    const records = declared.organisationRecords!
    const hours = declared.thresholdHours ?? DEFAULT_THRESHOLD_HOURS
    const exchanges: string[] = []
    let pages = 0
    let served = 0
    let largest = 0
    let answerMs = 0
    for (const op of recordLists(profileOps(ctx))) {
      let query: Record<string, string | number> = { ...requiredQuery(op), limit: PAGE }
      for (let n = 1; n <= SAMPLE_PAGES; n++) {
        const res = await ctx.call(op, { query })
        exchanges.push(res.exchangeId)
        ctx.expectStatus(res, 200, `page ${n} of ${op.key} was not served`)
        const body = res.json as { data?: unknown[]; pageToken?: unknown } | undefined
        const got = Array.isArray(body?.data) ? body.data.length : 0
        pages++
        served += got
        largest = Math.max(largest, got)
        answerMs += res.durationMs
        if (typeof body?.pageToken !== 'string' || !body.pageToken) break
        query = { pageToken: body.pageToken, limit: PAGE }
      }
    }
    ctx.note(`${recordLists(profileOps(ctx)).map(entityOf).join(', ')} read with limit ${PAGE}, at most ${SAMPLE_PAGES} pages each`)
    if (!served) {
      ctx.note('no list served a record: nothing to project from')
      return
    }
    // Polite pace: the run's --rate; on the built-in server (no rate on loopback) the rate konform uses on a target.
    const rate = ctx.plan.builtIn ? DEFAULT_LIMITS.ratePerSecond : (ctx.plan.rate ?? DEFAULT_LIMITS.ratePerSecond)
    const perPage = Math.max(answerMs / pages / 1000, rate > 0 ? 1 / rate : 0)
    const needed = Math.ceil(records / largest)
    const seconds = needed * perPage
    ctx.note(
      `${served} records in ${pages} page(s), at most ${largest} a page, ${Math.round(answerMs / pages)} ms a page measured; ` +
        `${records} records (${declared.sources.organisationRecords ?? 'declared'}) need ${needed} pages at ${perPage.toFixed(3)} s each ` +
        `(one request at a time, at most ${rate}/s): ${duration(seconds)} (limit ${hours} h${declared.sources.thresholdHours ? `, ${declared.sources.thresholdHours}` : ''}; Data Act window ${WINDOW_DAYS} days)`,
    )
    const limitS = Math.min(hours * 3600, WINDOW_DAYS * DAY_S)
    if (seconds > limitS) {
      ctx.fail(`a full export of ${records} records is projected to take ${duration(seconds)}, more than ${limitS === hours * 3600 ? `the limit of ${hours} h` : `the Data Act's ${WINDOW_DAYS} days`}`, {
        expected: `at most ${duration(limitS)} at polite pace`,
        actual: `${needed} pages (at most ${largest} records a page) × ${perPage.toFixed(3)} s = ${duration(seconds)}`,
        evidence: exchanges,
      })
    }
  },
})
