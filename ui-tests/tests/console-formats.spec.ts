/**
 * Summaries printed away from the notebook display (fixtures/BRANCHES.md):
 * rich's ASCII box (a console that is not UTF-8), rich's SQUARE box (a
 * legacy Windows console) and tf-keras lines logged through absl, each
 * captured for real (`make fixtures`). On stdout they show as tables; on
 * stderr (a log) JupyterLab's own rendering stays, every character of it.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  collectErrors,
  openFixture,
  outputOf,
  realErrors,
  summaries
} from './helpers';

test.describe('summaries from consoles and logs', () => {
  test("rich's ASCII and SQUARE boxes on stdout show as tables", async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    const file = 'keras3-other.ipynb';
    await openFixture(page, tmpPath, file);
    for (const [id, rows] of [
      ['cp1252_console', 2],
      ['cp437_console', 13],
      ['legacy_console', 2]
    ] as const) {
      const summary = summaries(outputOf(page, file, id));
      await expect(summary).toHaveCount(1);
      // The header row and one row per layer.
      await expect(summary.getByRole('grid').getByRole('row')).toHaveCount(
        rows + 1
      );
    }
    const nested = summaries(outputOf(page, file, 'cp437_console'));
    await expect(nested.getByRole('grid')).toContainText('block_bn');
    await nested.getByRole('button', { name: 'Show original text' }).click();
    await expect(nested.getByRole('grid')).toBeHidden();
    await expect(nested).toContainText('|    └ block_conv (Conv2D)');
    expect(realErrors(errors)).toEqual([]);
  });

  test('absl-prefixed lines: a table on stdout, the log left as it is on stderr', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    const file = 'tfkeras2-absl.ipynb';
    await openFixture(page, tmpPath, file);
    const script = summaries(outputOf(page, file, 'absl_glog'));
    await expect(script).toHaveCount(1);
    await expect(script.getByRole('grid').getByRole('row')).toHaveCount(4);
    // The original text keeps absl's prefix on every line.
    await script.getByRole('button', { name: 'Show original text' }).click();
    await expect(script).toContainText(
      /I\d{4} [\d:.]+ +\d+ layer_utils\.py:461\] {2}score \(Dense\)/
    );

    const logged = outputOf(page, file, 'absl_lines');
    await expect(summaries(logged)).toHaveCount(0);
    const stderr = logged.locator(
      '[data-mime-type="application/vnd.jupyter.stderr"]'
    );
    await expect(stderr).toContainText('INFO:absl: Layer (type)');
    await expect(stderr).toContainText(
      'INFO:absl:Total params: 13 (52.00 Byte)'
    );
    expect(realErrors(errors)).toEqual([]);
  });
});
