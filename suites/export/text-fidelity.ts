import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { entityOf, few, harvestAll, idOf, profileOps, recordLists, type Rec } from './_shared.js'

/** Records per list whose single-record answer is compared with the harvested one (those with non-ASCII text first). */
const SAMPLE = 10

/** UTF-8 read as Latin-1 or Windows-1252 (å -> Ã¥, ö -> Ã¶, Å -> Ã…), and what a decoder puts for bytes that are not UTF-8. */
const MOJIBAKE = /Ã[\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]|Â[\u00A0-\u00BF]/
const REPLACEMENT = '\uFFFD'

/** Every string of a record with its path ('enrolments[0].schoolYear'). */
function strings(v: unknown, at = ''): [string, string][] {
  if (typeof v === 'string') return [[at, v]]
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${at}[${i}]`))
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => strings(x, at ? `${at}.${k}` : k))
  return []
}

/** Where two texts part, without showing either (they may be personal data): 'at 3: U+00E5 in the list, U+0061 in the item'. */
function firstDifference(list: string, item: string): { en: string; sv: string } {
  const a = [...list]
  const b = [...item]
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  const cp = (c: string | undefined, end: string) => (c === undefined ? end : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
  return {
    en: `character ${i + 1}: ${cp(a[i], 'the end')} in the list, ${cp(b[i], 'the end')} in the item`,
    sv: `tecken ${i + 1}: ${cp(a[i], 'slutet')} i listan, ${cp(b[i], 'slutet')} i posten`,
  }
}

const nonAscii = (s: string) => /[^\x00-\x7F]/.test(s)

/**
 * EXP-017, text fidelity: the export carries non-ASCII text (å, ä, ö, é …) as it was written. No string shows the
 * marks of a wrong decoding (UTF-8 read as Latin-1: "Ã¥"; bytes that were not UTF-8: U+FFFD), and a sample of
 * records with non-ASCII text is the same, code point for code point, in the single-record answer as in the list.
 */
export default defineCheck({
  id: 'EXPORT-TEXT-017',
  title: {
    en: 'Text fidelity: å, ä, ö and other non-ASCII text arrive intact (UTF-8, no mojibake) and equal in list and single-record answers',
    sv: 'Textkvalitet: å, ä, ö och annan text utanför ASCII kommer fram oskadd (UTF-8, ingen teckenröra) och lika i lista och enskild post',
  },
  requirements: ['EU-DA-30.5', 'RFC8259-UTF8'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  async run(ctx) {
    const ops = profileOps(ctx)
    const { records, exchanges } = await harvestAll(ctx, ops)
    const broken: { en: string[]; sv: string[] } = { en: [], sv: [] }
    let texts = 0
    for (const [entity, recs] of records) {
      for (const rec of recs) {
        for (const [at, s] of strings(rec)) {
          if (!nonAscii(s)) continue
          texts++
          // Only the broken characters are shown: the text itself may be personal data (a name).
          const bad = MOJIBAKE.exec(s)?.[0] ?? (s.includes(REPLACEMENT) ? REPLACEMENT : undefined)
          if (bad !== undefined) {
            broken.en.push(`${entity}/${String(idOf(rec))} ${at} holds ${JSON.stringify(bad)}`)
            broken.sv.push(`${entity}/${String(idOf(rec))} ${at} innehåller ${JSON.stringify(bad)}`)
          }
        }
      }
    }
    if (broken.en.length) {
      ctx.fail({ en: `${broken.en.length} exported string(s) carry wrongly decoded text`, sv: `${broken.en.length} exporterade strängar innehåller felavkodad text` }, {
        expected: {
          en: 'UTF-8 text as written (å, ä, ö), not its bytes read as Latin-1 ("Ã¥") and no U+FFFD for bytes that were not UTF-8',
          sv: 'UTF-8-text som den skrevs (å, ä, ö), inte dess byte lästa som Latin-1 ("Ã¥") och inget U+FFFD för byte som inte var UTF-8',
        },
        actual: { en: few(broken.en, 8), sv: few(broken.sv, 8) },
        evidence: exchanges,
      })
    }
    if (!texts) {
      throw new CheckSkip({
        en: 'no exported string holds a non-ASCII character, so there is no such text to compare',
        sv: 'ingen exporterad sträng innehåller tecken utanför ASCII, så det finns ingen sådan text att jämföra',
      })
    }
    ctx.note({
      en: `${texts} exported string(s) with non-ASCII characters, none wrongly decoded`,
      sv: `${texts} exporterade strängar med tecken utanför ASCII, ingen felavkodad`,
    })
    // The same text in the single-record answer (GET /x/{id}), for a sample of records with non-ASCII text.
    const differ: { en: string[]; sv: string[] } = { en: [], sv: [] }
    const itemEvidence: string[] = []
    let compared = 0
    for (const list of recordLists(ops)) {
      const item = ops.find((o) => o.method === 'GET' && o.path === `${list.path}/{id}`)
      if (!item) continue
      const sample = (records.get(entityOf(list)) ?? []).filter((r: Rec) => typeof r.id === 'string' && strings(r).some(([, s]) => nonAscii(s))).slice(0, SAMPLE)
      for (const rec of sample) {
        const res = await ctx.call(item, { path: { id: String(rec.id) } })
        if (res.status !== 200) continue // EXPORT-ITEM-007's finding, not this one's
        compared++
        const got = new Map(strings(res.json))
        for (const [at, s] of strings(rec)) {
          if (!nonAscii(s) || !got.has(at) || got.get(at) === s) continue
          const where = `${entityOf(list)}/${String(rec.id)} ${at}`
          const d = firstDifference(s, got.get(at)!)
          differ.en.push(`${where}: ${d.en}`)
          differ.sv.push(`${where}: ${d.sv}`)
          if (!itemEvidence.includes(res.exchangeId)) itemEvidence.push(res.exchangeId)
        }
      }
    }
    ctx.note({
      en: `${compared} record(s) with non-ASCII text compared with their single-record answer`,
      sv: `${compared} post(er) med text utanför ASCII jämförda med svaret för den enskilda posten`,
    })
    if (differ.en.length) {
      ctx.fail({
        en: `${differ.en.length} non-ASCII string(s) differ between the list and the single-record answer`,
        sv: `${differ.en.length} strängar med tecken utanför ASCII skiljer sig mellan listan och svaret för den enskilda posten`,
      }, {
        expected: {
          en: 'the same code points in both (no re-encoding, no Unicode normalisation on one path only)',
          sv: 'samma kodpunkter i båda (ingen omkodning, ingen Unicode-normalisering på bara den ena vägen)',
        },
        actual: { en: few(differ.en, 8), sv: few(differ.sv, 8) },
        evidence: [...exchanges, ...itemEvidence],
      })
    }
  },
})
