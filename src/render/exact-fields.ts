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
import type { SummaryFacts } from '../analyze';
import { exactFields } from '../analyze/shapes';
import type { SizeField as ExactField } from '../analyze/shapes';
import type { Summary } from '../parse';
import type { SizeField } from './whatif';

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
      const tensor = summary.kernel?.model?.inputs?.[field.inputIndex ?? -1]
        ?.tensor;
      const row = tensor === undefined ? -1 : rowOfTensor(summary, tensor);
      label =
        row >= 0 && field.axis !== null
          ? letterAt(facts, row, field.axis)
          : null;
      label = label && !used.has(label) ? label : inputAxis(field);
    } else {
      const row = field.row === null ? undefined : summary.layers[field.row];
      const axis = field.axes[0]?.axis;
      label = `${row?.name ?? field.className ?? '?'} axis ${axis ?? '?'}`;
    }
    used.add(label);
    labels[field.key] = label;
  }
  return labels;
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
      return { group: field.key, label: trans.__('Batch size (B)'), derived: false };
    }
    if (field.kind === 'input') {
      const where = inputAxis(field);
      return {
        group: field.key,
        label:
          short === where
            ? trans.__('%1: a length of the model input', where)
            : trans.__('%1: axis %2 of the model input %3', short, String(field.axis), field.input ?? ''),
        derived: false
      };
    }
    const row = field.row === null ? undefined : summary.layers[field.row];
    return {
      group: field.key,
      label: trans.__(
        '%1: output of %2 (%3), no shape rule known',
        short,
        row?.name ?? '?',
        field.className ?? row?.type ?? '?'
      ),
      derived: true
    };
  });
}

/** What the panel says above and between its fields for a kernel summary. */
export function exactNotes(trans: TranslationBundle): {
  intro: string;
  derived: string;
} {
  return {
    intro: trans.__(
      "Give the sizes of the model's inputs: the kernel's configuration of each layer (kernel size, strides, padding, pooling…) gives every other shape exactly, here in the page. A layer that cannot take the sizes says why. An empty field keeps None."
    ),
    derived: trans.__(
      'No shape rule is known for these layers (custom layers, for example): give the sizes of their outputs.'
    )
  };
}
