// The merge's job kinds (run in a pool lane, see pool.ts): one InputReader per worker process, whose state — the
// input last read — carries from a "read" to the "build" that follows.
import type { Job } from '../pool/pool.js';
import { InputReader, type ExtractTask, type ReadTask, type SpoolTask } from './input.js';
import { shellOf } from './pool.js';

const reader = new InputReader();

export const read = (job: Job<ReadTask>) => reader.read(job.options);
export const build = (job: Job<SpoolTask>) => reader.build(job.options);
export const extract = (job: Job<ExtractTask & { template: string }>) => reader.extract(job.options);
export const shell = (job: Job<string>) => shellOf(job.options);
