/**
 * "Check in the kernel": the request (only a valid token and whole sizes
 * for the summary's own sources go into the Python code), reading the
 * reply in every status the companion answers, comparing with the page,
 * and the whole round trip against a fake kernel answering with what a
 * real kernel answered (`fixtures/kernel-shapes.json`).
 */
import type { Kernel } from '@jupyterlab/services';
import { readPayload } from '../../../parse/payload';
import { kernelCases } from '../../../testing/kernel-checks';
import type { KernelCase, KernelResult } from '../../../testing/kernel-checks';
import {
  checkExpression,
  checkRequest,
  compareWithKernel,
  readCheckReply
} from '../check';
import { computeShapes } from '../engine';
import { checkInKernel, type CheckKernel } from '../kernel';
import { payloadOf } from '../../../testing/payloads';

const CASES = kernelCases();
const find = (name: string): KernelCase => CASES.find(k => k.name === name)!;

/** The reply content a kernel sends for `user_expressions.c`. */
const replyWith = (result: KernelResult | Record<string, unknown>) => ({
  status: 'ok',
  execution_count: 1,
  user_expressions: {
    c: {
      status: 'ok',
      data: { 'application/json': result, 'text/plain': '…' },
      metadata: {}
    }
  }
});

describe('the request', () => {
  const unet = find('kernel-keras3/unet#0');
  const token = unet.payload.model.token as string;

  it('is a silent execute of "pass" whose user expression calls check_sizes', () => {
    const request = checkRequest(unet.summary, {
      batch: 2,
      'i0.1': 64,
      'i0.2': 65,
      s3: 9, // an unknown size's key: the kernel reads only sources
      nonsense: 1,
      'i0.3': 1.5
    });
    expect(request).toEqual({
      code: 'pass',
      silent: true,
      store_history: false,
      user_expressions: {
        c: `__import__('jupyterlab_keras_summary').check_sizes('${token}', {"batch":2,"i0.1":64,"i0.2":65})`
      },
      allow_stdin: false,
      stop_on_error: false
    });
  });

  it('is refused without a usable token or without a size to send', () => {
    expect(
      checkRequest(unet.summary, { batch: 0, 'i0.1': -3, 'i0.2': Number.NaN })
    ).toEqual({ refused: 'sizes' });
    const odd = (t: unknown) => {
      const payload = payloadOf({
        tensors: [[null, 4]],
        inputs: [0],
        axes: { 0: ['s0', null] },
        rows: [],
        token: null
      });
      payload.model.token = t as string;
      return readPayload(payload).summary!;
    };
    for (const t of [
      null,
      '',
      "keras:ab'); __import__('os').system('x'); ('",
      'keras:a b',
      'keras:\n',
      42
    ]) {
      expect(checkRequest(odd(t), { batch: 2 })).toEqual({ refused: 'token' });
    }
    expect('refused' in checkRequest(odd('keras:00ff_-:x'), { batch: 2 })).toBe(
      false
    );
  });

  it('never writes a source id that is not plain into the code', () => {
    const payload = payloadOf({
      tensors: [[null, null]],
      inputs: [0],
      axes: { 0: ['s0', 's1'] },
      rows: []
    });
    payload.dims.sources![1].id = "i0.1': 1}); import os; ({'";
    const summary = readPayload(payload).summary!;
    const request = checkRequest(summary, {
      batch: 2,
      [payload.dims.sources![1].id]: 3
    });
    expect('refused' in request ? '' : request.user_expressions.c).toContain(
      '{"batch":2}'
    );
    expect(() => checkExpression("a'b", { batch: 2 })).toThrow();
    expect(() => checkExpression('keras:1', { "x'": 2 })).toThrow();
    expect(() => checkExpression('keras:1', { batch: 2.5 })).toThrow();
  });
});

