// Findings in the report's language (issue #7): a check writes { en, sv }, results.json keeps both (Failure.sv,
// CheckResult.reasonSv), the HTML and the progress line speak the report's language, JUnit stays English.
// The rule that every finding of every check has Swedish is enforced over all faults in fault-matrix.test.ts.

import { expect } from 'chai'
import { CheckFailure, failureIn, toFailure } from '../../src/core/failure.js'
import { progressLine } from '../../src/report/console.js'
import { renderHtml } from '../../src/report/html/render.js'
import { parseResults, renderJson } from '../../src/report/json.js'
import { renderJunit } from '../../src/report/junit.js'
import { runBuiltIn } from '../helpers/run.js'

describe('bilingual findings', function () {
  this.timeout(60_000)

  it('toFailure keeps English in message/expected/actual and Swedish in sv; a plain string has no sv', () => {
    const f = toFailure({ en: 'page 2 was not served', sv: 'sida 2 levererades inte' }, { expected: { en: 'at most 5', sv: 'högst 5' }, actual: '7', evidence: ['e1'] })
    expect(f).to.deep.equal({
      message: 'page 2 was not served',
      expected: 'at most 5',
      actual: '7',
      evidence: ['e1'],
      sv: { message: 'sida 2 levererades inte', expected: 'högst 5', actual: '7' },
    })
    expect(failureIn(f, 'sv')).to.deep.equal({ message: 'sida 2 levererades inte', expected: 'högst 5', actual: '7' })
    expect(failureIn(f, 'en').message).to.equal('page 2 was not served')
    const plain = toFailure('english only', { actual: 'x' })
    expect(plain.sv).to.equal(undefined)
    expect(failureIn(plain, 'sv').message).to.equal('english only')
    const thrown = new CheckFailure({ en: 'a', sv: 'b' })
    expect(thrown.message).to.equal('a')
    expect(thrown.toFailure().sv?.message).to.equal('b')
  })

  describe('a run with a fault', () => {
    let run: Awaited<ReturnType<typeof runBuiltIn>>
    before(async () => {
      run = await runBuiltIn({ profile: 'full-2.1', faults: ['paging.ignore-limit'], checkIds: ['API-PAGING-002', 'API-SUB-001'] })
    })

    it('results.json carries both languages and reads back', () => {
      const failing = run.results.filter((r) => r.status === 'fail')
      expect(failing.length).to.be.greaterThan(0)
      for (const r of failing) for (const f of r.failures) {
        expect(f.message, r.name).to.match(/served \d+ records/)
        expect(f.sv?.message, r.name).to.match(/levererade \d+ poster/)
        expect(f.sv?.expected, r.name).to.match(/^högst \d+$/)
      }
      const back = parseResults(renderJson(run))
      expect(back.results.find((r) => r.status === 'fail')!.failures[0].sv?.message).to.match(/levererade/)
    })

    it('a skip reason has Swedish too (reasonSv)', () => {
      const skipped = run.results.find((r) => r.checkId === 'API-SUB-001')!
      expect(skipped.status).to.equal('skip')
      expect(skipped.reason).to.match(/--allow-writes/)
      expect(skipped.reasonSv).to.match(/^ej tillämplig: den skapar, ändrar eller tar bort uppgifter/)
    })

    it('the Swedish HTML shows the Swedish finding, the English HTML the English one', () => {
      const sv = renderHtml(run, 'sv')
      const en = renderHtml(run, 'en')
      expect(sv).to.match(/<li><p>GET \/\w+\?limit=\d+ levererade \d+ poster<\/p>/)
      expect(sv).to.not.match(/<li><p>GET \/\w+\?limit=\d+ served \d+ records<\/p>/)
      expect(sv).to.contain('<pre>högst ')
      expect(sv).to.contain('kör med --allow-writes')
      expect(en).to.match(/<li><p>GET \/\w+\?limit=\d+ served \d+ records<\/p>/)
      expect(en).to.not.contain('levererade')
    })

    it('the progress line speaks the report language; JUnit stays English', () => {
      const r = run.results.find((x) => x.status === 'fail')!
      expect(progressLine(r, 'sv')).to.match(/^FAIL  API-PAGING-002 \[GET \/\w+\]: GET \/\w+\?limit=\d+ levererade \d+ poster$/)
      expect(progressLine(r, 'en')).to.match(/served \d+ records$/)
      const junit = renderJunit(run)
      expect(junit).to.match(/served \d+ records/)
      expect(junit).to.not.contain('levererade')
    })
  })
})
