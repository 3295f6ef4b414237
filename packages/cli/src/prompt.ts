import { createInterface } from 'node:readline';
import { QunzhuError } from '@qunzhu/core';

/** A secret from the flag, else the terminal (not echoed), else the first line of stdin. */
export const readSecret = async (given: string | undefined, question: string): Promise<string> => {
  if (given) return given;
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    throw new QunzhuError('bad_input', 'no password given: use --password, or pipe it on stdin');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  let asked = false;
  output._writeToOutput = (s: string) => {
    if (!asked) {
      process.stdout.write(s);
      asked = true;
    }
  };
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
};
