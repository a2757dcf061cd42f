/**
 * A generated, multilingual course catalogue for the search benchmark: a thousand centres in China, Kenya,
 * Senegal, France, Spain and Tanzania, each course titled in its centre's languages (Chinese, English,
 * Swahili, French, Spanish), described in a sentence or two, with a level, credits, a mode and audiences.
 * Deterministic from a seed, so every run searches the same corpus.
 */
import type { SearchableCourse } from "@learnbridge/catalogue";

type Lang = "en" | "zh" | "sw" | "fr" | "es";

// Topics with their names in each language; titles combine a topic with a qualifier.
const TOPICS: readonly Readonly<Record<Lang, string>>[] = [
  {
    en: "digital skills",
    zh: "数字技能",
    sw: "ujuzi wa kidijitali",
    fr: "compétences numériques",
    es: "competencias digitales",
  },
  {
    en: "water management",
    zh: "水资源管理",
    sw: "usimamizi wa maji",
    fr: "gestion de l'eau",
    es: "gestión del agua",
  },
  {
    en: "smartphone use",
    zh: "智能手机使用",
    sw: "matumizi ya simu janja",
    fr: "usage du smartphone",
    es: "uso del teléfono inteligente",
  },
  { en: "solar energy", zh: "太阳能", sw: "nishati ya jua", fr: "énergie solaire", es: "energía solar" },
  {
    en: "small business",
    zh: "小微企业经营",
    sw: "biashara ndogo",
    fr: "petite entreprise",
    es: "pequeña empresa",
  },
  { en: "mobile money", zh: "移动支付", sw: "pesa za simu", fr: "argent mobile", es: "dinero móvil" },
  {
    en: "data analysis",
    zh: "数据分析",
    sw: "uchambuzi wa data",
    fr: "analyse de données",
    es: "análisis de datos",
  },
  {
    en: "elderly care",
    zh: "养老护理",
    sw: "utunzaji wa wazee",
    fr: "soins aux personnes âgées",
    es: "cuidado de mayores",
  },
  { en: "tea growing", zh: "茶叶种植", sw: "kilimo cha chai", fr: "culture du thé", es: "cultivo del té" },
  { en: "calligraphy", zh: "书法", sw: "sanaa ya mwandiko", fr: "calligraphie", es: "caligrafía" },
  { en: "tai chi", zh: "太极拳", sw: "mazoezi ya tai chi", fr: "tai-chi", es: "taichí" },
  { en: "Mandarin Chinese", zh: "汉语", sw: "Kichina", fr: "chinois mandarin", es: "chino mandarín" },
  { en: "Kiswahili", zh: "斯瓦希里语", sw: "Kiswahili", fr: "swahili", es: "suajili" },
  { en: "French", zh: "法语", sw: "Kifaransa", fr: "français", es: "francés" },
  {
    en: "artificial intelligence",
    zh: "人工智能",
    sw: "akili bandia",
    fr: "intelligence artificielle",
    es: "inteligencia artificial",
  },
  {
    en: "online safety",
    zh: "网络安全",
    sw: "usalama mtandaoni",
    fr: "sécurité en ligne",
    es: "seguridad en línea",
  },
  {
    en: "e-commerce",
    zh: "电子商务",
    sw: "biashara mtandao",
    fr: "commerce électronique",
    es: "comercio electrónico",
  },
  { en: "accounting", zh: "会计", sw: "uhasibu", fr: "comptabilité", es: "contabilidad" },
  { en: "nutrition", zh: "营养与健康", sw: "lishe bora", fr: "nutrition", es: "nutrición" },
  { en: "first aid", zh: "急救", sw: "huduma ya kwanza", fr: "premiers secours", es: "primeros auxilios" },
  { en: "photography", zh: "摄影", sw: "upigaji picha", fr: "photographie", es: "fotografía" },
  {
    en: "tourism and hospitality",
    zh: "旅游与酒店服务",
    sw: "utalii na ukarimu",
    fr: "tourisme et hôtellerie",
    es: "turismo y hostelería",
  },
  {
    en: "organic farming",
    zh: "有机农业",
    sw: "kilimo hai",
    fr: "agriculture biologique",
    es: "agricultura ecológica",
  },
  {
    en: "early childhood education",
    zh: "学前教育",
    sw: "elimu ya awali",
    fr: "éducation de la petite enfance",
    es: "educación infantil",
  },
  {
    en: "project management",
    zh: "项目管理",
    sw: "usimamizi wa miradi",
    fr: "gestion de projet",
    es: "gestión de proyectos",
  },
  {
    en: "music and choir",
    zh: "音乐与合唱",
    sw: "muziki na kwaya",
    fr: "musique et chorale",
    es: "música y coro",
  },
  {
    en: "household finance",
    zh: "家庭理财",
    sw: "fedha za kaya",
    fr: "finances du foyer",
    es: "finanzas del hogar",
  },
  { en: "programming", zh: "编程", sw: "upangaji programu", fr: "programmation", es: "programación" },
  { en: "logistics", zh: "物流管理", sw: "usafirishaji", fr: "logistique", es: "logística" },
  { en: "public health", zh: "公共卫生", sw: "afya ya jamii", fr: "santé publique", es: "salud pública" },
];

