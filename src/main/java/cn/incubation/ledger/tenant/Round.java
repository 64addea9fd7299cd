package cn.incubation.ledger.tenant;

/** The round or instrument of an investment a tenant received (投融资). */
public enum Round { ANGEL, SEED, PRE_A, A, B, C, LATER, GRANT, LOAN, OTHER }
