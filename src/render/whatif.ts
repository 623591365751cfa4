/**
 * The what-if panel: a number field per open dimension ("Batch size (B)",
 * "T: timesteps of a sequence", and one per size a layer may change), a
 * dtype, and what the sizes give: the activation memory of every layer (a
 * column of the table), its total, and the weights' memory beside it.
 *
 * Plain functions from data to DOM; the numbers come from
 * `src/analyze/whatif.ts`, the state lives in `teaching.ts`.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { SummaryFacts } from '../analyze/types';
import {
  DTYPE_NAMES,
  DTYPES,
  DtypeName,
  MAX_SIZE,
  readableBytes,
  WhatIf
} from '../analyze/whatif';
import type { Summary } from '../parse/types';
import { fill, h, slot } from './dom';
import type { ExplainContext } from './explain';
import { formatCount } from '../analyze/format';
import type { LetterEntry } from './letters';
import { rowLink } from './connections';
import { dimensionName } from './strings';
import type { RowContext, TableColumn } from './table';

const PRIMES = ['′', '″', '‴'];

/** An empty field leaves the dimension as Keras printed it: Python's `None`, not a word to translate. */
const PYTHON_NONE = 'None';

/** `′`, `″`, `‴`, then `′4`: the sizes layers derive from a dimension. */
function primes(k: number): string {
  return PRIMES[k - 1] ?? `′${k}`;
}

/**
 * Short names of the size groups: `B`, the dimension's letter for its own
 * size, and primes for the sizes layers derive from it (`H′` after the first
 * convolution, `H″` after the next).
 */
export function groupLabels(
  facts: SummaryFacts,
  groups: string[]
): Record<string, string> {
  const labels: Record<string, string> = {};
  const derived = new Map<string, number>();
  for (const group of groups) {
    if (group === 'batch') {
      labels[group] = 'B';
      continue;
    }
    const info = facts.sizeGroups[group];
    const letter = facts.lineageLabels[info?.lineage ?? ''] ?? '?';
    if (!info?.derived) {
      labels[group] = letter;
      continue;
    }
    const k = (derived.get(info.lineage) ?? 0) + 1;
    derived.set(info.lineage, k);
    labels[group] = `${letter}${primes(k)}`;
  }
  return labels;
}

/** One field of the panel. */
export interface SizeField {
  group: string;
  label: string;
  derived: boolean;
}

/** The panel's fields: the batch, each dimension, then each derived size after its dimension. */
export function sizeFields(
  ctx: ExplainContext,
  groups: string[],
  labels: Record<string, string>,
  entries: LetterEntry[]
): SizeField[] {
  const { trans, summary } = ctx;
  const facts = ctx.facts;
  const kindOf = new Map(entries.map(e => [e.lineage, e]));
  return groups.map(group => {
    if (group === 'batch') {
      return {
        group,
        label: trans.__('Batch size (B)'),
        derived: false
      };
    }
    const info = facts?.sizeGroups[group];
    const entry = kindOf.get(info?.lineage ?? '');
    const name = dimensionName(trans, entry?.kind ?? 'other');
    const at = info?.origin ?? null;
    const layer = at === null ? undefined : summary.layers[at];
    if (info?.derived && layer) {
      return {
        group,
        label: trans.__(
          '%1: %2 after %3 (%4)',
          labels[group],
          name,
          layer.name,
          layer.type
        ),
        derived: true
      };
    }
    // Numbered letters (T1, T2) say where each one enters.
    const numbered = /\d/.test(labels[group] ?? '');
    return {
      group,
      label:
        numbered && layer
          ? trans.__('%1: %2 (from %3)', labels[group], name, layer.name)
          : trans.__('%1: %2', labels[group], name),
      derived: false
    };
  });
}

let nextId = 0;

/** The panel, with a field per size and the dtype; the results are filled by `fillResults`. */
export function buildWhatIfPanel(
  ctx: ExplainContext,
  fields: SizeField[],
  values: Record<string, string>,
  dtype: DtypeName,
  fixedBatch: number | null
): { node: HTMLElement; results: HTMLElement } {
  const { trans } = ctx;
  const id = `jp-KerasSummary-whatif-${++nextId}`;
  const panel = h('section', 'jp-KerasSummary-whatif');
  panel.id = id;
  panel.setAttribute('aria-label', trans.__('What if'));
  panel.appendChild(
    h(
      'p',
      'jp-KerasSummary-whatifIntro',
      trans.__(
        'Give the open dimensions sizes: every shape shows numbers, and each layer the memory of its output (its activations). An empty field keeps None.'
      )
    )
  );
  const own = fields.filter(f => !f.derived);
  const derived = fields.filter(f => f.derived);
  const list = h('div', 'jp-KerasSummary-whatifFields');
  for (const field of own) {
    list.appendChild(sizeInput(trans, id, field, values[field.group] ?? ''));
  }
  list.appendChild(dtypeSelect(trans, id, dtype));
  panel.appendChild(list);
  if (fixedBatch !== null) {
    panel.appendChild(
      h(
        'p',
        'jp-KerasSummary-whatifNote',
        trans.__(
          'The model fixes the batch size at %1.',
          formatCount(fixedBatch)
        )
      )
    );
  }
  if (derived.length > 0) {
    panel.appendChild(
      h(
        'p',
        'jp-KerasSummary-whatifNote',
        trans.__(
          'Convolutions, poolings, padding and other layers may change a size: their kernel, strides and padding decide it, and the summary does not print them. Each such size has a field of its own.'
        )
      )
    );
    const more = h('div', 'jp-KerasSummary-whatifFields');
    for (const field of derived) {
      more.appendChild(sizeInput(trans, id, field, values[field.group] ?? ''));
    }
    panel.appendChild(more);
  }
  if (fields.length === 0) {
    panel.appendChild(
      h(
        'p',
        'jp-KerasSummary-whatifNote',
        trans.__('Every dimension of this model has a fixed size.')
      )
    );
  }
  const results = h('div', 'jp-KerasSummary-whatifResults');
  results.setAttribute('role', 'status');
  results.setAttribute('aria-live', 'polite');
  panel.appendChild(results);
  return { node: panel, results };
}

