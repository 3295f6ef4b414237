import { type AdapterHarness, adapterContract, type ObservedCall } from '../contract.test-support.js';
import { messageIdOf } from './index.js';
import { createMockWorld, type MockWorld } from './mock.test-support.js';

adapterContract('wechaty (wechaty-puppet-mock)', (): AdapterHarness => {
  let world: MockWorld;
  return {
    async open() {
      world = createMockWorld();
      return { connection: world.connection(), platformGroupId: world.room.id };
    },
    async inject(update) {
      await world.loggedIn();
      const member = world.contact(update.user.id, update.user.name);
      if (update.type === 'message') member.say(update.text ?? '').to(world.room);
      // A member brought in by the owner, and later removed by the owner (WeChat reports removals).
      else if (update.type === 'join') world.room.add(member).by(world.contact('wxid_owner', '林老师'));
      else world.room.remove(member).by(world.contact('wxid_owner', '林老师'));
    },
    async calls() {
      return world.calls.map((call): ObservedCall => {
        if (call.method === 'remove') {
          return { kind: 'remove', platformGroupId: call.roomId, platformUserId: call.contactId };
        }
        return { kind: 'send', platformGroupId: call.roomId, text: call.text };
      });
    },
    messageIdOf: (event) => messageIdOf(event.sourceId) ?? '',
    async close() {
      world.mocker.stop();
    },
  };
});
