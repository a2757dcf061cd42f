/**
 * The claim page in Swahili (Kiswahili). Words as in the node's other Swahili texts: a certificate is
 * «cheti», the wallet app «programu ya pochi», a link «kiungo». Sentences avoid agreeing with the centre's
 * name (which may be written in any language): "wasiliana na {centre}", "uliyotumiwa na {centre}".
 */
import type { ClaimMessages } from "./claim-messages.ts";

export const sw: ClaimMessages = {
  languageName: "Kiswahili",
  tabTitle: "Pokea cheti chako",
  title: "Cheti chako cha kidijitali kutoka {centre}",
  greeting: "Habari {name},",
  intro:
    "Cheti cha kidijitali kutoka {centre} kinakusubiri: {achievement}. Unaweza kukiweka kwenye programu ya pochi kwenye simu yako, na kukionyesha kwa mtu yeyote, katika nchi yoyote.",
  openButton: "Fungua kwenye pochi yangu",
  qrLabel: "Msimbo wa mraba (msimbo wa QR) kwa ajili ya programu yako ya pochi",
  validUntil: "Unaweza kukipokea hadi tarehe {date}.",
  stepsHeading: "Jinsi ya kukipokea",
  stepNeedWallet:
    "Unahitaji programu ya pochi ya vyeti vya kidijitali kwenye simu yako. Kama huna, uliza kituo ni programu gani uweke kwenye simu.",
  stepSamePhone:
    "Kama unasoma ukurasa huu kwenye simu yako: bonyeza kitufe kikubwa “Fungua kwenye pochi yangu”.",
  stepOtherDevice:
    "Kama unasoma ukurasa huu kwenye kompyuta: fungua programu ya pochi kwenye simu yako, chagua “Changanua”, kisha elekeza kamera kwenye msimbo wa mraba.",
  stepPin:
    "Pochi itakuuliza PIN yenye tarakimu {length}. Kituo kilikutumia PIN hiyo kwa njia nyingine: kwa ujumbe mfupi (SMS), barua pepe au barua. Iandike. Usimwambie mtu mwingine yeyote.",
  stepAccept:
    "Pochi ikionyesha cheti chako, bonyeza “Kubali”. Sasa cheti ni chako. Unaweza kufunga ukurasa huu.",
  lcwHeading: "Je, unatumia Learner Credential Wallet?",
  lcwOpen: "Fungua kwenye Learner Credential Wallet",
  lcwAside:
    "Je, unatumia Learner Credential Wallet? Kwenye simu yenye programu hiyo, tumia kiungo hiki badala yake:",
  lcwPinText:
    "Andika PIN uliyotumiwa na kituo, kisha bonyeza kitufe. Kiungo cha Learner Credential Wallet kitatokea.",
  pinLabel: "PIN (tarakimu {length})",
  pinButton: "Onyesha kiungo cha pochi",
  pinMissing: "Tafadhali andika PIN.",
  pinWrong: "PIN hiyo si sahihi. Unaweza kujaribu mara {tries} zaidi.",
  pinLocked: "PIN imeandikwa vibaya mara nyingi mno. Wasiliana na {centre}{contact} uombe kiungo kipya.",
  pinBusy:
    "Majaribio mengi mno kutoka kwenye mtandao wako sasa hivi. Hakuna kilichokaguliwa: subiri sekunde {seconds}, kisha uandike PIN tena.",
  helpHeading: "Kama kuna kitu hakifanyi kazi",
  helpText: "Cheti chako hakijapotea. Wasiliana na {centre}{contact} uombe kiungo kipya.",
  contact: " ({ways})",
  contactOr: " au ",
  expiredHeading: "Muda wa kiungo hiki umekwisha",
  expiredText:
    "Muda wa kupokea cheti hiki uliisha tarehe {date}. Cheti chako hakijapotea: wasiliana na {centre}{contact} uombe kiungo kipya.",
  redeemedHeading: "Tayari umepokea cheti hiki",
  redeemedText:
    "Kiliwekwa kwenye pochi tarehe {date}. Kama hakimo kwenye pochi yako, wasiliana na {centre}{contact}.",
  revokedHeading: "Kiungo hiki kimeondolewa",
  revokedText: "Kituo kimeondoa kiungo hiki. Kama una maswali, wasiliana na {centre}{contact}.",
  lockedHeading: "Kiungo hiki kimefungwa",
  lockedText:
    "PIN imeandikwa vibaya mara nyingi mno. Cheti chako hakijapotea: wasiliana na {centre}{contact} uombe kiungo kipya.",
  unknownHeading: "Hatukupata kiungo hiki",
  unknownText: "Tafadhali hakikisha kwamba anwani yote ilinakiliwa, au omba kituo kiungo kipya.",
  languages: "Lugha",
  txCodeDescription:
    "Andika PIN yenye tarakimu {length} uliyotumiwa na {centre} kwa njia nyingine (ujumbe mfupi, barua pepe au barua).",
};
