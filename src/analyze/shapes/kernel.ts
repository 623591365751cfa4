/**
 * "Check in the kernel": ask the live kernel for the shapes the page
 * computed, and say which rows differ. The kernel is anything with
 * `requestExecute` (a `Kernel.IKernelConnection` from `@jupyterlab/services`
 * is one), so this file imports nothing of JupyterLab and tests pass a fake.
 */
import type { Summary } from '../../parse/types';
import type { Sizes } from '../whatif';
import {
  checkRequest,
  type CheckRefusal,
  type CheckRequest,
  compareWithKernel,
  type KernelCheck,
  type KernelComparison,
  readCheckReply
} from './check';
import { computeShapes } from './engine';
import type { ExactShapes } from './types';

/** What this needs of a kernel connection (`Kernel.IKernelConnection` has it). */
export interface CheckKernel {
  requestExecute(
    content: CheckRequest,
    disposeOnDone?: boolean
  ): { done: Promise<{ content: unknown }> };
}

export interface KernelCheckOutcome {
  /** The request was not sent (no token, no size), or the kernel's answer. */
  refused: CheckRefusal | null;
  check: KernelCheck | null;
  /** The page's shapes for the same sizes, and where they differ from the kernel's (when it answered `ok`). */
  page: ExactShapes;
  comparison: KernelComparison | null;
}

/**
 * Check `sizes` in the kernel. Never throws: a kernel that dies or answers
 * nothing readable gives `check.status: 'error'`.
 */
export async function checkInKernel(
  kernel: CheckKernel,
  summary: Summary,
  sizes: Sizes,
  page: ExactShapes = computeShapes(summary, sizes)
): Promise<KernelCheckOutcome> {
  const request = checkRequest(summary, sizes);
  if ('refused' in request) {
    return { refused: request.refused, check: null, page, comparison: null };
  }
  let check: KernelCheck;
  try {
    const reply = await kernel.requestExecute(request, true).done;
    check = readCheckReply(reply?.content);
  } catch (error) {
    check = {
      status: 'error',
      reason: error instanceof Error ? error.message : String(error),
      valid: null,
      tensors: new Map(),
      errors: []
    };
  }
  const comparison =
    check.status === 'ok' ? compareWithKernel(summary, page, check) : null;
  return { refused: null, check, page, comparison };
}
