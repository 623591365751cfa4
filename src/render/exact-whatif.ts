/**
 * What the exact what-if of a kernel summary (`ExactWhatIf`) adds to the
 * panel and the memory column: the rows that cannot take the sizes, each
 * with the reason in words, the rows below them that are not reached, and
 * the rows where "Check in the kernel" found other shapes than the page.
 *
 * Plain functions from data to DOM; the flags are the shape engine's codes
 * and numbers (`ShapeFlag`), worded here.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatCount } from '../analyze';
import type { WhatIf } from '../analyze';
import type {
  ExactRowMemory,
  ExactWhatIf,
  RowDifference,
  ShapeFlag
} from '../analyze/shapes';
import type { Summary } from '../parse';
import { fill, h, slot } from './dom';
import { rowLinks, shapeText } from './links';
import type { ExplainContext } from './types';

/** The what-if as the shape engine gave it, or null for a text's (size groups). */
export function asExact(result: WhatIf | null | undefined): ExactWhatIf | null {
  return result && 'flags' in result && Array.isArray(result.flags)
    ? (result as ExactWhatIf)
    : null;
}

const sizeText = (n: number | null) => (n === null ? '?' : formatCount(n));

/** Why a row cannot take the sizes, in words. */
export function flagWords(
  trans: TranslationBundle,
  summary: Summary,
  flag: ShapeFlag
): string {
  switch (flag.kind) {
    case 'tooSmall':
      return flag.what === 'cropping'
        ? trans.__(
            'axis %1 has %2 steps and the cropping takes %3',
            String(flag.axis),
            formatCount(flag.size),
            formatCount(flag.window)
          )
        : trans.__(
            'axis %1 has %2 steps; the window needs %3',
            String(flag.axis),
            formatCount(flag.size),
            formatCount(flag.window)
          );
    case 'mismatch':
      return trans.__(
        'its inputs must agree on axis %1 and have %2',
        String(flag.axis),
        flag.sizes.map(sizeText).join(', ')
      );
    case 'rank':
      return trans.__(
        'its inputs have different ranks (%1)',
        flag.ranks.join(', ')
      );
    case 'reshape':
      return trans.__(
        '%1 values do not fit the target shape %2',
        formatCount(flag.elements),
        shapeText(flag.target.map(d => (d === -1 ? null : d)))
      );
    case 'nested':
      return trans.__(
        'the row %1 inside it cannot',
        summary.layers[flag.row]?.name ?? '?'
      );
  }
  return trans.__('a size does not fit');
}

/** The note a flagged or unreached row shows instead of its memory; null for other rows. */
export function exactRowNote(
  ctx: ExplainContext,
  index: number
): HTMLElement | null {
  const { trans } = ctx;
  const row = asExact(ctx.dims.whatIf)?.rows[index] as
    ExactRowMemory | undefined;
  if (row?.flag) {
    const note = h(
      'span',
      'jp-KerasSummary-memoryFlag',
      trans.__(
        'cannot take these sizes: %1',
        flagWords(trans, ctx.summary, row.flag)
      )
    );
    return note;
  }
  if (row?.blocked) {
    return h(
      'span',
      'jp-KerasSummary-memoryMissing',
      trans.__('not reached: a row above cannot take these sizes')
    );
  }
  return null;
}

/** What the kernel says of a row where it differs from the page, in words. */
export function differenceWords(
  trans: TranslationBundle,
  difference: RowDifference
): string {
  if (difference.kernelError !== null) {
    return trans.__('the kernel: %1', difference.kernelError);
  }
  if (difference.pageFlag !== null) {
    return trans.__('the kernel takes these sizes here');
  }
  const shapes = difference.tensors.map(t =>
    t.kernel ? shapeText(t.kernel) : trans.__('not computed')
  );
  return trans.__('the kernel computes %1', shapes.join(', '));
}

/** The mark of a row where "Check in the kernel" found something else; null for other rows. */
export function kernelRowNote(
  ctx: ExplainContext,
  index: number
): HTMLElement | null {
  const difference = ctx.dims.check?.comparison?.rows.find(
    r => r.row === index
  );
  if (!difference) {
    return null;
  }
  const note = h(
    'span',
    'jp-KerasSummary-kernelDiffers',
    differenceWords(ctx.trans, difference)
  );
  return note;
}

/** The results' line on the rows that cannot take the sizes, each a link to its row. */
export function flagsLine(
  ctx: ExplainContext,
  result: WhatIf
): HTMLElement | null {
  const exact = asExact(result);
  if (!exact || exact.flags.length === 0) {
    return null;
  }
  const rows = Array.from(new Set(exact.flags.map(f => f.row)));
  const blocked = exact.rows.filter(r => r.blocked).length;
  const { trans } = ctx;
  const p = h(
    'p',
    'jp-KerasSummary-whatifLine jp-KerasSummary-whatifFlags',
    ''
  );
  p.appendChild(
    fill(
      trans._n(
        '%1 row cannot take these sizes: %2.',
        '%1 rows cannot take these sizes: %2.',
        rows.length,
        slot(0)
      ),
      [rowLinks(ctx, rows)]
    )
  );
  if (blocked > 0) {
    p.appendChild(
      document.createTextNode(
        ' ' +
          trans._n(
            '%1 row below is not reached.',
            '%1 rows below are not reached.',
            blocked
          )
      )
    );
  }
  return p;
}
