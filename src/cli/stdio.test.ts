import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { WriteBytes } from "./stdio.js";
import { descriptorOutput } from "./stdio.js";

/** A stand-in for process.stdout that records what it was given and whether it was created. */
function fakeStream(isTTY = false) {
  const received: string[] = [];
  let created = 0;
  const stream = {
    isTTY,
    write(chunk: string | Uint8Array) {
      received.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    },
  } as unknown as NodeJS.WritableStream & { isTTY?: boolean };
  return { received, created: () => created, get: () => (created++, stream) };
}

const errno = (code: string) => Object.assign(new Error(code), { code });

describe("descriptorOutput", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("writes UTF-8 text to the descriptor in order, and a file is not a terminal, without creating the stream", () => {
    const dir = mkdtempSync(join(tmpdir(), "occ-stdio-"));
    dirs.push(dir);
    const file = join(dir, "out.txt");
    const fd = openSync(file, "w");
    const stream = fakeStream(true);
    const out = descriptorOutput(fd, stream.get, () => {});
    out.write("first line ✓\n");
    out.write("second line\n");
    expect(out.isTTY).toBe(false);
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe("first line ✓\nsecond line\n");
    expect(stream.created()).toBe(0);
  });

  it("keeps writing after a partial write", () => {
    const chunks: string[] = [];
    const twoBytesAtATime: WriteBytes = (_fd, data, offset, length) => {
      const n = Math.min(2, length);
      chunks.push(Buffer.from(data.subarray(offset, offset + n)).toString("latin1"));
      return n;
    };
    const out = descriptorOutput(1, fakeStream().get, () => {}, twoBytesAtATime);
    out.write("abcde");
    expect(chunks).toEqual(["ab", "cd", "e"]);
  });

  it("hands the rest to the process stream on EAGAIN and keeps the order afterwards", () => {
    const written: string[] = [];
    let calls = 0;
    const fullAfterThree: WriteBytes = (_fd, data, offset, length) => {
      calls++;
      if (calls > 1) throw errno("EAGAIN");
      written.push(Buffer.from(data.subarray(offset, offset + 3)).toString("utf8"));
      return Math.min(3, length);
    };
    const stream = fakeStream();
    const out = descriptorOutput(1, stream.get, () => {}, fullAfterThree);
    out.write("hello ");
    out.write("world\n");
    expect(written).toEqual(["hel"]);
    expect(stream.received).toEqual(["lo ", "world\n"]);
    expect(stream.created()).toBe(1);
  });

  it("stops quietly once the reader has gone (EPIPE), telling the caller once", () => {
    let gone = 0;
    let calls = 0;
    const closedPipe: WriteBytes = () => {
      calls++;
      throw errno("EPIPE");
    };
    const out = descriptorOutput(1, fakeStream().get, () => gone++, closedPipe);
    out.write("a");
    out.write("b");
    expect(gone).toBe(1);
    expect(calls).toBe(1);
  });

  it("rethrows any other write error", () => {
    const broken: WriteBytes = () => {
      throw errno("EIO");
    };
    const out = descriptorOutput(1, fakeStream().get, () => {}, broken);
    expect(() => out.write("x")).toThrow("EIO");
  });

  it("asks the process stream whether a character device is a terminal", () => {
    const fd = openSync("/dev/null", "w");
    try {
      const terminal = fakeStream(true);
      expect(descriptorOutput(fd, terminal.get, () => {}).isTTY).toBe(true);
      expect(terminal.created()).toBe(1);
      const notTerminal = fakeStream(false);
      expect(descriptorOutput(fd, notTerminal.get, () => {}).isTTY).toBe(false);
    } finally {
      closeSync(fd);
    }
  });
});