function sizeInput(
  trans: TranslationBundle,
  panelId: string,
  field: SizeField,
  value: string
): HTMLElement {
  const wrap = h('div', 'jp-KerasSummary-whatifField');
  const inputId = `${panelId}-${field.group.replace(/[^\w-]/g, '_')}`;
  const label = h('label', 'jp-KerasSummary-whatifLabel', field.label);
  label.htmlFor = inputId;
  const input = h('input', 'jp-KerasSummary-whatifInput');
  input.id = inputId;
  input.type = 'number';
  input.min = '1';
  input.max = String(MAX_SIZE);
  input.step = '1';
  input.inputMode = 'numeric';
  input.autocomplete = 'off';
  input.placeholder = PYTHON_NONE;
  input.value = value;
  input.setAttribute('data-size-group', field.group);
  const error = h(
    'span',
    'jp-KerasSummary-whatifError',
    trans.__('Enter a whole number from 1 to %1.', formatCount(MAX_SIZE))
  );
  error.id = `${inputId}-error`;
  error.hidden = true;
  input.setAttribute('aria-describedby', error.id);
  wrap.appendChild(label);
  wrap.appendChild(input);
  wrap.appendChild(error);
  return wrap;
}

function dtypeSelect(
  trans: TranslationBundle,
  panelId: string,
  dtype: DtypeName
): HTMLElement {
  const wrap = h('div', 'jp-KerasSummary-whatifField');
  const selectId = `${panelId}-dtype`;
  const label = h('label', 'jp-KerasSummary-whatifLabel', trans.__('dtype'));
  label.htmlFor = selectId;
  const select = h('select', 'jp-KerasSummary-whatifDtype');
  select.id = selectId;
  select.setAttribute('data-action', 'dtype');
  for (const name of DTYPE_NAMES) {
    const option = h(
      'option',
      undefined,
      trans._n('%2 (%1 byte)', '%2 (%1 bytes)', DTYPES[name], name)
    );
    option.value = name;
    option.selected = name === dtype;
    select.appendChild(option);
  }
  wrap.appendChild(label);
  wrap.appendChild(select);
  return wrap;
}

/** `T1, H′`: the names of the sizes rows still wait for. */
function neededNames(
  result: WhatIf,
  labels: Record<string, string>,
  counted: boolean
): string {
  const names: string[] = [];
  for (const row of result.rows) {
    if (counted && !row.counted) {
      continue;
    }
    for (const group of row.needs) {
      const name = labels[group] ?? group;
      if (!names.includes(name)) {
        names.push(name);
      }
    }
  }
  return names.join(', ');
}

