/**
 * The what-if's fields for a kernel summary: one per source (the batch and
 * each open axis of each model input, the keys the kernel's `check_sizes`
 * reads), not per size group, since the kernel's configuration gives every
 * other size; then one per size no shape rule gives (a custom layer), as
 * the text what-if asks for a size a layer may change. Their short names
 * (for "needs …") are the letters of the sizes at those input axes (`B`,
 * `T`, `T2`), else the input's name and axis. Pure: no DOM.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatCount, sizeGroupsOf, whatIf } from '../analyze';
import type { DtypeName, Sizes, SummaryFacts, WhatIf } from '../analyze';
import { exactFields, exactWhatIf } from '../analyze/shapes';
import type { SizeField as ExactField } from '../analyze/shapes';
import type { Summary } from '../parse';
import { fixedBatchOf, groupLabels } from './analysis';
import { shapesFromFirstCall } from './kernel-facts';
import type { ExplainContext, LetterEntry } from './types';
import { sizeFields } from './whatif';
import type { PanelNotes, SizeField } from './whatif';

/** The what-if's fields (keys of the sizes typed) and their short names. */
export interface WhatIfSetup {
  groups: string[];
  labels: Record<string, string>;
  /** A kernel summary's fields (sources, unknown sizes); null: the text what-if's size groups. */
  exact: ExactField[] | null;
}

/** The fields of `summary`'s what-if: exact ones for a kernel summary with a graph, else size groups. */
export function whatIfSetup(
  summary: Summary,
  facts: SummaryFacts | null
): WhatIfSetup {
  const exact = exactFieldsOf(summary);
  if (exact) {
    return {
      groups: exact.map(f => f.key),
      labels: exactLabels(summary, facts, exact),
      exact
    };
  }
  const groups = facts ? sizeGroupsOf(summary, facts) : [];
  return {
    groups,
    labels: facts ? groupLabels(facts, groups) : {},
    exact: null
  };
}

/**
 * The what-if for `sizes`: the shape engine's (`ExactWhatIf`, with flags)
 * when the setup is exact and the engine can walk the summary, else the
 * size groups' one.
 */
export function whatIfOf(
  summary: Summary,
  facts: SummaryFacts,
  setup: WhatIfSetup,
  sizes: Sizes,
  dtype: DtypeName
): WhatIf {
  if (setup.exact) {
    try {
      const exact = exactWhatIf(summary, sizes, dtype);
      if (exact) {
        return exact;
      }
    } catch (error) {
      console.warn('jupyterlab-keras-summary: no exact what-if', error);
    }
  }
  return whatIf(summary, facts, sizes, dtype);
}

/** The exact what-if's fields of `summary`; null when it has none (a parsed text, a subclassed model): size groups then. */
export function exactFieldsOf(summary: Summary): ExactField[] | null {
  if (summary?.source !== 'kernel') {
    return null;
  }
  let fields: ExactField[] = [];
  try {
    fields = exactFields(summary);
  } catch (error) {
    console.warn('jupyterlab-keras-summary: no exact what-if', error);
  }
  return fields.length > 0 ? fields : null;
}

/** The row whose output is tensor `tensor` (a model input's InputLayer), or -1. */
function rowOfTensor(summary: Summary, tensor: number): number {
  return summary.layers.findIndex(l =>
    (l.kernel?.outputs ?? []).includes(tensor)
  );
}

/** The letter of the size at one output axis of a row, or null. */
function letterAt(
  facts: SummaryFacts | null,
  row: number,
  axis: number
): string | null {
  const fact = facts?.layers[row]?.dims.find(
    d => d.tensor === 0 && d.axis === axis
  );
  const size = fact?.size ?? fact?.sizeGroup;
  return (size && facts?.sizes?.[size]?.label) || null;
}

/** `frames axis 1` (`input 2 axis 1` for an input without a name). */
function inputAxis(field: ExactField): string {
  const name = field.input ?? `input ${(field.inputIndex ?? 0) + 1}`;
  return `${name} axis ${field.axis ?? '?'}`;
}

/** Short names of the fields: `B`, the input axis' letter, else `frames axis 1`; `row axis k` for a size no rule gives. */
export function exactLabels(
  summary: Summary,
  facts: SummaryFacts | null,
  fields: ReadonlyArray<ExactField>
): Record<string, string> {
  const labels: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of fields) {
    let label: string | null = null;
    if (field.kind === 'batch') {
      label = 'B';
    } else if (field.kind === 'input') {
      const tensor =
        summary.kernel?.model?.inputs?.[field.inputIndex ?? -1]?.tensor;
      const row = tensor === undefined ? -1 : rowOfTensor(summary, tensor);
      label =
        row >= 0 && field.axis !== null
          ? letterAt(facts, row, field.axis)
          : null;
      label = label && !used.has(label) ? label : inputAxis(field);
    } else {
      const { name, call, output, axis } = unknownPlace(summary, field);
      const where =
        (call === null ? '' : ` #${call}`) +
        (output === null ? '' : `[${output}]`);
      label = `${name}${where} axis ${axis}`;
    }
    used.add(label);
    labels[field.key] = label;
  }
  return labels;
}

