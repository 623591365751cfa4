/**
 * What the parts of `src/render` share, and nothing else: types only, no
 * code. Every file of the view may import this one; it imports only types
 * from the parser and the analysis. That keeps the folder free of circles:
 * DOM builders, explainers and controllers meet here, not in each other.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ISignal } from '@lumino/signaling';
import type { DimFact, ParamFormula, SummaryFacts, WhatIf } from '../analyze';
import type { CheckKernel, KernelCheckOutcome } from '../analyze/shapes';
import type { ColumnKind, LayerRow, Summary } from '../parse';

/** Which view of a summary is shown: the interactive table or the original text. */
export type ViewMode = 'table' | 'text';

/** Opens the comparison of `summary` with another; `origin` is the button it was asked from. */
export type CompareHandler = (summary: Summary, origin: HTMLElement) => void;

/**
 * What came of asking for the kernel companion in a notebook: `loaded` (run
 * the summary's cell again for exact facts), `missing` (the kernel's
 * environment has no jupyterlab_keras_summary), `failed` (the cell could not
 * run), `unavailable` (no live Python kernel any more).
 */
export type CompanionOutcome = 'loaded' | 'missing' | 'failed' | 'unavailable';

/**
 * The kernel of the notebook an output belongs to, as far as the view needs
 * it: whether a live Python kernel is attached, loading the companion
 * there ("Exact shapes…" on a text summary) and the kernel itself, for
 * "Check in the kernel" on a kernel summary. Given by the JupyterLab glue
 * (src/companion, which finds the notebook and its kernel); the view only
 * asks and shows.
 */
export interface KernelLink {
  /** Whether a live Python kernel is attached to the output's notebook now. */
  available(): boolean;
  /** Fires when `available()` may have changed. */
  readonly changed: ISignal<unknown, void>;
  /** Add (or find) a first cell `%load_ext jupyterlab_keras_summary` and run it. Never rejects. */
  enable(): Promise<CompanionOutcome>;
  /** The kernel to ask (`check_sizes` through a silent request), or null when none is live. */
  kernel(): CheckKernel | null;
}

/** Where the view's "Exact shapes…" offer is: closed, open, running, or what came of it. */
export type OfferStatus = 'closed' | 'open' | 'running' | CompanionOutcome;

/** When to fill a table in chunks between frames, and how big a chunk is. */
export interface RowChunks {
  /** Tables longer than this many rows are filled in chunks. */
  threshold?: number;
  /** Rows per chunk. */
  size?: number;
}

/** What a `SummaryView` shows and how it starts. */
export interface SummaryViewOptions {
  /** May be a merged summary (heading, table and totals from separate outputs). */
  summary: Summary;
  /** The summary exactly as printed, as plain text (ANSI codes removed), for "Copy original text". */
  originalText: string;
  /** Puts the original output into `host` exactly as JupyterLab would render it. */
  renderOriginal: (host: HTMLElement) => Promise<void> | void;
  trans: TranslationBundle;
  /** Which view to show first; default `'table'`. */
  initialView?: ViewMode;
  /** Chunked filling (defaults: CHUNK_THRESHOLD and CHUNK_SIZE). */
  rowChunks?: RowChunks;
  /** Start with letters (B, T, H, W) instead of None; default false. */
  dimensionLetters?: boolean;
  /** Opens the comparison of this summary with another ("Compare with…"); none: no button. */
  compare?: CompareHandler | null;
  /**
   * The output's kernel: "Exact shapes…" on a text summary, "Check in the
   * kernel" on a kernel summary; none: neither.
   */
  kernel?: KernelLink | null;
}

/** The kinds of control a table cell can hold (a button that opens an explanation). */
export type ControlKind =
  /** A `None`, or a fixed batch size. */
  | 'dim'
  /** Keras 3's `?` (the model is not built). */
  | 'unknownShape'
  /** tf.keras' `multiple`. */
  | 'multiple'
  /** `0 (unbuilt)`. */
  | 'unbuilt'
  /** A `Connected to` reference; `tensor` holds its index in the cell. */
  | 'ref'
  /** A row's Param #: how the count is computed. */
  | 'params';

/** One control: its kind and where it sits. */
export interface ControlRef {
  kind: ControlKind;
  row: number;
  /**
   * Output tensor and axis, for `dim` and `unknownShape`; for `ref`, the
   * reference's index in `connectedTo` and 0; 0 otherwise.
   */
  tensor: number;
  axis: number;
}

/** The explanation of one control. */
export interface Explanation {
  /** Starts the text: `Batch dimension`, `Variable-length dimension`, … */
  title: string;
  /** Each fragment becomes a paragraph; an element (a list) goes in as it is. */
  paragraphs: (DocumentFragment | HTMLElement)[];
}

/**
 * What a button or field of the view does. Kept in the view's action map
 * (element → action), never written into the DOM and read back.
 */
export type Action =
  | {
      kind: 'explain';
      ref: ControlRef;
      /** The dimension's lineage for `dim` controls ('' otherwise): the same dimension in other rows. */
      lineage: string;
      /** The text Keras printed (letters and what-if sizes replace it for a while). */
      printed: string;
    }
  | { kind: 'close' }
  | { kind: 'goto'; row: number }
  | { kind: 'disclose'; row: number }
  | { kind: 'toggleView' }
  | { kind: 'copy' }
  | { kind: 'letters' }
  | { kind: 'whatIf' }
  | { kind: 'size'; group: string }
  | { kind: 'dtype' }
  | { kind: 'filter' }
  | { kind: 'sort' }
  | { kind: 'compare' }
  /** "Exact shapes…": open or close the offer. */
  | { kind: 'offer' }
  /** The offer's "Add and run %load_ext". */
  | { kind: 'loadCompanion' }
  /** The what-if's "Check in the kernel". */
  | { kind: 'checkKernel' };

