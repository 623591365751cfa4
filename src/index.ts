import plugin from './plugin';

export { PLUGIN_ID, CommandIDs, wrapFactories } from './plugin';
export { InterceptContext } from './intercept/context';
export { readSettings, DEFAULT_SETTINGS } from './intercept/settings';
export type { InterceptSettings } from './intercept/settings';

export default plugin;
