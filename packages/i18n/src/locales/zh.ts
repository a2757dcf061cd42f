/** Simplified Chinese (简体中文). Same groups as the English source, in the same order. */
import type { Messages } from "./en.ts";

const skip = {
  NOT_APPLICABLE: "此文件无需此项检查。",
  NOT_CONFIGURED: "本验证方未设置此项检查。",
  SKIPPED_AFTER_FAILURE: "由于前面的检查未通过，此项未检查。",
};

const document = {
  MALFORMED_JSON: "无法读取此凭证：文件已损坏或格式不正确。",
  DOCUMENT_TOO_LARGE: "文件过大，无法检查。",
  DOCUMENT_TOO_DEEP: "文件嵌套层级过深，无法安全检查。",
  CONTEXT_MISSING: "文件未注明所遵循的凭证标准。",
  FIELD_INVALID: "文件中有信息的取值不符合要求。",
  TYPE_MISSING: "文件未注明自身是哪类文件。",
};

const context = {
  CONTEXT_UNKNOWN: "文件使用了本验证方不认识的词汇表。",
  TERM_UNDEFINED: "文件使用了其词汇表中未定义的术语。",
};

const proof = {
  PROOF_MISSING: "文件没有数字签名，无法确认其来源。",
  PROOF_MALFORMED: "数字签名已损坏或不完整。",
  PROOF_UNSUPPORTED: "文件的签名方式不受本验证方支持。",
  PROOF_INVALID: "数字签名不匹配：文件在签名后被改动过，或并非真实文件。",
  PROOF_PURPOSE_MISMATCH: "该签名是为其他用途而做的，此处不能接受。",
  PROOF_CHALLENGE_MISMATCH: "该签名不是针对本次请求而做的，可能是此前签名的副本。",
  PROOF_DOMAIN_MISMATCH: "该签名是为其他网站或服务而做的。",
  PROOF_EXPIRED: "数字签名已过期。",
  PROOF_CREATED_IN_FUTURE: "签名日期晚于当前时间，签名方的时钟可能有误。",
};

const jwt = {
  JWT_MALFORMED: "签名数据已损坏或不完整。",
  JWT_ALG_UNSUPPORTED: "文件所用的签名方法不被本验证方接受。",
  JWT_TYP_INVALID: "签名数据标注的文件类型不正确。",
};

const identity = {
  DID_INVALID: "签名方的标识符无效。",
  DID_METHOD_UNSUPPORTED: "签名方使用的标识符类型不受本验证方支持。",
  DID_NOT_FOUND: "在签名方所指明的地址上找不到其身份信息。",
  DID_RESOLUTION_FAILED: "暂时无法查询签名方的身份，请稍后再试。",
  DID_NETWORK_BLOCKED: "无法查询签名方的身份：此处不允许访问网络。",
  KEY_NOT_FOUND: "签名所用的密钥不在签名方公布的密钥之列。",
  KEY_UNSUPPORTED: "签名密钥的类型不受本验证方支持。",
  KEY_NOT_AUTHORIZED: "签名方未授权此密钥用于该用途。",
};

const status = {
  STATUS_ENTRY_INVALID: "凭证的撤销信息无效。",
  STATUS_LIST_INVALID: "颁发方的撤销列表无效或不真实。",
  STATUS_LIST_FULL: "颁发方的撤销列表已满。",
};

const schema = {
  SCHEMA_INVALID: "凭证不符合其声明采用的标准格式。",
  SCHEMA_UNKNOWN: "凭证注明的格式本验证方不认识，因此未按该格式检查。",
};

