/**
 * The header's mark of where a summary's facts come from. A summary read
 * from the kernel companion's payload says so, with the Keras version and
 * backend that made it: its names, shapes and dimension sources are exact.
 * A parsed text has no mark (its explanations say what is inferred).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { KernelFacts, Summary } from '../parse';
import { h } from './dom';

/** `Keras 3.15.1, jax`, `tf-keras 2.21.0`: who printed the summary. */
export function producerText(kernel: KernelFacts): string {
  const p = kernel.producer ?? ({} as Partial<KernelFacts['producer']>);
  const name = p.framework === 'tf_keras' ? 'tf-keras' : 'Keras';
  const version =
    typeof p.framework_version === 'string' ? p.framework_version : '';
  const backend =
    p.framework !== 'tf_keras' && typeof p.backend === 'string' && p.backend
      ? `, ${p.backend}`
      : '';
  return `${name}${version ? ' ' + version : ''}${backend}`;
}

/** The dtype policy of the whole model when it is not plain float32, else null. */
export function modelPolicy(kernel: KernelFacts): string | null {
  const policy = kernel.model?.dtype_policy;
  const name = policy && typeof policy.name === 'string' ? policy.name : null;
  return name && name !== 'float32' ? name : null;
}

/** Fill `node` with the mark of `summary`'s source; hides it for a parsed text. */
export function fillSourceMark(
  node: HTMLElement,
  summary: Summary | undefined,
  trans: TranslationBundle
): void {
  node.textContent = '';
  const kernel = summary?.source === 'kernel' ? summary.kernel : undefined;
  node.hidden = !kernel;
  if (!kernel) {
    node.removeAttribute('title');
    return;
  }
  node.appendChild(
    h('span', 'jp-KerasSummary-sourceExact', trans.__('Exact, from the kernel'))
  );
  const producer = producerText(kernel);
  const policy = modelPolicy(kernel);
  node.appendChild(
    h(
      'span',
      'jp-KerasSummary-sourceProducer',
      policy
        ? ` (${trans.__('%1; dtype policy %2', producer, policy)})`
        : ` (${producer})`
    )
  );
  const omitted = (kernel.limits?.omitted ?? []).filter(
    x => typeof x === 'string'
  );
  let title = trans.__(
    'Read from the live model in the kernel by the jupyterlab_keras_summary companion, not from the printed text: full names, exact shapes, real references and where each None comes from.'
  );
  if (omitted.length > 0) {
    title +=
      ' ' +
      trans.__(
        'This model is large: the kernel left out %1 of each layer.',
        omitted.join(', ')
      );
  }
  node.title = title;
}
