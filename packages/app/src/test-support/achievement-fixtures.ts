/** Achievement and profile bodies for the app's tests, as staff would send them. */

/** A multilingual micro-credential with the EU elements; POST /achievements takes it as is. */
export const DIGITAL_SKILLS = {
  slug: "digital-skills",
  name: { en: "Digital Skills for Seniors", zh: "老年人数字技能", sw: "Ujuzi wa Kidijitali kwa Wazee" },
  description: { en: "Video calls and mobile payments.", zh: "视频通话和移动支付。" },
  criteria: { narrative: { en: "Completed every session.", zh: "完成全部课程。" } },
  sourceLanguage: "en",
  achievementType: "MicroCredential",
  creditsAvailable: 2,
  ectsCredits: 2,
  workloadHours: 50,
  eqfLevel: 3,
  participationForm: "online",
  assessmentType: "Practical assessment",
  learningOutcomes: [{ text: { en: "Makes a video call", zh: "能进行视频通话" } }],
};

/** A centre profile for PUT /profile. */
export const CENTRE_PROFILE = {
  name: { en: "Nairobi Open Learning Centre", zh: "内罗毕开放学习中心" },
  sourceLanguage: "en",
  country: "KE",
  url: "https://centre.example",
};
