// The package's entry on Node (`import ... from 'polyfn'`): the core, with Node's runtime installed.
import './runtime/node.ts';

export * from './core/index.ts';
