import { expect } from 'chai'
import { MockAgent } from 'undici'
import { defineCheck } from '../../src/core/check.js'
import { CheckError } from '../../src/core/failure.js'
import type { PlanView } from '../../src/core/context.js'
import { validateRegistry } from '../../src/core/registry.js'
import { runChecks } from '../../src/core/runner.js'
import { HttpClient } from '../../src/http/client.js'
import { DEFAULT_LIMITS } from '../../src/http/limits.js'
import { Redactor } from '../../src/http/redact.js'
import { loadSpec } from '../../src/spec/load.js'

const plan: PlanView = { target: 'http://127.0.0.1:1/v2.0', builtIn: false, profile: 'core', allowWrites: false, authKind: 'none', faults: [] }
const base = { title: { en: 't', sv: 't' }, requirements: ['SS12000-ITEM-404'], severity: 'must', profiles: ['core'] } as const

async function run(checks: Parameters<typeof runChecks>[0], agent = new MockAgent(), limits = {}) {
  agent.disableNetConnect()
  const spec = await loadSpec()
  const client = new HttpClient({ auth: { kind: 'none' }, limits: { ...DEFAULT_LIMITS, ratePerSecond: 0, ...limits }, redactor: new Redactor(), allowWrites: false, dispatcher: agent })
  const ops = ['GET /organisations', 'GET /persons'].map((k) => spec.operation(k)!)
  return runChecks(checks, { spec, plan, client, operations: ops, concurrency: 2, checkTimeoutMs: 300, ...limits })
}

describe('runner', function () {
  it('a check that records nothing is an error, not a pass', async function () {
    const [r] = await run([defineCheck({ ...base, id: 'API-T-001', async run() {} })])
    expect(r.status).to.equal('error')
    expect(r.reason).to.match(/no evidence/)
  })
  it('a thrown bug becomes error with a one-line cause; a failure becomes fail', async function () {
    const rs = await run([
      defineCheck({ ...base, id: 'API-T-001', async run() { throw new TypeError('boom\nsecond line') } }),
      defineCheck({ ...base, id: 'API-T-002', async run(ctx) { ctx.note('x'); ctx.fail('wrong', { expected: 'a', actual: 'b' }) } }),
    ])
    expect(rs[0].status).to.equal('error')
    expect(rs[0].reason).to.equal('boom second line')
    expect(rs[1].status).to.equal('fail')
    expect(rs[1].failures[0]).to.include({ message: 'wrong', expected: 'a', actual: 'b' })
  })
  it("states why a check ended in error in Swedish too: konform's own words translated, the platform's quoted", async function () {
    const rs = await run([
      defineCheck({ ...base, id: 'API-T-001', async run() {} }),
      defineCheck({ ...base, id: 'API-T-002', async run() { throw new CheckError({ en: 'the run has no access token', sv: 'körningen har ingen åtkomsttoken' }) } }),
      defineCheck({ ...base, id: 'API-T-003', async run() { throw new TypeError('connect ECONNREFUSED') } }),
    ])
    expect(rs.map((r) => r.status)).to.deep.equal(['error', 'error', 'error'])
    expect(rs[0].reasonSv).to.match(/inga belägg/)
    expect(rs[1]).to.include({ reason: 'the run has no access token', reasonSv: 'körningen har ingen åtkomsttoken' })
    expect(rs[2].reasonSv).to.equal('fel i verktyget eller förbindelsen (systemets text): connect ECONNREFUSED')
  })
  it('expands forEach checks into one result per operation', async function () {
    const rs = await run([defineCheck({ ...base, id: 'API-T-001', forEach: (ops) => ops, async run(ctx, op) { ctx.note(op.key) } })])
    expect(rs.map((r) => r.name)).to.deep.equal(['API-T-001 [GET /organisations]', 'API-T-001 [GET /persons]'])
    expect(rs.every((r) => r.status === 'pass')).to.equal(true)
  })
  it('skips a check whose needs did not pass', async function () {
    const rs = await run([
      defineCheck({ ...base, id: 'API-T-001', async run(ctx) { ctx.fail('no') } }),
      defineCheck({ ...base, id: 'API-T-002', needs: ['API-T-001'], async run(ctx) { ctx.note('ran') } }),
    ])
    expect(rs[1].status).to.equal('skip')
    expect(rs[1].reason).to.equal('needs API-T-001, which did not pass')
  })
  it('ends a check that hangs at its timeout and aborts its request', async function () {
    const agent = new MockAgent()
    agent.get('http://127.0.0.1:1').intercept({ path: '/v2.0/persons' }).reply(200, '{}').delay(5000)
    const t0 = Date.now()
    const [r] = await run([defineCheck({ ...base, id: 'API-T-001', async run(ctx) { await ctx.call('GET /persons') } })], agent)
    expect(r.status).to.equal('error')
    expect(r.reason).to.match(/did not finish within 300 ms/)
    expect(Date.now() - t0).to.be.lessThan(3000)
  })
  it('stops reading a body at the size cap and keeps the evidence', async function () {
    const agent = new MockAgent()
    agent.get('http://127.0.0.1:1').intercept({ path: '/v2.0/persons' }).reply(200, 'x'.repeat(5000))
    const [r] = await run([defineCheck({ ...base, id: 'API-T-001', async run(ctx) { await ctx.call('GET /persons') } })], agent, { maxResponseBytes: 1000 })
    expect(r.status).to.equal('error')
    expect(r.reason).to.match(/larger than the 1000-byte cap/)
    expect(r.evidence[0].response?.status).to.equal(200)
  })
  it('refuses a write operation unless writes are allowed', async function () {
    const [r] = await run([defineCheck({ ...base, id: 'API-T-001', async run(ctx) { await ctx.call('POST /log/', { body: {} }) } })])
    expect(r.status).to.equal('error')
    expect(r.reason).to.match(/--allow-writes/)
  })
  it('the registry refuses duplicate ids and unknown needs; defineCheck refuses malformed checks', function () {
    const a = defineCheck({ ...base, id: 'API-T-001', async run() {} })
    expect(() => validateRegistry([a, a])).to.throw(/duplicate check id API-T-001/)
    expect(() => validateRegistry([defineCheck({ ...base, id: 'API-T-002', needs: ['API-X-001'], async run() {} })])).to.throw(/unknown check/)
    expect(() => defineCheck({ ...base, id: 'API-bad' as never, async run() {} })).to.throw(/id must look like/)
    expect(() => defineCheck({ ...base, id: 'API-T-003', requirements: ['NOPE-1'], async run() {} })).to.throw(/unknown requirement NOPE-1/)
    expect(() => defineCheck({ ...base, id: 'API-T-004', title: { en: 'x', sv: '' }, async run() {} })).to.throw(/Swedish title/)
  })
})

