/**
 * Routes opt in to framework JavaScript with `handle = { hydrate: true }` (staff pages).
 * Everything else, and above all every survivor page, is plain HTML (docs/decisions/002).
 */
export type RouteHandle = {
  hydrate?: boolean;
  public?: boolean;
  /** The page offers its own language switch; the public header then shows none. */
  languageSwitchInPage?: boolean;
};

/**
 * Whether a page with these route handles (root first, as matched) loads framework
 * JavaScript: some route asks for it (`hydrate: true`) and none refuses it (`hydrate: false`).
 * The root layout decides with it whether to render `<Scripts>`, and the server entry whether
 * the page can be rendered at once as a string (decision 049).
 */
export function pageHydrates(handles: readonly unknown[]): boolean {
  const flags = handles.map((handle) => (handle as RouteHandle | undefined)?.hydrate);
  if (flags.includes(false)) return false;
  return flags.includes(true);
}
