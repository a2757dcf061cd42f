/**
 * The words of the claim page and of the PIN prompt, written for a learner who may be over sixty and new to
 * wallets: short sentences, one step each, what to press, what to do when it fails. The node's six languages
 * (Swahili and Arabic in their own files); others fall back to English. `{name}` placeholders are filled by
 * `fill`.
 */
import { negotiateLanguage } from "@learnbridge/i18n";
import { ar } from "./claim-messages-ar.ts";
import { sw } from "./claim-messages-sw.ts";

export interface ClaimMessages {
  readonly languageName: string;
  readonly tabTitle: string;
  readonly title: string;
  readonly greeting: string;
  readonly intro: string;
  readonly openButton: string;
  readonly qrLabel: string;
  readonly validUntil: string;
  readonly stepsHeading: string;
  readonly stepNeedWallet: string;
  readonly stepSamePhone: string;
  readonly stepOtherDevice: string;
  readonly stepPin: string;
  readonly stepAccept: string;
  readonly lcwHeading: string;
  readonly lcwOpen: string;
  /** Before the Learner Credential Wallet's link when there is no PIN: a secondary way, not a second button. */
  readonly lcwAside: string;
  readonly lcwPinText: string;
  readonly pinLabel: string;
  readonly pinButton: string;
  readonly pinMissing: string;
  readonly pinWrong: string;
  readonly pinLocked: string;
  /** `{seconds}`: too many PIN attempts from this network in a minute; nothing was checked. */
  readonly pinBusy: string;
  readonly helpHeading: string;
  readonly helpText: string;
  /** `{ways}`: the centre's e-mail address and phone number, joined by `contactOr`. */
  readonly contact: string;
  readonly contactOr: string;
  readonly expiredHeading: string;
  readonly expiredText: string;
  readonly redeemedHeading: string;
  readonly redeemedText: string;
  readonly revokedHeading: string;
  readonly revokedText: string;
  readonly lockedHeading: string;
  readonly lockedText: string;
  readonly unknownHeading: string;
  readonly unknownText: string;
  readonly languages: string;
  /** The `tx_code.description` of the offer (at most 300 characters). */
  readonly txCodeDescription: string;
}

const en: ClaimMessages = {
  languageName: "English",
  tabTitle: "Receive your certificate",
  title: "Your digital certificate from {centre}",
  greeting: "Hello {name},",
  intro:
    "{centre} has a digital certificate for you: {achievement}. You can keep it in a wallet app on your phone and show it to anyone, in any country.",
  openButton: "Open in my wallet app",
  qrLabel: "Square code (QR code) for your wallet app",
  validUntil: "You can receive it until {date}.",
  stepsHeading: "How to receive it",
  stepNeedWallet:
    "You need a wallet app for digital certificates on your phone. If you do not have one, ask the centre which app to install.",
  stepSamePhone: "If you are reading this on your phone: press the big button “Open in my wallet app”.",
  stepOtherDevice:
    "If you are reading this on a computer: open the wallet app on your phone, choose “Scan”, and point the camera at the square code.",
  stepPin:
    "The wallet asks for a PIN of {length} digits. The centre sent it to you separately, by text message, email or letter. Type it in. Never tell it to anyone else.",
  stepAccept:
    "When the wallet shows your certificate, press “Accept”. It is now yours. You can close this page.",
  lcwHeading: "Do you use the Learner Credential Wallet?",
  lcwOpen: "Open in Learner Credential Wallet",
  lcwAside: "Using the Learner Credential Wallet? On the phone where it is installed, use this link instead:",
  lcwPinText:
    "Type the PIN the centre sent you and press the button. A link for the Learner Credential Wallet appears.",
  pinLabel: "PIN ({length} digits)",
  pinButton: "Show the wallet link",
  pinMissing: "Please type the PIN.",
  pinWrong: "That PIN is not right. You can try {tries} more times.",
  pinLocked: "The PIN was typed wrongly too many times. Contact {centre}{contact} and ask for a new link.",
  pinBusy:
    "Too many tries from your network just now. Nothing was checked: wait {seconds} seconds, then type the PIN again.",
  helpHeading: "If something does not work",
  helpText: "Your certificate is not lost. Contact {centre}{contact} and ask for a new link.",
  contact: " ({ways})",
  contactOr: " or ",
  expiredHeading: "This link has expired",
  expiredText:
    "The time to receive this certificate ended on {date}. Your certificate is not lost: contact {centre}{contact} and ask for a new link.",
  redeemedHeading: "You have already received this certificate",
  redeemedText: "It was added to a wallet on {date}. If it is not in your wallet, contact {centre}{contact}.",
  revokedHeading: "This link was withdrawn",
  revokedText: "The centre withdrew this link. If you have questions, contact {centre}{contact}.",
  lockedHeading: "This link is locked",
  lockedText:
    "The PIN was typed wrongly too many times. Your certificate is not lost: contact {centre}{contact} and ask for a new link.",
  unknownHeading: "We could not find this link",
  unknownText: "Please check that the whole address was copied, or ask the centre for a new link.",
  languages: "Language",
  txCodeDescription:
    "Type the {length}-digit PIN that {centre} sent you separately (text message, email or letter).",
};

