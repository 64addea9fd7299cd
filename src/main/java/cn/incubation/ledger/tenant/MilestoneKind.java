package cn.incubation.ledger.tenant;

/** A milestone a tenant reached: certifications, awards, launches, research results transferred in. */
public enum MilestoneKind {
    /** 高新技术企业 certification. */
    HIGH_TECH_ENTERPRISE,
    /** 科技型中小企业 registration. */
    TECH_BASED_SME,
    /** 专精特新 ("specialised and sophisticated") recognition. */
    SPECIALISED_SOPHISTICATED,
    AWARD,
    PRODUCT_LAUNCH,
    /** 科技成果转化: a research result transferred in. */
    RESEARCH_TRANSFER,
    OTHER
}
