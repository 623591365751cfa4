/**
 * Names for dimensions: with the switch on, every `None` shows a letter
 * instead (B for the batch; T, H, W, D, F for variable dimensions, numbered
 * T1, T2 when several share one), the same letter wherever the same
 * dimension appears, with a legend above the table. With what-if sizes, a
 * `None` shows its size. The button stays the same button: only its text
 * changes, and its accessible name still says what it is.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { DimFact, SummaryFacts } from '../analyze/types';
import type { WhatIf } from '../analyze/whatif';
import { rowLink } from './connections';
import { fill, h, slot } from './dom';
import type { ExplainContext } from './explain';
import { dimensionName } from './strings';

/** What the teaching tools change in the table; read when rows are built. */
export interface TeachingState {
  /** Show letters instead of `None`. */
  letters: boolean;
  /** The what-if result while the what-if is open, else null. */
  whatIf: WhatIf | null;
  /** Short names of the what-if's size groups: `T1`, and `H′` for a size a layer may change. */
  groupLabels: Record<string, string>;
}

/** A `None` control's text and accessible name, when they differ from `None`. */
export interface DimDisplay {
  text: string;
  label: string;
}

/** The letter of a dimension, or null when it has none (the analysis failed). */
export function letterOf(
  facts: SummaryFacts | null,
  fact: DimFact
): string | null {
  return facts?.lineageLabels[fact.lineage] ?? null;
}

/**
 * What a `None` control shows: its what-if size, else its letter (the size
 * group's name while the what-if is open), else null for the printed `None`.
 * Fixed sizes (a fixed batch) keep their number.
 */
export function dimDisplay(
  ctx: ExplainContext,
  row: number,
  fact: DimFact
): DimDisplay | null {
  const t = ctx.teaching;
  if (!t || fact.value !== null) {
    return null;
  }
  const letter = letterOf(ctx.facts, fact);
  let text: string | null = null;
  if (t.whatIf) {
    const size = t.whatIf.rows[row]?.shapes[fact.tensor]?.[fact.axis];
    if (typeof size === 'number') {
      text = String(size);
    } else if (t.letters) {
      text = t.groupLabels[fact.sizeGroup] ?? letter;
    }
  } else if (t.letters) {
    text = letter;
  }
  if (text === null) {
    return null;
  }
  return { text, label: accessibleName(ctx.trans, fact, text, letter) };
}

/** `32: batch dimension B (None in the summary)`, `T1: variable-length dimension (None in the summary)`. */
function accessibleName(
  trans: TranslationBundle,
  fact: DimFact,
  text: string,
  letter: string | null
): string {
  const named = letter !== null && letter !== text;
  if (fact.role === 'batch') {
    return named
      ? trans.__('%1: batch dimension %2 (None in the summary)', text, letter)
      : trans.__('%1: batch dimension (None in the summary)', text);
  }
  return named
    ? trans.__(
        '%1: variable-length dimension %2 (None in the summary)',
        text,
        letter
      )
    : trans.__('%1: variable-length dimension (None in the summary)', text);
}

/** One entry of the legend: a dimension shown in the table. */
export interface LetterEntry {
  lineage: string;
  letter: string;
  kind: DimFact['kind'];
  /** Where it enters (row index), or null for the batch. */
  origin: number | null;
}

/**
 * The dimensions the table shows as letters, in letter order: B first when
 * a batch axis is `None`, then each variable dimension (T1 before T2).
 */
export function letterEntries(facts: SummaryFacts | null): LetterEntry[] {
  if (!facts) {
    return [];
  }
  const found = new Map<string, LetterEntry>();
  facts.layers.forEach((layer, i) => {
    for (const d of layer.dims) {
      if (d.value !== null) {
        continue;
      }
      const letter = facts.lineageLabels[d.lineage];
      const known = found.get(d.lineage);
      // The kind where the dimension enters names it (an Input's length is
      // an Embedding's timesteps).
      if (letter && (!known || (d.origin === i && known.origin !== i))) {
        found.set(d.lineage, {
          lineage: d.lineage,
          letter,
          kind: d.kind,
          origin: d.role === 'batch' ? null : d.origin
        });
      }
    }
  });
  const order = (e: LetterEntry) =>
    e.lineage === 'batch' ? -1 : Number(e.lineage.replace(/^v/, '')) || 0;
  return [...found.values()].sort((a, b) => order(a) - order(b));
}

/** The legend of the letters shown: `B batch size …`, `T1 timesteps of a sequence, from query`. */
export function buildLegend(
  ctx: ExplainContext,
  entries: LetterEntry[]
): HTMLElement | null {
  const { trans } = ctx;
  if (entries.length === 0) {
    return null;
  }
  const legend = h('div', 'jp-KerasSummary-legend');
  legend.setAttribute('role', 'note');
  legend.setAttribute('aria-label', trans.__('Dimension letters'));
  legend.appendChild(
    h('span', 'jp-KerasSummary-legendTitle', trans.__('Letters for None:'))
  );
  const list = h('ul', 'jp-KerasSummary-legendList');
  for (const entry of entries) {
    const item = h('li', 'jp-KerasSummary-legendItem');
    item.appendChild(h('span', 'jp-KerasSummary-letter', entry.letter));
    item.appendChild(document.createTextNode(' '));
    const name = dimensionName(trans, entry.kind);
    if (entry.origin !== null && ctx.summary.layers[entry.origin]) {
      item.appendChild(
        fill(trans.__('%1, from %2', name, slot(0)), [
          rowLink(ctx, entry.origin)
        ])
      );
    } else {
      item.appendChild(document.createTextNode(name));
    }
    list.appendChild(item);
  }
  legend.appendChild(list);
  return legend;
}
