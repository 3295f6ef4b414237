import { log, type Wechaty, WechatyBuilder } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { createWechatyConnection, type WechatyConnection, type WechatyConnectionOptions } from './index.js';

// Wechaty and the mock log to the console at "info"; tests read results, not logs.
log.level('silent');

/** What the mock puppet was asked to do, oldest first. */
export type MockCall =
  | { method: 'say'; roomId: string; text: string; mentionIds: string[] }
  | { method: 'remove'; roomId: string; contactId: string }
  | { method: 'announce'; roomId: string; text: string };

type Contact = mock.ContactMock;
type Room = mock.RoomMock;

/** One WeChat "world" on wechaty-puppet-mock: the account, one group with members, a recorder of calls. */
export type MockWorld = {
  readonly mocker: mock.Mocker;
  readonly puppet: PuppetMock;
  readonly wechaty: Wechaty;
  /** The account the connection logs in as (the group's owner). */
  readonly self: Contact;
  readonly room: Room;
  readonly calls: MockCall[];
  /** The contact with this id, created with `name` the first time. */
  contact(id: string, name: string): Contact;
  connection(options?: Partial<WechatyConnectionOptions>): WechatyConnection;
  /** Wait (briefly) until Wechaty has handled the login; after a stop it gives up quietly. */
  loggedIn(timeoutMs?: number): Promise<boolean>;
};

/**
 * The mock accepts roomDel and roomAnnounce without doing anything and turns a sent text into the
 * account "saying" it; wrapping its methods records what the adapter asked for, as a platform would.
 */
const record = (puppet: PuppetMock, calls: MockCall[]) => {
  const p = puppet as any;
  const send = p.messageSendText.bind(puppet);
  p.messageSendText = async (conversationId: string, text: string, mentionIds: string[] = []) => {
    calls.push({ method: 'say', roomId: conversationId, text, mentionIds: [...mentionIds] });
    return send(conversationId, text);
  };
  const del = p.roomDel.bind(puppet);
  p.roomDel = async (roomId: string, contactId: string) => {
    calls.push({ method: 'remove', roomId, contactId });
    return del(roomId, contactId);
  };
  const announce = p.roomAnnounce.bind(puppet);
  p.roomAnnounce = async (roomId: string, text?: string) => {
    if (text !== undefined) calls.push({ method: 'announce', roomId, text });
    return announce(roomId, text);
  };
};

export const createMockWorld = (options: { login?: boolean; topic?: string } = {}): MockWorld => {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const calls: MockCall[] = [];
  record(puppet, calls);
  const wechaty = WechatyBuilder.build({ puppet });
  const self = mocker.createContact({ id: 'wxid_qunzhu_bot', name: '群主助手' });
  const owner = mocker.createContact({ id: 'wxid_owner', name: '林老师' });
  const room = mocker.createRoom({
    id: 'reading-club@chatroom',
    topic: options.topic ?? '读书会 · 3 群',
    memberIdList: [self.id, owner.id],
    ownerId: self.id,
  });
  if (options.login ?? true) {
    // Runs once the puppet is started, as a restored session would log in.
    mocker.use((m) => {
      m.login(self);
      return () => {};
    });
  }
  const contacts = new Map<string, Contact>([
    [self.id, self],
    [owner.id, owner],
  ]);
  return {
    mocker,
    puppet,
    wechaty,
    self,
    room,
    calls,
    contact(id, name) {
      const known = contacts.get(id);
      if (known) return known;
      const created = mocker.createContact({ id, name });
      contacts.set(id, created);
      return created;
    },
    connection: (extra = {}) =>
      createWechatyConnection({ puppet: 'wechaty-puppet-mock', wechaty, limits: { quietAfterLoginMs: 0 }, ...extra }),
    async loggedIn(timeoutMs = 1000) {
      const start = Date.now();
      while (!wechaty.isLoggedIn) {
        if (Date.now() - start > timeoutMs) return false;
        await new Promise((r) => setTimeout(r, 10));
      }
      return true;
    },
  };
};
