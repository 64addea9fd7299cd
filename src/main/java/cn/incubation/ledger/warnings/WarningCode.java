package cn.incubation.ledger.warnings;

/** The kinds of fact a filer must explain to the Torch statistics system (火炬统计), each judged by a national rule. */
public enum WarningCode {
    /** A tenant still in incubation at a carrier that closed on or before the date (已关闭载体仍有在孵企业). */
    TENANT_AT_CLOSED_CARRIER,
    /** A tenant in incubation longer than the rules allow (超过孵化时限). */
    INCUBATION_BEYOND_LIMIT,
    /** A company older at its admission than the rules allowed on that date (入孵时成立时间超限). */
    ADMITTED_TOO_OLD,
    /** A national carrier rated FAIL in as many consecutive years as cost it the qualification (国家级资格应取消). */
    ACCREDITATION_LAPSED,
    /** A national carrier whose latest rating is a single FAIL: one more and the qualification lapses (考核不合格预警). */
    ACCREDITATION_AT_RISK
}
