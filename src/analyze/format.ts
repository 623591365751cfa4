/** Counts are formatted in the parser's layer (payload rows need it too); analysis callers import it from here. */
export { formatCount } from '../parse/format';
