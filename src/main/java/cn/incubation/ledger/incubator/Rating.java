package cn.incubation.ledger.incubator;

/** A carrier's annual evaluation rating (绩效评价). */
public enum Rating {
    /** 优秀. */
    EXCELLENT,
    /** 良好. */
    GOOD,
    /** 合格. */
    PASS,
    /** 不合格. */
    FAIL
}
