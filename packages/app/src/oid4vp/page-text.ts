/**
 * The words of the presentation request pages in the six languages of the node. They live beside the pages
 * (not in the shared catalogue) because only these pages use them; the report's own words come from
 * @learnbridge/i18n. `{x}` marks a value filled in by the page.
 */

export interface PageText {
  readonly newTitle: string;
  readonly newIntro: string;
  readonly achievementLabel: string;
  readonly achievementHint: string;
  readonly issuerLabel: string;
  readonly issuerHint: string;
  readonly responseModeLabel: string;
  readonly responseModePlain: string;
  readonly responseModeEncrypted: string;
  readonly responseModeHint: string;
  readonly create: string;
  readonly title: string;
  readonly scan: string;
  readonly qrAlt: string;
  readonly openLink: string;
  readonly expires: string;
  readonly pending: string;
  readonly refreshing: string;
  readonly checkAgain: string;
  readonly completed: string;
  readonly failed: string;
  readonly expired: string;
  readonly declined: string;
  readonly refused: string;
  readonly holder: string;
  readonly achievement: string;
  readonly issuer: string;
  readonly deleted: string;
  readonly newRequest: string;
}

const en: PageText = {
  newTitle: "Ask for a credential",
  newIntro: "Ask a learner to share a credential from their wallet. Fill in one of the two fields.",
  achievementLabel: "An Open Badge for this achievement",
  achievementHint: "The achievement's web address, for example https://centre.example/achievements/data-101",
  issuerLabel: "Any credential from this centre",
  issuerHint: "The centre's identifier, for example did:web:centre.example",
  responseModeLabel: "The wallet's answer",
  responseModePlain: "Sent over HTTPS (any wallet)",
  responseModeEncrypted: "Also encrypted for this request alone (direct_post.jwt)",
  responseModeHint:
    "An encrypted answer can be opened only by this centre. Choose it for wallets that support it, such as EU wallets.",
  create: "Create the request",
  title: "Credential request",
  scan: "Ask the learner to scan this code with their wallet app.",
  qrAlt: "QR code of the request for the wallet",
  openLink: "On the learner's own phone, this link opens the wallet:",
  expires: "The request can be answered until {x}.",
  pending: "Waiting for the learner's wallet to answer.",
  refreshing: "This page checks again every 10 seconds.",
  checkAgain: "Check now",
  completed: "The learner shared a credential, and every check passed.",
  failed: "The learner's wallet answered, but the credential did not pass every check.",
  expired: "The request expired before the learner answered. Please create a new one.",
  declined: "The learner's wallet declined to share: {x}.",
  refused: "A wallet's answer was refused: {x}",
  holder: "Presented by",
  achievement: "Achievement",
  issuer: "Issued by",
  deleted: "This result will be deleted at {x}.",
  newRequest: "Ask for another credential",
};

const zh: PageText = {
  newTitle: "请求出示证书",
  newIntro: "请学习者从钱包中分享一份证书。请填写以下两项中的一项。",
  achievementLabel: "此成就的开放徽章",
  achievementHint: "成就的网址，例如 https://centre.example/achievements/data-101",
  issuerLabel: "此中心颁发的任何证书",
  issuerHint: "中心的标识符，例如 did:web:centre.example",
  responseModeLabel: "钱包的应答方式",
  responseModePlain: "通过 HTTPS 发送（所有钱包均可）",
  responseModeEncrypted: "另外仅为本次请求加密（direct_post.jwt）",
  responseModeHint: "加密的应答只有本中心能够打开。若钱包支持（例如欧盟钱包），请选择此项。",
  create: "创建请求",
  title: "证书请求",
  scan: "请学习者用钱包应用扫描此二维码。",
  qrAlt: "供钱包扫描的请求二维码",
  openLink: "在学习者自己的手机上，此链接会打开钱包：",
  expires: "此请求在 {x} 之前有效。",
  pending: "正在等待学习者的钱包回应。",
  refreshing: "本页每 10 秒自动检查一次。",
  checkAgain: "立即检查",
  completed: "学习者已分享证书，所有检查均已通过。",
  failed: "学习者的钱包已回应，但证书未通过全部检查。",
  expired: "学习者回应之前请求已过期。请重新创建。",
  declined: "学习者的钱包拒绝分享：{x}。",
  refused: "一个钱包的回应被拒绝：{x}",
  holder: "出示人",
  achievement: "成就",
  issuer: "颁发机构",
  deleted: "此结果将于 {x} 删除。",
  newRequest: "请求另一份证书",
};

