/**
 * The claim page in Arabic (Modern Standard Arabic), shown right to left. Words as in the node's other Arabic
 * texts: a certificate is «شهادة», the wallet app «تطبيق المحفظة», the PIN «الرقم السري». The reader is
 * addressed with forms written alike for a man and a woman («يُرجى …», «يمكنك», «لديك»), and a count stands
 * after a colon so that no number has to agree with its noun.
 */
import type { ClaimMessages } from "./claim-messages.ts";

export const ar: ClaimMessages = {
  languageName: "العربية",
  tabTitle: "استلام شهادتك",
  title: "شهادتك الرقمية من {centre}",
  greeting: "مرحبًا {name}،",
  intro:
    "لدى {centre} شهادة رقمية لك: {achievement}. يمكنك حفظها في تطبيق محفظة على هاتفك، وعرضها على أي شخص، في أي بلد.",
  openButton: "فتح في تطبيق محفظتي",
  qrLabel: "رمز مربع (رمز QR) لتطبيق المحفظة",
  validUntil: "يمكنك استلامها حتى {date}.",
  stepsHeading: "طريقة الاستلام",
  stepNeedWallet:
    "يلزمك على هاتفك تطبيق محفظة للشهادات الرقمية. إن لم يكن لديك تطبيق، يُرجى سؤال المركز عن التطبيق الذي ينبغي تثبيته.",
  stepSamePhone: "إذا كانت هذه الصفحة مفتوحة على هاتفك: يُرجى الضغط على الزر الكبير «فتح في تطبيق محفظتي».",
  stepOtherDevice:
    "إذا كانت هذه الصفحة مفتوحة على حاسوب: يُرجى فتح تطبيق المحفظة على هاتفك، واختيار «مسح»، ثم توجيه الكاميرا نحو الرمز المربع.",
  stepPin:
    "سيطلب تطبيق المحفظة رقمًا سريًا (PIN) عدد أرقامه: {length}. أرسله إليك المركز على حدة، في رسالة نصية أو بريد إلكتروني أو رسالة بريدية. يُرجى كتابته، ولا ينبغي إعطاؤه لأي شخص آخر أبدًا.",
  stepAccept:
    "عندما يعرض تطبيق المحفظة شهادتك، يُرجى الضغط على «قبول». أصبحت الشهادة لك الآن. يمكنك إغلاق هذه الصفحة.",
  lcwHeading: "لمستخدمي Learner Credential Wallet",
  lcwOpen: "فتح في Learner Credential Wallet",
  lcwAside:
    "لمستخدمي Learner Credential Wallet: على الهاتف المثبَّت عليه هذا التطبيق، يُرجى استخدام هذا الرابط بدلًا من ذلك:",
  lcwPinText:
    "يُرجى كتابة الرقم السري الذي أرسله إليك المركز، ثم الضغط على الزر. سيظهر رابط لتطبيق Learner Credential Wallet.",
  pinLabel: "الرقم السري (عدد أرقامه: {length})",
  pinButton: "إظهار رابط المحفظة",
  pinMissing: "يُرجى كتابة الرقم السري.",
  pinWrong: "هذا الرقم السري غير صحيح. المحاولات المتبقية: {tries}.",
  pinLocked: "كُتب الرقم السري خطأً مرات كثيرة جدًا. يُرجى التواصل مع {centre}{contact} وطلب رابط جديد.",
  pinBusy:
    "محاولات كثيرة جدًا من شبكتك قبل قليل. لم يُتحقَّق من شيء: انتظر {seconds} ثانية، ثم اكتب الرقم السري مرة أخرى.",
  helpHeading: "إذا واجهتك مشكلة",
  helpText: "شهادتك لم تضِع. يُرجى التواصل مع {centre}{contact} وطلب رابط جديد.",
  contact: " ({ways})",
  contactOr: " أو ",
  expiredHeading: "انتهت صلاحية هذا الرابط",
  expiredText:
    "انتهت مهلة استلام هذه الشهادة في {date}. شهادتك لم تضِع: يُرجى التواصل مع {centre}{contact} وطلب رابط جديد.",
  redeemedHeading: "لقد استلمت هذه الشهادة من قبل",
  redeemedText: "أُضيفت الشهادة إلى محفظة في {date}. إذا لم تكن في محفظتك، يُرجى التواصل مع {centre}{contact}.",
  revokedHeading: "سُحب هذا الرابط",
  revokedText: "سحب المركز هذا الرابط. إذا كانت لديك أسئلة، يُرجى التواصل مع {centre}{contact}.",
  lockedHeading: "هذا الرابط مُقفل",
  lockedText:
    "كُتب الرقم السري خطأً مرات كثيرة جدًا. شهادتك لم تضِع: يُرجى التواصل مع {centre}{contact} وطلب رابط جديد.",
  unknownHeading: "لم نعثر على هذا الرابط",
  unknownText: "يُرجى التأكد من نسخ العنوان كاملًا، أو طلب رابط جديد من المركز.",
  languages: "اللغة",
  txCodeDescription:
    "يُرجى كتابة الرقم السري الذي أرسله إليك {centre} على حدة (رسالة نصية أو بريد إلكتروني أو رسالة بريدية). عدد أرقامه: {length}.",
};
