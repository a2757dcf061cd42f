import { describe, expect, it } from "vitest";
import { parseJobCsv } from "./job-csv.ts";

const HEADER = "learner_did,achievement_id,achievement_name,achievement_description,criteria,grade";

describe("parseJobCsv", () => {
  it("reads a spreadsheet's CSV: BOM, CRLF, quotes, commas and non-Latin text; empty cells are absent", () => {
    const csv = `\uFEFF${HEADER}\r\ndid:example:1,https://x.example/a,"Data, Analysis","He said ""go""",Passed,\r\n\r\ndid:example:2,https://x.example/a,数据分析,描述,通过,A\r\n`;
    expect(parseJobCsv(csv)).toEqual([
      {
        learner_did: "did:example:1",
        achievement_id: "https://x.example/a",
        achievement_name: "Data, Analysis",
        achievement_description: 'He said "go"',
        criteria: "Passed",
      },
      {
        learner_did: "did:example:2",
        achievement_id: "https://x.example/a",
        achievement_name: "数据分析",
        achievement_description: "描述",
        criteria: "通过",
        grade: "A",
      },
    ]);
  });

  it("takes header names in any case and order, with a learner email instead of a DID", () => {
    const csv =
      "Criteria,ACHIEVEMENT_ID,achievement_name,achievement_description,learner_email\nok,https://x.example/a,n,d,a@b.org\n";
    expect(parseJobCsv(csv)).toEqual([
      {
        criteria: "ok",
        achievement_id: "https://x.example/a",
        achievement_name: "n",
        achievement_description: "d",
        learner_email: "a@b.org",
      },
    ]);
  });

  it("refuses what is not a job table, naming why: BAD_REQUEST", () => {
    const cases: [string, RegExp][] = [
      ["", /empty/],
      [`${HEADER},colour\n`, /unknown CSV column\(s\): colour/],
      [
        "achievement_id,achievement_name,achievement_description,criteria\n",
        /lacks column\(s\): learner_did or learner_email/,
      ],
      [`${HEADER},grade\n`, /grade appears twice/],
      [`${HEADER}\ndid:example:1,https://x.example/a,n,d\n`, /cannot be read/],
      [`${HEADER}\n"unclosed,https://x.example/a,n,d,c,A\n`, /cannot be read/],
    ];
    for (const [csv, message] of cases) {
      expect(() => parseJobCsv(csv), csv).toThrow(message);
      try {
        parseJobCsv(csv);
      } catch (error) {
        expect((error as { code?: string }).code).toBe("BAD_REQUEST");
      }
    }
  });
});
