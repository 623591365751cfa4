/** The parser's public surface. Pure: no DOM, no JupyterLab. */
export * from './types';
export { parseText, parseParts, withChecks } from './parse';
export type { HandedText, ParseOptions } from './parse';
export { canContinue, mergeSummaries } from './group';
export { joinStreams, placeInRun, spanInRun, summariesAcross } from './streams';
export type { JoinedStream, StreamItem, StreamSummarySpan } from './streams';
export { normalize, looksLikeHtml } from './normalize';
export type { InputKind } from './normalize';
export { parseShape } from './shape';
export { referencedLayer, CUT_MARK } from './cells';
export {
  parseNotebook,
  parseNotebookJson,
  outputText,
  readText,
  NotebookError
} from './notebook';
export type { NotebookOptions, NotebookSummary, OutputPlace } from './notebook';
export { readPayload, payloadVersion } from './payload';
export type { PayloadReading } from './payload';
export * from './payload-types';
