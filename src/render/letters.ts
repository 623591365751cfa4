/**
 * Names for dimensions: with "Letters for None" on, every `None` shows a
 * letter instead (B for the batch; T, H, W, D, F for variable dimensions,
 * numbered T1, T2 when several share one), the same letter wherever the
 * same size appears (`T′` once a layer may have changed it: letters follow
 * `DimFact.size`), with a legend above the table. With what-if
 * sizes, a `None` shows its size. The button stays the same button: only
 * its text changes, and its accessible name still says what it is.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { DimFact } from '../analyze';
import { letterOf } from './analysis';
import { fill, h, slot } from './dom';
import { rowLink } from './links';
import type { Control } from './registry';
import { dimensionName } from './strings';
import type { ExplainContext, LetterEntry } from './types';

/** A `None` control's text and accessible name, when they differ from `None`. */
export interface DimDisplay {
  text: string;
  label: string;
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
  const t = ctx.dims;
  if (fact.value !== null) {
    // A fixed batch keeps its number, unless the what-if gives it another (a kernel summary's batch field).
    const size = t.whatIf?.rows[row]?.shapes[fact.tensor]?.[fact.axis];
    return typeof size === 'number' && size !== fact.value
      ? {
          text: String(size),
          label: accessibleName(ctx.trans, fact, String(size), null)
        }
      : null;
  }
  const letter = letterOf(ctx.analysis.facts, fact);
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

/**
 * Show a `dim` control as the dimension tools say: a letter or a size with
 * an accessible name saying what it is, or the printed text and no extra
 * name.
 */
export function showDim(ctx: ExplainContext, control: Control): void {
  const { node, action } = control;
  const { row, tensor, axis } = action.ref;
  const fact = ctx.analysis.facts?.layers[row]?.dims.find(
    d => d.tensor === tensor && d.axis === axis
  );
  const display = fact ? dimDisplay(ctx, row, fact) : null;
  if (display) {
    node.textContent = display.text;
    node.setAttribute('aria-label', display.label);
  } else if (
    node.textContent !== action.printed ||
    node.hasAttribute('aria-label')
  ) {
    node.textContent = action.printed;
    node.removeAttribute('aria-label');
  }
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

/** The legend of the letters shown: `B batch size …`, `T1 timesteps of a sequence, from query`. */
export function buildLegend(
  ctx: ExplainContext,
  entries: ReadonlyArray<LetterEntry>
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