const zh: ClaimMessages = {
  languageName: "中文",
  tabTitle: "领取您的证书",
  title: "{centre}颁发给您的数字证书",
  greeting: "{name}，您好：",
  intro:
    "{centre}为您准备了一份数字证书：{achievement}。您可以把它保存在手机上的钱包应用里，在任何国家向任何人出示。",
  openButton: "在我的钱包应用中打开",
  qrLabel: "供钱包应用扫描的方形二维码",
  validUntil: "领取截止日期：{date}。",
  stepsHeading: "如何领取",
  stepNeedWallet: "您的手机上需要一个存放数字证书的钱包应用。如果还没有，请向学习中心询问应安装哪个应用。",
  stepSamePhone: "如果您正在手机上阅读本页：请点按大按钮“在我的钱包应用中打开”。",
  stepOtherDevice: "如果您正在电脑上阅读本页：请打开手机上的钱包应用，选择“扫一扫”，把摄像头对准方形二维码。",
  stepPin:
    "钱包会要求您输入{length}位数的PIN码。学习中心已另行通过短信、电子邮件或信件发给您。请输入它，不要告诉任何人。",
  stepAccept: "钱包显示您的证书后，请点按“接受”。证书就归您所有了。您可以关闭本页。",
  lcwHeading: "您使用的是 Learner Credential Wallet 吗？",
  lcwOpen: "在 Learner Credential Wallet 中打开",
  lcwAside: "您使用的是 Learner Credential Wallet 吗？请在安装了它的手机上改用这个链接：",
  lcwPinText: "请输入学习中心发给您的PIN码，然后点按按钮。随后会出现一个 Learner Credential Wallet 的链接。",
  pinLabel: "PIN码（{length}位数）",
  pinButton: "显示钱包链接",
  pinMissing: "请输入PIN码。",
  pinWrong: "PIN码不正确。您还可以再试{tries}次。",
  pinLocked: "PIN码输错次数过多。请联系{centre}{contact}，申请一个新链接。",
  pinBusy: "您所在的网络刚才尝试次数过多。本次未作核对：请等待{seconds}秒，然后重新输入PIN码。",
  helpHeading: "如果遇到问题",
  helpText: "您的证书不会丢失。请联系{centre}{contact}，申请一个新链接。",
  contact: "（{ways}）",
  contactOr: "或",
  expiredHeading: "此链接已过期",
  expiredText: "领取此证书的期限已于{date}结束。您的证书不会丢失：请联系{centre}{contact}，申请一个新链接。",
  redeemedHeading: "您已经领取了此证书",
  redeemedText: "它已于{date}存入钱包。如果您的钱包里没有它，请联系{centre}{contact}。",
  revokedHeading: "此链接已被撤回",
  revokedText: "学习中心撤回了此链接。如有疑问，请联系{centre}{contact}。",
  lockedHeading: "此链接已被锁定",
  lockedText: "PIN码输错次数过多。您的证书不会丢失：请联系{centre}{contact}，申请一个新链接。",
  unknownHeading: "找不到此链接",
  unknownText: "请检查网址是否完整，或向学习中心申请一个新链接。",
  languages: "语言",
  txCodeDescription: "请输入{centre}通过短信、电子邮件或信件另行发给您的{length}位数PIN码。",
};

