/**
 * The Activation memory column the what-if adds to the table: each row's
 * memory for the sizes typed, what it still waits for, or (a kernel
 * summary) why it cannot take the sizes and what the kernel said of it.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { readableBytes } from '../analyze';
import { h } from './dom';
import { exactRowNote, kernelRowNote } from './exact-whatif';
import type { ExplainContext, RowContext, TableColumn } from './types';

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
  cell.textContent = '';
  cell.removeAttribute('title');
  // A kernel summary's row that cannot take the sizes says why instead.
  const exact = exactRowNote(ctx, index);
  if (exact) {
    cell.appendChild(exact);
  } else {
    fillMemory(ctx, cell, index);
  }
  const differs = kernelRowNote(ctx, index);
  if (differs) {
    cell.appendChild(differs);
  }
}

function fillMemory(ctx: ExplainContext, cell: HTMLElement, index: number) {
  const { trans } = ctx;
  const t = ctx.dims;
  const row = t.whatIf?.rows[index];
  if (!row) {
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
