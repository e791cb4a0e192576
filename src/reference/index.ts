// The built-in reference SS 12000 server and what it is made of.

export { startReferenceServer, API_BASE, type ReferenceServer, type ReferenceServerOptions } from './server.js'
export { FAULTS, FAULT_IDS, isFaultId, type FaultId } from './faults.js'
export { ReferenceStore, LIST_PARAMS, ITEM_PARAMS, SPEC_RULES, parseDateTime, type QueryRules, type Resource, type Params } from './store.js'
export { TokenService, parseFormEncoded } from './token.js'
export {
  generateDataset,
  isValidCivicNo,
  DEFAULT_SEED,
  BASE_DATE,
  type Dataset,
  type Organisation,
  type Person,
  type ObjectReference,
} from '../../fixtures/generate.js'
