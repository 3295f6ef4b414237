import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import {
  buildSpamModel,
  classifySpam,
  parseSpamCsv,
  QunzhuError,
  SPAM_TARGET_PRECISION,
  type SpamMetrics,
  type SpamModel,
  serializeSpamModel,
} from '@qunzhu/core';
import { DEFAULT_SPAM_HAM, loadDefaultSpamModel, loadSpamModel } from '@qunzhu/server';
import type { Command } from 'commander';

const readText = async (path: string, what: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new QunzhuError('not_found', `${what} ${path}: no such file`, { cause: error });
    throw error;
  }
};

const fmt = (m: SpamMetrics) =>
  `accuracy ${(m.accuracy * 100).toFixed(2)}% · precision ${m.precision.toFixed(4)} · recall ${m.recall.toFixed(4)} · F1 ${m.f1.toFixed(4)} (tp ${m.tp}, fp ${m.fp}, tn ${m.tn}, fn ${m.fn})`;

/** One verdict as the JSON line `{"spam":bool,"score":n}` (score to six decimals). */
export const verdictLine = (model: SpamModel, text: string): string => {
  const v = classifySpam(model, text);
  return `{"spam":${v.spam},"score":${Math.round(v.score * 1e6) / 1e6}}\n`;
};

const classifyStream = async (model: SpamModel) => {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let buffer = '';
  const flush = async () => {
    if (buffer === '') return;
    const chunk = buffer;
    buffer = '';
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  };
  for await (const line of lines) {
    buffer += verdictLine(model, line);
    if (buffer.length >= 64 * 1024) await flush();
  }
  await flush();
};

export const spamCommand = (program: Command) => {
  const spam = program
    .command('spam')
    .description('the Chinese chat-spam classifier: train a model, classify messages (docs/anti-spam.md)');
  spam
    .command('train')
    .description('train a model from a target,input CSV (1 = spam); prints validation figures and the chosen threshold')
    .requiredOption('--data <csv>', 'labelled messages: target,input — everything after the first comma is text')
    .requiredOption('--out <file>', 'where to write the model (JSON)')
    .option('--holdout <fraction>', 'share kept out of training to measure the model (0 = train on everything)', '0.2')
    .option('--seed <n>', 'seed of the split and the training order', 'qunzhu')
    .option(
      '--target-precision <p>',
      'precision the threshold must reach on cross-validated scores',
      String(SPAM_TARGET_PRECISION),
    )
    .option('--ham <files...>', 'plain-text files of normal messages (one a line) added to training', [
      DEFAULT_SPAM_HAM,
    ])
    .option('--no-ham', 'add no extra normal messages')
    .action(
      async (flags: {
        data: string;
        out: string;
        holdout: string;
        seed: string;
        targetPrecision: string;
        ham: string[] | false;
      }) => {
        const holdout = Number(flags.holdout);
        if (!(holdout >= 0 && holdout < 1))
          throw new QunzhuError('bad_input', `--holdout must be a number in [0, 1), got "${flags.holdout}"`);
        const target = Number(flags.targetPrecision);
        if (!(target > 0 && target <= 1))
          throw new QunzhuError('bad_input', `--target-precision must be in (0, 1], got "${flags.targetPrecision}"`);
        const samples = parseSpamCsv(await readText(flags.data, '--data'), flags.data);
        const extraHam: string[] = [];
        for (const file of flags.ham || []) {
          for (const line of (await readText(file, '--ham')).split(/\r?\n/))
            if (line.trim() !== '') extraHam.push(line);
        }
        const started = performance.now();
        const built = buildSpamModel(samples, { holdout, seed: flags.seed, targetPrecision: target, extraHam });
        built.model.info = { ...built.model.info, trainedAt: new Date().toISOString(), source: basename(flags.data) };
        await writeFile(flags.out, serializeSpamModel(built.model));
        const out = (s: string) => process.stdout.write(`${s}\n`);
        out(
          `训练样本 trained on ${built.trainSamples} messages (${extraHam.length} extra normal), 留出 held out ${built.holdoutSamples}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
        out(`阈值 threshold ${built.threshold.toFixed(4)} (cross-validated precision ≥ ${target})`);
        out(`交叉验证 cross-validation: ${fmt(built.crossValidation)}`);
        if (built.holdout) out(`留出集 held-out: ${fmt(built.holdout)}`);
        out(`模型已写入 model written to ${flags.out}`);
      },
    );
  spam
    .command('classify')
    .description('read one message a line on stdin, write one JSON line each: {"spam":bool,"score":n}')
    .option('--model <file>', 'a model from `qunzhu spam train` (default: the shipped spam-zh model)')
    .action(async (flags: { model?: string }) => {
      const model = flags.model ? await loadSpamModel(flags.model) : await loadDefaultSpamModel();
      await classifyStream(model);
    });
  return spam;
};
