/**
 * The JSON the CLI prints (the contract in the README): each parsed
 * summary with its layers' dimension facts and formulas. Beside the parser,
 * used by the CLI and by "copy as JSON"; imports nothing from the renderer.
 *
 * Contract 2 (the default) says each repeated fact once: a layer lists its
 * dimensions as indexes into the summary's `dims` table and its formula as
 * an index into `formulas`; `lineages`, `sizes` and `meanings` are tables
 * keyed by id. Its size is linear in rows + references (a lineage's
 * consumers are listed once, not in every row that has it). Contract 1,
 * the first shape (`--contract=1`, for one release), writes every fact in
 * every row.
 *
 * `writeReport` writes the JSON a piece at a time: nothing holds every
 * layer's facts or the whole text at once, and the bytes are exactly those
 * of `JSON.stringify({ summaries: summaries.map(reportSummary) }, null, 2)`
 * (without the indentation when compact) and a newline.
 */
import type { DimTable } from './analyze/rows';
import { analyzeRows, RowAnalysis } from './analyze/summary';
import type { ParamFormula } from './analyze/params/types';
import type { DimFact, DimSource } from './analyze/types';
import { JsonWriter } from './json-writer';
import type { Summary } from './parse';

/** The report's shapes: 2, tables keyed by id; 1, every fact in every row. */
export type Contract = 1 | 2;

export const CONTRACT: Contract = 2;

/** Contract 1's dimension, written in every row that has it. */
export interface DimReport {
  tensor: number;
  axis: number;
  role: 'batch' | 'variable';
  meaning: string;
  value: number | null;
  lineage: string;
  label: string;
  origin: string | null;
  consumers: string[];
}

/** Contract 2's entry of the `dims` table. */
export interface DimEntry {
  tensor: number;
  axis: number;
  role: 'batch' | 'variable';
  kind: DimFact['kind'];
  value: number | null;
  /** Key into `meanings`. */
  meaning: string;
  lineage: string;
  size: string;
  source: DimSource | null;
  exact: boolean;
}

/**
 * One summary's report, built layer by layer: each layer's fields, and the
 * tables its dimensions and formula go into (contract 2).
 */
class SummaryReport {
  readonly analysis: RowAnalysis;
  readonly formulas: ParamFormula[] = [];
  private dimTable: DimTable;
  private formulaIds = new Map<ParamFormula, number>();
  private formulaTexts = new Map<string, number>();

  constructor(
    readonly summary: Summary,
    readonly contract: Contract
  ) {
    this.analysis = analyzeRows(summary);
    this.dimTable = this.analysis.dimTable();
  }

  /**
   * The summary's own fields, in order (contract 2 starts with its
   * version and its `source`: `text` (parsed) or `kernel` (the companion's
   * payload, whose producer is named; its other facts are in the same
   * fields as a parsed text's).
   */
  head(): Record<string, unknown> {
    const { layers, kernel, source, ...rest } = this.summary;
    void layers;
    const fields: Record<string, unknown> = { source: source ?? 'text' };
    if (kernel?.producer) {
      fields.producer = kernel.producer;
    }
    if (kernel?.model?.shapes_from) {
      fields.shapesFrom = kernel.model.shapes_from;
    }
    // Contract 1 stays the first shape, as it was.
    return this.contract === 1 ? rest : { version: 2, ...fields, ...rest };
  }

  /** Row i's parsed fields: the kernel's raw facts stay out (its `dims` say them). */
  row(i: number): Record<string, unknown> {
    const { kernel, exactAxes, ...row } = this.summary.layers[i];
    void kernel;
    void exactAxes;
    return row;
  }

  /** Row i's dimensions as the report lists them. */
  private dims(i: number): unknown[] {
    return this.contract === 1
      ? this.analysis.dims(i).map(d => this.dimReport(d))
      : this.dimTable.row(i);
  }

  /** Row i's formula as the report gives it: the object (contract 1) or its index. */
  private formula(i: number): unknown {
    const formula = this.analysis.formula(i);
    return this.contract === 1 || formula === null
      ? formula
      : this.formulaId(formula);
  }

  /** Row i as the report prints it: its parsed fields, then its facts. */
  layer(i: number): Record<string, unknown> {
    const row = this.summary.layers[i];
    const dims = this.dims(i);
    const formula = this.formula(i);
    if (!hasRowKeys(row)) {
      // A kernel summary's rows (and a cut shape's) have more fields.
      return { ...this.row(i), dims, formula };
    }
    // The same object as the spread above, built as a literal: the spread
    // of 100,000 rows costs more than writing them out.
    return {
      name: row.name,
      type: row.type,
      depth: row.depth,
      outputShape: row.outputShape,
      shapeKind: row.shapeKind,
      tensors: row.tensors,
      params: row.params,
      paramsText: row.paramsText,
      unbuilt: row.unbuilt,
      unused: row.unused,
      trainable: row.trainable,
      connectedTo: row.connectedTo,
      cut: row.cut,
      start: row.start,
      end: row.end,
      dims,
      formula
    };
  }

