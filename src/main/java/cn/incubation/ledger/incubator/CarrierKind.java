package cn.incubation.ledger.incubator;

/** The kind of an incubation carrier (孵化载体), from earliest stage to latest. */
public enum CarrierKind {
    /** 众创空间: teams and very young firms; counted with incubators in regional totals. */
    MAKER_SPACE,
    /** 科技企业孵化器: the core carrier. */
    INCUBATOR,
    /** 加速器: later-stage companies. */
    ACCELERATOR,
    /** 大学科技园. */
    UNIVERSITY_SCIENCE_PARK,
    /** 概念验证中心: proves research results before incubation. */
    CONCEPT_VERIFICATION_CENTER
}
