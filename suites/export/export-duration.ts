import { defineCheck } from '../../src/core/check.js'
import { DEFAULT_LIMITS } from '../../src/http/limits.js'
import { DEFAULT_THRESHOLD_HOURS } from '../../src/export/declared.js'
import { duration } from '../../src/export/progress.js'
import { requiredQuery } from '../api/_shared.js'
import { declaredSource, entityOf, profileOps, recordLists } from './_shared.js'

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
      : {
          en: "needs the organisation's size in records (--organisation-records N, or organisationRecords in the --about file's configuration)",
          sv: 'kräver organisationens storlek i antal poster (--organisation-records N, eller organisationRecords i configuration i --about-filen)',
        },
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
        ctx.expectStatus(res, 200, { en: `page ${n} of ${op.key} was not served`, sv: `sida ${n} av ${op.key} levererades inte` })
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
    const lists = recordLists(profileOps(ctx)).map(entityOf).join(', ')
    ctx.note({
      en: `${lists} read with limit ${PAGE}, at most ${SAMPLE_PAGES} pages each`,
      sv: `${lists} lästes med limit ${PAGE}, högst ${SAMPLE_PAGES} sidor var`,
    })
    if (!served) {
      ctx.note({ en: 'no list served a record: nothing to project from', sv: 'ingen lista levererade någon post: inget att räkna fram en prognos från' })
      return
    }
    // Polite pace: the run's --rate; on the built-in server (no rate on loopback) the rate konform uses on a target.
    const rate = ctx.plan.builtIn ? DEFAULT_LIMITS.ratePerSecond : (ctx.plan.rate ?? DEFAULT_LIMITS.ratePerSecond)
    const perPage = Math.max(answerMs / pages / 1000, rate > 0 ? 1 / rate : 0)
    const needed = Math.ceil(records / largest)
    const seconds = needed * perPage
    const ms = Math.round(answerMs / pages)
    const threshold = declaredSource(ctx, 'thresholdHours')
    const recordsFrom = declaredSource(ctx, 'organisationRecords')
    ctx.note({
      en:
        `${served} records in ${pages} page(s), at most ${largest} a page, ${ms} ms a page measured; ` +
        `${records} records (${recordsFrom.en}) need ${needed} pages at ${perPage.toFixed(3)} s each ` +
        `(one request at a time, at most ${rate}/s): ${duration(seconds)} (limit ${hours} h${declared.sources.thresholdHours ? `, ${threshold.en}` : ''}; Data Act window ${WINDOW_DAYS} days)`,
      sv:
        `${served} poster på ${pages} sida/sidor, högst ${largest} per sida, uppmätt ${ms} ms per sida; ` +
        `${records} poster (${recordsFrom.sv}) kräver ${needed} sidor à ${perPage.toFixed(3)} s ` +
        `(ett anrop i taget, högst ${rate}/s): ${duration(seconds)} (gräns ${hours} h${declared.sources.thresholdHours ? `, ${threshold.sv}` : ''}; dataförordningens fönster ${WINDOW_DAYS} dagar)`,
    })
    const limitS = Math.min(hours * 3600, WINDOW_DAYS * DAY_S)
    if (seconds > limitS) {
      const byHours = limitS === hours * 3600
      ctx.fail({
        en: `a full export of ${records} records is projected to take ${duration(seconds)}, more than ${byHours ? `the limit of ${hours} h` : `the Data Act's ${WINDOW_DAYS} days`}`,
        sv: `en hel export av ${records} poster beräknas ta ${duration(seconds)}, mer än ${byHours ? `gränsen ${hours} h` : `dataförordningens ${WINDOW_DAYS} dagar`}`,
      }, {
        expected: { en: `at most ${duration(limitS)} at polite pace`, sv: `högst ${duration(limitS)} i hovsamt tempo` },
        actual: {
          en: `${needed} pages (at most ${largest} records a page) × ${perPage.toFixed(3)} s = ${duration(seconds)}`,
          sv: `${needed} sidor (högst ${largest} poster per sida) × ${perPage.toFixed(3)} s = ${duration(seconds)}`,
        },
        evidence: exchanges,
      })
    }
  },
})
