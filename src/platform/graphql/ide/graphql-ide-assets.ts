import { dirname, join } from 'node:path';

/**
 * The GraphQL IDE's files, served by Torg itself from installed packages (no CDN: it works
 * offline). GraphiQL 3.8's ready-made browser bundle (the same one @nestjs/apollo's `graphiql`
 * option loads from unpkg) runs on React 18's UMD builds, so no bundler is needed.
 */
export const GRAPHQL_IDE_ASSETS_PATH = '/graphql-ide';

/** Where a file of an installed package is (through its package.json, which every package here exports). */
const packageFile = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

/** The files by the name the page asks for; nothing else is served. */
export const GRAPHQL_IDE_FILES: Record<string, { path: string; type: string }> = {
  'react.js': { path: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { path: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { path: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { path: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

/**
 * Starts GraphiQL with the options the page carries in a JSON block (a script file of its own,
 * not inline code, so a Content-Security-Policy of script-src 'self' would allow it).
 */
export const GRAPHQL_IDE_START_SCRIPT = `'use strict';
const options = JSON.parse(document.getElementById('graphiql-options').textContent);
const fetcher = GraphiQL.createFetcher({ url: options.endpoint });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery: options.defaultQuery, defaultEditorToolsVisibility: 'headers', shouldPersistHeaders: true }),
);
`;