/**
 * Where a size no rule gives first appears: the row's name, which call
 * (null: it has one) and which of that call's outputs (null: it has one),
 * the axis.
 */
function unknownPlace(
  summary: Summary,
  field: ExactField
): { name: string; call: number | null; output: number | null; axis: string } {
  const row = field.row === null ? undefined : summary.layers[field.row];
  const first = field.axes[0];
  const nodes = row?.kernel?.nodes ?? [];
  const n = first
    ? nodes.findIndex(node => node.out.includes(first.tensor))
    : -1;
  const outputs = n >= 0 ? nodes[n].out : [];
  const k = first ? outputs.indexOf(first.tensor) : -1;
  return {
    name: row?.name ?? field.className ?? '?',
    call: nodes.length > 1 && n >= 0 ? n + 1 : null,
    output: outputs.length > 1 && k >= 0 ? k + 1 : null,
    axis: String(first?.axis ?? '?')
  };
}

/** The panel's fields: sources first, then (as `derived`) the sizes no rule gives. */
export function exactSizeFields(
  trans: TranslationBundle,
  summary: Summary,
  fields: ReadonlyArray<ExactField>,
  labels: Readonly<Record<string, string>>
): SizeField[] {
  return fields.map(field => {
    const short = labels[field.key] ?? field.key;
    if (field.kind === 'batch') {
      return {
        group: field.key,
        label: trans.__('Batch size (B)'),
        derived: false
      };
    }
    if (field.kind === 'input') {
      const where = inputAxis(field);
      return {
        group: field.key,
        label:
          short === where
            ? trans.__('%1 (a size of the model input)', where)
            : trans.__('%1: %2 (a size of the model input)', short, where),
        derived: false
      };
    }
    const row = field.row === null ? undefined : summary.layers[field.row];
    const { name, call, output, axis } = unknownPlace(summary, field);
    const className = field.className ?? row?.type ?? '?';
    let label: string;
    if (call !== null) {
      label = trans.__(
        'Output of %1 (%2) in call %4, axis %3',
        name,
        className,
        axis,
        String(call)
      );
    } else if (field.side === 'input') {
      label = trans.__('Input of %1 (%2), axis %3', name, className, axis);
    } else if (output !== null) {
      label = trans.__(
        'Output %4 of %1 (%2), axis %3',
        name,
        className,
        axis,
        String(output)
      );
    } else {
      label = trans.__('Output of %1 (%2), axis %3', name, className, axis);
    }
    return { group: field.key, label, derived: true };
  });
}

/** What the panel says above, between its fields, and of a fixed batch, for a kernel summary. */
export function exactNotes(
  trans: TranslationBundle,
  fields: ReadonlyArray<ExactField>
): { intro: string; derived: string; batch: string | null } {
  const fixed = fields.find(f => f.kind === 'batch')?.fixed ?? null;
  return {
    intro: trans.__(
      "Give the sizes of the model's inputs: each layer's configuration from the kernel (kernel size, strides, padding, pooling…) gives every other shape exactly, here in the page. A row that cannot take the sizes says why. An empty field keeps None."
    ),
    derived: trans.__(
      'No shape rule is known for these layers (custom layers, for example): type the size of each.'
    ),
    batch:
      fixed === null
        ? null
        : trans.__(
            'The model fixes the batch size at %1: it is used while the batch field is empty.',
            String(fixed)
          )
  };
}

/** The panel's fields and words: exact ones for a kernel summary, size groups for a text. */
export function panelFields(
  ctx: ExplainContext,
  setup: WhatIfSetup,
  entries: ReadonlyArray<LetterEntry>
): { fields: SizeField[]; notes?: PanelNotes; fixedBatch: number | null } {
  const { trans, summary } = ctx;
  if (setup.exact) {
    return {
      fields: exactSizeFields(trans, summary, setup.exact, setup.labels),
      notes: exactNotes(trans, setup.exact),
      fixedBatch: null
    };
  }
  const fields = sizeFields(ctx, setup.groups, setup.labels, entries);
  const fixedBatch = setup.groups.includes('batch')
    ? null
    : fixedBatchOf(summary);
  // A subclassed model's number at axis 0 is its first call's batch.
  const firstCall =
    fixedBatch !== null &&
    summary.layers.some((_, i) => shapesFromFirstCall(summary, i));
  return {
    fields,
    fixedBatch,
    notes: firstCall
      ? {
          batch: trans.__(
            "These shapes come from the model's first call, which held a batch of %1: the batch of that call, not a fixed batch size.",
            formatCount(fixedBatch)
          )
        }
      : undefined
  };
}
