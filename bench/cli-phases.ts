/**
 * Issue 15, item 1, by phase: where the CLI's CPU time goes on one input,
 * in one process, with `process.cpuUsage` between the phases (all threads:
 * the garbage collector's helpers are counted where they run).
 *
 *   node .make/bench/cli-phases.js analysis|output FILE OUT
 *
 * The phases are the CLI's own work, in its order: start-up (node and this
 * script), reading and decoding the file (as the floor does), parsing;
 * then, with `output`, the report (the analysis and the stringifying,
 * interleaved as in the CLI, a batch of rows per `JSON.stringify`) and its
 * bytes written to OUT a megabyte at a time, as the CLI writes them (the
 * writes timed apart); with `analysis`, every layer's report built and let
 * go of, nothing written. The analysis is measured apart because the CLI
 * does it between stringifying batches: the bench takes the report's time
 * less the analysis' as the stringifying's. It checks that OUT is byte for
 * byte what the CLI printed, so the phases are the same work. Prints one
 * line of JSON: CPU milliseconds per phase.
 */
const atStart = process.cpuUsage();
import * as fs from 'fs';
import { fullCollection } from '../src/cli-collect';
import { parseText } from '../src/parse';
import { reportSummary, writeReport } from '../src/report';

const ms = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e3;

const phases: Record<string, number> = { startup: ms(atStart) };
let last = process.cpuUsage();
function lap(phase: string): void {
  phases[phase] = ms(process.cpuUsage(last));
  last = process.cpuUsage();
}

const [mode, file, out] = process.argv.slice(2);
const holder = {
  text: new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file)),
  // As the CLI's (src/cli.ts): a decoded input is collected.
  released: () => fullCollection()?.()
};
lap('read');

const summaries = parseText(holder).summaries;
lap('parse');

if (mode === 'analysis') {
  // Every layer's report built, and let go of.
  for (const summary of summaries) {
    reportSummary(summary);
  }
  lap('analysis');
  process.stdout.write(JSON.stringify(phases) + '\n');
} else {
  // As the CLI: the analysis and the stringifying, a batch of rows at a
  // time, each megabyte written as it comes; the writes' CPU time is
  // counted apart.
  const fd = fs.openSync(out, 'w');
  let writing = 0;
  writeReport(summaries, bytes => {
    const before = process.cpuUsage();
    fs.writeSync(fd, bytes);
    writing += ms(process.cpuUsage(before));
  });
  const before = process.cpuUsage();
  fs.closeSync(fd);
  writing += ms(process.cpuUsage(before));
  lap('report');
  phases.report -= writing;
  phases.write = writing;
  process.stdout.write(JSON.stringify(phases) + '\n');
}
