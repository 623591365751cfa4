/**
 * The what-if panel: a number field per open dimension ("Batch size (B)",
 * "T: timesteps of a sequence", and one per size a layer may change), a
 * dtype, and what the sizes give: the activation memory of every layer (a
 * column of the table), its total, and the weights' memory beside it.
 *
 * Plain functions from data to DOM; the numbers come from
 * `src/analyze/whatif.ts`, the sizes typed live in the view state.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import {
  DTYPE_NAMES,
  DTYPES,
  formatCount,
  MAX_SIZE,
  readableBytes
} from '../analyze';
import type { DtypeName, WhatIf } from '../analyze';
import { fill, h, slot } from './dom';
import { flagsLine } from './exact-whatif';
import { dimensionName } from './strings';
import type { Actions, ExplainContext, LetterEntry } from './types';

/** An empty field leaves the dimension as Keras printed it: Python's `None`, not a word to translate. */
const PYTHON_NONE = 'None';

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
  labels: Readonly<Record<string, string>>,
  entries: ReadonlyArray<LetterEntry>
): SizeField[] {
  const { trans, summary } = ctx;
  const facts = ctx.analysis.facts;
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

/** A size field and the message under it that says it holds no size. */
export interface SizeInput {
  input: HTMLInputElement;
  error: HTMLElement;
}

/** What a size field holds: the text typed and whether it is not a size. */
export interface FieldValue {
  text: string;
  invalid: boolean;
}

/** The built panel: its node, where the results go, its size fields by group and the dtype. */
export interface WhatIfPanel {
  node: HTMLElement;
  results: HTMLElement;
  inputs: Map<string, SizeInput>;
  dtype: HTMLSelectElement;
}

/** Which field of `panel` has the focus (a size group, or `DTYPE_FIELD`), to focus it again after a rebuild. */
export function focusedField(
  panel: WhatIfPanel | null | undefined,
  active: Element | null
): string | null {
  if (!panel || !active) {
    return null;
  }
  if (active === panel.dtype) {
    return DTYPE_FIELD;
  }
  for (const [group, field] of panel.inputs) {
    if (field.input === active) {
      return group;
    }
  }
  return null;
}

/** Focus the field `focusedField` named (the first size field for `FIRST_FIELD`). */
export function focusField(
  panel: WhatIfPanel | null | undefined,
  key: string | null
): void {
  if (!panel || key === null) {
    return;
  }
  const node =
    key === DTYPE_FIELD
      ? panel.dtype
      : key === FIRST_FIELD
        ? panel.inputs.values().next().value?.input
        : panel.inputs.get(key)?.input;
  node?.focus({ preventScroll: true });
}

/** `focusedField`'s name for the dtype, and `focusField`'s for the first size field. */
export const DTYPE_FIELD = '\u0000dtype';
export const FIRST_FIELD = '\u0000first';

/** What replaces the panel's own words: above and between the fields, and of the batch (null: nothing). */
export interface PanelNotes {
  intro?: string;
  derived?: string;
  batch?: string | null;
}

/**
 * The panel, with a field per size and the dtype; the results are filled
 * by `fillResults`. `notes` replace what it says above and between the
 * fields (a kernel summary's fields are its sources: `exact-fields.ts`).
 */
export function buildWhatIfPanel(
  ctx: ExplainContext,
  fields: SizeField[],
  value: (group: string) => FieldValue,
  dtype: DtypeName,
  fixedBatch: number | null,
  notes?: PanelNotes
): WhatIfPanel {
  const { trans } = ctx;
  const id = `jp-KerasSummary-whatif-${++nextId}`;
  const panel = h('section', 'jp-KerasSummary-whatif');
  panel.id = id;
  panel.setAttribute('aria-label', trans.__('What if'));
  panel.appendChild(
    h(
      'p',
      'jp-KerasSummary-whatifIntro',
      notes?.intro ??
        trans.__(
          'Give the open dimensions sizes: every shape shows numbers, and each layer the memory of its output (its activations). An empty field keeps None.'
        )
    )
  );
  const own = fields.filter(f => !f.derived);
  const derived = fields.filter(f => f.derived);
  const inputs = new Map<string, SizeInput>();
  const addField = (parent: HTMLElement, field: SizeField) => {
    const made = sizeInput(trans, ctx.actions, id, field, value(field.group));
    inputs.set(field.group, made);
    parent.appendChild(made.input.parentElement!);
  };
  const list = h('div', 'jp-KerasSummary-whatifFields');
  for (const field of own) {
    addField(list, field);
  }
  const select = dtypeSelect(trans, ctx.actions, id, dtype);
  list.appendChild(select.parentElement!);
  panel.appendChild(list);
  const batch =
    notes?.batch !== undefined
      ? notes.batch
      : fixedBatch !== null
        ? trans.__(
            'The model fixes the batch size at %1.',
            formatCount(fixedBatch)
          )
        : null;
  if (batch) {
    panel.appendChild(h('p', 'jp-KerasSummary-whatifNote', batch));
  }
  if (derived.length > 0) {
    panel.appendChild(
      h(
        'p',
        'jp-KerasSummary-whatifNote',
        notes?.derived ??
          trans.__(
            'Convolutions, poolings, padding and other layers may change a size: their kernel, strides and padding decide it, and the summary does not print them. Each such size has a field of its own.'
          )
      )
    );
    const more = h('div', 'jp-KerasSummary-whatifFields');
    for (const field of derived) {
      addField(more, field);
    }
    panel.appendChild(more);
  }
  if (fields.length === 0 && !notes?.batch) {
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
  return { node: panel, results, inputs, dtype: select };
}

function sizeInput(
  trans: TranslationBundle,
  actions: Actions,
  panelId: string,
  field: SizeField,
  value: FieldValue
): SizeInput {
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
  input.value = value.text;
  actions.bind(input, { kind: 'size', group: field.group });
  const error = h(
    'span',
    'jp-KerasSummary-whatifError',
    trans.__('Enter a whole number from 1 to %1.', formatCount(MAX_SIZE))
  );
  error.id = `${inputId}-error`;
  input.setAttribute('aria-describedby', error.id);
  wrap.appendChild(label);
  wrap.appendChild(input);
  wrap.appendChild(error);
  const made = { input, error };
  showValidity(made, value.invalid);
  return made;
}

/** Flag a field that holds no size (or clear the flag). */
export function showValidity(field: SizeInput, invalid: boolean): void {
  field.input.setAttribute('aria-invalid', invalid ? 'true' : 'false');
  field.error.hidden = !invalid;
}

function dtypeSelect(
  trans: TranslationBundle,
  actions: Actions,
  panelId: string,
  dtype: DtypeName
): HTMLSelectElement {
  const wrap = h('div', 'jp-KerasSummary-whatifField');
  const selectId = `${panelId}-dtype`;
  const label = h('label', 'jp-KerasSummary-whatifLabel', trans.__('dtype'));
  label.htmlFor = selectId;
  const select = h('select', 'jp-KerasSummary-whatifDtype');
  select.id = selectId;
  actions.bind(select, { kind: 'dtype' });
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
  return select;
}

/** `T1, H′`: the names of the sizes rows still wait for. */
function neededNames(
  result: WhatIf,
  labels: Readonly<Record<string, string>>,
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
  labels: Readonly<Record<string, string>>
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
  const flags = flagsLine(ctx, result);
  if (flags) {
    results.appendChild(flags);
  }
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
