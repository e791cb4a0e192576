#!/usr/bin/env node
// konform's entry point: runs the compiled commands (dist/, built by `npm ci` through the prepare script).
// Errors become one line on stderr with a documented exit code; KONFORM_DEBUG=1 adds the stack.
import { flush, run } from '@oclif/core'

try {
  await run(process.argv.slice(2), import.meta.url)
  await flush()
} catch (err) {
  const { message, code } = describe(err)
  if (code === 0) {
    await flush()
  } else {
    if (message) process.stderr.write(`konform: error: ${message}\n`)
    if (process.env.KONFORM_DEBUG === '1' && err?.stack) process.stderr.write(`${err.stack}\n`)
    process.exitCode = code
  }
}

function describe(err) {
  // A command's this.exit(n) and oclif's own exits (help, version) carry their code.
  if (err?.oclif?.exit !== undefined && err?.code === 'EEXIT') return { message: '', code: err.oclif.exit }
  if (err?.name === 'KonformError') return { message: err.message, code: err.exitCode }
  // oclif's messages span lines ("Parsing --x\n\tExpected …\nSee more help with --help"): keep what informs, on one line.
  const lines = String(err?.message ?? err)
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^See more help with/i.test(l))
  const clean = lines.join(': ').replace(/\s+/g, ' ') || 'unknown error'
  if (err?.oclif?.exit !== undefined || /command .* not found/i.test(clean)) {
    return { message: `${clean} (see konform --help)`, code: 2 }
  }
  return { message: `internal error: ${clean} (KONFORM_DEBUG=1 shows the stack)`, code: 2 }
}
