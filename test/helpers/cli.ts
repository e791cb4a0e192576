import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { projectRoot } from '../../src/paths.js'

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs bin/run.js as a user would, in a child process, with the given environment additions. */
export function konform(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot(), 'bin/run.js'), ...args], {
      cwd: projectRoot(),
      env: { ...process.env, KONFORM_TOKEN: undefined, KONFORM_CLIENT_SECRET: undefined, KONFORM_DEBUG: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`konform ${args.join(' ')} did not finish within ${timeoutMs} ms`))
    }, timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

export function tmpdir(prefix = 'konform-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix))
}
