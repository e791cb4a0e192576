import { expect } from 'chai'
import { Redactor } from '../../src/http/redact.js'

describe('Redactor', function () {
  it('replaces registered secrets wherever they appear, in plain and percent-encoded form', function () {
    const r = new Redactor({ secrets: { KONFORM_CLIENT_SECRET: 's3cr3t/+value' } })
    expect(r.text('a s3cr3t/+value b')).to.equal('a «KONFORM_CLIENT_SECRET» b')
    expect(r.url('http://x/?q=s3cr3t%2F%2Bvalue')).to.not.contain('s3cr3t')
  })
  it('masks Authorization and cookies whatever their value', function () {
    const r = new Redactor()
    r.addSecret('tok-123456', 'access-token')
    expect(r.header('Authorization', 'Bearer tok-123456')).to.equal('Bearer «access-token»')
    expect(r.header('authorization', 'Bearer something-unknown')).to.equal('Bearer «redacted»')
    expect(r.header('set-cookie', 'sid=abc')).to.equal('«redacted»')
  })
  it('pseudonymises personal data in JSON by key, stably within one run', function () {
    const r = new Redactor()
    const body = JSON.stringify({
      data: [
        { givenName: 'Anna', familyName: 'Ek', civicNo: { value: '201001012386', nationality: 'SE' }, emails: [{ value: 'anna@skola.example', type: 'Privat' }] },
        { givenName: 'Anna', familyName: 'Berg' },
      ],
    })
    const out = r.body(body, 'application/json')
    for (const raw of ['Anna', 'Ek', '201001012386', 'anna@skola.example', 'Berg']) expect(out).to.not.contain(raw)
    const parsed = JSON.parse(out)
    expect(parsed.data[0].givenName).to.equal(parsed.data[1].givenName) // same value -> same pseudonym
    expect(parsed.data[0].familyName).to.not.equal(parsed.data[1].familyName)
    expect(parsed.data[0].civicNo.nationality).to.equal('SE')
    expect(parsed.data[0].emails[0].type).to.equal('Privat')
  })
  it('finds civic numbers and e-mail addresses in free text, but leaves UUIDs and dates alone', function () {
    const r = new Redactor()
    const uuid = '20101234-5678-4abc-8def-201001012386'
    const out = r.text(`pupil 20100101-2386 (mail a.b@c.se) id ${uuid} born 2010-01-01`)
    expect(out).to.not.contain('2386 (')
    expect(out).to.not.contain('a.b@c.se')
    expect(out).to.contain(uuid)
    expect(out).to.contain('2010-01-01')
  })
  it('redacts personal query parameters and tokens in token answers', function () {
    const r = new Redactor()
    const url = r.url('http://x/v2.0/persons?civicNo=201001012386&limit=2')
    expect(url).to.not.contain('201001012386')
    expect(url).to.contain('limit=2')
    expect(r.body('{"access_token":"abc.def.ghi","token_type":"Bearer"}', 'application/json')).to.not.contain('abc.def.ghi')
    expect(r.body('grant_type=client_credentials&client_secret=xyz', 'application/x-www-form-urlencoded')).to.not.contain('xyz')
  })
  it('keeps personal data when asked to (--evidence full is for local debugging)', function () {
    const r = new Redactor({ personalData: false })
    expect(r.body('{"givenName":"Anna"}', 'application/json')).to.contain('Anna')
  })
})

describe('Redactor on JSON that does not parse', function () {
  it('still pseudonymises personal keys in a body cut off mid-way', function () {
    const r = new Redactor()
    const out = r.body('{"data":[{"givenName":"Anna","familyName":"Ek","phoneNumbers":[{"value":"070-1740612","type":"Hem"}],"x":"kept"},{"givenN', 'application/json')
    for (const raw of ['Anna', '"Ek"', '070-1740612']) expect(out).to.not.contain(raw)
    expect(out).to.contain('"x":"kept"')
    expect(out).to.contain('"type":"Hem"')
  })
})

describe('Redactor on references', function () {
  it('pseudonymises the displayName of a person reference, keeps that of a school unit', function () {
    const r = new Redactor()
    const body = JSON.stringify({
      data: [
        {
          id: '6f0c1d52-1f4b-4c39-9d0e-0d7f1f0e2a11',
          displayName: 'Provbackeskolan',
          enrolments: [{ enroledAt: { id: '7f0c1d52-1f4b-4c39-9d0e-0d7f1f0e2a11', displayName: 'Provbackeskolan F-6' } }],
          responsibles: [{ person: { id: '8f0c1d52-1f4b-4c39-9d0e-0d7f1f0e2a11', displayName: 'Ivar Provberg' }, relationType: 'Vårdnadshavare' }],
        },
      ],
    })
    const out = r.body(body, 'application/json')
    expect(out).to.not.contain('Ivar Provberg')
    expect(out).to.contain('Provbackeskolan F-6')
    expect(out).to.contain('"displayName": "Provbackeskolan"')
  })
})
