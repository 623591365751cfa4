/**
 * The JSON the CLI prints (the contract in the README): a parsed summary
 * with each layer's dimension facts attached. Beside the parser, used by the
 * CLI and by "copy as JSON"; imports nothing from the renderer.
 */
import { analyzeSummary } from './analyze';
import type { Summary } from './parse';

export interface DimReport {
  tensor: number;
  axis: number;
  role: 'batch' | 'variable';
  meaning: string;
  value: number | null;
  lineage: string;
  label: string;
  origin: string | null;
  consumers: string[];
}

export function reportSummary(summary: Summary): Record<string, unknown> {
  const facts = analyzeSummary(summary);
  const nameOf = (row: number | null) =>
    row === null ? null : (summary.layers[row]?.name ?? null);
  const { layers, ...rest } = summary;
  return {
    ...rest,
    layers: layers.map((layer, i) => ({
      ...layer,
      dims: facts.layers[i].dims.map((d): DimReport => ({
        tensor: d.tensor,
        axis: d.axis,
        role: d.role,
        meaning: d.meaning,
        value: d.value === '?' ? null : d.value,
        lineage: d.lineage,
        label: facts.lineageLabels[d.lineage] ?? '',
        origin: nameOf(d.origin),
        consumers: d.consumers.map(r => summary.layers[r].name)
      })),
      // How the Param # comes about, or null when no formula is known.
      formula: facts.layers[i].formula
    }))
  };
}