const QUALIFIERS: readonly Readonly<Record<Lang, (topic: string) => string>>[] = [
  {
    en: (t) => `Introduction to ${t}`,
    zh: (t) => `${t}入门`,
    sw: (t) => `Utangulizi wa ${t}`,
    fr: (t) => `Introduction à ${t}`,
    es: (t) => `Introducción a ${t}`,
  },
  {
    en: (t) => `${t} in practice`,
    zh: (t) => `${t}实务`,
    sw: (t) => `${t} kwa vitendo`,
    fr: (t) => `${t} en pratique`,
    es: (t) => `${t} en la práctica`,
  },
  {
    en: (t) => `${t} for seniors`,
    zh: (t) => `老年人${t}`,
    sw: (t) => `${t} kwa wazee`,
    fr: (t) => `${t} pour les seniors`,
    es: (t) => `${t} para mayores`,
  },
  {
    en: (t) => `Advanced ${t}`,
    zh: (t) => `高级${t}`,
    sw: (t) => `${t} ya juu`,
    fr: (t) => `${t} avancé`,
    es: (t) => `${t} avanzado`,
  },
  {
    en: (t) => `Foundations of ${t}`,
    zh: (t) => `${t}基础`,
    sw: (t) => `Misingi ya ${t}`,
    fr: (t) => `Fondements de ${t}`,
    es: (t) => `Fundamentos de ${t}`,
  },
  {
    en: (t) => `${t} for work`,
    zh: (t) => `职场${t}`,
    sw: (t) => `${t} kwa kazi`,
    fr: (t) => `${t} pour l'emploi`,
    es: (t) => `${t} para el empleo`,
  },
];

// Sentences of a description; `*` is replaced by the topic.
const SENTENCES: Readonly<Record<Lang, readonly string[]>> = {
  en: [
    "A short course on * with weekly practice and a final assessment.",
    "Learners apply * to real tasks from their community and workplace.",
    "Taught by experienced tutors, with recorded lectures and live tutorials.",
    "No prior study is needed; bring a phone or a laptop.",
    "Credits count toward a micro-major in the national credit bank.",
  ],
  zh: [
    "本课程系统介绍*，每周练习并有期末考核。",
    "学员将*应用于社区和工作中的实际任务。",
    "由经验丰富的教师授课，提供录播讲座和直播辅导。",
    "无需先修课程，请携带手机或电脑。",
    "学分可计入国家学分银行的微专业。",
  ],
  sw: [
    "Kozi fupi kuhusu * yenye mazoezi ya kila wiki na tathmini ya mwisho.",
    "Wanafunzi hutumia * katika kazi halisi za jamii na mahali pa kazi.",
    "Inafundishwa na wakufunzi wenye uzoefu, kwa mihadhara iliyorekodiwa na mafunzo ya moja kwa moja.",
    "Hakuna masomo ya awali yanayohitajika; leta simu au kompyuta.",
  ],
  fr: [
    "Un cours court sur * avec des exercices chaque semaine et une évaluation finale.",
    "Les apprenants appliquent * à des tâches réelles de leur quartier et de leur travail.",
    "Enseigné par des tuteurs expérimentés, avec des cours enregistrés et des tutorats en direct.",
    "Aucun prérequis ; apportez un téléphone ou un ordinateur.",
  ],
  es: [
    "Un curso breve sobre * con práctica semanal y una evaluación final.",
    "Los estudiantes aplican * a tareas reales de su comunidad y su trabajo.",
    "Impartido por tutores con experiencia, con clases grabadas y tutorías en directo.",
    "No se necesitan estudios previos; traiga un teléfono o un portátil.",
  ],
};

