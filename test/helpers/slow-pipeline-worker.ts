// The worker entry of `slowPipeline` (see slow-pipeline.ts).
import { serveAnalyses } from '../../src/engine/analysis-worker.js';
import { slowPipeline } from './slow-pipeline.js';

await serveAnalyses((argument) => slowPipeline(argument as { hangOn: string }));
