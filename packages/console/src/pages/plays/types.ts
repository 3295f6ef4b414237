// Shapes of the plays API the Plays page reads (see /api/openapi.json).
import type { GroupPlay, PlayInfo } from '../../api/types.js';

/** A JSON schema as zod writes it for a play's configuration (input side, with defaults). */
export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

export type PlayCatalogItem = PlayInfo & {
  configSchema: JsonSchema;
  sharedSchema: JsonSchema | null;
  sharedDefaults: unknown;
  needs: string[];
};

export type GroupPlays = { items: GroupPlay[]; platform: string; capabilities: Record<string, boolean> | null };

export type TriggeringEvent = {
  eventId: number;
  type: string;
  at: string;
  memberId: number;
  memberName: string;
  text: string | null;
};

export type BacktestResult = {
  play: string;
  eventsReplayed: number;
  actionsByKind: Record<string, number>;
  actionsByReason: Record<string, number>;
  actionCount: number;
  ledgerCount: number;
  failures: number;
  assumedCapabilities: number[];
  sample: {
    kind: string;
    at: string;
    idempotencyKey: string;
    payload: Record<string, unknown>;
    trigger: TriggeringEvent | null;
  }[];
};

export type RuleSetVersion = { version: number; ruleSet: unknown; publishedAt: string; publishedBy: number | null };
