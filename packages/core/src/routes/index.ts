export {
  isLlmPath,
  isManagementPath,
  MANAGEMENT_ROUTE_PREFIXES,
  type NormalisedRoutePath,
  normaliseRoutePath,
} from './classify.js';
