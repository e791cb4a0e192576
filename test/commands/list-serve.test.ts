import { spawn } from 'node:child_process'
import path from 'node:path'
import { expect } from 'chai'
import { projectRoot } from '../../src/paths.js'
import { konform } from '../helpers/cli.js'

describe('konform list', function () {
  it('prints the catalogue as JSON with requirement, severity and operations', async function () {
    const r = await konform(['list', '--json'])
    expect(r.code, r.stderr).to.equal(0)
    const list = JSON.parse(r.stdout) as { id: string; severity: string; requirements: { ref: string }[]; operations: string[]; title: { sv: string } }[]
    expect(list.length).to.be.at.least(10)
    const paging = list.find((c) => c.id === 'API-PAGING-001')!
    expect(paging.severity).to.equal('must')
    expect(paging.operations.slice(0, 2)).to.deep.equal(['GET /organisations', 'GET /persons'])
    for (const c of list) {
      expect(c.requirements.length, c.id).to.be.greaterThan(0)
      expect(c.title.sv, c.id).to.be.a('string').and.not.empty
    }
  })
  it('prints a table by default', async function () {
    const r = await konform(['list'])
    expect(r.code).to.equal(0)
    expect(r.stdout).to.match(/^ID\s+SEVERITY\s+REQUIREMENTS\s+PROFILES\s+TITLE/m)
    expect(r.stdout).to.match(/AUTH-RS-001\s+must\s+SS12000-SECURITY-BEARER, RFC6750-3.1/)
  })
})

describe('konform serve', function () {
  it('--list-faults prints every fault with what it breaks, one a line', async function () {
    const { FAULT_IDS } = await import('../../src/reference/faults.js')
    const r = await konform(['serve', '--list-faults'])
    expect(r.code).to.equal(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines.map((l) => l.split(/\s+/)[0])).to.deep.equal(FAULT_IDS)
  })

  it('prints its base URL, token URL and credentials, serves, and stops on SIGTERM', async function () {
    const child = spawn(process.execPath, [path.join(projectRoot(), 'bin/run.js'), 'serve'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const base = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no base URL printed: ${out}`)), 15_000)
      child.stdout.on('data', (d) => {
        out += d
        const m = /API base URL:\s+(\S+)/.exec(out)
        if (m && /Client secret:\s+\S+/.test(out)) {
          clearTimeout(t)
          resolve(m[1])
        }
      })
    })
    expect(base).to.match(/^http:\/\/127\.0\.0\.1:\d+\/v2\.0$/)
    const tokenUrl = /Token URL:\s+(\S+)/.exec(out)![1]
    const id = /Client id:\s+(\S+)/.exec(out)![1]
    const secret = /Client secret:\s+(\S+)/.exec(out)![1]
    const tok = await fetch(tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })
    expect(tok.status).to.equal(200)
    const { access_token } = (await tok.json()) as { access_token: string }
    const res = await fetch(`${base}/organisations?limit=1`, { headers: { authorization: `Bearer ${access_token}` } })
    expect(res.status).to.equal(200)
    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve)
      child.kill('SIGTERM')
    })
    expect(code).to.equal(0)
  })
})
