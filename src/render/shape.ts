/**
 * Split an Output Shape cell, as printed, into plain text and dimensions,
 * each dimension tied to its place in the parsed tensors (tensor, axis).
 *
 * The printed text is kept (`[(None, 32)]`, `{'score': (None, 1)}`, Keras
 * 3's `(None)`), so the table reads like the original. When the printed
 * text and the parsed tensors disagree, the shape is spelled out from the
 * tensors instead. Pure: no DOM.
 */
import type { Dim, TensorShape } from '../parse/types';

export type ShapePart =
  | { kind: 'text'; text: string }
  | { kind: 'dim'; text: string; dim: Dim; tensor: number; axis: number };

interface Token {
  text: string;
  dim?: Dim;
}

function isIdentStart(c: string): boolean {
  return /[A-Za-z_]/.test(c);
}

function isIdentChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Text and dimension tokens of a printed shape; quoted dict keys stay text. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let plain = '';
  const flush = () => {
    if (plain) {
      tokens.push({ text: plain });
      plain = '';
    }
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      const end = close === -1 ? text.length : close + 1;
      plain += text.slice(i, end);
      i = end;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < text.length && isIdentChar(text[j])) {
        j++;
      }
      const word = text.slice(i, j);
      if (word === 'None') {
        flush();
        tokens.push({ text: word, dim: null });
      } else {
        plain += word;
      }
      i = j;
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < text.length && isDigit(text[j])) {
        j++;
      }
      flush();
      const word = text.slice(i, j);
      tokens.push({ text: word, dim: Number(word) });
      i = j;
    } else if (c === '?') {
      flush();
      tokens.push({ text: c, dim: '?' });
      i++;
    } else {
      plain += c;
      i++;
    }
  }
  flush();
  return tokens;
}

/** The shape spelled out from the parsed tensors, the way Keras 3 prints it. */
function spelled(tensors: TensorShape[], keys?: string[]): string {
  const one = (shape: TensorShape) =>
    shape.length === 1 && shape[0] === '?'
      ? '?'
      : `(${shape.map(d => (d === null ? 'None' : String(d))).join(', ')})`;
  if (keys && keys.length === tensors.length) {
    return `{${tensors.map((t, i) => `${keys[i]}: ${one(t)}`).join(', ')}}`;
  }
  if (tensors.length === 1) {
    return one(tensors[0]);
  }
  return `[${tensors.map(one).join(', ')}]`;
}

/** Pair the dimension tokens with the tensors' dimensions, in order. */
function pair(tokens: Token[], tensors: TensorShape[]): ShapePart[] | null {
  const places: { tensor: number; axis: number; dim: Dim }[] = [];
  tensors.forEach((shape, tensor) =>
    shape.forEach((dim, axis) => places.push({ tensor, axis, dim }))
  );
  const parts: ShapePart[] = [];
  let k = 0;
  for (const token of tokens) {
    if (token.dim === undefined) {
      parts.push({ kind: 'text', text: token.text });
      continue;
    }
    const place = places[k++];
    if (!place || place.dim !== token.dim) {
      return null;
    }
    parts.push({ kind: 'dim', text: token.text, ...place });
  }
  return k === places.length ? parts : null;
}

/**
 * The parts of a shape cell: the printed text with every dimension marked,
 * or, when that cannot be matched with `tensors`, the spelled-out shape.
 */
export function shapeParts(
  printed: string,
  tensors: TensorShape[],
  keys?: string[]
): ShapePart[] {
  const matched = pair(tokenize(printed), tensors);
  if (matched) {
    return matched;
  }
  return (
    pair(tokenize(spelled(tensors, keys)), tensors) ?? [
      { kind: 'text', text: printed }
    ]
  );
}
