import { createContext, useContext, type ReactElement } from "react";

/**
 * The HTML of `children`, rendered once per `key` and kept (app/ui/fragment-cache.server.tsx,
 * decision 066). Provided by entry.server only for a page rendered to a string without
 * framework JavaScript; absent (null) in a browser and on hydrated pages.
 */
export type FragmentCache = (key: string, children: ReactElement) => string;

export const FragmentCacheContext = createContext<FragmentCache | null>(null);

/**
 * `<div className={className}>` around `children`, whose HTML is rendered once per `cacheKey`
 * (and per language) and then reused, on a survivor page rendered on the server; rendered as
 * usual everywhere else. The key must name everything the children's HTML depends on besides
 * the language and the build (template, version, question), and the children must show nothing
 * that comes from the request: never a respondent's answer, an error or a nonce.
 */
export function CachedFragment({
  cacheKey,
  className,
  children,
}: {
  cacheKey: string;
  className: string;
  children: ReactElement;
}) {
  const cache = useContext(FragmentCacheContext);
  if (!cache) return <div className={className}>{children}</div>;
  return (
    <div className={className} dangerouslySetInnerHTML={{ __html: cache(cacheKey, children) }} />
  );
}
