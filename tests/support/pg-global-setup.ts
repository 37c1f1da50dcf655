import type { TestProject } from "vitest/node";
import { startPgCluster } from "./pg-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A superuser URL of the run's PostgreSQL server (tests/support/pg-database.ts makes databases on it). */
    pgAdminUrl: string;
  }
}

/**
 * vitest globalSetup of the `pg` project: one throw-away cluster for the whole run, or the server of
 * TEST_DATABASE_URL when set (its user must be allowed to CREATE DATABASE). The returned teardown runs
 * after the last test file, failed or not.
 */
export default async function setup(project: TestProject) {
  const existing = process.env.TEST_DATABASE_URL?.trim();
  if (existing) {
    project.provide("pgAdminUrl", existing);
    return;
  }
  const cluster = await startPgCluster();
  project.provide("pgAdminUrl", cluster.url);
  return cluster.stop;
}
