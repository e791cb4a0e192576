import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let root: string | undefined

/** The folder holding konform's package.json, whether running from src (tests) or dist. */
export function projectRoot(): string {
  if (root) return root
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const pkg = path.join(dir, 'package.json')
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'konform') return (root = dir)
    const up = path.dirname(dir)
    if (up === dir) throw new Error('konform package.json not found above ' + fileURLToPath(import.meta.url))
    dir = up
  }
}

export function toolVersion(): string {
  return JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')).version as string
}
