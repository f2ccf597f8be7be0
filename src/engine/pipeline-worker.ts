/**
 * The worker entry of the default pipeline (`DEFAULT_PIPELINE_SPEC`): the default pipeline, or the
 * default with the user's alias table when the spec's argument carries one (`{ text, where }`).
 */
import { serveAnalyses } from './analysis-worker.js';
import { pipelineFromAliasText } from './load-aliases.js';
import { loadDefaultPipeline } from './pipeline.js';

await serveAnalyses((argument) => (argument ? pipelineFromAliasText(argument as { text: string; where: string }) : loadDefaultPipeline()));
