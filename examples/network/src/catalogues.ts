/**
 * The sample catalogues the example network publishes: what each of its four centres teaches, titled and
 * described in the languages its learners read (Chinese, English, Swahili, French), with EQF levels, ECTS
 * credits, modes and audiences, seniors' courses among them. Each entry is what staff send to
 * `POST /catalogue/courses`: a slug and the course's content; the node adds id, owner, version and proof.
 */

/** One course as staff write it. */
export interface SampleCourse {
  readonly slug: string;
  readonly title: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
  readonly level: { readonly framework: "EQF"; readonly value: number };
  readonly credits: { readonly system: "ECTS"; readonly value: number };
  readonly language: readonly string[];
  readonly mode: "online" | "in-person" | "blended";
  readonly audience: readonly string[];
  readonly country: string;
}

const eqf = (value: number) => ({ framework: "EQF", value }) as const;
const ects = (value: number) => ({ system: "ECTS", value }) as const;

/** The headquarters of the open university: national courses, online, in Chinese and English. */
export const HEADQUARTERS_COURSES: readonly SampleCourse[] = [
  {
    slug: "ai-literacy",
    title: {
      zh: "人工智能通识",
      en: "Artificial intelligence literacy",
      fr: "Culture de l'intelligence artificielle",
    },
    description: {
      zh: "了解人工智能的基本原理、常见应用与伦理问题，学会安全地使用生成式工具。",
      en: "How AI systems work, where they are used, their ethical questions, and using generative tools safely.",
    },
    level: eqf(5),
    credits: ects(3),
    language: ["zh", "en"],
    mode: "online",
    audience: ["adults"],
    country: "CN",
  },
  {
    slug: "mandarin-for-beginners",
    title: {
      zh: "汉语入门",
      en: "Mandarin Chinese for beginners",
      sw: "Kichina kwa wanaoanza",
      fr: "Chinois pour débutants",
    },
    description: {
      zh: "面向海外学习者的汉语课程：拼音、日常会话和三百个常用汉字。",
      en: "For learners abroad: pinyin, everyday conversation and the 300 most common characters.",
      sw: "Kwa wanafunzi walio nje ya China: pinyin, mazungumzo ya kila siku na herufi 300 zinazotumika zaidi.",
    },
    level: eqf(2),
    credits: ects(4),
    language: ["zh", "en"],
    mode: "online",
    audience: ["adults", "youth"],
    country: "CN",
  },
  {
    slug: "data-analysis-foundations",
    title: { zh: "数据分析基础", en: "Data analysis foundations" },
    description: {
      zh: "用电子表格整理、汇总和可视化数据，完成一个真实的数据项目。",
      en: "Clean, summarise and chart data in a spreadsheet, ending with a real data project.",
    },
    level: eqf(4),
    credits: ects(5),
    language: ["zh", "en"],
    mode: "online",
    audience: ["adults"],
    country: "CN",
  },
  {
    slug: "rural-e-commerce",
    title: { zh: "乡村电子商务实务", en: "Rural e-commerce in practice" },
    description: {
      zh: "开设网店、拍摄商品、直播带货与物流配送，帮助农产品走向全国。",
      en: "Open an online shop, photograph products, sell by live stream and ship farm produce nationwide.",
    },
    level: eqf(4),
    credits: ects(4),
    language: ["zh"],
    mode: "blended",
    audience: ["adults", "youth"],
    country: "CN",
  },
];

/** A provincial branch: courses for the province's industries, taught in Chinese, some with English. */
export const PROVINCIAL_COURSES: readonly SampleCourse[] = [
  {
    slug: "tea-growing",
    title: { zh: "茶叶种植与加工", en: "Tea growing and processing" },
    description: {
      zh: "普洱茶园管理、采摘标准、杀青与发酵工艺，以及茶叶质量检验。",
      en: "Managing a tea garden, picking standards, fixing and fermentation, and tea quality testing.",
    },
    level: eqf(4),
    credits: ects(4),
    language: ["zh"],
    mode: "blended",
    audience: ["adults"],
    country: "CN",
  },
  {
    slug: "english-for-tourism",
    title: { zh: "旅游接待英语", en: "English for tourism and hospitality" },
    description: {
      zh: "导游讲解、酒店前台和餐饮服务中的英语会话。",
      en: "Spoken English for tour guiding, hotel reception and restaurant service.",
    },
    level: eqf(3),
    credits: ects(3),
    language: ["en", "zh"],
    mode: "in-person",
    audience: ["adults", "youth"],
    country: "CN",
  },
  {
    slug: "community-elderly-care",
    title: { zh: "社区养老护理", en: "Community care for older people" },
    description: {
      zh: "居家与社区养老服务中的日常照护、急救常识和沟通技巧。",
      en: "Daily care, first aid and communication in home and community care for older people.",
    },
    level: eqf(4),
    credits: ects(5),
    language: ["zh"],
    mode: "blended",
    audience: ["adults", "caregivers"],
    country: "CN",
  },
];