export const zh: Messages = {
  check: {
    structure: {
      title: "必要信息",
      ...skip,
      OK: "文件包含所有必要信息。",
      ...document,
      FIELD_MISSING: "缺少必要信息：{{field}}。",
      DATE_INVALID: "日期无效：{{field}}。",
      URL_INVALID: "网址或标识符无效：{{field}}。",
      CREDENTIAL_NOT_ENVELOPED:
        "有一项凭证以出示内容无法携带的形式（未封装的签名令牌）发送，钱包须先将其封装。请学习者用最新版本的钱包重新分享。",
    },
    context: {
      title: "词汇",
      ...skip,
      OK: "文件中的每个术语都有明确定义。",
      CONTEXT_MISSING: document.CONTEXT_MISSING,
      ...context,
    },
    proof: {
      title: "签名",
      ...skip,
      OK: "数字签名有效：签名后内容未被改动。",
      ...proof,
      ...jwt,
    },
    issuer: {
      title: "颁发方身份",
      ...skip,
      OK: "由其声明的颁发方签名：{{issuer}}。",
      ...identity,
      KEY_CONTROLLER_MISMATCH: "签名者并非其声明的颁发方。",
    },
    validity: {
      title: "有效期",
      ...skip,
      OK: "有效期至 {{validUntil}}。",
      OK_open: "有效，无截止日期。",
      NOT_YET_VALID: "尚未生效：将于 {{validFrom}} 生效。",
      EXPIRED: "该凭证已于 {{validUntil}} 过期。",
    },
    status: {
      title: "撤销状态",
      ...skip,
      OK: "颁发方未撤销或暂停此凭证。",
      NOT_APPLICABLE: "颁发方没有为此凭证发布撤销列表。",
      STATUS_REVOKED: "该凭证已被颁发方撤销（撤销列表：{{listUrl}}）。",
      STATUS_SUSPENDED: "颁发方已暂停此凭证（列表：{{listUrl}}）。",
      STATUS_LIST_UNAVAILABLE: "无法访问颁发方的撤销列表（{{listUrl}}），因此无法确认是否已被撤销。",
      ...status,
    },
    schema: {
      title: "标准格式",
      ...skip,
      OK: "凭证符合其标准格式。",
      NOT_APPLICABLE: "凭证未注明需要检查的标准格式。",
      ...schema,
    },
    trust: {
      title: "网络成员资格",
      ...skip,
      OK: "由 {{anchor}} 经 {{via}} 认证，可颁发 EQF {{maxLevel}} 级及以下、领域为 {{fields}} 的微证书（管辖范围：{{jurisdiction}}）。",
      OK_direct:
        "由 {{anchor}} 认证，可颁发 EQF {{maxLevel}} 级及以下、领域为 {{fields}} 的微证书（管辖范围：{{jurisdiction}}）。",
      TRUST_OUT_OF_SCOPE_level:
        "颁发方经 {{anchor}} 认证，仅可颁发 EQF {{maxLevel}} 级及以下的微证书；此凭证为 {{level}} 级。",
      TRUST_OUT_OF_SCOPE_field: "颁发方经 {{anchor}} 认证，仅限领域 {{fields}}；此凭证的领域为 {{field}}。",
      NOT_CONFIGURED: "此处未设置可信颁发方名单，因此未检查认证资格。",
      TRUST_UNKNOWN: "颁发方不是本网络已知的认证成员，请自行核实颁发方。",
      TRUST_SUSPENDED: "{{authority}} 已暂停该颁发方在本网络的成员资格。",
      TRUST_OUT_OF_SCOPE: "颁发方是本网络的成员，但未获认证颁发此凭证。",
      TRUST_CHAIN_INVALID: "无法确认颁发方的认证资格：其签名声明链已断裂。",
      TRUST_MARK_INVALID: "颁发方的认证标志无效。",
      TRUST_MARK_REVOKED: "{{authority}} 已撤回该颁发方的认证资格。",
      TRUST_UNAVAILABLE: "无法访问本网络的成员名册，因此无法检查认证资格。",
      ENTITY_STATEMENT_INVALID: "颁发方在网络名册中的条目已损坏或不真实。",
    },
    presentation: {
      title: "持有人",
      ...skip,
      OK: "出示者就是持有人，并已对出示内容签名。",
      HOLDER_MISMATCH: "其中有凭证属于出示者以外的人。",
      KEY_CONTROLLER_MISMATCH: "出示内容的签名者并非其声明的持有人。",
      ...proof,
      ...identity,
    },
  },
  error: {
    BAD_REQUEST: "请求无效。",
    MALFORMED_JSON: "数据不是有效的 JSON。",
    UNSUPPORTED_MEDIA_TYPE: "不接受此类内容。",
    PAYLOAD_TOO_LARGE: "请求内容过大。",
    UNAUTHORIZED: "请先登录。",
    FORBIDDEN: "您无权执行此操作。",
    NOT_FOUND: "未找到。",
    CONFLICT: "与当前状态冲突，请刷新后重试。",
    RATE_LIMITED: "请求过于频繁，请稍候再试。",
    INTERNAL: "我们这边出了问题，请稍后再试。",
    UPSTREAM_UNAVAILABLE: "所依赖的其他服务没有响应，请稍后再试。",
    DOCUMENT_TOO_LARGE: document.DOCUMENT_TOO_LARGE,
    DOCUMENT_TOO_DEEP: document.DOCUMENT_TOO_DEEP,
    CONTEXT_MISSING: document.CONTEXT_MISSING,
    ...context,
    FIELD_MISSING: "缺少必要信息。",
    FIELD_INVALID: document.FIELD_INVALID,
    TYPE_MISSING: document.TYPE_MISSING,
    DATE_INVALID: "日期无效。",
    URL_INVALID: "网址或标识符无效。",
    ...proof,
    ...jwt,
    ...identity,
    KEY_CONTROLLER_MISMATCH: "文件的签名者并非其声明的一方。",
    NOT_YET_VALID: "该凭证尚未生效。",
    EXPIRED: "该凭证已过期。",
    STATUS_REVOKED: "该凭证已被颁发方撤销。",
    STATUS_SUSPENDED: "该凭证已被暂停。",
    STATUS_LIST_UNAVAILABLE: "无法访问撤销列表。",
    ...status,
    ...schema,
    HOLDER_MISMATCH: "有凭证属于出示者以外的人。",
    CREDENTIAL_NOT_ENVELOPED:
      "此出示内容中的一项凭证以未封装的签名令牌（JWT）形式发送，出示内容无法这样携带：钱包须将其封装为 EnvelopedVerifiableCredential，或改为发送 VC 1.1 JWT 出示内容。",
    TRUST_UNKNOWN: "颁发方不是本网络已知的认证成员。",
    TRUST_SUSPENDED: "本网络已暂停该成员的资格。",
    TRUST_OUT_OF_SCOPE: "该成员未获此项认证。",
    TRUST_CHAIN_INVALID: "认证声明链已断裂或不真实。",
    TRUST_MARK_INVALID: "认证标志无效。",
    TRUST_MARK_REVOKED: "认证标志已被撤回。",
    TRUST_UNAVAILABLE: "无法访问本网络的成员名册，请稍后再试。",
    ENTITY_STATEMENT_INVALID: "网络名册中的条目已损坏或不真实。",
    GONE: "此内容已过期，无法再获取。",
    OFFER_EXPIRED: "此凭证领取邀请已过期，请向中心索取新的邀请。",
    GRANT_INVALID: "此凭证领取邀请的代码无效。",
    GRANT_USED: "此凭证领取邀请已被使用过，请向中心索取新的邀请。",
    TX_CODE_REQUIRED: "请输入中心另行发送给您的 PIN 码。",
    TX_CODE_INVALID: "PIN 码不正确。",
    TX_CODE_LOCKED: "PIN 码输错次数过多：此邀请现已锁定，请向中心索取新的邀请。",
    ACCESS_TOKEN_INVALID: "访问令牌缺失、已过期或无效。",
    NONCE_INVALID: "钱包的应答并非针对本次请求，可能已过时，请重试。",
    AUDIENCE_MISMATCH: "钱包的应答是针对其他服务的。",
    HOLDER_PROOF_INVALID: "钱包无法证明自己持有凭证将要绑定的密钥。",
    CREDENTIAL_CONFIGURATION_UNKNOWN: "此处不提供这类凭证。",
    PRESENTATION_REQUEST_EXPIRED: "此凭证请求已过期，请索取新的请求。",
    PRESENTATION_REPLAYED: "此出示内容已用于另一项请求，不能再次接受。",
    QUERY_INVALID: "凭证请求无效。",
    QUERY_UNSATISFIED: "所分享的凭证与所要求的不符。",
    EXCHANGE_STATE_INVALID: "本次交换目前无法执行该步骤。",
    RESPONSE_ENCRYPTION_INVALID: "钱包的应答未按本次请求的要求加密，或无法解密。",
    FEED_GAP: "目录更新数据缺少一部分。",
    FEED_CHAIN_BROKEN: "目录更新数据未能从上次的位置接续，可能已被篡改。",
    FEED_BEHIND_RETENTION: "目录更新数据已不再保留这么早的更改：请下载最新快照。",
    CHECKPOINT_INVALID: "目录检查点无效或不真实。",
    RECORD_SIGNATURE_INVALID: "有一条目录记录未经其所有者签名。",
    RECORD_OWNER_UNTRUSTED: "有一条目录记录来自并非可信成员的中心。",
    RECORD_EQUIVOCATION: "某个中心以同一编号发布了同一条记录的两个不同版本。",
    RECORD_STALE: "此记录已有更新的版本。",
    HTTP_SIGNATURE_INVALID: "请求的签名缺失或无效。",
    FEED_OWNER_QUOTA: "目录更新数据会使某个中心的记录超过本节点为每个中心保留的上限：已停止同步该数据。",
  },
  verdict: {
    verified: "已验证：所有检查均通过。",
    warnings: "已验证，但有警告：请阅读标有 ! 的说明。",
    failed: "未通过验证：请勿采信此凭证。",
  },
  label: {
    credential: "凭证 {{number}}",
    unknown: "未知",
  },
};