describe('test guard', function () {
  it('refuses any connection beyond loopback before a packet is sent', async function () {
    const net = await import('node:net')
    const err = await new Promise<Error>((resolve) => {
      const s = net.connect({ host: '192.0.2.1', port: 80 }) // TEST-NET-1: never a real host
      s.on('error', resolve)
      s.on('connect', () => resolve(new Error('connected')))
    })
    expect(err.message).to.match(/tests may reach nothing but loopback/)
  })
})

describe('runner evidence', function () {
  it('keeps the first and last exchanges of a long walk and every one a finding cites', async function () {
    const agent = new MockAgent()
    agent.disableNetConnect()
    agent.get('http://127.0.0.1:1').intercept({ path: /\/v2\.0\/persons.*/ }).reply(200, '{"data":[]}').persist()
    const [r] = await run(
      [
        defineCheck({
          ...base,
          id: 'API-T-001',
          async run(ctx) {
            const ids: string[] = []
            for (let i = 0; i < 200; i++) ids.push((await ctx.call('GET /persons', { query: { i } })).exchangeId)
            ctx.report('page 100 was wrong', { evidence: [ids[99]] })
          },
        }),
      ],
      agent,
      { checkTimeoutMs: 10_000 },
    )
    expect(r.status).to.equal('fail')
    expect(r.evidence).to.have.length(51)
    expect(r.evidence.map((e) => e.id)).to.include(r.failures[0].evidence[0])
    expect(r.notes.join()).to.match(/149 of 200 exchanges are not kept/)
    expect(r.notesSv?.join()).to.match(/149 av 200 HTTP-anrop finns inte med i rapporten/)
  })
})