  /** Contract 2's tables, after the layers (which filled `dims`, `formulas` and `meanings`). */
  tables(): Record<string, unknown> {
    const { lineages, sizes } = this.analysis;
    const lineageTable: Record<string, unknown> = {
      batch: {
        label: this.analysis.lineageLabels.batch,
        kind: 'batch',
        origin: null,
        consumers: [],
        fromInput: true
      }
    };
    for (const l of lineages) {
      lineageTable[l.id] = {
        label: l.label,
        kind: l.kind,
        origin: l.origin,
        consumers: l.consumers,
        fromInput: l.fromInput
      };
    }
    const sizeTable: Record<string, unknown> = {};
    for (const [id, s] of Object.entries(sizes)) {
      sizeTable[id] = {
        label: s.label,
        lineage: s.lineage,
        origin: s.origin,
        derived: s.derived,
        exact: s.exact
      };
    }
    const meanings: Record<string, string> = {};
    const dims = this.dimTable.facts.map((d): DimEntry => {
      const value = d.value === '?' ? null : d.value;
      const meaning = d.kind === 'fixedBatch' ? `fixedBatch:${value}` : d.kind;
      meanings[meaning] ??= d.meaning;
      return {
        tensor: d.tensor,
        axis: d.axis,
        role: d.role,
        kind: d.kind,
        value,
        meaning,
        lineage: d.lineage,
        size: d.size ?? d.sizeGroup,
        source: d.source ?? null,
        exact: d.exact ?? false
      };
    });
    return {
      dims,
      formulas: this.formulas,
      lineages: lineageTable,
      sizes: sizeTable,
      meanings
    };
  }

  private dimReport(d: DimFact): DimReport {
    const layers = this.summary.layers;
    return {
      tensor: d.tensor,
      axis: d.axis,
      role: d.role,
      meaning: d.meaning,
      value: d.value === '?' ? null : d.value,
      lineage: d.lineage,
      label: this.analysis.lineageLabels[d.lineage] ?? '',
      origin: d.origin === null ? null : (layers[d.origin]?.name ?? null),
      consumers: d.consumers.map(r => layers[r].name)
    };
  }

  /** Rows share formula objects (see `rowFormulas`); equal formulas of different objects share an entry too. */
  private formulaId(formula: ParamFormula): number {
    let id = this.formulaIds.get(formula);
    if (id === undefined) {
      const text = JSON.stringify(formula);
      id = this.formulaTexts.get(text);
      if (id === undefined) {
        id = this.formulas.length;
        this.formulaTexts.set(text, id);
        this.formulas.push(formula);
      }
      this.formulaIds.set(formula, id);
    }
    return id;
  }
}

/** The fields of a parsed row, in the parser's order. */
const ROW_KEYS = [
  'name',
  'type',
  'depth',
  'outputShape',
  'shapeKind',
  'tensors',
  'params',
  'paramsText',
  'unbuilt',
  'unused',
  'trainable',
  'connectedTo',
  'cut',
  'start',
  'end'
];

/** Whether a row has exactly the parser's fields, in its order (not `tensorKeys` or `exactAxes`). */
function hasRowKeys(row: object): boolean {
  const keys = Object.keys(row);
  if (keys.length !== ROW_KEYS.length) {
    return false;
  }
  for (let k = 0; k < keys.length; k++) {
    if (keys[k] !== ROW_KEYS[k]) {
      return false;
    }
  }
  return true;
}

/** Rows stringified in one call. */
const LAYERS_PER_CALL = 256;

/** One summary as the report prints it: its fields, its layers, then (contract 2) its tables. */
export function reportSummary(
  summary: Summary,
  contract: Contract = CONTRACT
): Record<string, unknown> {
  const report = new SummaryReport(summary, contract);
  const layers = summary.layers.map((_, i) => report.layer(i));
  return contract === 1
    ? { ...report.head(), layers }
    : { ...report.head(), layers, ...report.tables() };
}

/**
 * Write `{"summaries": [...]}` and a newline through `write`, as UTF-8 in
 * pieces of about a megabyte: the bytes of stringifying every
 * `reportSummary`.
 */
export function writeReport(
  summaries: Summary[],
  write: (bytes: Uint8Array) => void,
  options: { compact?: boolean; contract?: Contract } = {}
): void {
  const json = new JsonWriter(write, options.compact ? undefined : 2);
  json.open('{');
  json.open('[', 'summaries');
  for (const summary of summaries) {
    const report = new SummaryReport(summary, options.contract ?? CONTRACT);
    json.open('{');
    for (const [key, value] of Object.entries(report.head())) {
      json.value(value, key);
    }
    json.open('[', 'layers');
    const n = summary.layers.length;
    for (let i = 0; i < n; i += LAYERS_PER_CALL) {
      const batch = [];
      for (let j = i; j < n && j < i + LAYERS_PER_CALL; j++) {
        batch.push(report.layer(j));
      }
      json.elements(batch);
    }
    json.close(']');
    if (report.contract === 2) {
      for (const [key, value] of Object.entries(report.tables())) {
        json.value(value, key);
      }
    }
    json.close('}');
  }
  json.close(']');
  json.close('}');
  json.end();
}