const fr: PageText = {
  newTitle: "Demander une attestation",
  newIntro:
    "Demandez à l'apprenant de partager une attestation depuis son portefeuille. Remplissez l'un des deux champs.",
  achievementLabel: "Un Open Badge pour cette réussite",
  achievementHint: "L'adresse web de la réussite, par exemple https://centre.example/achievements/data-101",
  issuerLabel: "Toute attestation de ce centre",
  issuerHint: "L'identifiant du centre, par exemple did:web:centre.example",
  responseModeLabel: "La réponse du portefeuille",
  responseModePlain: "Envoyée par HTTPS (tout portefeuille)",
  responseModeEncrypted: "Chiffrée en plus pour cette seule demande (direct_post.jwt)",
  responseModeHint:
    "Seul ce centre peut ouvrir une réponse chiffrée. Choisissez-la pour les portefeuilles qui le permettent, comme les portefeuilles européens.",
  create: "Créer la demande",
  title: "Demande d'attestation",
  scan: "Demandez à l'apprenant de scanner ce code avec l'application de son portefeuille.",
  qrAlt: "Code QR de la demande pour le portefeuille",
  openLink: "Sur le téléphone de l'apprenant, ce lien ouvre le portefeuille :",
  expires: "La demande peut recevoir une réponse jusqu'au {x}.",
  pending: "En attente de la réponse du portefeuille de l'apprenant.",
  refreshing: "Cette page vérifie de nouveau toutes les 10 secondes.",
  checkAgain: "Vérifier maintenant",
  completed: "L'apprenant a partagé une attestation et toutes les vérifications ont réussi.",
  failed:
    "Le portefeuille de l'apprenant a répondu, mais l'attestation n'a pas passé toutes les vérifications.",
  expired: "La demande a expiré avant la réponse de l'apprenant. Veuillez en créer une nouvelle.",
  declined: "Le portefeuille de l'apprenant a refusé de partager : {x}.",
  refused: "La réponse d'un portefeuille a été refusée : {x}",
  holder: "Présentée par",
  achievement: "Réussite",
  issuer: "Délivrée par",
  deleted: "Ce résultat sera supprimé le {x}.",
  newRequest: "Demander une autre attestation",
};

const es: PageText = {
  newTitle: "Solicitar una credencial",
  newIntro:
    "Pida al estudiante que comparta una credencial desde su billetera. Rellene uno de los dos campos.",
  achievementLabel: "Una Open Badge de este logro",
  achievementHint: "La dirección web del logro, por ejemplo https://centre.example/achievements/data-101",
  issuerLabel: "Cualquier credencial de este centro",
  issuerHint: "El identificador del centro, por ejemplo did:web:centre.example",
  responseModeLabel: "La respuesta de la cartera digital",
  responseModePlain: "Enviada por HTTPS (cualquier cartera)",
  responseModeEncrypted: "Además cifrada solo para esta solicitud (direct_post.jwt)",
  responseModeHint:
    "Solo este centro puede abrir una respuesta cifrada. Elíjala para las carteras que lo admiten, como las carteras europeas.",
  create: "Crear la solicitud",
  title: "Solicitud de credencial",
  scan: "Pida al estudiante que escanee este código con la aplicación de su billetera.",
  qrAlt: "Código QR de la solicitud para la billetera",
  openLink: "En el teléfono del propio estudiante, este enlace abre la billetera:",
  expires: "La solicitud puede responderse hasta el {x}.",
  pending: "Esperando la respuesta de la billetera del estudiante.",
  refreshing: "Esta página vuelve a comprobar cada 10 segundos.",
  checkAgain: "Comprobar ahora",
  completed: "El estudiante compartió una credencial y todas las comprobaciones se superaron.",
  failed: "La billetera del estudiante respondió, pero la credencial no superó todas las comprobaciones.",
  expired: "La solicitud caducó antes de que el estudiante respondiera. Cree una nueva.",
  declined: "La billetera del estudiante se negó a compartir: {x}.",
  refused: "Se rechazó la respuesta de una billetera: {x}",
  holder: "Presentada por",
  achievement: "Logro",
  issuer: "Emitida por",
  deleted: "Este resultado se eliminará el {x}.",
  newRequest: "Solicitar otra credencial",
};

