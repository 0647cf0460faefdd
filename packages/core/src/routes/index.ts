export {
  LITELLM_ROUTE_ROWS,
  type LiteLlmRouteSource,
  type RouteRow,
  type RouteVerdict,
} from './litellm-routes.js';
export {
  CONTROL_CHARACTERS,
  decodeRepeatedly,
  type NormalisedRoutePath,
  normaliseRoutePath,
  routePathReadings,
  type UnsafeSegment,
  unsafeEncodedSegment,
  unsafeSegment,
} from './path-safety.js';
export {
  classifyRoute,
  decideRelay,
  isLlmPath,
  isManagementPath,
  type RelayDecision,
  type RelayRefusalCode,
  type RouteClassification,
} from './policy.js';
