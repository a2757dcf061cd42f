/**
 * Sample course records for the search contract: a headquarters in China, an open learning centre in Nairobi,
 * a centre in Dakar and a seniors' university, with titles and descriptions in Chinese, English, Swahili and
 * French. Only the fields search reads are filled; these are not signed.
 */
import type { SearchableCourse } from "./search-row.ts";

const HQ = "did:web:hq.example";
const NAIROBI = "did:web:nairobi.example";
const DAKAR = "did:web:dakar.example";
const SENIORS = "did:web:seniors.example";

const course = (owner: string, slug: string, fields: Omit<SearchableCourse, "id" | "owner" | "version">) => ({
  id: `https://${owner.slice("did:web:".length)}/catalogue/courses/${slug}`,
  owner,
  version: 1,
  ...fields,
});

/** Every sample, by a short name the tests use. */
export const SEARCH_SAMPLES = {
  seniorsDigital: course(SENIORS, "digital-skills-for-seniors", {
    title: { zh: "老年人数字技能入门", en: "Getting started with smartphones" },
    description: {
      zh: "学习使用智能手机、视频通话和网上挂号。",
      en: "Video calls and booking appointments.",
    },
    level: { framework: "EQF", value: 2 },
    credits: { system: "ECTS", value: 2 },
    language: ["zh-Hans"],
    mode: "in-person",
    audience: ["seniors"],
    country: "CN",
  }),
  calligraphy: course(SENIORS, "calligraphy", {
    title: { zh: "中华传统文化与书法" },
    description: { zh: "楷书基础与传统节日文化。" },
    level: { framework: "EQF", value: 1 },
    credits: { system: "ECTS", value: 1 },
    language: ["zh"],
    mode: "in-person",
    audience: ["seniors"],
    country: "CN",
  }),
  water: course(NAIROBI, "water-101", {
    title: { en: "Water management", sw: "Usimamizi wa maji", zh: "水资源管理" },
    description: {
      en: "Rainwater harvesting for small farms.",
      sw: "Uvunaji wa maji ya mvua kwa mashamba madogo.",
    },
    level: { framework: "EQF", value: 4 },
    credits: { system: "ECTS", value: 5 },
    language: ["en", "sw"],
    mode: "online",
    audience: ["adults"],
    country: "KE",
  }),
  entrepreneurship: course(NAIROBI, "biashara-ndogo", {
    title: { sw: "Ujasiriamali na biashara ndogo", en: "Entrepreneurship and small business" },
    description: { sw: "Kuanzisha na kuendesha biashara ndogo.", en: "Start and run a small business." },
    level: { framework: "EQF", value: 5 },
    credits: { system: "ECTS", value: 10 },
    language: ["sw"],
    mode: "blended",
    audience: ["adults", "youth"],
    country: "KE",
  }),
  frenchDigital: course(DAKAR, "competences-numeriques", {
    title: { fr: "Compétences numériques pour l'emploi" },
    description: { fr: "Bureautique, courriel et recherche d'emploi en ligne." },
    level: { framework: "EQF", value: 3 },
    credits: { system: "ECTS", value: 3 },
    language: ["fr"],
    mode: "blended",
    audience: ["adults"],
    country: "SN",
  }),
  marketing: course(HQ, "digital-marketing", {
    title: { en: "Digital marketing basics", zh: "网络营销基础" },
    description: { en: "Advertising online for a small shop." },
    level: { framework: "EQF", value: 4 },
    credits: { system: "ECTS", value: 4 },
    language: ["en", "zh"],
    mode: "online",
    audience: ["adults"],
    country: "CN",
  }),
  photography: course(HQ, "photography", {
    title: { en: "Photography for beginners" },
    description: { en: "Your first digital camera: light, framing and editing." },
    level: { framework: "EQF", value: 2 },
    credits: { system: "ECTS", value: 1.5 },
    language: ["en"],
    mode: "online",
    audience: ["adults", "seniors"],
    country: "CN",
  }),
  ungraded: course(HQ, "open-lecture", {
    title: { en: "Open lecture: the history of tea" },
    language: ["en"],
    mode: "in-person",
    audience: ["adults"],
  }),
} satisfies Record<string, SearchableCourse>;

/** The samples as one list. */
export const SEARCH_SAMPLE_LIST: readonly SearchableCourse[] = Object.values(SEARCH_SAMPLES);
