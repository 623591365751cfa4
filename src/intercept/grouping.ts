/**
 * Groups the outputs of one Keras 3 summary. rich sends the heading, the
 * table and every totals line as separate display outputs; each html wrapper
 * joins the coordinator of its output area while attached, and the
 * coordinator walks the area's outputs in order: a table output takes the
 * heading just before it and the totals lines just after it into its view,
 * and the outputs it took are hidden. Display only: no model is touched, so
 * the saved notebook keeps every output as Keras wrote it. Without a table
 * output nothing is grouped and every piece shows as before. The empty rich
 * output that `summary(print_fn=print)` leaves before its stream is hidden
 * too when the stream shows the summary.
 */
import { canContinue, mergeSummaries, summariesAcross } from '../parse';
import type { StreamItem, Summary } from '../parse';
import type { RichPiece } from './pieces';

/** An output area (one cell's outputs). */
export const AREA_CLASS = 'jp-OutputArea';
/** One output (prompt and rendered output) within an area. */
export const AREA_CHILD_CLASS = 'jp-OutputArea-child';
/** Added to outputs taken into a table's view: they are hidden. */
export const ABSORBED_CLASS = 'jp-KerasSummary-absorbed';

/** What a stdout stream output offers its area's group (see `RenderedStreamSummary`). */
export interface StreamPart {
  /** The output's own text. */
  text(): string;
  /** The whole summaries in a text, as this output would show them. */
  read(text: string): { start: number; end: number }[];
  /** Show `joined` (its text and the outputs' after it), or its own text (null). */
  show(joined: string | null): void;
}

/** The MIME type of stderr streams (JupyterLab's renderers mark their node with it). */
const STDERR_MIME_TYPE = 'application/vnd.jupyter.stderr';

export interface GroupMember {
  readonly node: HTMLElement;
  /** What this output holds, or null when it is not a summary piece. */
  readonly piece: RichPiece | null;
  /**
   * An empty rich output: `summary(print_fn=print)` makes rich send one
   * before the stream that holds the summary. Hidden when a summary follows.
   */
  readonly blank: boolean;
  /** Whether this output shows a summary view (a stream with a summary). */
  readonly showsSummary: boolean;
  /** A stdout stream whose text may hold part of a summary; absent or null otherwise. */
  readonly stream?: StreamPart | null;
  /**
   * Called on table members with the members whose pieces make up their
   * summary, in output order (the table member included).
   */
  setGroup(members: ReadonlyArray<GroupMember>): void;
}

/** Merge the pieces of a group in order. */
export function mergeGroup(members: ReadonlyArray<GroupMember>): Summary {
  let merged: Summary | null = null;
  for (const m of members) {
    const s = m.piece!.summary;
    merged = merged ? mergeSummaries(merged, s, false) : s;
  }
  return merged!;
}

class AreaGroups {
  constructor(readonly area: HTMLElement) {
    this._observer =
      typeof MutationObserver === 'undefined'
        ? null
        : new MutationObserver(() => this.schedule());
    this._observer?.observe(area, { childList: true });
  }

  readonly members = new Set<GroupMember>();

  schedule(): void {
    if (this._scheduled) {
      return;
    }
    this._scheduled = true;
    queueMicrotask(() => {
      this._scheduled = false;
      try {
        this.regroup();
      } catch (error) {
        console.warn('keras-summary: could not group summary outputs.', error);
        // Every table still shows, on its own.
        for (const m of this.members) {
          if (m.piece?.part === 'table') {
            try {
              m.setGroup([m]);
            } catch {
              // That member falls back to its original renderer itself.
            }
          }
        }
      }
    });
  }

  dispose(): void {
    this._observer?.disconnect();
    for (const child of Array.from(this.area.children)) {
      child.classList.remove(ABSORBED_CLASS);
    }
  }

