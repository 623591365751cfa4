/**
 * The analysis of a summary, once: which rows feed each row, then every
 * row's parameter formula and dimension facts from that one reading. The
 * CLI, "copy as JSON" and the view all start here. Pure: no DOM.
 */
import type { Summary } from '../parse/types';
import { buildDimGraph } from './dims';
import { rowInputs } from './inputs';
import { rowFormulas } from './params';
import type { ParamFormula } from './params/types';
import {
  addExactSizes,
  DimTable,
  rowCalls,
  rowConnections,
  rowDims
} from './rows';
import type { DimFact, LayerFacts, SummaryFacts } from './types';

/** The summary's tables, with each row's facts built when asked for. */
export interface RowAnalysis extends Omit<SummaryFacts, 'layers'> {
  /** Row i's dimensions (new objects at each call). */
  dims(i: number): DimFact[];
  /** Row i's formula (rows with the same formula share one object: read it, do not change it). */
  formula(i: number): ParamFormula | null;
  /** Everything about row i (new objects at each call, but the formula). */
  layer(i: number): LayerFacts;
  /** A new table of the summary's distinct dimension facts, filled as rows are read through it. */
  dimTable(): DimTable;
}

/**
 * The analysis with each row's facts built when asked for: for a caller
 * that writes rows out one at a time and never holds them all (the CLI).
 */
export function analyzeRows(summary: Summary): RowAnalysis {
  const hasConnections = summary.columns.some(c => c.kind === 'connected');
  const inputs = rowInputs(summary.layers, hasConnections);
  const graph = buildDimGraph(summary, inputs);
  const exact = addExactSizes(graph);
  const formula = rowFormulas(summary, inputs);
  const dims = (i: number) => rowDims(graph, exact, i);
  return {
    lineageLabels: graph.lineageLabels,
    sizeGroups: graph.sizes,
    sizes: graph.sizes,
    lineages: graph.lineages,
    sequential: graph.sequential,
    dims,
    formula,
    dimTable: () => new DimTable(graph, exact),
    layer: i => ({
      dims: dims(i),
      inputs: inputs[i].map(x => x.row),
      calls: rowCalls(graph, i),
      connections: rowConnections(
        summary.layers[i],
        inputs[i],
        graph.callOf[i]
      ),
      formula: formula(i)
    })
  };
}

/** Every row's facts (dimensions, connections, formula) and the summary's tables. */
export function analyzeSummary(summary: Summary): SummaryFacts {
  const analysis = analyzeRows(summary);
  const layers = new Array<LayerFacts>(summary.layers.length);
  for (let i = 0; i < layers.length; i++) {
    layers[i] = analysis.layer(i);
  }
  return {
    layers,
    lineageLabels: analysis.lineageLabels,
    sizeGroups: analysis.sizeGroups,
    sizes: analysis.sizes,
    lineages: analysis.lineages,
    sequential: analysis.sequential
  };
}
