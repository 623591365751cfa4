/**
 * The body of the layer table. Small tables keep one `<tbody>` and the
 * browser's own table layout. Large tables put their rows into blocks: many
 * `<tbody>` elements of at most `blockRows` rows, each a layout container
 * of its own (`contain: layout`), each row a grid with the same column
 * widths. A table lays itself out again whole when rows are added, so
 * filling a large one chunk by chunk would cost the square of its rows;
 * with blocks, a chunk costs its own rows. Every row is in the DOM and
 * rendered, so find-in-page and screen readers see the whole table (the
 * roles that CSS `display` takes from table parts in some browsers are set
 * explicitly: the grid's row, gridcell, rowheader and columnheader).
 * (`content-visibility: auto` would also spare the layout of rows off
 * screen, but Chromium then leaves them out of the accessibility tree.)
 *
 * Column widths cannot come from the browser's table layout, so they are
 * computed from the cells' content: the table's font is monospace and its
 * cells do not wrap, so a cell's width is its characters plus the boxes
 * around them (padding, buttons, bars), read from the DOM the rows were
 * built as. `fit` keeps the widest cell of every column.
 */

import { nameIndent } from './dom';

/** Above this many rows, the table is laid out in blocks. */
export const BLOCK_THRESHOLD = 200;
/** Rows per block. */
export const BLOCK_ROWS = 20;

const ROW = 'jp-KerasSummary-row';
const BLOCKS = 'jp-KerasSummary-blocks';
const BLOCK = 'jp-KerasSummary-block';

/**
 * A width made of characters of the table's (monospace) font, ems of it and
 * pixels: what CSS can add up exactly with `calc()`.
 */
interface Width {
  ch: number;
  em: number;
  px: number;
}

const ZERO: Width = { ch: 0, em: 0, px: 0 };

/**
 * For choosing the widest of several widths only (the chosen one is used
 * exactly): a character of a monospace font is about 0.6 em, and the code
 * font is about 13 px.
 */
function approx(w: Width): number {
  return w.ch * 0.6 + w.em + w.px / 13;
}

function add(a: Width, b: Width): Width {
  return { ch: a.ch + b.ch, em: a.em + b.em, px: a.px + b.px };
}

function wider(a: Width, b: Width): Width {
  return approx(b) > approx(a) ? b : a;
}

function cssWidth(w: Width): string {
  const round = (v: number) => Math.round(v * 100) / 100;
  return `calc(${round(w.ch)}ch + ${round(w.em)}em + ${round(w.px)}px)`;
}

/*
 * The boxes around text, as style/base.css and style/tools.css draw them:
 * keep these in step with the CSS.
 */
/** Cell padding: 6px left, 10px right. */
const PAD_LEFT = 6;
const PAD_RIGHT = 10;
/** A control's 1px side padding (`.jp-KerasSummary-control`). */
const CONTROL = 2;
/** The disclosure button or the space for it: 1.2em + 2px margin. */
const DISCLOSURE: Width = { ch: 0, em: 1.2, px: 2 };
/**
 * The share bar after a parameter count: 8px margin, a 4em bar, a 4px gap
 * and the percentage (min-width 3.6em of the smaller UI font, ~40px).
 */
const SHARE: Width = { ch: 0, em: 4, px: 8 + 4 + 40 };
/** Room for a font whose characters are not quite 1ch (e.g. bold). */
const SLACK: Width = { ch: 1, em: 0, px: 0 };

/** The width of what `node` holds, laid out on one line (`flat`: rows listed flat). */
function contentWidth(node: Node, flat: boolean): Width {
  let total = ZERO;
  let line = ZERO;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      total = add(total, { ch: (child as Text).data.length, em: 0, px: 0 });
      continue;
    }
    if (child.nodeType !== 1) {
      continue;
    }
    const el = child as HTMLElement;
    if (el.hidden) {
      continue;
    }
    const cls = el.classList;
    if (
      cls.contains('jp-KerasSummary-disclosure') ||
      cls.contains('jp-KerasSummary-disclosureSpace')
    ) {
      if (!flat) {
        total = add(total, DISCLOSURE);
      }
    } else if (cls.contains('jp-KerasSummary-share')) {
      total = add(total, SHARE);
    } else if (cls.contains('jp-KerasSummary-ref')) {
      // One reference per line: the widest line counts.
      line = wider(line, contentWidth(el, flat));
    } else {
      total = add(total, contentWidth(el, flat));
      if (cls.contains('jp-KerasSummary-control')) {
        total = add(total, { ch: 0, em: 0, px: CONTROL });
      }
    }
  }
  return add(total, line);
}

/**
 * The width a cell needs: its content, its padding and some slack.
 * `indent`: the left padding (em) of a nested row's name, when it has one.
 */
function cellWidth(cell: HTMLElement, flat: boolean, indent = 0): Width {
  const left: Width =
    indent > 0 && !flat
      ? { ch: 0, em: indent, px: 0 }
      : { ch: 0, em: 0, px: PAD_LEFT };
  return add(
    add(contentWidth(cell, flat), left),
    add({ ch: 0, em: 0, px: PAD_RIGHT }, SLACK)
  );
}

