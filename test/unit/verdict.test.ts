// The decision rule next to every verdict: no must-check failed or ended in error, and at least one ran and passed.
// A run whose must-checks were all skipped (nothing configured on the target, nothing offered) tested nothing: it
// must not say "meets the must-requirements" nor exit 0.

import { expect } from 'chai'
import { mustPassed, type CheckResult } from '../../src/core/result.js'

const result = (severity: CheckResult['severity'], status: CheckResult['status']): CheckResult =>
  ({ name: `X-${severity}-${status}`, checkId: 'X', suite: 'api', title: { en: 'x', sv: 'x' }, requirements: [], severity, status, failures: [], notes: [], evidence: [], startedAt: '', durationMs: 0 }) as CheckResult

describe('the verdict (mustPassed)', function () {
  it('passes when every must-check passed or was skipped and one passed', function () {
    expect(mustPassed([result('must', 'pass'), result('must', 'skip'), result('should', 'fail')])).to.equal(true)
  })
  it('fails on a failed or errored must-check', function () {
    expect(mustPassed([result('must', 'pass'), result('must', 'fail')])).to.equal(false)
    expect(mustPassed([result('must', 'pass'), result('must', 'error')])).to.equal(false)
  })
  it('does not pass a run whose must-checks were all skipped, whatever the other checks did', function () {
    expect(mustPassed([result('must', 'skip'), result('must', 'skip'), result('should', 'pass')])).to.equal(false)
  })
  it('has no must-requirement to miss when the run holds no must-check (--check of a should-check)', function () {
    expect(mustPassed([result('should', 'fail')])).to.equal(true)
  })
})
