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
import { fileURLToPath } from 'node:url'

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

console.log(`peak RSS (this process):         ${mb(process.resourceUsage().maxRSS * 1024)}`)

// --- scale and export (issues #3, #5): the reference server at --scale N in its own process (start time, its
// memory), harvested by konform (validated, written to a bag) and by a bare undici loop over the same pages
// (parsed for the pageToken only), each in its own process too (harvest-client.ts), so every RSS is that
// process's own. BENCH_SCALES: entity counts (default 100000,1000000; 0 leaves the section out); BENCH_PAGE: the
// page size asked for (default 1000); BENCH_RUNS: runs of each side per scale, interleaved (default 2 up to
// 100,000 entities, 1 above); BENCH_PROFILE: the profile harvested (default full-2.1: every record list).
// On a shared machine these figures are upper bounds of the times (lower bounds of the rates).
{
  const { spawn } = await import('node:child_process')
  const { createInterface } = await import('node:readline')
  const scales = (process.env.BENCH_SCALES ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0)
  const pageSize = Number(process.env.BENCH_PAGE ?? 1000)
  const profile = process.env.BENCH_PROFILE ?? 'full-2.1'
  const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url))
  const lines = (child: ReturnType<typeof spawn>) => createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
  type Sample = { records: number; rss: number }
  type Done = { records: number; ms: number; maxRss: number }
  const client = async (mode: 'kit' | 'bare', args: object): Promise<{ samples: Sample[]; done?: Done }> => {
    const child = spawn(process.execPath, [script('harvest-client.js'), mode, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] })
    const out: object[] = []
    for await (const line of lines(child)) out.push(JSON.parse(line) as object)
    const done = out.find((o): o is Done => 'ms' in o)
    return { samples: out.filter((o): o is Sample => 'rss' in o), done }
  }
  const rate = (d: Done) => Math.round((d.records * 1000) / d.ms)
  for (const scale of scales) {
    const t = performance.now()
    const server = spawn(process.execPath, [script('serve-scale.js'), String(scale)], { stdio: ['ignore', 'pipe', 'inherit'] })
    const serverLines = lines(server)
    const first = await serverLines.next()
    if (first.done) {
      console.log(`scale ${scale}: the server did not start`)
      continue
    }
    const wall = performance.now() - t
    const s = JSON.parse(first.value) as { baseUrl: string; tokenUrl: string; clientId: string; clientSecret: string; records: number; startMs: number; rss: number }
    console.log(`scale ${scale}: serve --scale ${scale}    ${(wall / 1000).toFixed(1)} s to serving (${(s.startMs / 1000).toFixed(1)} s in startReferenceServer), ${s.records} entities, server RSS after start ${mb(s.rss)}`)
    const runs = Number(process.env.BENCH_RUNS ?? (scale > 100_000 ? 1 : 2))
    const kits: Done[] = []
    const bares: Done[] = []
    let rssAt: Sample[] = []
    try {
      for (let i = 0; i < runs; i++) {
        const bare = await client('bare', { ...s, profile, pageSize })
        if (bare.done) bares.push(bare.done)
        const dir = await mkdtemp(path.join(os.tmpdir(), 'konform-bench-'))
        try {
          const kit = await client('kit', { ...s, profile, pageSize, out: path.join(dir, 'bag'), sampleEvery: Math.max(10_000, Math.round(scale / 10)) })
          if (kit.done) kits.push(kit.done)
          rssAt = kit.samples
        } finally {
          await rm(dir, { recursive: true, force: true })
        }
      }
      const best = (xs: Done[]) => [...xs].sort((a, b) => a.ms - b.ms)[Math.floor((xs.length - 1) / 2)]
      const kit = kits.length ? best(kits) : undefined
      const bare = bares.length ? best(bares) : undefined
      if (!kit || !bare) {
        console.log(`scale ${scale}: a harvest did not finish`)
        continue
      }
      console.log(`scale ${scale}: konform export (${profile}, pages of ${pageSize}, validated, written) ${(kit.ms / 1000).toFixed(1)} s = ${rate(kit)} entities/s (${kit.records} entities), peak RSS ${mb(kit.maxRss)}`)
      console.log(`scale ${scale}: bare undici loop (same pages)  ${(bare.ms / 1000).toFixed(1)} s = ${rate(bare)} entities/s (${bare.records} entities), peak RSS ${mb(bare.maxRss)}`)
      console.log(`scale ${scale}: overhead ratio (konform / bare) ${(kit.ms / bare.ms).toFixed(2)}x (median of ${runs} interleaved run${runs > 1 ? 's' : ''} each)`)
      if (rssAt.length) console.log(`scale ${scale}: konform RSS by entities harvested ${rssAt.map((x) => `${Math.round(x.records / 1000)}k ${mb(x.rss)}`).join(', ')}`)
    } catch (err) {
      console.log(`scale ${scale}: harvest failed: ${(err as Error).message.split('\n')[0]}`)
    } finally {
      server.kill('SIGTERM')
      const last = await serverLines.next()
      if (!last.done) console.log(`scale ${scale}: server peak RSS            ${mb((JSON.parse(last.value) as { maxRss: number }).maxRss)}`)
    }
  }
}
