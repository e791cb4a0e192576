// Checks that change data (write mode) run only after every check that merely reads has finished.

import { expect } from 'chai'
import { MockAgent } from 'undici'
import { defineCheck } from '../../src/core/check.js'
import type { PlanView } from '../../src/core/context.js'
import { runChecks } from '../../src/core/runner.js'
import { HttpClient } from '../../src/http/client.js'
import { DEFAULT_LIMITS } from '../../src/http/limits.js'
import { Redactor } from '../../src/http/redact.js'
import { loadSpec } from '../../src/spec/load.js'

const plan: PlanView = { target: 'http://127.0.0.1:1/v2.0', builtIn: false, profile: 'core', allowWrites: true, authKind: 'none', faults: [] }
const base = { title: { en: 't', sv: 't' }, requirements: ['SS12000-ITEM-404'], severity: 'must', profiles: ['core'] } as const

describe('runner: checks that change data', function () {
  it('start after every reading check ended, whatever their order, and a reader that needs one still runs after it', async function () {
    const agent = new MockAgent()
    agent.disableNetConnect()
    const spec = await loadSpec()
    const client = new HttpClient({ auth: { kind: 'none' }, limits: { ...DEFAULT_LIMITS, ratePerSecond: 0 }, redactor: new Redactor(), allowWrites: true, dispatcher: agent })
    const events: string[] = []
    const slow = (id: string, ms: number) => async (ctx: { note(t: string): void }) => {
      events.push(`${id} start`)
      await new Promise((r) => setTimeout(r, ms))
      events.push(`${id} end`)
      ctx.note(id)
    }
    const checks = [
      defineCheck({ ...base, id: 'API-W-001', changesData: true, run: slow('W1', 1) }),
      defineCheck({ ...base, id: 'API-R-001', run: slow('R1', 30) }),
      defineCheck({ ...base, id: 'API-W-002', changesData: true, run: slow('W2', 1) }),
      defineCheck({ ...base, id: 'API-R-002', run: slow('R2', 10) }),
      defineCheck({ ...base, id: 'API-R-003', needs: ['API-W-001'], run: slow('R3', 1) }),
    ]
    const rs = await runChecks(checks, { spec, plan, client, operations: [], concurrency: 8, checkTimeoutMs: 5000 })
    expect(rs.map((r) => r.status)).to.deep.equal(['pass', 'pass', 'pass', 'pass', 'pass'])
    const at = (e: string) => events.indexOf(e)
    for (const w of ['W1', 'W2']) for (const r of ['R1', 'R2']) expect(at(`${w} start`), `${w} after ${r}`).to.be.greaterThan(at(`${r} end`))
    expect(at('R3 start')).to.be.greaterThan(at('W1 end'))
  })
})
