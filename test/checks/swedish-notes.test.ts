// Notes in the report's language (issue #7, "every text of the report in both languages"). A check writes a note
// as { en, sv }; results.json keeps English in notes[] and Swedish in notesSv[] (index for index), and the Swedish
// HTML report shows the Swedish one.
//
// Rule "every note speaks Swedish": a note may stay a plain string (no Swedish) only when it is pure data, i.e. it
// holds no word of prose. A word of prose is a token made of lowercase letters only (optionally wrapped in
// punctuation: "records", "(none)", "tried;"); keys ("persons:"), ids, counts, hashes, dates, URLs and JSON are data.
// So "persons: 12, groups: 3" may stay as it is, "12 records validated" may not.

import { expect } from 'chai'
import type { CheckResult, RunResult } from '../../src/core/result.js'
import { renderHtml } from '../../src/report/html/render.js'
import { notesIn } from '../../src/report/html/render.js'
import { parseResults, renderJson } from '../../src/report/json.js'
import { runBuiltIn } from '../helpers/run.js'
import { sampleRun } from '../helpers/sample-run.js'

/** A token of prose: lowercase letters only, perhaps in brackets or followed by , . ; */
const PROSE_WORD = /^[("']?[a-zåäöéü]{2,}[)"']?[,.;]?$/

function isPureData(note: string): boolean {
  return !note.split(/\s+/).some((t) => PROSE_WORD.test(t))
}

/** Notes of the results that have no Swedish text and are not pure data: 'NAME: note'. */
function englishOnlyNotes(results: readonly CheckResult[]): { count: number; bilingual: number; offenders: string[] } {
  let count = 0
  let bilingual = 0
  const offenders: string[] = []
  for (const r of results) {
    expect(r.notesSv === undefined || r.notesSv.length === r.notes.length, `${r.name}: notesSv index for index with notes`).to.equal(true)
    r.notes.forEach((en, i) => {
      count++
      const sv = r.notesSv?.[i]
      if (sv !== undefined && sv !== en && sv.trim()) bilingual++
      else if (!isPureData(en)) offenders.push(`${r.name}: ${en}`)
    })
  }
  return { count, bilingual, offenders }
}

describe('notes in Swedish', function () {
  this.timeout(120_000)

  it('the rule tells data from prose', () => {
    expect(isPureData('persons: 12, organisations: 3')).to.equal(true)
    expect(isPureData('after=2026-01-01T00:00:00Z: 5; after=2026-01-01T01:00:00+01:00: 5')).to.equal(true)
    expect(isPureData('persons: 0123abcd4567ef89, groups: 89abcdef01234567')).to.equal(true)
    expect(isPureData('12 records validated')).to.equal(false)
    expect(isPureData('_embedded held data for expand=(none)')).to.equal(false)
    expect(isPureData('expand=(none)')).to.equal(true)
  })

  describe('clean runs of the reference server', () => {
    let core: RunResult
    let exp: RunResult
    before(async () => {
      core = await runBuiltIn({ profile: 'core' })
      exp = await runBuiltIn({ profile: 'skolverket-dnp', suites: ['export'] })
    })

    it('every note of a clean core run (api, auth, export) speaks Swedish, unless it is pure data', () => {
      expect(core.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => r.name)).to.deep.equal([])
      const n = englishOnlyNotes(core.results)
      expect(n.count, 'notes looked at (none would prove nothing)').to.be.greaterThan(20)
      expect(n.bilingual, 'notes with Swedish').to.be.greaterThan(20)
      expect(n.offenders).to.deep.equal([])
    })

    it('every note of a clean export run (skolverket-dnp) speaks Swedish, unless it is pure data', () => {
      expect(exp.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => r.name)).to.deep.equal([])
      const n = englishOnlyNotes(exp.results)
      expect(n.count, 'notes looked at').to.be.greaterThan(20)
      expect(n.bilingual, 'notes with Swedish').to.be.greaterThan(20)
      expect(n.offenders).to.deep.equal([])
    })

    it('results.json carries notesSv and reads back; the Swedish HTML shows the Swedish note, the English one the English', () => {
      const r = exp.results.find((x) => x.checkId === 'EXPORT-HASMORE-034' && x.notesSv?.length)!
      expect(r, 'a result of EXPORT-HASMORE-034 with notes').to.not.equal(undefined)
      expect(r.notes[0]).to.match(/ \(\d+ records\) walked with limit /)
      expect(r.notesSv![0]).to.match(/ \(\d+ poster\) gicks igenom med limit /)
      const back = parseResults(renderJson(exp)).results.find((x) => x.name === r.name)!
      expect(back.notesSv).to.deep.equal(r.notesSv)
      const sv = renderHtml(exp, 'sv')
      const en = renderHtml(exp, 'en')
      expect(sv).to.contain(`<li>${r.notesSv![0]}</li>`)
      expect(sv).to.not.contain(`<li>${r.notes[0]}</li>`)
      expect(en).to.contain(`<li>${r.notes[0]}</li>`)
      expect(en).to.not.contain('gicks igenom')
    })
  })

  it('a result without notesSv (schema 1.1, or plain-string notes) shows its English notes in the Swedish report', () => {
    const run = sampleRun()
    const withSv = run.results.find((r) => r.notesSv)!
    expect(notesIn(withSv, 'sv')).to.deep.equal(withSv.notesSv)
    expect(notesIn(withSv, 'en')).to.deep.equal(withSv.notes)
    const plain = run.results.find((r) => r.notes.length && !r.notesSv)!
    expect(notesIn(plain, 'sv')).to.deep.equal(plain.notes)
    const html = renderHtml(run, 'sv')
    expect(html).to.contain('SS 12000 anger 403; RFC 6750 säger 401. Båda nekar.')
    expect(html).to.not.contain('Either refuses.')
    expect(renderHtml(run, 'en')).to.contain('Either refuses.')
  })
})
