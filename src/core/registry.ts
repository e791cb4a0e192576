// Loads every check under suites/<area>/ (one default export per file; files starting with _ are helpers),
// and refuses duplicate ids, unknown `needs` and files that export no check.

import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { projectRoot } from '../paths.js'
import type { Check } from './check.js'

const SUITES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../suites')

let loaded: Promise<Check[]> | undefined

export function loadChecks(): Promise<Check[]> {
  loaded ??= doLoad()
  return loaded
}

async function doLoad(): Promise<Check[]> {
  const checks: Check[] = []
  for (const area of ['api', 'auth', 'export']) {
    const dir = path.join(SUITES_DIR, area)
    let files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.js') && !f.startsWith('_')).sort()
    // In a source checkout, a compiled check whose .ts was renamed or deleted is stale (tsc -b leaves it behind).
    const sources = await readdir(path.join(projectRoot(), 'suites', area)).catch(() => undefined)
    if (sources) files = files.filter((f) => sources.includes(f.replace(/\.js$/, '.ts')))
    for (const f of files) {
      const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default?: Check }
      if (!mod.default?.id) throw new Error(`suites/${area}/${f} exports no check`)
      checks.push(mod.default)
    }
  }
  return validateRegistry(checks)
}

export function validateRegistry(checks: Check[]): Check[] {
  const ids = new Set<string>()
  for (const c of checks) {
    if (ids.has(c.id)) throw new Error(`duplicate check id ${c.id}`)
    ids.add(c.id)
  }
  for (const c of checks) for (const n of c.needs ?? []) if (!ids.has(n)) throw new Error(`${c.id} needs unknown check ${n}`)
  // Order: by suite (api, auth, export) then id, so reports are stable.
  const rank = (id: string) => (id.startsWith('API-') ? 0 : id.startsWith('AUTH-') ? 1 : 2)
  return [...checks].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id))
}
