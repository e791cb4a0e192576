// What an export run does not test, listed in results.json (`notTested`) and the HTML report instead of being
// silently left out (export notes §1.4, R-12): contractual duties a read-only kit cannot observe, checks that
// need something only the customer or vendor has, and checks of the export notes not automated yet.

import type { Bilingual, NotTested } from '../core/result.js'

const CONTRACT: Bilingual = { en: 'not tested — check the contract', sv: 'inte testat — kontrollera avtalet' }
const needs = (en: string, sv: string): Bilingual => ({ en: `not tested — needs ${en}`, sv: `inte testat — kräver ${sv}` })
const LATER: Bilingual = { en: 'not tested — not automated in this version of konform', sv: 'inte testat — inte automatiserat i denna version av konform' }

export const NOT_TESTED: readonly NotTested[] = [
  { id: 'DA-25.1', basis: 'Data Act Art. 25(1)', title: { en: 'Switching rights are set out in a written contract available before signing', sv: 'Rätten att byta leverantör står i ett skriftligt avtal som finns före undertecknandet' }, reason: CONTRACT },
  { id: 'DA-25.2d', basis: 'Data Act Art. 25(2)(d)', title: { en: 'Notice period for switching of at most two months', sv: 'Uppsägningstid för byte på högst två månader' }, reason: CONTRACT },
  { id: 'DA-25.2g', basis: 'Data Act Art. 25(2)(g)', title: { en: 'Data retrievable for at least 30 days after the transitional period (konform can re-run the export to show it)', sv: 'Data kan hämtas i minst 30 dagar efter övergångsperioden (konform kan köra exporten igen för att visa det)' }, reason: CONTRACT },
  { id: 'DA-25.2h', basis: 'Data Act Art. 25(2)(h); GDPR Art. 28(3)(g)', title: { en: 'Full erasure after retrieval, certified by the processor', sv: 'Fullständig radering efter hämtning, intygad av personuppgiftsbiträdet' }, reason: CONTRACT },
  { id: 'DA-25.4', basis: 'Data Act Art. 25(4), (5)', title: { en: 'Notice within 14 working days if 30 days is unfeasible; alternative period of at most 7 months', sv: 'Besked inom 14 arbetsdagar om 30 dagar inte går; alternativ period på högst 7 månader' }, reason: CONTRACT },
  { id: 'DA-27', basis: 'Data Act Art. 27', title: { en: 'All parties cooperate in good faith for a timely transfer', sv: 'Alla parter samarbetar i god tro för en snabb överföring' }, reason: CONTRACT },
  { id: 'DA-29', basis: 'Data Act Art. 29', title: { en: 'Switching charges reduced, and none from 12 January 2027', sv: 'Avgifter för byte sänkta, och inga från 12 januari 2027' }, reason: CONTRACT },
  { id: 'EXP-025w', basis: 'SS 12000 §9', title: { en: 'A deletion made in the source appears in /deletedEntities within the declared delay (EXPORT-DELETED-025 checks deletions between two harvests read-only)', sv: 'Ett borttag i källan syns i /deletedEntities inom angiven fördröjning (EXPORT-DELETED-025 kontrollerar borttag mellan två hämtningar, endast läsning)' }, reason: needs('--allow-writes or a change the customer makes', '--allow-writes eller en ändring som kunden gör') },
  { id: 'EXP-026', basis: 'SS 12000 §8', title: { en: 'A change yields a webhook notice whose fetch-back returns the change (API-SUB-006 checks it in profile write-mode; recovery from a missed notice relies on EXPORT-DELTA-021)', sv: 'En ändring ger en webhook-notis vars återhämtning ger ändringen (API-SUB-006 kontrollerar det i profilen write-mode; återhämtning efter en missad notis vilar på EXPORT-DELTA-021)' }, reason: needs('--allow-writes (a subscription)', '--allow-writes (en prenumeration)') },
  ...[
    ['EXP-029', 'Round trip: the archive served and re-harvested gives identical hashes', 'Tur och retur: arkivet serverat och hämtat igen ger identiska hashar'],
    ['EXP-031', 'Self-service: the full export needs no vendor action (in part EXPORT-ACCESS-001 and EXPORT-WALK-002: every list read to its end with GET and the customer\'s credential)', 'Självbetjäning: hela exporten kräver ingen åtgärd av leverantören (delvis EXPORT-ACCESS-001 och EXPORT-WALK-002: varje lista läst till slutet med GET och kundens behörighet)'],
    ['EXP-033', 'No 200 ever returns a silently truncated page (EXPORT-THROTTLE-033 checks Retry-After)', 'Inget 200 ger någonsin en tyst avkortad sida (EXPORT-THROTTLE-033 kontrollerar Retry-After)'],
  ].map(([id, en, sv]) => ({ id, basis: 'konform export notes §4', title: { en, sv }, reason: LATER })),
]
