import { beforeEach, describe, expect, it } from "vitest";
import {
  followUpToken,
  MY_REQUESTS_DAYS as CONTRACT_DAYS,
  MY_REQUESTS_MAX as CONTRACT_MAX,
} from "../../../api/contract/follow-up.ts";
import type { CreatedRequest } from "../../../api/contract/request.ts";
import {
  FOLLOW_UP_URL_RE,
  MY_REQUESTS_DAYS,
  MY_REQUESTS_MAX,
  type MyRequest,
} from "../../../widget/panel/my-requests.ts";
import { createOutbox, type Outbox } from "../../../widget/panel/outbox.ts";
import { makeRequestBody } from "../../support/factories.ts";
import { MemoryStorage } from "../../support/widget/memory-storage.ts";

// « Mes demandes » as kept in the browser (issue 10): what an acknowledgement writes, and nothing else.
const KEY = "snu-aide:demandes:moncompte";
const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 2, 9, 30);
let clock = START;
let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  clock = START;
});
const outbox = (platform = "moncompte") =>
  createOutbox(
    () => storage,
    platform,
    () => clock,
  );

const token = (n: number) => `tok${String(n).padStart(3, "0")}`.padEnd(32, "x");
const url = (n: number) => `https://aide.example/suivi/${token(n)}`;
/** The 201 of request `n`; `followUpUrl: null` plays an older server, which sends none. */
const created = (n: number, followUpUrl: string | null = url(n)) => {
  const value: CreatedRequest = {
    reference: `SNU-2026-${String(n).padStart(6, "0")}`,
    createdAt: "2026-03-02T09:30:00.000Z",
  };
  if (followUpUrl !== null) value.followUpUrl = followUpUrl;
  return value;
};
/** The request body as sent (what the outbox kept), with the identity the host gave, if any. */
const body = (userId?: string) => {
  const request = makeRequestBody();
  request.context.identity = { role: "young", ...(userId ? { userId } : {}) };
  return JSON.stringify(request);
};
const acknowledge = (box: Outbox, n: number, userId?: string) =>
  box.settle({ created: created(n), email: "" }, body(userId));
const stored = () =>
  JSON.parse(storage.getItem(KEY) ?? "null") as MyRequest[] | null;

describe("an acknowledged request", () => {
  it("is remembered with its reference, follow-up link, when it was sent and its owner", () => {
    acknowledge(outbox(), 1, "user-a");

    expect(stored()).toEqual([
      {
        reference: "SNU-2026-000001",
        followUpUrl: url(1),
        sentAt: START,
        owner: "user-a",
      },
    ]);
  });

  it("has no owner when the host gave no userId", () => {
    acknowledge(outbox(), 1);

    expect(stored()).toEqual([
      { reference: "SNU-2026-000001", followUpUrl: url(1), sentAt: START },
    ]);
  });

  it("keeps the newest 10 of the platform", () => {
    const box = outbox();
    for (let n = 1; n <= 12; n++) {
      acknowledge(box, n, n % 2 ? "user-a" : undefined);
      clock += 1_000;
    }

    expect(stored()!.map((entry) => entry.reference)).toEqual(
      Array.from(
        { length: 10 },
        (_, i) => `SNU-2026-${String(i + 3).padStart(6, "0")}`,
      ),
    );
  });

  it("drops the requests sent more than 90 days ago when it is written", () => {
    const box = outbox();
    acknowledge(box, 1);
    clock += 60 * DAY;
    acknowledge(box, 2);
    clock = START + 90 * DAY + 1;

    acknowledge(box, 3);

    expect(stored()!.map((entry) => entry.reference)).toEqual([
      "SNU-2026-000002",
      "SNU-2026-000003",
    ]);
  });

  it("is kept per platform", () => {
    acknowledge(outbox("admin"), 1);

    expect(storage.getItem(KEY)).toBeNull();
    expect(
      JSON.parse(storage.getItem("snu-aide:demandes:admin")!),
    ).toHaveLength(1);
  });

  it("replaces a list changed by hand that is not a list, and drops entries of the wrong shape", () => {
    storage.setItem(KEY, JSON.stringify({ not: "a list" }));
    acknowledge(outbox(), 1);
    expect(stored()).toHaveLength(1);

    storage.setItem(KEY, JSON.stringify([null, "x", 3, { sentAt: "hier" }]));
    acknowledge(outbox(), 2);
    expect(stored()!.map((entry) => entry.reference)).toEqual([
      "SNU-2026-000002",
    ]);
  });

  it.each([
    ["without a follow-up link (an older server)", null],
    ["with a javascript: link", `javascript:alert(1)//${token(1)}`],
    ["with a data: link", `data:text/html,${token(1)}`],
    ["with a link that has no token", "https://aide.example/suivi/"],
  ])("is not remembered %s", (_, followUpUrl) => {
    outbox().settle({ created: created(1, followUpUrl), email: "" }, body());

    expect(storage.getItem(KEY)).toBeNull();
  });
});

describe("nothing else is written", () => {
  it("writes nothing for a waiting submission, a refusal or an expired one", () => {
    const box = outbox();
    box.put({ key: "k", body: body("user-a"), draft: {} as never });
    box.settle({ refused: "validation_failed" });
    box.settle({ refused: "expired" });

    expect(storage.getItem(KEY)).toBeNull();
  });

  it("keeps the list in memory when storage is refused, and never throws", () => {
    storage.refused = true;
    const box = outbox();

    acknowledge(box, 1);

    expect(box.requests.get()).toHaveLength(1);
  });
});

describe("the widget's copy of the contract", () => {
  it("keeps at most as many requests, for as many days, as the contract says", () => {
    expect(MY_REQUESTS_MAX).toBe(CONTRACT_MAX);
    expect(MY_REQUESTS_DAYS).toBe(CONTRACT_DAYS);
  });

  it.each([
    url(1),
    `http://127.0.0.1:3000/suivi/${token(2)}`,
    `https://aide.example/suivi/${token(3).slice(1)}`,
    `https://aide.example/suivi/${token(4)}x`,
    `https://aide.example/suivi/${token(5).replace("x", "+")}`,
    `https://aide.example/suivi/${token(6)}?a=1`,
    `ftp://aide.example/suivi/${token(7)}`,
    `javascript:alert(1)//${token(8)}`,
  ])(
    "accepts %s as the contract does (an http(s) URL ending with a token)",
    (value) => {
      expect(FOLLOW_UP_URL_RE.test(value)).toBe(
        /^https?:\/\//.test(value) && followUpToken(value) !== undefined,
      );
    },
  );
});
