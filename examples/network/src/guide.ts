/** What the example prints once the network runs: where each centre is, what to try, the sample credential. */
import type { RunningNetwork } from "./network.ts";

const q = (text: string) => encodeURIComponent(text);

/** The lines to print, for a credential saved at `credentialFile`. */
export function guideOf(network: RunningNetwork, credentialFile: string): string[] {
  const { centres, sample } = network;
  const lines = ["", "The network is up. Each centre is a real process with its own database:"];
  for (const centre of Object.values(centres)) {
    lines.push(
      "",
      `  ${centre.plan.name} (${centre.plan.role}${centre.plan.superior ? `, under ${centres[centre.plan.superior].plan.name}` : ""})`,
      `    ${centre.url}   ${centre.did}`,
      `    entity configuration  ${centre.url}/.well-known/openid-federation`,
      `    its catalogue         ${centre.url}/catalogue/courses`,
      `    its feed              ${centre.url}/federation/feed/changes?after=0`,
      `    admin token           ${centre.adminToken}`,
    );
  }
  const { nairobi, seniors, headquarters } = centres;
  lines.push(
    "",
    `Every centre follows the three others: ${network.courseCount} courses in Chinese, English, Swahili and French`,
    "are searchable at each one. Try:",
    `  curl -s '${nairobi.url}/catalogue/search?q=${q("数字技能")}&lang=zh'        # Chinese, at Nairobi`,
    `  curl -s '${seniors.url}/catalogue/search?q=${q("usimamizi wa maji")}&lang=sw'   # Swahili, at the seniors' university`,
    `  curl -s '${headquarters.url}/catalogue/search?audience=seniors&level=1-2'      # seniors' courses, EQF 1-2`,
    `  curl -s '${nairobi.url}/catalogue/search?q=${q("swahili débutants")}&lang=fr'       # French`,
    "",
    `A micro-credential issued at ${nairobi.plan.name}, saved to`,
    `  ${credentialFile}`,
    `verified at ${seniors.plan.name}: ${sample.verified ? "verified" : "NOT verified"} (HTTP ${sample.status})`,
    `  trust: ${sample.trust?.message ?? JSON.stringify(sample.trust)}`,
    "Verify it yourself at any centre:",
    `  curl -s -X POST ${headquarters.url}/credentials/verify -H 'content-type: application/json' \\`,
    `    -d "{\\"verifiableCredential\\": $(cat ${credentialFile})}"`,
    "",
    "Press Ctrl-C to stop the network.",
  );
  return lines;
}
