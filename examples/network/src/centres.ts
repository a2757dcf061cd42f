/**
 * The four centres of the example network and their places in it: the open university's headquarters (the
 * operator's trust anchor), a provincial branch (an intermediate), the open learning centre in Nairobi
 * (a leaf under the branch) and a seniors' university branch (a leaf under the headquarters). Each says
 * who enrols it, which trust marks it is given and by whom, its profile, and the courses it publishes.
 */
import {
  HEADQUARTERS_COURSES,
  NAIROBI_COURSES,
  PROVINCIAL_COURSES,
  type SampleCourse,
  SENIORS_COURSES,
} from "./catalogues.ts";

/** Trust mark types (OpenID Federation trust marks as Learnbridge defines them). */
export const MARK = {
  accredited: "https://w3id.org/learnbridge/trust-marks/accredited-centre",
  issuer: "https://w3id.org/learnbridge/trust-marks/microcredential-issuer",
  recogniser: "https://w3id.org/learnbridge/trust-marks/credit-recogniser",
} as const;

export type CentreKey = "headquarters" | "branch" | "nairobi" | "seniors";

/** A trust mark one centre gives another (or, for the anchor, itself). */
export interface MarkGrant {
  readonly type: string;
  /** Key of the centre that issues it. */
  readonly by: CentreKey;
  /** For a micro-credential issuer mark: up to which EQF level, in which ISCED-F fields, where. */
  readonly scope?: {
    readonly max_eqf_level: number;
    readonly fields: readonly string[];
    readonly jurisdiction: string;
  };
}

export interface CentrePlan {
  readonly key: CentreKey;
  readonly role: "anchor" | "intermediate" | "leaf";
  /** The organisation's name in its entity configuration. */
  readonly name: string;
  /** The awarding body its credentials name (PUT /profile). */
  readonly profile: {
    readonly name: Readonly<Record<string, string>>;
    readonly sourceLanguage: string;
    readonly country: string;
  };
  /** The superior that enrols it (none for the anchor). */
  readonly superior?: CentreKey;
  readonly marks: readonly MarkGrant[];
  readonly courses: readonly SampleCourse[];
}

/** The network, superiors before their subordinates. */
export const CENTRES: readonly CentrePlan[] = [
  {
    key: "headquarters",
    role: "anchor",
    name: "Open University Headquarters",
    profile: {
      name: { en: "Open University Headquarters", zh: "开放大学总部" },
      sourceLanguage: "zh",
      country: "CN",
    },
    // No superior accredits the anchor: it issues its own marks (sub = itself), and followers and verifiers
    // judge its courses and credentials by them, as they judge everyone's.
    marks: [
      { type: MARK.accredited, by: "headquarters" },
      {
        type: MARK.issuer,
        by: "headquarters",
        scope: { max_eqf_level: 6, fields: ["02", "04", "05", "06"], jurisdiction: "CN" },
      },
    ],
    courses: HEADQUARTERS_COURSES,
  },
  {
    key: "branch",
    role: "intermediate",
    name: "Yunnan Provincial Branch",
    profile: {
      name: { zh: "云南分部", en: "Yunnan Provincial Branch" },
      sourceLanguage: "zh",
      country: "CN",
    },
    superior: "headquarters",
    marks: [
      { type: MARK.accredited, by: "headquarters" },
      {
        type: MARK.issuer,
        by: "headquarters",
        scope: { max_eqf_level: 5, fields: ["01", "04", "08", "09", "10"], jurisdiction: "CN" },
      },
    ],
    courses: PROVINCIAL_COURSES,
  },
  {
    key: "nairobi",
    role: "leaf",
    name: "Nairobi Open Learning Centre",
    profile: {
      name: {
        en: "Nairobi Open Learning Centre",
        sw: "Kituo cha Mafunzo Huria Nairobi",
        zh: "内罗毕开放学习中心",
      },
      sourceLanguage: "en",
      country: "KE",
    },
    superior: "branch",
    marks: [
      { type: MARK.accredited, by: "branch" },
      {
        type: MARK.issuer,
        by: "branch",
        scope: { max_eqf_level: 5, fields: ["04", "05", "07", "023"], jurisdiction: "KE" },
      },
    ],
    courses: NAIROBI_COURSES,
  },
  {
    key: "seniors",
    role: "leaf",
    name: "Seniors' University, Hangzhou Branch",
    profile: {
      name: { zh: "老年大学杭州分校", en: "Seniors' University, Hangzhou Branch" },
      sourceLanguage: "zh",
      country: "CN",
    },
    superior: "headquarters",
    marks: [
      { type: MARK.accredited, by: "headquarters" },
      {
        type: MARK.issuer,
        by: "headquarters",
        scope: { max_eqf_level: 3, fields: ["02", "06", "09"], jurisdiction: "CN" },
      },
    ],
    courses: SENIORS_COURSES,
  },
];

/** Which centres may issue which marks (the anchor's FEDERATION_TRUST_MARK_ISSUERS), by key. */
export const MARK_ISSUERS: Readonly<Record<string, readonly CentreKey[]>> = {
  [MARK.accredited]: ["headquarters", "branch"],
  [MARK.issuer]: ["headquarters", "branch"],
  [MARK.recogniser]: ["headquarters"],
};
