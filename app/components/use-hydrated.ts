import { useEffect, useState } from "react";

/** False on the server and without JavaScript; true once the page runs scripts. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
