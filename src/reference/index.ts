// The built-in reference SS 12000 server and what it is made of.

export { startReferenceServer, API_BASE, type ReferenceServer, type ReferenceServerOptions } from './server.js'
export { FAULTS, FAULT_IDS, isFaultId, type FaultId } from './faults.js'
export {
  ReferenceStore,
  RESOURCES,
  MORE_RESOURCES,
  LOOKUP_RESOURCES,
  LIST_PARAMS,
  ITEM_PARAMS,
  LOOKUP_PARAMS,
  AGGREGATED_PARAMS,
  DELETED_ENTITIES_PARAMS,
  DELETED_KEYS,
  SPEC_RULES,
  parseDateTime,
  type QueryRules,
  type Resource,
  type Params,
} from './store.js'
export { TokenService, parseFormEncoded } from './token.js'
export {
  generateDataset,
  isValidCivicNo,
  DEFAULT_SEED,
  BASE_DATE,
  type Dataset,
  type GeneratedDataset,
  type Organisation,
  type Person,
  type Duty,
  type Group,
  type Activity,
  type DeletedEntity,
  type ObjectReference,
} from '../../fixtures/generate.js'