const ar: PageText = {
  newTitle: "طلب شهادة",
  newIntro: "اطلب من المتعلم مشاركة شهادة من محفظته. املأ أحد الحقلين.",
  achievementLabel: "شارة مفتوحة لهذا الإنجاز",
  achievementHint: "عنوان الإنجاز على الويب، مثل https://centre.example/achievements/data-101",
  issuerLabel: "أي شهادة من هذا المركز",
  issuerHint: "معرّف المركز، مثل did:web:centre.example",
  responseModeLabel: "رد المحفظة الرقمية",
  responseModePlain: "يُرسَل عبر HTTPS (أي محفظة)",
  responseModeEncrypted: "ومشفّر أيضًا لهذا الطلب وحده (direct_post.jwt)",
  responseModeHint:
    "لا يستطيع فتح الرد المشفّر إلا هذا المركز. اختره للمحافظ التي تدعمه، مثل المحافظ الأوروبية.",
  create: "إنشاء الطلب",
  title: "طلب شهادة",
  scan: "اطلب من المتعلم مسح هذا الرمز بتطبيق محفظته.",
  qrAlt: "رمز الاستجابة السريعة للطلب من أجل المحفظة",
  openLink: "على هاتف المتعلم نفسه، يفتح هذا الرابط المحفظة:",
  expires: "يمكن الرد على الطلب حتى {x}.",
  pending: "في انتظار رد محفظة المتعلم.",
  refreshing: "تتحقق هذه الصفحة مجددًا كل 10 ثوانٍ.",
  checkAgain: "تحقق الآن",
  completed: "شارك المتعلم شهادة، ونجحت جميع عمليات التحقق.",
  failed: "ردّت محفظة المتعلم، لكن الشهادة لم تنجح في جميع عمليات التحقق.",
  expired: "انتهت صلاحية الطلب قبل أن يرد المتعلم. يرجى إنشاء طلب جديد.",
  declined: "رفضت محفظة المتعلم المشاركة: {x}.",
  refused: "رُفض رد إحدى المحافظ: {x}",
  holder: "قدّمها",
  achievement: "الإنجاز",
  issuer: "الجهة المصدرة",
  deleted: "ستُحذف هذه النتيجة في {x}.",
  newRequest: "طلب شهادة أخرى",
};

const sw: PageText = {
  newTitle: "Omba cheti",
  newIntro: "Mwombe mwanafunzi ashiriki cheti kutoka kwenye pochi yake. Jaza mojawapo ya sehemu mbili.",
  achievementLabel: "Beji Huria ya mafanikio haya",
  achievementHint: "Anwani ya wavuti ya mafanikio, kwa mfano https://centre.example/achievements/data-101",
  issuerLabel: "Cheti chochote kutoka kituo hiki",
  issuerHint: "Kitambulisho cha kituo, kwa mfano did:web:centre.example",
  responseModeLabel: "Jibu la pochi ya kidijitali",
  responseModePlain: "Linatumwa kupitia HTTPS (pochi yoyote)",
  responseModeEncrypted: "Pia limesimbwa kwa ajili ya ombi hili pekee (direct_post.jwt)",
  responseModeHint:
    "Jibu lililosimbwa linaweza kufunguliwa na kituo hiki pekee. Lichague kwa pochi zinazoliwezesha, kama pochi za Ulaya.",
  create: "Unda ombi",
  title: "Ombi la cheti",
  scan: "Mwombe mwanafunzi achanganue msimbo huu kwa programu ya pochi yake.",
  qrAlt: "Msimbo wa QR wa ombi kwa ajili ya pochi",
  openLink: "Kwenye simu ya mwanafunzi mwenyewe, kiungo hiki kinafungua pochi:",
  expires: "Ombi linaweza kujibiwa hadi {x}.",
  pending: "Inasubiri jibu kutoka pochi ya mwanafunzi.",
  refreshing: "Ukurasa huu hukagua tena kila sekunde 10.",
  checkAgain: "Kagua sasa",
  completed: "Mwanafunzi ameshiriki cheti, na ukaguzi wote umefaulu.",
  failed: "Pochi ya mwanafunzi imejibu, lakini cheti hakikufaulu ukaguzi wote.",
  expired: "Ombi liliisha muda kabla mwanafunzi hajajibu. Tafadhali unda jipya.",
  declined: "Pochi ya mwanafunzi ilikataa kushiriki: {x}.",
  refused: "Jibu la pochi moja lilikataliwa: {x}",
  holder: "Kimewasilishwa na",
  achievement: "Mafanikio",
  issuer: "Kimetolewa na",
  deleted: "Matokeo haya yatafutwa {x}.",
  newRequest: "Omba cheti kingine",
};

const TEXTS: Readonly<Record<string, PageText>> = { en, zh, fr, es, ar, sw };

/** The page words in `language`, English when it has none. */
export const pageText = (language: string): PageText => TEXTS[language] ?? en;
