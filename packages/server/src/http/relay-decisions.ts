import { decideRelay, type RelayDecision } from '@llm-control-plane/core';

/** Most remembered paths; a full map starts over rather than growing (paths that name keys are endless). */
const REMEMBERED_PATHS = 1024;
/** Longer paths are decided every time: remembering them could hold megabytes of request targets. */
const REMEMBERED_PATH_LENGTH = 256;

/** The route policy's decision for a raw relayed path. */
export type RelayDecisions = (rawPath: string) => RelayDecision;

/**
 * `decideRelay`, remembered per raw path. The policy is a pure function of the path, and callers relay the
 * same few paths (`/key/list`, `/team/list`, ...) again and again; classifying a path reads it in every
 * spelling, which is among the larger costs of a relayed call.
 */
export function createRelayDecisions(): RelayDecisions {
  const decisions = new Map<string, RelayDecision>();
  return (rawPath) => {
    const remembered = decisions.get(rawPath);
    if (remembered !== undefined) return remembered;
    const decision = decideRelay(rawPath);
    if (rawPath.length <= REMEMBERED_PATH_LENGTH) {
      if (decisions.size >= REMEMBERED_PATHS) decisions.clear();
      decisions.set(rawPath, decision);
    }
    return decision;
  };
}
