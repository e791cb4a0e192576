// The uuid and date-time shortcuts (src/spec/fast-formats.ts) answer exactly as ajv-formats does: over hand-picked
// edge cases and over generated values, valid and not.

import { expect } from 'chai'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { plainDateTime, plainUuid, speedUpFormats } from '../../src/spec/fast-formats.js'
import { mulberry32 } from '../../fixtures/generate.js'

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

describe('fast formats (uuid, date-time)', function () {
  const plain = new Ajv({ strict: false })
  addFormats(plain)
  const fast = new Ajv({ strict: false })
  addFormats(fast)
  speedUpFormats(fast)
  const judge = (ajv: Ajv, format: string) => ajv.compile({ type: 'string', format })

  const UUIDS = [
    '3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b', '3F2B8C1E-4A5D-4E6F-8A7B-9C0D1E2F3A4B', 'urn:uuid:3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b',
    'URN:UUID:3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b', '3f2b8c1e4a5d4e6f8a7b9c0d1e2f3a4b', '3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4', '3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4bb',
    '3f2b8c1g-4a5d-4e6f-8a7b-9c0d1e2f3a4b', '3f2b8c1e_4a5d-4e6f-8a7b-9c0d1e2f3a4b', '', ' 3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4', '3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4\n',
    '{3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b}', '3f2b8c1e-4a5d-4e6f-8a7b9-c0d1e2f3a4b',
  ]
  const DATE_TIMES = [
    '2025-08-01T08:00:00Z', '2025-08-01t08:00:00z', '2025-08-01 08:00:00Z', '2025-08-01T08:00:00.123Z', '2025-08-01T08:00:00+02:00', '2025-08-01T08:00:00-0200',
    '2025-08-01T08:00:00', '2025-02-29T08:00:00Z', '2024-02-29T08:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2025-13-01T00:00:00Z', '2025-00-10T00:00:00Z',
    '2025-04-31T00:00:00Z', '2025-08-01T24:00:00Z', '2025-08-01T23:60:00Z', '2025-08-01T23:59:60Z', '2016-12-31T23:59:60Z', '2016-12-31T23:59:60+01:00',
    '2016-12-31T22:59:60-01:00', '2025-08-01T08:00:00+24:00', '2025-08-01T08:00:00+02:60', '2025-08-01T08:00:00.Z', '2025-08-01T08:00Z', '25-08-01T08:00:00Z',
    '2025-08-01T08:00:00Z ', '2025-08-01TT08:00:00Z', '2025-8-01T08:00:00Z', '2025-08-01T08:00:00.5+02:00', '2025-08-01T08:00:00,5Z', '٢٠٢٥-08-01T08:00:00Z',
  ]

  it('answers as ajv-formats over edge cases', function () {
    for (const [format, values] of [['uuid', UUIDS], ['date-time', DATE_TIMES]] as const) {
      const a = judge(plain, format)
      const b = judge(fast, format)
      for (const v of values) expect(b(v), `${format} ${JSON.stringify(v)}`).to.equal(a(v))
    }
    // The shortcuts themselves only ever say "valid" for values ajv-formats finds valid.
    const a = judge(plain, 'date-time')
    expect(DATE_TIMES.filter(plainDateTime).every((v) => a(v))).to.equal(true)
    expect(DATE_TIMES.filter(plainDateTime).length).to.be.greaterThan(5)
    const u = judge(plain, 'uuid')
    expect(UUIDS.filter(plainUuid)).to.have.length(2)
    expect(UUIDS.filter(plainUuid).every((v) => u(v))).to.equal(true)
  })

  it('answers as ajv-formats over 20,000 generated values, valid and mangled', function () {
    const next = mulberry32(7)
    const digit = () => String(next() % 10)
    const pick = <T>(xs: readonly T[]) => xs[next() % xs.length]
    const a = { uuid: judge(plain, 'uuid'), dt: judge(plain, 'date-time') }
    const b = { uuid: judge(fast, 'uuid'), dt: judge(fast, 'date-time') }
    let valid = 0
    for (let i = 0; i < 10_000; i++) {
      let dt = `${pick(['19', '20', '21'])}${digit()}${digit()}-${pick(['0', '1'])}${digit()}-${pick(['0', '1', '2', '3'])}${digit()}T${pick(['0', '1', '2'])}${digit()}:${pick(['0', '5', '6'])}${digit()}:${pick(['0', '5', '6'])}${digit()}${pick(['', '.5', '.123'])}${pick(['Z', '+02:00', '-23:59', '+24:00', ''])}`
      let id = [8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => '0123456789abcdefABCDEFg'[next() % 23]).join('')).join('-')
      if (next() % 4 === 0) {
        const at = next() % dt.length
        dt = dt.slice(0, at) + pick(['x', ' ', '-', '', '9']) + dt.slice(at + 1)
        id = id.slice(0, at) + pick(['x', '-', '', '9']) + id.slice(at + 1)
      }
      expect(b.dt(dt), dt).to.equal(a.dt(dt))
      expect(b.uuid(id), id).to.equal(a.uuid(id))
      if (a.dt(dt)) valid++
    }
    expect(valid).to.be.within(300, 9000)
  })
})
