import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Colleague, ConsoleApi } from "./client/api-client.ts";
import type { Router } from "./router.ts";

/** What every screen needs, passed in once (tests give fakes at the edges: fetch, clock, storage). */
export interface ConsoleServices {
  api: ConsoleApi;
  router: Router;
  now: () => Date;
  storage: Storage | undefined;
  /** Says a message in the page's `role="status"` region (saved, note added…). */
  announce: (message: string) => void;
  /** Colleagues one may assign to, loaded once after login; empty until then or if the call failed. */
  colleagues: Colleague[];
}

/** The services of the mounted console. */
export const ServicesContext = createContext<ConsoleServices | undefined>(
  undefined,
);

/** Reads the services; only components rendered by `App` use it. */
export function useServices(): ConsoleServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices outside of <App>");
  return services;
}