describe('the reply', () => {
  it('reads shapes and errors of an ok answer', () => {
    const c = find('shapes:kernel-keras3/conv2d#0');
    const check = c.checks.find(k => k.result.errors?.length)!;
    const read = readCheckReply(replyWith(check.result));
    expect(read.status).toBe('ok');
    expect(read.valid).toBe(false);
    expect([...read.tensors.keys()]).toEqual(
      Object.keys(check.result.tensors!).map(Number)
    );
    expect(read.errors).toEqual(check.result.errors);
  });

  it.each([
    ['gone', 'gone'],
    ['unsupported', 'unsupported'],
    ['unavailable', 'unavailable'],
    ['skipped', 'skipped'],
    ['failed', 'failed'],
    ['something new', 'failed']
  ])('says %s as %s, with the kernel’s reason', (status, expected) => {
    expect(readCheckReply(replyWith({ status, reason: 'why' }))).toMatchObject({
      status: expected,
      reason: 'why',
      tensors: new Map()
    });
  });

  it('tells a kernel without the companion from other failures', () => {
    const raised = (ename: string) => ({
      status: 'ok',
      user_expressions: {
        c: {
          status: 'error',
          ename,
          evalue: 'No module named x',
          traceback: []
        }
      }
    });
    expect(readCheckReply(raised('ModuleNotFoundError')).status).toBe(
      'missing'
    );
    expect(readCheckReply(raised('NameError')).status).toBe('error');
    for (const content of [
      null,
      [],
      'x',
      { status: 'error', evalue: 'busy' },
      { status: 'ok' },
      replyWith({})
    ]) {
      expect(readCheckReply(content).status).toBe('error');
    }
  });
});

describe('page against kernel', () => {
  const c = find('shapes:kernel-keras3/conv2d#0');

  it('agrees on the kernel’s own answers', () => {
    for (const check of c.checks) {
      const page = computeShapes(c.summary, check.sizes);
      expect(
        compareWithKernel(
          c.summary,
          page,
          readCheckReply(replyWith(check.result))
        )
      ).toEqual({
        agree: true,
        rows: []
      });
    }
  });

  it('lists the rows whose tensors or flags differ', () => {
    const check = c.checks.find(k => k.result.valid)!;
    const page = computeShapes(c.summary, check.sizes);
    const kernel = readCheckReply(replyWith(check.result));
    const row = 3;
    const t = c.payload.layers[row].nodes[0].out[0];
    const changed = kernel.tensors
      .get(t)!
      .map((d, k) => (k === 1 ? (d as number) + 1 : d));
    kernel.tensors.set(t, changed);
    kernel.errors.push({ row: 5, node: 0, message: 'ValueError: made up' });
    expect(compareWithKernel(c.summary, page, kernel).rows).toEqual([
      {
        row,
        tensors: [{ tensor: t, page: page.tensors[t], kernel: changed }],
        pageFlag: null,
        kernelError: null
      },
      {
        row: 5,
        tensors: [],
        pageFlag: null,
        kernelError: 'ValueError: made up'
      }
    ]);
  });
});

describe('checkInKernel', () => {
  const c = find('shapes:kernel-keras3/merging#0');

  it('sends the request, reads the answer and compares', async () => {
    const check = c.checks[0];
    const sent: unknown[] = [];
    const kernel: CheckKernel = {
      requestExecute: (content, disposeOnDone) => {
        sent.push([content, disposeOnDone]);
        return { done: Promise.resolve({ content: replyWith(check.result) }) };
      }
    };
    // As JupyterLab's kernel connection: the compiler checks that one fits.
    const connection = kernel as unknown as Kernel.IKernelConnection;
    const outcome = await checkInKernel(connection, c.summary, check.sizes);
    expect(sent).toEqual([[checkRequest(c.summary, check.sizes), true]]);
    expect(outcome.refused).toBeNull();
    expect(outcome.check?.status).toBe('ok');
    expect(outcome.comparison).toEqual({ agree: true, rows: [] });
    expect(outcome.page.flags.length).toBe(check.result.errors!.length);
  });

  it('never throws: a kernel that fails gives an error status', async () => {
    const failing: CheckKernel = {
      requestExecute: () => ({
        done: Promise.reject(new Error('Kernel is dead'))
      })
    };
    const outcome = await checkInKernel(failing, c.summary, c.checks[0].sizes);
    expect(outcome.check).toMatchObject({
      status: 'error',
      reason: 'Kernel is dead'
    });
    expect(outcome.comparison).toBeNull();
    const throwing: CheckKernel = {
      requestExecute: () => {
        throw new Error('no kernel');
      }
    };
    expect(
      (await checkInKernel(throwing, c.summary, c.checks[0].sizes)).check
        ?.status
    ).toBe('error');
  });

  it('does not ask without sizes', async () => {
    const kernel: CheckKernel = { requestExecute: () => fail('asked') };
    expect((await checkInKernel(kernel, c.summary, {})).refused).toBe('sizes');
  });
});