const fr: ClaimMessages = {
  languageName: "Français",
  tabTitle: "Recevoir votre certificat",
  title: "Votre certificat numérique de {centre}",
  greeting: "Bonjour {name},",
  intro:
    "{centre} a un certificat numérique pour vous : {achievement}. Vous pouvez le garder dans une application portefeuille sur votre téléphone et le montrer à qui vous voulez, dans tous les pays.",
  openButton: "Ouvrir dans mon portefeuille",
  qrLabel: "Code carré (code QR) pour votre application portefeuille",
  validUntil: "Vous pouvez le recevoir jusqu’au {date}.",
  stepsHeading: "Comment le recevoir",
  stepNeedWallet:
    "Il vous faut sur votre téléphone une application portefeuille pour certificats numériques. Si vous n’en avez pas, demandez au centre laquelle installer.",
  stepSamePhone:
    "Si vous lisez ceci sur votre téléphone : appuyez sur le grand bouton « Ouvrir dans mon portefeuille ».",
  stepOtherDevice:
    "Si vous lisez ceci sur un ordinateur : ouvrez l’application portefeuille de votre téléphone, choisissez « Scanner » et visez le code carré avec l’appareil photo.",
  stepPin:
    "Le portefeuille demande un code PIN de {length} chiffres. Le centre vous l’a envoyé à part, par SMS, e-mail ou courrier. Tapez-le. Ne le donnez jamais à personne.",
  stepAccept:
    "Quand le portefeuille affiche votre certificat, appuyez sur « Accepter ». Il est à vous. Vous pouvez fermer cette page.",
  lcwHeading: "Vous utilisez Learner Credential Wallet ?",
  lcwOpen: "Ouvrir dans Learner Credential Wallet",
  lcwAside:
    "Vous utilisez Learner Credential Wallet ? Sur le téléphone où elle est installée, utilisez plutôt ce lien :",
  lcwPinText:
    "Tapez le code PIN que le centre vous a envoyé et appuyez sur le bouton. Un lien pour Learner Credential Wallet apparaît.",
  pinLabel: "Code PIN ({length} chiffres)",
  pinButton: "Afficher le lien du portefeuille",
  pinMissing: "Veuillez taper le code PIN.",
  pinWrong: "Ce code PIN n’est pas le bon. Vous pouvez encore essayer {tries} fois.",
  pinLocked:
    "Le code PIN a été mal tapé trop de fois. Contactez {centre}{contact} et demandez un nouveau lien.",
  pinBusy:
    "Trop d’essais depuis votre réseau à l’instant. Rien n’a été vérifié : attendez {seconds} secondes, puis tapez à nouveau le code PIN.",
  helpHeading: "Si quelque chose ne marche pas",
  helpText: "Votre certificat n’est pas perdu. Contactez {centre}{contact} et demandez un nouveau lien.",
  contact: " ({ways})",
  contactOr: " ou ",
  expiredHeading: "Ce lien a expiré",
  expiredText:
    "Le délai pour recevoir ce certificat a pris fin le {date}. Votre certificat n’est pas perdu : contactez {centre}{contact} et demandez un nouveau lien.",
  redeemedHeading: "Vous avez déjà reçu ce certificat",
  redeemedText:
    "Il a été ajouté à un portefeuille le {date}. S’il n’est pas dans votre portefeuille, contactez {centre}{contact}.",
  revokedHeading: "Ce lien a été retiré",
  revokedText: "Le centre a retiré ce lien. Pour toute question, contactez {centre}{contact}.",
  lockedHeading: "Ce lien est bloqué",
  lockedText:
    "Le code PIN a été mal tapé trop de fois. Votre certificat n’est pas perdu : contactez {centre}{contact} et demandez un nouveau lien.",
  unknownHeading: "Nous n’avons pas trouvé ce lien",
  unknownText: "Vérifiez que l’adresse a été copiée en entier, ou demandez un nouveau lien au centre.",
  languages: "Langue",
  txCodeDescription:
    "Tapez le code PIN de {length} chiffres que {centre} vous a envoyé à part (SMS, e-mail ou courrier).",
};

