/**
 * "Check in the kernel", the pure part: the execute request that asks the
 * companion's `check_sizes(token, sizes)` for every tensor's shape (a
 * silent request whose `user_expressions` carry the call: no output, no
 * history), reading its reply, and which rows the kernel's shapes differ
 * from the page's.
 *
 * The token and the sizes are written into Python code, so only a token of
 * `[A-Za-z0-9_:-]+`, source ids of `[A-Za-z0-9_.]+` and whole sizes go in.
 */
import type { Summary } from '../../parse/types';
import { isSize, type Sizes } from '../whatif';
import { planOf } from './graph';
import type { ExactShapes, Shape, ShapeFlag } from './types';

/** The `user_expressions` key the reply's value comes back under. */
export const CHECK_KEY = 'c';

const TOKEN = /^[A-Za-z0-9_:-]+$/;
const SOURCE_ID = /^[A-Za-z0-9_.]+$/;

/** The content of the execute request (`KernelMessage.IExecuteRequestMsg['content']`). */
export interface CheckRequest {
  code: string;
  silent: boolean;
  store_history: boolean;
  user_expressions: Record<string, string>;
  allow_stdin: boolean;
  stop_on_error: boolean;
}

/** Why no request can be made: no token (the kernel could not hold the model), or no size given. */
export type CheckRefusal = 'token' | 'sizes';

/** The token a summary's model has in its kernel, when it can be checked. */
export function tokenOf(summary: Summary): string | null {
  const token = summary.kernel?.model?.token;
  return typeof token === 'string' && TOKEN.test(token) ? token : null;
}

/**
 * The request for `check_sizes(token, sizes)`: only the summary's source
 * ids with whole sizes of 1 or more are sent (the kernel reads nothing
 * else); a refusal when the token or every size is unfit.
 */
export function checkRequest(
  summary: Summary,
  sizes: Sizes | null | undefined
): CheckRequest | { refused: CheckRefusal } {
  const token = tokenOf(summary);
  if (!token) {
    return { refused: 'token' };
  }
  const sources = new Set(planOf(summary)?.sources.map(s => s.id) ?? []);
  const sent: Record<string, number> = {};
  for (const [key, value] of Object.entries(sizes ?? {})) {
    if (sources.has(key) && SOURCE_ID.test(key) && isSize(value)) {
      sent[key] = value;
    }
  }
  if (Object.keys(sent).length === 0) {
    return { refused: 'sizes' };
  }
  return {
    code: 'pass',
    silent: true,
    store_history: false,
    user_expressions: { [CHECK_KEY]: checkExpression(token, sent) },
    allow_stdin: false,
    stop_on_error: false
  };
}

/**
 * The Python expression: the token as a string literal and the sizes as a
 * dict literal (JSON of validated keys and integers is valid Python).
 */
export function checkExpression(
  token: string,
  sizes: Record<string, number>
): string {
  if (!TOKEN.test(token)) {
    throw new Error('invalid token');
  }
  for (const [key, value] of Object.entries(sizes)) {
    if (!SOURCE_ID.test(key) || !isSize(value)) {
      throw new Error('invalid size');
    }
  }
  return `__import__('jupyterlab_keras_summary').check_sizes('${token}', ${JSON.stringify(sizes)})`;
}

/**
 * What the kernel said: `ok` with shapes and errors; `gone` (the model is
 * no longer in the kernel), `unavailable`/`unsupported`/`skipped` (it cannot
 * be walked there), `failed` (the check itself failed); `missing` (the
 * kernel has no companion to ask: the expression raised); `error` (no
 * reply that can be read).
 */
export interface KernelCheck {
  status:
    | 'ok'
    | 'gone'
    | 'unavailable'
    | 'unsupported'
    | 'skipped'
    | 'failed'
    | 'missing'
    | 'error';
  /** The kernel's reason (its own words), when not `ok`. */
  reason: string | null;
  valid: boolean | null;
  /** Tensor id → shape, for every tensor the kernel computed. */
  tensors: Map<number, Shape | null>;
  /** Calls that cannot take the sizes, with Keras's message. */
  errors: { row: number; node: number; message: string }[];
}

