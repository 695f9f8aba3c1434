import http from "node:http";
import type net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { assertCallbackUrlAllowed, guardedLookup, type Resolver } from "@/lib/webhooks/guard";
import { postWebhook } from "@/lib/webhooks/http";

/** The SSRF guard at creation and at connect time, against real sockets on loopback. */

function setAllowed(value: string | undefined) {
  if (value === undefined) delete process.env.WEBHOOK_ALLOWED_HOSTS;
  else process.env.WEBHOOK_ALLOWED_HOSTS = value;
  resetEnvCache();
}

const fixed =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

async function refusal(url: string, resolve?: Resolver): Promise<string> {
  try {
    await assertCallbackUrlAllowed(url, resolve);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("invalid_request");
    expect((err as AppError).message).toMatch(/^callbackUrl: /);
    return (err as AppError).message;
  }
  throw new Error(`${url} was accepted`);
}

interface Receiver {
  url: string;
  port: number;
  hits: string[];
  close: () => Promise<void>;
}

async function receiver(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Receiver> {
  const hits: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe("at creation", () => {
  beforeAll(() => setAllowed(undefined));
  afterAll(() => setAllowed(undefined));

  it.each([
    "http://127.0.0.1/hook",
    "http://127.0.0.1:3000/hook",
    "http://2130706433/hook",
    "http://0x7f000001/hook",
    "http://0x7f.0.0.1/hook",
    "http://0177.0.0.1/hook",
    "http://017700000001/hook",
    "http://127.1/hook",
    "http://0.0.0.0/hook",
    "http://0/hook",
    "http://10.0.0.5/hook",
    "http://172.16.3.4/hook",
    "http://192.168.0.10/hook",
    "http://100.64.1.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://0251.0376.0251.0376/latest/meta-data/",
    "http://224.0.0.251/hook",
    "http://255.255.255.255/hook",
    "http://[::1]/hook",
    "http://[::]/hook",
    "http://[fe80::1]/hook",
    "http://[fc00::1]/hook",
    "http://[fd00:ec2::254]/hook",
    "http://[ff02::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[::ffff:7f00:1]/hook",
    "http://[0:0:0:0:0:ffff:a9fe:a9fe]/hook",
    "http://[::ffff:10.0.0.1]/hook",
    "http://[::127.0.0.1]/hook",
    "http://[64:ff9b::a9fe:a9fe]/hook",
    "http://[2002:7f00:1::]/hook",
  ])("%s → 400 callbackUrl", async (url) => {
    expect(await refusal(url)).toMatch(/not a public/);
  });

  it("names are resolved: loopback, private, metadata or a single private answer among public ones → 400", async () => {
    expect(await refusal("http://localhost:3000/hook")).toMatch(/localhost/);
    expect(await refusal("https://internal.example/hook", fixed("10.0.0.7"))).toMatch(/10\.0\.0\.7/);
    expect(await refusal("https://meta.example/hook", fixed("169.254.169.254"))).toMatch(/linkLocal/);
    expect(await refusal("https://mapped.example/hook", fixed("::ffff:127.0.0.1"))).toMatch(/not a public/);
    expect(await refusal("https://mixed.example/hook", fixed("93.184.215.14", "127.0.0.1"))).toMatch(/127\.0\.0\.1/);
    expect(
      await refusal("https://nowhere.example/hook", async () => {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
      }),
    ).toMatch(/does not resolve/);
  });

  it("non-http(s) schemes and credentials → 400", async () => {
    expect(await refusal("ftp://93.184.215.14/hook")).toMatch(/http\(s\)/);
    expect(await refusal("file:///etc/passwd")).toMatch(/http\(s\)/);
    expect(await refusal("https://user:pw@93.184.215.14/hook")).toMatch(/credentials/);
    expect(await refusal("not a url")).toMatch(/absolute/);
  });

  it("public literals and names that resolve only to public addresses are accepted", async () => {
    await expect(assertCallbackUrlAllowed("https://93.184.215.14/hook")).resolves.toBeInstanceOf(URL);
    await expect(assertCallbackUrlAllowed("https://[2606:4700:4700::1111]/hook")).resolves.toBeInstanceOf(URL);
    await expect(
      assertCallbackUrlAllowed("https://hooks.example/x", fixed("93.184.215.14", "2606:4700:4700::1111")),
    ).resolves.toBeInstanceOf(URL);
  });

  it("WEBHOOK_ALLOWED_HOSTS exempts exactly the listed host (and port)", async () => {
    setAllowed("127.0.0.1:4000,localhost");
    try {
      await expect(assertCallbackUrlAllowed("http://127.0.0.1:4000/hook")).resolves.toBeInstanceOf(URL);
      await expect(assertCallbackUrlAllowed("http://localhost:1234/hook")).resolves.toBeInstanceOf(URL);
      await refusal("http://127.0.0.1:4001/hook");
      await refusal("http://[::1]:4000/hook");
    } finally {
      setAllowed(undefined);
    }
  });
});

describe("at connect time", () => {
  let target: Receiver;
  beforeAll(async () => {
    target = await receiver((_req, res) => res.writeHead(200).end("ok"));
  });
  afterAll(async () => {
    await target.close();
  });
  afterEach(() => setAllowed(undefined));

  it("DNS rebinding: a name that was public at creation and resolves to loopback at delivery is never connected to", async () => {
    let calls = 0;
    // First answer public (the creation check), every later one loopback (the attacker's rebind).
    const rebinding: Resolver = async () => [{ address: calls++ === 0 ? "93.184.215.14" : "127.0.0.1", family: 4 }];
    const url = `http://rebind.example:${target.port}/hook`;
    await expect(assertCallbackUrlAllowed(url, rebinding)).resolves.toBeInstanceOf(URL);
    await expect(postWebhook(url, "{}", {}, { timeoutMs: 5_000, resolve: rebinding })).rejects.toThrow(/127\.0\.0\.1/);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(target.hits).toEqual([]);
  });

  it("the connection uses exactly the addresses the guard checked (pinned), for both lookup shapes", async () => {
    const lookup = guardedLookup(fixed("93.184.215.14", "2606:4700:4700::1111"));
    const all = await new Promise<unknown>((resolve, reject) =>
      lookup("hooks.example", { all: true }, (err, a) => (err ? reject(err) : resolve(a))),
    );
    expect(all).toEqual([
      { address: "93.184.215.14", family: 4 },
      { address: "2606:4700:4700::1111", family: 6 },
    ]);
    const one = await new Promise<unknown[]>((resolve, reject) =>
      lookup("hooks.example", { family: 6 }, (err, a, f) => (err ? reject(err) : resolve([a, f]))),
    );
    expect(one).toEqual(["2606:4700:4700::1111", 6]);
    const refused = await new Promise<Error | null>((resolve) =>
      guardedLookup(fixed("10.0.0.1"))("x.example", { all: true }, (err) => resolve(err)),
    );
    expect(refused?.message).toMatch(/10\.0\.0\.1/);
  });

  it.each(["http://127.0.0.1:PORT/hook", "http://[::ffff:127.0.0.1]:PORT/hook", "http://2130706433:PORT/hook"])(
    "a literal private address (%s) is refused at delivery too (no lookup happens for literals)",
    async (pattern) => {
      await expect(postWebhook(pattern.replace("PORT", String(target.port)), "{}", {}, { timeoutMs: 5_000 })).rejects.toThrow(
        /not a public/,
      );
      expect(target.hits).toEqual([]);
    },
  );

  it("an allowlisted receiver is delivered to; a redirect is not followed", async () => {
    setAllowed("127.0.0.1");
    const redirecting = await receiver((_req, res) => res.writeHead(307, { location: `${target.url}/stolen` }).end());
    try {
      expect(await postWebhook(`${target.url}/direct`, "{}", {}, { timeoutMs: 5_000 })).toEqual({ status: 200 });
      expect(await postWebhook(`${redirecting.url}/hook`, "{}", {}, { timeoutMs: 5_000 })).toEqual({ status: 307 });
      expect(redirecting.hits).toEqual(["POST /hook"]);
      expect(target.hits).toEqual(["POST /direct"]);
    } finally {
      await redirecting.close();
    }
  });

  it("a receiver that never answers fails the attempt after the timeout", async () => {
    setAllowed("127.0.0.1");
    const blackHole = await receiver(() => {});
    try {
      await expect(postWebhook(`${blackHole.url}/hook`, "{}", {}, { timeoutMs: 300 })).rejects.toThrow();
      expect(blackHole.hits).toEqual(["POST /hook"]);
    } finally {
      await blackHole.close();
    }
  });
});
