// Free text inside records (absenceReason, StudyPlan notes, comments, descriptions …) is filled by people with
// anything: civic numbers, e-mail addresses and phone numbers in it are pattern-redacted, with pseudonyms stable
// within one report (issue #7). Other fields keep their numbers (dates, codes, counts are not phone numbers).

import { expect } from 'chai'
import { Redactor } from '../../src/http/redact.js'

const body = (o: unknown) => JSON.stringify(o)

describe('redaction of free text in records', () => {
  it('redacts civic numbers, e-mail and phone numbers inside free-text fields, in any of their forms', () => {
    const r = new Redactor()
    const out = r.body(
      body({
        data: [
          { id: 'a1', absenceReason: 'Sjuk. Ring mamma 070-555 12 34 eller +46 70 555 12 34, pnr 051231-4567', startTime: '2025-01-15T08:00:00Z' },
          { id: 'a2', notes: [{ type: 'Anteckningar', note: 'Kontakt: kanarie.mamma@kanarie.example, tel 08-555 987 65, 20051231-4567, 0046 8 555 98765' }] },
          { id: 'a3', comment: 'Ersätter 0705551234 (+46 (0)70 555 12 34)', description: 'Rum 12, 2025-03-04, kod 1234567' },
        ],
      }),
      'application/json',
    )
    for (const leak of ['555 12 34', '555 987 65', '5551234', '55598765', '051231-4567', '20051231-4567', 'kanarie.mamma']) expect(out).to.not.contain(leak)
    // the same number, however it is written, is the same pseudonym; another number another one
    expect(out).to.match(/Ring mamma «phone-1» eller «phone-1», pnr «civicno-1»/)
    expect(out).to.match(/Kontakt: email-1@redacted\.invalid, tel «phone-2», «civicno-\d», «phone-2»/)
    expect(out).to.contain('Ersätter «phone-1» («phone-1»)')
    // dates, room numbers and codes in free text, and every other field, stay as they are
    expect(out).to.contain('Rum 12, 2025-03-04, kod 1234567')
    expect(out).to.contain('"startTime": "2025-01-15T08:00:00Z"')
  })

  it('leaves numbers outside free-text fields alone, and keeps free text raw with --evidence full', () => {
    const r = new Redactor()
    const out = r.body(body({ schoolUnitCode: '07055512', organisationNumber: '5566778899', count: '0855512345', displayName: 'Klass 7A' }), 'application/json')
    expect(out).to.contain('"organisationNumber": "5566778899"').and.to.contain('"count": "0855512345"').and.to.contain('"schoolUnitCode": "07055512"')
    const full = new Redactor({ personalData: false })
    expect(full.body(body({ comment: 'tel 070-555 12 34' }), 'application/json')).to.contain('tel 070-555 12 34')
  })

  it('also in a body cut off at the size cap (not parseable JSON)', () => {
    const r = new Redactor()
    const out = r.body('{"data": [{"absenceReason": "ring 070-555 12 34", "comment": "mejla a.b@kanarie.example', 'application/json')
    expect(out).to.not.contain('555 12 34')
    expect(out).to.contain('"absenceReason": "ring «phone-1»"')
    expect(out).to.not.contain('a.b@kanarie.example')
  })
})
