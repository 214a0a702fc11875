// What server.js passes to every loader and action.
declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    /** A keyed hash of the client address (never the address), replaced every hour. */
    clientKey?: string;
    /**
     * Set by an action whose outcome is the whole page (the questionnaire's POSTs): Remix still
     * runs the route's loader after it, and the loader need not make what the page will not show.
     */
    answeredByAction?: boolean;
  }
}

// Single fetch (remix.config.js future flag) changes how loader and action data are typed.
declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
