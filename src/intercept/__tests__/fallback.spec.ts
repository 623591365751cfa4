/**
 * Whatever goes wrong inside the parser or the view, the output still shows:
 * the wrappers fall back to the original renderer and never throw.
 */
import {
  cell,
  HTML,
  htmls,
  registries,
  render,
  STDOUT,
  streams,
  textBlocks,
  views
} from './helpers';

const failures = { parse: false, view: false };

jest.mock('../../parse', () => {
  const actual = jest.requireActual('../../parse');
  const guard =
    (name: string) =>
    (...args: unknown[]) => {
      if (failures.parse) {
        throw new Error(`${name} failed`);
      }
      return actual[name](...args);
    };
  return {
    ...actual,
    parseText: guard('parseText'),
    parseParts: guard('parseParts')
  };
});

jest.mock('../../render', () => {
  const actual = jest.requireActual('../../render');
  class FailingView extends actual.SummaryView {
    constructor(o: unknown) {
      if (failures.view) {
        throw new Error('view failed');
      }
      super(o);
    }
  }
  return { ...actual, SummaryView: FailingView };
});

describe('when something throws', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    failures.parse = failures.view = false;
    warn.mockRestore();
    document.body.innerHTML = '';
  });

  it.each(['parse', 'view'] as const)(
    'a stream shows as text when the %s fails',
    async what => {
      failures[what] = true;
      const { plain, wrapped } = registries();
      const [text] = streams(cell('tfkeras2.ipynb', 'print_around'));
      const r = await render(wrapped, STDOUT, text);
      const a = await render(plain, STDOUT, text);
      expect(views(r)).toHaveLength(0);
      expect(textBlocks(r).join('')).toBe(text);
      expect(r.node.firstElementChild!.outerHTML).toBe(a.node.outerHTML);
      expect(warn).toHaveBeenCalled();
    }
  );

  it.each(['parse', 'view'] as const)(
    'rich HTML shows as is when the %s fails',
    async what => {
      failures[what] = true;
      const { plain, wrapped } = registries();
      const [, table] = htmls(cell('keras3-display.ipynb', 'mlp'));
      const r = await render(wrapped, HTML, table);
      const a = await render(plain, HTML, table);
      expect(views(r)).toHaveLength(0);
      expect(r.node.firstElementChild!.outerHTML).toBe(a.node.outerHTML);
      expect(warn).toHaveBeenCalled();
    }
  );
});
