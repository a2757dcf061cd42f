/**
 * Sample data for a centre's first start, so that a newcomer sees something at once at GET /achievements:
 * a profile ("Learnbridge Sample Centre", no country: an invented one would end up in real credentials)
 * and two multilingual micro-credentials. Staff replace the profile with PUT /profile and archive the
 * samples with PUT /achievements/:slug { …, "archived": true }.
 *
 * "First start" means a database with no signing key and no profile. Seeding is idempotent: each
 * achievement is stored as version 1 or not at all, and the profile only if absent, so a restart or a
 * second process starting at the same moment adds nothing twice.
 */
import { toXsdDateTime } from "@learnbridge/core";
import type {
  AchievementContent,
  AchievementRepository,
  CentreProfileRepository,
  KeyRepository,
} from "@learnbridge/issuer";

export const SAMPLE_PROFILE = {
  name: {
    en: "Learnbridge Sample Centre",
    zh: "Learnbridge 示例学习中心",
    sw: "Kituo cha Mfano cha Learnbridge",
  },
  sourceLanguage: "en",
} as const;

export const SAMPLE_ACHIEVEMENTS: Readonly<Record<string, AchievementContent>> = {
  "digital-skills-for-seniors": {
    name: {
      en: "Digital Skills for Seniors",
      zh: "老年人数字技能",
      sw: "Ujuzi wa Kidijitali kwa Wazee",
    },
    description: {
      en: "Using a smartphone safely: video calls, messages, mobile payments and recognising online scams.",
      zh: "安全使用智能手机：视频通话、发送消息、移动支付以及识别网络诈骗。",
      sw: "Kutumia simu janja kwa usalama: simu za video, ujumbe, malipo kwa simu na kutambua ulaghai mtandaoni.",
    },
    criteria: {
      narrative: {
        en: "Completed the eight online sessions and passed the practical assessment.",
        zh: "完成八次在线课程并通过实操考核。",
        sw: "Amekamilisha vipindi vinane vya mtandaoni na kufaulu tathmini ya vitendo.",
      },
    },
    sourceLanguage: "en",
    achievementType: "MicroCredential",
    fieldOfStudy: "Information and Communication Technologies",
    creditsAvailable: 2,
    ectsCredits: 2,
    workloadHours: 50,
    eqfLevel: 3,
    learningOutcomes: [
      {
        text: {
          en: "Makes video calls and sends messages to family and friends.",
          zh: "能与家人朋友进行视频通话和发送消息。",
          sw: "Anapiga simu za video na kutuma ujumbe kwa familia na marafiki.",
        },
      },
      {
        text: {
          en: "Recognises common online scams and protects personal data.",
          zh: "能识别常见网络诈骗并保护个人信息。",
          sw: "Anatambua ulaghai wa kawaida mtandaoni na kulinda taarifa binafsi.",
        },
      },
    ],
    assessmentType: "Practical assessment",
    participationForm: "online",
    qualityAssurance: "Reviewed by the centre's academic board",
  },
  "community-health-basics": {
    name: {
      en: "Community Health Basics",
      fr: "Notions de base en santé communautaire",
      ar: "أساسيات صحة المجتمع",
    },
    description: {
      en: "First aid, hygiene and disease prevention for community volunteers.",
      fr: "Premiers secours, hygiène et prévention des maladies pour les bénévoles communautaires.",
      ar: "الإسعافات الأولية والنظافة والوقاية من الأمراض لمتطوعي المجتمع.",
    },
    criteria: {
      narrative: {
        en: "Attended the practical sessions and passed the final assessment.",
        fr: "A suivi les séances pratiques et réussi l'évaluation finale.",
        ar: "حضر الجلسات العملية واجتاز التقييم النهائي.",
      },
    },
    sourceLanguage: "en",
    achievementType: "MicroCredential",
    fieldOfStudy: "Health",
    creditsAvailable: 3,
    ectsCredits: 3,
    workloadHours: 75,
    eqfLevel: 4,
    learningOutcomes: [
      {
        text: {
          en: "Gives first aid for common injuries.",
          fr: "Prodigue les premiers secours en cas de blessures courantes.",
          ar: "يقدّم الإسعافات الأولية للإصابات الشائعة.",
        },
      },
    ],
    assessmentType: "Practical and written assessment",
    participationForm: "blended",
    qualityAssurance: "Reviewed by the centre's academic board",
  },
};

export interface SampleStores {
  readonly keys: KeyRepository;
  readonly achievements: AchievementRepository;
  readonly profile: CentreProfileRepository;
}

/**
 * Seeds the samples on a first start of the centre at `publicUrl`; the line to print when this call stored
 * anything, else undefined. Run it before the centre creates its first key.
 */
export async function seedSampleData(
  stores: SampleStores,
  publicUrl: string,
  now: Date = new Date(),
): Promise<string | undefined> {
  if ((await stores.keys.list()).length > 0 || (await stores.profile.get())) return undefined;
  const at = toXsdDateTime(now);
  const who = { actor: "system", origin: "first start" };
  let stored = 0;
  for (const [slug, content] of Object.entries(SAMPLE_ACHIEVEMENTS)) {
    const record = { slug, content, version: 1, archived: false, createdAt: at, updatedAt: at };
    const subject = `${publicUrl.replace(/\/+$/, "")}/achievements/${slug}`;
    const entry = {
      at,
      ...who,
      action: "achievement.create",
      subject,
      details: { slug, version: 1, sample: true },
    };
    if (await stores.achievements.put(record, entry)) stored++;
  }
  // Last: the profile marks the seed as done, so a start that died half-way seeds the rest next time.
  const profileEntry = {
    at,
    ...who,
    action: "profile.update",
    subject: "profile",
    details: { sample: true },
  };
  if (await stores.profile.putIfAbsent({ ...SAMPLE_PROFILE, updatedAt: at }, profileEntry)) stored++;
  if (stored === 0) return undefined;
  return `sample data: a profile "${SAMPLE_PROFILE.name.en}" and ${Object.keys(SAMPLE_ACHIEVEMENTS).length} achievements (see /achievements); set yours with PUT /profile, archive the samples with PUT /achievements/<slug>`;
}
