import "@remix-run/node";

// Single fetch: loaders and actions return plain objects or data(); this keeps their types exact.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  // What server/app.ts hands every loader and action; clientIp feeds the sign-in throttle.
  interface AppLoadContext {
    requestId: string;
    clientIp: string;
  }
}