const es: ClaimMessages = {
  languageName: "Español",
  tabTitle: "Reciba su certificado",
  title: "Su certificado digital de {centre}",
  greeting: "Hola, {name}:",
  intro:
    "{centre} tiene un certificado digital para usted: {achievement}. Puede guardarlo en una aplicación de cartera en su teléfono y mostrarlo a quien quiera, en cualquier país.",
  openButton: "Abrir en mi cartera",
  qrLabel: "Código cuadrado (código QR) para su aplicación de cartera",
  validUntil: "Puede recibirlo hasta el {date}.",
  stepsHeading: "Cómo recibirlo",
  stepNeedWallet:
    "Necesita en su teléfono una aplicación de cartera para certificados digitales. Si no tiene ninguna, pregunte al centro cuál instalar.",
  stepSamePhone: "Si está leyendo esto en su teléfono: pulse el botón grande «Abrir en mi cartera».",
  stepOtherDevice:
    "Si está leyendo esto en un ordenador: abra la aplicación de cartera de su teléfono, elija «Escanear» y apunte la cámara al código cuadrado.",
  stepPin:
    "La cartera le pide un PIN de {length} cifras. El centro se lo envió aparte, por SMS, correo electrónico o carta. Escríbalo. No se lo diga nunca a nadie.",
  stepAccept:
    "Cuando la cartera muestre su certificado, pulse «Aceptar». Ya es suyo. Puede cerrar esta página.",
  lcwHeading: "¿Usa Learner Credential Wallet?",
  lcwOpen: "Abrir en Learner Credential Wallet",
  lcwAside: "¿Usa Learner Credential Wallet? En el teléfono donde está instalada, use mejor este enlace:",
  lcwPinText:
    "Escriba el PIN que le envió el centro y pulse el botón. Aparecerá un enlace para Learner Credential Wallet.",
  pinLabel: "PIN ({length} cifras)",
  pinButton: "Mostrar el enlace de la cartera",
  pinMissing: "Escriba el PIN, por favor.",
  pinWrong: "Ese PIN no es correcto. Puede intentarlo {tries} veces más.",
  pinLocked:
    "El PIN se escribió mal demasiadas veces. Póngase en contacto con {centre}{contact} y pida un enlace nuevo.",
  pinBusy:
    "Demasiados intentos desde su red hace un momento. No se comprobó nada: espere {seconds} segundos y vuelva a escribir el PIN.",
  helpHeading: "Si algo no funciona",
  helpText:
    "Su certificado no se ha perdido. Póngase en contacto con {centre}{contact} y pida un enlace nuevo.",
  contact: " ({ways})",
  contactOr: " o ",
  expiredHeading: "Este enlace ha caducado",
  expiredText:
    "El plazo para recibir este certificado terminó el {date}. Su certificado no se ha perdido: póngase en contacto con {centre}{contact} y pida un enlace nuevo.",
  redeemedHeading: "Ya ha recibido este certificado",
  redeemedText:
    "Se añadió a una cartera el {date}. Si no está en su cartera, póngase en contacto con {centre}{contact}.",
  revokedHeading: "Este enlace fue retirado",
  revokedText: "El centro retiró este enlace. Si tiene preguntas, póngase en contacto con {centre}{contact}.",
  lockedHeading: "Este enlace está bloqueado",
  lockedText:
    "El PIN se escribió mal demasiadas veces. Su certificado no se ha perdido: póngase en contacto con {centre}{contact} y pida un enlace nuevo.",
  unknownHeading: "No encontramos este enlace",
  unknownText: "Compruebe que se copió la dirección completa, o pida un enlace nuevo al centro.",
  languages: "Idioma",
  txCodeDescription:
    "Escriba el PIN de {length} cifras que {centre} le envió aparte (SMS, correo electrónico o carta).",
};

/** The languages the claim page is written in, English first (the order of the node's six). */
export const CLAIM_MESSAGES: Readonly<Record<string, ClaimMessages>> = { en, zh, fr, es, ar, sw };
export const CLAIM_LANGUAGES: readonly string[] = Object.keys(CLAIM_MESSAGES);

/** The first of `preferences` (tags or Accept-Language headers) the page is written in, else English. */
export function claimLanguage(...preferences: (string | undefined)[]): string {
  for (const preference of preferences) {
    const found = preference ? negotiateLanguage(preference, CLAIM_LANGUAGES) : undefined;
    if (found) return found;
  }
  return "en";
}

/** The messages of `language` (one of CLAIM_LANGUAGES; English otherwise). */
export const claimMessages = (language: string): ClaimMessages => CLAIM_MESSAGES[language] ?? en;

/** Fills `{name}` placeholders; unknown ones stay as written. */
export const fill = (template: string, values: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
