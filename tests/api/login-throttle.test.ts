import { describe, expect, it } from "vitest";
import { createFixedClock } from "../../api/clock.ts";
import { createMemoryLoginFailures } from "../../api/store/memory-login-failures.ts";
import { createLoginThrottle } from "../../api/support/login-throttle.ts";

// Issue 11, item 2: the throttle's memory bound must not forget the accounts under attack.

const victim = { email: "cible@test.fr", address: "198.51.100.1" };

/** A throttle whose victim account already waits (six failures from six addresses). */
async function underAttack(maxKeys?: number) {
  const clock = createFixedClock("2026-11-29T10:00:00Z");
  const failures = createMemoryLoginFailures(
    maxKeys === undefined ? {} : { maxKeys },
  );
  const throttle = createLoginThrottle({ clock, failures });
  for (let i = 0; i < 5; i++)
    expect(
      await throttle.admit({ ...victim, address: `198.51.100.${i}` }),
    ).toBe(0);
  expect(await throttle.admit(victim)).toBe(1000);
  return { clock, throttle, failures };
}

describe("login throttle", () => {
  it("still slows an account under attack after failures on 120,000 other accounts from as many addresses", async () => {
    const { throttle } = await underAttack();
    for (let i = 0; i < 120_000; i++)
      await throttle.admit({ email: `x${i}@spray.test`, address: `10.${i}` });
    expect(await throttle.admit(victim)).toBe(1000);
    expect(await throttle.admit({ ...victim, address: "203.0.113.50" })).toBe(
      1000,
    );
  });

  it("keeps its memory bounded by forgetting the least recently failed keys first", async () => {
    const { throttle, failures } = await underAttack(1000);
    for (let i = 0; i < 20_000; i++)
      await throttle.admit({ email: `x${i}@spray.test`, address: `10.${i}` });
    expect(await throttle.admit(victim)).toBe(1000);
    // Three tables (accounts, addresses, pairs), none past its bound.
    expect(failures.size()).toBeLessThanOrEqual(3 * 1000);
  });

  it("keeps memory bounded even when every key throttles, forgetting the oldest past twice the bound", async () => {
    const { throttle, failures } = await underAttack(1000);
    // 5,000 accounts, each made to wait by five failures: all protected, so the hard bound applies.
    for (let i = 0; i < 5_000; i++)
      for (let n = 0; n < 5; n++)
        await throttle.admit({
          email: `x${i}@spray.test`,
          address: `10.${i}.${n}`,
        });
    expect(failures.size()).toBeLessThanOrEqual(3 * 2.1 * 1000);
    expect(
      await throttle.admit({ email: "x4999@spray.test", address: "10.0.0.1" }),
    ).toBeGreaterThan(0);
  });

  it("forgets an account's failures once its right password got in, whatever the address", async () => {
    const { clock, throttle } = await underAttack();
    clock.advance(1000);
    const owner = { ...victim, address: "192.0.2.10" };
    expect(await throttle.admit(owner)).toBe(0);
    await throttle.succeeded(owner);
    for (let i = 0; i < 5; i++)
      expect(await throttle.admit({ ...victim, address: `192.0.2.${i}` })).toBe(
        0,
      );
  });
});
