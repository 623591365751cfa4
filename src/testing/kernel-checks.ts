/**
 * The kernel's own shapes at random sizes, beside the payloads they are
 * for: `fixtures/kernel/kernel-whatif.json` (the companion's fixtures,
 * payloads in `fixtures/kernel/kernel-*.ipynb`) and `fixtures/kernel-shapes.json` (the shape
 * engine's own models, payloads inline), both captured in real kernels by
 * `make fixtures`. Test-only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PAYLOAD_MIME_TYPE } from '../parse/payload-types';
import type { Payload } from '../parse/payload-types';
import { readPayload } from '../parse/payload';
import type { Summary } from '../parse/types';
import { FIXTURES_DIR, loadNotebook } from './fixtures';

/** What `check_sizes` returned. */
export interface KernelResult {
  status: string;
  valid?: boolean;
  tensors?: Record<string, (number | null)[] | null>;
  errors?: { row: number; node: number; message: string }[];
  reason?: string;
}

export interface KernelCheck {
  sizes: Record<string, number>;
  result: KernelResult;
}

export interface KernelCase {
  /** `kernel-keras3/unet#0`. */
  name: string;
  flavour: string;
  summary: Summary;
  payload: Payload;
  /** The text Keras printed beside the payload. */
  text: string;
  checks: KernelCheck[];
}

interface WhatIfEntry {
  summary: number;
  model: string;
  payload?: Payload;
  text?: string;
  checks: KernelCheck[];
}

type WhatIfFile = Record<string, Record<string, WhatIfEntry[]>>;

const joined = (v: unknown): string =>
  Array.isArray(v) ? v.join('') : String(v ?? '');

/** The payloads (and their text) of each cell of a kernel fixture notebook, by cell id. */
function notebookPayloads(
  file: string
): Map<string, { payload: Payload; text: string }[]> {
  const { nb } = loadNotebook(file);
  const found = new Map<string, { payload: Payload; text: string }[]>();
  for (const cell of nb.cells as any[]) {
    for (const output of cell.outputs ?? []) {
      const data = output.data ?? {};
      if (data[PAYLOAD_MIME_TYPE]) {
        const list = found.get(String(cell.id)) ?? [];
        list.push({
          payload: data[PAYLOAD_MIME_TYPE],
          text: joined(data['text/plain'])
        });
        found.set(String(cell.id), list);
      }
    }
  }
  return found;
}

function read(file: string): WhatIfFile {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf-8'));
}

function summaryOf(payload: Payload, text: string, name: string): Summary {
  const reading = readPayload(payload, text);
  if (!reading.summary) {
    throw new Error(`${name}: ${reading.error}`);
  }
  return reading.summary;
}

/** Every summary with kernel checks, from both files. */
export function kernelCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [flavour, cells] of Object.entries(
    read('kernel/kernel-whatif.json')
  )) {
    const payloads = notebookPayloads(`kernel/${flavour}.ipynb`);
    for (const [cell, entries] of Object.entries(cells)) {
      for (const entry of entries) {
        const name = `${flavour}/${cell}#${entry.summary}`;
        const found = payloads.get(cell)?.[entry.summary];
        if (!found) {
          throw new Error(`${name}: no payload in kernel/${flavour}.ipynb`);
        }
        cases.push({
          name,
          flavour,
          payload: found.payload,
          text: found.text,
          summary: summaryOf(found.payload, found.text, name),
          checks: entry.checks
        });
      }
    }
  }
  const own = path.join(FIXTURES_DIR, 'kernel-shapes.json');
  if (fs.existsSync(own)) {
    const file = read('kernel-shapes.json') as unknown as {
      flavours: WhatIfFile;
    };
    for (const [flavour, models] of Object.entries(file.flavours)) {
      for (const [id, entries] of Object.entries(models)) {
        for (const entry of entries) {
          const name = `shapes:${flavour}/${id}#${entry.summary}`;
          if (!entry.payload) {
            throw new Error(`${name}: no payload`);
          }
          cases.push({
            name,
            flavour,
            payload: entry.payload,
            text: entry.text ?? '',
            summary: summaryOf(entry.payload, entry.text ?? '', name),
            checks: entry.checks
          });
        }
      }
    }
  }
  return cases;
}
