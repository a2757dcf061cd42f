/**
 * Test support: Debian's Chromium driven headless by playwright-core, which never downloads a browser.
 * A missing browser is a failure with the way to install it, never a skip. Each page is watched for what
 * a reader would not see but should never happen: console errors, uncaught errors and CSP violations.
 */
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Launches Chromium headless, offline but for loopback. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (.ci/run does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  });
}

/** A phone: 390×844 CSS pixels at twice the density, touch, reading `locale` first. */
export const phone = (browser: Browser, locale: string): Promise<BrowserContext> =>
  browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
  });

/** A page and what went wrong on it so far. */
export interface WatchedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions, as text. */
  readonly errors: string[];
  /** CSP violations the document reported (`securitypolicyviolation` events), as "directive: blocked". */
  violations(): Promise<string[]>;
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Opens a page in `context` that records console errors and CSP violations. */
export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  // Injected through the DevTools protocol, so the page's own CSP does not stop it.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations?.push(`${event.effectiveDirective}: ${event.blockedURI}`);
    });
  });
  return {
    page,
    errors,
    async violations() {
      const seen = await page.evaluate(() => window.__cspViolations);
      // Undefined would mean the watcher never ran: then "no violation" would prove nothing.
      if (!Array.isArray(seen)) throw new Error("the CSP watcher did not run in the page");
      return seen;
    },
  };
}

/** Elements with text of their own whose computed font size is under `minPx`, as "tag: size: text". */
export function smallText(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const element of document.body.querySelectorAll("*")) {
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? "")
        .join("")
        .trim();
      if (own === "" || element.closest("svg")) continue;
      const size = Number.parseFloat(getComputedStyle(element).fontSize);
      if (size < min) small.push(`${element.tagName.toLowerCase()}: ${size}px: ${own.slice(0, 40)}`);
    }
    return small;
  }, minPx);
}

/**
 * In a right-to-left page, elements laid out as if the page ran left to right: more padding, border or margin
 * on the left than on the right, or text aligned left (a physical `left` where `inline-start` was meant).
 * As "tag.class: property".
 */
export function leftLeaning(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.body.querySelectorAll("main, main *")) {
      if (element.closest("svg")) continue;
      const style = getComputedStyle(element);
      const px = (value: string) => Number.parseFloat(value) || 0;
      const name = `${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ""}`;
      for (const side of ["padding", "margin", "border"] as const) {
        const suffix = side === "border" ? "Width" : "";
        const left = px(style.getPropertyValue(`${side}-left${suffix ? "-width" : ""}`));
        const right = px(style.getPropertyValue(`${side}-right${suffix ? "-width" : ""}`));
        // Auto margins centre a box: both sides equal, so only a real lean is reported.
        if (left > right + 0.5) found.push(`${name}: ${side}-left`);
      }
      if (style.textAlign === "left") found.push(`${name}: text-align left`);
    }
    return found;
  });
}

/** The computed font size (px) and box height of every form control, as "tag#id: size px, height px". */
export function controls(page: Page): Promise<{ name: string; fontSize: number; height: number }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("input:not([type=hidden]), button, select, textarea")].map((element) => ({
      name: `${element.tagName.toLowerCase()}#${element.id}`,
      fontSize: Number.parseFloat(getComputedStyle(element).fontSize),
      height: element.getBoundingClientRect().height,
    })),
  );
}
