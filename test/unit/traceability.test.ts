// The requirement traceability table covers the whole method (issue #7): every requirement of konform's catalogue,
// tested or not, with the reason it was not; requirements whose checks were all skipped are not tested either; the
// contractual items of an export run are rows of the same table.

import { expect } from 'chai'
import type { Check } from '../../src/core/check.js'
import { loadChecks } from '../../src/core/registry.js'
import { allRequirements } from '../../src/core/requirements.js'
import type { CheckResult, RunResult } from '../../src/core/result.js'
import { NOT_TESTED } from '../../src/export/not-tested.js'
import { renderHtml } from '../../src/report/html/render.js'
import { parseResults, renderJson } from '../../src/report/json.js'
import { requirementRow, untestedReasons } from '../../src/report/traceability.js'
import { runBuiltIn } from '../helpers/run.js'
import { sampleRun } from '../helpers/sample-run.js'

const traceOf = (html: string) => html.slice(html.indexOf('<section id="traceability"'), html.indexOf('</section>', html.indexOf('<section id="traceability"')))
/** The <tr> of one requirement in the traceability table. */
const rowOf = (trace: string, ref: string) => {
  const at = trace.indexOf(`<td><code>${ref}</code></td>`)
  expect(at, `row ${ref}`).to.be.greaterThan(-1)
  return trace.slice(trace.lastIndexOf('<tr', at), trace.indexOf('</tr>', at))
}

describe('requirement traceability over the whole method', function () {
  this.timeout(60_000)

  it('says why a requirement was not tested: no check, another profile, a suite not run, not selected', () => {
    const check = (id: string, requirements: string[], profiles: string[]) => ({ id, requirements, profiles }) as unknown as Check
    const catalogue = [check('API-A-001', ['R-API'], ['core']), check('AUTH-B-001', ['R-AUTH'], ['core']), check('API-C-001', ['R-FULL'], ['full-2.1', 'write-mode'])]
    const why = untestedReasons(['R-NONE', 'R-FULL', 'R-AUTH', 'R-API'], catalogue, { profile: 'core', suites: ['api'], checkIds: ['API-X-001'] })
    expect(why['R-NONE'].en).to.equal('no check of this konform version tests it yet')
    expect(why['R-FULL']).to.deep.equal({
      en: 'profile core leaves it out: tested by API-C-001 in profile(s) full-2.1, write-mode',
      sv: 'profilen core omfattar det inte: provas av API-C-001 i profil(erna) full-2.1, write-mode',
    })
    expect(why['R-AUTH'].en).to.equal('suite auth was not run (--suite): tested by AUTH-B-001')
    expect(why['R-API'].sv).to.equal('dess kontroller (API-A-001) valdes inte (--check)')
  })

  it('a requirement whose checks were all skipped is not tested, with the skip reason in the report language', () => {
    const run = sampleRun()
    const skipped = { ...run.results[0], status: 'skip', reason: 'not applicable: x', reasonSv: 'ej tillämplig: x', failures: [] } as CheckResult
    const row = requirementRow(run, 'R', [skipped])
    expect(row).to.deep.equal({ status: 'not-tested', why: { en: 'every check was skipped: not applicable: x', sv: 'alla kontroller hoppades över: ej tillämplig: x' } })
    expect(requirementRow(run, 'R', [skipped, { ...skipped, status: 'pass' }])).to.deep.equal({ status: 'pass' })
  })

  describe('a core run of the api suite only', () => {
    let run: RunResult
    let en = ''
    let sv = ''
    before(async () => {
      run = parseResults(renderJson(await runBuiltIn({ profile: 'core', suites: ['api'] })))
      en = traceOf(renderHtml(run, 'en'))
      sv = traceOf(renderHtml(run, 'sv'))
    })

    it('lists every requirement of the catalogue, tested or not', () => {
      for (const r of allRequirements()) expect(en, r.ref).to.include(`<td><code>${r.ref}</code></td>`)
      expect(run.deviations?.notTested?.length).to.be.greaterThan(5)
      for (const ref of run.deviations!.notTested!) expect(run.deviations!.notTestedWhy![ref], ref).to.have.keys('en', 'sv')
    })

    it('marks what the profile and the suites left out as not tested, and why', async () => {
      const catalogue = await loadChecks()
      const authRef = catalogue.find((c) => c.id.startsWith('AUTH-') && c.profiles.includes('core'))!.requirements[0]
      const authOnly = !catalogue.some((c) => !c.id.startsWith('AUTH-') && c.profiles.includes('core') && c.requirements.includes(authRef))
      expect(authOnly, `${authRef} is tested by auth checks only`).to.equal(true)
      expect(rowOf(en, authRef)).to.match(/not tested<\/span><br><span class="why">suite auth was not run \(--suite\)/)
      expect(rowOf(sv, authRef)).to.match(/ej provat<\/span><br><span class="why">sviten auth kördes inte \(--suite\)/)
      expect(rowOf(en, 'SS12000-SUBSCRIPTION-CREATE')).to.match(/not tested<\/span><br><span class="why">profile core leaves it out: tested by API-SUB-001/)
      // a tested requirement keeps its checks and outcome
      expect(rowOf(en, 'SS12000-PARAM-LIMIT')).to.match(/data-trace="pass"/)
    })
  })

  it('an export run lists its contractual items as rows: not tested — check the contract', () => {
    const run = { ...sampleRun(), notTested: [...NOT_TESTED] }
    const en = traceOf(renderHtml(run, 'en'))
    const sv = traceOf(renderHtml(run, 'sv'))
    expect(rowOf(en, 'DA-25.1')).to.contain('not tested — check the contract').and.to.contain('Data Act Art. 25(1)')
    expect(rowOf(sv, 'DA-25.1')).to.contain('inte testat — kontrollera avtalet')
    for (const n of NOT_TESTED) expect(en).to.include(`<td><code>${n.id}</code></td>`)
  })
})
