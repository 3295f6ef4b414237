import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { isQunzhuError } from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
import { type ImportOptions, type ImportProgress, type ImportSummary, importFile } from './import-file.js';

export type ImportJob = {
  id: string;
  communityId: number;
  fileName: string;
  state: 'running' | 'done' | 'failed';
  progress: ImportProgress | null;
  summary: ImportSummary | null;
  /** The first rejected records with their reasons (skip-invalid imports). */
  rejects: { file: string; line: number; reason: string; text: string }[];
  error: { code: string; message: string } | null;
  startedAt: Date;
  finishedAt: Date | null;
};

const KEEP_FINISHED = 200;
const REJECTS_SHOWN = 100;

/** Imports running in this process, so that the console can follow them; finished ones are kept a while. */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(private readonly store: Store) {}

  /** Start importing an uploaded file; the file is deleted when the job ends. */
  start(
    communityId: number,
    fileName: string,
    path: string,
    options: Omit<ImportOptions, 'communityId' | 'onProgress' | 'rejectsPath'>,
  ): { job: ImportJob; finished: Promise<ImportJob> } {
    const job: ImportJob = {
      id: randomUUID(),
      communityId,
      fileName,
      state: 'running',
      progress: null,
      summary: null,
      rejects: [],
      error: null,
      startedAt: new Date(),
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    this.prune();
    const rejectsPath = `${path}.rejected.jsonl`;
    const finished = importFile(this.store, path, {
      ...options,
      communityId,
      rejectsPath,
      onProgress: (p) => {
        job.progress = p;
      },
    })
      .then((summary) => {
        // Reports name the uploaded file, not the temporary copy.
        job.summary = { ...summary, file: fileName, rejectsFile: null };
        if (summary.rejected > 0) {
          job.rejects = readFileSync(rejectsPath, 'utf8')
            .split('\n')
            .filter(Boolean)
            .slice(0, REJECTS_SHOWN)
            .map((line) => ({ ...JSON.parse(line), file: fileName }));
        }
        job.state = 'done';
        return job;
      })
      .catch((error: unknown) => {
        job.state = 'failed';
        const message = error instanceof Error ? error.message.replaceAll(path, fileName) : String(error);
        job.error = { code: isQunzhuError(error) ? error.code : 'internal', message };
        return job;
      })
      .finally(() => {
        job.finishedAt = new Date();
        rmSync(path, { force: true });
        rmSync(rejectsPath, { force: true });
      });
    return { job, finished };
  }

  get(communityId: number, id: string): ImportJob | undefined {
    const job = this.jobs.get(id);
    return job && job.communityId === communityId ? job : undefined;
  }

  list(communityId: number): ImportJob[] {
    return [...this.jobs.values()].filter((j) => j.communityId === communityId).reverse();
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.id);
  }
}
