/**
 * "Exact shapes…", the view's offer to load the kernel companion: shown on
 * text summaries only while the glue says a live Python kernel is attached,
 * explained, reachable by keyboard (buttons), and saying what came of it.
 * The offer here is a stand-in for the glue (src/companion/offers.ts),
 * which the Galata test drives against a real kernel.
 */
import { Signal } from '@lumino/signaling';
import type { KernelLink, CompanionOutcome } from '../types';
import {
  buttonNamed,
  buttonsNamed,
  DISPLAY,
  fixtureSummary,
  isShown,
  mount,
  unmountAll
} from './helpers';

class StubOffer implements KernelLink {
  live = false;
  calls = 0;
  outcome: CompanionOutcome = 'loaded';
  readonly changed = new Signal<this, void>(this);
  available(): boolean {
    return this.live;
  }
  async enable(): Promise<CompanionOutcome> {
    this.calls++;
    return this.outcome;
  }
  kernel() {
    return null;
  }
  set(live: boolean): void {
    this.live = live;
    this.changed.emit();
  }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
};

function offerPanel(root: ParentNode): HTMLElement {
  return root.querySelector<HTMLElement>(
    '[role="region"][aria-label="Exact shapes from the kernel"]'
  )!;
}

afterEach(() => {
  unmountAll();
});

describe('the Exact shapes… offer', () => {
  it('shows only while a live Python kernel is attached', () => {
    const offer = new StubOffer();
    const view = mount({
      summary: fixtureSummary(DISPLAY, 'text'),
      kernel: offer
    });
    const toggle = buttonNamed(view.node, 'Exact shapes…');
    expect(isShown(toggle)).toBe(false);
    offer.set(true);
    expect(isShown(toggle)).toBe(true);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    offer.set(false);
    expect(isShown(toggle)).toBe(false);
  });

  it('is not made on a kernel summary (it is exact already)', () => {
    const offer = new StubOffer();
    offer.live = true;
    const view = mount({
      summary: fixtureSummary('kernel/kernel-keras3.ipynb', 'mlp'),
      kernel: offer
    });
    expect(isShown(buttonNamed(view.node, 'Exact shapes…'))).toBe(false);
  });

  it('is not made without the glue', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    expect(isShown(buttonNamed(view.node, 'Exact shapes…'))).toBe(false);
  });

  it('opens an explanation, adds and runs the cell, and says to run the summary again', async () => {
    const offer = new StubOffer();
    offer.live = true;
    const view = mount({
      summary: fixtureSummary(DISPLAY, 'text'),
      kernel: offer
    });
    const toggle = buttonNamed(view.node, 'Exact shapes…');
    expect(toggle.getAttribute('aria-controls')).toBe(offerPanel(view.node).id);
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = offerPanel(view.node);
    expect(isShown(panel)).toBe(true);
    expect(panel.textContent).toContain('read from the text Keras printed');
    expect(panel.querySelector('code')!.textContent).toBe(
      '%load_ext jupyterlab_keras_summary'
    );
    const run = buttonNamed(panel, 'Add and run %load_ext');
    expect(run.type).toBe('button');
    run.click();
    expect(run.disabled).toBe(true);
    const result = panel.querySelector('[role="status"]')!;
    expect(result.textContent).toBe(
      'Running %load_ext jupyterlab_keras_summary…'
    );
    await settle();
    expect(offer.calls).toBe(1);
    expect(run.disabled).toBe(false);
    expect(result.textContent).toBe(
      "Loaded in this notebook's kernel. Run this summary's cell again to see the exact summary."
    );
    toggle.click();
    expect(isShown(panel)).toBe(false);
  });

  it('says what to do when the kernel lacks the package', async () => {
    const offer = new StubOffer();
    offer.live = true;
    offer.outcome = 'missing';
    const view = mount({
      summary: fixtureSummary(DISPLAY, 'text'),
      kernel: offer
    });
    buttonNamed(view.node, 'Exact shapes…').click();
    buttonNamed(view.node, 'Add and run %load_ext').click();
    await settle();
    expect(offerPanel(view.node).textContent).toContain(
      'Install the package there (pip install jupyterlab_keras_summary)'
    );
  });

  it('an offer that throws never breaks the view', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const offer = new StubOffer();
    offer.available = () => {
      throw new Error('broken glue');
    };
    const view = mount({
      summary: fixtureSummary(DISPLAY, 'text'),
      kernel: offer
    });
    expect(buttonsNamed(view.node, 'Exact shapes…')).toHaveLength(1);
    expect(view.node.querySelector('table')).not.toBeNull();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