// Where centres are, and the languages their courses are written in (the first is their own).
const REGIONS: readonly { country: string; languages: readonly Lang[]; share: number }[] = [
  { country: "CN", languages: ["zh", "en"], share: 0.45 },
  { country: "KE", languages: ["sw", "en", "zh"], share: 0.15 },
  { country: "TZ", languages: ["sw", "en"], share: 0.1 },
  { country: "SN", languages: ["fr", "en"], share: 0.1 },
  { country: "FR", languages: ["fr", "en", "zh"], share: 0.1 },
  { country: "ES", languages: ["es", "en"], share: 0.1 },
];
const MODES = ["online", "in-person", "blended"] as const;
const AUDIENCES = ["adults", "seniors", "youth", "teachers", "caregivers"] as const;

/** A small, fast, seeded PRNG (mulberry32): the same seed, the same catalogue. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The region whose cumulative share first exceeds `fraction` (0..1). */
function regionOf(fraction: number): (typeof REGIONS)[number] {
  let left = fraction;
  for (const region of REGIONS) {
    left -= region.share;
    if (left < 0) return region;
  }
  return REGIONS[0] as (typeof REGIONS)[number];
}

/** The number of generated centres; course `i` belongs to centre `i % CENTRES`. */
export const CENTRES = 1000;

/**
 * Course number `index` of the corpus of `seed`, with a placeholder proof of a real one's size (search reads
 * records, it does not verify them).
 */
export function generatedCourse(index: number, seed = 1): SearchableCourse & Record<string, unknown> {
  const random = seededRandom(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const centre = index % CENTRES;
  const region = regionOf((centre * 0.618_034) % 1);
  const languages = region.languages.slice(0, 1 + Math.floor(random() * region.languages.length));
  const topic = pick(TOPICS);
  const qualifier = pick(QUALIFIERS);
  const title: Record<string, string> = {};
  const description: Record<string, string> = {};
  for (const lang of languages) {
    title[lang] = qualifier[lang](topic[lang]);
    const sentences = SENTENCES[lang];
    const first = (sentences[0] as string).replace("*", topic[lang]);
    description[lang] = `${first} ${pick(sentences.slice(1)).replace("*", topic[lang])}`;
  }
  const seniors = title.en?.includes("seniors") || title.zh?.startsWith("老年人") || random() < 0.08;
  const audience = [...new Set([pick(AUDIENCES), ...(seniors ? ["seniors"] : [])])];
  const host = `centre-${centre}.${region.country.toLowerCase()}.example`;
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/learnbridge/v1"],
    type: "Course",
    id: `https://${host}/catalogue/courses/c-${index}`,
    owner: `did:web:${host}`,
    version: 1 + Math.floor(random() * 3),
    title,
    description,
    level: { framework: "EQF", value: 1 + Math.floor(random() * 8) },
    credits: { system: "ECTS", value: [1, 2, 3, 4, 5, 6, 10, 15][Math.floor(random() * 8)] as number },
    language: languages.slice(0, 1 + Math.floor(random() * 2)),
    mode: pick(MODES),
    audience,
    country: region.country,
    updated: "2026-11-30T08:00:00Z",
    proof: {
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      proofPurpose: "assertionMethod",
      verificationMethod: `did:web:${host}#key-1`,
      created: "2026-11-30T08:00:00Z",
      proofValue: `z${"5".repeat(87)}`,
    },
  };
}
