import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSpamCsv, type SpamSample } from './dataset.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** 300 labelled rows cut from spam-zh (150 spam, 150 normal). */
export const fixtureSamples = (): SpamSample[] =>
  parseSpamCsv(readFileSync(fixture('spam-zh-sample.csv'), 'utf8'), 'spam-zh-sample.csv');

/** 150 ordinary English lines from #ubuntu. */
export const fixtureIrcLines = (): string[] =>
  readFileSync(fixture('irc-ubuntu-sample.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
