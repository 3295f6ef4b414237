import type { DeliveryResult, StoredAction } from '@qunzhu/core';

/**
 * The sandbox has no remote side: an action is "delivered" once the outbox marks it sent, and the
 * sandbox transcript shows sent actions beside the events. Unknown kinds are refused like a real
 * platform would refuse them.
 */
export const executeSandboxAction = async (action: StoredAction): Promise<DeliveryResult> => {
  if (action.kind === 'send' && typeof action.payload.text !== 'string') {
    return { ok: false, error: 'send without text' };
  }
  return { ok: true, platformRef: `sandbox-${action.id}` };
};
