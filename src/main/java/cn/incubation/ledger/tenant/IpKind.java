package cn.incubation.ledger.tenant;

/** A kind of intellectual property (知识产权) granted to a tenant. */
public enum IpKind {
    /** 发明专利. */
    INVENTION_PATENT,
    /** 实用新型. */
    UTILITY_MODEL,
    /** 外观设计. */
    DESIGN_PATENT,
    /** 软件著作权. */
    SOFTWARE_COPYRIGHT,
    /** 集成电路布图设计. */
    IC_LAYOUT,
    /** 商标. */
    TRADEMARK,
    OTHER
}