/** Where builders register the buttons and fields they make. */
export interface Actions {
  bind(node: HTMLElement, action: Action): void;
}

/** Where a row sits among the nested rows. */
export interface RowNode {
  /** Index of the enclosing row (depth - 1), or -1 at the top. */
  parent: number;
  /** Whether nested rows follow (the row gets a disclosure button). */
  hasChildren: boolean;
  /** Index of the last row nested under this one (itself when none). */
  last: number;
  /** Identifies the row across updates: the names from the top down. */
  key: string;
}

/** One entry of the letters' legend: a size shown in the table. */
export interface LetterEntry {
  lineage: string;
  /** The size it names (`DimFact.size`): letters follow sizes, `T` then `T′`. */
  size: string;
  letter: string;
  kind: DimFact['kind'];
  /** Where the size starts (row index), or null for the batch. */
  origin: number | null;
}

/**
 * What the view knows about a summary's rows, worked out once per table
 * (the heading and the totals do not change it).
 */
export interface SummaryAnalysis {
  /** The dimensions' roles and lineage, or null when the analysis failed. */
  facts: SummaryFacts | null;
  /** Each row's parameter formula, or null. */
  formulas: ReadonlyArray<ParamFormula | null>;
  tree: RowNode[];
  /** Whether any row has nested rows (names then leave room for a disclosure). */
  nested: boolean;
  /** The dimensions letters name, in letter order. */
  letters: LetterEntry[];
}

/** What the dimension tools change in the table; builders read it. */
export interface DimensionsShown {
  /** Show letters instead of `None`. */
  letters: boolean;
  /** The what-if result while the what-if is open, else null. */
  whatIf: WhatIf | null;
  /** Short names of the what-if's size groups: `T1`, and `H′` for a size a layer may change. */
  groupLabels: Readonly<Record<string, string>>;
  /** What the kernel said of the sizes typed ("Check in the kernel"), while the what-if is open. */
  check?: KernelCheckOutcome | null;
}

/** "Check in the kernel": whether it can be asked (a live kernel, a model token), running, its outcome. */
export interface KernelCheckState {
  available: boolean;
  running: boolean;
  /** For the sizes typed now; null once they change. */
  outcome: KernelCheckOutcome | null;
}

/** What an explainer (and every builder of table content) reads. */
export interface ExplainContext {
  summary: Summary;
  analysis: SummaryAnalysis;
  trans: TranslationBundle;
  dims: DimensionsShown;
  /** Registers links (`goto`) and controls. */
  actions: Actions;
}

/** Makes the explanation of one kind of control. Never throws for rows or axes it does not know. */
export type Explainer = (ctx: ExplainContext, ref: ControlRef) => Explanation;

/** Strings used in every row, translated once per table. */
export interface RowWords {
  cut: string;
  cutAdvice: string;
  batch: string;
  fixedBatch: string;
  /** A subclassed model's first-call batch (shown where a fixed batch would be). */
  firstCallBatch: string;
  variable: string;
  unknownShape: string;
  multiple: string;
  unbuilt: string;
  trainable: string;
  frozen: string;
  nested: string;
  ref: string;
  params: string;
}

/** What building a row needs. */
export interface RowContext extends ExplainContext {
  columns: TableColumn[];
  words: RowWords;
  /** Keys (`RowNode.key`) of the collapsed rows. */
  collapsed: ReadonlySet<string>;
}

/** One column of the table. */
export interface TableColumn {
  /** `memory`: the what-if's activation memory. */
  kind: ColumnKind | 'type' | 'memory';
  title: string;
  /** Builds the cell of row `index`. */
  cell: (ctx: RowContext, layer: LayerRow, index: number) => HTMLElement;
}

export type SortOrder = 'keras' | 'paramsDesc' | 'paramsAsc';

/** Which rows show, in which order (filter and sort). */
export interface Arrangement {
  /** Indexes of the rows to show, in the order to show them. */
  order: number[];
  /** Whether each row shows. */
  shown: boolean[];
  /** Rows that show / rows in all. */
  count: number;
  total: number;
  /** Filtered or sorted: rows are listed flat, with their enclosing models' names. */
  flat: boolean;
  /** The query as used (trimmed); empty when not filtering. */
  query: string;
}

/**
 * Where the table's one tab stop is (the ARIA grid's focus): a row (-1: the
 * header row), a column, and which stop of that cell (a cell with several
 * controls has one stop per control; one without any is a stop itself).
 */
export interface GridCursor {
  row: number;
  col: number;
  stop: number;
}

/** What changed in a view's state (`ViewState.changed`). */
export type StateChange =
  /** A new summary; `rows` is false when only its heading or totals changed. */
  | { kind: 'summary'; rows: boolean }
  | { kind: 'mode' }
  | { kind: 'collapsed'; row: number }
  /** The open explanation; `focus`: move focus into it (or back to its control when closed). */
  | { kind: 'open'; previous: ControlRef | null; focus: boolean }
  | { kind: 'letters' }
  | { kind: 'whatIf' }
  /** A what-if size or the dtype. */
  | { kind: 'sizes' }
  | { kind: 'arrangement'; previous: Arrangement }
  /** The "Exact shapes…" offer opened, closed, ran or became (un)available. */
  | { kind: 'offer' }
  /** "Check in the kernel" became (un)available, ran, or said something. */
  | { kind: 'check' }
  /** The grid's tab stop moved; `focus`: focus goes with it. */
  | { kind: 'cursor'; focus: boolean };
