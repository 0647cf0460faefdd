export { loadFleetFile, parseFleetFile } from './parse.js';
export {
  FLEET_RESOURCES,
  type FleetFile,
  FleetFileSchema,
  type FleetSelector,
  type FleetTarget,
  fleetFileJsonSchema,
} from './schema.js';