  regroup(): void {
    const byChild = new Map<Element, GroupMember>();
    for (const m of this.members) {
      const child = m.node.closest(`.${AREA_CHILD_CLASS}`);
      if (child && child.parentElement === this.area) {
        byChild.set(child, m);
      }
    }
    const children = Array.from(this.area.children).filter(c =>
      c.classList.contains(AREA_CHILD_CLASS)
    );
    const pieceAt = (i: number) =>
      i >= 0 && i < children.length ? byChild.get(children[i]) : undefined;
    const absorbed = new Set<Element>();
    const groups = new Map<GroupMember, GroupMember[]>();
    children.forEach((child, i) => {
      const table = pieceAt(i);
      if (!table?.piece || table.piece.part !== 'table') {
        return;
      }
      const group = [table];
      const before = pieceAt(i - 1);
      if (
        before?.piece?.part === 'heading' &&
        !absorbed.has(children[i - 1]) &&
        canContinue(before.piece.summary, table.piece.summary)
      ) {
        group.unshift(before);
        absorbed.add(children[i - 1]);
      }
      let merged = mergeGroup(group);
      for (let j = i + 1; j < children.length; j++) {
        const next = pieceAt(j);
        if (
          next?.piece?.part !== 'totals' ||
          !canContinue(merged, next.piece.summary)
        ) {
          break;
        }
        group.push(next);
        absorbed.add(children[j]);
        merged = mergeSummaries(merged, next.piece.summary, false);
      }
      groups.set(table, group);
    });
    children.forEach((child, i) => {
      const next = pieceAt(i + 1);
      if (
        pieceAt(i)?.blank &&
        next &&
        (next.showsSummary || next.piece?.part === 'table')
      ) {
        absorbed.add(child);
      }
    });
    // A summary printed over several stdout outputs (a stderr line came
    // between two of its lines): the first shows it whole, the others hide.
    const joined = new Map<GroupMember, string>();
    const items = children.map((child, i): StreamItem => {
      const m = pieceAt(i);
      if (m?.stream) {
        return { kind: 'stream', name: 'stdout', text: m.stream.text() };
      }
      if (m?.blank) {
        return { kind: 'blank' };
      }
      return !m && child.querySelector(`[data-mime-type="${STDERR_MIME_TYPE}"]`)
        ? { kind: 'stream', name: 'stderr', text: '' }
        : { kind: 'other' };
    });
    if (items.filter(it => it.kind === 'stream').length > 1) {
      // The members share their settings: the first one reads for all.
      const reader = children
        .map((_, i) => pieceAt(i)?.stream)
        .find(stream => stream);
      const read = (text: string) => reader?.read(text) ?? [];
      for (const span of summariesAcross(items, read)) {
        joined.set(pieceAt(span.first)!, span.text);
        for (const j of span.rest) {
          absorbed.add(children[j]);
        }
      }
    }
    for (const m of this.members) {
      m.stream?.show(joined.get(m) ?? null);
    }
    for (const child of children) {
      child.classList.toggle(ABSORBED_CLASS, absorbed.has(child));
    }
    for (const m of this.members) {
      if (m.piece?.part === 'table') {
        m.setGroup(groups.get(m) ?? [m]);
      }
    }
  }

  private _scheduled = false;
  private readonly _observer: MutationObserver | null;
}

const areas = new Map<HTMLElement, AreaGroups>();
const memberArea = new Map<GroupMember, AreaGroups>();

/** The output area a node sits in, or null (a mime document, a test host). */
function areaOf(node: HTMLElement): HTMLElement | null {
  const child = node.closest(`.${AREA_CHILD_CLASS}`);
  const area = child?.parentElement;
  return area && area.classList.contains(AREA_CLASS) ? area : null;
}

/**
 * Join the group of the output area `member` sits in (call when attached).
 * Returns whether it sits in one: its group is then made in a microtask.
 */
export function joinArea(member: GroupMember): boolean {
  const area = areaOf(member.node);
  const current = memberArea.get(member);
  if (current && current.area === area) {
    current.schedule();
    return true;
  }
  if (current) {
    leaveArea(member);
  }
  if (!area) {
    return false;
  }
  let groups = areas.get(area);
  if (!groups) {
    groups = new AreaGroups(area);
    areas.set(area, groups);
  }
  groups.members.add(member);
  memberArea.set(member, groups);
  groups.schedule();
  return true;
}

/** Leave the group (call when detached or disposed). */
export function leaveArea(member: GroupMember): void {
  const groups = memberArea.get(member);
  if (!groups) {
    return;
  }
  memberArea.delete(member);
  groups.members.delete(member);
  if (groups.members.size === 0) {
    areas.delete(groups.area);
    groups.dispose();
  } else {
    groups.schedule();
  }
}
