import { z } from 'zod';
import { QunzhuError } from '../errors.js';
import type { SpamMetrics, SpamModel, SpamModelInfo } from './model.js';

export const SPAM_MODEL_FORMAT = 'qunzhu-spam-model';
export const SPAM_MODEL_VERSION = 1;

const metricsSchema = z.object({
  accuracy: z.number(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  tp: z.number().int(),
  fp: z.number().int(),
  tn: z.number().int(),
  fn: z.number().int(),
});

const infoSchema = z
  .object({
    trainedAt: z.string().optional(),
    samples: z.number().int().nonnegative().optional(),
    source: z.string().optional(),
    validation: metricsSchema.optional(),
    learned: z.number().int().nonnegative().optional(),
  })
  .strip();

const fileSchema = z.object({
  format: z.literal(SPAM_MODEL_FORMAT),
  version: z.number().int(),
  features: z.object({ bits: z.number().int().min(10).max(24), maxNgram: z.number().int().min(1).max(5) }),
  threshold: z.number().min(0).max(1),
  bias: z.number(),
  /** int8 weight = round(weight / scale). */
  scale: z.number().positive(),
  weights: z.string(),
  info: infoSchema.default({}),
});

/** The model as versioned JSON: weights quantised to int8 with one scale, base64. */
export const serializeSpamModel = (model: SpamModel): string => {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max === 0 ? 1 : max / 127;
  const q = new Int8Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round((model.weights[i] as number) / scale);
  return JSON.stringify({
    format: SPAM_MODEL_FORMAT,
    version: SPAM_MODEL_VERSION,
    features: model.features,
    threshold: model.threshold,
    bias: model.bias,
    scale,
    info: model.info,
    weights: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
  });
};

const bad = (source: string, why: string, cause?: unknown) =>
  new QunzhuError('bad_input', `${source}: not a usable spam model: ${why}`, cause === undefined ? {} : { cause });

/** Parse and check a serialised model; a corrupt or other-version file is a clear `bad_input`. */
export const parseSpamModel = (json: string, source = 'spam model'): SpamModel => {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw bad(source, `not JSON (${(error as Error).message})`, error);
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof raw === 'object' && raw !== null && (raw as { format?: unknown }).format === SPAM_MODEL_FORMAT) {
    if (version !== SPAM_MODEL_VERSION)
      throw bad(source, `format version ${String(version)}, this Qunzhu reads version ${SPAM_MODEL_VERSION}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(source, `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`, parsed.error);
  }
  const file = parsed.data;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.weights)) throw bad(source, 'weights: not base64');
  const bytes = Buffer.from(file.weights, 'base64');
  const size = 1 << file.features.bits;
  if (bytes.length !== size)
    throw bad(source, `weights: ${bytes.length} bytes, expected ${size} (2^${file.features.bits})`);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i++) weights[i] = (q[i] as number) * file.scale;
  const info: SpamModelInfo = {};
  if (file.info.trainedAt !== undefined) info.trainedAt = file.info.trainedAt;
  if (file.info.samples !== undefined) info.samples = file.info.samples;
  if (file.info.source !== undefined) info.source = file.info.source;
  if (file.info.validation !== undefined) info.validation = file.info.validation as SpamMetrics;
  if (file.info.learned !== undefined) info.learned = file.info.learned;
  return { features: file.features, bias: file.bias, weights, threshold: file.threshold, info };
};
