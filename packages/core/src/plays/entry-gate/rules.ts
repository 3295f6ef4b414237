import type { EventPayload } from '../../events/index.js';
import type { EntryGateConfig } from './config.js';

export type JoinRequestFacts = { answers: string; username: string | null; blocklisted: boolean };
export type GateDecision = { decision: 'approve' | 'decline' | 'queue'; reason: string };

const normal = (s: string): string => s.normalize('NFKC').toLowerCase();

/** What a join request carries: its answers (text, or `extra.answers`) and the applicant's username. */
export const requestFacts = (payload: EventPayload, blocklisted: boolean): JoinRequestFacts => {
  const extra = payload.extra ?? {};
  const answers = Array.isArray(extra.answers)
    ? extra.answers.filter((a): a is string => typeof a === 'string')
    : typeof extra.answers === 'string'
      ? [extra.answers]
      : [];
  const username = typeof extra.username === 'string' && extra.username.trim() !== '' ? extra.username : null;
  return { answers: [payload.text ?? '', ...answers].join('\n').trim(), username, blocklisted };
};

/** The gate's rules, in order: blocklist, then every auto-approve rule; what fails waits or is declined. */
export const judgeRequest = (config: EntryGateConfig, facts: JoinRequestFacts): GateDecision => {
  if (facts.blocklisted && config.declineBlocklisted) return { decision: 'decline', reason: 'blocklisted' };
  const rules = config.autoApprove;
  const fail = (reason: string): GateDecision => ({
    decision: config.otherwise === 'decline' && rules.enabled ? 'decline' : 'queue',
    reason,
  });
  if (!rules.enabled) return { decision: 'queue', reason: 'manual' };
  if (rules.requireUsername && facts.username === null) return fail('no_username');
  if (rules.answerKeywords.length > 0) {
    const answers = normal(facts.answers);
    if (!rules.answerKeywords.some((k) => answers.includes(normal(k)))) return fail('no_keyword');
  }
  return { decision: 'approve', reason: 'rules' };
};
