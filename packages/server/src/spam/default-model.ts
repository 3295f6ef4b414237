import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseSpamModel, QunzhuError, type SpamModel } from '@qunzhu/core';

/** The shipped Chinese chat-spam model (trained on spam-zh, see models/spam-zh/SOURCE.md). */
export const DEFAULT_SPAM_MODEL = fileURLToPath(new URL('../../models/spam-zh/model.json', import.meta.url));
/** English IRC chat added to training as normal messages, so ordinary English chat is not flagged. */
export const DEFAULT_SPAM_HAM = fileURLToPath(new URL('../../models/spam-zh/ham-irc.txt', import.meta.url));

/** Read and check a spam model file. */
export const loadSpamModel = async (path: string): Promise<SpamModel> => {
  let json: string;
  try {
    json = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new QunzhuError('not_found', `${path}: no such spam model file`, { cause: error });
    throw error;
  }
  return parseSpamModel(json, path);
};

/** A fresh copy of the shipped model each call: callers may `learnSpam` on theirs. */
export const loadDefaultSpamModel = (): Promise<SpamModel> => loadSpamModel(DEFAULT_SPAM_MODEL);
