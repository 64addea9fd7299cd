package cn.incubation.ledger.incubator;

/** A carrier's accreditation level (认定级别), lowest first; it can only rise. */
public enum AccreditationLevel {
    /** 区级. */
    DISTRICT,
    /** 市级. */
    MUNICIPAL,
    /** 省级. */
    PROVINCIAL,
    /** 国家级 (for maker spaces: 国家备案). */
    NATIONAL
}