/** The open learning centre in Nairobi: courses in English and Swahili, some with Chinese. */
export const NAIROBI_COURSES: readonly SampleCourse[] = [
  {
    slug: "water-management",
    title: { en: "Water management", sw: "Usimamizi wa maji", zh: "水资源管理", fr: "Gestion de l'eau" },
    description: {
      en: "Rainwater harvesting, drip irrigation and keeping a borehole safe for a small farm or a village.",
      sw: "Uvunaji wa maji ya mvua, umwagiliaji kwa matone na kutunza kisima kwa shamba dogo au kijiji.",
    },
    level: eqf(4),
    credits: ects(5),
    language: ["en", "sw"],
    mode: "online",
    audience: ["adults"],
    country: "KE",
  },
  {
    slug: "mobile-money",
    title: {
      en: "Mobile money and digital finance",
      sw: "Pesa za simu na fedha za kidijitali",
      zh: "移动支付与数字金融",
    },
    description: {
      en: "Paying, saving and borrowing by phone, and spotting fraud.",
      sw: "Kulipa, kuweka akiba na kukopa kwa simu, na kutambua ulaghai.",
    },
    level: eqf(3),
    credits: ects(2),
    language: ["sw", "en"],
    mode: "blended",
    audience: ["adults", "youth"],
    country: "KE",
  },
  {
    slug: "kiswahili-for-beginners",
    title: {
      sw: "Kiswahili kwa wanaoanza",
      en: "Kiswahili for beginners",
      zh: "斯瓦希里语入门",
      fr: "Le swahili pour débutants",
    },
    description: {
      sw: "Salamu, kujitambulisha, kununua sokoni na kusafiri.",
      en: "Greetings, introducing yourself, shopping at the market and travelling.",
      zh: "问候、自我介绍、市场购物和出行的日常用语。",
    },
    level: eqf(2),
    credits: ects(3),
    language: ["sw", "en"],
    mode: "online",
    audience: ["adults", "youth", "seniors"],
    country: "KE",
  },
  {
    slug: "solar-installation",
    title: {
      en: "Solar home systems: installation and repair",
      sw: "Ufungaji na ukarabati wa mifumo ya nishati ya jua",
      zh: "家用太阳能系统安装与维修",
    },
    description: {
      en: "Sizing, installing and repairing solar home systems safely.",
      sw: "Kupima, kufunga na kukarabati mifumo ya nishati ya jua kwa usalama.",
    },
    level: eqf(4),
    credits: ects(6),
    language: ["en", "sw"],
    mode: "in-person",
    audience: ["adults", "youth"],
    country: "KE",
  },
];

/** The seniors' university branch: short courses for older learners, in Chinese with English. */
export const SENIORS_COURSES: readonly SampleCourse[] = [
  {
    slug: "smartphones-for-seniors",
    title: {
      zh: "老年人数字技能入门",
      en: "Digital skills for seniors: your smartphone",
      sw: "Ujuzi wa kidijitali kwa wazee",
    },
    description: {
      zh: "用智能手机视频通话、网上挂号、扫码支付，并识别常见的电信诈骗。",
      en: "Video calls, booking a doctor, paying by QR code, and recognising common phone scams.",
    },
    level: eqf(1),
    credits: ects(1),
    language: ["zh"],
    mode: "in-person",
    audience: ["seniors"],
    country: "CN",
  },
  {
    slug: "calligraphy-and-painting",
    title: {
      zh: "书法与国画",
      en: "Chinese calligraphy and painting",
      fr: "Calligraphie et peinture chinoises",
    },
    description: {
      zh: "楷书基本笔画与花鸟画入门，每学期举办学员作品展。",
      en: "Basic strokes of regular script and bird-and-flower painting, with a learners' exhibition each term.",
    },
    level: eqf(1),
    credits: ects(2),
    language: ["zh"],
    mode: "in-person",
    audience: ["seniors"],
    country: "CN",
  },
  {
    slug: "tai-chi-healthy-living",
    title: {
      zh: "太极拳与健康生活",
      en: "Tai chi and healthy living",
      fr: "Tai-chi et vie saine",
      sw: "Tai chi na maisha yenye afya",
    },
    description: {
      zh: "二十四式太极拳、平衡训练和慢性病自我管理。",
      en: "The 24-form tai chi, balance training and managing long-term conditions.",
    },
    level: eqf(1),
    credits: ects(1),
    language: ["zh"],
    mode: "in-person",
    audience: ["seniors"],
    country: "CN",
  },
  {
    slug: "family-finance-and-scams",
    title: { zh: "家庭理财与防范诈骗", en: "Household finances and avoiding scams" },
    description: {
      zh: "养老金规划、银行理财产品的风险，以及如何识别保健品和投资骗局。",
      en: "Planning a pension, the risks of bank wealth products, and spotting health-product and investment scams.",
    },
    level: eqf(2),
    credits: ects(2),
    language: ["zh"],
    mode: "online",
    audience: ["seniors"],
    country: "CN",
  },
];
