/** Arabic (Modern Standard Arabic). Same groups as the English source; "credential" is «الشهادة». */
import type { Messages } from "./en.ts";

const skip = {
  NOT_APPLICABLE: "لا حاجة إلى هذا الفحص لهذا المستند.",
  NOT_CONFIGURED: "هذا الفحص غير مُعدّ في أداة التحقق هذه.",
  SKIPPED_AFTER_FAILURE: "لم يُفحص لأن فحصًا سابقًا لم ينجح.",
};

const document = {
  MALFORMED_JSON: "هذه ليست شهادة قابلة للقراءة: الملف تالف أو بتنسيق غير صحيح.",
  DOCUMENT_TOO_LARGE: "المستند أكبر من أن يُفحص.",
  DOCUMENT_TOO_DEEP: "المستند متداخل إلى حد يمنع فحصه بأمان.",
  CONTEXT_MISSING: "لا يذكر المستند معيار الشهادات الذي يتبعه.",
  FIELD_INVALID: "في المستند معلومة قيمتها غير مسموح بها.",
  TYPE_MISSING: "لا يذكر المستند نوعه.",
};

const context = {
  CONTEXT_UNKNOWN: "يستخدم المستند مفردات لا تعرفها أداة التحقق هذه.",
  TERM_UNDEFINED: "يستخدم المستند مصطلحًا غير معرَّف في مفرداته.",
};

const proof = {
  PROOF_MISSING: "لا يحمل المستند توقيعًا رقميًا، لذا لا يمكن التأكد من مصدره.",
  PROOF_MALFORMED: "التوقيع الرقمي تالف أو غير مكتمل.",
  PROOF_UNSUPPORTED: "المستند موقَّع بطريقة لا تدعمها أداة التحقق هذه.",
  PROOF_INVALID: "التوقيع الرقمي غير مطابق: عُدِّل المستند بعد توقيعه، أو أنه غير أصلي.",
  PROOF_PURPOSE_MISMATCH: "أُنشئ التوقيع لغرض آخر ولا يمكن قبوله هنا.",
  PROOF_CHALLENGE_MISMATCH: "لم يُنشأ التوقيع لهذا الطلب؛ قد يكون نسخة من توقيع سابق.",
  PROOF_DOMAIN_MISMATCH: "أُنشئ التوقيع لموقع أو خدمة أخرى.",
  PROOF_EXPIRED: "انتهت صلاحية التوقيع الرقمي.",
  PROOF_CREATED_IN_FUTURE: "تاريخ التوقيع في المستقبل؛ ربما تكون ساعة الموقِّع غير مضبوطة.",
};

const jwt = {
  JWT_MALFORMED: "البيانات الموقَّعة تالفة أو غير مكتملة.",
  JWT_ALG_UNSUPPORTED: "المستند موقَّع بطريقة لا تقبلها أداة التحقق هذه.",
  JWT_TYP_INVALID: "البيانات الموقَّعة موسومة بنوع مستند خاطئ.",
};

const identity = {
  DID_INVALID: "معرِّف الموقِّع غير صالح.",
  DID_METHOD_UNSUPPORTED: "يستخدم الموقِّع نوع معرِّف لا تدعمه أداة التحقق هذه.",
  DID_NOT_FOUND: "لم يُعثر على هوية الموقِّع في العنوان الذي يذكره.",
  DID_RESOLUTION_FAILED: "تعذّر الاستعلام عن هوية الموقِّع الآن. يُرجى المحاولة لاحقًا.",
  DID_NETWORK_BLOCKED: "تعذّر الاستعلام عن هوية الموقِّع: الوصول إلى الشبكة غير مسموح هنا.",
  KEY_NOT_FOUND: "المفتاح المستخدم في التوقيع ليس من مفاتيح الموقِّع المعلنة.",
  KEY_UNSUPPORTED: "مفتاح التوقيع من نوع لا تدعمه أداة التحقق هذه.",
  KEY_NOT_AUTHORIZED: "لم يأذن الموقِّع باستخدام هذا المفتاح لهذا الغرض.",
};

const status = {
  STATUS_ENTRY_INVALID: "معلومات إلغاء الشهادة غير صالحة.",
  STATUS_LIST_INVALID: "قائمة الإلغاء لدى الجهة المُصدِرة غير صالحة أو غير أصلية.",
  STATUS_LIST_FULL: "قائمة الإلغاء لدى الجهة المُصدِرة ممتلئة.",
};

const schema = {
  SCHEMA_INVALID: "لا تتبع الشهادة التنسيق القياسي الذي تذكر أنها تتبعه.",
  SCHEMA_UNKNOWN: "تذكر الشهادة تنسيقًا لا تعرفه أداة التحقق هذه، لذا لم تُفحص وفقًا له.",
};

