#!/usr/bin/env node
/**
 * keras-summary: find Keras model summaries in a text, rich HTML or a
 * notebook, and print them as JSON.
 *
 *   keras-summary parse [FILE|-] [--compact] [--contract=1|2]
 *
 * `--contract=1` prints the JSON's first shape (every fact in every row),
 * kept for one release; the default is contract 2 (see src/report.ts).
 *
 * Exit codes: 0 success (also when no summary is found), 2 unreadable input
 * or bad usage. Errors are one line on stderr, never a stack trace.
 */
import * as fs from 'fs';
import { fullCollection } from './cli-collect';
import { NotebookError, parseNotebookJson, parseText } from './parse';
import { Contract, CONTRACT, writeReport } from './report';
import type { HandedText, Summary } from './parse';

const USAGE =
  'usage: keras-summary parse [FILE|-] [--compact] [--contract=1|2]';

class InputError extends Error {}

/** Inputs from this size on are collected once the parser has decoded them (src/cli-collect.ts). */
const LARGE_INPUT = 1 << 23;

function readInput(file: string): HandedText & { name: string } {
  let bytes: Buffer;
  try {
    if (file === '-') {
      bytes = fs.readFileSync(0);
    } else {
      const stat = fs.statSync(file);
      if (stat.isDirectory()) {
        throw new InputError(`${file}: is a directory`);
      }
      bytes = fs.readFileSync(file);
    }
  } catch (e) {
    if (e instanceof InputError) {
      throw e;
    }
    const err = e as NodeJS.ErrnoException;
    const reason =
      err.code === 'ENOENT'
        ? 'no such file'
        : err.code === 'EACCES'
          ? 'permission denied'
          : err.message;
    throw new InputError(
      `${file === '-' ? 'stdin' : file}: cannot read: ${reason}`
    );
  }
  const name = file === '-' ? 'stdin' : file;
  if (bytes.includes(0)) {
    throw new InputError(`${name}: binary file (it holds NUL bytes), not text`);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return {
      text,
      name,
      // Made when called: most inputs are not decoded into a new string.
      released:
        text.length >= LARGE_INPUT ? () => fullCollection()?.() : undefined
    };
  } catch {
    throw new InputError(`${name}: not valid UTF-8 text`);
  }
}

/**
 * Takes the holder, not the string: a string read in `main`'s frame would
 * stay alive in it for the whole run, past the parser letting go of it.
 */
function isNotebook(file: string, input: HandedText): boolean {
  if (file.toLowerCase().endsWith('.ipynb')) {
    return true;
  }
  const head = input.text.trimStart();
  return head.startsWith('{') && /"cells"\s*:/.test(head.slice(0, 100000));
}

export function main(argv: string[]): number {
  let compact = false;
  let contract: Contract | null = CONTRACT;
  const args: string[] = [];
  for (const arg of argv) {
    if (arg === '--compact') {
      compact = true;
    } else if (arg.startsWith('--contract=')) {
      const value = arg.slice('--contract='.length);
      contract = value === '1' ? 1 : value === '2' ? 2 : null;
    } else {
      args.push(arg);
    }
  }
  if (args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args[0] !== 'parse' || args.length > 2 || contract === null) {
    process.stderr.write(`keras-summary: ${USAGE}\n`);
    return 2;
  }
  const file = args[1] ?? '-';
  try {
    // Held in the object only: the parser lets go of the text once decoded.
    const input = readInput(file);
    let summaries: Summary[];
    if (isNotebook(file, input)) {
      try {
        summaries = parseNotebookJson(input.text, { markdown: true });
      } catch (e) {
        if (e instanceof NotebookError) {
          throw new InputError(`${input.name}: ${e.message}`);
        }
        throw e;
      }
    } else {
      summaries = parseText(input).summaries;
    }
    // Each chunk ends on a whole character; as a Buffer it is also text.
    writeReport(
      summaries,
      bytes =>
        process.stdout.write(
          Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
        ),
      {
        compact,
        contract
      }
    );
    return 0;
  } catch (e) {
    const message =
      e instanceof InputError
        ? e.message
        : `internal error: ${(e as Error).message}`;
    process.stderr.write(`keras-summary: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
