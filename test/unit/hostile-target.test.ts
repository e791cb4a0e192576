// A hostile or broken target gives failed checks and a complete report: never a hang, never a crash.
// Wire-level garbage needs a raw socket server (undici's MockAgent cannot produce it).

import net from 'node:net'
import { expect } from 'chai'
import { renderHtml } from '../../src/report/html/render.js'
import { renderJunit } from '../../src/report/junit.js'
import { runPlan } from '../../src/run.js'

type Behaviour = (socket: net.Socket) => void

const BEHAVIOURS: Record<string, Behaviour> = {
  'truncated body': (s) => s.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"data":['),
  'bad chunking': (s) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nnot a chunk\r\n'),
  'headers that never end': (s) => s.write('HTTP/1.1 200 OK\r\nX-Slow: '),
  'not HTTP at all': (s) => s.end('\u0000\u0001garbage\r\n\r\n'),
  'HTML instead of JSON': (s) => s.end('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 30\r\n\r\n<html><script>x</script></html>'),
}

function rawServer(behaviour: Behaviour): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((s) => {
    sockets.add(s)
    s.on('error', () => undefined)
    s.on('close', () => sockets.delete(s))
    s.once('data', () => behaviour(s))
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}/v2.0`,
        close: () =>
          new Promise((r) => {
            for (const s of sockets) s.destroy()
            server.close(() => r())
          }),
      })
    }),
  )
}

describe('a hostile target', function () {
  this.timeout(30_000)
  for (const [name, behaviour] of Object.entries(BEHAVIOURS)) {
    it(`${name}: every check ends as fail or error, the reports render`, async function () {
      const srv = await rawServer(behaviour)
      try {
        const run = await runPlan({
          target: srv.url,
          profile: 'core',
          suites: ['api', 'auth'],
          limits: { requestTimeoutMs: 500, checkTimeoutMs: 5000, ratePerSecond: 0, concurrency: 8 },
        })
        // It accepted the connection, so it is reachable: every check ran and none passed.
        expect(run.results.length).to.be.greaterThan(10)
        expect(run.verdict.passed).to.equal(false)
        for (const r of run.results) expect(['fail', 'error', 'skip'], `${r.name}: ${r.status}`).to.include(r.status)
        expect(renderJunit(run)).to.contain('<testsuites')
        expect(renderHtml(run, 'en')).to.not.contain('<script>x</script>')
      } finally {
        await srv.close()
      }
    })
  }
})
