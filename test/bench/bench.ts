// npm run bench: speed and memory figures of the parts that matter, printed, never asserted.
// (Timed tests are flaky on shared machines; this script is where targets are measured.)

import { loadSpec } from '../../src/spec/load.js'
import { runPlan } from '../../src/run.js'
import { renderJunit } from '../../src/report/junit.js'
import { renderHtml } from '../../src/report/html/render.js'
import { renderJson } from '../../src/report/json.js'
import { harvest } from '../../src/export/harvest.js'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MiB`

let t0 = performance.now()
const spec = await loadSpec()
console.log(`spec load + validate:            ${ms(t0)}`)
t0 = performance.now()
for (const op of spec.operations) for (const p of Object.values(op.responses)) if (p) spec.validators.compile(p)
console.log(`compile all response schemas:    ${ms(t0)}`)

const runs = 3
const times: number[] = []
let last
for (let i = 0; i < runs; i++) {
  t0 = performance.now()
  last = await runPlan({ profile: 'core', suites: ['api', 'auth', 'export'], limits: { ratePerSecond: 0 } })
  times.push(performance.now() - t0)
}
const exchanges = last!.results.reduce((n, r) => n + r.evidence.length, 0)
console.log(`full run on reference server:    median ${times.sort((a, b) => a - b)[1].toFixed(0)} ms of ${runs} (${last!.results.length} results, ${exchanges} exchanges)`)
t0 = performance.now()
const json = renderJson(last!)
const junit = renderJunit(last!)
const html = renderHtml(last!, 'en')
console.log(`render json+junit+html:          ${ms(t0)} (${mb(json.length)}, ${mb(junit.length)}, ${mb(html.length)})`)
const dnp = await runPlan({ profile: 'skolverket-dnp', suites: ['api', 'auth', 'export'], limits: { ratePerSecond: 0 } })
console.log(`skolverket-dnp run:              ${dnp.durationMs} ms (${dnp.results.length} results)`)
const bag = await mkdtemp(path.join(os.tmpdir(), 'konform-bench-'))
t0 = performance.now()
await harvest({ profile: 'skolverket-dnp', out: path.join(bag, 'bag'), pageSize: 7, limits: { ratePerSecond: 0 } })
console.log(`export harvest (dnp, pages of 7): ${ms(t0)}`)
await rm(bag, { recursive: true, force: true })
console.log(`peak RSS:                        ${mb(process.resourceUsage().maxRSS * 1024)}`)
