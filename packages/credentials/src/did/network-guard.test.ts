import { describe, expect, it } from "vitest";
import { isBlockedHost } from "./network-guard.ts";

describe("isBlockedHost (pure: no traffic)", () => {
  const blocked = [
    "10.0.0.1",
    "10.255.255.255",
    "172.16.0.1",
    "172.31.255.254",
    "192.168.1.10",
    "127.0.0.1",
    "127.8.9.10",
    "169.254.169.254",
    "0.0.0.0",
    "100.64.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "[::1]",
    "::",
    "fc00::1",
    "fd12:3456:789a::1",
    "fe80::1",
    "febf::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "[::ffff:10.1.2.3]",
    "::ffff:7f00:1",
    "64:ff9b::a9fe:a9fe", // NAT64 of 169.254.169.254
    "2002:c0a8:0101::1", // 6to4 of 192.168.1.1
    "localhost",
    "LOCALHOST",
    "localhost.",
    "foo.localhost",
    "a.b.localhost",
    // Alternative IPv4 spellings a fetch would still send to loopback.
    "0x7f.0.0.1",
    "2130706433",
    "0177.0.0.1",
    // Unparseable hosts are refused rather than guessed at.
    "exa mple.com",
    "fe80::1%eth0",
  ];
  for (const host of blocked) {
    it(`refuses ${host}`, () => expect(isBlockedHost(host)).toBe(true));
  }

  const allowed = [
    "example.edu",
    "issuer.example.co.uk",
    "notlocalhost.com",
    "localhost.example.com",
    "8.8.8.8",
    "9.255.255.255",
    "11.0.0.1",
    "172.15.255.255",
    "172.32.0.1",
    "192.169.0.1",
    "169.253.1.1",
    "100.128.0.1",
    "2001:4860:4860::8888",
    "[2606:4700::1111]",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "fbff::1",
    "2a00::1",
  ];
  for (const host of allowed) {
    it(`allows ${host}`, () => expect(isBlockedHost(host)).toBe(false));
  }
});
