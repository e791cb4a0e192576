// Profiles (issue #4): `konform list --profile NAME` shows what the profile demands; against a target that offers
// only Skolverket DNP's operations, a run of profile full-2.1 reports every other operation as a failure (read
// operations by API-CAPABILITY-001, POST writes by API-CAPABILITY-002 with --allow-writes), never as a pass or a
// silent skip, and the headline says the target does not meet the profile; a run of skolverket-dnp, which does not
// require them, passes.

import { expect } from 'chai'
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js'
import { SERVER_PROFILES } from '../../src/reference/server-profiles.js'
import { summaryTable } from '../../src/report/console.js'
import { runPlan } from '../../src/run.js'
import { PROFILES } from '../../suites/profiles.js'
import { konform } from '../helpers/cli.js'

describe('profiles: what they demand and what a missing operation means', function () {
  let server: ReferenceServer
  const served = new Set(SERVER_PROFILES['skolverket-dnp'] as readonly string[])
  before(async function () {
    server = await startReferenceServer({ operations: SERVER_PROFILES['skolverket-dnp'] })
  })
  after(async function () {
    await server.close()
  })
  const run = (profile: string, checkIds: string[] = []) =>
    runPlan({
      target: server.baseUrl,
      profile,
      suites: ['api'],
      checkIds,
      allowWrites: true,
      noticeTimeoutMs: 1000,
      auth: { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret },
      limits: { ratePerSecond: 0, concurrency: 8, requestTimeoutMs: 5000, checkTimeoutMs: 20000 },
    })

  it('konform list --profile NAME starts with the operations the profile demands and its severity counts', async function () {
    const r = await konform(['list', '--profile', 'skolverket-dnp', '--lang', 'en'])
    expect(r.code, r.stderr).to.equal(0)
    const head = r.stdout.split('\nID ')[0]
    expect(head).to.contain(`Operations the target must offer (${PROFILES['skolverket-dnp'].operations.length}):`)
    for (const op of PROFILES['skolverket-dnp'].operations) expect(head).to.contain(`\n  ${op}\n`)
    expect(head).to.not.contain('GET /grades')
    expect(head).to.match(/Checks: \d+ \(must \d+, should \d+, may \d+\)/)
  })

  it('full-2.1 against a DNP-only target: every POST and read operation it lacks fails, the headline says no', async function () {
    const result = await run('full-2.1', ['API-CAPABILITY-001', 'API-CAPABILITY-002'])
    const lacking = PROFILES['full-2.1'].operations.filter((k) => !served.has(k) && !/^(DELETE|PATCH) /.test(k))
    expect(lacking.length).to.be.greaterThan(40)
    for (const op of lacking) {
      const rs = result.results.filter((r) => r.operation === op)
      expect(rs.map((r) => r.status), op).to.include('fail')
      expect(rs.filter((r) => r.status === 'pass').map((r) => r.name), op).to.deep.equal([])
    }
    for (const op of PROFILES['skolverket-dnp'].operations) expect(result.results.find((r) => r.operation === op)?.status, op).to.equal('pass')
    expect(result.verdict.passed).to.equal(false)
    expect(summaryTable(result, 'en')).to.contain('Meets the must-requirements of profile full-2.1: no')
  })

  it('skolverket-dnp against the same target: nothing it does not require is failed', async function () {
    const result = await run('skolverket-dnp')
    expect(result.results.filter((r) => r.status === 'pass').length).to.be.greaterThan(50)
    expect(result.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => r.name)).to.deep.equal([])
    expect(result.verdict.passed).to.equal(true)
    expect(summaryTable(result, 'en')).to.contain('Meets the must-requirements of profile skolverket-dnp: yes')
  })
})