export const ar: Messages = {
  check: {
    structure: {
      title: "المعلومات المطلوبة",
      ...skip,
      OK: "يتضمن المستند كل المعلومات المطلوبة.",
      ...document,
      FIELD_MISSING: "معلومة مطلوبة مفقودة: {{field}}.",
      DATE_INVALID: "تاريخ غير صالح: {{field}}.",
      URL_INVALID: "عنوان ويب أو معرِّف غير صالح: {{field}}.",
      CREDENTIAL_NOT_ENVELOPED:
        "أُرسلت إحدى الشهادات بشكل لا يمكن للعرض أن يحمله (رمز موقَّع مجرَّد)؛ يجب على المحفظة تغليفها. اطلب من المتعلّم مشاركتها مرة أخرى من محفظة محدَّثة.",
    },
    context: {
      title: "المفردات",
      ...skip,
      OK: "كل مصطلح في المستند معرَّف بوضوح.",
      CONTEXT_MISSING: document.CONTEXT_MISSING,
      ...context,
    },
    proof: {
      title: "التوقيع",
      ...skip,
      OK: "التوقيع الرقمي صالح: لم يُغيَّر شيء بعد التوقيع.",
      ...proof,
      ...jwt,
    },
    issuer: {
      title: "هوية الجهة المُصدِرة",
      ...skip,
      OK: "وقّعته الجهة المُصدِرة المذكورة فيه: {{issuer}}.",
      ...identity,
      KEY_CONTROLLER_MISMATCH: "وقّعه طرف غير الجهة المُصدِرة المذكورة فيه.",
    },
    validity: {
      title: "مدة الصلاحية",
      ...skip,
      OK: "صالحة حتى {{validUntil}}.",
      OK_open: "صالحة، بلا تاريخ انتهاء.",
      NOT_YET_VALID: "ليست صالحة بعد: تبدأ صلاحيتها في {{validFrom}}.",
      EXPIRED: "انتهت صلاحية الشهادة في {{validUntil}}.",
    },
    status: {
      title: "حالة الإلغاء",
      ...skip,
      OK: "لم تُلغِ الجهة المُصدِرة الشهادة ولم تعلّقها.",
      NOT_APPLICABLE: "لا تنشر الجهة المُصدِرة قائمة إلغاء لهذه الشهادة.",
      STATUS_REVOKED: "ألغت الجهة المُصدِرة هذه الشهادة في القائمة {{listUrl}}.",
      STATUS_SUSPENDED: "علّقت الجهة المُصدِرة الشهادة مؤقتًا (القائمة {{listUrl}}).",
      STATUS_LIST_UNAVAILABLE:
        "تعذّر الوصول إلى قائمة الإلغاء لدى الجهة المُصدِرة ({{listUrl}})، لذا لم يمكن التحقق من الإلغاء.",
      ...status,
    },
    schema: {
      title: "التنسيق القياسي",
      ...skip,
      OK: "تتبع الشهادة تنسيقها القياسي.",
      NOT_APPLICABLE: "لا تذكر الشهادة تنسيقًا قياسيًا لفحصها وفقه.",
      ...schema,
    },
    trust: {
      title: "العضوية في الشبكة",
      ...skip,
      OK: "معتمدة من {{anchor}} عبر {{via}} لإصدار الشهادات المصغّرة حتى المستوى {{maxLevel}} من الإطار الأوروبي للمؤهلات في المجالات {{fields}} (الولاية القضائية {{jurisdiction}}).",
      OK_direct:
        "معتمدة من {{anchor}} لإصدار الشهادات المصغّرة حتى المستوى {{maxLevel}} من الإطار الأوروبي للمؤهلات في المجالات {{fields}} (الولاية القضائية {{jurisdiction}}).",
      TRUST_OUT_OF_SCOPE_level:
        "الجهة المُصدِرة معتمدة من {{anchor}} للشهادات المصغّرة حتى المستوى {{maxLevel}} فقط؛ هذه الشهادة من المستوى {{level}}.",
      TRUST_OUT_OF_SCOPE_field:
        "الجهة المُصدِرة معتمدة من {{anchor}} للمجالات {{fields}} فقط؛ مجال هذه الشهادة هو {{field}}.",
      NOT_CONFIGURED: "لا توجد هنا قائمة بالجهات المُصدِرة الموثوقة، لذا لم يُفحص الاعتماد.",
      TRUST_UNKNOWN: "الجهة المُصدِرة ليست عضوًا معتمدًا معروفًا في الشبكة. تحقّق منها بنفسك.",
      TRUST_SUSPENDED: "علّقت {{authority}} عضوية هذه الجهة المُصدِرة في الشبكة.",
      TRUST_OUT_OF_SCOPE: "الجهة المُصدِرة عضو في الشبكة، لكنها غير معتمدة لإصدار هذه الشهادة.",
      TRUST_CHAIN_INVALID: "تعذّر تأكيد اعتماد الجهة المُصدِرة: سلسلة الإفادات الموقَّعة التي تثبته منقطعة.",
      TRUST_MARK_INVALID: "علامة اعتماد الجهة المُصدِرة غير صالحة.",
      TRUST_MARK_REVOKED: "سحبت {{authority}} اعتماد الجهة المُصدِرة.",
      TRUST_UNAVAILABLE: "تعذّر الوصول إلى سجل أعضاء الشبكة، لذا لم يمكن التحقق من الاعتماد.",
      ENTITY_STATEMENT_INVALID: "قيد الجهة المُصدِرة في سجل الشبكة تالف أو غير أصلي.",
    },
    presentation: {
      title: "حامل الشهادة",
      ...skip,
      OK: "مقدِّم العرض هو حامل الشهادة، وقد وقّع العرض.",
      HOLDER_MISMATCH: "إحدى الشهادات المقدَّمة تخص شخصًا غير مقدِّمها.",
      KEY_CONTROLLER_MISMATCH: "وقّع العرضَ طرفٌ غير الحامل المذكور فيه.",
      ...proof,
      ...identity,
    },
  },
  error: {
    BAD_REQUEST: "الطلب غير صالح.",
    MALFORMED_JSON: "البيانات ليست بتنسيق JSON صالح.",
    UNSUPPORTED_MEDIA_TYPE: "هذا النوع من المحتوى غير مقبول.",
    PAYLOAD_TOO_LARGE: "الطلب كبير جدًا.",
    UNAUTHORIZED: "يُرجى تسجيل الدخول أولًا.",
    FORBIDDEN: "غير مسموح لك بهذا الإجراء.",
    NOT_FOUND: "غير موجود.",
    CONFLICT: "يتعارض هذا مع الحالة الحالية؛ أعد التحميل وحاول مجددًا.",
    RATE_LIMITED: "طلبات كثيرة جدًا. يُرجى الانتظار قليلًا ثم المحاولة مجددًا.",
    INTERNAL: "حدث خطأ من جهتنا. يُرجى المحاولة لاحقًا.",
    UPSTREAM_UNAVAILABLE: "خدمة أخرى نعتمد عليها لا تستجيب. يُرجى المحاولة لاحقًا.",
    DOCUMENT_TOO_LARGE: document.DOCUMENT_TOO_LARGE,
    DOCUMENT_TOO_DEEP: document.DOCUMENT_TOO_DEEP,
    CONTEXT_MISSING: document.CONTEXT_MISSING,
    ...context,
    FIELD_MISSING: "معلومة مطلوبة مفقودة.",
    FIELD_INVALID: document.FIELD_INVALID,
    TYPE_MISSING: document.TYPE_MISSING,
    DATE_INVALID: "تاريخ غير صالح.",
    URL_INVALID: "عنوان ويب أو معرِّف غير صالح.",
    ...proof,
    ...jwt,
    ...identity,
    KEY_CONTROLLER_MISMATCH: "وقّع المستندَ طرفٌ غير الطرف المذكور فيه.",
    NOT_YET_VALID: "الشهادة ليست صالحة بعد.",
    EXPIRED: "انتهت صلاحية الشهادة.",
    STATUS_REVOKED: "ألغت الجهة المُصدِرة الشهادة.",
    STATUS_SUSPENDED: "الشهادة معلّقة.",
    STATUS_LIST_UNAVAILABLE: "تعذّر الوصول إلى قائمة الإلغاء.",
    ...status,
    ...schema,
    HOLDER_MISMATCH: "إحدى الشهادات تخص شخصًا غير مقدِّمها.",
    CREDENTIAL_NOT_ENVELOPED:
      "إحدى الشهادات في هذا العرض مُرسَلة كرمز موقَّع مجرَّد، ولا يمكن للعرض أن يحملها بهذا الشكل: يجب على المحفظة الرقمية تغليفها في EnvelopedVerifiableCredential، أو إرسال عرض JWT وفق VC 1.1.",
    TRUST_UNKNOWN: "الجهة المُصدِرة ليست عضوًا معتمدًا معروفًا في الشبكة.",
    TRUST_SUSPENDED: "علّقت الشبكة عضوية هذا العضو.",
    TRUST_OUT_OF_SCOPE: "هذا العضو غير معتمد لهذا الغرض.",
    TRUST_CHAIN_INVALID: "سلسلة إفادات الاعتماد منقطعة أو غير أصلية.",
    TRUST_MARK_INVALID: "علامة الاعتماد غير صالحة.",
    TRUST_MARK_REVOKED: "سُحبت علامة الاعتماد.",
    TRUST_UNAVAILABLE: "تعذّر الوصول إلى سجل أعضاء الشبكة. يُرجى المحاولة لاحقًا.",
    ENTITY_STATEMENT_INVALID: "القيد في سجل الشبكة تالف أو غير أصلي.",
    GONE: "انتهت صلاحية هذا ولم يعد متاحًا.",
    OFFER_EXPIRED: "انتهت صلاحية دعوة استلام الشهادة هذه. يُرجى طلب دعوة جديدة من المركز.",
    GRANT_INVALID: "رمز دعوة استلام الشهادة هذه غير صالح.",
    GRANT_USED: "استُخدمت دعوة استلام الشهادة هذه من قبل. يُرجى طلب دعوة جديدة من المركز.",
    TX_CODE_REQUIRED: "يُرجى إدخال رمز PIN الذي أرسله إليك المركز بشكل منفصل.",
    TX_CODE_INVALID: "رمز PIN غير صحيح.",
    TX_CODE_LOCKED:
      "أُدخل رمز PIN خاطئ مرات كثيرة جدًا: أصبحت هذه الدعوة مقفلة الآن. يُرجى طلب دعوة جديدة من المركز.",
    ACCESS_TOKEN_INVALID: "رمز الوصول مفقود أو منتهي الصلاحية أو غير صالح.",
    NONCE_INVALID: "لم يُنشأ رد المحفظة الرقمية لهذا الطلب؛ ربما يكون قديمًا. يُرجى المحاولة مجددًا.",
    AUDIENCE_MISMATCH: "أُنشئ رد المحفظة الرقمية لخدمة أخرى.",
    HOLDER_PROOF_INVALID: "لم تتمكن المحفظة الرقمية من إثبات أنها تملك المفتاح الذي ستُربط به الشهادة.",
    CREDENTIAL_CONFIGURATION_UNKNOWN: "هذا النوع من الشهادات غير متاح هنا.",
    PRESENTATION_REQUEST_EXPIRED: "انتهت صلاحية طلب الشهادة هذا. يُرجى الحصول على طلب جديد.",
    PRESENTATION_REPLAYED: "استُخدم هذا العرض من قبل لطلب آخر، ولا يمكن قبوله مرة أخرى.",
    QUERY_INVALID: "طلب الشهادات غير صالح.",
    QUERY_UNSATISFIED: "الشهادات المُشارَكة لا تطابق ما طُلب.",
    EXCHANGE_STATE_INVALID: "لا يمكن لعملية التبادل هذه تنفيذ تلك الخطوة الآن.",
    RESPONSE_ENCRYPTION_INVALID: "رد المحفظة الرقمية غير مشفّر كما يطلب هذا الطلب، أو تعذّر فك تشفيره.",
    FEED_GAP: "جزء من تدفق تحديثات الفهرس مفقود.",
    FEED_CHAIN_BROKEN: "لا يستأنف تدفق تحديثات الفهرس من حيث توقف؛ ربما يكون قد عُدِّل.",
    FEED_BEHIND_RETENTION:
      "لم يعد تدفق تحديثات الفهرس يحتفظ بتغييرات بهذا القِدم: نزِّل نسخة كاملة جديدة من الفهرس.",
    CHECKPOINT_INVALID: "نقطة التحقق في الفهرس غير صالحة أو غير أصلية.",
    RECORD_SIGNATURE_INVALID: "أحد بنود الفهرس غير موقَّع من مالكه.",
    RECORD_OWNER_UNTRUSTED: "أحد بنود الفهرس صادر عن مركز ليس عضوًا موثوقًا.",
    RECORD_EQUIVOCATION: "نشر أحد المراكز نسختين مختلفتين من البند نفسه تحت الرقم نفسه.",
    RECORD_STALE: "توجد بالفعل نسخة أحدث من هذا البند.",
    HTTP_SIGNATURE_INVALID: "توقيع الطلب مفقود أو غير صالح.",
    FEED_OWNER_QUOTA:
      "كان تدفق تحديثات الفهرس سيمنح أحد المراكز بنودًا أكثر مما تحتفظ به هذه العقدة لكل مركز: أُوقف التدفق.",
  },
  verdict: {
    verified: "تم التحقق: نجحت كل الفحوص.",
    warnings: "تم التحقق مع تحذيرات: يُرجى قراءة الملاحظات المعلَّمة بعلامة !.",
    failed: "لم يتم التحقق: لا تعتمد على هذه الشهادة.",
  },
  label: {
    credential: "الشهادة {{number}}",
    unknown: "غير معروف",
  },
};