const STATUSES = new Set([
  'ok',
  'gone',
  'unavailable',
  'unsupported',
  'skipped',
  'failed'
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function failure(
  status: KernelCheck['status'],
  reason: string | null
): KernelCheck {
  return { status, reason, valid: null, tensors: new Map(), errors: [] };
}

/** The kernel's answer from an execute reply's content (`reply.content`). */
export function readCheckReply(content: unknown): KernelCheck {
  if (!isObject(content) || content.status !== 'ok') {
    const why =
      isObject(content) && typeof content.evalue === 'string'
        ? content.evalue
        : null;
    return failure('error', why);
  }
  const value = isObject(content.user_expressions)
    ? content.user_expressions[CHECK_KEY]
    : undefined;
  if (!isObject(value)) {
    return failure('error', null);
  }
  if (value.status !== 'ok') {
    const name = typeof value.ename === 'string' ? value.ename : '';
    const text = typeof value.evalue === 'string' ? value.evalue : '';
    return failure(
      name === 'ModuleNotFoundError' ? 'missing' : 'error',
      `${name}: ${text}`
    );
  }
  const data = isObject(value.data)
    ? value.data['application/json']
    : undefined;
  if (!isObject(data) || typeof data.status !== 'string') {
    return failure('error', null);
  }
  const reason = typeof data.reason === 'string' ? data.reason : null;
  if (data.status !== 'ok') {
    return failure(
      STATUSES.has(data.status)
        ? (data.status as KernelCheck['status'])
        : 'failed',
      reason
    );
  }
  const tensors = new Map<number, Shape | null>();
  if (isObject(data.tensors)) {
    for (const [id, shape] of Object.entries(data.tensors)) {
      const t = Number(id);
      if (Number.isInteger(t) && t >= 0) {
        tensors.set(
          t,
          Array.isArray(shape) &&
            shape.every(d => d === null || Number.isInteger(d))
            ? (shape as Shape)
            : null
        );
      }
    }
  }
  const errors = Array.isArray(data.errors)
    ? data.errors
        .filter(
          (e): e is { row: number; node: number; message: unknown } =>
            isObject(e) && Number.isInteger(e.row) && Number.isInteger(e.node)
        )
        .map(e => ({
          row: e.row,
          node: e.node,
          message: String(e.message ?? '')
        }))
    : [];
  return {
    status: 'ok',
    reason: null,
    valid: typeof data.valid === 'boolean' ? data.valid : errors.length === 0,
    tensors,
    errors
  };
}

/** A row where the kernel and the page disagree. */
export interface RowDifference {
  row: number;
  /** The output tensors that differ: the page's shape and the kernel's (null: not computed there). */
  tensors: { tensor: number; page: Shape | null; kernel: Shape | null }[];
  /** The page's flag on the row and the kernel's message, when only one of them flags it. */
  pageFlag: ShapeFlag | null;
  kernelError: string | null;
}

export interface KernelComparison {
  /** True when every row agrees (tensors and flags). */
  agree: boolean;
  rows: RowDifference[];
}

const sameShape = (a: Shape | null, b: Shape | null) =>
  a === b ||
  (!!a && !!b && a.length === b.length && a.every((d, k) => d === b[k]));

/**
 * Which rows' outputs or flags differ between the page's shapes and the
 * kernel's check for the same sizes. A size the page has not computed
 * (null) while the kernel has one counts as a difference: the view marks
 * it for the user to see what the kernel knows.
 */
export function compareWithKernel(
  summary: Summary,
  page: ExactShapes,
  kernel: KernelCheck
): KernelComparison {
  const rows: RowDifference[] = [];
  summary.layers.forEach((layer, i) => {
    const nodes = layer.kernel?.nodes ?? [];
    const tensors: RowDifference['tensors'] = [];
    for (const node of nodes) {
      for (const t of node.out) {
        const mine = page.tensors[t] ?? null;
        const theirs = kernel.tensors.get(t) ?? null;
        if (!sameShape(mine, theirs)) {
          tensors.push({ tensor: t, page: mine, kernel: theirs });
        }
      }
    }
    const pageFlag = page.flags.find(f => f.row === i)?.flag ?? null;
    const kernelError = kernel.errors.find(e => e.row === i)?.message ?? null;
    const flagsDiffer = (pageFlag === null) !== (kernelError === null);
    if (tensors.length > 0 || flagsDiffer) {
      rows.push({
        row: i,
        tensors,
        pageFlag: flagsDiffer ? pageFlag : null,
        kernelError: flagsDiffer ? kernelError : null
      });
    }
  });
  return { agree: rows.length === 0, rows };
}
