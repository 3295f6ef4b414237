import { QunzhuError } from '@qunzhu/core';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import { clean } from '../../shared/source.js';
import type { ExportTree } from './tree.js';

/** A conversation as the day-file folders name it. */
export type Conversation = { id: string; name: string };

/** What the top files of an export say about people and conversations. */
export type Directory = {
  /** User id → the name people see. */
  names: Map<string, string>;
  /** Folder name → conversation. */
  conversations: Map<string, Conversation>;
};

type Item = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? clean(value) : undefined;

/** The name Slack shows: display name, else real name, else the handle. */
export const shownName = (user: Item): string | undefined => {
  const profile = (typeof user.profile === 'object' && user.profile !== null ? user.profile : {}) as Item;
  return text(profile.display_name) ?? text(profile.real_name) ?? text(user.real_name) ?? text(user.name);
};

/** The objects of a top-level JSON array, one at a time, so a workspace of 100k users stays small in memory. */
async function* objects(tree: ExportTree, file: string): AsyncGenerator<Item> {
  const input = await tree.open(file);
  const items = input.pipe(StreamArray.withParser());
  let unreadable = false;
  input.on('error', (error) => {
    unreadable = true;
    items.destroy(error);
  });
  try {
    for await (const { value } of items as AsyncIterable<{ value: unknown }>) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) yield value as Item;
    }
  } catch (error) {
    if (error instanceof QunzhuError) throw error;
    const what = unreadable ? 'cannot be read' : 'not the JSON array Slack writes';
    throw new QunzhuError(
      'bad_input',
      `${tree.describe(file)}: ${what} (${(error as Error).message}); the export is damaged or cut short, export it again`,
      { cause: error },
    );
  }
}

/** Read users.json and channels.json (and groups/mpims/dms.json when present). */
export const readDirectory = async (tree: ExportTree): Promise<Directory> => {
  const names = new Map<string, string>();
  for await (const user of objects(tree, 'users.json')) {
    const id = text(user.id);
    const name = shownName(user);
    if (id && name) names.set(id, name);
  }
  const conversations = new Map<string, Conversation>();
  const present = new Set(tree.files);
  // Public channels, private channels, group DMs: the folder is named by the conversation's name.
  for (const file of ['channels.json', 'groups.json', 'mpims.json']) {
    if (!present.has(file)) continue;
    for await (const c of objects(tree, file)) {
      const id = text(c.id);
      const name = text(c.name);
      if (id && name && !conversations.has(name)) conversations.set(name, { id, name });
    }
  }
  // Direct messages: the folder is named by the DM's id, and the DM has no name of its own.
  if (present.has('dms.json')) {
    for await (const dm of objects(tree, 'dms.json')) {
      const id = text(dm.id);
      if (!id || conversations.has(id)) continue;
      const people = Array.isArray(dm.members) ? dm.members.filter((m): m is string => typeof m === 'string') : [];
      const name = people.map((p) => names.get(p) ?? p).join(', ');
      conversations.set(id, { id, name: name ? `DM: ${name}` : id });
    }
  }
  return { names, conversations };
};
