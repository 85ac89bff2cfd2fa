import type { ApolloServerPlugin } from '@apollo/server';
import { GRAPHQL_IDE_ASSETS_PATH } from './graphql-ide-assets';

export interface GraphqlIdeOptions {
  /** Where GraphQL is served (the page posts its operations there). */
  endpoint: string;
  /** What the editor shows the first time (afterwards GraphiQL keeps the user's own tabs). */
  defaultQuery: string;
}

/** JSON that may stand inside a <script> element: no "</script>" or "<!--" can form. */
const scriptSafeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function graphqlIdePage(options: GraphqlIdeOptions): string {
  const asset = (file: string) => `${GRAPHQL_IDE_ASSETS_PATH}/${file}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Torg GraphQL</title>
<link rel="stylesheet" href="${asset('graphiql.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-options">${scriptSafeJson(options)}</script>
<script src="${asset('react.js')}"></script>
<script src="${asset('react-dom.js')}"></script>
<script src="${asset('graphiql.js')}"></script>
<script src="${asset('start.js')}"></script>
</body>
</html>
`;
}

/**
 * GraphiQL as Apollo's landing page: what a browser gets for GET /graphql (Apollo answers
 * requests that accept text/html with it). Its files come from GraphqlIdeController.
 */
export function graphqlIdeLandingPage(options: GraphqlIdeOptions): ApolloServerPlugin {
  const html = graphqlIdePage(options);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