/** What the sizes give: the activations' total, the weights, both together. */
export function fillResults(
  ctx: ExplainContext,
  results: HTMLElement,
  result: WhatIf,
  labels: Record<string, string>
): void {
  const { trans } = ctx;
  results.textContent = '';
  const line = (className: string, ...nodes: (Node | string)[]) => {
    const p = h('p', `jp-KerasSummary-whatifLine ${className}`);
    for (const n of nodes) {
      p.appendChild(typeof n === 'string' ? document.createTextNode(n) : n);
    }
    results.appendChild(p);
    return p;
  };
  const a = result.activations;
  const open = result.rows.filter(r => r.counted && r.missing === 'open');
  const unknown = result.rows.filter(r => r.counted && r.missing === 'unknown');
  const total = h('strong', 'jp-KerasSummary-whatifTotal');
  total.textContent = readableBytes(a.bytes);
  line(
    'jp-KerasSummary-whatifActivations',
    fill(
      trans._n(
        'Activations: %2 for one batch in %3 (%1 layer output).',
        'Activations: %2 for one batch in %3 (%1 layer outputs).',
        a.rows,
        slot(0),
        result.dtype
      ),
      [total]
    )
  );
  if (open.length > 0) {
    line(
      'jp-KerasSummary-whatifMissing',
      trans._n(
        'Not counted yet: %1 layer waits for a size (%2).',
        'Not counted yet: %1 layers wait for sizes (%2).',
        open.length,
        neededNames(result, labels, true)
      )
    );
  }
  if (unknown.length > 0) {
    line(
      'jp-KerasSummary-whatifMissing',
      trans._n(
        'Not counted: %1 layer has no known shape.',
        'Not counted: %1 layers have no known shape.',
        unknown.length
      )
    );
  }
  const w = result.weights;
  if (w.params !== null && w.bytes !== null) {
    const weights = line(
      'jp-KerasSummary-whatifWeights',
      trans.__(
        'Weights: %1 parameters × %2 = %3.',
        formatCount(w.params),
        trans._n('%1 byte', '%1 bytes', result.bytesPerElement),
        readableBytes(w.bytes)
      )
    );
    if (w.printedBytes !== null) {
      weights.appendChild(
        document.createTextNode(
          ' ' +
            trans.__(
              'Keras printed %1, each weight in its own dtype.',
              readableBytes(w.printedBytes)
            )
        )
      );
    }
    if (open.length === 0 && unknown.length === 0) {
      line(
        'jp-KerasSummary-whatifTogether',
        trans.__(
          'Activations and weights together: %1.',
          readableBytes(a.bytes + w.bytes)
        )
      );
    }
  }
  line(
    'jp-KerasSummary-whatifNote',
    trans.__(
      'Training keeps the activations for the backward pass and also needs memory for gradients and the optimizer state; the backend may fuse or free some outputs.'
    )
  );
}

/** The Activation memory column, shown while the what-if is open. */
export function memoryColumn(trans: TranslationBundle): TableColumn {
  return {
    kind: 'memory',
    title: trans.__('Activation memory'),
    cell: (ctx: RowContext, _layer, index: number) => {
      const cell = h('td', 'jp-KerasSummary-cell jp-KerasSummary-cell-memory');
      fillMemoryCell(ctx, cell, index);
      return cell;
    }
  };
}

/** A row's activation memory, or what it waits for. */
export function fillMemoryCell(
  ctx: ExplainContext,
  cell: HTMLElement,
  index: number
): void {
  const { trans } = ctx;
  cell.textContent = '';
  cell.removeAttribute('title');
  const t = ctx.teaching;
  const row = t?.whatIf?.rows[index];
  if (!t || !row) {
    return;
  }
  if (row.bytes !== null) {
    let text = readableBytes(row.bytes);
    if (row.calls > 1) {
      text += ' ' + trans._n('(%1 call)', '(%1 calls)', row.calls);
      cell.title = trans.__(
        'A shared layer keeps an output for each of its calls.'
      );
    }
    if (!row.counted) {
      text = `(${text})`;
      cell.title = trans.__(
        'Not counted in the total: other rows hold this output.'
      );
    }
    cell.appendChild(h('span', 'jp-KerasSummary-memory', text));
    return;
  }
  const names = row.needs.map(g => t.groupLabels[g] ?? g).join(', ');
  const note = h(
    'span',
    'jp-KerasSummary-memoryMissing',
    row.missing === 'open'
      ? trans.__('needs %1', names)
      : trans.__('shape not known')
  );
  cell.appendChild(note);
}

/** The first fixed batch size printed, for the panel's note; null when every batch is None. */
export function fixedBatchOf(summary: Summary): number | null {
  for (const layer of summary.layers) {
    for (const shape of layer.tensors ?? []) {
      if (typeof shape[0] === 'number') {
        return shape[0];
      }
    }
  }
  return null;
}

/** Explanation lines for a `None` while the what-if is open (see explain.ts). */
export function whatIfSentence(
  ctx: ExplainContext,
  row: number,
  tensor: number,
  axis: number,
  group: string
): DocumentFragment | null {
  const t = ctx.teaching;
  const result = t?.whatIf;
  if (!t || !result) {
    return null;
  }
  const { trans } = ctx;
  const name = t.groupLabels[group];
  const size = result.rows[row]?.shapes[tensor]?.[axis];
  const fragment = document.createDocumentFragment();
  if (typeof size === 'number') {
    fragment.appendChild(
      document.createTextNode(
        trans.__(
          'What if: here it is %1 (the size given for %2).',
          String(size),
          name ?? ''
        )
      )
    );
  } else if (name) {
    fragment.appendChild(
      document.createTextNode(
        trans.__('What if: give a size for %1 to see it here.', name)
      )
    );
  }
  const info = ctx.facts?.sizeGroups[group];
  if (
    info?.derived &&
    info.origin !== null &&
    ctx.summary.layers[info.origin]
  ) {
    fragment.appendChild(document.createTextNode(' '));
    fragment.appendChild(
      fill(
        trans.__(
          '%1 may change this size (its kernel, strides and padding decide it), so the what-if asks for it apart.',
          slot(0)
        ),
        [rowLink(ctx, info.origin)]
      )
    );
  }
  return fragment.childNodes.length > 0 ? fragment : null;
}