/**
 * The roles a table row and its cells lose when CSS changes their
 * `display` (as blocks do), given back as ARIA roles.
 */
function setRowRoles(row: HTMLTableRowElement): void {
  if (row.getAttribute('role') === 'row') {
    return;
  }
  row.setAttribute('role', 'row');
  const cells = row.cells;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    cell.setAttribute(
      'role',
      cell.localName === 'th' ? 'rowheader' : 'gridcell'
    );
  }
}

export class RowBody {
  /**
   * @param blockRows rows per block, or 0 for one `<tbody>` with the
   *   browser's table layout.
   */
  constructor(
    table: HTMLTableElement,
    blockRows: number,
    depthOf: (row: HTMLTableRowElement) => number = () => 0
  ) {
    this.table = table;
    this._depthOf = depthOf;
    this.blockRows = blockRows > 0 ? Math.floor(blockRows) : 0;
    if (this.blockRows) {
      table.classList.add(BLOCKS);
      for (const group of Array.from(table.tHead ? [table.tHead] : [])) {
        group.setAttribute('role', 'rowgroup');
        for (const row of Array.from(group.rows)) {
          row.setAttribute('role', 'row');
          for (const cell of Array.from(row.cells)) {
            cell.setAttribute('role', 'columnheader');
          }
        }
      }
    }
    this._newBlock();
  }

  readonly table: HTMLTableElement;
  /** Rows per block; 0 when the table is one `<tbody>`. */
  readonly blockRows: number;

  /** Whether rows are laid out in blocks (grid rows with computed widths). */
  get blocked(): boolean {
    return this.blockRows > 0;
  }

  /** The `<tbody>` elements, in order. */
  get groups(): HTMLTableSectionElement[] {
    return this._blocks.slice();
  }

  /** Whether `node` is inside the body. */
  contains(node: Node | null): boolean {
    return !!node && this._blocks.some(block => block.contains(node));
  }

  /** Every node of the body (rows and what follows them), in order. */
  children(): Element[] {
    const all: Element[] = [];
    for (const block of this._blocks) {
      for (let node = block.firstElementChild; node;) {
        all.push(node);
        node = node.nextElementSibling;
      }
    }
    return all;
  }

  /** Add rows (and the nodes that go with them) at the end. */
  append(nodes: Iterable<Element>): void {
    let block = this._blocks[this._blocks.length - 1];
    let fragment = document.createDocumentFragment();
    for (const node of nodes) {
      if (this.blockRows && node.localName === 'tr') {
        setRowRoles(node as HTMLTableRowElement);
      }
      if (this.blockRows && node.classList.contains(ROW)) {
        if (this._count >= this.blockRows) {
          block.appendChild(fragment);
          fragment = document.createDocumentFragment();
          block = this._newBlock();
        }
        this._count++;
      }
      fragment.appendChild(node);
    }
    block.appendChild(fragment);
  }

  /** Put `node` (an explanation's row) right after `row`, in its block. */
  insertAfter(row: HTMLTableRowElement, node: HTMLTableRowElement): void {
    if (this.blockRows) {
      setRowRoles(node);
    }
    row.after(node);
  }

  /** Put exactly `nodes` into the body, in this order. */
  replace(nodes: Element[]): void {
    for (const block of this._blocks) {
      block.remove();
    }
    this._blocks = [];
    this._newBlock();
    this.append(nodes);
  }

  /**
   * Widen the columns to the widest cell of `rows` (with `reset`, fit them
   * to `rows` alone; `flat`: rows are listed flat, without indents). Does
   * nothing for a table laid out by the browser.
   */
  fit(rows: Iterable<HTMLTableRowElement>, reset = false, flat = false): void {
    if (!this.blockRows) {
      return;
    }
    if (reset || this._widths.length === 0) {
      const head = this.table.tHead?.rows[0];
      this._widths = head
        ? Array.from(head.cells).map(cell => cellWidth(cell, flat))
        : [];
    }
    const widths = this._widths;
    for (const row of rows) {
      const cells = row.cells;
      const depth = this._depthOf(row);
      for (let k = 0; k < cells.length; k++) {
        const cell = cells[k];
        const w = cellWidth(
          cell,
          flat,
          cell.localName === 'th' ? nameIndent(depth) : 0
        );
        widths[k] = widths[k] ? wider(widths[k], w) : w;
      }
    }
    const value = widths.map(cssWidth).join(' ');
    if (value !== this._columns) {
      this._columns = value;
      this.table.style.setProperty('--jp-keras-summary-columns', value);
    }
  }

  private _newBlock(): HTMLTableSectionElement {
    const block = document.createElement('tbody');
    if (this.blockRows) {
      block.className = BLOCK;
      block.setAttribute('role', 'rowgroup');
    }
    this.table.appendChild(block);
    this._blocks.push(block);
    this._count = 0;
    return block;
  }

  private readonly _depthOf: (row: HTMLTableRowElement) => number;
  private _blocks: HTMLTableSectionElement[] = [];
  /** Rows in the last block. */
  private _count = 0;
  private _widths: Width[] = [];
  private _columns = '';
}
